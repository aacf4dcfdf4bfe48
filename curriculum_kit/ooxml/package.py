"""An OOXML package opened for reading: checked, then walked through its relationships.

Hostile or damaged files are refused here, before any part is inflated: legacy binary
and password-protected files (OLE containers), truncated or corrupt zips, zip bombs,
ISO Strict packages, and XML with a DOCTYPE (entities are never expanded).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, NamedTuple, NoReturn, cast
from urllib.parse import unquote

from lxml import etree
from zlib_ng import zlib_ng  # inflates twice as fast as zlib (see zipio.py)

from ..errors import PackageError
from .names import CT_NS, P_NS, R_NS, RELS_NS, p, w
from .shared_trees import SharedTrees
from .zipio import raw_entry

MAX_TOTAL_BYTES = 1 << 30  # uncompressed size of all entries
MAX_RATIO = 500  # uncompressed / compressed, for entries over MAX_RATIO_FLOOR
MAX_RATIO_FLOOR = 10 << 20
MAX_ENTRIES = 50_000
# An XML part's uncompressed size: a 272-page guide's body is 9 MB, so 40 MB is a guide of
# some 1,200 pages; a parsed tree takes up to 35 times its XML in memory (a 400 MB body of
# short paragraphs took 14 GB; a 102 MB one, under the old 100 MB limit, 2.9 GB to adapt
# and 4.9 GB to build).
MAX_XML_PART = 40 << 20

# zlib_ng's stub declares ``error`` as an instance; it is the exception class.
_ZLIB_ERROR = cast("type[Exception]", zlib_ng.error)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OFFICE_DOCUMENT = "/officeDocument"
_STRICT_RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships/"

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
_DML = "application/vnd.openxmlformats-officedocument.drawingml."
# Main-part types other than a plain document, named as Office's Save As list names them.
VARIANT_NAMES = {
    _WML + "template.main+xml": "a Word template (.dotx)",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "a macro-enabled Word document (.docm)",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "a macro-enabled Word template (.dotm)",
    _PML + "template.main+xml": "a PowerPoint template (.potx)",
    _PML + "slideshow.main+xml": "a PowerPoint show (.ppsx)",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml":
        "a macro-enabled PowerPoint presentation (.pptm)",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": "a macro-enabled PowerPoint template (.potm)",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": "a macro-enabled PowerPoint show (.ppsm)",
}
WORD_MAIN_TYPES = {_WML + "document.main+xml", *(t for t in VARIANT_NAMES if "word" in t)}
PRESENTATION_MAIN_TYPES = {_PML + "presentation.main+xml", *(t for t in VARIANT_NAMES if "word" not in t)}
# Parts whose text a reader sees, by content type (never by file name).
PART_KINDS = {
    **{t: "body" for t in WORD_MAIN_TYPES},
    _WML + "header+xml": "header", _WML + "footer+xml": "footer",
    _WML + "footnotes+xml": "footnotes", _WML + "endnotes+xml": "endnotes",
    _WML + "comments+xml": "comments",
    _PML + "slide+xml": "slide", _PML + "notesSlide+xml": "notes",
    _PML + "slideLayout+xml": "layout", _PML + "slideMaster+xml": "master",
    _PML + "notesMaster+xml": "notes master", _PML + "handoutMaster+xml": "handout master",
    _PML + "comments+xml": "comments", "application/vnd.ms-powerpoint.comments+xml": "comments",
    _DML + "chart+xml": "chart", _DML + "chartshapes+xml": "chart",
    _DML + "diagramData+xml": "SmartArt", "application/vnd.ms-office.drawingml.diagramDrawing+xml": "SmartArt",
    "application/vnd.openxmlformats-package.core-properties+xml": "properties",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": "properties",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml": "properties",
}
# A custom XML data item (a cover page's properties among them, which its content controls are
# bound to), stored under a generic content type: read as properties (only the PROPERTY_TEXTS
# of names.py are text in it).
_CUSTOM_XML_ITEM = re.compile(r"customxml/item\d+\.xml", re.IGNORECASE)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          remove_blank_text=False, huge_tree=True,
                          collect_ids=False)  # xml:id lookups are never used; 3% of parsing


# What libxml2 refuses without its 'huge' option (python-docx and python-pptx parse so): an
# element at depth 257, a text node over 10,000,000 bytes (counted here in characters).
_NESTED_PAST_LIBRARIES = etree.XPath("boolean(/" + "*/" * 256 + "*)")
_TEXT_PAST_LIBRARIES = etree.XPath("boolean(//text()[string-length() > 10000000] | //@*[string-length() > 10000000])")

# An entry name that leaves the archive's folder when unzipped: absolute, a drive, or '..'.
_OUTSIDE = re.compile(r"^[/\\]|^[A-Za-z]:|(^|[/\\])\.\.([/\\]|$)")

# What python-docx and python-pptx take a main part to be: its root element, and the child it
# must hold (a Word body).
_MAIN_ROOTS: dict[str, tuple[str, str | None]] = {"word": (w("document"), w("body")),
                                                   "presentation": (p("presentation"), None)}


def inflation(info: zipfile.ZipInfo) -> float | None:
    """How many times its stored size an entry would inflate to, when that marks a likely zip
    bomb (past MAX_RATIO_FLOOR, over MAX_RATIO-fold); None for an entry that does not."""
    ratio = info.file_size / max(info.compress_size, 1)
    return ratio if info.file_size > MAX_RATIO_FLOOR and ratio > MAX_RATIO else None


class Relationship(NamedTuple):
    id: str
    type: str
    target: str  # a part name for internal targets, the URL for external ones
    external: bool


def parse_xml(data: bytes, where: Path, part: str) -> etree._Element:
    """Parse a part; a DOCTYPE (the door to entity expansion) is refused outright."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        if exc.msg.startswith("Excessive depth"):  # libxml2's hard cap, even for huge trees
            raise PackageError(f"part '{part}' nests elements over 2,048 deep, which no Office "
                               "application writes; refusing", where) from None
        raise PackageError(f"part '{part}' is not well-formed XML ({exc.msg})", where) from None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]  # lxml-stubs' DocInfo lacks doctype
        raise PackageError(f"part '{part}' declares a DOCTYPE; documents with DTDs or entities "
                           "are refused for safety", where)
    return root


