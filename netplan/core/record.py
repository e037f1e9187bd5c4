"""Record: the document plumbing every dataclass model shares (``to_doc``, ``from_doc``, ``validated``).

``id`` is the TinyDB document id (0 until stored). A model whose stored fields need more than a copy to
read back (goal links, for example) overrides ``read_fields``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, ClassVar, Self


class Record:
    """Shared document plumbing for the dataclass models."""

    TABLE: ClassVar[str]
    id: int

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)  # type: ignore[call-overload]
        doc.pop("id", None)
        return doc

    @classmethod
    def read_fields(cls, known: dict[str, Any]) -> dict[str, Any]:
        """The stored fields as the constructor takes them (a hook for models with nested fields)."""
        return known

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int) -> Self:
        """Read a stored document; it was validated when written, so this only rebuilds it."""
        known = {name: doc[name] for name in cls.__dataclass_fields__ if name in doc}  # type: ignore[attr-defined]
        for name in ("tags", "emails"):
            if name in known:
                known[name] = list(known[name] or [])
        known["id"] = doc_id
        return cls(**cls.read_fields(known))

    def validated(self) -> Self:  # pragma: no cover - every model overrides it
        raise NotImplementedError
