"""Org chart pages as native, editable PowerPoint slides.

Boxes are rounded rectangles and lines are elbow connectors glued to them (bottom centre
of the manager to top centre of the report), so a trainer who drags a box in PowerPoint
keeps the lines attached. Text sizes and insets are the layout's, so what the layout
measured is what PowerPoint draws.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..formats.overlay import Overlay
from ..formats.programs import BOTH, PROGRAMS
from .common import PROGRAM_FALLBACK_COLORS
from .orgchart_layout import (CORNER, EMU_PER_PT, NOTE_LINES, NOTE_PT, PAD_PT, Box, Page, box_colors,
                              line_height, wrap)

FONT = "Arial"  # the layout's width estimates are Arial's (Liberation Sans in LibreOffice)
TITLE_SIZES = (24, 20, 16, 14, 12)  # the largest that fits the title's height wins
MARGIN = 365760  # 0.4 in at the slide's sides
TITLE_TOP, TITLE_HEIGHT = 228600, 822960  # 0.25 in from the top; 0.9 in, two lines of 24 pt
NOTE_COLOR = "#404040"
LINE_COLOR = "#595959"
_PAD = Emu(PAD_PT * EMU_PER_PT)
_GAP = 91440  # 0.1 in between the title, the chart and the notes line
_BOTTOM = 182880  # 0.2 in below the notes line


def chart_area(presentation) -> tuple[int, int, int, int]:
    """(left, top, width, height) of the slide area the chart pages are laid out for."""
    top = TITLE_TOP + TITLE_HEIGHT + _GAP
    return (MARGIN, top, presentation.slide_width - 2 * MARGIN,
            presentation.slide_height - top - _GAP - _notes_height() - _BOTTOM)


def _notes_height() -> int:
    return NOTE_LINES * line_height(NOTE_PT) + 2 * _PAD


def program_colors(overlay: Overlay) -> dict[str, str]:
    """'#RRGGBB' of each program: the county's colour, else the generators' fallback."""
    return {key: overlay.programs[key].color or PROGRAM_FALLBACK_COLORS[key] for key in PROGRAMS}


def program_label(overlay: Overlay, program: str) -> str:
    keys = PROGRAMS if program == BOTH else (program,)
    return " and ".join(overlay.programs[key].label for key in keys)


def add_org_chart_slides(presentation, layout_index_or_layout, pages: list[Page], overlay: Overlay) -> list:
    """One slide per page, on the given slide layout. Lay the pages out for the size of
    :func:`chart_area`; each page is centred across the slide below its title, its notes
    right under the chart. Raises ValueError when a page was laid out too tall for the slide."""
    slide_layout = (presentation.slide_layouts[layout_index_or_layout]
                    if isinstance(layout_index_or_layout, int) else layout_index_or_layout)
    _, top, _, _ = chart_area(presentation)
    colors = program_colors(overlay)
    slides = []
    for page in pages:
        left = min(box.x for box in page.boxes)
        dx = (presentation.slide_width - (max(box.x + box.width for box in page.boxes) - left)) // 2 - left
        bottom = top + max(box.y + box.height for box in page.boxes)
        if bottom + (_GAP + _notes_height() if page.notes else 0) > presentation.slide_height:
            raise ValueError(f"org chart page '{page.title}' is taller than the slide; lay it out for chart_area()")
        slide = presentation.slides.add_slide(slide_layout)
        _set_title(slide, page.title, presentation.slide_width)
        shapes = {box.person.id: _add_box(slide, box, dx, top, colors, overlay) for box in page.boxes}
        first_box = shapes[page.boxes[0].person.id]._element
        for link in page.links:  # lines go behind the boxes, so they never cover a box's edge
            first_box.addprevious(_add_connector(slide, shapes[link.parent], shapes[link.child])._element)
        if page.notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(page.notes)
            notes = slide.shapes.add_textbox(MARGIN, bottom + _GAP, presentation.slide_width - 2 * MARGIN,
                                             _notes_height())
            notes.name = "Org chart notes"
            _fill_text(notes.text_frame, [("; ".join(page.notes), NOTE_PT, False, False)], NOTE_COLOR)
        slides.append(slide)
    return slides


def _set_title(slide, title: str, slide_width: int) -> None:
    """The layout's title placeholder (or a text box), across the top; other placeholders go."""
    for placeholder in list(slide.placeholders):
        if placeholder != slide.shapes.title:
            placeholder._element.getparent().remove(placeholder._element)
    shape = slide.shapes.title or slide.shapes.add_textbox(0, 0, 0, 0)
    shape.left, shape.top, shape.width, shape.height = MARGIN, TITLE_TOP, slide_width - 2 * MARGIN, TITLE_HEIGHT
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


