"""Org chart pages as native, editable PowerPoint slides.

Boxes are rounded rectangles and lines are elbow connectors glued to them (bottom centre
of the manager to top centre of the report), so a trainer who drags a box in PowerPoint
keeps the lines attached. Text sizes and insets are the layout's, so what the layout
measured is what PowerPoint draws.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from ..formats.overlay import Overlay
from ..formats.programs import BOTH, PROGRAMS
from ..wording import PROGRAM_FALLBACK_COLORS
from .common import fit_picture
from .deck_layouts import TITLE_SIZES as DECK_TITLE_SIZES
from .deck_layouts import DeckLayouts, set_fitted_text
from .orgchart_layout import CORNER, EMU_PER_PT, NOTE_LINES, NOTE_PT, PAD_PT, Box, Page, box_colors, line_height, wrap
from .slide_parts import detach, notes_frame, slide_size

FONT = "Arial"  # the layout's width estimates are Arial's (Liberation Sans in LibreOffice)
TITLE_SIZES = (24, 20, 16, 14, 12)  # the largest that fits the title's height wins
_IN_DECK_TITLE_SIZES = tuple(size for size in DECK_TITLE_SIZES if size >= TITLE_SIZES[-1])
MARGIN = 365760  # 0.4 in at the slide's sides
TITLE_TOP, TITLE_HEIGHT = 228600, 822960  # 0.25 in from the top; 0.9 in, two lines of 24 pt
NOTE_COLOR = "#404040"
LINE_COLOR = "#595959"
_PAD = Emu(PAD_PT * EMU_PER_PT)
_GAP = 91440  # 0.1 in between the title, the chart and the notes line
_BOTTOM = 182880  # 0.2 in below the notes line


def chart_area(presentation: Presentation) -> tuple[int, int, int, int]:
    """(left, top, width, height) of the slide area the chart pages are laid out for."""
    top = TITLE_TOP + TITLE_HEIGHT + _GAP
    slide_width, slide_height = slide_size(presentation)
    return (MARGIN, top, slide_width - 2 * MARGIN,
            slide_height - top - _GAP - _notes_height() - _BOTTOM)


def _notes_height() -> int:
    return NOTE_LINES * line_height(NOTE_PT) + 2 * _PAD


def program_colors(overlay: Overlay) -> dict[str, str]:
    """'#RRGGBB' of each program: the county's colour, else the generators' fallback."""
    return {key: overlay.programs[key].color or PROGRAM_FALLBACK_COLORS[key] for key in PROGRAMS}


def program_label(overlay: Overlay, program: str) -> str:
    keys = PROGRAMS if program == BOTH else (program,)
    return " and ".join(overlay.programs[key].label for key in keys)


def add_org_chart_slides(presentation: Presentation, layout_index_or_layout: int | SlideLayout, pages: list[Page],
                         overlay: Overlay) -> list[Slide]:
    """One slide per page, on the given slide layout. Lay the pages out for the size of
    :func:`chart_area`; each page is centred across the slide below its title, its notes
    right under the chart; a page of one box (a chart of one person) is centred in the
    chart area, not left at its top over an empty slide. Raises ValueError when a page was
    laid out too tall for the slide."""
    slide_layout = (presentation.slide_layouts[layout_index_or_layout]
                    if isinstance(layout_index_or_layout, int) else layout_index_or_layout)
    _, area_top, _, area_height = chart_area(presentation)
    colors = program_colors(overlay)
    slide_width, slide_height = slide_size(presentation)
    slides = []
    for page in pages:
        left = min(box.x for box in page.boxes)
        dx = (slide_width - (max(box.x + box.width for box in page.boxes) - left)) // 2 - left
        chart_height = max(box.y + box.height for box in page.boxes)
        top = area_top + (max(area_height - chart_height, 0) // 2 if len(page.boxes) == 1 else 0)
        bottom = top + chart_height
        if bottom + (_GAP + _notes_height() if page.notes else 0) > slide_height:
            raise ValueError(f"org chart page '{page.title}' is taller than the slide; lay it out for chart_area()")
        slide = presentation.slides.add_slide(slide_layout)
        _set_title(slide, page.title, slide_width)
        _add_chart(slide, page, dx, top, colors, overlay)
        if page.notes:
            notes_frame(slide).text = "\n".join(page.notes)
            notes = slide.shapes.add_textbox(Emu(MARGIN), Emu(bottom + _GAP), Emu(slide_width - 2 * MARGIN),
                                             Emu(_notes_height()))
            notes.name = "Org chart notes"
            _fill_text(notes.text_frame, [("; ".join(page.notes), NOTE_PT, False, False)], NOTE_COLOR)
        slides.append(slide)
    return slides


def follow_deck_titles(slides: list[Slide]) -> None:
    """Give org chart slides copied into a deck the title size of the deck's other generated
    slides: drawn once per slide size on python-pptx's template, their titles were at most
    24 pt against a deck's 36, as large as the chart's title band holds. One size for the
    whole chart, the size its longest title fits (page 1's short title was larger than the
    teams' pages after it)."""
    titles = [(title, title.text_frame.text) for title in (slide.shapes.title for slide in slides)
              if title is not None and title.is_placeholder]
    sizes = [set_fitted_text(title, [text], _IN_DECK_TITLE_SIZES) for title, text in titles]
    for title, text in titles:
        set_fitted_text(title, [text], tuple(size for size in _IN_DECK_TITLE_SIZES if size <= min(sizes)))


def _set_title(slide: Slide, title: str, slide_width: int) -> None:
    """The layout's title placeholder (or a text box), across the top; other placeholders go."""
    for placeholder in list(slide.placeholders):
        if placeholder != slide.shapes.title:
            detach(placeholder._element)
    shape = slide.shapes.title or slide.shapes.add_textbox(Emu(0), Emu(0), Emu(0), Emu(0))
    shape.left, shape.top, shape.width, shape.height = (Emu(MARGIN), Emu(TITLE_TOP), Emu(slide_width - 2 * MARGIN),
                                                        Emu(TITLE_HEIGHT))
    frame = shape.text_frame
    frame.text = title
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_top = frame.margin_bottom = _PAD
    width_pt = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_PT
    room = TITLE_HEIGHT - 2 * _PAD
    size = next((pt for pt in TITLE_SIZES if len(wrap(title, width_pt, pt)) * line_height(pt) <= room),
                TITLE_SIZES[-1])
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(size)


def _add_chart(slide: Slide, page: Page, left: int, top: int, colors: dict[str, str], overlay: Overlay) -> None:
    """Boxes and their connectors, written as shape XML in one go (python-pptx's shape API
    costs more than the rest of a deck); lines first, so they go behind the boxes."""
    tree = slide.shapes._spTree
    next_id = max(int(el.get("id", "0")) for el in tree.iter(qn("p:cNvPr"))) + 1  # id is required
    ids = {box.person.id: next_id + index for index, box in enumerate(page.boxes)}
    boxes = {box.person.id: box for box in page.boxes}
    connectors = [_connector_xml(next_id + len(ids) + index, boxes[link.parent], boxes[link.child],
                                 ids[link.parent], ids[link.child], left, top)
                  for index, link in enumerate(page.links)]
    shapes = [_box_xml(ids[box.person.id], box, left, top, colors, overlay) for box in page.boxes]
    for element in parse_xml(f"<p:spTree {nsdecls('p', 'a')}>{''.join(connectors + shapes)}</p:spTree>"):
        tree.append(element)


def _box_xml(shape_id: int, box: Box, left: int, top: int, colors: dict[str, str], overlay: Overlay) -> str:
    person = box.person
    fill, ink, outline = box_colors(box, colors)
    alt_text = f"{person.name}, {person.title}, {program_label(overlay, person.program)}"
    paragraphs = [(person.name, True, False), (person.title, False, False)]
    if box.team_page:
        paragraphs.append((box.lines[-1], False, True))
    dash = '<a:prstDash val="dash"/>' if box.repeated else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr("Org box: " + person.name)}" '
            f'descr="{_attr(alt_text)}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{left + box.x}" y="{top + box.y}"/><a:ext cx="{box.width}" '
            f'cy="{box.height}"/></a:xfrm><a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" '
            f'fmla="val {round(CORNER * 100000)}"/></a:avLst></a:prstGeom>{_fill(fill)}'
            f'<a:ln w="{Pt(1.5 if box.repeated else 0.75)}">{_fill(outline)}{dash}</a:ln><a:effectLst/></p:spPr>'
            f'{_text_body([(t, box.font_pt, b, i) for t, b, i in paragraphs if t], ink, anchor="ctr")}</p:sp>')


