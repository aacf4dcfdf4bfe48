"""Saving a python-docx or python-pptx document as a reproducible zip, deflating each
distinct part once per process.

A county's packets hold a dozen documents built from the same module files and the same
templates, and every county repeats them: of the 16 MB of parts a statewide build's
county saves, 13 MB are byte for byte what the county before it saved (photos, styles,
themes, layouts, unchanged slides). The libraries deflate every part on every save and
stamp the current time into every entry, so the saved zip then had to be read back and
its times pinned. Here the libraries still decide what is written — their own package
writers list the entries, in their order — but each entry's content is deflated by the
same zlib with the same settings as `zipfile` (so the bytes are exactly what a save gave
before), once per distinct content, and written with pinned times in one pass.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

import docx.oxml.parser
import pptx.oxml
from docx.document import Document as DocxDocument
from docx.opc.package import OpcPackage
from docx.opc.part import XmlPart as DocxXmlPart
from docx.opc.pkgwriter import PackageWriter as DocxPackageWriter
from lxml import etree
from pptx.opc.package import XmlPart as PptxXmlPart
from pptx.opc.serialized import PackageWriter as PptxPackageWriter
from pptx.presentation import Presentation

from ..ooxml.shared_trees import forget_pending_views, offer, offer_directory, wanted
from ..ooxml.zipio import DateTime, ZipWriter

_DOS_EPOCH: DateTime = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
_CACHE_LIMIT = 96 << 20  # bytes of parts remembered; a statewide county repeats ~13 MB
_deflated: dict[bytes, tuple[bytes, int]] = {}
_RELATIONSHIP_SETS = 20_000  # relationship sets remembered; a statewide county has ~600
_RELATIONSHIPS: dict[tuple[str, tuple[tuple[str, str, bool, str], ...]], bytes] = {}
_cached_bytes = 0


class _PartName(Protocol):
    @property
    def membername(self) -> str: ...


class _Entries:
    """Stands in for the libraries' zip writers: records what they would write."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri: _PartName, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))

    def close(self) -> None:
        """python-docx's writer interface closes the zip; nothing to close here."""


def _deflate(data: bytes) -> tuple[bytes, int]:
    """(raw deflate stream, crc32) exactly as `zipfile` writes a ZIP_DEFLATED entry at its
    default level, remembered by content."""
    global _cached_bytes
    known = _deflated.get(data)
    if known is not None:
        return known
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    result = (compressor.compress(data) + compressor.flush(), zlib.crc32(data))
    if _cached_bytes + len(data) > _CACHE_LIMIT:
        _deflated.clear()
        _cached_bytes = 0
    _deflated[data] = result
    _cached_bytes += len(data)
    return result


def _entries(document: DocxDocument | Presentation, parts: list[Any]) -> list[tuple[str, bytes]]:
    """The entries the library's own save would write, in its order (``parts``: the
    package's parts, walked once by the caller)."""
    entries = _Entries()
    package = document.part.package
    if isinstance(package, OpcPackage):  # python-docx: what OpcPackage.save does
        for part in parts:  # python-docx leaves these three unannotated
            part.before_marshal()
        DocxPackageWriter._write_content_types_stream(entries, parts)  # type: ignore[no-untyped-call]
        DocxPackageWriter._write_pkg_rels(entries, package.rels)  # type: ignore[no-untyped-call]
    else:  # python-pptx: what pptx.opc.package.OpcPackage.save does
        writer = PptxPackageWriter(io.BytesIO(), package._rels, tuple(parts))
        writer._write_content_types_stream(entries)  # type: ignore[arg-type]  # duck-typed writer
        writer._write_pkg_rels(entries)  # type: ignore[arg-type]
    for part in parts:  # what both libraries' _write_parts do, the relationships written once
        entries.write(part.partname, part.blob)
        if len(part.rels):
            entries.write(part.partname.rels_uri, _relationships_xml(part.rels))
    return entries.items


