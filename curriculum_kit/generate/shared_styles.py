"""Word documents opened for assembly share one styles tree per distinct styles part.

A module's guide and handouts carry their template's styles part (350 KB of XML in the
samples; Word's own templates are as large), and python-docx parses it on every open —
two thirds of opening a handout — although assembly only looks styles up. While
:func:`sharing_styles` is on, every document opened from the same styles bytes gets one
tree, parsed once per worker (and written out once); outside it python-docx parses as it
always does.

The tree is shared by every document (and county) opened from those bytes, so nothing in
assembly may change a style: a test holds that. The generated documents' letterhead keeps
its styles tree here too (:func:`written_once`), for the same reason: written out once.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar, cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.styles import StylesPart
from docx.styles.styles import Styles

from ..ooxml.shared_trees import SharedTrees

_SHARING: ContextVar[bool] = ContextVar("sharing styles", default=False)
# Styles trees by their bytes (as a stored zip entry's key), and what was worked out from
# each as its notes; a worker builds a few modules' documents over and over.
_TREES = SharedTrees(limit=4 << 20)
T = TypeVar("T")


@contextmanager
def sharing_styles() -> Iterator[None]:
    token = _SHARING.set(True)
    try:
        yield
    finally:
        _SHARING.reset(token)


class _SharedStylesPart(StylesPart):
    @classmethod
    def load(cls, partname: PackURI, content_type: str, blob: bytes, package: Any) -> StylesPart:
        if not _SHARING.get():
            return cast(StylesPart, super().load(partname, content_type, blob, package))
        key = (blob, zlib.crc32(blob), zipfile.ZIP_STORED)
        tree = _TREES.get(key)
        if tree is None:
            tree = parse_xml(blob)
            _TREES.put(key, tree, len(blob))
        return cls(partname, content_type, cast(BaseOxmlElement, tree), package)

    @property
    def styles(self) -> Styles:
        return _KnownStyles(self.element)

    @property
    def blob(self) -> bytes:
        """The part as python-docx writes it; for a shared tree, serialised once."""
        return styles_fact(self._element, "blob", lambda _: cast(bytes, super(_SharedStylesPart, self).blob))


class _KnownStyles(Styles):
    """python-docx's styles, with the id of a style named by a generator (a heading, a list,
    a table style) remembered for a shared tree: python-docx reads every style of the part
    for each look-up, twice (to find it by name, then the type's default), and the same
    few names are looked up for every heading and table of every county."""

    def get_style_id(self, style_or_name: Any, style_type: Any) -> str | None:
        look_up: Callable[[Any, Any], str | None] = super().get_style_id
        if not isinstance(style_or_name, str):
            return look_up(style_or_name, style_type)
        return styles_fact(self._element, f"style id {style_type.value} {style_or_name}",
                           lambda _: look_up(style_or_name, style_type))


def written_once(styles: BaseOxmlElement) -> None:
    """A styles tree nothing changes from now on (the letterhead's, which every generated
    document shares): kept here, so each document saved with it takes its bytes as written
    the first time."""
    blob = serialize_part_xml(styles)
    _TREES.put((blob, zlib.crc32(blob), zipfile.ZIP_STORED), styles, len(blob))
    styles_fact(styles, "blob", lambda _: blob)


def styles_fact(styles: Any, what: str, work_out: Callable[[Any], T]) -> T:
    """``work_out(styles)``, worked out once for a shared tree (its heading or page-starting
    styles: every county's guide asks again); each time for any other."""
    notes = _TREES.notes(styles)
    if notes is None:
        return work_out(styles)
    if what not in notes:
        notes[what] = work_out(styles)
    return cast(T, notes[what])


# python-docx's own way to choose a part's class (docx/__init__.py registers StylesPart so).
PartFactory.part_type_for[CT.WML_STYLES] = _SharedStylesPart
