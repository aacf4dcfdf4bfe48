"""Markers inside a Word story: placeholders to fill, sections to keep, label or drop.

Works on the lxml tree of a WordprocessingML part (python-docx's ``document.element`` is
one). The marker syntax itself belongs to the module format: callers pass the function
that finds markers in a paragraph's text, so the engine knows only that a marker opens,
closes or holds a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from lxml import etree

from ..errors import BuildError
from .names import w
from .textview import read_part

_W_P, _PPR, _PSTYLE, _OUTLINE = w("p"), w("pPr"), w("pStyle"), w("outlineLvl")
_HEADING = re.compile(r"heading\s*(\d)", re.IGNORECASE)


class MarkerLike(Protocol):
    """What the engine needs of a marker: 'placeholder', 'open' or 'close'."""

    @property
    def role(self) -> str: ...


M = TypeVar("M", bound=MarkerLike)
FindMarkers = Callable[[str], Sequence[M]]


@dataclass
class MarkedParagraph(Generic[M]):
    element: etree._Element
    marker: M


def marked_paragraphs(root: etree._Element, find: FindMarkers[M]) -> list[MarkedParagraph[M]]:
    """Paragraphs that hold a marker, in document order (one pass over the whole story)."""
    view = read_part(root)
    found = []
    for index in range(view.paragraph_blocks):
        start = view.block_starts[index]
        end = view.text.index("\x00", start)
        markers = find(view.text[start:end])
        if markers and view.block_elements[index].tag == _W_P:
            found.append(MarkedParagraph(view.block_elements[index], markers[0]))
    return found


def placeholders(marked: list[MarkedParagraph[M]], root: etree._Element) -> list[MarkedParagraph[M]]:
    """The placeholders among ``marked`` still in ``root`` (not dropped with a section)."""
    return [m for m in marked if m.marker.role == "placeholder"
            and any(ancestor is root for ancestor in m.element.iterancestors())]


def resolve_sections(marked: list[MarkedParagraph[M]], decide: Callable[[M], str],
                     label: Callable[[M], str] | None = None) -> list[tuple[M, str]]:
    """Apply ``decide(marker)`` -> 'keep' | 'drop' | 'label' to every section among the
    ``marked`` paragraphs of a story; return what was done.

    'drop' removes the section with its markers (and a heading it leaves empty);
    'keep' removes just the markers; 'label' turns the opening marker into ``label(marker)``.
    """
    stack: list[MarkedParagraph[M]] = []
    pairs: list[tuple[MarkedParagraph[M], MarkedParagraph[M]]] = []
    for item in marked:
        if item.marker.role == "open":
            stack.append(item)
        elif item.marker.role == "close":
            if not stack:
                raise BuildError(f"{item.marker} closes a section that is not open")
            pairs.append((stack.pop(), item))
    if stack:
        raise BuildError(f"{stack[-1].marker} is never closed")
    done = []
    for opened, closed in pairs:  # innermost sections first
        parent = opened.element.getparent()
        if parent is None or closed.element.getparent() is not parent:
            if parent is None:
                continue  # removed with an enclosing section
            raise BuildError(f"{opened.marker} and its end marker are not in the same story")
        action = decide(opened.marker)
        if action == "drop":
            _drop_range(opened.element, closed.element)
        else:
            parent.remove(closed.element)
            if action == "label" and label is not None:
                _set_text(opened.element, label(opened.marker))
            else:
                parent.remove(opened.element)
        done.append((opened.marker, action))
    return done


def _drop_range(first: etree._Element, last: etree._Element) -> None:
    parent = first.getparent()
    assert parent is not None  # a section's paragraphs sit in a body
    before = first.getprevious()
    element: etree._Element | None = first
    while element is not None:
        following = element.getnext()
        parent.remove(element)
        if element is last:
            break
        element = following
    _drop_empty_headings(before)


def _drop_empty_headings(candidate: etree._Element | None) -> None:
    """Remove headings left with no content of their own (no empty headings after a drop)."""
    while candidate is not None and heading_level(candidate):
        level = heading_level(candidate)
        following = candidate.getnext()
        next_level = heading_level(following) if following is not None else 0
        if following is not None and following.tag == _W_P and not next_level:
            return
        if following is not None and following.tag not in (_W_P, w("sectPr")) and not next_level:
            return  # a table or other content follows
        if next_level and next_level > level:
            return
        previous = candidate.getprevious()
        parent = candidate.getparent()
        assert parent is not None  # a heading sits in a body
        parent.remove(candidate)
        candidate = previous


def heading_level(element: etree._Element | None) -> int:
    """1-9 for a heading paragraph (by style or outline level), else 0."""
    if element is None or element.tag != _W_P:
        return 0
    properties = element.find(_PPR)
    if properties is None:
        return 0
    style = properties.find(_PSTYLE)
    if style is not None:
        match = _HEADING.fullmatch(style.get(w("val"), ""))
        if match:
            return int(match.group(1))
    outline = properties.find(_OUTLINE)
    return outline_level(outline.get(w("val")) if outline is not None else None)


def outline_level(value: str | None) -> int:
    """The heading level (1-9) of an outline level as a file writes it ('0'-'8'); 0 for body
    text ('9'), for none, and for a value no application writes."""
    return int(value) + 1 if value is not None and len(value) == 1 and value in "012345678" else 0


def _set_text(paragraph: etree._Element, text: str) -> None:
    """Replace a marker paragraph's content by one bold run of ``text``."""
    for child in list(paragraph):
        if child.tag != _PPR:
            paragraph.remove(child)
    run = etree.SubElement(paragraph, w("r"))
    properties = etree.SubElement(run, w("rPr"))
    etree.SubElement(properties, w("b"))
    etree.SubElement(properties, w("i"))
    etree.SubElement(run, w("t")).text = text
