"""Reading LinkedIn's Connections.csv in every layout it has shipped (issue 8); all people fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from netplan.interchange import contacts
from netplan.interchange.contacts import ImportFileError
from netplan.interchange.linkedin import connected_on_context, read_linkedin

NOTICE = (
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    'download their email address using this setting https://www.linkedin.com/psettings/privacy/email."'
)
PREAMBLE = f"Notes:\n{NOTICE}\n\n"
HEADER_CURRENT = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
HEADER_2021 = "First Name,Last Name,Email Address,Company,Position,Connected On\n"

CURRENT = (
    PREAMBLE
    + HEADER_CURRENT
    + "Ann,Example,https://www.linkedin.com/in/ann-example,,Northwind Traders,Data Engineer,09 Oct 2024\n"
    + 'Bo,Li,https://www.linkedin.com/in/bo-li-42,bo.li@example.org,"Globex, Inc.","Head of ""Growth""",'
    + "21 Mar 2019\n"
    + "Chidi,Okafor,https://www.linkedin.com/in/chidi-okafor,,,,01 Jan 2025\n"
)
LEGACY_2021 = (
    PREAMBLE
    + HEADER_2021
    + "Dana,Novak,dana@example.net,Initech,Recruiter,14 Feb 2021\n"
    + "Emre,Yilmaz,,Umbrella Labs,CTO,30 Nov 2020\n"
)
NO_PREAMBLE = HEADER_CURRENT + "Fatima,Haddad,https://www.linkedin.com/in/fh,,Acme,Designer,05 May 2022\n"


def write(tmp_path: Path, text: str, *, bom: bool = False, crlf: bool = False, name: str = "c.csv") -> Path:
    if crlf:
        text = text.replace("\n", "\r\n")
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_current_export_with_notes_preamble(tmp_path: Path) -> None:
    parsed = read_linkedin(write(tmp_path, CURRENT))
    assert [c.name for c in parsed.contacts] == ["Ann Example", "Bo Li", "Chidi Okafor"]
    bo = parsed.contacts[1]
    assert bo.company == "Globex, Inc."  # a quoted comma
    assert bo.role == 'Head of "Growth"'  # doubled quotes
    assert bo.emails == ("bo.li@example.org",)
    assert bo.linkedin == "https://www.linkedin.com/in/bo-li-42"
    assert bo.source == "line 6"
    assert parsed.contacts[0].how_met == "Connected on LinkedIn on 2024-10-09"
    assert parsed.blank_rows == 0 and parsed.skipped == []


def test_2020_22_export_without_url_column(tmp_path: Path) -> None:
    parsed = read_linkedin(write(tmp_path, LEGACY_2021))
    assert [(c.name, c.company, c.linkedin) for c in parsed.contacts] == [
        ("Dana Novak", "Initech", ""),
        ("Emre Yilmaz", "Umbrella Labs", ""),
    ]
    assert parsed.contacts[0].emails == ("dana@example.net",)
    assert parsed.contacts[1].how_met == "Connected on LinkedIn on 2020-11-30"


def test_header_on_the_first_line(tmp_path: Path) -> None:
    parsed = read_linkedin(write(tmp_path, NO_PREAMBLE))
    assert [c.name for c in parsed.contacts] == ["Fatima Haddad"]
    assert parsed.contacts[0].source == "line 2"


@pytest.mark.parametrize(("bom", "crlf"), [(True, False), (False, True), (True, True)])
def test_bom_and_crlf_read_the_same(tmp_path: Path, bom: bool, crlf: bool) -> None:
    plain = read_linkedin(write(tmp_path, CURRENT, name="plain.csv"))
    other = read_linkedin(write(tmp_path, CURRENT, bom=bom, crlf=crlf, name="other.csv"))
    assert [(c.name, c.company, c.role, c.source) for c in other.contacts] == [
        (c.name, c.company, c.role, c.source) for c in plain.contacts
    ]


def test_emoji_cjk_and_padded_spaces(tmp_path: Path) -> None:
    row = "  雪  ,  王 🚀 ,https://www.linkedin.com/in/xue-wang ,,  星辰科技  , 工程师 , 09 Oct 2024 \n"
    text = HEADER_CURRENT + row
    contact = read_linkedin(write(tmp_path, text)).contacts[0]
    assert contact.name == "雪 王 🚀"
    assert contact.company == "星辰科技" and contact.role == "工程师"
    assert contact.linkedin == "https://www.linkedin.com/in/xue-wang"
    assert contact.how_met == "Connected on LinkedIn on 2024-10-09"


def test_blank_rows_are_skipped_and_counted(tmp_path: Path) -> None:
    text = HEADER_CURRENT + "\nAnn,Example,,,Acme,PM,09 Oct 2024\n,,,,,,\n  \nBo,Li,,,Acme,PM,09 Oct 2024\n\n"
    parsed = read_linkedin(write(tmp_path, text))
    assert [c.name for c in parsed.contacts] == ["Ann Example", "Bo Li"]
    assert parsed.blank_rows == 4


def test_row_without_a_name_is_skipped_with_its_line(tmp_path: Path) -> None:
    text = HEADER_CURRENT + ",,https://www.linkedin.com/in/ghost,,Acme,PM,09 Oct 2024\n"
    parsed = read_linkedin(write(tmp_path, text))
    assert parsed.contacts == []
    assert [(s.source, s.reason) for s in parsed.skipped] == [("line 2", "no first or last name")]


