"""What shape a typed entry has, so a draft puts it in a sentence that reads well (rule PERSONAL).

People type "What they need", "How I can help", promises and goals in every shape: a noun phrase
("a data analyst for her team"), a verb phrase ("introduce her to Sam"), a gerund ("hiring a data
analyst"), a first-person sentence ("I know two strong analysts") or a sentence about the person
("She is hiring for her team"). ``phrase`` tells which, and says what is said about the person to
them ("her team" -> "your team"), because the draft is written to them. Each fragment of
data/outreach_templates.json has one wording per shape; an entry whose shape a fragment has no
wording for is quoted or left out (and the coach says so), never forced into a sentence it breaks:
no "I could I know two analysts", no "you need hiring a data analyst" (issue 15).

Pure functions over plain text and a short vocabulary (data/phrasing.json), no grammar library;
the corpus test (tests/unit/test_draft_wording.py) pins what they make of realistic entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from netplan.core.wording import wording

# verb: "introduce her to Sam"; noun: "a data analyst"; gerund: "hiring a data analyst"; mine: "I know
# two analysts"; yours: "you are hiring" (said to them); willing: "happy to review your deck"; place:
# "at PyCon" (how you met); note: anything else.
SHAPES = ("verb", "noun", "gerund", "mine", "yours", "willing", "place", "note")

# The forms' prompts for the entries drafts use most: phrases that fit their sentences.
NEEDS_PROMPT = 'rule MUTUAL, e.g. "a data analyst for her team" or "to hire two designers"'
CAN_HELP_PROMPT = 'e.g. "introduce her to Sam Lee", "feedback on her deck" or "I know two analysts"'

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_TOO_LONG = 160  # characters: longer than a phrase, so it is a note
_SENTENCES = re.compile(r"[.!?;]\s+\S")
_PUNCTUATED = re.compile(r"[:;,–—]| - ")


@dataclass(frozen=True)
class Phrase:
    """An entry as a draft can use it: its shape (see SHAPES) and its text, ready for a sentence."""

    shape: str
    text: str


@cache
def _words_of(key: str) -> frozenset[str]:
    return frozenset(wording("phrasing")[key])


def _third_person() -> dict[str, str]:
    found: dict[str, str] = wording("phrasing")["third_person"]
    return found


def _words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _WORD.findall(text)]


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip().strip("\"“”'‘’").strip()
    return text.rstrip(".;,!:– -").strip()


def _ordinary(word: str) -> bool:
    """A word of the language rather than a name: "Senior", "Participants", "Introduce"."""
    if word in _words_of("verbs") or word in _words_of("determiners") or word in _words_of("prepositions"):
        return True
    if word in _words_of("modals") or word in _words_of("willing") or word in _words_of("ordinary_nouns"):
        return True
    if word in ("she", "he", "they", "to", "be"):
        return True
    return any(word.endswith(suffix) for suffix in wording("phrasing")["ordinary_suffixes"])


def _lower_first(text: str) -> str:
    """ "Introduce her" -> "introduce her", "Senior PMs" -> "senior PMs"; names and acronyms stay
    ("Python tutoring", "LinkedIn", "UX research")."""
    first = text.split(" ", 1)[0]
    plain = first.casefold().replace("’", "'")
    if (len(first) == 1 or first[1:].islower()) and _ordinary(plain):
        return text[0].lower() + text[1:]
    return text


def _agree(token: str) -> str:
    """A third-person verb made second person: needs -> need, is -> are, tries -> try."""
    core = token.rstrip(".,;:!?")
    tail = token[len(core) :]
    low = core.casefold().replace("’", "'")
    if low in _third_person():
        return _third_person()[low] + tail
    if low in _words_of("modals") or low.endswith(("ed", "'t", "ss", "us")) or len(low) < 4:
        return token
    if not low.endswith("s"):
        return token
    if low.endswith("ies"):
        return core[:-3] + "y" + tail
    if low.endswith(("sses", "ches", "shes", "xes", "zes")):
        return core[:-2] + tail
    return core[:-1] + tail


def _possessive_or_object(following: str, ends_clause: bool) -> str:
    """ "her" before a noun is "your" ("her team"); before anything else it is "you" ("send her the
    deck", "help her prepare", "introduce her to Sam")."""
    objectish = ends_clause or not following
    objectish = objectish or following in _words_of("determiners") or following in _words_of("prepositions")
    objectish = objectish or following in _words_of("particles") or following in ("and", "or")
    objectish = objectish or following.endswith("ed") or following in _words_of("verbs_after_an_object")
    return "you" if objectish else "your"


def _subject_is_name(text: str, name: str) -> str:
    """ "Dana is hiring" -> "she is hiring", "Dana's team" -> "her team": their own name first."""
    for known in (name, name.split()[0] if name.split() else ""):
        if not known or not re.match(rf"{re.escape(known)}(?:['’]s)?\b", text, re.IGNORECASE):
            continue
        rest = text[len(known) :]
        if rest[:2] in ("'s", "’s"):
            after = rest[2:].lstrip()
            is_verb = not after or after.split(" ", 1)[0].casefold().endswith(("ing", "ed"))
            return ("she's" if is_verb else "her") + rest[2:]
        return "she" + rest
    return text


def second_person(text: str, name: str = "") -> str:
    """What is said about the person, said to them: "she needs her deck reviewed" -> "you need your
    deck reviewed". "They" counts only as the first word (later it is as often their company)."""
    tokens = re.split(r"(\s+)", _subject_is_name(text, name))
    out: list[str] = []
    for index, token in enumerate(tokens):
        bare = token.casefold().replace("’", "'")
        core = bare.strip('.,;:!?()"“”')
        tail = token[len(token.rstrip('.,;:!?()"“”')) :] if core != bare else ""
        following = next((w.casefold().strip(".,;:!?()") for w in tokens[index + 1 :] if w.strip()), "")
        at_start = not "".join(out).strip()
        replacement = {
            "she": "you",
            "he": "you",
            "she's": "you're",
            "he's": "you're",
            "she'd": "you'd",
            "he'd": "you'd",
            "she'll": "you'll",
            "he'll": "you'll",
            "herself": "yourself",
            "himself": "yourself",
            "hers": "yours",
            "him": "you",
        }.get(core)
        if at_start and core in ("they", "they're", "they'd", "they'll"):
            replacement = "you" + core[4:]
        if core in ("her", "his"):
            replacement = _possessive_or_object(following, bool(tail))
            if core == "his" and replacement == "you":
                replacement = "yours"
        if replacement is None:
            out.append(token)
            continue
        if token[:1].isupper():
            replacement = replacement[0].upper() + replacement[1:]
        out.append(replacement + tail)
        if core in ("she", "he", "they") and index + 2 < len(tokens):
            tokens[index + 2] = _agree(tokens[index + 2])  # "you needs" -> "you need"
    return "".join(out)


def _verb_start(words: list[str]) -> bool:
    if words[0] not in _words_of("verbs"):
        return False
    if words[0] not in _words_of("verbs_also_nouns"):
        return True
    following = words[1] if len(words) > 1 else ""
    # "review her deck", "call me", "intro you to Sam" are verbs; "review of", "intro to Sam" are nouns.
    return following in _words_of("determiners") or following in _words_of("particles")


def _finite_inside(words: list[str]) -> bool:
    return any(word in _words_of("finite") or word.endswith("'s") for word in words[1:])


def _without_subject(first: str, words: list[str], text: str) -> Phrase | None:
    """ "needs a designer", "is hiring", "would like to meet founders": about them, subject left out."""
    if len(words) < 2:
        return None
    rest = text.split(" ", 1)[1]
    if first == "would" and words[1] in ("like", "love", "value"):
        return Phrase("yours", f"you would {rest}")
    if first in ("needs", "wants", "hopes", "plans"):
        return Phrase("yours", f"you {_agree(first)} {rest}")
    if first in ("is", "has"):
        return Phrase("yours", f"you {_third_person()[first]} {rest}")
    return None


def phrase(raw: str, name: str = "", *, about_them: bool = True) -> Phrase:
    """The shape of ``raw`` and its text, ready for a sentence (shape "note" when no other fits).

    ``about_them``: the entry speaks of the person the draft goes to (named ``name``), so "her" and
    "him" become "you" and "your"; not for the user's own goal.
    """
    text = _tidy(raw)
    if about_them and text:
        text = second_person(text, name)
    words = _words(text)
    if not words or len(text) > _TOO_LONG or _SENTENCES.search(text):
        return Phrase("note", text)
    first = words[0]
    if first in _words_of("first_person"):
        return Phrase("mine", "I" + text[1:] if first.startswith("i") else text[0].lower() + text[1:])
    if first in ("you", "you're", "you'd", "you'll", "you've") or (first == "your" and _finite_inside(words)):
        return Phrase("yours", text[0].lower() + text[1:])
    about = _without_subject(first, words, text)
    if about is not None:
        return about
    if first in _words_of("modals") and len(words) > 1:
        return phrase(text.split(" ", 1)[1], about_them=False)  # "can help with intros"
    if first == "be" and len(words) > 1 and words[1] in _words_of("willing"):
        return Phrase("willing", _lower_first(text.split(" ", 1)[1]))
    if first in _words_of("willing") and len(words) > 1 and words[1] == "to":
        return Phrase("willing", _lower_first(text))
    if first == "to" and len(words) > 1 and words[1] in _words_of("verbs"):
        return Phrase("verb", text.split(" ", 1)[1])
    if _verb_start(words):
        return Phrase("verb", _lower_first(text))
    if _finite_inside(words) or _PUNCTUATED.search(text):
        return Phrase("note", text)
    if first.endswith("ing") and first not in _words_of("not_gerunds") and len(first) > 4:
        return Phrase("gerund", _lower_first(text))
    return Phrase("noun", _lower_first(text))


def article(word: str) -> str:
    """ "a" or "an" before ``word``, by its sound near enough: "an intro", "a UX role", "a user"."""
    low = word.casefold()
    if low.startswith(("uni", "use", "usu", "ux", "eu", "one")):
        return "a"
    return "an" if low[:1] in ("a", "e", "i", "o", "u") else "a"


def with_article(text: str) -> str:
    """ "intro to Sam" -> "an intro to Sam", "senior data engineer role" -> "a senior data engineer
    role": a singular noun phrase typed without its article; plurals and mass nouns stay."""
    words = text.split(" ")
    first = words[0].casefold()
    if first in _words_of("determiners") or first[:1].isdigit():
        return text
    head = []
    for word in words:
        if word.casefold() in _words_of("prepositions") or word.casefold() in ("and", "or", "who", "that"):
            break
        head.append(word.casefold())
    if head and head[-1] in _words_of("countable"):
        return f"{article(first)} {text}"
    return text


# sentences ---------------------------------------------------------------------------------------

Frames = dict[str, str]  # shape -> wording with {text}; a shape with no wording is left out


def fit(frames: Frames, entry: Phrase) -> str:
    """The wording ``frames`` has for the entry's shape, filled; "" when no wording fits the shape."""
    frame = frames.get(entry.shape, "")
    if not frame or not entry.text:
        return ""
    return frame.replace("{text}", with_article(entry.text) if entry.shape == "noun" else entry.text)


def joined(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}" if parts else ""


def listed(frames: dict[str, Frames], entries: list[Phrase]) -> str:
    """Several entries in one sentence (``frames["lead"]`` around their ``joined`` wordings), and the
    ones that cannot join it as sentences of their own (``alone``): "As promised, I'll send you the
    deck and look over your CV. I haven't forgotten: “…”."""
    together = [part for part in (fit(frames["joined"], entry) for entry in entries) if part]
    alone = [fit(frames["alone"], entry) for entry in entries if not fit(frames["joined"], entry)]
    lead = [frames["lead"]["text"].replace("{items}", joined(together))] if together else []
    return " ".join(lead + [part for part in alone if part])


_SENTENCE_START = re.compile(r"(^|\n|[.!?] )([a-z])")


def capitalised(text: str) -> str:
    """Every sentence starts with a capital letter: "hi. it was" -> "Hi. It was"."""
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


_MET = re.compile(r"^(?:we\s+)?met\s+(?:(?:her|him|them|you)\s+)?", re.IGNORECASE)
_INTRODUCED = re.compile(r"^(?:an?\s+)?(?:intro|introduction|introduced)\s+(?:from|by|via)\s+", re.I)
_PLACE = ("at", "through", "via", "on", "in", "during", "after")


def how_met(raw: str, name: str = "") -> Phrase:
    """How you met, as a place or a way ("at PyCon 2026", "through Priya") when it reads as one
    (shape "place"); else its shape as ``phrase`` reads it. Context after a colon is left out."""
    text = _MET.sub("", _INTRODUCED.sub("through ", _tidy(raw.split(":", 1)[0])))
    if text.split(" ", 1)[0].casefold() in _PLACE and " " in text and not _PUNCTUATED.search(text):
        return Phrase("place", text[0].lower() + text[1:])
    return phrase(raw, name)


# the outreach fragments (data/outreach_templates.json) -------------------------------------------


def _fragments() -> dict[str, Any]:
    fragments: dict[str, Any] = wording("outreach_templates")["fragments"]
    return fragments


def offer_sentence(can_help: str, name: str) -> str:
    """ "How I can help" as an offer ("If it helps, I could introduce you to Sam."), or "" when the
    entry does not read as one (the coach then asks for a phrase that does)."""
    fragments = _fragments()
    entry = phrase(can_help, name)
    if entry.shape == "noun" and entry.text.split(" ", 1)[0].casefold() in ("my", "our"):
        return str(fragments["offer_share"]).replace("{text}", entry.text)
    if entry.shape == "noun" and entry.text.casefold().startswith(("help with ", "help on ")):
        entry = Phrase("verb", entry.text)  # "can help with intros": I could help with intros
    return fit(fragments["offer"], entry)


def needs_sentence(needs: str, name: str) -> str:
    """ "What they need" said back to them ("You mentioned you need a data analyst for your team")."""
    return fit(_fragments()["needs_sentence"], phrase(needs, name))


def goal_sentence(goal: str) -> str:
    """The user's goal as their own sentence ("My aim right now is to move into product.")."""
    return fit(_fragments()["goal_sentence"], phrase(goal, about_them=False))


def met_sentence(how_they_met: str, name: str) -> str:
    """ "it was good to meet you at PyCon 2026." when how you met reads as a place or a way."""
    return fit(_fragments()["met_sentence"], how_met(how_they_met, name))


def promises_sentence(side: str, texts: list[str], name: str) -> str:
    """One side's open promises in words (rule FOLLOW-THROUGH): "As promised, I'll send you the
    deck." (side "me") / "And thank you for offering to introduce me to Dana." (side "them")."""
    frames = _fragments()["promises_mine" if side == "me" else "promises_theirs"]
    return listed(frames, [phrase(text, name) for text in texts])
