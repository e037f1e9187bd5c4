"""The coach: the rules of ADVICE.md as pure functions that return findings.

Each finding carries its rule ID, a severity, a message and a suggestion. Screens show them; the CLI
prints them on stderr as `RULE-ID: message`. The wording is data (data/coach.json, data/ask_ladder.json).

- ``ask_findings``: one ask to one person, as it is typed (ASK-LADDER, NO-COLD-ASKS, RECONNECT-FIRST,
  GIVE-FIRST, SPECIFIC-ASK, MUTUAL); ``conversation_findings`` is the same for a whole conversation
  and is what `netplan log` and the conversation form call.
- ``draft_findings``: an outreach draft (PERSONAL, and LinkedIn's 300 characters for a connection note).
- ``person_findings`` / ``overall_findings`` / ``network_findings``: the Coach view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from netplan.coach import ladder, phrasing
from netplan.coach.draft import character_count, length_limit, template, template_label, templates
from netplan.coach.introducers import introducers_for, introducers_text, introduction_target, name_at_company
from netplan.coach.network import Network, network
from netplan.coach.personal import blanks, detail_hint, group_signal, personal_mention, personal_words
from netplan.coach.specific_ask import KnownNames, specific_form, vague_reason
from netplan.core import moments
from netplan.core.wording import fill, wording
from netplan.notes.model import Conversation, default_split
from netplan.store.store import Store
from netplan.targets.cadence import is_active_target
from netplan.targets.model import Person
from netplan.targets.stage import History, compute_stage

SEVERITIES = ("info", "warning", "problem")


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    message: str
    suggestion: str = ""

    def line(self) -> str:
        return f"{self.rule_id}: {self.message}"


def small_list(people: list[Person], cap: int) -> list[Finding]:
    """rule SMALL-LIST: more active targets than the cap."""
    active = sum(1 for person in people if is_active_target(person))
    if active <= cap:
        return []
    return [
        Finding(
            "SMALL-LIST",
            "warning",
            f"{active} active targets, over your cap of {cap}",
            f"Park {active - cap} so you can give the rest real attention (x parks the selected person).",
        )
    ]


def mutual(person: Person) -> list[Finding]:
    """rule MUTUAL: a target with no known need and no way you can help."""
    if not is_active_target(person) or person.needs.strip() or person.can_help.strip():
        return []
    return [
        Finding(
            "MUTUAL",
            "warning",
            "You know neither what they need nor how you could help",
            "Ask what they are working on; note what they need and one way you can help.",
        )
    ]


# wording and values ----------------------------------------------------------------------------


def worded_finding(
    rule_id: str, key: str, values: dict[str, str], suggestion_key: str = "suggestion"
) -> Finding:
    """A finding worded by data/coach.json's ``findings[key]``, filled with ``values``."""
    spec = wording("coach")["findings"][key]
    return Finding(
        rule_id, spec["severity"], fill(spec["message"], values), fill(spec[suggestion_key], values)
    )


def _article(word: str) -> str:
    return "an" if word[:1].casefold() in "aeiou" else "a"


def first_name(person: Person) -> str:
    return person.name.split()[0] if person.name.split() else person.name


def _example_values(net: Network, person: Person) -> dict[str, str]:
    target = introduction_target(net, person)
    return {
        "their_work": ladder.their_work(person),
        "company": person.company.strip() or "their company",
        "target": name_at_company(target) if target else "",
    }


# the rules -------------------------------------------------------------------------------------


def _no_cold_ask(net: Network, person: Person, key: str) -> Finding:
    """rule NO-COLD-ASKS: a stranger cannot vouch for you; go through someone who knows them."""
    found = introducers_for(net, person)
    values = {
        "name": person.name,
        "first_name": first_name(person),
        "company_or_them": person.company.strip() or "them",
        "introducers": introducers_text(found),
    }
    return worded_finding("NO-COLD-ASKS", key, values, "suggestion" if found else "suggestion_nobody")


