"""The adapted slide deck with the county put in: a co-branded title slide, contacts,
story and org chart slides at their marker slides, or where :mod:`.deck_placement` puts
them in a deck without markers; sections from the speaker notes.

Placeholder markers sit alone in a text box on a slide (the slide is replaced by the
generated slides); section markers sit in the notes and span whole slides. Every slide
added is made from the deck's own layouts (:mod:`.deck_layouts`).
"""

from __future__ import annotations

import io
from typing import TypedDict
from xml.sax.saxutils import escape

import pptx
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.text.text import _Paragraph
from pptx.util import Emu, Pt

from ..errors import BuildError
from ..formats.colors import WHITE, text_on
from ..formats.markers import Marker, find_markers, stands_alone
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..formats.programs import PROGRAMS
from ..ooxml.shared_trees import text_view
from ..outputs import Stamp
from ..wording import PROGRAM_FALLBACK_COLORS
from .common import finish_loaded, fit_columns
from .deck_layouts import DeckLayouts
from .deck_placement import move_before, place_unmarked, slide_numbers, titles_of
from .orgchart_layout import layout as layout_orgchart
from .orgchart_slides import add_org_chart_slides, chart_area, follow_deck_titles, orgchart_picture_slides
from .shared_parts import sharing_parts
from .slide_copy import copy_slides
from .slide_parts import SlideSize, detach, forget_notes_names, mark_made, notes_frame, slide_size
from .story_slides import story_slides
from .textfit import line_height, wrap
from .title_slide import cobrand_slide
from .word_assembly import CountyMaterial, Pair, may_hold_markers

TABLE_PT = 12


class _Page(TypedDict):
    """One slide's share of a table: its rows and each row's height (header first)."""

    rows: list[list[str]]
    heights: list[int]


def assemble_deck(data: bytes, module: Module, material: CountyMaterial, pair: Pair,
                  stamp: Stamp, titles: list[str] | None = None) -> tuple[bytes, list[str], dict[str, list[int]]]:
    """The deck with county slides placed; returns (bytes, sections omitted, the slide
    numbers of each piece placed). ``titles`` are the slide titles of the academy's own
    file, which ``[placement]`` anchors name (default: the titles of ``data``)."""
    overlay = material.overlay
    with sharing_parts():
        presentation = pptx.Presentation(io.BytesIO(data))
    original = list(presentation.slides)
    titles = titles_of(presentation) if titles is None else titles
    omitted = _resolve_sections(presentation, overlay, pair)
    made: dict[str, list[Slide]] = {}
    for slide, marker in _placeholder_slides(presentation):
        before = len(presentation.slides)
        _generate(presentation, DeckLayouts(presentation, slide.slide_layout.slide_master), marker.name,
                  module, material, pair)
        made.setdefault(marker.name, []).extend(list(presentation.slides)[before:])
        move_before(presentation, before, slide)
        _delete_slide(presentation, slide)

    def make(piece: str, layouts: DeckLayouts) -> None:
        _generate(presentation, layouts, piece, module, material, pair)

    marked = set(made) | {marker.name for _, marker in _placeholder_markers(original)}  # dropped ones too
    made.update(place_unmarked(presentation, original, titles, marked, module, overlay, make))
    for piece, slides in made.items():
        for number, slide in enumerate(slides, start=1):
            mark_made(slide, piece, number)
    _check_finished(presentation)
    return finish_loaded(presentation, stamp), omitted, slide_numbers(presentation, made)


def _check_finished(presentation: Presentation) -> None:
    """Nothing unfinished ships: no marker may be left anywhere on a slide (tables, groups
    and alt text included) or in its notes. A slide with no brace is not read; the view of
    one that is goes to preflight with the saved slide."""
    for number, slide in enumerate(presentation.slides, start=1):
        roots = [slide._element, slide.notes_slide._element] if slide.has_notes_slide else [slide._element]
        for root in roots:
            if not may_hold_markers(root, alt_text=True):
                continue
            text = text_view(root).text
            if "ck:" in text and find_markers(text):
                raise BuildError(f"marker {find_markers(text)[0]} is left on slide {number}; check the module "
                                 "with 'curriculum-kit validate'")


def _notes_markers(slide: Slide) -> list[tuple[_Paragraph, Marker]]:
    if not slide.has_notes_slide:
        return []
    found = []
    for paragraph in slide.notes_slide.notes_text_frame.paragraphs if slide.notes_slide.notes_text_frame else []:
        text = "".join(run.text for run in paragraph.runs)
        if "ck:" in text:
            markers = find_markers(text)
            if markers:
                found.append((paragraph, markers[0]))
    return found


