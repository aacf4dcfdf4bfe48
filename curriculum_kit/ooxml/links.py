"""Links to places inside a document, written as if to missing parts, made external.

Word and PowerPoint now and then save a link to a bookmark or footnote as a hyperlink
relationship to '#_THIS_WEEK_IN' or '#_ftn1' without TargetMode="External", so it reads
as a part that does not exist. Word, PowerPoint and LibreOffice open such files; python-docx
raises KeyError on them, and python-pptx drops the relationships, leaving slides that point
at ids PowerPoint then offers to "repair". Marked external, every id and link is kept.
"""

from __future__ import annotations

import io

from .names import RELS_NS
from .package import Package, Relationship, rels_part, serialize
from .zipio import ZipWriter

_HYPERLINK = "/hyperlink"


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
