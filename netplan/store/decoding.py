"""Parsing a data file netplan wrote, a piece at a time, in little memory (issue 17).

``orjson.loads`` of the whole ten-year file (18 MB) builds its own document tree first: ~35 MB
beyond the Python objects, and checking that the file is what orjson writes (schema.duplicate_key)
took an 18 MB ``orjson.dumps`` more. Here the file is parsed a few hundred kilobytes of documents at
a time, and each piece is checked byte for byte against what orjson writes for it, so neither
transient grows with the file. Only a file that is byte for byte orjson's compact output of its own
content is decoded here (every file netplan saved); any other (edited by hand, pretty-printed, not
JSON) gets ``None``, and the caller parses it whole, as before, with its precise error messages.

Why the pieces are right: the file is ``{"name":TABLE,...}`` and a table ``{"id":DOC,...}``. A piece
is the bytes of one or more whole members of a table, cut just after a ``}``; it is accepted only
if ``{`` + piece + ``}`` parses *and* orjson writes it back identically (so it has no repeated key).
A run of valid member lists joined by commas is the table's member list, whatever bytes the cut was
tried at; a cut inside a document fails to parse and the next ``}`` is tried (a few tries, then the
whole-file path).

With ``compact`` (a writer: the planner keeps the documents for a whole session), each document
becomes a key-sharing dict and repeated short values (kinds, stages, dates, companies, ids) one
object each: the ten years take ~35 MB instead of ~61 MB, for ~0.15 s more CPU time. A reader (a
command that reads and exits: `netplan agenda`) skips that and parses as fast as one orjson call.
"""

from __future__ import annotations

import gc
import re
from typing import Any

import orjson

Tables = dict[str, dict[str, Any]]

PIECE = 256 * 1024  # bytes of documents parsed at once
MAX_MISSES = 8  # cuts inside a document tried per piece before giving up (the whole-file path)
SHARED_MAX = 40  # string values up to this length are shared between documents

# a table's name as orjson writes it: no escape, no control character
_TABLE_NAME = re.compile(rb'"([^"\\\x00-\x1f]*)":')


def decode_written(raw: bytes, *, compact: bool = False) -> Tables | None:
    """The tables of ``raw`` if it is orjson's compact output of them (see the module doc), else None.

    The cyclic garbage collector is paused meanwhile: the documents hold no cycles, and its passes
    over the growing heap cost a third of the time."""
    if raw[:1] != b"{":
        return None
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _decode_tables(raw, _Shared() if compact else None)
    finally:
        if collecting:
            gc.enable()


def _decode_tables(raw: bytes, shared: _Shared | None) -> Tables | None:
    tables: Tables = {}
    pos = 1
    if raw == b"{}":
        return tables
    while True:
        header = _TABLE_NAME.match(raw, pos)
        if header is None:
            return None
        try:
            name = header.group(1).decode()
        except UnicodeDecodeError:
            return None
        if name in tables:
            return None
        table = _decode_table(raw, header.end(), name, shared)
        if table is None:
            return None
        tables[name], pos = table
        if raw[pos : pos + 1] == b",":
            pos += 1
        elif pos == len(raw) - 1 and raw[pos:] == b"}":
            return tables
        else:
            return None


def _decode_table(
    raw: bytes, pos: int, name: str, shared: _Shared | None
) -> tuple[dict[str, Any], int] | None:
    """The table object starting at ``raw[pos]`` and the position just after it, or None."""
    if raw[pos : pos + 1] != b"{":
        return None
    if raw[pos + 1 : pos + 2] == b"}":
        return {}, pos + 2
    table: dict[str, Any] = {}
    start = pos + 1  # the first member of a piece
    table_end = _table_end(raw, start)
    while True:
        if 0 <= table_end < start:
            table_end = _table_end(raw, start)
        cut = _next_cut(raw, start + PIECE)
        if table_end >= 0 and (cut < 0 or table_end < cut):
            cut = table_end  # the rest of the table is shorter than a piece
        for _ in range(MAX_MISSES):
            if cut < 0:
                return None
            piece = _decode_piece(raw, start, cut)
            if piece is not None:
                break
            cut = _next_cut(raw, cut + 1)  # the cut was inside a document
        else:
            return None
        if shared is not None:
            _compact(piece, name, shared)
        before = len(table)
        table.update(piece)
        if len(table) != before + len(piece):  # a document id repeated across pieces
            return None
        if raw[cut + 1 : cut + 2] == b"}":
            return table, cut + 2
        start = cut + 2  # after '},'


def _table_end(raw: bytes, at: int) -> int:
    """Where a table may end at or after ``at`` (its last document's ``}``), or -1."""
    found = raw.find(b'}},"', at)
    if found < 0 and raw.endswith(b"}}}") and len(raw) - 3 >= at:
        return len(raw) - 3
    return found


def _next_cut(raw: bytes, at: int) -> int:
    """The next ``}`` at or after ``at`` that is followed by ``,"`` or ``}``: a possible end of a member."""
    comma = raw.find(b'},"', at)
    close = raw.find(b"}}", at, len(raw) if comma < 0 else comma + 1)
    return comma if close < 0 else close


def _decode_piece(raw: bytes, start: int, cut: int) -> dict[str, Any] | None:
    """The members in ``raw[start:cut + 1]`` if they parse and orjson writes them back identically."""
    wrapped = b"".join((b"{", raw[start : cut + 1], b"}"))
    try:
        piece = orjson.loads(wrapped)
        if not isinstance(piece, dict) or orjson.dumps(piece) != wrapped:
            return None
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return None
    return piece


class _Shared:
    """What documents of one load share: equal short strings and ints (one object each), and per
    table (and per field holding a list of objects) the key table of their dicts (``compact``)."""

    __slots__ = ("classes", "numbers", "texts")

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.numbers: dict[int, int] = {}
        self.classes: dict[str, type] = {}

    def compact(self, doc: dict[str, Any], shape: str) -> dict[str, Any]:
        """``doc`` as a key-sharing dict (CPython's instance ``__dict__``: the keys are stored once
        per class, each dict holds only its values: ~160 bytes instead of ~630 for a conversation).
        It is an ordinary ``dict`` in every way; a key added or removed later just unshares it."""
        holder_class = self.classes.get(shape)
        if holder_class is None:
            holder_class = self.classes[shape] = type(f"_Doc_{shape}", (), {})
        compact: dict[str, Any] = holder_class().__dict__
        text, number = self.texts.setdefault, self.numbers.setdefault
        for key, value in doc.items():
            kind = type(value)
            if kind is str:
                if len(value) <= SHARED_MAX:
                    value = text(value, value)
            elif kind is int:
                if value > 256:  # CPython shares the small ones already
                    value = number(value, value)
            elif kind is list and value:
                for n, item in enumerate(value):
                    if type(item) is dict:
                        value[n] = self.compact(item, f"{shape}.{key}")
                    elif type(item) is str and len(item) <= SHARED_MAX:
                        value[n] = text(item, item)
            compact[key] = value
        return compact


def _compact(documents: dict[str, Any], table: str, shared: _Shared) -> None:
    """Make the documents of a piece compact (``_Shared``), in place."""
    for doc_id, doc in documents.items():
        if type(doc) is dict:
            documents[doc_id] = shared.compact(doc, table)
