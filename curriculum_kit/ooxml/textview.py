"""The text of a part as a reader sees it, mapped back to the XML nodes that hold it.

Word and PowerPoint split a paragraph into runs at arbitrary places, so "Child Welfare
Services" may be three ``w:t`` nodes apart. This module reads each paragraph (``w:p`` or
``a:p``) into one string plus the list of text nodes it came from, and marks the places a
match must never cross: tabs, breaks, fields, drawings, note references and the edges of
hyperlinks, simple fields, content controls and tracked changes (a match half inside an
insertion, or around a deletion, would be undone half by rejecting the change). Smart tags,
custom XML, bookmarks, comment ranges and proofing marks are transparent; deleted and
moved-away text, field codes, equations and DrawingML fields are left out (and so never
changed).

All blocks of a part are joined into one string (each followed by NUL), so a whole part is
matched in one pass.
"""

from __future__ import annotations

from typing import NamedTuple, TypeAlias

from lxml import etree

from .names import C_NS, M_NS, MC_NS, PROPERTY_TEXTS, R_NS, W_NS, XML_SPACE, a, p, w

PARAGRAPH_TAGS = (w("p"), a("p"))
_W_T, _A_T = w("t"), a("t")
# Run content read as a character that stands between others: a term across one is a near miss.
_CHARS = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", a("br"): "\n", w("noBreakHyphen"): "\u2011"}
_CHAR_KINDS = {"\t": "a tab", "\n": "a line break", "\u2011": "a non-breaking hyphen"}
_FIELD_CHAR = w("fldChar")
_FIELD_TYPE = w("fldCharType")

# Run content and inline objects that stand between characters: nothing matches across them.
_ZERO_WIDTH = {
    **{w(name): "a field" for name in ("fldChar", "instrText", "delInstrText", "pgNum")},
    **{w(name): "a drawing or text box" for name in ("drawing", "pict", "object", "contentPart")},
    **{w(name): "a note or comment reference" for name in (
        "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
        "footnoteRef", "endnoteRef", "separator", "continuationSeparator")},
    w("softHyphen"): "an optional hyphen",
    **{w(name): "a symbol" for name in (
        "sym", "dayShort", "monthShort", "yearShort",
        "dayLong", "monthLong", "yearLong")},
    f"{{{MC_NS}}}AlternateContent": "a drawing or text box",
    w("del"): "a tracked change",
    w("moveFrom"): "a tracked change",
    f"{{{M_NS}}}oMath": "an equation",
    f"{{{M_NS}}}oMathPara": "an equation",
    a("fld"): "a field",
}
_WALK_TAGS = (_W_T, _A_T, *_CHARS, *_ZERO_WIDTH)
_IN_RUNS = {_W_T, _A_T, *_CHARS, *(t for t in _ZERO_WIDTH if t.startswith(f"{{{W_NS}}}"))} - {w("del"), w("moveFrom")}

# Wrappers whose edge a match never crosses (a match inside one stays inside it).
_BOUNDARIES = {
    w("hyperlink"): "a hyperlink edge",
    w("ins"): "a tracked change",
    w("moveTo"): "a tracked change",
    w("fldSimple"): "a field",
    w("sdtContent"): "a content control edge",
    w("rt"): "ruby text",
    w("rubyBase"): "ruby text",
    f"{{{MC_NS}}}Choice": "a drawing or text box",
    f"{{{MC_NS}}}Fallback": "a drawing or text box",
}
# Wrappers whose text is not part of what a reader sees.
_FALLBACK = f"{{{MC_NS}}}Fallback"
_HIDDEN = {w("del"), w("moveFrom"), a("fld"), f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}
_A_RPR, _A_HLINK, _R_ID = a("rPr"), a("hlinkClick"), f"{{{R_NS}}}id"
_PARAGRAPH_SET = set(PARAGRAPH_TAGS)
_WRAPPERS = set(_BOUNDARIES) | _HIDDEN

