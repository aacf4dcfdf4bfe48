"""The adapted slide deck with the county put in: a co-branded title slide, contacts,
story and org chart slides at their marker slides; sections from the speaker notes.

Placeholder markers sit alone in a text box on a slide (the slide is replaced by the
generated slides); section markers sit in the notes and span whole slides.
"""

from __future__ import annotations

import io
from typing import TypedDict
from xml.sax.saxutils import escape

import pptx
from pptx.dml.color import RGBColor
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide, SlideLayout
from pptx.text.text import _Paragraph
from pptx.util import Emu, Pt

from ..errors import BuildError
from ..formats.colors import WHITE, readable_text_color, text_on
from ..formats.markers import Marker, find_markers, stands_alone
from ..formats.module import Module
from ..formats.overlay import Overlay, Trainer
from ..formats.programs import PROGRAMS
from ..ooxml.textview import read_part
from ..outputs import Stamp
from ..wording import PROGRAM_FALLBACK_COLORS
from .common import finish_loaded, fit_picture, logo_alt_text, logo_png
from .orgchart_layout import layout as layout_orgchart
from .orgchart_slides import add_org_chart_slides, chart_area
from .slide_copy import copy_slides
from .slide_parts import SlideSize, detach, notes_frame, slide_size
from .textfit import line_height, wrap
from .word_assembly import CountyMaterial, Pair

MARGIN = Emu(457200)  # half an inch
BODY_PT = 16
TABLE_PT = 12
TITLE_PT = 28


class _Page(TypedDict):
    """One slide's share of a table: its rows and each row's height (header first)."""

    rows: list[list[str]]
    heights: list[int]


def assemble_deck(data: bytes, module: Module, material: CountyMaterial,
                  pair: tuple[Trainer, Trainer] | None, stamp: Stamp) -> tuple[bytes, list[str]]:
    """The deck with county slides placed; returns (bytes, sections omitted)."""
    overlay = material.overlay
    presentation = pptx.Presentation(io.BytesIO(data))
    omitted = _resolve_sections(presentation, overlay, pair)
    for slide, marker in _placeholder_slides(presentation):
        before = len(presentation.slides)
        _generate(presentation, slide, marker.name, module, material, pair)
        _move_new_slides(presentation, before, slide)
        _delete_slide(presentation, slide)
    _check_finished(presentation)
    return finish_loaded(presentation, stamp), omitted


def _check_finished(presentation: Presentation) -> None:
    """Nothing unfinished ships: no marker may be left anywhere on a slide (tables and groups
    included) or in its notes."""
    for number, slide in enumerate(presentation.slides, start=1):
        texts = [read_part(slide._element).text]
        if slide.has_notes_slide:
            texts.append(read_part(slide.notes_slide._element).text)
        for text in texts:
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
    found = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and "ck:" in shape.text_frame.text and stands_alone(shape.text_frame.text):
                marker = find_markers(shape.text_frame.text)[0]
                if marker.role == "placeholder":
                    found.append((slide, marker))
                    break
    return found


def _move_new_slides(presentation: Presentation, before: int, anchor: Slide) -> None:
    """Move the slides added since ``before`` to just before ``anchor``."""
    id_list = presentation.slides._sldIdLst
    ids = list(id_list)
    anchor_id = next(i for i in ids if presentation.slides.get(int(i.get("id"))) is anchor)
    for new in ids[before:]:
        anchor_id.addprevious(new)


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


def _generate(presentation: Presentation, anchor: Slide, name: str, module: Module, material: CountyMaterial,
              pair: Pair) -> None:
    overlay = material.overlay
    layout = anchor.slide_layout
    if name == "cobrand":
        _title_slide(presentation, layout, module, overlay, pair)
    elif name == "contacts":
        _contacts_slides(presentation, layout, overlay)
    elif name == "stories":
        _story_slides(presentation, layout, overlay)
    elif name == "orgchart":
        if overlay.orgchart is None:
            raise BuildError("the deck has an org chart slide but the overlay has no orgchart.csv", overlay.folder)
        size = slide_size(presentation)
        if size not in material.slide_cache:
            material.slide_cache[size] = _orgchart_prototype(overlay, size)
        copy_slides(material.slide_cache[size], presentation, layout)


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


