"""The notes models: validation that names the field, minutes, future limits, literal hostile text."""

from __future__ import annotations

from datetime import datetime

import pytest

from netplan.core import moments
from netplan.core.clock import FixedClock
from netplan.core.errors import ValidationError
from netplan.notes.model import (
    ASK_LEVELS,
    Conversation,
    FollowUp,
    GivenValue,
    InboundRequest,
    Promise,
    default_split,
)
from netplan.store.store import Store

HOSTILE = "[/] x [/ [@click=app.quit]x \x1b]0;pwned\x07 \x1b[2J \u202e"
WHEN = "2026-11-24T10:00:00+01:00"


def conversation(**changes: object) -> Conversation:
    fields: dict[str, object] = {"person_id": 1, "when": WHEN}
    fields.update(changes)
    return Conversation(**fields)  # type: ignore[arg-type]


def test_defaults_are_a_thirty_minute_coffee_split_twenty_ten() -> None:
    # rule LISTEN-20-10
    clean = conversation().validated()
    assert (clean.kind, clean.duration_minutes, clean.listen_minutes, clean.ask_minutes) == (
        "coffee",
        30,
        20,
        10,
    )
    assert clean.listen_share == pytest.approx(2 / 3)
    assert not clean.below_listen_target
    assert default_split(30) == (20, 10)
    assert default_split(45) == (30, 15)


def test_listen_plus_ask_over_the_duration_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        conversation(listen_minutes=25, ask_minutes=10).validated()
    assert caught.value.field == "listen_minutes"
    assert "35" in str(caught.value) and "30" in str(caught.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration_minutes", -1),
        ("listen_minutes", -5),
        ("ask_minutes", 2.5),
        ("listen_minutes", "ten"),
        ("duration_minutes", True),
        ("duration_minutes", 100_000),
    ],
)
def test_minutes_must_be_whole_and_non_negative(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        conversation(**{field: value}).validated()
    assert caught.value.field == field


def test_minutes_typed_as_text_in_a_form_become_numbers() -> None:
    clean = conversation(duration_minutes="45", listen_minutes=" 30 ", ask_minutes="15").validated()
    assert (clean.duration_minutes, clean.listen_minutes, clean.ask_minutes) == (45, 30, 15)


def test_when_needs_a_date_time_and_an_offset() -> None:
    for bad in ("2026-11-24", "2026-11-24T10:00", "yesterday", ""):
        with pytest.raises(ValidationError) as caught:
            conversation(when=bad).validated()
        assert caught.value.field == "when"


def test_a_conversation_in_the_future_is_refused(clock: FixedClock) -> None:
    """Issue 15 item 5: a conversation logged for 2027 (or this afternoon) would keep its person from
    ever slipping; only a clock a few minutes ahead is forgiven."""
    now = clock.now()
    assert conversation(when=moments.to_iso(now)).validated_at(now).when
    assert conversation(when=moments.to_iso(now.add(minutes=4))).validated_at(now).when
    for ahead in (now.add(hours=2), now.add(days=3), now.add(years=1)):
        with pytest.raises(ValidationError) as caught:
            conversation(when=moments.to_iso(ahead)).validated_at(now)
        assert caught.value.field == "when"
        assert "in the future" in caught.value.message


def test_the_split_must_add_up_to_the_length(clock: FixedClock) -> None:
    """Issue 15 item 7 (rule LISTEN-20-10): 45 minutes split 20/1 is refused, 30/15 is fine."""
    now = clock.now()
    when = moments.to_iso(now.subtract(hours=1))
    with pytest.raises(ValidationError) as caught:
        conversation(when=when, duration_minutes=45, listen_minutes=20, ask_minutes=1).validated_at(now)
    assert caught.value.field == "listen_minutes"
    assert "= 21 minutes" in caught.value.message and "45" in caught.value.message
    clean = conversation(when=when, duration_minutes=45, listen_minutes=30, ask_minutes=15).validated_at(now)
    assert (clean.listen_minutes, clean.ask_minutes) == (30, 15)


def test_kinds_ask_levels_and_given_values_are_checked() -> None:
    assert ASK_LEVELS == ("catch-up", "advice", "feedback", "introduction", "referral")  # rule ASK-LADDER
    for level in ("", *ASK_LEVELS):
        assert conversation(ask_level=level).validated().ask_level == level
    with pytest.raises(ValidationError) as caught:
        conversation(ask_level="a job").validated()
    assert caught.value.field == "ask_level"
    with pytest.raises(ValidationError) as caught:
        conversation(kind="carrier pigeon").validated()
    assert caught.value.field == "kind"
    with pytest.raises(ValidationError) as caught:
        conversation(gave=[GivenValue("money", "cash")]).validated()
    assert caught.value.field == "gave 1 kind"
    with pytest.raises(ValidationError) as caught:
        conversation(gave=[GivenValue("person", "Pat"), GivenValue("other", "  ")]).validated()
    assert caught.value.field == "gave 2"


def test_hostile_text_is_stored_and_read_back_literally(store: Store) -> None:
    from netplan.targets.model import Person

    person = store.insert(Person(name=HOSTILE))
    saved = store.insert(
        conversation(
            person_id=person.id,
            needs=HOSTILE,
            asked=HOSTILE,
            notes=HOSTILE,
            gave=[GivenValue("strategy", HOSTILE)],
        ).validated()
    )
    reopened = Store.open(store.path, readonly=True)
    again = reopened.get(Conversation, saved.id)
    assert again is not None
    assert again.needs == again.asked == again.notes == again.gave[0].text == HOSTILE.strip()
    assert again.gave == [GivenValue("strategy", HOSTILE.strip())]


def test_promise_follow_up_and_inbound_validate_their_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        Promise(1, 1, "us", "x", WHEN).validated()
    assert caught.value.field == "by"
    with pytest.raises(ValidationError) as caught:
        Promise(1, 1, "me", " ", WHEN).validated()
    assert caught.value.field == "text"
    with pytest.raises(ValidationError) as caught:
        FollowUp(person_id=1, due=WHEN, text="hi", nudge=4).validated()
    assert caught.value.field == "nudge"
    with pytest.raises(ValidationError) as caught:
        FollowUp(person_id=1, due=WHEN, text="hi", status="forgotten").validated()
    assert caught.value.field == "status"
    with pytest.raises(ValidationError) as caught:
        InboundRequest(person_id=1, received=WHEN, about="x", reply_due="soon").validated()
    assert caught.value.field == "reply_due"
    stored = FollowUp(person_id=1, due=datetime.fromisoformat(WHEN).isoformat(), text="hi").validated()
    assert stored.is_open and stored.due == WHEN