def _ask_above_stage(net: Network, person: Person, stage: str, level: str) -> Finding:
    """rule ASK-LADDER: the ask is above what the stage allows; propose the right-sized ask."""
    highest = ladder.highest_level(stage)
    label = ladder.level_label(level)
    values = {
        "level_article": _article(label).capitalize(),
        "level": label,
        "stage_article": _article(stage),
        "stage": stage,
        "highest": ladder.level_label(highest),
        "right_sized_ask": ladder.right_sized_ask(highest),
        "example": ladder.example_ask(highest, _example_values(net, person)),
    }
    return worded_finding("ASK-LADDER", "ASK-LADDER", values)


def _give_first(net: Network, person: Person, more_asks: int, more_gives: int) -> list[Finding]:
    """rule GIVE-FIRST: asks (conversations with an ask) outnumber gives (value items given)."""
    asks, gives = net.asks_and_gives(person.id)
    asks, gives = asks + more_asks, gives + more_gives
    if asks <= gives:
        return []
    words = wording("coach")["gives"]
    can_help = person.can_help.strip().rstrip(".")
    values = {
        "name": person.name,
        "asks": str(asks),
        "gives": str(gives),
        "asks_word": words["one_ask"] if asks == 1 else words["many_asks"],
        "gives_word": words["one_give"] if gives == 1 else words["many_gives"],
        "give_idea": fill(words["with_help"], {"can_help": can_help}) if can_help else words["without_help"],
    }
    return [worded_finding("GIVE-FIRST", "GIVE-FIRST", values)]


def _specific(net: Network, person: Person, stage: str, asked: str, key: str) -> list[Finding]:
    """rule SPECIFIC-ASK: flag a vague ask and propose its specific form."""
    reason = vague_reason(asked, net.known_names())
    if not reason:
        return []
    values = _example_values(net, person)
    highest = ladder.highest_level(stage)
    suggestion = "suggestion"
    if highest and not ladder.allows(stage, "introduction"):
        suggestion = "suggestion_later"  # an introduction would be above the stage (rule ASK-LADDER)
    values |= {
        "reason": reason,
        "specific": specific_form(values["target"]),
        "example": ladder.example_ask(highest, values) if highest else "",
    }
    return [worded_finding("SPECIFIC-ASK", key, values, suggestion)]


def _dormant(net: Network, person: Person, key: str) -> list[Finding]:
    """rule RECONNECT-FIRST: no touch for settings.dormant_months (default 12)."""
    months = net.months_silent(person)
    if months is None:
        return []
    return [worded_finding("RECONNECT-FIRST", key, {"name": person.name, "months": str(months)})]


def months_silent(store: Store, person: Person) -> int | None:
    """Whole months since the last touch with ``person`` if they are dormant (rule RECONNECT-FIRST)."""
    return network(store).months_silent(person)


# The stage one conversation gives (ask_ladder.json: "new", information or advice).
FIRST_CONVERSATION_STAGE = compute_stage(History(conversations=1, touches=1))


def _ask_findings(
    net: Network, person: Person, asked: str, ask_level: str, gave: int, *, in_conversation: bool = False
) -> list[Finding]:
    stage = net.stage(person)
    if in_conversation and stage == "stranger":
        # rule NO-COLD-ASKS is about asking someone you have had no contact with ("calling strangers
        # to ask for help"). An ask made in the conversation being logged is made to someone you are
        # talking to: that conversation is the contact, so the ask is judged by the ladder at the stage
        # one conversation gives (rule ASK-LADDER: a new contact is asked for information or advice).
        stage = FIRST_CONVERSATION_STAGE
    level = ask_level or ladder.infer_level(asked)
    findings: list[Finding] = []
    if stage == "stranger":
        findings.append(_no_cold_ask(net, person, "NO-COLD-ASKS"))
    elif level and not ladder.allows(stage, level):
        findings.append(_ask_above_stage(net, person, stage, level))
    findings += _dormant(net, person, "RECONNECT-FIRST")
    findings += _give_first(net, person, more_asks=1, more_gives=gave)
    if asked:
        findings += _specific(net, person, stage, asked, "SPECIFIC-ASK")
    findings += mutual(person)
    return findings