def _blank_slide(presentation: Presentation, layout: SlideLayout, title: str) -> Slide:
    """A slide on the marker slide's layout, emptied, with a title text box."""
    slide: Slide = presentation.slides.add_slide(layout)
    for shape in list(slide.placeholders):
        detach(shape._element)
    as_title(_text_box(slide, MARGIN, MARGIN, slide_size(presentation)[0] - 2 * MARGIN, Pt(TITLE_PT * 1.6),
                       [title], TITLE_PT, bold=True))
    return slide


def as_title(box: Shape) -> None:
    """Make a text box the slide's title: screen readers list and announce slides by their
    title placeholder (Section 508). Its own position and text formatting still apply."""
    properties = box._element.xpath("./p:nvSpPr/p:nvPr")[0]
    properties.insert(0, parse_xml(f'<p:ph {nsdecls("p")} type="title"/>'))
    for paragraph in box.text_frame.paragraphs:
        if paragraph.alignment is None:
            paragraph.alignment = 1  # PP_ALIGN.LEFT, not the master title's alignment


def _text_box(slide: Slide, left: float, top: float, width: float, height: float, paragraphs: list[str], size: float,
              bold: bool = False, color: RGBColor | None = None, center: bool = False) -> Shape:
    box = slide.shapes.add_textbox(Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height)))
    frame = box.text_frame
    frame.word_wrap = True
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color
        if center:
            paragraph.alignment = 2  # PP_ALIGN.CENTER
    return box


def _title_slide(presentation: Presentation, layout: SlideLayout, module: Module, overlay: Overlay,
                 pair: Pair) -> None:
    slide = presentation.slides.add_slide(layout)
    for shape in list(slide.placeholders):
        detach(shape._element)
    width, height = slide_size(presentation)
    logo = int(height * 0.22)
    for key, left in (("cws", MARGIN), ("calworks", width - MARGIN - logo)):
        branding = overlay.programs[key]
        if branding.logo is not None:
            png = logo_png(branding.logo)
            fitted_width, fitted_height = fit_picture(png, logo, logo)  # centred in a square box
            picture = slide.shapes.add_picture(io.BytesIO(png), int(left + (logo - fitted_width) / 2),
                                               int(MARGIN + (logo - fitted_height) / 2), fitted_width, fitted_height)
            picture._element.nvPicPr.cNvPr.set("descr", logo_alt_text(branding, overlay.county))
        _text_box(slide, left - MARGIN / 2, MARGIN + logo, logo + MARGIN, Pt(40), [branding.name], 10,
                  # python-pptx leaves from_string unannotated
                  color=RGBColor.from_string(  # type: ignore[no-untyped-call]
                      readable_text_color(branding.color or PROGRAM_FALLBACK_COLORS[key]).lstrip("#")),
                  center=True)
    middle = width - 4 * MARGIN - 2 * logo
    _text_box(slide, 2 * MARGIN + logo, MARGIN, middle, Pt(36), [overlay.county], 24, bold=True, center=True)
    lines = [module.title]
    as_title(_text_box(slide, MARGIN, height * 0.45, width - 2 * MARGIN, Pt(90), lines, 32, bold=True, center=True))
    details = [f"{overlay.programs['cws'].name} and {overlay.programs['calworks'].name}",
               f"Module version {module.version} · {overlay.county} overlay version {overlay.version}"]
    if pair:
        details.insert(0, f"Co-facilitated by {pair[0].name} ({overlay.programs['cws'].label}) and "
                          f"{pair[1].name} ({overlay.programs['calworks'].label})")
    _text_box(slide, MARGIN, height * 0.66, width - 2 * MARGIN, Pt(90), details, 14, center=True)
    _notes(slide, "Both co-facilitators introduce themselves and their program (lesson 3: model collaboration).")


