"""When two records are the same person: names, LinkedIn profile URLs and email addresses as keys."""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote


def name_key(text: str) -> str:
    """Names and companies compare after Unicode normalisation, case folding and spacing."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def linkedin_key(url: str) -> str:
    """A LinkedIn profile URL without scheme, www., query or trailing slash, case-folded."""
    text = unquote(url.strip()).casefold()  # zo%C3%AB-brandt is zoë-brandt
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    text = text.removeprefix("www.")
    for mark in ("?", "#"):
        text = text.split(mark, 1)[0]
    return text.rstrip("/")


def email_key(address: str) -> str:
    return address.strip().casefold()