# Whole-element texts and attributes that screen readers and file browsers show.
_ELEMENT_TEXTS = (*PROPERTY_TEXTS, p("text"))
# A chart's labels as it shows them: the category and series names cached in the chart part
# (c:pt/c:v of a string cache or a level of one, c:tx/c:v), numbers left out.
_CHART_VALUE = f"{{{C_NS}}}v"
_CHART_LABEL_PARENTS = {f"{{{C_NS}}}pt", f"{{{C_NS}}}tx"}
_CHART_NUMBERS = {f"{{{C_NS}}}numCache", f"{{{C_NS}}}numLit"}
_ALT_TEXT_OWNERS = ("{*}docPr", "{*}cNvPr")  # in a dozen drawing namespaces
_ALT_TEXT_SUFFIXES = tuple(tag[3:] for tag in _ALT_TEXT_OWNERS)  # '}docPr', '}cNvPr'
_ALT_TEXT_ATTRIBUTES = ("descr", "title")
# Everything the one pass looks at. Links, titled elements and alt-text owners are picked
# up on the way: a second walk of a large tree for alt text alone cost a third of the reading.
_ALL_TAGS = (*PARAGRAPH_TAGS, *_WALK_TAGS, *(_WRAPPERS - set(_WALK_TAGS)), _A_HLINK, *_ELEMENT_TEXTS,
             *_ALT_TEXT_OWNERS, _CHART_VALUE)


_Link: TypeAlias = "tuple[str, str | None]"  # a DrawingML hyperlink: ('link', its relationship id)
_Container: TypeAlias = "etree._Element | _Link | None"  # the wrapper a text node sits in


def in_copy(element: etree._Element) -> bool:
    """Whether ``element`` lies in the copy of a text box Word writes for older readers
    (mc:Fallback): the same place as the text box, which a reader sees once."""
    return next(element.iterancestors(_FALLBACK), None) is not None


class Block(NamedTuple):
    """A paragraph, a whole-element text (title, comment) or an alt-text attribute."""

    element: etree._Element
    start: int
    text: str
    attribute: str | None = None  # set for alt-text blocks
    is_paragraph: bool = True


class PartText:
    """Every block of one XML part, and where each character lives in the XML.

    Blocks are kept as parallel lists (most are never looked at one by one); a paragraph
    holding a text box is two blocks, before and after it, which changes nothing for
    matching since a text box is a barrier. (Plain classes, not dataclasses: `adapt`
    starts sooner.)
    """

    def __init__(self) -> None:
        self.text = ""
        self.block_starts: list[int] = []
        self.block_elements: list[etree._Element] = []
        self.block_attrs: dict[int, str] = {}  # block index -> attribute holding it
        self.paragraph_blocks = 0  # blocks before this index are paragraphs
        self.seg_starts: list[int] = []
        self.seg_nodes: list[etree._Element] = []
        self.seg_attrs: dict[int, str] = {}  # text node index -> attribute holding it
        self.barriers: list[int] = []
        self.barrier_kinds: dict[int, str] = {}
        self.has_copies = False  # holds text boxes written twice (mc:Fallback, for older readers)

    def block(self, index: int) -> Block:
        start = self.block_starts[index]
        end = self.text.index("\x00", start)
        return Block(self.block_elements[index], start, self.text[start:end], self.block_attrs.get(index),
                     index < self.paragraph_blocks)

    @property
    def blocks(self) -> list[Block]:
        return [self.block(index) for index in range(len(self.block_starts))]

    def for_reading(self) -> PartText:
        """This view without the map from its characters back to their text nodes, which
        only a writer needs: a reader that keeps views of many parts (preflight, from
        county to county) then holds no element of every text node alive."""
        view = PartText()
        view.__dict__.update(self.__dict__)
        view.seg_starts, view.seg_nodes, view.seg_attrs = [], [], {}
        return view


