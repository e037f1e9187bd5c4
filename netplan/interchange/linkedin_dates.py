"""The moments LinkedIn's archive writes: ``2023-06-11 15:33:58 UTC`` (messages) and
``1/29/26, 2:37 PM`` (Invitations.csv), and the names it sometimes writes as mojibake.

Invitations carry no zone; like the messages they are read as UTC (the archive is made on
LinkedIn's servers), so a message and an invitation of the same minute compare as the same minute.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_US_SHORT = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?"
)


def archive_moment(text: str) -> datetime | None:
    """An aware UTC datetime, or None when ``text`` is not a moment LinkedIn writes."""
    text = text.strip()
    if not text:
        return None
    match = _US_SHORT.fullmatch(text)
    if match:
        return _us_short(match)
    if text.endswith(" UTC"):
        text = text[:-4] + "+00:00"  # cheaper than replacing the zone of the parsed datetime
    try:
        moment = datetime.fromisoformat(text)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):  # not ISO 8601, or a year 1 moment east of UTC
        return None


def _us_short(match: re.Match[str]) -> datetime | None:
    month, day, year, hour, minute, second, half = match.groups()
    hour_of_day = int(hour)
    if half:
        if not 1 <= hour_of_day <= 12:
            return None
        hour_of_day = hour_of_day % 12 + (12 if half.casefold() == "pm" else 0)
    full_year = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return datetime(
            full_year, int(month), int(day), hour_of_day, int(minute), int(second or 0), tzinfo=UTC
        )
    except ValueError:
        return None


def unmojibake(text: str) -> str:
    """``JosÃ©`` -> ``José``: UTF-8 bytes that were read as Latin-1/cp1252 and written back.

    Only a string that re-encodes to valid UTF-8 is changed, so ``Zoë`` or ``雪`` stay as they are.
    """
    if text.isascii():
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            return text.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
    return text
