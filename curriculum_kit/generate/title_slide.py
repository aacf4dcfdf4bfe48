"""The co-branded title slide (lesson 3: co-train and co-brand).

Made from the deck's own title layout: the module's title in the layout's title, the
county, the session's day, room and co-facilitators (or the county's roster), both programs
and the versions in its subtitle, both programs' logos at
equal size in the top corners. A master without a titled layout gets the same content in
text boxes.
"""

from __future__ import annotations

import io
from typing import Any

from pptx.dml.color import RGBColor
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Pt

from ..formats.colors import WHITE, readable_text_color
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..formats.session_day import SessionDay, facilitation_lines
from ..wording import PROGRAM_FALLBACK_COLORS
from .common import fit_picture, logo_alt_text, logo_png
from .deck_layouts import MARGIN, TITLE_SIZES, DeckLayouts, set_fitted_text
from .slide_background import colour_behind
from .slide_parts import notes_frame

NOTES = "Both co-facilitators introduce themselves and their program (lesson 3: model collaboration)."
SUBTITLE_SIZES = (24, 20, 18, 16, 14, 12, 10)
_LOGO_NAME_HEIGHT = Pt(44)  # under each logo, its program's name: three lines of 10 pt


def cobrand_slide(layouts: DeckLayouts, module: Module, overlay: Overlay, session: SessionDay | None) -> Any:
    presentation = layouts.presentation
    slide, _ = layouts.slide("title", module.title)
    if slide.shapes.title is None or not slide.shapes.title.is_placeholder:
        for shape in list(slide.shapes):
            shape._element.getparent().remove(shape._element)
        _text_box_title(slide, presentation, module, overlay, session)
    else:
        title = slide.shapes.title
        details = _details(module, overlay, session)
        subtitle = next((ph for ph in slide.placeholders if ph != title), None)
        if subtitle is None:
            top = int(title.top + title.height)
            subtitle = slide.shapes.add_textbox(title.left, top, title.width,
                                                max(int(presentation.slide_height - top - MARGIN), int(Pt(60))))
        room = int(title.top) - int(MARGIN)
        size = max(min(room - int(Pt(14)), int(presentation.slide_height * 0.2)), int(presentation.slide_height * 0.1))
        if _clear_of_logos(title, presentation.slide_width, size, title=True):
            set_fitted_text(title, [module.title], TITLE_SIZES)
        _clear_of_logos(subtitle, presentation.slide_width, size)
        set_fitted_text(subtitle, [overlay.county, *details], SUBTITLE_SIZES)
        _logos(slide, presentation, overlay, size)
    notes_frame(slide).text = NOTES
    return slide


def _details(module: Module, overlay: Overlay, session: SessionDay | None) -> list[str]:
    """The day (date, time, room, pair) of a planned session, or the county's roster; the
    programs; the versions."""
    return [*facilitation_lines(overlay, session),
            f"{overlay.programs['cws'].name} and {overlay.programs['calworks'].name}",
            f"Module version {module.version} · {overlay.county} overlay version {overlay.version}"]


def _clear_of_logos(shape: Any, slide_width: int, logo: int, title: bool = False) -> bool:
    """Narrow a title or subtitle that reaches into the top corners where the logos and
    their names go (a deck whose title sits high on its title slide), keeping it centred;
    whether it was narrowed (its text is then fitted again). A title whose box starts below
    the middle of the names is left alone: its text sits lower in its box than the top edge,
    and the names' third line is seldom used; a subtitle's text starts at its top."""
    band_bottom = int(MARGIN / 2 + logo + (_LOGO_NAME_HEIGHT / 2 if title else _LOGO_NAME_HEIGHT))
    corner = int(MARGIN + logo + MARGIN / 2)  # the logo's column and its name's, each side
    left, top, width, height = (int(value or 0) for value in (shape.left, shape.top, shape.width, shape.height))
    if top >= band_bottom or (left >= corner and left + width <= slide_width - corner):
        return False
    # all four set: a placeholder that inherits its place gets a transform of its own
    shape.left, shape.top, shape.width, shape.height = corner, top, max(slide_width - 2 * corner, 0), height
    return True


def _logos(slide: Any, presentation: Any, overlay: Overlay, logo: int) -> None:
    """Both logos centred in equal square boxes in the top corners, names under them."""
    width = presentation.slide_width
    for key, left in (("cws", MARGIN), ("calworks", width - MARGIN - logo)):
        branding = overlay.programs[key]
        if branding.logo is not None:
            png = logo_png(branding.logo)
            fitted_width, fitted_height = fit_picture(png, logo, logo)
            picture = slide.shapes.add_picture(io.BytesIO(png), int(left + (logo - fitted_width) / 2),
                                               int(MARGIN / 2 + (logo - fitted_height) / 2), fitted_width, fitted_height)
            picture._element.nvPicPr.cNvPr.set("descr", logo_alt_text(branding, overlay.county))
        place = (int(left - MARGIN / 2), int(MARGIN / 2 + logo), int(logo + MARGIN), int(_LOGO_NAME_HEIGHT))
        background = colour_behind(slide, *place)
        box = slide.shapes.add_textbox(*place)
        if background is None:  # a picture, a gradient or a shape there: the name gets a white ground
            box.fill.solid()
            box.fill.fore_color.rgb = RGBColor.from_string(WHITE.lstrip("#"))  # type: ignore[no-untyped-call]
            background = WHITE
        box.text_frame.word_wrap = True
        set_fitted_text(box, [branding.name], (10,))  # three lines of 10 pt: smaller is unreadable in a room
        paragraph = box.text_frame.paragraphs[0]
        paragraph.alignment = 2  # PP_ALIGN.CENTER
        colour = readable_text_color(branding.color or PROGRAM_FALLBACK_COLORS[key], background)
        paragraph.runs[0].font.color.rgb = RGBColor.from_string(colour.lstrip("#"))  # type: ignore[no-untyped-call]


def _text_box_title(slide: Any, presentation: Any, module: Module, overlay: Overlay,
                    session: SessionDay | None) -> None:
    """For a master without a titled layout: the title slide drawn in text boxes."""
    width, height = presentation.slide_width, presentation.slide_height
    logo = int(height * 0.22)
    _logos(slide, presentation, overlay, logo)
    middle = width - 4 * MARGIN - 2 * logo
    _box(slide, 2 * MARGIN + logo, MARGIN, middle, Pt(40), [overlay.county], (24, 20, 16), bold=True)
    title = _box(slide, MARGIN, height * 0.42, width - 2 * MARGIN, Pt(100), [module.title], TITLE_SIZES[3:], bold=True)
    # The title placeholder type is how screen readers list and announce a slide (Section 508).
    title._element.xpath("./p:nvSpPr/p:nvPr")[0].insert(0, parse_xml(f'<p:ph {nsdecls("p")} type="title"/>'))
    _box(slide, MARGIN, height * 0.64, width - 2 * MARGIN, Pt(100), _details(module, overlay, session), (14, 12, 10))


def _box(slide: Any, left: float, top: float, width: float, height: float, lines: list[str],
         sizes: tuple[float, ...], bold: bool = False) -> Any:
    box = slide.shapes.add_textbox(int(left), int(top), int(width), int(height))
    set_fitted_text(box, lines, sizes, bold=bold or None)
    for paragraph in box.text_frame.paragraphs:
        paragraph.alignment = 2  # PP_ALIGN.CENTER
    return box

