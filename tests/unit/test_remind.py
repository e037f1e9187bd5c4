"""`netplan remind`: each due item once through Apprise, to a local HTTP server (json://), while a
planner holds the writer lock."""

from __future__ import annotations

import http.server
import json
import stat
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from netplan.core import moments
from netplan.core.clock import Clock, FixedClock
from netplan.interchange.remind import apprise_sender, send_due, sent_path
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.processes import lock_held, run_netplan
from tests.unit.reach_data import reach_week

HOSTILE = "Evil [@click=app.quit]x [/] \x1b]0;pwned\x07\u202e"


class Hook:
    """A local HTTP server that keeps every JSON body posted to it."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        hook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
                length = int(self.headers.get("Content-Length", 0))
                hook.received.append(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/hook"

    def take(self) -> list[str]:
        """The messages received since the last take."""
        messages = [f"{body['title']} | {body['message']}" for body in self.received]
        self.received.clear()
        return messages


@pytest.fixture
def hook() -> Iterator[Hook]:
    server = Hook()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def remind_on(data_file: Path, day_and_time: str, hook: Hook) -> list[str]:
    with Store.open(data_file, readonly=True, clock=FixedClock(day_and_time, tz="Europe/Berlin")) as store:
        result = send_due(store, apprise_sender([hook.url]))
    assert not result.failed
    return hook.take()


def test_each_due_item_is_sent_once_while_the_planner_holds_the_lock(
    store: Store, data_file: Path, hook: Hook
) -> None:
    reach_week(store)
    store.close()
    with lock_held(data_file):
        first = remind_on(data_file, "2026-11-24T09:30:00", hook)
        assert sorted(first) == [
            "netplan: arrive by 18:10 | Staff+ Meetup at Kulturbrauerei starts 18:30; arrive by 18:10",
            "netplan: promise due | Marcus Oyelaran: I promised: Send the deck (due Tue 24 Nov 17:00)",
        ]
        assert remind_on(data_file, "2026-11-24T12:00:00", hook) == []  # a second run sends nothing new
        # the next day: the follow-up (48 hours after the coffee) and the reply are due; the
        # promise, still open, is not sent again, and the past event is not either
        next_day = remind_on(data_file, "2026-11-25T12:00:00", hook)
        assert [message.split(" | ")[0] for message in next_day] == [
            "netplan: follow-up due",
            "netplan: reply due",
        ]
    record = sent_path(data_file)
    assert record.parent == data_file.parent and stat.S_IMODE(record.stat().st_mode) == 0o600


def test_the_cli_sends_through_apprise_once_and_prints_instead_when_asked(
    data_file: Path, hook: Hook, tmp_path: Path
) -> None:
    now = Clock().now()  # the CLI runs on the real clock: a promise due an hour ago is due today
    with Store.open(data_file) as store:
        person = store.insert(Person(name=HOSTILE))
        due = moments.to_iso(now - timedelta(hours=1))
        log_conversation(
            store,
            Conversation(person_id=person.id, when=moments.to_iso(now - timedelta(days=3))),
            [("Deck", due)],
        )
    with lock_held(data_file):
        sent = run_netplan("--db", str(data_file), "remind", "--to", hook.url)
        assert sent.returncode == 0, sent.stderr
        messages = hook.take()
        # the promise and the follow-up of the coffee three days ago (48 hours after it)
        assert len(messages) == 2 and "sent 2 reminders" in sent.stdout
        assert all("\x1b" not in m and "\u202e" not in m for m in messages)  # control characters stripped
        again = run_netplan("--db", str(data_file), "remind", "--to", hook.url)
        assert (again.returncode, again.stdout, hook.take()) == (0, "", [])
    other = tmp_path / "other.json"
    with Store.open(other) as store:
        person = store.insert(Person(name="Lena Fischer"))
        log_conversation(
            store, Conversation(person_id=person.id, when=moments.to_iso(now - timedelta(days=3)))
        )
    printed = run_netplan("--db", str(other), "remind", "--print")
    assert printed.returncode == 0 and printed.stdout.startswith(
        "netplan: follow-up due: Lena Fischer: Thank"
    )
    assert run_netplan("--db", str(other), "remind", "--print").stdout == ""


def test_a_failed_send_is_not_recorded_and_goes_out_next_time(
    store: Store, data_file: Path, hook: Hook
) -> None:
    reach_week(store)
    store.close()
    closed = Hook()
    down = closed.url
    closed.server.server_close()  # nothing listens there now
    with Store.open(
        data_file, readonly=True, clock=FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")
    ) as ro:
        result = send_due(ro, apprise_sender([down]))
    assert len(result.failed) == 2 and not result.sent
    assert len(remind_on(data_file, "2026-11-24T09:45:00", hook)) == 2


def test_a_url_apprise_cannot_use_is_bad_input_and_names_only_the_scheme(data_file: Path) -> None:
    with Store.open(data_file):
        pass
    done = run_netplan("--db", str(data_file), "remind", "--to", "nosuchservice://secret-token@host")
    assert done.returncode == 1
    assert "nosuchservice://…" in done.stderr and "secret-token" not in done.stderr
    assert "Traceback" not in done.stderr