def test_extra_column_and_other_column_order_are_accepted(tmp_path: Path) -> None:
    text = (
        "Company,Connected On,Last Name,First Name,Position,Tags,Email Address\n"
        "Acme,09 Oct 2024,Example,Ann,PM,friend,ann@example.com\n"
    )
    contact = read_linkedin(write(tmp_path, text)).contacts[0]
    assert (contact.name, contact.company, contact.role, contact.emails) == (
        "Ann Example",
        "Acme",
        "PM",
        ("ann@example.com",),
    )
    assert contact.tags == ()  # the extra column is ignored


def test_a_quoted_name_with_a_newline_keeps_later_line_numbers_right(tmp_path: Path) -> None:
    text = HEADER_CURRENT + '"Ann\nMarie",Example,,,Acme,PM,09 Oct 2024\nBo,Li,,,Acme,PM,09 Oct 2024\n'
    parsed = read_linkedin(write(tmp_path, text))
    assert [c.source for c in parsed.contacts] == ["line 2", "line 4"]


def test_hostile_names_are_kept_literally(tmp_path: Path) -> None:
    text = HEADER_CURRENT + '"[/]","x [/ \x1b]0;pwned\x07",,,"[@click=app.quit]x",\u202eevil,09 Oct 2024\n'
    contact = read_linkedin(write(tmp_path, text)).contacts[0]
    assert contact.name == "[/] x [/ \x1b]0;pwned\x07"
    assert contact.company == "[@click=app.quit]x" and contact.role == "\u202eevil"


@pytest.mark.parametrize(
    ("value", "context"),
    [
        ("09 Oct 2024", "Connected on LinkedIn on 2024-10-09"),
        ("9 Oct 2024", "Connected on LinkedIn on 2024-10-09"),
        ("2024-10-09", "Connected on LinkedIn on 2024-10-09"),
        ("", "Connected on LinkedIn"),
        ("10/9/24", "Connected on LinkedIn (10/9/24)"),
    ],
)
def test_connected_on_becomes_how_we_met(value: str, context: str) -> None:
    assert connected_on_context(value) == context


# malformed files: nothing is imported, the error names the line ---------------------------------


def error_for(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "bad.csv"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(ImportFileError) as caught:
        read_linkedin(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_wrong_header_names_the_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, "Name,Email\nAnn,ann@example.com\n")
    assert "line 1" in message and "not a LinkedIn Connections.csv" in message


def test_header_missing_a_required_column_names_it(tmp_path: Path) -> None:
    message = error_for(tmp_path, PREAMBLE + "First Name,Last Name,URL,Email Address,Company\n")
    assert "line 4" in message and "Position, Connected On" in message


def test_broken_quoting_on_the_last_row_names_its_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, CURRENT + 'Dana,"Novak,,,Initech,Recruiter,14 Feb 2021\n')
    assert "line 8" in message and "broken quoting" in message


def test_text_after_a_closing_quote_is_broken_quoting(tmp_path: Path) -> None:
    message = error_for(tmp_path, HEADER_CURRENT + 'Ann,"Exa"mple,,,Acme,PM,09 Oct 2024\n')
    assert "line 2" in message and "broken quoting" in message


def test_a_row_with_too_many_fields_names_its_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, CURRENT + "Dana,Novak,,,Initech, Ltd,Recruiter,14 Feb 2021\n")
    assert "line 8" in message and "8 fields, but the header has 7" in message


def test_a_row_with_too_few_fields_names_its_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, CURRENT + "Dana,Novak\n")
    assert "line 8" in message and "2 fields" in message


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in error_for(tmp_path, b"")


def test_only_blank_lines_and_a_bom(tmp_path: Path) -> None:
    assert "no rows" in error_for(tmp_path, b"\xef\xbb\xbf\r\n\r\n")


def test_preamble_without_header(tmp_path: Path) -> None:
    assert "no header line" in error_for(tmp_path, PREAMBLE)


def test_binary_files(tmp_path: Path) -> None:
    png = error_for(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "line 1: not UTF-8 text" in png
    nul = error_for(tmp_path, HEADER_CURRENT.encode() + b"Ann\x00,Example")
    assert "line 2: binary data" in nul


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    latin1_row = "Zoë,Example,,,Acme,PM,09 Oct 2024\n".encode("latin-1")
    message = error_for(tmp_path, HEADER_CURRENT.encode() + latin1_row)
    assert "line 2" in message and "not UTF-8" in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        read_linkedin(tmp_path / "absent.csv")
    with pytest.raises(ImportFileError, match="is a folder"):
        read_linkedin(tmp_path)


def test_more_records_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts, "MAX_RECORDS", 3)
    rows = "".join(f"P{i},Example,,,Acme,PM,09 Oct 2024\n" for i in range(3))
    assert len(read_linkedin(write(tmp_path, HEADER_CURRENT + rows)).contacts) == 3  # at the limit: fine
    message = error_for(tmp_path, HEADER_CURRENT + rows + "P3,Example,,,Acme,PM,09 Oct 2024\n")
    assert "line 5" in message and "more than 3 records" in message


def test_a_line_longer_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts, "MAX_LINE_BYTES", 100)
    message = error_for(tmp_path, HEADER_CURRENT + "Ann,Example,,," + "x" * 200 + ",PM,09 Oct 2024\n")
    assert "line 2" in message and "longer than" in message


def test_progress_reports_bytes_read(tmp_path: Path) -> None:
    path = write(tmp_path, CURRENT)
    reports: list[tuple[int, int]] = []
    read_linkedin(path, progress=lambda done, total: reports.append((done, total)))
    size = path.stat().st_size
    assert reports and reports[-1] == (size, size)
