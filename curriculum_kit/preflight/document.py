"""One document opened once for every check: its parts parsed, its text read by the engine.

Checks read XML with lxml and the engine's text view, never by rendering, so a packet's
preflight costs a fraction of building it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Generic, TypeVar, cast

from lxml import etree

from ..ooxml.locations import BlockLocator
from ..ooxml.names import R_NS, a, p, w
from ..ooxml.package import Package, Relationship
from ..ooxml.shared_trees import TEXT_VIEW, SharedTrees
from ..ooxml.textview import Block, PartText, in_copy, read_part

T = TypeVar("T")
EMU_PER_TWIP = 635
EMU_PER_INCH = 914400


class TextFinder(Generic[T]):
    """A check of one paragraph's text, remembering its answers for every text it has seen.

    A build checks the same module text in every county (most paragraphs hold no term), so
    the texts already found clean are set aside in one set operation per part, and the
    check runs only on text it has not seen.
    """

    _LIMIT = 1 << 17  # texts remembered; a statewide build meets ~700 new ones per county

    def __init__(self, find: Callable[[str], Sequence[T]]):
        self.find = find
        self.clean: set[str] = set()
        self.found: dict[str, Sequence[T]] = {}

    def find_in(self, texts: list[str]) -> dict[str, Sequence[T]]:
        """The texts among ``texts`` where something is found, with what."""
        if len(self.clean) + len(self.found) > self._LIMIT:
            self.clean.clear()
            self.found.clear()
        hits: dict[str, Sequence[T]] = {}
        for text in set(texts).difference(self.clean):
            known = self.found.get(text)
            if known is None:
                known = self.find(text)
                if not known:
                    self.clean.add(text)
                    continue
                self.found[text] = known
            hits[text] = known
        return hits


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
    extra: dict[str, etree._Element] = field(default_factory=dict)  # styles, presentation
    trees: SharedTrees | None = None  # parts shared with the other documents checked with it
    facts: dict[str, object] = field(default_factory=dict)  # what more than one check works out from it
    behind: dict[str, list[etree._Element]] = field(default_factory=dict)  # a slide's layout, master, theme roots
    comments: dict[str, int] = field(default_factory=dict)  # reviewers' comments by place ('body', 'slide 3')
    macros: bool = False  # holds a VBA project (a .docm or .pptm, or one renamed)
    # (part, relationship id, a file on the author's computer) of each picture linked, not held
    linked_pictures: list[tuple[str, str, str]] = field(default_factory=list)

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
        """Each part's text view (all its paragraphs in one string, NUL between them). A Word
        body's is not kept with its tree: a body is the county's own and read once (packets
        share the document, checked once), and its view held a proxy object for each of
        thousands of paragraphs until the county ended, which Python's cycle collector then
        walked again and again (10 ms of a statewide county's preflight, 1 ms now)."""
        return {name: _located(root, _reading_view(root) if self.kinds[name] == "body" else
                               self.remembered(root, TEXT_VIEW, partial(_reading_view, root)))
                for name, root in self.roots.items()}

    def remembered(self, root: etree._Element, what: Hashable, work_out: Callable[[], T]) -> T:
        """``work_out()``, noted with ``root`` when the tree is shared: a county's decks repeat
        its own slides, and a slide read or checked once is not read or checked again."""
        notes = self.trees.notes(root) if self.trees is not None else None
        if notes is None:
            return work_out()
        if what not in notes:
            notes[what] = work_out()
        return cast(T, notes[what])


    def scan(self, finder: TextFinder[T]) -> Iterator[tuple[Paragraph, T]]:
        """What ``finder`` finds in each paragraph's text, with the paragraph (remembered for
        a shared tree: a county's own slides come back in each of its decks)."""
        for name, (view, locator) in self.views.items():
            hits = self.remembered(self.roots[name], finder, partial(self._hits, name, finder))
            if not hits:
                continue
            label = self.labels.get(name, name)
            for index, items in hits:
                if not shown(view.block_elements[index]):
                    continue
                paragraph = Paragraph(name, self.kinds[name], label, locator, view.block(index))
                for item in items:
                    yield paragraph, item

    def _hits(self, part: str, finder: TextFinder[T]) -> list[tuple[int, Sequence[T]]]:
        """(index of the paragraph, what ``finder`` finds in it) for one part."""
        view = self.views[part][0]
        texts = view.text.split("\x00", view.paragraph_blocks)[:view.paragraph_blocks]
        found = finder.find_in(texts)
        return [(index, found[text]) for index, text in enumerate(texts) if text in found] if found else []

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
        locator = self.views[part][1]
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


# What a reader of the packet sees, found from the main part's relationships alone (the
# whole relationship graph of a deck costs more to read than the checks): the body, headers,
# footers and notes of a Word document; each slide and its speaker notes. Layouts and masters
# are the template's, comments the authors' own.
_WORD_PARTS = {"/header": "header", "/footer": "footer", "/footnotes": "footnotes", "/endnotes": "endnotes"}
_NOTES_SLIDE, _LAYOUT, _MASTER, _THEME = "/notesSlide", "/slideLayout", "/slideMaster", "/theme"
_VBA_PROJECT = "vbaproject.bin"  # word/vbaProject.bin, ppt/vbaProject.bin: macros
_COMMENTS = "/comments"  # Word's and PowerPoint's, and PowerPoint 365's threaded ones (.../2018/10/relationships/comments)
_COMMENT_TAGS = (w("comment"), p("cm"), "{http://schemas.microsoft.com/office/powerpoint/2018/8/main}cm")
_EXTRA = {"word": ("word/styles.xml",), "presentation": ()}


def open_document(name: str, data: bytes, generated: bool = False, trees: SharedTrees | None = None) -> Document:
    """Parse a document's text parts (and the parts checks need besides) once; with
    ``trees``, a part stored as the same bytes as one of an earlier document is that
    document's tree (checks only read them)."""
    with Package(Path(name), data, trees) as package:
        package.check_main_root()
        document = Document(name, package.family, generated, main_part=package.main_part, trees=trees,
                            macros=any(info.filename.lower().endswith(_VBA_PROJECT) for info in package.infos))
        main_rels = package.relationships(package.main_part)
        if package.family == "word":
            document.kinds[package.main_part] = "body"
            document.labels[package.main_part] = "body"
            found = sorted(((rel.target, kind) for rel in main_rels if not rel.external and package.has(rel.target)
                            for suffix, kind in _WORD_PARTS.items() if rel.type.endswith(suffix)),
                           key=lambda item: _natural(item[0]))
            document.comments = _comments(package, main_rels, "body")
            document.linked_pictures = _linked_pictures(main_rels, package.main_part)
            counters: dict[str, int] = {}
            for part, kind in found:
                counters[kind] = counters.get(kind, 0) + 1
                document.kinds[part] = kind
                document.labels[part] = f"{kind} {counters[kind]}" if kind in ("header", "footer") else kind
        else:
            presentation = package.xml(package.main_part)
            document.extra[package.main_part] = presentation
            targets = {rel.id: rel.target for rel in main_rels if not rel.external}
            layouts: dict[str, list[etree._Element]] = {}
            for number, slide_id in enumerate(presentation.iter(p("sldId")), start=1):
                slide = targets.get(slide_id.get(REL_ID, ""))
                if slide is None or not package.has(slide):
                    continue
                document.kinds[slide], document.labels[slide] = "slide", f"slide {number}"
                slide_rels = package.relationships(slide)
                document.comments.update(_comments(package, slide_rels, f"slide {number}"))
                document.linked_pictures += _linked_pictures(slide_rels, slide)
                for rel in slide_rels:
                    if rel.external or not package.has(rel.target):
                        continue
                    if rel.type.endswith(_NOTES_SLIDE):
                        document.kinds[rel.target], document.labels[rel.target] = "notes", f"slide {number} notes"
                    elif rel.type.endswith(_LAYOUT):
                        if rel.target not in layouts:  # a deck has many slides and few layouts
                            layouts[rel.target] = _drawn_behind(package, rel.target)
                        document.behind[slide] = layouts[rel.target]
        for part in document.labels:
            document.roots[part] = package.xml(part)
        for part in _EXTRA[package.family]:
            if package.has(part):
                document.extra[part] = package.xml(part)
    return document


def _linked_pictures(rels: list[Relationship], part: str) -> list[tuple[str, str, str]]:
    """(part, relationship id, target) of each picture linked from a file rather than held
    ('Insert and Link' from the author's disk or a shared drive: file:///C:/..., \\\\server\\...):
    on any other computer, a trainer's, it shows as a red cross. One linked from the web is left be."""
    return [(part, rel.id, rel.target) for rel in rels
            if rel.external and rel.type.endswith("/image") and not rel.target.lower().startswith(("http:", "https:"))]


def _comments(package: Package, rels: list[Relationship], place: str) -> dict[str, int]:
    """{place: how many comments} of a Word document's or a slide's comments parts (Word's
    w:comment; PowerPoint's p:cm, and the threaded p188:cm of PowerPoint 365): reviewers'
    notes that would go out with the packet."""
    count = sum(sum(1 for element in package.xml(rel.target).iter(_COMMENT_TAGS))
                for rel in rels if rel.type.endswith(_COMMENTS) and not rel.external and package.has(rel.target))
    return {place: count} if count else {}


def _drawn_behind(package: Package, layout: str) -> list[etree._Element]:
    """The roots of a slide layout, of its master and of the master's theme: what is drawn
    behind a slide (its background, when the slide has none of its own, and its colours)."""
    behind = [package.xml(layout)]
    master = _related(package, layout, _MASTER)
    theme = _related(package, master, _THEME) if master is not None else None
    return behind + [package.xml(name) for name in (master, theme) if name is not None]


def _related(package: Package, part: str, kind: str) -> str | None:
    return next((rel.target for rel in package.relationships(part)
                 if rel.type.endswith(kind) and not rel.external and package.has(rel.target)), None)


def _reading_view(root: etree._Element) -> PartText:
    return read_part(root).for_reading()


def _located(root: etree._Element, view: PartText) -> tuple[PartText, BlockLocator]:
    return view, BlockLocator(root, view)


def shown(element: etree._Element) -> bool:
    """Whether a reader sees ``element``: not so inside an mc:Fallback. Word writes a text
    box twice, drawn in DrawingML and again in VML for readers that cannot draw the first;
    one box is seen, and a flaw in it is one finding, not two."""
    return not in_copy(element)


def selected(path: etree.XPath, root: etree._Element) -> list[etree._Element]:
    """The elements a node-set ``path`` selects under ``root`` (libxml2 walks the tree, not
    Python: a deck has thousands of runs and few that a check is after)."""
    return cast(list[etree._Element], path(root))


def first(path: etree.XPath, element: etree._Element) -> etree._Element | None:
    """The first element ``path`` (made by :func:`~..ooxml.names.path`) selects under
    ``element``: what ``element.find`` gives for the same steps."""
    found = cast(list[etree._Element], path(element))
    return found[0] if found else None


# A number as Strict OOXML may write it: a decimal, with a unit of length or a percent sign.
_MEASURE = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*(mm|cm|in|pt|pc|pi|%)?\s*")
_PER_INCH = {"mm": 25.4, "cm": 2.54, "in": 1.0, "pt": 72.0, "pc": 6.0, "pi": 6.0}


def read_number(value: str | None, default: float, per_inch: float = 0.0) -> float:
    """A numeric attribute in its own unit. Files write whole numbers ('22' half-points,
    '914400' EMU); Strict OOXML may write a length with its unit ('11pt', '2.54cm':
    ``per_inch`` of the attribute's unit make an inch) and a percentage as '80%' (80,000
    thousandths). Anything else, or nothing, is ``default``: checks read what a file holds
    and never stop on a number they cannot read."""
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        found = _MEASURE.fullmatch(value)
    if found is None:
        return default
    amount, unit = float(found.group(1)), found.group(2)
    if unit is None:
        return amount
    if unit == "%":
        return amount * 1000
    return amount * per_inch / _PER_INCH[unit] if per_inch else default


def _natural(name: str) -> list[int | str]:
    return [int(piece) if piece.isdigit() else piece for piece in re.split(r"(\d+)", name)]


_BREAKS = (w("br"), w("cr"), w("tab"), a("br"))


def text_of(element: etree._Element) -> str:
    """All the visible text under an element, runs joined; a line break or tab is a space."""
    return "".join(" " if node.tag in _BREAKS else node.text or ""
                   for node in element.iter(w("t"), a("t"), *_BREAKS))


REL_ID = f"{{{R_NS}}}id"
SHAPE_TAGS = (p("sp"), p("pic"), p("graphicFrame"), p("grpSp"), p("cxnSp"))