def _relationships_xml(relationships: Any) -> bytes:
    """A part's relationships as its library writes them (``rels.xml``), made once per
    distinct set. Most parts of a county's decks and documents relate to what the last
    county's did (slides to their layout and notes, layouts to their master), and the
    libraries work each target's relative path out again on every save (a third of saving
    a deck). The XML depends only on the base folder and each relationship's id, type and
    target (a part's name, or an external address), which make the key."""
    base = relationships._base_uri if hasattr(relationships, "_base_uri") else relationships._baseURI
    key = (base, tuple((rel.rId, rel.reltype, rel.is_external, rel.target_ref if rel.is_external
                        else rel.target_part.partname) for rel in relationships.values()))
    known = _RELATIONSHIPS.get(key)
    if known is None:
        if len(_RELATIONSHIPS) >= _RELATIONSHIP_SETS:
            _RELATIONSHIPS.clear()
        known = _RELATIONSHIPS[key] = relationships.xml
    return known


def saved_bytes(document: DocxDocument | Presentation, date_time: DateTime) -> bytes:
    """The document as the library saves it, every entry's time set to ``date_time`` and
    its mode fixed (what `ooxml.zipio.restamp` of a library save gives). Each XML part's
    tree is offered to the county's preflight (`ooxml.shared_trees.offer`): the document is
    not changed after it is saved, and the checks then read the very trees saved."""
    date_time = max(date_time, _DOS_EPOCH)
    out = io.BytesIO()
    writer = ZipWriter(out)
    package = document.part.package  # walking its relationships for the parts costs: once
    parts = list(package.parts if isinstance(package, OpcPackage) else package.iter_parts())
    trees = _trees(parts) if wanted() else {}
    for name, blob in _entries(document, parts):
        raw, crc = _deflate(blob)
        writer.add_raw(name, raw, zlib.DEFLATED, crc, len(blob), date_time)
        if name in trees:
            offer((raw, crc, zlib.DEFLATED), trees[name], len(blob))
    forget_pending_views()
    writer.close()
    data = out.getvalue()
    if wanted():
        offer_directory(data, writer.directory())
    return data


# The parts a reader of a packet reads (preflight: text, slides, notes, page and slide
# sizes, styles' language); layouts, masters and themes are the template's and not offered.
_READ = re.compile(r"ppt/(slides|notesSlides)/[^/]+\.xml|ppt/presentation\.xml"
                   r"|word/(document|header\d*|footer\d*|footnotes|endnotes|styles)\.xml")


def _trees(parts: list[Any]) -> dict[str, etree._Element]:
    """The library's tree of each XML part a reader of the packet reads, by entry name."""
    return {part.partname.membername: part._element for part in parts
            if isinstance(part, (DocxXmlPart, PptxXmlPart)) and _READ.fullmatch(part.partname.membername)}


@contextmanager
def plain_elements() -> Iterator[None]:
    """While this lasts, the elements lxml hands out of python-docx's and python-pptx's trees
    are lxml's own, not the libraries' element classes.

    Preflight reads the very trees the libraries saved (:func:`saved_bytes` offers them),
    and only reads them; each element it meets would otherwise be looked up in the
    libraries' class tables and made as an instance of a Python class (reading a guide's
    text view: 1.8 ms against 1.0 ms; a twelfth of all preflight's work). Nothing of the
    libraries runs meanwhile, and what preflight keeps of those trees (a view's paragraphs)
    belongs to documents already saved, which the libraries never touch again. It must keep
    no element of a tree they go on using (a shared styles part, master or layout): they
    would meet a plain element where they expect their own class, an AttributeError that
    every build test shows."""
    parsers = ((docx.oxml.parser.oxml_parser, docx.oxml.parser.element_class_lookup),
               (pptx.oxml.oxml_parser, pptx.oxml.element_class_lookup))
    plain = etree.ElementDefaultClassLookup()
    for parser, _ in parsers:
        parser.set_element_class_lookup(plain)
    try:
        yield
    finally:
        for parser, lookup in parsers:
            parser.set_element_class_lookup(lookup)
