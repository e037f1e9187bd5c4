"""`netplan remind`: each due item once, through Apprise (ntfy, email, a JSON webhook, the desktop...).

Due means what the agenda shows for today (rule FOLLOW-48H, FOLLOW-THROUGH, ALWAYS-RESPOND: open
follow-ups, promises and replies due today or overdue) and today's events that have not started,
with their arrive-by time (rule ARRIVE-EARLY).

It reads the data file without the writer lock (a read-only store), so it runs while the planner is
open. What was sent is kept beside the data file in ``<data file>.reminded`` (0600, written
atomically): one key per item and due moment, so a second run sends nothing new, while a follow-up
moved to a new day (a nudge, a snooze) is a new reminder. Keys of items no longer due are dropped.
A reminder that fails to send is not recorded: the next run tries it again.

One message per item, naming one person, never an address (rule PERSONAL).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from netplan.agenda import AgendaItem, agenda_for
from netplan.core import moments
from netplan.core.errors import ValidationError
from netplan.core.text import safe_text
from netplan.store.storage import atomic_write_bytes
from netplan.store.store import Store

_TITLES = {"follow_up": "follow-up due", "promise": "promise due", "reply": "reply due"}
# Apprise's own desktop notifications, by platform, when no URL is given or configured.
_DESKTOP = {"linux": "dbus://", "darwin": "macosx://", "win32": "windows://"}


@dataclass(frozen=True)
class Reminder:
    key: str  # the item and its due moment: "promise/3@2026-11-27T17:00:00+01:00"
    title: str
    body: str


Send = Callable[[Reminder], bool]


@dataclass
class RemindResult:
    sent: list[Reminder] = field(default_factory=list)
    failed: list[Reminder] = field(default_factory=list)
    already: int = 0  # due, but sent by an earlier run


def sent_path(data_file: Path) -> Path:
    """Where what was sent is kept: beside the data file (like its ``.lock``)."""
    return data_file.with_name(data_file.name + ".reminded")


def _item(item: AgendaItem, store: Store) -> Reminder:
    due = moments.local(item.due, store.clock.tz).strftime("%a %d %b %H:%M")
    late = "overdue since" if item.overdue else "due"
    body = safe_text(f"{item.person}: {item.text} ({late} {due})")
    return Reminder(f"{item.kind}/{item.id}@{item.due}", f"netplan: {_TITLES[item.kind]}", body)


def due_reminders(store: Store) -> list[Reminder]:
    """Today's due follow-ups, promises and replies (overdue first), then today's events to come."""
    agenda = agenda_for(store)
    reminders = [_item(item, store) for item in (*agenda.follow_ups, *agenda.promises, *agenda.replies)]
    now = store.clock.now()
    for event in agenda.events:
        if moments.parse(event.start) <= now:
            continue
        arrive = moments.local(event.arrive_by, store.clock.tz).strftime("%H:%M")
        start = moments.local(event.start, store.clock.tz).strftime("%H:%M")
        where = f" at {event.where}" if event.where else ""
        body = safe_text(f"{event.title}{where} starts {start}; arrive by {arrive}")
        reminders.append(
            Reminder(f"event/{event.id}@{event.arrive_by}", f"netplan: arrive by {arrive}", body)
        )
    return reminders


def _load_sent(path: Path) -> dict[str, str]:
    try:
        document: Any = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, orjson.JSONDecodeError) as exc:
        print(safe_text(f"netplan: {path} cannot be read ({exc}); starting it again"), file=sys.stderr)
        return {}
    sent = document.get("sent") if isinstance(document, dict) else None
    return {str(k): str(v) for k, v in sent.items()} if isinstance(sent, dict) else {}


def send_due(store: Store, send: Send) -> RemindResult:
    """Send each due reminder not sent before; record those sent (atomically, 0600)."""
    path = sent_path(store.path)
    due = due_reminders(store)
    before = _load_sent(path)
    keys = {reminder.key for reminder in due}
    record = {key: at for key, at in before.items() if key in keys}  # no longer due: forgotten
    result = RemindResult()
    try:
        for reminder in due:
            if reminder.key in record:
                result.already += 1
            elif send(reminder):
                record[reminder.key] = moments.to_iso(store.clock.now())
                result.sent.append(reminder)
            else:
                result.failed.append(reminder)
    finally:
        if record != before:
            _save_sent(path, record)
    return result


def _save_sent(path: Path, record: dict[str, str]) -> None:
    try:
        atomic_write_bytes(path, orjson.dumps({"sent": record}, option=orjson.OPT_INDENT_2))
    except OSError as exc:  # sent, but not recorded: the next run would send them again
        raise ValidationError(str(path), f"cannot be written ({exc.strerror or exc})") from None


def print_sender(reminder: Reminder) -> bool:
    print(f"{reminder.title}: {reminder.body}")
    return True


def _scheme(url: str) -> str:
    """Only the scheme of a URL in messages: the rest may hold a token or a password."""
    return url.split("://", 1)[0] + "://…" if "://" in url else "(not a URL)"


def apprise_sender(urls: list[str]) -> Send:
    """Send through Apprise: ``urls``; else Apprise's own configuration files (what the `apprise`
    command reads, e.g. ~/.config/apprise/apprise.yml); else the desktop's notifications."""
    import apprise

    notifier = apprise.Apprise()
    if urls:
        for url in urls:
            if not notifier.add(url):
                raise ValidationError(
                    "--to", f"{_scheme(url)} is not a notification URL Apprise can use here"
                )
    else:
        from apprise.cli import DEFAULT_CONFIG_PATHS

        found = [os.path.expanduser(p) for p in DEFAULT_CONFIG_PATHS if os.path.isfile(os.path.expanduser(p))]
        if found:
            config = apprise.AppriseConfig()
            for path in found:
                config.add(path)
            notifier.add(config)
        elif not notifier.add(_DESKTOP.get(sys.platform, "dbus://")):
            raise ValidationError(
                "--to",
                "no desktop notifications here; pass --to URL (ntfy://, mailto://, json://host/path, ...) "
                "or list URLs in ~/.config/apprise/apprise.yml",
            )

    def send(reminder: Reminder) -> bool:
        return bool(notifier.notify(body=reminder.body, title=reminder.title))

    return send