def _resolve_sections(presentation: Presentation, overlay: Overlay, pair: Pair) -> list[str]:
    """Drop the slides of omitted optional sections; label program sections in the notes."""
    stack: list[tuple[int, Marker]] = []
    doomed: set[int] = set()
    omitted = []
    slides = list(presentation.slides)
    for index, slide in enumerate(slides):
        for paragraph, marker in _notes_markers(slide):
            element = paragraph._p
            if marker.role == "open":
                stack.append((index, marker))
                if marker.name == "program":
                    _replace_paragraph_text(paragraph, _program_note(overlay, pair, marker.argument))
                    continue
            elif marker.role == "close":
                if not stack:
                    raise BuildError(f"{marker} on slide {index + 1} closes a section that is not open")
                start, opened = stack.pop()
                if opened.name == "optional" and opened.argument in overlay.omit_sections:
                    doomed.update(range(start, index + 1))
                    omitted.append(f"optional {opened.argument}")
            detach(element)
    if stack:
        raise BuildError(f"{stack[-1][1]} on slide {stack[-1][0] + 1} is never closed")
    for index in sorted(doomed, reverse=True):
        _delete_slide(presentation, slides[index])
    return omitted


def _program_note(overlay: Overlay, pair: Pair, program: str) -> str:
    trainer = f" ({(pair[0] if program == 'cws' else pair[1]).name})" if pair else ""
    who = overlay.programs[program].label
    return f"For the {who} co-facilitator{trainer}: this part speaks to {who} staff."


def _replace_paragraph_text(paragraph: _Paragraph, text: str) -> None:
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        detach(run._r)


def _placeholder_slides(presentation: Presentation) -> list[tuple[Slide, Marker]]:
    return _placeholder_markers(list(presentation.slides))


def _placeholder_markers(slides: list[Slide]) -> list[tuple[Slide, Marker]]:
    """Slides with a placeholder marker alone in a text box, and the marker. The text is read
    from the XML: python-pptx's ``text_frame`` adds an empty text body to a shape without
    one, which would change the academy's slides."""
    found = []
    for slide in slides:
        for shape in slide.shapes._spTree.iterchildren(qn("p:sp")):
            text = "\n".join("".join(t.text or "" for t in paragraph.iter(qn("a:t")))
                             for paragraph in shape.iter(qn("a:p")))
            if "ck:" in text and stands_alone(text):
                marker = find_markers(text)[0]
                if marker.role == "placeholder":
                    found.append((slide, marker))
                    break
    return found


def _delete_slide(presentation: Presentation, slide: Slide) -> None:
    """Remove a slide; renumber the slide parts so a slide added later gets a free name
    (python-pptx names a new slide after the slide count)."""
    id_list = presentation.slides._sldIdLst
    for slide_id in list(id_list):
        if presentation.slides.get(int(slide_id.get("id"))) is slide:
            presentation.part.drop_rel(slide_id.rId)
            id_list.remove(slide_id)
            break
    presentation.part.rename_slide_parts([slide_id.rId for slide_id in id_list])
    forget_notes_names(presentation.part.package)


def _generate(presentation: Presentation, layouts: DeckLayouts, name: str, module: Module,
              material: CountyMaterial, pair: Pair) -> None:
    """Append the slides of one piece of county material, made from ``layouts`` (the
    county's own pieces made once for decks that look alike)."""
    if name == "cobrand":
        cobrand_slide(layouts, module, material.overlay, material.session)
    else:
        material.county_slides.add(presentation, layouts, name, material.overlay,
                                   lambda: _county_piece(presentation, layouts, name, material))


def _county_piece(presentation: Presentation, layouts: DeckLayouts, name: str, material: CountyMaterial) -> None:
    overlay = material.overlay
    if name == "contacts":
        _contacts_slides(layouts, overlay)
    elif name == "stories":
        if not overlay.stories:
            raise BuildError("the deck has a stories slide but the overlay has no stories/*.md", overlay.folder)
        story_slides(layouts, overlay)
    elif name == "orgchart":
        if overlay.orgchart is None:
            raise BuildError("the deck has an org chart slide but the overlay has no orgchart.csv", overlay.folder)
        size = slide_size(presentation)
        if size not in material.slide_cache:
            try:
                material.slide_cache[size] = _orgchart_prototype(overlay, size)
            except BuildError:
                if not material.orgchart_pngs:
                    raise
                material.slide_cache[size] = None  # slides too small for editable boxes
        prototype = material.slide_cache[size]
        if prototype is None:
            orgchart_picture_slides(layouts, material.orgchart_pngs, material.orgchart_alt, overlay.county)
        else:
            follow_deck_titles(copy_slides(prototype, presentation, layouts.layout("title-only")))


def _orgchart_prototype(overlay: Overlay, size: SlideSize) -> Presentation:
    """The county's org chart slides, drawn once per slide size and copied into each deck
    (drawing a hundred shapes with python-pptx costs more than the rest of a deck)."""
    assert overlay.orgchart is not None  # _generate refuses a deck with an org chart slide and no chart
    prototype = pptx.Presentation()
    prototype.slide_width, prototype.slide_height = size
    width, height = chart_area(prototype)[2:]
    try:
        pages = layout_orgchart(overlay.orgchart, int(width), int(height), overlay.county)
        add_org_chart_slides(prototype, 5, pages, overlay)  # 5: the default template's "Title Only"
    except ValueError as exc:
        raise BuildError(f"org chart does not fit on slides: {exc}", overlay.orgchart.path) from None
    return prototype


def _notes(slide: Slide, text: str) -> None:
    notes_frame(slide).text = text


