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
from .deck_layouts import MARGIN, TITLE_SIZES, DeckLayouts, box_height, inherited_anchor, set_fitted_text
from .slide_background import colour_behind
from .slide_parts import notes_frame

NOTES = "Both co-facilitators introduce themselves and their program (lesson 3: model collaboration)."
SUBTITLE_SIZES = (24, 20, 18, 16, 14, 12, 10)
_NAME_SIZE = 10  # of a program's name under its logo: smaller is unreadable in a room


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
        names = _names_bottom(overlay, size)
        _fit_clear_of_logos(title, [module.title], TITLE_SIZES, presentation.slide_width, size, names)
        _fit_clear_of_logos(subtitle, [overlay.county, *details], SUBTITLE_SIZES, presentation.slide_width, size,
                            names)
        _logos(slide, presentation, overlay, size)
    notes_frame(slide).text = NOTES
    return slide


def _details(module: Module, overlay: Overlay, session: SessionDay | None) -> list[str]:
    """The day (date, time, room, pair) of a planned session, or the county's roster; the
    programs; the versions."""
    return [*facilitation_lines(overlay, session),
            f"{overlay.programs['cws'].name} and {overlay.programs['calworks'].name}",
            f"Module version {module.version} · {overlay.county} overlay version {overlay.version}"]


def _name_height(name: str, logo: int) -> int:
    """How tall a program's name is in its column under the logo: as many lines as it wraps
    to (a county's full department name can take six), so nothing is laid over its end."""
    return box_height([name], int(logo + MARGIN), _NAME_SIZE)


def _names_bottom(overlay: Overlay, logo: int) -> int:
    """Where the longer of the programs' names under the logos ends."""
    return int(MARGIN / 2 + logo) + max(_name_height(overlay.programs[key].name, logo) for key in ("cws", "calworks"))


def _fit_clear_of_logos(shape: Any, lines: list[str], sizes: tuple[float, ...], slide_width: int, logo: int,
                        names_bottom: int) -> None:
    """Fit the title's or subtitle's text, and narrow a box whose text would reach into the
    top corners where the logos and their names go, down to where the longer name ends (a
    deck whose title sits high on its title slide, or names long enough to reach the title),
    keeping it centred and fitting its text again. Where its text starts is worked out from
    how the deck anchors it: a title centred in a tall box starts well below the box's top."""
    size = set_fitted_text(shape, lines, sizes)
    corner = int(MARGIN + logo + MARGIN / 2)  # the logo's column and its name's, each side
    left, top, width, height = (int(value or 0) for value in (shape.left, shape.top, shape.width, shape.height))
    room = max(height - box_height(lines, width, size), 0)
    text_top = top + {"ctr": room // 2, "b": room}.get(inherited_anchor(shape), 0)
    if text_top >= names_bottom or (left >= corner and left + width <= slide_width - corner):
        return
    # all four set: a placeholder that inherits its place gets a transform of its own
    shape.left, shape.top, shape.width, shape.height = corner, top, max(slide_width - 2 * corner, 0), height
    set_fitted_text(shape, lines, sizes)


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
        place = (int(left - MARGIN / 2), int(MARGIN / 2 + logo), int(logo + MARGIN), _name_height(branding.name, logo))
        background = colour_behind(slide, *place)
        box = slide.shapes.add_textbox(*place)
        if background is None:  # a picture, a gradient or a shape there: the name gets a white ground
            box.fill.solid()
            box.fill.fore_color.rgb = RGBColor.from_string(WHITE.lstrip("#"))  # type: ignore[no-untyped-call]
            background = WHITE
        box.text_frame.word_wrap = True
        set_fitted_text(box, [branding.name], (_NAME_SIZE,))
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

