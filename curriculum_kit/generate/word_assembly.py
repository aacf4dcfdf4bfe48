"""The adapted guide and handouts with the county put in: cover, contacts, org chart,
stories at their markers; program sections labelled or dropped; optional ones omitted.

Content is generated at the end of the body with python-docx and then moved to the
marker, which keeps python-docx's own helpers usable for every piece.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from lxml import etree
from pptx.presentation import Presentation

from ..errors import BuildError
from ..formats.markers import Marker, find_markers
from ..formats.module import Module
from ..formats.overlay import Overlay, Trainer
from ..formats.session_day import SessionDay, facilitation_lines
from ..ooxml.names import path
from ..ooxml.sections import marked_paragraphs, placeholders, resolve_sections
from ..outputs import Stamp
from .common import add_picture, column_width, fill_cobrand, finish_loaded, fit_picture, section_height
from .contacts_doc import contacts_table
from .county_slides import CountySlides
from .guide_placement import describe, guide_outline, place_unmarked
from .shared_parts import sharing_parts
from .slide_parts import SlideSize, detach
from .stories_doc import add_stories
from .text_direction import make_left_to_right

_BRACED = "descendant::w:t[contains(., '{') or contains(., '}')] | descendant::a:t[contains(., '{') or contains(., '}')]"
_ALT_BRACED = ("descendant::*/@descr[contains(., '{') or contains(., '}')]"
               " | descendant::*/@title[contains(., '{') or contains(., '}')]"
               " | descendant::p:text[contains(., '{') or contains(., '}')]")
_BRACED_TEXT = path("boolean(" + _BRACED + ")")
_BRACED_TEXT_OR_ALT = path("boolean(" + _BRACED + " | " + _ALT_BRACED + ")")

Pair = tuple[Trainer, Trainer] | None  # the co-facilitators (CWS, CalWORKs), when the county named them


@dataclass(frozen=True)
class CountyMaterial:
    """What a county contributes to every module's documents, made once per county."""

    overlay: Overlay
    orgchart_pngs: tuple[bytes, ...]
    orgchart_alt: str
    # slide size -> org chart slides to copy; None: slides too small for them (pictures instead)
    slide_cache: dict[SlideSize, Presentation | None] = field(default_factory=dict)
    county_slides: CountySlides = field(default_factory=CountySlides)  # made for one deck, repeated in the next
    session: SessionDay | None = None  # the planned session a packet is for (date, room, pair); None: any


def section_decider(overlay: Overlay, audience: str) -> Callable[[Marker], str]:
    """'drop' omitted optional sections; for one program's participants, the other program's
    sections; the facilitator ('both') keeps and labels program sections."""
    def decide(marker: Marker) -> str:
        if marker.name == "optional":
            return "drop" if marker.argument in overlay.omit_sections else "keep"
        if audience == "facilitator":
            return "label"
        return "keep" if marker.argument == audience else "drop"
    return decide


def program_label(overlay: Overlay, pair: Pair) -> Callable[[Marker], str]:
    def label(marker: Marker) -> str:
        program = marker.argument
        lead = ""
        if pair:
            trainer = pair[0] if program == "cws" else pair[1]
            lead = f" ({trainer.name})"
        who = overlay.programs[program].label
        return (f"For the {who} co-facilitator{lead}: this part speaks to {who} staff; "
                "the other co-facilitator adds their program's view.")
    return label


def assemble_word(data: bytes, module: Module, material: CountyMaterial, audience: str,
                  pair: tuple[Trainer, Trainer] | None, stamp: Stamp, guide_headings: list[str] | None = None
                  ) -> tuple[bytes, list[tuple[Marker, str]], dict[str, str]]:
    """The document with county material placed; returns (bytes, what was done to each
    section, where each piece went). For the facilitator guide, ``guide_headings`` are its
    headings in the academy's words, and material it has no markers for is placed by
    :mod:`.guide_placement`."""
    overlay = material.overlay
    with sharing_parts():
        document = docx.Document(io.BytesIO(data))
    body = document.element.body
    outline = guide_outline(document) if guide_headings is not None else []
    found = marked_paragraphs(body, find_markers) if may_hold_markers(body) else []
    marked = {item.marker.name for item in found if item.marker.role == "placeholder"}
    done = resolve_sections(found, section_decider(overlay, audience), program_label(overlay, pair))
    at_markers: dict[str, tuple[etree._Element, str]] = {}
    for item in placeholders(found, body):
        before = item.element.getprevious()
        with _insert_before(document, item.element):
            _fill(document, item.marker.name, module, material, pair, audience)
        first = body[0] if before is None else before.getnext()
        if first is not None:
            at_markers[item.marker.name] = (first, "at the marker")
    where = describe(document, at_markers) if guide_headings is not None else {}
    if guide_headings is not None:
        where.update(place_unmarked(document, outline, guide_headings, marked, module, overlay,
                                    lambda name: _fill(document, name, module, material, pair, audience)))
    left = marked_paragraphs(body, find_markers) if may_hold_markers(body) else []  # nothing unfinished ships
    if left:
        raise BuildError(f"marker {left[0].marker} is left in the document; check the module with "
                         "'curriculum-kit validate'")
    return finish_loaded(document, stamp), done, where


