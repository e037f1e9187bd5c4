"""Build LinkedIn "Get a copy of your data" archives for the tests: a zip, its folder, or one CSV.

The layouts follow public descriptions of real exports (all people fictional):
- 2025 (current): Connections.csv with its 3-line ``Notes:`` preamble and a URL column; messages.csv
  with 12 columns (RECIPIENT PROFILE URLS, ATTACHMENTS, IS MESSAGE DRAFT); Invitations.csv with the
  profile URL columns; CRLF and a BOM when asked.
- 2023: messages.csv with 10 columns (drafts in a DRAFT folder), recipient URLs joined by ``;``.
- 2021: Connections.csv without the preamble or a URL column, messages.csv with 9 columns (no
  recipient URLs), Invitations.csv with 5 columns (no URLs).
Every archive also holds files netplan must leave alone: Positions.csv, Skills.csv, a header-only
guide_messages.csv and a learning_coach_messages.csv in the messages layout (LinkedIn's AI chats),
Rich_Media.csv, and an article under Articles/.

``standard(now)`` is the scenario most tests read: see its docstring for who is who.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

LAYOUTS = ("2025", "2023", "2021")
NOTICE = (
    "When exporting your connection data, you may notice that some of the email addresses are missing. "
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    "You can learn more here https://www.linkedin.com/help/linkedin/answer/261"
)
MESSAGE_COLUMNS = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
    "IS MESSAGE DRAFT",
]
PROFILE_COLUMNS = [
    "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary", "Industry",
    "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers",
]  # fmt: skip


def url(slug: str) -> str:
    return f"https://www.linkedin.com/in/{slug}"


@dataclass(frozen=True)
class Someone:
    first: str
    last: str
    slug: str
    company: str = ""
    position: str = ""
    email: str = ""
    connected_on: str = "09 Oct 2024"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def url(self) -> str:
        return url(self.slug)


@dataclass(frozen=True)
class Message:
    conversation: str
    sender: Someone
    to: tuple[Someone, ...]
    at: datetime
    content: str = "Hello!"
    folder: str = "INBOX"
    draft: bool = False
    title: str = ""
    sender_url: str | None = None  # None: the sender's profile URL; "" for sponsored mail


@dataclass(frozen=True)
class Invite:
    direction: str  # INCOMING or OUTGOING
    other: Someone
    at: datetime
    message: str = ""


def mojibake(text: str) -> str:
    """What some exports do to names: UTF-8 bytes read as cp1252 (``José`` -> ``JosÃ©``)."""
    return text.encode("utf-8").decode("cp1252", errors="strict")


def us_short(moment: datetime) -> str:
    """Invitations.csv's ``1/29/26, 2:37 PM``."""
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment.year % 100:02d}, {hour}:{moment.minute:02d} {half}"