def serialize(root: etree._Element) -> bytes:
    """A changed part, with the XML declaration Office writes."""
    standalone = root.getroottree().docinfo.standalone
    # lxml-stubs want a bool (and so pick the str|bytes overload); lxml takes None as
    # "leave standalone out", as the part had it
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)  # type: ignore[arg-type,return-value]


def rels_part(source: str) -> str:
    """The name of the part holding ``source``'s relationships ('' is the package)."""
    folder, name = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{name}.rels")


class Package:
    """A .docx/.pptx (or .docm/.dotx/.pptm/.potx/.ppsx) opened for reading."""

    def __init__(self, path: Path, data: bytes | None = None, shared: SharedTrees | None = None):
        """Open ``path``, or ``data`` held in memory (``path`` then only names it in messages).
        With ``shared``, parts are parsed once for every package holding the same bytes: the
        caller promises never to change a tree (:meth:`xml` may hand out the same one)."""
        self.path = Path(path)
        self.data = data
        self.shared = shared
        self._check_signature()
        self._stream = self.open_raw()
        known = shared.directory(data) if shared is not None and data is not None else None
        try:
            if known is not None:  # a document the build just saved: its writer listed the entries
                self.infos = known
            else:
                with zipfile.ZipFile(self._stream) as archive:  # only for its central directory
                    self.infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            self._stream.close()
            raise PackageError("is damaged: not a complete zip archive (truncated or corrupt); "
                               "open it in Word or PowerPoint and save it again", self.path) from None
        except NotImplementedError as exc:  # zipfile's word for a zip version or feature it lacks
            self._stream.close()
            raise PackageError(f"uses a zip feature this tool cannot read ({exc}); open it in Word "
                               "or PowerPoint and save it again", self.path) from None
        self._verified: set[str] = set()  # entries already inflated and CRC-checked
        try:
            if known is None:  # (what this tool's own writer lists needs no checking)
                self._check_entries()
            self._names = {info.filename.lower(): info for info in self.infos}
            self._defaults, self._overrides = self._content_types()
            self.main_part = self._main_part()
            self.family = self._family()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open_raw(self) -> BinaryIO:
        """A fresh binary stream over the whole file."""
        return io.BytesIO(self.data) if self.data is not None else open(self.path, "rb")

    def _check_signature(self) -> None:
        if self.data is None and self.path.exists() and not self.path.is_file():
            raise PackageError("is not a file (a folder, a pipe or a device)", self.path)
        try:
            with self.open_raw() as stream:
                head = stream.read(8)
                if head == _OLE_MAGIC:
                    body = head + stream.read()
        except FileNotFoundError:
            raise PackageError("file not found", self.path) from None
        except OSError as exc:
            raise PackageError(f"cannot be read ({exc.strerror})", self.path) from None
        if not head:
            raise PackageError("is empty (0 bytes)", self.path)
        if head == _OLE_MAGIC:
            if "EncryptedPackage".encode("utf-16-le") in body:
                raise PackageError("is password-protected; remove the password in Word or PowerPoint "
                                   "(File > Info > Protect) and save it again", self.path)
            raise PackageError("is a legacy binary Office file (Word 97-2003 .doc or PowerPoint .ppt); "
                               "open it and save it as .docx or .pptx", self.path)
        if not head.startswith(b"PK"):
            raise PackageError("is not a Word or PowerPoint file (.docx/.pptx files are zip archives)",
                               self.path)

    def _check_entries(self) -> None:
        if len(self.infos) > MAX_ENTRIES:
            raise PackageError(f"has {len(self.infos)} zip entries; refusing (over {MAX_ENTRIES})", self.path)
        total = 0
        seen = set()
        for info in self.infos:
            total += info.file_size
            ratio = inflation(info)
            if ratio is not None:
                raise PackageError(f"entry '{info.filename}' would inflate {ratio:.0f}-fold to "
                                   f"{info.file_size >> 20} MB; refusing a likely zip bomb", self.path)
            if info.file_size > MAX_XML_PART and info.filename.lower().endswith((".xml", ".rels")):
                raise PackageError(f"part '{info.filename}' would inflate to {info.file_size >> 20} MB of XML, "
                                   f"more than any real document holds (limit {MAX_XML_PART >> 20} MB); refusing",
                                   self.path)
            if info.filename.lower() in seen:
                raise PackageError(f"has two zip entries named '{info.filename}'", self.path)
            if _OUTSIDE.search(info.filename):  # never written by Office; unzipped, it lands elsewhere
                raise PackageError(f"has a zip entry named '{info.filename}', a path outside the document; "
                                   "refusing", self.path)
            seen.add(info.filename.lower())
            if info.flag_bits & 0x1:
                raise PackageError("has encrypted zip entries; remove the password and save it again", self.path)
        if total > MAX_TOTAL_BYTES:
            raise PackageError(f"would inflate to {total >> 20} MB; refusing (limit "
                               f"{MAX_TOTAL_BYTES >> 20} MB, a likely zip bomb)", self.path)

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def info(self, name: str) -> zipfile.ZipInfo:
        return self._names[name.lower()]

    def read(self, name: str) -> bytes:
        """An entry's bytes, its CRC checked."""
        try:
            info = self.info(name)
        except KeyError:
            raise PackageError(f"part '{name}' is missing", self.path) from None
        return self.inflate(info, self.raw(info))

    def raw(self, info: zipfile.ZipInfo) -> bytes:
        """An entry's compressed bytes exactly as stored (what an untouched copy writes)."""
        try:
            return raw_entry(self._stream, info)
        except (zipfile.BadZipFile, OSError) as exc:
            raise PackageError(f"is damaged: entry '{info.filename}' cannot be read ({exc})", self.path) from None

    def inflate(self, info: zipfile.ZipInfo, raw: bytes) -> bytes:
        """An entry's bytes from its stored bytes; never more than its declared size (the zip
        bomb checks trusted that size), and its CRC checked."""
        self._check_method(info)
        try:
            data = zlib_ng.decompressobj(-15).decompress(raw, info.file_size + 1) if info.compress_type else raw
        except _ZLIB_ERROR as exc:
            raise PackageError(f"is damaged: entry '{info.filename}' cannot be inflated ({exc})", self.path) from None
        if len(data) != info.file_size or zlib_ng.crc32(data) != info.CRC:
            self._damaged(info)
        self._verified.add(info.filename)
        return data

    def verify(self, info: zipfile.ZipInfo, raw: bytes) -> None:
        """Check the CRC of an entry about to be copied untouched, without keeping its bytes
        (inflated a megabyte at a time: it may be a large photo or video)."""
        if info.filename in self._verified:
            return
        self._check_method(info)
        try:
            if info.compress_type == zipfile.ZIP_STORED:
                data_crc = zlib_ng.crc32(raw)
            else:
                inflater, data_crc, view = zlib_ng.decompressobj(-15), 0, memoryview(raw)
                for start in range(0, len(raw), 1 << 20):
                    data_crc = zlib_ng.crc32(inflater.decompress(view[start:start + (1 << 20)]), data_crc)
                data_crc = zlib_ng.crc32(inflater.flush(), data_crc)
        except _ZLIB_ERROR as exc:
            raise PackageError(f"is damaged: entry '{info.filename}' cannot be inflated ({exc})", self.path) from None
        if data_crc != info.CRC:
            self._damaged(info)

    def _check_method(self, info: zipfile.ZipInfo) -> None:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError(f"entry '{info.filename}' uses zip compression method "
                               f"{info.compress_type}, which Office does not write", self.path)

    def _damaged(self, info: zipfile.ZipInfo) -> NoReturn:
        raise PackageError(f"is damaged: entry '{info.filename}' fails its CRC check; open it in "
                           "Word or PowerPoint and save it again", self.path)

    def xml(self, name: str) -> etree._Element:
        if self.shared is None or not self.has(name):
            return parse_xml(self.read(name), self.path, name)
        info = self.info(name)
        raw = self.raw(info)
        key = (raw, info.CRC, info.compress_type)  # a damaged entry misses, is inflated and refused
        root = self.shared.get(key)
        if root is None:
            root = parse_xml(self.inflate(info, raw), self.path, name)
            self.shared.put(key, root, info.file_size)
        return root

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if not self.has("[Content_Types].xml"):
            if self.has("mimetype") and b"opendocument" in self.read("mimetype"):
                raise PackageError("is an OpenDocument file (.odt/.odp, LibreOffice's own format); save "
                                   "it as Word (.docx) or PowerPoint (.pptx) in LibreOffice", self.path)
            raise PackageError("is a zip archive but not a Word or PowerPoint document "
                               "(no [Content_Types].xml)", self.path)
        root = self.xml("[Content_Types].xml")
        notes = self.shared.notes(root) if self.shared is not None else None
        if notes is not None and "content types" in notes:
            return cast(tuple[dict[str, str], dict[str, str]], notes["content types"])  # read only, never changed
        defaults = {el.get("Extension", "").lower(): el.get("ContentType", "")
                    for el in root.iter(f"{{{CT_NS}}}Default")}
        overrides = {el.get("PartName", "").lstrip("/").lower(): el.get("ContentType", "")
                     for el in root.iter(f"{{{CT_NS}}}Override")}
        if notes is not None:
            notes["content types"] = (defaults, overrides)
        return defaults, overrides

    def _family(self) -> str:
        main_type = self.content_type(self.main_part)
        if main_type in WORD_MAIN_TYPES:
            return "word"
        if main_type in PRESENTATION_MAIN_TYPES:
            return "presentation"
        raise PackageError(f"is not a Word or PowerPoint document (its main part is '{main_type}')", self.path)

    @property
    def variant(self) -> str | None:
        """What the file is when it is not a plain .docx/.pptx ("a Word template (.dotx)")."""
        return VARIANT_NAMES.get(self.content_type(self.main_part))

    def dangling_relationships(self) -> list[tuple[str, Relationship]]:
        """Internal relationships whose target part is not in the file, with their source part
        (python-docx refuses such a file; python-pptx drops them, breaking what used them)."""
        return [(source, rel) for source, rels in self.graph.items() for rel in rels
                if not rel.external and not self.has(rel.target)]

    def slide_parts(self) -> list[str | None]:
        """A deck's slides in show order: each one's part, or None for a slide id the file
        has no slide for (its number is still taken)."""
        targets = {rel.id: rel.target for rel in self.relationships(self.main_part) if not rel.external}
        slides = []
        for slide_id in self.xml(self.main_part).iter(f"{{{P_NS}}}sldId"):
            target = targets.get(slide_id.get(f"{{{R_NS}}}id", ""))
            slides.append(target if target and self.has(target) else None)
        return slides

    def untyped_parts(self) -> list[str]:
        """Parts the file refers to that [Content_Types].xml gives no type (python-docx and
        python-pptx refuse to open such a file; Word and PowerPoint repair it)."""
        return sorted(name for name in self.graph if name and self.has(name) and not self.content_type(name))

    def check_xml_parts(self) -> list[str]:
        """Parse every XML part the document uses, as python-docx and python-pptx will: a
        damaged styles or settings part (which adapt copies untouched) is named here, not deep
        inside them. Pictures are left alone: an SVG may carry a DOCTYPE, and is never parsed.
        Returns the parts those libraries cannot parse though this engine can: their parser
        (libxml2 without its 'huge' option) stops at elements nested over 256 deep and at a
        text over 10,000,000 characters."""
        problems = []
        for name in sorted(self.graph.keys() - {""}):
            kind = self.content_type(name)
            if self.has(name) and kind.endswith("xml") and not kind.startswith("image/"):
                root = self.xml(name)
                if _NESTED_PAST_LIBRARIES(root):
                    problems.append(f"part '{name}' nests elements over 256 deep")
                elif _TEXT_PAST_LIBRARIES(root):
                    problems.append(f"part '{name}' holds a text of over 10,000,000 characters")
        self.check_main_root()
        return problems

    def check_main_root(self) -> None:
        """A main part that is what the libraries take it for: a Word document holding a body,
        a presentation (an XML file of another kind under the right name passes every other
        check, and python-docx then fails deep inside)."""
        root = self.xml(self.main_part)
        tag, child = _MAIN_ROOTS[self.family]
        if root.tag != tag or (child is not None and root.find(child) is None):
            what = "a Word document with a body" if self.family == "word" else "a PowerPoint presentation"
            found = etree.QName(root).localname
            raise PackageError(f"its main part ({self.main_part}) is not {what} (its root is <{found}>); "
                               "open it in Word or PowerPoint and save it again", self.path)

    def content_type(self, name: str) -> str:
        key = name.lower()
        if key in self._overrides:
            return self._overrides[key]
        return self._defaults.get(posixpath.splitext(key)[1].lstrip("."), "")

    def _main_part(self) -> str:
        rels = self.relationships("")
        if any(rel.type.startswith(_STRICT_RELS) for rel in rels):
            raise PackageError("is saved as 'Strict Open XML', which curriculum-kit does not read; "
                               "save it as a regular Word Document (.docx) or PowerPoint Presentation", self.path)
        for rel in rels:
            if rel.type.endswith(_OFFICE_DOCUMENT) and not rel.external:
                if not self.has(rel.target):
                    raise PackageError(f"has no main document part ('{rel.target}' is missing)", self.path)
                return rel.target
        raise PackageError("has no main document part (not a Word or PowerPoint document)", self.path)

    def relationships(self, source: str) -> list[Relationship]:
        """Relationships of a part ('' for the package), targets resolved to part names."""
        folder = posixpath.dirname(source)
        rels_name = rels_part(source)
        if not self.has(rels_name):
            return []
        root = self.xml(rels_name)
        notes = self.shared.notes(root) if self.shared is not None else None
        if notes is not None and ("relationships", folder) in notes:
            return list(notes[("relationships", folder)])  # the same bytes in the same folder
        result = []
        for el in root.iter(f"{{{RELS_NS}}}Relationship"):
            target, external = el.get("Target", ""), el.get("TargetMode") == "External"
            if not external:
                target = unquote(target)
                target = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                            else posixpath.join(folder, target))
            result.append(Relationship(el.get("Id", ""), el.get("Type", ""), target, external))
        if notes is not None:
            notes[("relationships", folder)] = tuple(result)
        return result

    @cached_property
    def graph(self) -> dict[str, list[Relationship]]:
        """Every part reachable from the package relationships, with its relationships."""
        graph: dict[str, list[Relationship]] = {}
        pending = [""]
        while pending:
            source = pending.pop()
            if source in graph:
                continue
            graph[source] = rels = self.relationships(source)
            pending.extend(rel.target for rel in rels
                           if not rel.external and self.has(rel.target) and rel.target not in graph)
        return graph

    def text_parts(self) -> dict[str, str]:
        """Reachable parts that hold text a reader sees, in zip order, with their kind."""
        reachable = {name.lower() for name in self.graph}
        parts = {}
        for info in self.infos:
            if info.filename.lower() in reachable:
                kind = PART_KINDS.get(self.content_type(info.filename))
                if kind is None and _CUSTOM_XML_ITEM.fullmatch(info.filename):
                    kind = "properties"
                if kind:
                    parts[info.filename] = kind
        return parts
