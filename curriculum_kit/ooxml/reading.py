"""Read-only access to a document's text, part by part, for validation and analysis."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .locations import BlockLocator, part_labels
from .names import R_NS, a
from .package import Package
from .shared_trees import SharedTrees
from .textview import Block, in_copy, read_part

# A picture's reference to its image: DrawingML's a:blip/@r:embed, and VML's v:imagedata/@r:id
# (pictures of documents first saved by older Word).
_PICTURE_REFERENCES = {a("blip"): f"{{{R_NS}}}embed", "{urn:schemas-microsoft-com:vml}imagedata": f"{{{R_NS}}}id"}


@dataclass(frozen=True)
class TextBlock:
    part: str
    kind: str  # body, header, slide, notes, ... (see package.PART_KINDS)
    label: str  # 'slide 3 notes', 'header 1', ...
    text: str
    element: etree._Element  # the paragraph (valid while the caller keeps it)
    block: Block
    locator: BlockLocator

    @property
    def location(self) -> str:
        detail = self.locator.describe(self.block)
        return f"{self.label}, {detail}" if detail else self.label


@dataclass(frozen=True)
class Contents:
    """What :func:`document_contents` reads of a document."""

    blocks: list[TextBlock]
    pictures: list[tuple[str, str]]  # (where, the image's digest)
    hidden: list[tuple[int, str]]  # (index of the first block, label) of each slide hidden from the show


def document_blocks(path: Path, data: bytes | None = None, copies: bool = False) -> Iterator[TextBlock]:
    """Every block of text of a .docx/.pptx (from ``path`` or in-memory ``data``) with
    where it is, in reading order: what a reader sees, so a text box's copy that Word writes
    for older readers (mc:Fallback) is passed over unless ``copies`` asks for it (a snapshot
    `lock` wrote before this read it so; its text is compared as it was read)."""
    with Package(path, data) as package:
        for name, kind, label, root in _text_parts(package):
            yield from _blocks(name, kind, label, root, copies)


def document_contents(path: Path, data: bytes | None = None) -> Contents:
    """What a reader sees of a document, each part parsed once: its blocks (as
    :func:`document_blocks`); (where, digest) of every picture in reading order, the digest
    being the first 12 hex digits of the image's sha256 (a picture replaced shows in no
    text, and a document saved again keeps its images' bytes); and the slides hidden from
    the slide show, each as (index of its first block, its label)."""
    contents = Contents([], [], [])
    with Package(path, data) as package:
        for name, kind, label, root in _text_parts(package):
            if kind == "slide" and _hidden(root):
                contents.hidden.append((len(contents.blocks), label))
            contents.blocks.extend(_blocks(name, kind, label, root, copies=False))
            targets = {rel.id: rel.target for rel in package.relationships(name) if not rel.external}
            for element in root.iter(*_PICTURE_REFERENCES):
                target = targets.get(element.get(_PICTURE_REFERENCES[element.tag], ""))
                if target is not None and package.has(target) and not in_copy(element):
                    contents.pictures.append((label, hashlib.sha256(package.read(target)).hexdigest()[:12]))
    return contents


def hidden_slides(path: Path, data: bytes | None = None, shared: SharedTrees | None = None) -> list[int]:
    """The numbers of a deck's slides hidden from the slide show (which a PDF of the deck
    leaves out, as PowerPoint and LibreOffice export it). Only the slides are parsed (not
    their notes, layouts and charts), and with ``shared`` those a reader already parsed are
    taken as they are (a build's preflight read every slide)."""
    with Package(path, data, shared) as package:
        parts = package.text_parts()
        return [int(label.split()[1]) for name, label in part_labels(package, parts).items()
                if parts[name] == "slide" and _hidden(package.xml(name))]


def _text_parts(package: Package) -> Iterator[tuple[str, str, str, etree._Element]]:
    """(name, kind, label, parsed root) of each text part, in reading order: body first;
    slides in order, each with its notes."""
    parts = package.text_parts()
    for name, label in part_labels(package, parts).items():
        yield name, parts[name], label, package.xml(name)


def _blocks(name: str, kind: str, label: str, root: etree._Element, copies: bool) -> Iterator[TextBlock]:
    view = read_part(root)
    locator = BlockLocator(root, view)
    for block in view.blocks:
        if view.has_copies and not copies and in_copy(block.element):
            continue
        yield TextBlock(name, kind, label, block.text, block.element, block, locator)


def _hidden(slide: etree._Element) -> bool:
    return slide.get("show") in ("0", "false")
