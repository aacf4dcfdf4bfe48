"""Links to places inside a document, written as if to missing parts, made external; and
links to files outside it, which an application reading the document would read in.

Word and PowerPoint now and then save a link to a bookmark or footnote as a hyperlink
relationship to '#_THIS_WEEK_IN' or '#_ftn1' without TargetMode="External", so it reads
as a part that does not exist. Word, PowerPoint and LibreOffice open such files; python-docx
raises KeyError on them, and python-pptx drops the relationships, leaving slides that point
at ids PowerPoint then offers to "repair". Marked external, every id and link is kept.
"""

from __future__ import annotations

import io
import re

from .names import RELS_NS
from .package import Package, Relationship, rels_part, serialize
from .zipio import ZipWriter

_HYPERLINK = "/hyperlink"
# Relationship types whose target an application reads in to show it (a linked picture, an
# object, a video, a subdocument): an external one names a file on the machine that opens it.
_READ_IN = ("/image", "/oleObject", "/package", "/video", "/audio", "/media", "/subDocument", "/aFChunk")
_WEB = re.compile(r"\s*(https?|ftp)://", re.IGNORECASE)
# Where an SVG picture refers to something outside itself: href="…" or url(…), not '#id' or data:.
_SVG_REFERENCE = re.compile(rb"""(?:href\s*=\s*["']|url\(\s*["']?)\s*(?!#|data:)([^"')\s][^"')]*)""", re.IGNORECASE)


def linked_files(package: Package) -> list[str]:
    """What a document would read from the disk of the machine that opens or converts it: the
    targets of pictures and objects linked, not inserted ('file:///C:/photos/team.png'), and
    the files its SVG pictures refer to. A packet's PDFs are made on the machine that builds
    it: a module must not make them hold a file of that machine's."""
    found = [rel.target for source, rels in package.graph.items() for rel in rels
             if rel.external and rel.type.endswith(_READ_IN) and not _WEB.match(rel.target)
             and "/charts/" not in source]  # a chart's linked workbook: it shows the values it keeps
    for info in package.infos:
        if info.filename.lower().endswith(".svg") or package.content_type(info.filename) == "image/svg+xml":
            found.extend(target for match in _SVG_REFERENCE.finditer(package.read(info.filename))
                         if not _WEB.match(target := match.group(1).decode("utf-8", "replace")))
    return found


def dangling_links(package: Package) -> dict[str, set[str]]:
    """Zip entry of each relationships part -> ids of its hyperlinks to missing parts."""
    found: dict[str, set[str]] = {}
    for source, rel in package.dangling_relationships():
        if rel.type.endswith(_HYPERLINK):
            found.setdefault(package.info(rels_part(source)).filename, set()).add(rel.id)
    return found


def broken_references(package: Package) -> list[tuple[str, Relationship]]:
    """Relationships to missing parts that are not links (a picture, a chart): real damage,
    which no change of target mode mends."""
    return [(source, rel) for source, rel in package.dangling_relationships()
            if not rel.type.endswith(_HYPERLINK)]


def with_links_external(package: Package, links: dict[str, set[str]]) -> bytes:
    """The package's bytes with those hyperlinks marked external; every other entry copied."""
    out = io.BytesIO()
    writer = ZipWriter(out)
    for info in package.infos:
        if info.filename in links:
            root = package.xml(info.filename)
            for rel in root.iter(f"{{{RELS_NS}}}Relationship"):
                if rel.get("Id") in links[info.filename]:
                    rel.set("TargetMode", "External")
            writer.add(info.filename, serialize(root), info.date_time)
        else:
            writer.copy(info, package.raw(info))
    writer.close()
    return out.getvalue()