def _connector_xml(shape_id: int, parent: Box, child: Box, parent_id: int, child_id: int,
                   left: int, top: int) -> str:
    """An elbow connector glued bottom-centre (site 2) to top-centre (site 0), drawn
    down-across-down: like PowerPoint's own org charts, the bentConnector3 is turned a
    quarter (and mirrored when the report sits to the right), so it bends halfway down."""
    x1, y1 = left + parent.x + parent.width // 2, top + parent.y + parent.height
    x2, y2 = left + child.x + child.width // 2, top + child.y
    dx, dy = x2 - x1, y2 - y1
    turn = 'rot="16200000" flipH="1"' if dx > 0 else 'rot="5400000"'
    return (f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="Org line"/><p:cNvCxnSpPr>'
            f'<a:stCxn id="{parent_id}" idx="2"/><a:endCxn id="{child_id}" idx="0"/></p:cNvCxnSpPr><p:nvPr/>'
            f'</p:nvCxnSpPr><p:spPr><a:xfrm {turn}><a:off x="{(x1 + x2) // 2 - dy // 2}" '
            f'y="{(y1 + y2) // 2 - abs(dx) // 2}"/><a:ext cx="{dy}" cy="{abs(dx)}"/></a:xfrm>'
            f'<a:prstGeom prst="bentConnector3"><a:avLst/></a:prstGeom>'
            f'<a:ln w="{Pt(1.25)}">{_fill(LINE_COLOR)}</a:ln><a:effectLst/></p:spPr></p:cxnSp>')


