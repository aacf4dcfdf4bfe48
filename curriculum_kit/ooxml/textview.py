"""The text of a part as a reader sees it, mapped back to the XML nodes that hold it.

Word and PowerPoint split a paragraph into runs at arbitrary places, so "Child Welfare
Services" may be three ``w:t`` nodes apart. This module reads each paragraph (``w:p`` or
``a:p``) into one string plus the list of text nodes it came from, and marks the places a
match must never cross: tabs, breaks, fields, drawings, note references and the edges of
hyperlinks, simple fields and content controls. Insertions, smart tags, custom XML,
bookmarks, comment ranges and proofing marks are transparent; deleted and moved-away text,
field codes, equations and DrawingML fields are left out (and so never changed).

All blocks of a part are joined into one string (each followed by NUL), so a whole part is
matched in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .names import DC_NS, MC_NS, M_NS, R_NS, XML_SPACE, a, p, w

PARAGRAPH_TAGS = (w("p"), a("p"))
_W_T, _A_T = w("t"), a("t")
_CHARS = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", a("br"): "\n"}
_FIELD_CHAR = w("fldChar")
_FIELD_TYPE = w("fldCharType")

# Run content and inline objects that stand between characters: nothing matches across them.
_ZERO_WIDTH = {
    **{w(name): "a field" for name in ("fldChar", "instrText", "delInstrText", "pgNum")},
    **{w(name): "a drawing or text box" for name in ("drawing", "pict", "object", "contentPart")},
    **{w(name): "a note or comment reference" for name in (
        "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
        "footnoteRef", "endnoteRef", "separator", "continuationSeparator")},
    **{w(name): "a symbol" for name in (
        "sym", "softHyphen", "noBreakHyphen", "dayShort", "monthShort", "yearShort",
        "dayLong", "monthLong", "yearLong")},
    f"{{{MC_NS}}}AlternateContent": "a drawing or text box",
    f"{{{M_NS}}}oMath": "an equation",
    f"{{{M_NS}}}oMathPara": "an equation",
    a("fld"): "a field",
}
_WALK_TAGS = (_W_T, _A_T, *_CHARS, *_ZERO_WIDTH)

# Wrappers whose edge a match never crosses (a match inside one stays inside it).
_BOUNDARIES = {
    w("hyperlink"): "a hyperlink edge",
    w("fldSimple"): "a field",
    w("sdtContent"): "a content control edge",
    w("rt"): "ruby text",
    w("rubyBase"): "ruby text",
    f"{{{MC_NS}}}Choice": "a drawing or text box",
    f"{{{MC_NS}}}Fallback": "a drawing or text box",
}
# Wrappers whose text is not part of what a reader sees.
_HIDDEN = {w("del"), w("moveFrom"), a("fld"), f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}
_A_RPR, _A_HLINK, _R_ID = a("rPr"), a("hlinkClick"), f"{{{R_NS}}}id"

# Whole-element texts and attributes that screen readers and file browsers show.
_ELEMENT_TEXTS = (f"{{{DC_NS}}}title", f"{{{DC_NS}}}subject", p("text"))
_ALT_TEXT_OWNERS = ("{*}docPr", "{*}cNvPr")
_ALT_TEXT_ATTRIBUTES = ("descr", "title")


@dataclass
class Block:
    """A paragraph, a whole-element text (title, comment) or an alt-text attribute."""

    element: etree._Element
    start: int
    text: str
    attribute: str | None = None  # set for alt-text blocks
    is_paragraph: bool = True


@dataclass
class PartText:
    """Every block of one XML part, and where each character lives in the XML."""

    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    block_starts: list[int] = field(default_factory=list)
    seg_starts: list[int] = field(default_factory=list)
    seg_nodes: list[etree._Element] = field(default_factory=list)
    seg_attrs: list[str | None] = field(default_factory=list)
    barriers: list[int] = field(default_factory=list)
    barrier_kinds: dict[int, str] = field(default_factory=dict)


class _Collector:
    """Accumulates blocks into a PartText; blocks arrive in increasing offset order."""

    def __init__(self) -> None:
        self.part = PartText()
        self.pieces: list[str] = []
        self.length = 0

    def add(self, element, text: str, segments, barriers, attribute=None, is_paragraph=True) -> None:
        part, base = self.part, self.length
        part.blocks.append(Block(element, base, text, attribute, is_paragraph))
        part.block_starts.append(base)
        for offset, node in segments:
            part.seg_starts.append(base + offset)
            part.seg_nodes.append(node)
            part.seg_attrs.append(attribute)
        for offset, kind in barriers:
            part.barriers.append(base + offset)
            part.barrier_kinds[base + offset] = kind
        self.pieces.append(text)
        self.pieces.append("\x00")
        self.length += len(text) + 1

    def finish(self) -> PartText:
        self.part.text = "".join(self.pieces)
        return self.part


def read_part(root: etree._Element) -> PartText:
    """The text view of every paragraph, titled element and alt text in a part."""
    collector = _Collector()
    fields: list[str] = []  # open complex fields: 'code' until their separator, then 'result'
    for paragraph in root.iter(PARAGRAPH_TAGS):
        text, segments, barriers = _read_paragraph(paragraph, fields)
        collector.add(paragraph, text, segments, barriers)
    for element in root.iter(_ELEMENT_TEXTS):
        if element.text:
            collector.add(element, element.text, [(0, element)], [], is_paragraph=False)
    for element in root.iter(_ALT_TEXT_OWNERS):
        for attribute in _ALT_TEXT_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                collector.add(element, value, [(0, element)], [], attribute, is_paragraph=False)
    return collector.finish()


def _read_paragraph(paragraph, fields: list[str]):
    pieces: list[str] = []
    segments: list[tuple[int, etree._Element]] = []
    barriers: list[tuple[int, str]] = []
    length = 0
    last_container = None
    for element in paragraph.iter(_WALK_TAGS):
        tag = element.tag
        parent = element.getparent()
        if parent is paragraph or (parent.getparent() is paragraph and parent.tag not in _HIDDEN
                                   and parent.tag not in _BOUNDARIES):
            container, hidden = None, False  # the common case: a run right in the paragraph
        else:
            container, hidden, owner = _climb(parent, paragraph)
            if owner is not paragraph:
                continue  # belongs to a nested paragraph (a text box), read on its own
            if hidden:
                continue
        if tag == _W_T or tag == _A_T:
            text = element.text
            if not text or "code" in fields:
                continue
            if tag == _A_T:
                container = _drawingml_link(parent) or container
            if segments and container != last_container:
                changed = container if container is not None else last_container
                barriers.append((length, _boundary_kind(changed)))
            last_container = container
            segments.append((length, element))
            pieces.append(text)
            length += len(text)
        elif tag in _CHARS:
            char = _CHARS[tag]
            kind = "a tab" if char == "\t" else "a line break"
            barriers.append((length, kind))
            pieces.append(char)
            length += 1
            barriers.append((length, kind))
        else:
            if tag == _FIELD_CHAR:
                _track_field(element.get(_FIELD_TYPE), fields)
            barriers.append((length, _ZERO_WIDTH[tag]))
    return "".join(pieces), segments, barriers


def _climb(node, paragraph):
    """(nearest boundary wrapper, inside hidden text?, owning paragraph) of a run's parent."""
    container, hidden = None, False
    while node is not None and node is not paragraph:
        tag = node.tag
        if tag in PARAGRAPH_TAGS:
            return None, True, node
        if tag in _HIDDEN:
            hidden = True
        elif container is None and tag in _BOUNDARIES:
            container = node
        node = node.getparent()
    return container, hidden, node


def _drawingml_link(run):
    """A DrawingML hyperlink lives in the run's properties; its target identifies it."""
    properties = run.find(_A_RPR)
    if properties is None:
        return None
    link = properties.find(_A_HLINK)
    return ("link", link.get(_R_ID)) if link is not None else None


def _boundary_kind(container) -> str:
    """What a reader would call the edge of this wrapper (a DrawingML link is a tuple)."""
    return "a hyperlink edge" if isinstance(container, tuple) else _BOUNDARIES[container.tag]


def _track_field(kind: str | None, fields: list[str]) -> None:
    if kind == "begin":
        fields.append("code")
    elif kind == "separate" and fields:
        fields[-1] = "result"
    elif kind == "end" and fields:
        fields.pop()


def set_node_text(node: etree._Element, attribute: str | None, text: str) -> None:
    """Write text back into a text node or attribute, keeping edge spaces in Word."""
    if attribute is not None:
        node.set(attribute, text)
        return
    node.text = text
    if node.tag == _W_T and text != text.strip():
        node.set(XML_SPACE, "preserve")


def node_text(node: etree._Element, attribute: str | None) -> str:
    return (node.get(attribute) if attribute is not None else node.text) or ""
