"""Parsed parts shared between documents that hold the same bytes, for readers only.

A county's packet documents share their styles (python-docx's template alone is 350 KB of
XML, in each of five generated documents), content types, relationships, headers and
footers, and its decks share the county's own slides (contacts, org chart, stories: more
than half of a deck's slide XML). A reader that never changes a tree (preflight) takes the
tree parsed for the last part stored as the same bytes (or the tree python-docx or
python-pptx saved it from, see :func:`saved_into`), and what it worked out from that tree
(its notes) comes with it.
"""

from __future__ import annotations

import io
import zipfile
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from lxml import etree

from .textview import PartText, read_part
from .zipio import raw_entry

Key = tuple[bytes, int, int]  # stored bytes, CRC, compression method
_Slot = tuple[int, int, int]  # CRC, compression method, length of the stored bytes
TEXT_VIEW = "text view"  # the note of a tree's text view (:func:`~.textview.read_part`)


class SharedTrees:
    """The trees of the parts parsed lately, least recently used dropped first.

    A part is found by its CRC, compression and length, and its stored bytes compared: a
    part's bytes are read anew for every document, and hashing them for a dictionary cost
    more than comparing them with the one part of that CRC (a deck has hundreds of parts).
    """

    def __init__(self, limit: int = 16 << 20):
        self.limit = limit  # bytes of XML kept parsed (the trees take several times that)
        self._trees: OrderedDict[_Slot, tuple[bytes, etree._Element, int]] = OrderedDict()
        # id of a kept tree -> (its slot, what readers noted about it)
        self._kept: dict[int, tuple[_Slot, dict[Any, Any]]] = {}
        self._size = 0
        # id of a tree not offered yet -> (the tree, kept so the id stays its own; its text view)
        self.pending_views: dict[int, tuple[etree._Element, PartText]] = {}
        # id of a saved document's bytes -> (the bytes, kept likewise; its zip entries)
        self._directories: dict[int, tuple[bytes, list[zipfile.ZipInfo]]] = {}
        self._used: set[_Slot] = set()  # trees stored or met again since forget_documents

    def forget_documents(self) -> None:
        """Let go of the saved documents' entry lists and pending views, and of the trees
        neither stored nor met again since the last call: a worker's trees outlive each
        county, but a county's own parts (its guides, its generated documents) never come
        back, and keeping them only held memory (a worker's peak went from ~200 MB to
        ~380 MB) and lengthened every pass of Python's cycle collector."""
        self._directories.clear()
        self.pending_views.clear()
        for slot in [slot for slot in self._trees if slot not in self._used]:
            self._drop(slot)
        self._used.clear()

    def directory(self, data: bytes) -> list[zipfile.ZipInfo] | None:
        """The zip entries of a document saved while this took saved trees (its writer
        listed them; reading them from the bytes again cost a third of opening it)."""
        known = self._directories.get(id(data))
        return known[1] if known is not None and known[0] is data else None

    def get(self, key: Key) -> etree._Element | None:
        slot = _slot(key)
        known = self._trees.get(slot)
        if known is None or known[0] != key[0]:
            return None
        self._trees.move_to_end(slot)
        self._used.add(slot)
        return known[1]

    def put(self, key: Key, root: etree._Element, size: int) -> None:
        slot = _slot(key)
        known = self._trees.get(slot)
        if known is not None and known[0] != key[0]:
            self._drop(slot)  # other bytes of the same CRC and length: the newer are kept
        before = self._kept.get(id(root))
        if before is not None and before[0] != slot:
            # a tree kept for other bytes, changed since (a county's slide that a deck built
            # from a damaged module altered): its old bytes and notes describe it no more
            self._drop(before[0])
        self._trees[slot] = (key[0], root, size)
        self._used.add(slot)
        pending = self.pending_views.pop(id(root), None)
        self._kept[id(root)] = (slot, {} if pending is None else {TEXT_VIEW: pending[1].for_reading()})
        self._size += size
        while self._size > self.limit and len(self._trees) > 1:
            self._drop(next(iter(self._trees)))

    def _drop(self, slot: _Slot) -> None:
        _, root, size = self._trees.pop(slot)
        del self._kept[id(root)]
        self._used.discard(slot)
        self._size -= size

    def notes(self, root: etree._Element) -> dict[Any, Any] | None:
        """What readers noted about a tree this holds (a dict to add to), or None for a tree
        it does not hold. Notes live and die with the tree: a tree's id is not reused while
        it is kept here."""
        kept = self._kept.get(id(root))
        return kept[1] if kept is not None else None


def _slot(key: Key) -> _Slot:
    raw, crc, method = key
    return crc, method, len(raw)


# The trees a county's build hands to its preflight: a document saved from python-docx's or
# python-pptx's own trees need not be parsed again to be checked.
_SAVED: ContextVar[SharedTrees | None] = ContextVar("saved trees", default=None)


@contextmanager
def saved_into(trees: SharedTrees) -> Iterator[None]:
    """While this lasts, :func:`offer` puts the trees of saved parts into ``trees``."""
    token = _SAVED.set(trees)
    try:
        yield
    finally:
        _SAVED.reset(token)


def wanted() -> bool:
    """Whether saved trees are being taken (so a saver need not list them otherwise)."""
    return _SAVED.get() is not None


def text_view(root: etree._Element) -> PartText:
    """:func:`~.textview.read_part` of a tree about to be saved unchanged; while saved trees
    are taken, the view goes with the tree when it is offered, so its reader need not read
    it again (a deck's slides and notes are read for markers just before they are saved)."""
    view = read_part(root)
    trees = _SAVED.get()
    if trees is not None:
        trees.pending_views[id(root)] = (root, view)
    return view


def forget_pending_views() -> None:
    """A document is saved: the views of its trees that were not offered (their bytes were
    held already) are let go."""
    trees = _SAVED.get()
    if trees is not None:
        trees.pending_views.clear()


def offer_directory(data: bytes, entries: list[zipfile.ZipInfo]) -> None:
    """A document just saved as ``data``, with the entries its zip writer wrote."""
    trees = _SAVED.get()
    if trees is not None:
        trees._directories[id(data)] = (data, entries)


def offer(key: Key, root: etree._Element, size: int) -> None:
    """A part just saved as the stored bytes of ``key`` from the tree ``root``, which no one
    changes any more: a reader of those bytes may take the tree instead."""
    trees = _SAVED.get()
    if trees is not None and trees.get(key) is None:
        trees.put(key, root, size)


def offer_written(data: bytes, trees: Mapping[str, etree._Element]) -> None:
    """A document the text engine just wrote as ``data``, with the trees of the parts it
    changed (``adapt_package(changed_trees=...)``), which no one changes any more."""
    if _SAVED.get() is None:
        return
    stream = io.BytesIO(data)
    with zipfile.ZipFile(stream) as archive:
        entries = archive.infolist()
    offer_directory(data, entries)
    for info in entries:
        root = trees.get(info.filename)
        if root is not None:
            offer((raw_entry(stream, info), info.CRC, info.compress_type), root, info.file_size)