def _contacts_slides(layouts: DeckLayouts, overlay: Overlay) -> None:
    """Contacts in a table below the layout's title, as many rows per slide as fit at 12 pt."""
    if not overlay.contacts:
        raise BuildError("the deck has a contacts slide but the overlay has no contacts.csv rows", overlay.folder)
    area = layouts.content_area("title-only")
    width = area.width
    columns = [("Program", 0.12), ("Role", 0.19), ("Name and title", 0.27), ("Phone", 0.14), ("E-mail", 0.28)]
    rows = [[overlay.program_label(c.program),
             c.role, f"{c.name}, {c.title}" if c.title else c.name, c.phone, c.email] for c in overlay.contacts]
    # each column at least as wide as its longest word (an e-mail address broken in two
    # on a 4:3 slide), the rest shared as the columns' shares ask
    widths = [int(column) for column in fit_columns([int(width * share) for _, share in columns],
                                                     [[label for label, _ in columns], *rows], TABLE_PT)]
    pages = _paginate(rows, widths, area.height, TABLE_PT)
    first = 0  # the page's first contact
    for number, page in enumerate(pages, start=1):
        title = f"Local contacts — {overlay.county}" + (f" ({number} of {len(pages)})" if len(pages) > 1 else "")
        slide, area = layouts.slide("title-only", title)
        heights = page["heights"]
        shape = slide.shapes.add_table(len(page["rows"]) + 1, len(columns), Emu(area.left), Emu(area.top),
                                       Emu(int(width)), Emu(int(sum(heights))))
        programs = [contact.program for contact in overlay.contacts[first:first + len(page["rows"])]]
        first += len(page["rows"])
        _fill_table(shape, [[label for label, _ in columns], *page["rows"]], widths, heights,
                    _contact_fills(overlay, programs))
        _notes(slide, "Point out the contacts in the other program: who to call first, and how.")


def _contact_fills(overlay: Overlay, programs: list[str]) -> list[list[str]]:
    """Cell fills of a contacts table: the header in the first program's colour, each row's
    program cell in its program's colour ('both' rows stay white), the rest white."""
    colors = {key: (overlay.programs[key].color or PROGRAM_FALLBACK_COLORS[key]) for key in PROGRAMS}
    header = colors[PROGRAMS[0]]
    return [[header] * 5, *[[colors.get(program, WHITE)] + [WHITE] * 4 for program in programs]]


def _fill_table(shape: GraphicFrame, rows: list[list[str]], widths: list[int], heights: list[int],
                fills: list[list[str]]) -> None:
    """Write a table's rows as XML in one go (python-pptx's cell API is slow); the first
    row is the bold header, every cell at TABLE_PT with narrow margins, filled with its
    colour (never the template's default blue) and its text black or white, whichever
    reads on it (WCAG 2.1 AA: 4.5:1)."""
    table = shape.table._tbl
    table.get_or_add_tblPr().set("bandRow", "0")
    for column, column_width in zip(table.tblGrid.gridCol_lst, widths):
        column.w = Emu(column_width)
    for row in table.tr_lst:
        table.remove(row)
    border = "".join(f'<a:{side} w="6350"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:{side}>'
                     for side in ("lnL", "lnR", "lnT", "lnB"))
    xml = "".join(
        f'<a:tr h="{height}">' + "".join(
            f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US" sz="{TABLE_PT * 100}" '
            f'b="{int(index == 0)}"><a:solidFill><a:srgbClr val="{text_on(fill).lstrip("#")}"/></a:solidFill>'
            f'</a:rPr><a:t>{escape(value)}</a:t></a:r></a:p></a:txBody>'
            f'<a:tcPr marL="45720" marR="45720" marT="22860" marB="22860">{border}'
            f'<a:solidFill><a:srgbClr val="{fill.lstrip("#").upper()}"/></a:solidFill></a:tcPr></a:tc>'
            for value, fill in zip(values, row_fills))
        + "</a:tr>" for index, (values, height, row_fills) in enumerate(zip(rows, heights, fills)))
    for row in parse_xml(f"<a:tbl {nsdecls('a')}>{xml}</a:tbl>"):
        table.append(row)


def _paginate(rows: list[list[str]], widths: list[int], available: int, font_pt: float) -> list[_Page]:
    """Split table rows over slides by their estimated wrapped height."""
    padding = 2 * 22860
    def height(values: list[str]) -> int:
        try:
            lines = max(len(wrap(v, w - 2 * 45720, font_pt, break_words=True)) for v, w in zip(values, widths))
        except ValueError as exc:
            raise BuildError(f"a contact does not fit a slide table: {exc}") from None
        return lines * line_height(font_pt) + padding + Pt(4)
    header = height(["Name and title"] * len(widths))
    pages: list[_Page] = []
    current: list[list[str]] = []
    used = header
    heights = [header]
    for values in rows:
        needed = height(values)
        if current and used + needed > available:
            pages.append({"rows": current, "heights": heights})
            current, used, heights = [], header, [header]
        current.append(values)
        heights.append(needed)
        used += needed
    pages.append({"rows": current, "heights": heights})
    return pages