def ask_findings(
    store: Store,
    person: Person,
    asked_text: str,
    ask_level: str,
    *,
    gave_count: int = 0,
    in_conversation: bool = False,
) -> list[Finding]:
    """The coach on one ask to ``person`` before it is saved: pure, and fast enough for every keystroke.

    ``ask_level`` is one of ASK_LEVELS or "" (then the level is read from the text, if it can be);
    ``gave_count`` is how many pieces of value the same conversation gives (rule GIVE-FIRST);
    ``in_conversation``: the ask was made in a conversation being logged, which is itself a contact
    (rule NO-COLD-ASKS). No ask (no text, no level) means no findings.
    """
    asked = asked_text.strip()
    if not asked and not ask_level:
        return []
    return _ask_findings(
        network(store), person, asked, ask_level, gave_count, in_conversation=in_conversation
    )


def listen_share(conversation: Conversation) -> list[Finding]:
    """rule LISTEN-20-10: flag a conversation where less than two thirds of the time was on them."""
    share = conversation.listen_share
    if share is None or not conversation.below_listen_target:
        return []
    # The target for this conversation's real length: 30 of 45 minutes, not "20 of 30" (issue 15).
    total = conversation.listen_minutes + conversation.ask_minutes
    target, _ = default_split(total)
    return [
        Finding(
            "LISTEN-20-10",
            "warning",
            f"{round(share * 100)}% of the time was on them; aim for at least two thirds "
            f"({target} of {total} minutes)",
        )
    ]


def conversation_findings(store: Store, person: Person, conversation: Conversation) -> list[Finding]:
    """The coach on a conversation, before it is saved (so it sees the history without it): the listen
    share (LISTEN-20-10) and the ask (ASK-LADDER, NO-COLD-ASKS, RECONNECT-FIRST, GIVE-FIRST, SPECIFIC-ASK,
    MUTUAL). The conversation itself is a contact: an ask in the first one is not a cold ask.
    `netplan log` and the note form both call this; each (rule, message) comes once."""
    found: dict[tuple[str, str], Finding] = {}
    if conversation.needs.strip():
        # What they need, noted here, is what the person needs once it is saved (issue 15 item 6):
        # the coach sees it too, rather than saying "you know neither what they need..." (rule MUTUAL).
        person = replace(person, needs=conversation.needs.strip())
    gave = len(conversation.gave)
    asks = ask_findings(
        store, person, conversation.asked, conversation.ask_level, gave_count=gave, in_conversation=True
    )
    for finding in [*listen_share(conversation), *asks]:
        found.setdefault((finding.rule_id, finding.message), finding)
    return list(found.values())


def vague_ask(asked_text: str, known_names: Iterable[str] | KnownNames = ()) -> list[Finding]:
    """rule SPECIFIC-ASK with no person in hand (an event's one ask): flag a vague ask.

    netplan.events.prep looks this up by name for the event checklist's findings.
    """
    reason = vague_reason(asked_text, known_names)
    if not reason:
        return []
    return [worded_finding("SPECIFIC-ASK", "SPECIFIC-ASK", {"reason": reason, "specific": specific_form("")})]


# drafts ------------------------------------------------------------------------------------------


def relationship(net: Network, person: Person) -> str:
    """How you stand with ``person``, for the outreach templates: "dormant" (silent for the dormant
    months: rule RECONNECT-FIRST), "stranger" (never in touch: no conversation, meeting or touch) or
    "met"."""
    if net.months_silent(person) is not None:
        return "dormant"
    if net.stage(person) == "stranger" and not person.last_touch:
        return "stranger"
    return "met"