class _Reader:
    """One pass over a part in document order, appending to flat lists.

    The common case — a text node in a run right in the current paragraph — is handled
    inline in :func:`read_part`; everything else comes here.
    """

    def __init__(self) -> None:
        self.part = PartText()
        self.pieces: list[str] = []
        self.length = 0
        self.current: etree._Element | None = None  # the paragraph of the current block
        self.first_segment = 0  # index of the current block's first text node
        self.container: _Container = None  # the boundary wrapper of the last text node
        self.complex: set[etree._Element] = set()  # paragraphs holding wrappers: read node by node, carefully
        self.fields: list[str] = []  # open complex fields: 'code' until the separator, then 'result'
        self.links: dict[etree._Element, _Link] = {}  # DrawingML runs that carry a hyperlink -> its identity

    def start_block(self, element: etree._Element, attribute: str | None = None) -> None:
        if self.part.block_starts:
            self.pieces.append("\x00")
            self.length += 1
        if attribute is not None:
            self.part.block_attrs[len(self.part.block_starts)] = attribute
        self.part.block_starts.append(self.length)
        self.part.block_elements.append(element)
        self.current, self.first_segment, self.container = element, len(self.part.seg_nodes), None

    def add_text(self, node: etree._Element, text: str, container: _Container = None) -> None:
        part = self.part
        if container != self.container and len(part.seg_nodes) > self.first_segment:
            self.barrier(_boundary_kind(container if container is not None else self.container))
        self.container = container
        part.seg_starts.append(self.length)
        part.seg_nodes.append(node)
        self.pieces.append(text)
        self.length += len(text)

    def barrier(self, kind: str) -> None:
        self.part.barriers.append(self.length)
        self.part.barrier_kinds[self.length] = kind

    def node(self, element: etree._Element, tag: str) -> None:
        """Wrappers, barriers, and text that needs its ancestors looked at."""
        parent = element.getparent()
        if parent is None:  # the part's root element: nothing around it to read
            return
        if tag in _WRAPPERS:
            if tag == _FALLBACK:
                self.part.has_copies = True
            owner = _climb(parent)[2]
            if owner is not None:
                self.complex.add(owner)
            if tag not in _ZERO_WIDTH:
                return
        anchor = parent.getparent() if tag in _IN_RUNS else parent
        container: _Container = None
        if anchor is not self.current or anchor in self.complex:
            container, hidden, owner = _climb(parent)
            if owner is None or hidden:
                return
            if owner is not self.current:
                self.start_block(owner)  # back in a paragraph after a text box nested in it
        if tag == _W_T or tag == _A_T:
            text = element.text
            if text and "code" not in self.fields:
                if tag == _A_T:
                    container = self.links.get(parent) or container
                self.add_text(element, text, container)
        elif tag in _CHARS:
            char = _CHARS[tag]
            kind = _CHAR_KINDS[char]
            self.barrier(kind)
            self.pieces.append(char)
            self.length += 1
            self.barrier(kind)
        else:
            if tag == _FIELD_CHAR:
                _track_field(element.get(_FIELD_TYPE), self.fields)
            self.barrier(_ZERO_WIDTH[tag])

    def finish(self) -> PartText:
        self.pieces.append("\x00")
        self.part.text = "".join(self.pieces)
        return self.part


