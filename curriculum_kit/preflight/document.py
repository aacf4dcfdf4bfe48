"""One document opened once for every check: its parts parsed, its text read by the engine.

Checks read XML with lxml and the engine's text view, never by rendering, so a packet's
preflight costs a fraction of building it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from ..ooxml.locations import BlockLocator, part_labels
from ..ooxml.names import R_NS, a, p, w
from ..ooxml.package import Package
from ..ooxml.textview import Block, PartText, read_part

EMU_PER_TWIP = 635
EMU_PER_INCH = 914400


class Paragraph:
    """A block of text with the part it is in and the kind of that part; its place is worked
    out only when a check reports it (most paragraphs are never reported)."""

    __slots__ = ("part", "kind", "text", "element", "start", "_label", "_locator", "_block")

    def __init__(self, part: str, kind: str, label: str, locator: BlockLocator, block: Block):
        self.part, self.kind, self.text, self.element = part, kind, block.text, block.element
        self.start = block.start  # where the paragraph starts in its part's text
        self._label, self._locator, self._block = label, locator, block

    @property
    def place(self) -> str:
        return _place(self._label, self._locator, self._block)


@dataclass
class Document:
    """A .docx or .pptx held in memory; ``generated`` when the tool laid it out itself."""

    name: str
    family: str  # word, presentation
    generated: bool
    roots: dict[str, etree._Element] = field(default_factory=dict)  # text parts, parsed
    kinds: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    main_part: str = ""
    extra: dict[str, etree._Element] = field(default_factory=dict)  # styles, settings, presentation

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        found = []
        for name, (view, locator) in self.views.items():
            label = self.labels.get(name, name)
            for block in view.blocks:
                if block.attribute or not block.text.strip():
                    continue
                found.append(Paragraph(name, self.kinds[name], label, locator, block))
        return found

    @cached_property
    def views(self) -> dict[str, tuple[PartText, BlockLocator]]:
        """Each part's text view (all its paragraphs in one string, NUL between them)."""
        found = {}
        for name, root in self.roots.items():
            view = read_part(root)
            found[name] = (view, BlockLocator(root, view))
        return found

    def search(self, pattern: re.Pattern[str], worth: Callable[[str], bool] | None = None
               ) -> Iterator[tuple[Paragraph, re.Match[str]]]:
        """Matches of ``pattern`` in any paragraph, with the paragraph (a match never spans
        two: they are NUL-separated). ``worth``, a cheap test of a part's or a paragraph's
        text, spares the pattern text that cannot match."""
        for name, (view, locator) in self.views.items():
            if worth is not None and not worth(view.text):
                continue
            label = self.labels.get(name, name)
            if worth is None:
                matches: Iterator[re.Match[str]] = pattern.finditer(view.text)
            else:
                matches = (match for index in range(view.paragraph_blocks) if worth(view.block(index).text)
                           for match in pattern.finditer(view.text, view.block_starts[index],
                                                         view.text.index("\x00", view.block_starts[index])))
            for match in matches:
                index = bisect_right(view.block_starts, match.start()) - 1
                if index >= view.paragraph_blocks:
                    break  # titles and alt text come after the paragraphs
                yield Paragraph(name, self.kinds[name], label, locator, view.block(index)), match

    def slides(self) -> Iterator[tuple[int, etree._Element]]:
        """(number, slide root) in presentation order."""
        numbered = sorted((int(label.split()[1]), name) for name, label in self.labels.items()
                          if label.startswith("slide ") and label.count(" ") == 1)
        for number, name in numbered:
            yield number, self.roots[name]

    @property
    def body(self) -> etree._Element | None:
        return self.roots.get(self.main_part) if self.family == "word" else None

    def place_of(self, part: str, element: etree._Element) -> str:
        """Where an element is, as the engine names places ('body, table 2, row 4')."""
        root = self.roots[part]
        locator = BlockLocator(root, read_part(root))
        paragraph = element if element.tag in (w("p"), a("p")) else next(element.iterancestors(w("p"), a("p")), None)
        if paragraph is None:
            paragraph = next(element.iter(w("p"), a("p")), None)
        label = self.labels.get(part, part)
        if paragraph is None:
            return label
        return _place(label, locator, Block(paragraph, 0, ""))


def _place(label: str, locator: BlockLocator, block: Block) -> str:
    detail = locator.describe(block)
    return f"{label}, {detail}" if detail else label


# What a reader of the packet sees: layouts and masters are the template's (their text is
# replaced on every slide that uses them), comments are the authors' own.
_READ = frozenset({"body", "header", "footer", "footnotes", "endnotes", "slide", "notes", "chart", "SmartArt"})
_EXTRA = {"word": ("word/styles.xml", "word/settings.xml"), "presentation": ("ppt/presentation.xml",)}


def open_document(name: str, data: bytes, generated: bool = False) -> Document:
    """Parse a document's text parts (and the parts checks need besides) once."""
    with Package(Path(name), data) as package:
        kinds = package.text_parts()
        labels = part_labels(package, kinds)
        document = Document(name, package.family, generated, kinds=kinds, labels=labels,
                            main_part=package.main_part)
        for part in labels:
            if kinds[part] in _READ:
                document.roots[part] = package.xml(part)
        for part in _EXTRA[package.family]:
            if part not in document.roots and package.has(part):
                document.extra[part] = package.xml(part)
        if package.family == "presentation":
            document.extra[package.main_part] = package.xml(package.main_part)
    return document


_BREAKS = (w("br"), w("cr"), w("tab"), a("br"))


def text_of(element: etree._Element) -> str:
    """All the visible text under an element, runs joined; a line break or tab is a space."""
    return "".join(" " if node.tag in _BREAKS else node.text or ""
                   for node in element.iter(w("t"), a("t"), *_BREAKS))


REL_ID = f"{{{R_NS}}}id"
SHAPE_TAGS = (p("sp"), p("pic"), p("graphicFrame"), p("grpSp"), p("cxnSp"))
