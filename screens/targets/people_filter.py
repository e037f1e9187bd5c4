"""Fuzzy filtering of the people list with Textual's own matcher, fast enough for every keystroke.

Textual's matcher accepts a candidate exactly when the query's characters appear in it in order
(case-insensitively), then scores every possible alignment in Python. That costs ~25 µs a candidate
for a short query and grows combinatorially with its length (a 10-character query: ~300 µs). Hence:

- the query is matched word by word, so "verdant priya" finds "Priya Raman, Verdant Grid";
- membership: for each word, a compiled regex of its characters in order within one word of the
  candidate, from that word's start (a stricter subset of what Textual's matcher accepts: "tom"
  finds "Tomás", not "Priya Raman ... Head of Product climate"), run in C over every candidate;
- order: the sum of Textual's Matcher scores for the words, best first, when there are at most
  RANK_LIMIT hits; with more hits (a one- or two-letter query) the list keeps its order (due date);
- a query that extends the previous one searches only the previous hits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.fuzzy import Matcher

from netplan.targets.people import PersonRow, fold

RANK_LIMIT = 250


def _pattern(word: str) -> re.Pattern[str]:
    """The word's characters in order inside ONE word of the text, the first starting that word.

    Textual's matcher alone accepts any characters in order anywhere: "tom" listed "Priya Raman"
    (t in Verdant, o in of, m in climate; issue 15). Both sides are folded (netplan.targets.people.fold).
    """
    first, rest = word[0], word[1:]
    body = "".join(r"\S*?" + re.escape(ch) for ch in rest)
    return re.compile(r"(?<!\w)" + re.escape(first) + body if first.isalnum() else re.escape(first) + body)


class PeopleFilter:
    """Keeps the last query's hits so that typing one more letter searches only those."""

    def __init__(self) -> None:
        self._last_query = ""
        self._last_hits: list[PersonRow] = []
        self._last_source: Sequence[PersonRow] | None = None

    def apply(self, rows: Sequence[PersonRow], query: str) -> list[PersonRow]:
        """Rows matching ``query``: best match first when few, else in their current order."""
        query = query.strip()
        if not query:
            self._last_query, self._last_hits, self._last_source = "", [], rows
            return list(rows)
        pool: Sequence[PersonRow] = rows
        # Only when the new query extends the last one within its last word (a new word can match anywhere).
        extends = query.casefold().startswith(self._last_query) and " " not in query[len(self._last_query) :]
        if self._last_source is rows and self._last_query and extends:
            pool = self._last_hits
        words = query.split()
        searches = [_pattern(fold(word)).search for word in words]
        hits = [row for row in pool if all(search(row.match_text) for search in searches)]
        self._last_query, self._last_hits, self._last_source = query.casefold(), hits, rows
        if len(hits) > RANK_LIMIT:
            return hits
        matchers = [Matcher(fold(word)) for word in words]

        def score(row: PersonRow) -> float:
            return sum(matcher.match(row.match_text) for matcher in matchers)

        ranked = sorted(enumerate(hits), key=lambda pair: (-score(pair[1]), pair[0]))
        return [row for _, row in ranked]