def right_sized_template(net: Network, person: Person, *, asking: bool = True) -> str:
    """The template that fits how you stand with ``person`` (rules RECONNECT-FIRST, NO-COLD-ASKS,
    ASK-LADDER): a reconnect note after a long silence, a connection note to a stranger; else, for an
    ask, the biggest one their stage allows (an informational request to someone new), and for a note
    that asks nothing, the thank-you once you have talked."""
    relation = relationship(net, person)
    if relation == "dormant":
        return "reconnect"
    if relation == "stranger":
        return "connection"
    stage = net.stage(person)
    allowed = [spec for spec in templates() if spec.get("ask") and ladder.allows(stage, spec["ask"])]
    if asking and allowed:
        return str(max(allowed, key=lambda spec: ladder.level_rank(spec["ask"]))["id"])
    return "thank-you" if net.conversations(person.id) else "connection"


def _propose(net: Network, person: Person, template_id: str, finding: Finding) -> Finding:
    """The finding, its suggestion ending with the right-sized template (the composer's ctrl+r)."""
    better = right_sized_template(net, person, asking=bool(template(template_id).get("ask")))
    if better == template_id:
        return finding
    words = wording("outreach_templates")["fits"]
    proposal = fill(words["suggestion"], {"label": template_label(better), "id": better})
    return replace(finding, suggestion=f"{finding.suggestion} {proposal}".strip())


_MISFITS = {
    ("reconnect", "met"): "reconnect-met",
    ("reconnect", "stranger"): "reconnect-stranger",
    ("thank-you", "stranger"): "thank-you-stranger",
    ("connection", "dormant"): "connection-dormant",
}


def template_findings(store: Store, person: Person, template_id: str) -> list[Finding]:
    """The coach on the template chosen for ``person``, before a word is typed: the ask it makes,
    judged by the same rules as any ask (ASK-LADDER, NO-COLD-ASKS, RECONNECT-FIRST, GIVE-FIRST: one
    rule set for the Coach view and the composer, issue 15), and whether it fits the relationship
    (no reconnect wording to someone met today). Each proposes the right-sized template."""
    net = network(store)
    findings: list[Finding] = []
    level = str(template(template_id).get("ask", ""))
    if level:
        keep = ("NO-COLD-ASKS", "ASK-LADDER", "RECONNECT-FIRST")
        findings += [f for f in _ask_findings(net, person, "", level, 0) if f.rule_id in keep]
        # rule GIVE-FIRST as the Coach view has it: asks already outnumber gives (a first request
        # that offers help, as every template does, is not flagged).
        findings += _give_first(net, person, more_asks=0, more_gives=0)
    misfit = _MISFITS.get((template_id, relationship(net, person)))
    if misfit:
        values = {
            "first_name": first_name(person),
            "when": _last_touch_words(store, person),
            "months": str(net.months_silent(person) or ""),
        }
        fits = wording("outreach_templates")["fits"]
        findings.append(Finding("PERSONAL", "warning", fill(fits[misfit], values)))
    return [_propose(net, person, template_id, finding) for finding in findings]


def _last_touch_words(store: Store, person: Person) -> str:
    """ "today", "yesterday", "5 days ago", "on 3 March 2026"."""
    if not person.last_touch:
        return "lately"
    day = moments.local_date(person.last_touch, store.clock.tz)
    days = store.clock.today().toordinal() - day.toordinal()
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago" if days < 60 else f"on {day.day} {day.strftime('%B %Y')}"


def entry_findings(person: Person, template_id: str) -> list[Finding]:
    """rule PERSONAL: an entry the template would use but cannot put into a sentence ("How I can
    help" written as a note about them, "What they need" written as a note to yourself) is left out
    of the draft; say so, and what to write instead."""
    body = " ".join(template(template_id)["bodies"].values())
    checks = []
    if "{offer}" in body and person.can_help.strip():
        checks.append(("CAN-HELP", person.can_help, phrasing.offer_sentence(person.can_help, person.name)))
    if "{needs_sentence}" in body and person.needs.strip():
        checks.append(("NEEDS", person.needs, phrasing.needs_sentence(person.needs, person.name)))
    return [
        worded_finding("PERSONAL", f"PERSONAL-ENTRY-{field}", {"entry": entry.strip()})
        for field, entry, sentence in checks
        if not sentence
    ]


