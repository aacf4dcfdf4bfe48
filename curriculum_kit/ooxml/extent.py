"""How long a document is: the slides of a deck, the pages of a Word document.

A page count is an estimate from what the author made explicit — page breaks, paragraphs
that start a page (directly or through their style, as headings often do) and section
breaks that start a new page — plus one; text that flows over onto a next page is not
counted. ``docProps/app.xml`` ``<Pages>`` is not used: it is only as fresh as the last
save by Word, and files written by other tools carry a stale value (python-docx writes 1).
"""

from __future__ import annotations

from lxml import etree

from .names import p, w
from .package import Package

_STYLES = "/styles"
_FALSE = {"0", "false", "off"}
_SAME_PAGE_SECTIONS = {"continuous", "nextColumn"}
_P, _PPR, _SECTPR, _TXBX = w("p"), w("pPr"), w("sectPr"), w("txbxContent")
_BR, _T, _TYPE = w("br"), w("t"), w("type")
_PAGE_BREAK_BEFORE, _PSTYLE, _VAL = w("pageBreakBefore"), w("pStyle"), w("val")
_WALK = (_BR, _T, w("drawing"), w("pict"))
_RENDERED_BREAK = w("lastRenderedPageBreak")  # where a page began when Word last drew the document


def extent(package: Package) -> tuple[str, int]:
    """('slides', n) for a presentation, ('pages', n) for a Word document."""
    root = package.xml(package.main_part)
    if package.family == "presentation":
        return "slides", sum(1 for _ in root.iter(p("sldId")))
    return "pages", _pages(root, _page_styles(package))


def _on(element: etree._Element | None) -> bool | None:
    """A WordprocessingML on/off property: absent None, present True unless val says off."""
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in _FALSE


def _page_styles(package: Package) -> tuple[set[str], str | None]:
    """Paragraph styles that start a page (their own setting or a basedOn ancestor's), and
    the default paragraph style."""
    styles = next((rel.target for rel in package.graph.get(package.main_part, [])
                   if rel.type.endswith(_STYLES) and not rel.external and package.has(rel.target)), None)
    if styles is None:
        return set(), None
    return page_styles(package.xml(styles))


def page_styles(styles: etree._Element) -> tuple[set[str], str | None]:
    """Paragraph styles that start a page, and the default paragraph style, from styles.xml."""
    own: dict[str, bool | None] = {}
    based_on: dict[str, str] = {}
    default = None
    for style in styles.iter(w("style")):
        if style.get(w("type")) != "paragraph":
            continue
        style_id = style.get(w("styleId"), "")
        own[style_id] = _on(style.find(f"{_PPR}/{w('pageBreakBefore')}"))
        parent = style.find(w("basedOn"))
        if parent is not None:
            based_on[style_id] = parent.get(w("val"), "")
        if style.get(w("default")) in ("1", "true", "on"):
            default = style_id
    starting = set()
    for style_id in own:
        current: str | None = style_id
        seen: set[str] = set()
        while current in own and current not in seen and own[current] is None:
            seen.add(current)
            current = based_on.get(current)
        if current is not None and own.get(current):
            starting.add(style_id)
    return starting, default


def pages_of(root: etree._Element, styles: tuple[set[str], str | None],
             targets: list[etree._Element]) -> dict[etree._Element, int]:
    """The page on which each body paragraph of ``targets`` starts, estimated as
    :func:`extent` counts pages, and where Word last drew the document, at the page breaks
    it noted then (``w:lastRenderedPageBreak``: text flowing over onto a next page; a guide
    of fifty pages without an explicit break was 'about page 4'), in one walk over the
    body; one it does not meet (a table, a paragraph in a text box) gets the page count.
    (``extent`` leaves those notes out: a snapshot's page count stays what the author made.)"""
    found: dict[etree._Element, int] = {}
    total = _pages(root, styles, set(targets), found, (*_WALK, _RENDERED_BREAK))
    return {target: found.get(target, total) for target in targets}


def _pages(root: etree._Element, styles: tuple[set[str], str | None], until: set[etree._Element] | None = None,
           found: dict[etree._Element, int] | None = None, walk: tuple[str, ...] = _WALK) -> int:
    """The page count; with ``until``, the walk notes in ``found`` the page each of those
    paragraphs starts on, and stops when it has seen them all; ``walk``: the elements read in
    a paragraph."""
    starting, default = styles
    body = root.find(w("body"))
    if body is None:
        return 1
    sections = list(body.iter(_SECTPR))  # each describes how its own section starts
    next_starts_page = {before: _starts_page(after) for before, after in zip(sections, sections[1:])}
    pages, at_top = 1, True
    # paragraphs in text boxes (which float on a page: breaks inside them do nothing), and
    # those holding one; found once, as most documents have none
    boxes = list(body.iter(_TXBX))
    in_boxes = {paragraph for box in boxes for paragraph in box.iter(_P)}
    holding_boxes = {paragraph for box in boxes for paragraph in box.iterancestors(_P)}
    for paragraph in body.iter(_P):
        if paragraph in in_boxes:
            continue
        properties = paragraph.find(_PPR)
        direct = _on(properties.find(_PAGE_BREAK_BEFORE)) if properties is not None else None
        style = properties.find(_PSTYLE) if properties is not None else None
        style_id = style.get(_VAL) if style is not None else default
        if (direct if direct is not None else style_id in starting) and not at_top:
            pages, at_top = pages + 1, True
        if until is not None and found is not None and paragraph in until:
            found[paragraph] = pages
            if len(found) == len(until):
                return pages
        boxed = paragraph in holding_boxes  # else nothing in it is in a text box
        for element in paragraph.iter(walk):
            if boxed and any(True for _ in element.iterancestors(_TXBX)):
                continue
            if element.tag == _BR:
                if element.get(_TYPE) == "page":
                    pages, at_top = pages + 1, True
            elif element.tag == _RENDERED_BREAK:
                if not at_top:  # (Word notes one after its own page breaks too)
                    pages, at_top = pages + 1, True
            elif element.tag != _T or element.text:
                at_top = False
        section = properties.find(_SECTPR) if properties is not None else None
        if section is not None and next_starts_page.get(section):
            pages, at_top = pages + 1, True
    return pages


def _starts_page(section: etree._Element) -> bool:
    kind = section.find(w("type"))
    return kind is None or kind.get(w("val")) not in _SAME_PAGE_SECTIONS