@dataclass
class Archive:
    me: Someone
    connections: list[Someone] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    invitations: list[Invite] = field(default_factory=list)
    layout: str = "2025"
    bom: bool = True
    crlf: bool = True
    mojibake_names: tuple[str, ...] = ()  # names written as mojibake in messages.csv
    ignored_files: bool = True

    # the files ---------------------------------------------------------------------------------

    def _csv(self, rows: list[list[str]], *, preamble: str = "") -> bytes:
        out = io.StringIO(newline="")
        end = "\r\n" if self.crlf else "\n"
        out.write(preamble.replace("\n", end))
        csv.writer(out, lineterminator=end).writerows(rows)
        data = out.getvalue().encode("utf-8")
        return (b"\xef\xbb\xbf" if self.bom else b"") + data

    def connections_csv(self) -> bytes:
        if self.layout == "2021":
            rows = [["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]]
            rows += [
                [p.first, p.last, p.email, p.company, p.position, p.connected_on] for p in self.connections
            ]
            return self._csv(rows)
        rows = [["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]]
        rows += [
            [p.first, p.last, p.url, p.email, p.company, p.position, p.connected_on] for p in self.connections
        ]
        notice = '"' + NOTICE + '"'
        return self._csv(rows, preamble=f"Notes:\n{notice}\n\n")

    def _name(self, person: Someone) -> str:
        return mojibake(person.name) if person.name in self.mojibake_names else person.name

    def message_columns(self) -> list[str]:
        if self.layout == "2021":
            return [c for c in MESSAGE_COLUMNS[:10] if c != "RECIPIENT PROFILE URLS"]
        return MESSAGE_COLUMNS if self.layout == "2025" else MESSAGE_COLUMNS[:10]

    def message_row(self, message: Message) -> list[str]:
        joiner = "," if self.layout == "2025" else ";"
        folder = "DRAFT" if message.draft and self.layout != "2025" else message.folder
        cells = {
            "CONVERSATION ID": message.conversation,
            "CONVERSATION TITLE": message.title,
            "FROM": self._name(message.sender),
            "SENDER PROFILE URL": message.sender.url if message.sender_url is None else message.sender_url,
            "TO": ", ".join(self._name(p) for p in message.to),
            "RECIPIENT PROFILE URLS": joiner.join(p.url for p in message.to),
            "DATE": message.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
            "SUBJECT": "",
            "CONTENT": message.content,
            "FOLDER": folder,
            "ATTACHMENTS": "",
            "IS MESSAGE DRAFT": "Yes" if message.draft else "No",
        }
        return [cells[column] for column in self.message_columns()]

    def messages_csv(self) -> bytes:
        return self._csv([self.message_columns(), *(self.message_row(m) for m in self.messages)])

    def invitations_csv(self) -> bytes:
        header = ["From", "To", "Sent At", "Message", "Direction"]
        if self.layout != "2021":
            header += ["inviterProfileUrl", "inviteeProfileUrl"]
        rows = [header]
        for invite in self.invitations:
            inviter, invitee = (
                (invite.other, self.me) if invite.direction == "INCOMING" else (self.me, invite.other)
            )
            row = [inviter.name, invitee.name, us_short(invite.at), invite.message, invite.direction]
            if self.layout != "2021":
                row += [inviter.url, invitee.url]
            rows.append(row)
        return self._csv(rows)

    def profile_csv(self) -> bytes:
        row = [
            self.me.first,
            self.me.last,
            "",
            "",
            "",
            "Engineering Manager",
            "",
            "Software",
            "",
            "Lisbon",
            "",
            "",
            "",
        ]
        return self._csv([PROFILE_COLUMNS, row])

    def files(self) -> dict[str, bytes]:
        files = {
            "Profile.csv": self.profile_csv(),
            "Connections.csv": self.connections_csv(),
            "messages.csv": self.messages_csv(),
            "Invitations.csv": self.invitations_csv(),
        }
        if self.ignored_files:
            files |= {
                "Positions.csv": self._csv(
                    [["Company Name", "Title", "Description", "Location", "Started On"]]
                ),
                "Skills.csv": self._csv([["Name"], ["Python"], ["Facilitation"]]),
                "guide_messages.csv": self._csv([self.message_columns()]),
                "learning_coach_messages.csv": self._csv(
                    [self.message_columns(), self.message_row(_coach_chat(self.me, self.layout))]
                ),
                "Rich_Media.csv": self._csv([["Date/Time", "Media Description", "Media Link"]]),
                "Articles/Articles/an-article.html": b"<html><body><p>Text</p></body></html>\n",
            }
        return files

    # where they go -------------------------------------------------------------------------------

    def write_folder(self, folder: Path) -> Path:
        for name, data in self.files().items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return folder

    def write_zip(self, path: Path, top: str = "Basic_LinkedInDataExport_11-24-2026/") -> Path:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.files().items():
                archive.writestr(top + name, data)
        return path

    def write_one(self, folder: Path, name: str, file_name: str | None = None) -> Path:
        """One of the archive's files on its own (``file_name`` renames it: recognised by header)."""
        path = folder / (file_name or name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.files()[name])
        return path


def _coach_chat(me: Someone, layout: str) -> Message:
    coach = Someone("LinkedIn", "Coach", "linkedin-coach")
    moment = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    return Message("coach-1", coach, (me,), moment, "Here are three tips for your profile")


# the standard scenario ---------------------------------------------------------------------------

ME = Someone("Jordan", "Pike", "jordanpike")
ANN = Someone("Ann", "Example", "ann-example", "Northwind", "Data Engineer", "ann@example.com")
BO = Someone("Bo", "Li", "bo-li-42", "Globex, Inc.", 'Head of "Growth"')
CHIDI = Someone("Chidi", "Okafor", "chidi-okafor", "Initech", "CTO")
JOSE = Someone("José", "Núñez", "jose-nunez", "Umbrella Labs", "Recruiter")
DANA = Someone("Dana", "Novak", "dana-novak", "Hooli", "Designer")
EMRE = Someone("Emre", "Yilmaz", "emre-yilmaz", "Stark", "PM")
HANA = Someone("Hana", "Sato", "hana-sato", "Acme", "Engineer")
# not connections
FATIMA = Someone("Fatima", "Haddad", "fatima-haddad")
GORAN = Someone("Goran", "Petrov", "goran-petrov")
INES = Someone("Ines", "Costa", "ines-costa")
JUN = Someone("Jun", "Kim", "jun-kim")
KOFI = Someone("Kofi", "Mensah", "kofi-mensah")
MEMBER = Someone("LinkedIn", "Member", "")


def standard(now: datetime, layout: str = "2025", **options: object) -> Archive:
    """The scenario, ``now`` being the test clock's moment:

    - Ann (connection) wrote 3 days ago in a 1:1 thread: her last touch, and a reply due.
    - Bo wrote 10 days ago and I answered 9 days ago (a draft of mine from yesterday does not count):
      last touch 9 days ago, no reply due.
    - Chidi wrote 90 days ago and is still waiting: last touch, no reply due (older than 30 days).
    - José's name is mojibake in messages.csv and his messages carry another profile URL than
      Connections.csv: found by name; he wrote 2 days ago, three lines, a reply due.
    - Dana, Emre and I are in a group thread; Dana wrote last, yesterday: both touched, no reply due.
    - Fatima (not a connection) wrote 5 days ago: added parked, a reply due.
    - Goran (not a connection) wrote 200 days ago: left out.
    - A sponsored message (no sender URL) and a SPAM message: left out.
    - Invitations: to Hana (a connection now) without a note, to Ann with a note, to Ines (pending)
      without a note, from Jun 4 days ago with a note (a reply due, Jun added parked), from Kofi
      without a note (nothing).
    """

    def ago(days: float) -> datetime:
        return (now - timedelta(days=days)).astimezone(UTC).replace(microsecond=0)

    jose_in_messages = replace(JOSE, slug="ACoAAB1234jose")
    messages = [
        Message("c-ann", ME, (ANN,), ago(4), "Hi Ann, how is the new team?"),
        Message("c-ann", ANN, (ME,), ago(3), "Great! Could we talk about the data role?"),
        Message("c-bo", BO, (ME,), ago(10), "Are you going to the meetup?"),
        Message("c-bo", ME, (BO,), ago(9), "Yes, see you there."),
        Message("c-bo", ME, (BO,), ago(1), "half-written", draft=True),
        Message("c-chidi", CHIDI, (ME,), ago(90), "Would love your advice on hiring."),
        Message(
            "c-jose",
            jose_in_messages,
            (ME,),
            ago(2),
            'Hola Jordan,\nthanks for the "intro".\r\n\nCould we meet, Friday?',
        ),
        Message("c-group", EMRE, (ME, DANA), ago(2), "Kick-off on Friday", title="Design crit"),
        Message("c-group", DANA, (ME, EMRE), ago(1), "Works for me", title="Design crit"),
        Message("c-fatima", FATIMA, (ME,), ago(5), "Hi Jordan, may I ask about your team?"),
        Message("c-goran", GORAN, (ME,), ago(200), "Hello from long ago"),
        Message("c-ad", MEMBER, (ME,), ago(1), "<p>Grow your pipeline</p>", sender_url=""),
        Message("c-spam", KOFI, (ME,), ago(1), "Guaranteed returns!!!", folder="SPAM"),
    ]
    invitations = [
        Invite("OUTGOING", HANA, ago(300)),
        Invite("OUTGOING", ANN, ago(400), "Hi Ann, we met at PyCon: I'd like to stay in touch."),
        Invite("OUTGOING", INES, ago(20)),
        Invite("INCOMING", JUN, ago(4), "Hi Jordan, I enjoyed your talk on hiring."),
        Invite("INCOMING", KOFI, ago(6)),
    ]
    archive = Archive(
        me=ME,
        connections=[ANN, BO, CHIDI, JOSE, DANA, EMRE, HANA],
        messages=messages,
        invitations=invitations,
        layout=layout,
        mojibake_names=(JOSE.name,),
    )
    for name, value in options.items():
        setattr(archive, name, value)
    return archive