def may_hold_markers(root: etree._Element, alt_text: bool = False) -> bool:
    """False when no text node (w:t, a:t) under ``root`` holds a brace, nor, with
    ``alt_text``, any alt text: every marker, and every malformed one, has one, so reading
    the text for markers can be skipped (an academy module as published has none, nor do
    most slides of a deck). A Word story's markers are read from its paragraphs; a slide's
    from all its text, alt text included. libxml2 looks: twice as fast as reading the texts
    in Python (the alt text's attributes double the look's cost)."""
    return bool((_BRACED_TEXT_OR_ALT if alt_text else _BRACED_TEXT)(root))


@contextmanager
def _insert_before(document: DocxDocument, marker_paragraph: etree._Element) -> Iterator[None]:
    """Whatever is added to the end of the body inside the block moves to the marker."""
    body = document.element.body
    count = len(body)
    yield
    section = body[-1] if body[-1].tag.endswith("}sectPr") else None
    added = list(body)[count - (1 if section is not None else 0):len(body) - (1 if section is not None else 0)]
    make_left_to_right(document, added)
    for element in added:
        marker_paragraph.addprevious(element)
    detach(marker_paragraph)


def _fill(document: DocxDocument, name: str, module: Module, material: CountyMaterial, pair: Pair,
          audience: str) -> None:
    overlay = material.overlay
    if name == "cobrand":
        _cover(document, module, overlay, material.session, audience)
    elif name == "contacts":
        if not overlay.contacts:
            raise BuildError("the module has a contacts marker but the overlay has no contacts.csv rows",
                             overlay.folder)
        contacts_table(document, overlay.contacts, overlay)
    elif name == "orgchart":
        if not material.orgchart_pngs:
            raise BuildError("the module has an org chart marker but the overlay has no orgchart.csv",
                             overlay.folder)
        # the narrowest column and the shortest page of the academy's sections (the cover's,
        # first, is one column): the chart fits wherever the material goes
        sections = list(document.sections)[1:] or list(document.sections)
        width = min(column_width(section) for section in sections)
        height = min(section_height(section) for section in sections) - Inches(1)  # room for a heading above
        for png in material.orgchart_pngs:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fitted = fit_picture(png, width, height)
            add_picture(paragraph.add_run(), png, material.orgchart_alt, width=fitted[0], height=fitted[1])
    elif name == "stories":
        if not overlay.stories:
            raise BuildError("the module has a stories marker but the overlay has no stories/*.md",
                             overlay.folder)
        add_stories(document, overlay.stories, overlay)


def _cover(document: DocxDocument, module: Module, overlay: Overlay, session: SessionDay | None,
           audience: str) -> None:
    fill_cobrand(document.add_table(1, 3), overlay, logo_height=Inches(1.1))
    role = "Facilitator guide" if audience == "facilitator" else "Participant materials"
    for text, size, bold in ((module.title, 26, True),
                             (f"{role} for {overlay.county}", 16, False),
                             (f"{overlay.programs['cws'].name} and {overlay.programs['calworks'].name}", 12, False),
                             (f"Module version {module.version} · {overlay.county} overlay version "
                              f"{overlay.version}", 10, False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(size), bold
    for line in facilitation_lines(overlay, session):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).font.size = Pt(12)
    document.add_paragraph()._p.get_or_add_pPr().append(_cover_section(document))


# What the cover's section does not take from the academy's first: its headers, footers and
# page numbers, and its columns (a cover is one column; set in two, its logos ran off the page).
_NOT_ON_THE_COVER = {qn("w:headerReference"), qn("w:footerReference"), qn("w:titlePg"), qn("w:pgNumType"),
                     qn("w:cols")}
_SECTION_STARTS = {"nextPage", "oddPage", "evenPage"}


def _cover_section(document: DocxDocument) -> etree._Element:
    """The cover's own section (its page, no header or footer), ending in a section break.

    On the academy's first page, which follows, a 'different first page' header stays its own:
    with the cover on a page of the academy's first section, the cover took the first-page
    header and footer (a document number, a QR code) and the academy's first page the next
    one's. The cover's page is the academy's (size, margins); the academy's first section, now
    second, still starts a page, whatever start its first section had (any did, being first).
    """
    first = next(document.element.body.iter(qn("w:sectPr")), None)  # the section the document opens with
    if first is None:  # a body that sets no section (Word's defaults): nor does the cover's
        return OxmlElement("w:sectPr")
    cover: etree._Element = copy.deepcopy(first)
    for child in [child for child in cover if child.tag in _NOT_ON_THE_COVER]:
        cover.remove(child)
    start = first.find(qn("w:type"))
    if start is not None and start.get(qn("w:val")) not in _SECTION_STARTS:
        start.set(qn("w:val"), "nextPage")
    return cover
