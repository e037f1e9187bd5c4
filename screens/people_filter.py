"""Fuzzy filtering of the people list with Textual's own matcher, fast enough for every keystroke.

Textual's Matcher scores one candidate at a time in Python; at thousands of people that alone costs
about a frame. So a compiled regex (the query's letters in order, which any fuzzy match needs) drops
most candidates first, and a query that extends the previous one only searches the previous hits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.fuzzy import Matcher

from netplan.people import PersonRow


def _prefilter(query: str) -> re.Pattern[str]:
    letters = [re.escape(ch) for ch in query if not ch.isspace()]
    return re.compile(".*?".join(letters), re.IGNORECASE | re.DOTALL)


class PeopleFilter:
    """Keeps the last query's hits so that typing one more letter searches only those."""

    def __init__(self) -> None:
        self._last_query = ""
        self._last_hits: list[PersonRow] | None = None
        self._last_source: Sequence[PersonRow] | None = None

    def apply(self, rows: Sequence[PersonRow], query: str) -> list[PersonRow]:
        """Rows matching ``query``, best match first (all rows, in order, for an empty query)."""
        query = query.strip()
        if not query:
            self._last_query, self._last_hits, self._last_source = "", None, rows
            return list(rows)
        pool: Sequence[PersonRow] = rows
        if (
            self._last_hits is not None
            and self._last_source is rows
            and self._last_query
            and query.casefold().startswith(self._last_query.casefold())
        ):
            pool = self._last_hits
        pattern = _prefilter(query)
        matcher = Matcher(query)
        scored = []
        for index, row in enumerate(pool):
            text = row.search_text
            if pattern.search(text):
                score = matcher.match(text)
                if score > 0:
                    scored.append((-score, index, row))
        scored.sort(key=lambda item: (item[0], item[1]))
        hits = [row for _, _, row in scored]
        self._last_query, self._last_hits, self._last_source = query, hits, rows
        return hits
