"""Decks opened for assembly share one tree per distinct slide master and layout part.

python-pptx parses every part of a deck when it opens it. A module's slide master and its
layouts are a third of the deck's XML (in the samples, 55 of 165 KB), the same bytes in
every county's copy, and assembly only reads them: new slides are made from their
placeholders, and their fonts and sizes are looked up. While :func:`sharing_masters` is on,
every deck opened from the same bytes gets one tree, parsed once per worker and written out
once; outside it python-pptx parses as it always does.

The tree is shared by every deck (and county) opened from those bytes, so nothing in
assembly may change a master or a layout: a test holds that.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import PartFactory
from pptx.oxml import parse_xml
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

from ..ooxml.shared_trees import SharedTrees

_SHARING: ContextVar[bool] = ContextVar("sharing masters", default=False)
_TREES = SharedTrees(limit=4 << 20)  # a few modules' masters and layouts, by their bytes
_BLOB = "blob"  # the note of a shared tree's bytes as python-pptx writes them


@contextmanager
def sharing_masters() -> Iterator[None]:
    token = _SHARING.set(True)
    try:
        yield
    finally:
        _SHARING.reset(token)


def _load(cls: Any, partname: Any, content_type: str, package: Any, blob: bytes) -> Any:
    """python-pptx's ``XmlPart.load``, with the tree of bytes met before taken, not parsed."""
    key = (blob, zlib.crc32(blob), zipfile.ZIP_STORED)
    tree = _TREES.get(key) if _SHARING.get() else None
    if tree is None:
        tree = parse_xml(blob)
        if _SHARING.get():
            _TREES.put(key, tree, len(blob))
    return cls(partname, content_type, package, element=tree)


def _blob(part: Any) -> bytes:
    """The part as python-pptx writes it; for a shared tree, serialised once."""
    notes = _TREES.notes(part._element)
    if notes is None:
        return serialize_part_xml(part._element)
    if _BLOB not in notes:
        notes[_BLOB] = serialize_part_xml(part._element)
    return cast(bytes, notes[_BLOB])


class _SharedLayoutPart(SlideLayoutPart):
    load = classmethod(_load)
    blob = property(_blob)


class _SharedMasterPart(SlideMasterPart):
    load = classmethod(_load)
    blob = property(_blob)


# python-pptx's own way to choose a part's class (pptx/__init__.py registers the two so).
PartFactory.part_type_for[CT.PML_SLIDE_LAYOUT] = _SharedLayoutPart
PartFactory.part_type_for[CT.PML_SLIDE_MASTER] = _SharedMasterPart