def _notes(slide: Slide, text: str) -> None:
    notes_frame(slide).text = text


def _contacts_slides(presentation: Presentation, layout: SlideLayout, overlay: Overlay) -> None:
    """Contacts in a table, as many rows per slide as fit at 12 pt."""
    if not overlay.contacts:
        raise BuildError("the deck has a contacts slide but the overlay has no contacts.csv rows", overlay.folder)
    width = slide_size(presentation)[0] - 2 * MARGIN
    columns = [("Program", 0.12), ("Role", 0.19), ("Name and title", 0.27), ("Phone", 0.14), ("E-mail", 0.28)]
    rows = [[overlay.program_label(c.program),
             c.role, f"{c.name}, {c.title}" if c.title else c.name, c.phone, c.email] for c in overlay.contacts]
    available = slide_size(presentation)[1] - 2 * MARGIN - Pt(TITLE_PT * 2)
    pages = _paginate(rows, [int(width * share) for _, share in columns], available, TABLE_PT)
    first = 0  # the page's first contact
    for number, page in enumerate(pages, start=1):
        title = f"Local contacts — {overlay.county}" + (f" ({number} of {len(pages)})" if len(pages) > 1 else "")
        slide = _blank_slide(presentation, layout, title)
        heights = page["heights"]
        widths = [int(width * share) for _, share in columns]
        shape = slide.shapes.add_table(len(page["rows"]) + 1, len(columns), Emu(int(MARGIN)),
                                       Emu(int(MARGIN + Pt(TITLE_PT * 2))), Emu(int(width)), Emu(int(sum(heights))))
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


def _story_slides(presentation: Presentation, layout: SlideLayout, overlay: Overlay) -> None:
    """One or more slides per story, split between paragraphs or sentences to fit at 16 pt."""
    if not overlay.stories:
        raise BuildError("the deck has a stories slide but the overlay has no stories/*.md", overlay.folder)
    width = int(slide_size(presentation)[0] - 2 * MARGIN)
    top = MARGIN + Pt(TITLE_PT * 2)
    available = int(slide_size(presentation)[1] - top - MARGIN)
    for story in overlay.stories:
        programs = " and ".join(overlay.program_label(p) for p in story.programs)
        chunks = _fit_text([f"Programs: {programs}", *story.paragraphs], width - 2 * 91440, available, BODY_PT)
        for number, chunk in enumerate(chunks, start=1):
            title = story.title + (" (continued)" if number > 1 else "")
            slide = _blank_slide(presentation, layout, title)
            _text_box(slide, MARGIN, top, width, available, chunk, BODY_PT)
            _notes(slide, "Tell this local story in your own words; ask who in the room worked a family like this.")


def _fit_text(paragraphs: list[str], width: int, height: int, font_pt: float) -> list[list[str]]:
    """Paragraphs grouped into slides that hold them; long paragraphs split at sentences."""
    pieces: list[str] = []
    for paragraph in paragraphs:
        lines = len(wrap(paragraph, width, font_pt, break_words=True))  # a long link breaks, as in PowerPoint
        if (lines + 1) * line_height(font_pt) <= height:
            pieces.append(paragraph)
        else:
            pieces.extend(sentence + "." if not sentence.endswith((".", "!", "?")) else sentence
                          for sentence in paragraph.split(". ") if sentence)
    chunks: list[list[str]] = []
    current: list[str] = []
    used: float = 0
    for piece in pieces:
        needed = (len(wrap(piece, width, font_pt, break_words=True)) + 0.5) * line_height(font_pt)
        if needed > height:
            raise BuildError(f"a sentence of a story is too long for one slide: '{piece[:60]}…'")
        if current and used + needed > height:
            chunks.append(current)
            current, used = [], 0
        current.append(piece)
        used += needed
    if current:
        chunks.append(current)
    return chunks
