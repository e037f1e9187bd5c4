"""Is an ask specific? (rule SPECIFIC-ASK: "let me know if you hear of anything" goes nowhere.)

An ask is vague when it is built on a vague phrase ("let me know if you hear of anything", "anyone
I should connect with", "any opportunities"), or when it names no person, company or concrete action
and is not a specific question either. The phrases and word lists are data (data/coach.json), so the
coach's vocabulary can grow without code changes. Pure functions; cheap enough for every keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from netplan.core.wording import fill, wording

_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;\"“(\[]\s*$")
# Capitalised words that are not names: the first person and a few abbreviations everybody uses.
_NOT_NAMES = {"i", "i'm", "i’m", "i'd", "i’d", "i'll", "i’ll", "i've", "i’ve", "ok", "cv", "pm", "pms", "hr"}


def _vocabulary() -> dict[str, Any]:
    vocabulary: dict[str, Any] = wording("coach")["specific_ask"]
    return vocabulary


@cache
def _phrases() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in _vocabulary()["vague_phrases"])


@cache
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _has_any(text: str, key: str) -> bool:
    return bool(_word_pattern(tuple(_vocabulary()[key])).search(text))


def vague_phrase(text: str) -> str:
    """The vague phrase the ask is built on, as written, or ""."""
    for pattern in _phrases():
        match = pattern.search(text)
        if match:
            return match.group(0).strip(" .!?")
    return ""


def _name_words(text: str) -> tuple[str, ...]:
    """ "Ravi Shah's" -> ("ravi", "shah"): words as names are compared."""
    return tuple(re.sub(r"['’]s$", "", w.casefold()) for w in _WORD.findall(text))


class KnownNames:
    """Names you have on record (people, companies), found in a text as whole words.

    A set of word sequences, so checking an ask costs the same with ten names or ten thousand.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._names = {words for words in map(_name_words, names) if words and len(" ".join(words)) >= 2}
        self._longest = max((len(words) for words in self._names), default=0)

    def found_in(self, text: str) -> bool:
        words = _name_words(text)
        return any(
            words[start : start + size] in self._names
            for size in range(1, self._longest + 1)
            for start in range(len(words) - size + 1)
        )


def names_something(text: str, known_names: Iterable[str] | KnownNames = ()) -> bool:
    """A named person, company or thing: a name you have on record, or a capitalised word mid-sentence."""
    known = known_names if isinstance(known_names, KnownNames) else KnownNames(known_names)
    if known.found_in(text):
        return True
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not word[0].isupper() or word.casefold() in _NOT_NAMES:
            continue
        before = text[: match.start()]
        if before.strip() and not _SENTENCE_END.search(before):
            return True  # capitalised but not the first word of a sentence: a proper noun
    return False


def concrete_action(text: str) -> bool:
    """An action someone could do tomorrow ("review my CV"), not aimed at "anything" or "anyone"."""
    return _has_any(text, "action_words") and not _has_any(text, "vague_words")


def _content_words(text: str) -> list[str]:
    stop = set(wording("coach")["stopwords"]) | set(_vocabulary()["vague_words"])
    return [w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if len(w) >= 4 and w not in stop]


def specific_question(text: str) -> bool:
    """A how/what/which question about something in particular ("How did you move from fintech to
    climate?"), as opposed to "What should I do?"."""
    vocabulary = _vocabulary()
    rest = text.strip().casefold()
    for prefix in vocabulary["polite_prefixes"]:
        if rest.startswith(prefix):
            rest = rest[len(prefix) :].lstrip(" ,")
            break
    first = _WORD.match(rest)
    if first is None or first.group(0) not in vocabulary["question_words"]:
        return False
    if _has_any(rest, "vague_words"):
        return False
    return len(_content_words(rest[first.end() :])) >= int(vocabulary["min_question_words"])


def vague_reason(text: str, known_names: Iterable[str] | KnownNames = ()) -> str:
    """Why the ask is vague (for the finding's message), or "" when it is specific or empty."""
    if not text.strip():
        return ""
    vocabulary = _vocabulary()
    phrase = vague_phrase(text)
    if phrase:
        return fill(vocabulary["reason_phrase"], {"phrase": phrase})
    if names_something(text, known_names) or concrete_action(text) or specific_question(text):
        return ""
    return str(vocabulary["reason_nothing_named"])


def is_vague(text: str, known_names: Iterable[str] | KnownNames = ()) -> bool:
    return bool(vague_reason(text, known_names))


def specific_form(target: str) -> str:
    """ "an email introduction to Dana Ortiz at Verdant Grid" (rule SPECIFIC-ASK's own example)."""
    vocabulary = _vocabulary()
    return fill(vocabulary["intro_form"], {"target": target or vocabulary["placeholder_target"]})
