"""Documents opened for assembly share one tree per distinct read-only part: a Word
document's styles, a deck's slide master and layouts.

A module's guide and handouts carry their template's styles part (350 KB of XML in the
samples; Word's own templates are as large), and python-docx parses it on every open —
two thirds of opening a handout. A deck's master and layouts are a third of its XML, the
same bytes in every county's copy, and python-pptx parses them on every open. Assembly
only reads these parts (styles are looked up; new slides are made from a layout's
placeholders). While :func:`sharing_parts` is on, every document opened from the same
bytes of such a part gets one tree, parsed once per worker and written out once; outside
it the libraries parse as they always do.

A tree is shared by every document (and county) opened from those bytes, so nothing in
assembly may change a style, a master or a layout: tests hold that. The generated
documents' letterhead keeps its styles tree here too (:func:`written_once`), for the same
reason: written out once.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar, cast

from docx.opc.constants import CONTENT_TYPE as WML
from docx.opc.oxml import serialize_part_xml as serialize_docx_part
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory as DocxPartFactory
from docx.oxml.parser import parse_xml as parse_docx_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.styles import StylesPart
from docx.styles.styles import Styles
from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as PML
from pptx.opc.oxml import serialize_part_xml as serialize_pptx_part
from pptx.opc.package import PartFactory as PptxPartFactory
from pptx.oxml import parse_xml as parse_pptx_xml
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

from ..ooxml.shared_trees import SharedTrees

_SHARING: ContextVar[bool] = ContextVar("sharing parts", default=False)
# Trees by their bytes (as a stored zip entry's key), and what was worked out from each as
# its notes; a worker builds a few modules' documents over and over.
_TREES = SharedTrees(limit=8 << 20)
T = TypeVar("T")


@contextmanager
def sharing_parts() -> Iterator[None]:
    token = _SHARING.set(True)
    try:
        yield
    finally:
        _SHARING.reset(token)


def _tree(blob: bytes, parse: Callable[[bytes], etree._Element]) -> etree._Element:
    """The part's tree: while sharing, the one of the same bytes met before (or parsed now,
    and kept); otherwise parsed."""
    if not _SHARING.get():
        return parse(blob)
    key = (blob, zlib.crc32(blob), zipfile.ZIP_STORED)
    tree = _TREES.get(key)
    if tree is None:
        tree = parse(blob)
        _TREES.put(key, tree, len(blob))
    return tree


def tree_fact(tree: Any, what: str, work_out: Callable[[Any], T]) -> T:
    """``work_out(tree)``, worked out once for a shared tree (a styles part's heading or
    page-starting styles, a part's bytes: every county's guide asks again); each time for
    any other."""
    notes = _TREES.notes(tree)
    if notes is None:
        return work_out(tree)
    if what not in notes:
        notes[what] = work_out(tree)
    return cast(T, notes[what])


# -- Word styles ---------------------------------------------------------------------------

class _SharedStylesPart(StylesPart):
    @classmethod
    def load(cls, partname: PackURI, content_type: str, blob: bytes, package: Any) -> StylesPart:
        return cls(partname, content_type, cast(BaseOxmlElement, _tree(blob, parse_docx_xml)), package)

    @property
    def styles(self) -> Styles:
        return _KnownStyles(self.element)

    @property
    def blob(self) -> bytes:
        """The part as python-docx writes it; for a shared tree, serialised once."""
        return tree_fact(self._element, "blob", serialize_docx_part)


class _KnownStyles(Styles):
    """python-docx's styles, with the id of a style named by a generator (a heading, a list,
    a table style) remembered for a shared tree: python-docx reads every style of the part
    for each look-up, twice (to find it by name, then the type's default), and the same
    few names are looked up for every heading and table of every county."""

    def get_style_id(self, style_or_name: Any, style_type: Any) -> str | None:
        look_up: Callable[[Any, Any], str | None] = super().get_style_id
        if not isinstance(style_or_name, str):
            return look_up(style_or_name, style_type)
        return tree_fact(self._element, f"style id {style_type.value} {style_or_name}",
                         lambda _: look_up(style_or_name, style_type))


def written_once(styles: BaseOxmlElement) -> None:
    """A styles tree nothing changes from now on (the letterhead's, which every generated
    document shares): kept here, so each document saved with it takes its bytes as written
    the first time."""
    blob = serialize_docx_part(styles)
    _TREES.put((blob, zlib.crc32(blob), zipfile.ZIP_STORED), styles, len(blob))
    tree_fact(styles, "blob", lambda _: blob)


# -- slide masters and layouts ---------------------------------------------------------------

def _load_slide_part(cls: Any, partname: Any, content_type: str, package: Any, blob: bytes) -> Any:
    """python-pptx's ``XmlPart.load`` (its arguments in its order), the tree shared."""
    return cls(partname, content_type, package, element=_tree(blob, parse_pptx_xml))


def _slide_part_blob(part: Any) -> bytes:
    """The part as python-pptx writes it; for a shared tree, serialised once."""
    return tree_fact(part._element, "blob", serialize_pptx_part)


class _SharedLayoutPart(SlideLayoutPart):
    load = classmethod(_load_slide_part)
    blob = property(_slide_part_blob)


class _SharedMasterPart(SlideMasterPart):
    load = classmethod(_load_slide_part)
    blob = property(_slide_part_blob)


# The libraries' own way to choose a part's class (their __init__ modules register these so).
DocxPartFactory.part_type_for[WML.WML_STYLES] = _SharedStylesPart
PptxPartFactory.part_type_for[PML.PML_SLIDE_LAYOUT] = _SharedLayoutPart
PptxPartFactory.part_type_for[PML.PML_SLIDE_MASTER] = _SharedMasterPart