def draft_findings(
    store: Store, person: Person, template_id: str, text: str, *, words: set[str] | None = None
) -> list[Finding]:
    """The coach on an outreach draft: the template's ask and fit (``template_findings``), entries it
    had to leave out, and rule PERSONAL on the text: too long for the template, blanks left, several
    recipients, or nothing specific to the person. ``words`` = personal_words(store, person), when
    the caller keeps them between keystrokes. No finding: the composer says "good to send"."""
    if not text.strip():
        return []
    findings = template_findings(store, person, template_id) + entry_findings(person, template_id)
    first = first_name(person)
    limit = length_limit(template_id)
    count = character_count(text)
    if limit is not None and count > limit:
        values = {"count": str(count), "limit": str(limit), "over": str(count - limit)}
        findings.append(worded_finding("PERSONAL", "PERSONAL-LIMIT", values))
    signal = group_signal(text)
    if signal:
        findings.append(worded_finding("PERSONAL", "PERSONAL-RECIPIENTS", {"why": signal}))
    gaps = blanks(text)
    if gaps:
        findings.append(
            worded_finding(
                "PERSONAL", "PERSONAL-PLACEHOLDER", {"blanks": ", ".join(gaps), "first_name": first}
            )
        )
    mine = personal_words(store, person) if words is None else words
    if not personal_mention(text, mine):
        values = {
            "first_name": first,
            "company_or_them": person.company.strip() or "their company",
            "detail": detail_hint(person),
        }
        findings.append(worded_finding("PERSONAL", "PERSONAL", values))
    return findings


# the Coach view ----------------------------------------------------------------------------------


def _person_findings(net: Network, person: Person) -> list[Finding]:
    findings = list(mutual(person))
    if person.is_type:
        return findings
    stage = net.stage(person)
    if stage == "stranger" and is_active_target(person):
        findings.append(_no_cold_ask(net, person, "NO-COLD-TARGET"))
    findings += _dormant(net, person, "RECONNECT-DORMANT")
    findings += _give_first(net, person, more_asks=0, more_gives=0)
    asked = [c for c in net.conversations(person.id) if c.has_ask]
    if asked:
        findings += _specific(net, person, stage, asked[-1].asked, "SPECIFIC-ASK-LAST")
    words: set[str] | None = None
    for draft in net.drafts(person.id):
        words = personal_words(net.store, person) if words is None else words
        if draft.text.strip() and not personal_mention(draft.text, words):
            findings.append(
                worded_finding("PERSONAL", "PERSONAL-DRAFT", {"template": template_label(draft.template)})
            )
    return findings


def person_findings(store: Store, person: Person) -> list[Finding]:
    """Everything the coach has to say about one person, with no ask in hand."""
    return _person_findings(network(store), person)


def network_findings(store: Store) -> list[tuple[Person, list[Finding]]]:
    """Each person (not parked) with something to say, by name."""
    net = network(store)
    found = []
    for person in sorted(net.people, key=lambda p: (p.name.casefold(), p.id)):
        if person.parked:
            continue
        findings = _person_findings(net, person)
        if findings:
            found.append((person, findings))
    return found


def list_findings(store: Store) -> list[Finding]:
    """Findings about the list as a whole (rule SMALL-LIST)."""
    net = network(store)
    return small_list(net.people, net.settings.target_cap)


def overall_findings(store: Store) -> list[Finding]:
    """The whole network: the list's findings, then each person's, their name leading the message."""
    per_person = [
        replace(finding, message=f"{person.name}: {finding.message}")
        for person, findings in network_findings(store)
        for finding in findings
    ]
    return list_findings(store) + per_person
