"""Field validators shared by the models: each raises ValidationError naming the field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from netplan.core.errors import ValidationError
from netplan.core.text import short

NAME_MAX = 200
TEXT_MAX = 20_000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def required(field: str, value: object, *, max_len: int = NAME_MAX) -> str:
    """A non-empty one-line string, trimmed."""
    text = optional(field, value, max_len=max_len)
    if not text:
        raise ValidationError(field, "is required")
    return text


def optional(field: str, value: object, *, max_len: int = TEXT_MAX) -> str:
    """A string, trimmed; empty is allowed."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # e.g. an argument that was not UTF-8: Python keeps such bytes as lone surrogates,
            # which no JSON file can hold, so the save would fail after the user thought it done
            raise ValidationError(field, "contains bytes that are not valid UTF-8 text") from None
    text = value.strip()
    if len(text) > max_len:
        raise ValidationError(field, f"is {len(text):,} characters; at most {max_len:,}")
    return text


def choice(field: str, value: object, allowed: Iterable[str]) -> str:
    options = tuple(allowed)
    if value not in options:
        raise ValidationError(field, f"must be one of: {', '.join(options)}")
    return str(value)


def email(field: str, value: object) -> str:
    text = optional(field, value, max_len=320)
    if text and not _EMAIL.match(text):
        raise ValidationError(field, f"{text!r} is not an email address")
    return text


def url(field: str, value: object) -> str:
    text = optional(field, value, max_len=2_000)
    if text and not text.lower().startswith(("https://", "http://")):
        raise ValidationError(field, "must start with https://")
    return text


def positive_days(field: str, value: object) -> int | None:
    """A whole number of days, at least 1, or None for the default."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(field, "must be a whole number of days")
    try:
        days = int(value) if isinstance(value, str) else value
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a whole number of days") from None
    if not isinstance(days, int):
        raise ValidationError(field, "must be a whole number of days")
    if days < 1:
        raise ValidationError(field, "must be at least 1 day")
    if days > 3650:
        raise ValidationError(field, "must be at most 3650 days")
    return days


# The years a date may have: a planner's dates are near today, and date arithmetic (a week on, a
# cadence on, a time zone) near year 1 or 9999 overflows (`agenda --date 9999-12-31`, issue 14).
YEARS = range(1900, 3000)


def in_years(field: str, value: date) -> None:
    if value.year not in YEARS:
        raise ValidationError(field, f"the year {value.year} is outside {YEARS.start}-{YEARS.stop - 1}")


def iso_date(field: str, value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) or None; impossible dates such as Feb 30 are refused."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError(field, "must be a date as YYYY-MM-DD")
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(field, f"{short(value)!r} is not a date (YYYY-MM-DD)") from None
    in_years(field, day)
    return day.isoformat()


def tags(field: str, value: object) -> list[str]:
    """Tags from a list or a comma-separated string; trimmed, de-duplicated, order kept."""
    if value is None or value == "":
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ValidationError(field, "must be a list of tags")
    seen: dict[str, None] = {}
    for item in items:
        tag = optional(field, item, max_len=60)
        if tag:
            seen.setdefault(tag, None)
    return list(seen)
