"""The goal tree's lines kept in step with the data in place, by key (issue 17).

A save used to clear the Targets tree and build every line again (``tree.clear()``): every node
new, the whole tree laid out and drawn again, the cursor moved back by a scan. Now the pane
describes the tree it wants as ``Line``s, each with a key (a goal, person or venue, or a
heading's name), and ``KeyedLines.show`` changes only what differs from the lines shown: a new
label is set on its node (Textual repaints that line, no layout); a group whose keys changed
(a person aimed, a goal's list cut differently) gets its children again; only a change of the
top-level keys (a goal added, removed or moved) builds the whole tree again. A note saved, which
changes no line, touches no node. Collapsed goals stay collapsed.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

T = TypeVar("T")


@dataclass(frozen=True)
class Line(Generic[T]):
    """One line of the tree: unique ``key`` among its siblings; ``children`` None for a leaf."""

    key: Hashable
    label: Text
    data: T | None = None
    children: tuple[Line[T], ...] | None = None


@dataclass
class _Shown(Generic[T]):
    line: Line[T]
    node: TreeNode[T]
    children: list[_Shown[T]] = field(default_factory=list)


def _keys(lines: Sequence[Line[T]]) -> list[tuple[Hashable, bool]]:
    return [(line.key, line.children is None) for line in lines]


class KeyedLines(Generic[T]):
    """What ``tree`` shows, line by line, so the next ``show`` can change only what differs."""

    def __init__(self, tree: Tree[T]) -> None:
        self.tree = tree
        self._top: list[_Shown[T]] = []

    def show(self, lines: Sequence[Line[T]]) -> bool:
        """Make the tree show ``lines``; True if any node was added or removed (lines moved)."""
        if _keys(lines) != _keys([shown.line for shown in self._top]):
            self.tree.clear()
            self._top = [self._add(self.tree.root, line) for line in lines]
            return True
        moved = False
        for shown, line in zip(self._top, lines, strict=True):
            moved = self._update(shown, line) or moved
        return moved

    def _add(self, parent: TreeNode[T], line: Line[T]) -> _Shown[T]:
        if line.children is None:
            return _Shown(line, parent.add_leaf(line.label, line.data))
        node = parent.add(line.label, line.data, expand=True)
        return _Shown(line, node, [self._add(node, child) for child in line.children])

    def _update(self, shown: _Shown[T], line: Line[T]) -> bool:
        if line.label != shown.line.label:
            shown.node.set_label(line.label)  # a repaint of that line only
        shown.node.data = line.data
        old, shown.line = shown.line, line
        if line.children is None or old.children is None:
            return False
        if _keys(line.children) == _keys(old.children):
            moved = False
            for child, child_line in zip(shown.children, line.children, strict=True):
                moved = self._update(child, child_line) or moved
            return moved
        self._regroup(shown, line.children)
        return True

    def _regroup(self, shown: _Shown[T], lines: tuple[Line[T], ...]) -> None:
        """The children of ``shown`` become ``lines``: the lines gone are removed and the new ones
        inserted in place (a person aimed, or the one selected shown beyond the limit); if the
        lines kept changed order, the group is built again."""
        wanted = set(_keys(lines))
        kept = [child for child in shown.children if (child.line.key, child.line.children is None) in wanted]
        by_key = {(child.line.key, child.line.children is None): child for child in kept}
        if [key for key in _keys(lines) if key in by_key] != list(by_key):
            shown.node.remove_children()
            shown.children = [self._add(shown.node, child) for child in lines]
            return
        for child in shown.children:
            if (child.line.key, child.line.children is None) not in by_key:
                child.node.remove()
        children: list[_Shown[T]] = []
        for index, child_line in enumerate(lines):
            old = by_key.get((child_line.key, child_line.children is None))
            if old is None:
                children.append(self._insert(shown.node, child_line, index))
            else:
                self._update(old, child_line)
                children.append(old)
        shown.children = children

    def _insert(self, parent: TreeNode[T], line: Line[T], index: int) -> _Shown[T]:
        if line.children is None:
            return _Shown(line, parent.add_leaf(line.label, line.data, before=index))
        node = parent.add(line.label, line.data, before=index, expand=True)
        return _Shown(line, node, [self._add(node, child) for child in line.children])
