"""The chain a user sets up, with real programs: netplan sync <-> a vdir <-> vdirsyncer <-> Radicale
(CalDAV and CardDAV on 127.0.0.1, a free port, a temporary storage folder, no authentication), with
khal, todoman and khard reading the same folders. A to-do ticked through the server, as a phone's
CalDAV client does (GET, change, PUT with If-Match), comes back through vdirsyncer and closes the
promise in netplan; a card created on the server reaches netplan as a parked person.

Skipped when a program is missing (.ci/run installs them from Debian's packages).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netplan.notes.model import Promise
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.processes import run_netplan
from tests.unit.reach_data import complete, reach_week

TODOMAN = shutil.which("todoman") or shutil.which("todo")  # Debian's name, upstream's name
MISSING = [name for name in ("radicale", "vdirsyncer", "khal", "khard") if shutil.which(name) is None]
if TODOMAN is None:
    MISSING.append("todoman")
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"not installed: {', '.join(MISSING)} (.ci/run installs them)"
)

USER = "alice"  # Radicale without authentication takes any user name and password
AUTH = "Basic " + base64.b64encode(f"{USER}:x".encode()).decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def dav(
    method: str, url: str, body: bytes | None = None, **headers: str
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        url, data=body, method=method, headers={"Authorization": AUTH, **headers}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[str]:
    """A Radicale server with a calendar and an address book; yields its base URL."""
    port = free_port()
    log = (tmp_path / "radicale.log").open("wb")
    server = subprocess.Popen(
        [
            "radicale",
            "--config",
            "",  # no /etc/radicale/config: only what is given here
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(tmp_path / "radicale"),
            "--auth-type",
            "none",
            "--rights-type",
            "authenticated",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                dav("MKCALENDAR", f"{base}/{USER}/netplan/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError((tmp_path / "radicale.log").read_text()) from None
                time.sleep(0.1)
        book = (
            b'<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><set><prop>'
            b"<resourcetype><collection/><C:addressbook/></resourcetype></prop></set></mkcol>"
        )
        dav("MKCOL", f"{base}/{USER}/contacts/", book, **{"Content-Type": "application/xml"})
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture
def env(tmp_path: Path, radicale: str) -> dict[str, str]:
    """HOME with configs for vdirsyncer, khal, todoman and khard over the two folders."""
    home = tmp_path / "home"
    config = home / ".config"
    for name in ("vdirsyncer", "khal", "todoman", "khard"):
        (config / name).mkdir(parents=True)
    calendar, contacts = tmp_path / "calendar", tmp_path / "contacts"
    contacts.mkdir()
    (config / "vdirsyncer" / "config").write_text(
        f'[general]\nstatus_path = "{home}/vdirsyncer-status"\n\n'
        '[pair netplan]\na = "netplan_local"\nb = "netplan_remote"\ncollections = null\n'
        'conflict_resolution = "b wins"\n\n'
        f'[storage netplan_local]\ntype = "filesystem"\npath = "{calendar}"\nfileext = ".ics"\n\n'
        f'[storage netplan_remote]\ntype = "caldav"\nurl = "{radicale}/{USER}/netplan/"\n'
        f'username = "{USER}"\npassword = "x"\n\n'
        '[pair contacts]\na = "contacts_local"\nb = "contacts_remote"\ncollections = null\n\n'
        f'[storage contacts_local]\ntype = "filesystem"\npath = "{contacts}"\nfileext = ".vcf"\n\n'
        f'[storage contacts_remote]\ntype = "carddav"\nurl = "{radicale}/{USER}/contacts/"\n'
        f'username = "{USER}"\npassword = "x"\n',
        encoding="utf-8",
    )
    (config / "khal" / "config").write_text(
        f"[calendars]\n[[netplan]]\npath = {calendar}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Europe/Berlin\ndefault_timezone = Europe/Berlin\n",
        encoding="utf-8",
    )
    (config / "todoman" / "config.py").write_text(
        f'path = "{calendar}"\ndate_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n', encoding="utf-8"
    )
    (config / "khard" / "khard.conf").write_text(
        f"[addressbooks]\n[[netplan]]\npath = {contacts}\n", encoding="utf-8"
    )
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "VDIRSYNCER_CONFIG": str(config / "vdirsyncer" / "config"),
        "TZ": "Europe/Berlin",
        "LC_ALL": "C.UTF-8",
    }


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def tick_on_server(base: str, summary: str) -> None:
    """What a phone does: find the to-do, GET it, PUT it back COMPLETED with If-Match."""
    propfind = b'<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
    _, _, listing = dav("PROPFIND", f"{base}/{USER}/netplan/", propfind, Depth="1")
    for href in re.findall(r"<href>([^<]+\.ics)</href>", listing.decode()):
        _, headers, data = dav("GET", base + href)
        if summary.encode() in data.replace(b"\r\n ", b""):
            uid = re.search(rb"UID:(\S+)", data)
            assert uid is not None
            body = complete(data, uid.group(1).decode(), datetime(2026, 11, 24, 8, 15, tzinfo=UTC))
            status, _, _ = dav("PUT", base + href, body, **{"If-Match": headers["ETag"]})
            assert status in (200, 201, 204)
            return
    raise AssertionError(f"no to-do {summary!r} on the server")


def test_the_whole_chain_round_trips_completions_and_contacts(
    store: Store, data_file: Path, tmp_path: Path, env: dict[str, str], radicale: str
) -> None:
    week = reach_week(store)
    store.close()
    calendar, contacts = tmp_path / "calendar", tmp_path / "contacts"
    db = ["--db", str(data_file)]
    synced = run_netplan(*db, "sync", "--calendar", str(calendar), "--contacts", str(contacts), env=env)
    assert synced.returncode == 0, synced.stderr
    run(["vdirsyncer", "discover"], env)
    run(["vdirsyncer", "sync"], env)
    # khal lists the event, todoman the to-dos, from the folder vdirsyncer keeps
    khal = run(["khal", "list", "--format", "{start-time} {title}", "2026-11-24", "1d"], env)
    assert "18:30 Staff+ Meetup" in khal
    todos = run([str(TODOMAN), "--porcelain", "list"], env)
    assert "Oyelaran: I promised: Send the deck" in todos and "Reply about: a job at GridShift" in todos
    # a phone ticks the promise and adds a card; vdirsyncer brings both back; netplan sync reads them
    tick_on_server(radicale, "Oyelaran: I promised: Send the deck")
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:priya-1\r\nFN:Priya Raman\r\nORG:Fernwood Labs\r\nEND:VCARD\r\n"
    )
    dav("PUT", f"{radicale}/{USER}/contacts/priya-1.vcf", card, **{"Content-Type": "text/vcard"})
    run(["vdirsyncer", "sync"], env)
    assert "Priya Raman" in run(["khard", "list"], env)
    synced = run_netplan(*db, "sync", "--calendar", str(calendar), "--contacts", str(contacts), env=env)
    assert synced.returncode == 0, synced.stderr
    assert "closed promise" in synced.stdout and "1 added" in synced.stdout, synced.stdout
    with Store.open(data_file, readonly=True) as reopened:
        promise = reopened.get(Promise, week.my_promise)
        assert promise is not None and not promise.is_open  # rule FOLLOW-THROUGH
        priya = [p for p in reopened.all(Person) if p.name == "Priya Raman"]
        assert len(priya) == 1 and priya[0].parked and priya[0].company == "Fernwood Labs"  # SMALL-LIST
    # netplan's COMPLETED version goes up; after that, nothing moves in either direction
    run(["vdirsyncer", "sync"], env)
    assert "Oyelaran: I promised: Send the deck" not in run([str(TODOMAN), "--porcelain", "list"], env)
    before = {p: p.stat().st_mtime_ns for p in calendar.iterdir()}
    again = run_netplan(*db, "sync", "--calendar", str(calendar), "--contacts", str(contacts), env=env)
    assert again.returncode == 0 and "0 written, 0 removed" in again.stdout, again.stdout
    assert {p: p.stat().st_mtime_ns for p in calendar.iterdir()} == before
    assert "Copying" not in run(["vdirsyncer", "sync"], env)