def read_part(root: etree._Element) -> PartText:
    """The text view of every paragraph, titled element and alt text in a part.

    One pass over the tree in document order: per-paragraph iterators and objects cost
    more than the reading itself on a 300-page guide. The two common cases — a paragraph's
    start and a text node in a run right in it — are handled here, with the reader's
    position and current paragraph in local variables (handed back and forth around the
    reader's methods, which the rest calls): a guide's body is read a tenth sooner.
    """
    reader = _Reader()
    part, pieces, nodes, starts = reader.part, reader.pieces, reader.part.seg_nodes, reader.part.seg_starts
    block_starts, block_elements = part.block_starts, part.block_elements
    links, fields, complex_paragraphs = reader.links, reader.fields, reader.complex
    titled, alt_text_owners = [], []
    length, current, container, first_segment = 0, None, None, 0  # the reader's, while in here
    for element in root.iter(_ALL_TAGS):
        tag = element.tag
        if tag == _W_T or tag == _A_T:  # a text node of a run right in the paragraph?
            run = element.getparent()
            if run is not None and run.getparent() is current and not fields and current not in complex_paragraphs:
                text = element.text
                if text:
                    here = links.get(run) if links else None
                    if here != container and len(nodes) > first_segment:
                        reader.length = length
                        reader.barrier(_boundary_kind(here if here is not None else container))
                    container = here
                    starts.append(length)
                    nodes.append(element)
                    pieces.append(text)
                    length += len(text)
                continue
        if tag in _PARAGRAPH_SET:  # what reader.start_block does
            if block_starts:
                pieces.append("\x00")
                length += 1
            block_starts.append(length)
            block_elements.append(element)
            current, first_segment, container = element, len(nodes), None
        elif tag == _A_HLINK:  # in a run's properties, so seen before the run's text
            _note_link(element, links)
        elif tag in _ELEMENT_TEXTS or (tag == _CHART_VALUE and _chart_label(element)):
            titled.append(element)
        elif tag.endswith(_ALT_TEXT_SUFFIXES):
            alt_text_owners.append(element)
        else:
            reader.length, reader.current, reader.container, reader.first_segment = (
                length, current, container, first_segment)
            reader.node(element, tag)
            length, current, container, first_segment = (
                reader.length, reader.current, reader.container, reader.first_segment)
    reader.length, reader.current, reader.container, reader.first_segment = length, current, container, first_segment
    part.paragraph_blocks = len(part.block_starts)
    for element in titled:
        if element.text:
            reader.start_block(element)
            reader.add_text(element, element.text)
    for element in alt_text_owners:
        for attribute in _ALT_TEXT_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                reader.start_block(element, attribute)
                part.seg_attrs[len(nodes)] = attribute
                reader.add_text(element, value)
    return reader.finish()


def _chart_label(value: etree._Element) -> bool:
    """Whether a chart's c:v is a label it shows (a category or series name), not a number."""
    parent = value.getparent()
    if parent is None or parent.tag not in _CHART_LABEL_PARENTS:
        return False
    cache = parent.getparent()
    return cache is None or cache.tag not in _CHART_NUMBERS


def _climb(node: etree._Element | None) -> tuple[etree._Element | None, bool, etree._Element | None]:
    """(nearest boundary wrapper, inside hidden text?, owning paragraph) of a node's parent."""
    container, hidden = None, False
    while node is not None:
        tag = node.tag
        if tag in _PARAGRAPH_SET:
            return container, hidden, node
        if tag in _HIDDEN:
            hidden = True
        elif container is None and tag in _BOUNDARIES:
            container = node
        node = node.getparent()
    return container, hidden, node


def _note_link(link: etree._Element, links: dict[etree._Element, _Link]) -> None:
    """A DrawingML hyperlink lives in its run's properties: note the run and the link."""
    properties = link.getparent()
    run = properties.getparent() if properties is not None and properties.tag == _A_RPR else None
    if run is not None:
        links[run] = ("link", link.get(_R_ID))


def _boundary_kind(container: _Container) -> str:
    """What a reader would call the edge of this wrapper (a DrawingML link is a tuple)."""
    if isinstance(container, tuple):
        return "a hyperlink edge"
    assert container is not None  # called where the wrapper changes: one side has one
    return _BOUNDARIES[container.tag]


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
    if text != text.strip() and node.tag == _W_T:
        node.set(XML_SPACE, "preserve")


def node_text(node: etree._Element, attribute: str | None) -> str:
    return (node.get(attribute) if attribute is not None else node.text) or ""
