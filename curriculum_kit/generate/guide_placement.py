"""County material in a facilitator guide that has no markers for it.

The co-branded cover becomes the first page (the academy's own title page follows it).
The county's contacts, org chart and stories go together into a "Local information"
section before the guide's back matter (appendices, references), or at its end, under a
heading in the guide's own Heading 1 style so it is part of the table of contents. A piece
that module.toml's ``[placement]`` anchors to a heading goes there instead, under its own
heading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from ..errors import BuildError
from ..formats.markers import PLACEHOLDERS
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..formats.placement import LOCAL_PIECES, Spot, guide_spots
from ..ooxml.extent import page_styles, pages_of
from ..ooxml.outline import Heading, heading_styles, headings
from .headings import add_heading
from .shared_parts import tree_fact
from .text_direction import make_left_to_right

LOCAL_HEADING = "Local information"
# Each story brings its own Heading 2, so the stories need no heading of their own.
PIECE_HEADINGS = {"contacts": "Local contacts", "orgchart": "Who's who: organization chart", "stories": ""}


def guide_outline(document: Any) -> list[Heading]:
    """The guide's headings, read before sections are resolved (anchors count them)."""
    return headings(document.element.body, tree_fact(document.part.styles.element, "headings", heading_styles))


def place_unmarked(document: Any, outline: list[Heading], texts: list[str], marked: set[str], module: Module,
                   overlay: Overlay, fill: Callable[[str], None]) -> dict[str, str]:
    """Add the county material the guide has no markers for; returns where each piece went
    ('page 1', "section 'Local information', about page 31").

    ``texts`` are the guide's headings in the academy's own words (what anchors name);
    ``outline`` the same headings in the adapted document.
    """
    pieces = [piece for piece in PLACEHOLDERS if piece not in marked]
    spots, problems = guide_spots(texts, [h.level for h in outline], module.placement, pieces)
    if problems:
        raise BuildError(f"{problems[0][1]}; check the module with 'curriculum-kit validate'", module.toml_path)
    body = document.element.body
    placed_at: dict[str, tuple[etree._Element, str]] = {}
    if "cobrand" in spots:
        spot = spots["cobrand"]
        target = body[0] if spot.chosen is None else _target(outline, spot)
        placed_at["cobrand"] = (_insert(document, target, lambda: fill("cobrand")), str(spot.chosen or ""))
    grouped = [p for p in LOCAL_PIECES if p in spots and spots[p].chosen is None and overlay.has_material(p)]
    if grouped:
        def local() -> None:
            add_heading(document, LOCAL_HEADING, 1)
            for piece in grouped:
                if PIECE_HEADINGS[piece]:
                    add_heading(document, PIECE_HEADINGS[piece], 2)
                fill(piece)
        first = _insert(document, _target(outline, spots[grouped[0]]), local)
        for piece in grouped:
            placed_at[piece] = (first, f"section '{LOCAL_HEADING}'")
    for piece in LOCAL_PIECES:
        if piece in spots and spots[piece].chosen is not None and overlay.has_material(piece):
            def one(piece: str = piece) -> None:
                if PIECE_HEADINGS[piece]:
                    add_heading(document, PIECE_HEADINGS[piece], 2)
                fill(piece)
            placed_at[piece] = (_insert(document, _target(outline, spots[piece]), one), str(spots[piece].chosen))
    return describe(document, placed_at)


def _target(outline: list[Heading], spot: Spot) -> etree._Element | None:
    """The heading to insert before (the next one still in the document), None for the end."""
    return next((h.element for h in outline[spot.index:] if h.element.getparent() is not None), None)


def _insert(document: Any, target: etree._Element | None, add: Callable[[], None]) -> etree._Element:
    """Run ``add`` (which appends to the body) and move what it added before ``target``
    (None: leave it at the end); returns the first element added."""
    body = document.element.body
    count = len(body)
    add()
    section = body[-1] if body[-1].tag == qn("w:sectPr") else None
    end = len(body) - (1 if section is not None else 0)
    added = list(body)[count - (1 if section is not None else 0):end]
    make_left_to_right(document, added)
    if target is not None:
        for element in added:
            target.addprevious(element)
    first: etree._Element = added[0]
    return first


def describe(document: Any, placed_at: dict[str, tuple[etree._Element, str]]) -> dict[str, str]:
    """Where each piece went, for the packet's README: its place and the page it starts on
    (estimated from the page breaks, as ``extent`` counts pages)."""
    first = document.element.body[0]
    paragraphs = {piece: element if element.tag == qn("w:p") else element.getnext()
                  for piece, (element, _) in placed_at.items() if element is not first}
    targets = [paragraph for paragraph in paragraphs.values() if paragraph is not None]
    pages = {}
    if targets:  # a walk of the whole body otherwise
        pages = pages_of(document.element, tree_fact(document.part.styles.element, "pages", page_styles), targets)
    where = {}
    for piece, (element, place) in placed_at.items():
        if element is first:
            where[piece] = "page 1"
            continue
        paragraph = paragraphs[piece]
        page = f"about page {pages[paragraph]}" if paragraph is not None else ""
        where[piece] = ", ".join(part for part in (place, page) if part)
    return where