def _fill(color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{color.lstrip("#").upper()}"/></a:solidFill>'


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _text_body(paragraphs: list[tuple[str, float, bool, bool]], color: str, anchor: str = "t") -> str:
    """Centred paragraphs (text, size, bold, italic) in a body that wraps, never resizes and
    has the layout's insets; PowerPoint wraps them again itself, so trainers can edit freely."""
    body = "".join(
        f'<a:p><a:pPr algn="ctr"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc></a:pPr>'
        f'<a:r><a:rPr lang="en-US" sz="{round(size * 100)}" b="{int(bold)}" i="{int(italic)}">{_fill(color)}'
        f'<a:latin typeface="{FONT}"/></a:rPr><a:t>{escape(text)}</a:t></a:r></a:p>'
        for text, size, bold, italic in paragraphs)
    inset = int(_PAD)
    return (f'<p:txBody><a:bodyPr wrap="square" lIns="{inset}" tIns="{inset}" rIns="{inset}" bIns="{inset}" '
            f'anchor="{anchor}"><a:noAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody>')


def _fill_text(frame: TextFrame, paragraphs: list[tuple[str, float, bool, bool]], color: str) -> None:
    """Replace a text frame's body with :func:`_text_body`'s."""
    body = frame._txBody
    parent = body.getparent()
    assert parent is not None  # a text body sits in its shape
    parent.replace(body, parse_xml(f"<p:root {nsdecls('p', 'a')}>{_text_body(paragraphs, color)}</p:root>")[0])


def orgchart_picture_slides(layouts: DeckLayouts, pictures: tuple[bytes, ...], alt_text: str, county: str) -> None:
    """The org chart as pictures (the guide's pages), for slides too small to hold its
    editable boxes at a readable size: one slide per page, the picture fitted below the title."""
    for number, png in enumerate(pictures, start=1):
        suffix = f" (page {number} of {len(pictures)})" if len(pictures) > 1 else ""
        slide, area = layouts.slide("title-only", f"{county} org chart{suffix}")
        width, height = fit_picture(png, area.width, max(area.height, 1))
        picture = slide.shapes.add_picture(io.BytesIO(png), area.left + (area.width - width) // 2, area.top,
                                           width, height)
        picture._element.nvPicPr.cNvPr.set("descr", alt_text)
        notes_frame(slide).text = ("Walk through both programs' teams; org-chart.docx in the packet "
                                   "lists everyone on the chart.")
