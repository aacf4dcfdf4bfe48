"""Parsed parts shared between documents that hold the same bytes, for readers only.

A county's packet documents share their styles (python-docx's template alone is 350 KB of
XML, in each of five generated documents), content types, relationships, headers and
footers, and a statewide build repeats them in every county. A reader that never changes
a tree (preflight) can take the tree parsed for the last part stored as the same bytes.
"""

from __future__ import annotations

from collections import OrderedDict

from lxml import etree

Key = tuple[bytes, int, int]  # stored bytes, CRC, compression method


class SharedTrees:
    """The trees of the parts parsed lately, least recently used dropped first."""

    def __init__(self, limit: int = 4 << 20):
        self.limit = limit  # bytes of XML kept parsed (the trees take several times that)
        self._trees: OrderedDict[Key, tuple[etree._Element, int]] = OrderedDict()
        self._size = 0

    def get(self, key: Key) -> etree._Element | None:
        known = self._trees.get(key)
        if known is None:
            return None
        self._trees.move_to_end(key)
        return known[0]

    def put(self, key: Key, root: etree._Element, size: int) -> None:
        self._trees[key] = (root, size)
        self._size += size
        while self._size > self.limit and len(self._trees) > 1:
            self._size -= self._trees.popitem(last=False)[1][1]