def _add_box(slide, box: Box, left: int, top: int, colors: dict[str, str], overlay: Overlay):
    person = box.person
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left + box.x, top + box.y, box.width, box.height)
    shape.adjustments[0] = CORNER
    shape.name = f"Org box: {person.name}"
    alt_text = f"{person.name}, {person.title}, {program_label(overlay, person.program)}"
    shape._element.nvSpPr.cNvPr.set("descr", alt_text)
    fill, text, outline = box_colors(box, colors)
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(fill)
    shape.line.color.rgb = _rgb(outline)
    shape.line.width = Pt(1.5 if box.repeated else 0.75)
    if box.repeated:
        shape.line.dash_style = MSO_LINE.DASH
    shape.shadow.inherit = False  # flat, like the picture; the default theme adds a shadow
    paragraphs = [(person.name, box.font_pt, True, False), (person.title, box.font_pt, False, False)]
    if box.team_page:
        paragraphs.append((box.lines[-1], box.font_pt, False, True))
    _fill_text(shape.text_frame, [p for p in paragraphs if p[0]], text)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    return shape


def _fill_text(frame, paragraphs: list[tuple[str, float, bool, bool]], color: str) -> None:
    """Paragraphs (text, size, bold, italic) in a frame that wraps, never resizes, and has
    the layout's insets; PowerPoint wraps them again itself, so trainers can edit freely."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = _PAD
    for index, (text, size, bold, italic) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        paragraph.line_spacing = 1.0
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.name = FONT
        run.font.color.rgb = _rgb(color)


def _add_connector(slide, parent, child):
    """An elbow connector glued bottom-centre to top-centre, drawn down-across-down.

    python-pptx leaves a bentConnector3 unrotated, which runs across-down-across until
    PowerPoint reroutes it; like PowerPoint's own org charts, the shape is turned a quarter
    (and mirrored when the report sits to the right), so it bends halfway down the row gap
    from the start.
    """
    connector = slide.shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
    connector.begin_connect(parent, 2)
    connector.end_connect(child, 0)
    connector.name = "Org line"
    connector.line.color.rgb = _rgb(LINE_COLOR)
    connector.line.width = Pt(1.25)
    connector.shadow.inherit = False  # the default theme's line style casts a shadow
    x1, y1 = parent.left + parent.width // 2, parent.top + parent.height
    x2, y2 = child.left + child.width // 2, child.top
    dx, dy = x2 - x1, y2 - y1
    xfrm = connector._element.spPr.find(qn("a:xfrm"))
    for flip in ("flipH", "flipV"):
        xfrm.attrib.pop(flip, None)
    xfrm.set("rot", "16200000" if dx > 0 else "5400000")
    if dx > 0:
        xfrm.set("flipH", "1")
    xfrm.find(qn("a:off")).set("x", str((x1 + x2) // 2 - dy // 2))
    xfrm.find(qn("a:off")).set("y", str((y1 + y2) // 2 - abs(dx) // 2))
    xfrm.find(qn("a:ext")).set("cx", str(dy))
    xfrm.find(qn("a:ext")).set("cy", str(abs(dx)))
    return connector


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#"))
