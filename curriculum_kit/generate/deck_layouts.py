"""Slides the tool adds, made from the academy deck's own layouts.

A generated slide should look like the slides around it: the deck's fonts, colours,
backgrounds and footers come from its slide master, so every added slide starts from one
of that master's layouts — the title layout for the co-branded title slide, title and
content for a story, title only for tables and charts — and puts its title in the
layout's title placeholder. A master may lack a kind of layout (many academy masters have
no 'Title Only'); the nearest one stands in, and a master without any titled layout gets
a title text box, as a marker slide always did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Pt

from .textfit import line_height, wrap

MARGIN = Emu(457200)  # half an inch
GAP = Emu(91440)  # 0.1 in between a title and what follows it
INSET = 91440  # PowerPoint's default left/right text inset
INSET_TB = 45720  # and its top/bottom one
TITLE_SIZES = (44, 40, 36, 32, 28, 24, 20, 16, 12, 10, 8)  # the small ones for unusually small slides
_TEXT_TITLE_HEIGHT = Pt(28 * 1.6)
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
# Layout kinds the tool uses, and the layout types (p:sldLayout/@type) that serve, best first.
_PREFERENCES = {
    "title": ("title", "secHead", "titleOnly", "obj", "tx"),
    "content": ("obj", "tx", "titleOnly", "title"),
    "title-only": ("titleOnly", "obj", "tx", "title", "secHead"),
}


@dataclass(frozen=True)
class Area:
    left: int
    top: int
    width: int
    height: int


def _has_title(layout: Any) -> bool:
    return any(ph.placeholder_format.type in _TITLES for ph in layout.placeholders)


def _body(owner: Any) -> Any:
    return next((ph for ph in owner.placeholders if ph.placeholder_format.type in _BODIES), None)


def _subtitle(owner: Any) -> Any:
    return next((ph for ph in owner.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), None)


class DeckLayouts:
    """The layouts of one slide master, chosen by what a generated slide needs."""

    def __init__(self, presentation: Any, master: Any = None) -> None:
        self.presentation = presentation
        self.master = master if master is not None else (
            presentation.slides[0].slide_layout.slide_master if len(presentation.slides)
            else presentation.slide_masters[0])
        # worked out once for the master (python-pptx reads layouts and placeholders anew each time)
        self._chosen: dict[str, Any] = {}
        self._frames: dict[etree._Element, Area | None] = {}

    def layout(self, kind: str) -> Any:
        """The master's layout for ``kind`` ('title', 'content', 'title-only'), else the
        closest stand-in; a master without titled layouts gives its first layout."""
        if kind not in self._chosen:
            self._chosen[kind] = self._choose(kind)
        return self._chosen[kind]

    def _choose(self, kind: str) -> Any:
        layouts = list(self.master.slide_layouts)
        by_type: dict[str, Any] = {}
        for layout in layouts:
            by_type.setdefault(layout._element.get("type", "cust"), layout)
        for wanted in _PREFERENCES[kind]:
            layout = by_type.get(wanted)
            if layout is not None and _has_title(layout) and (wanted != "obj" or _body(layout) is not None):
                return layout
        titled = [layout for layout in layouts if _has_title(layout)]
        if kind == "content":
            titled.sort(key=lambda layout: _body(layout) is None)
        return titled[0] if titled else layouts[0]

    def slide(self, kind: str, title: str, keep_body: bool = False) -> tuple[Any, Area]:
        """A new slide on the layout for ``kind``, its title set to fit; the layout's other
        placeholders removed (the body kept when asked). Returns (slide, free area)."""
        slide = self.presentation.slides.add_slide(self.layout(kind))
        title_shape = slide.shapes.title
        body = _body(slide) if keep_body else None
        subtitle = _subtitle(slide) if kind == "title" else None
        for placeholder in list(slide.placeholders):
            if placeholder not in (title_shape, body, subtitle):
                placeholder._element.getparent().remove(placeholder._element)
        if title_shape is None:
            title_shape = slide.shapes.add_textbox(MARGIN, MARGIN, self.presentation.slide_width - 2 * MARGIN,
                                                   _TEXT_TITLE_HEIGHT)
            title_shape.text_frame.word_wrap = True
            set_fitted_text(title_shape, [title], (28, 24, 20), bold=True)
        else:
            set_fitted_text(title_shape, [title], TITLE_SIZES)
        return slide, self._below(title_shape, self.layout(kind))

    def content_area(self, kind: str) -> Area:
        """The free area below the title of a slide made with :meth:`slide`."""
        layout = self.layout(kind)
        title = next((ph for ph in layout.placeholders if ph.placeholder_format.type in _TITLES), None)
        return self._below(title, layout)

    def _below(self, title: Any, layout: Any) -> Area:
        """Where the deck puts a slide's body below ``title``: inside the frame of the body
        text on the deck's own slides (clear of the master's graphics and footers), else
        inside margins; a title low on the slide (a section header look) or a slide too
        small for the usual margins keeps the lower three quarters."""
        width, height = int(self.presentation.slide_width), int(self.presentation.slide_height)
        margin = min(int(MARGIN), width // 20, height // 20)
        left, right, bottom = margin, width - margin, height - margin
        frame = self._body_frame(layout)
        beside = False  # a title in a column of its own, beside the body (not above it)
        if frame is not None:
            left, right, bottom = frame.left, frame.left + frame.width, frame.top + frame.height
            beside = title is not None and title.width is not None and (
                int(title.left) + int(title.width) <= left or int(title.left) >= right)
        title_bottom = (int(title.top + title.height) if title is not None and title.height
                        else margin + int(_TEXT_TITLE_HEIGHT))
        top = frame.top if frame is not None and beside else title_bottom + min(int(GAP), height // 50)
        if bottom - top < height * 0.4:
            top = height // 4
            bottom = max(bottom, height - margin)
        return Area(left, top, right - left, bottom - top)

    def _body_frame(self, layout: Any) -> Area | None:
        """The box of the body text on the deck's slides: the body placeholder of
        ``layout``, of the master's content layout, or of the master; None when there is
        none that could hold a table or chart (under half the slide's width or a third of
        its height, or off the slide)."""
        if layout._element not in self._frames:
            self._frames[layout._element] = self._find_body_frame(layout)
        return self._frames[layout._element]

    def _find_body_frame(self, layout: Any) -> Area | None:
        width, height = int(self.presentation.slide_width), int(self.presentation.slide_height)
        for owner in (layout, self.layout("content"), self.master):
            body = _body(owner)
            if body is None or None in (body.left, body.top, body.width, body.height):
                continue
            frame = Area(int(body.left), int(body.top), int(body.width), int(body.height))
            inside = frame.left >= 0 and frame.top >= 0 and frame.left + frame.width <= width \
                and frame.top + frame.height <= height
            if inside and frame.width >= width / 2 and frame.height >= height / 3:
                return frame
        return None


def inherited_size(shape: Any, default: float) -> float:
    """The font size (pt) a placeholder's first-level text gets from its layout and master."""
    for element in _size_sources(shape):
        found = element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}lvl1pPr/"
                             "{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr")
        size = found.get("sz") if found is not None else None
        if size:
            return int(size) / 100
    return default


def inherited_anchor(shape: Any) -> str:
    """Where a shape's text sits in its box ('t', 'ctr' or 'b'), its own or from its layout
    and master (decks centre a title in its box)."""
    for element in (shape._element, *_size_sources(shape)):
        body = element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr")
        if body is not None and body.get("anchor"):
            return str(body.get("anchor"))
    return "t"


def _size_sources(shape: Any) -> list[etree._Element]:
    sources = []
    try:
        layout_ph = shape._base_placeholder
        if layout_ph is not None:
            sources.append(layout_ph._element)
            master_ph = layout_ph._base_placeholder
            if master_ph is not None:
                sources.append(master_ph._element)
                styles = master_ph.part.slide_master._element.find(
                    "{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles")
                if styles is not None:
                    kind = "titleStyle" if shape.placeholder_format.type in _TITLES else "bodyStyle"
                    style = styles.find(f"{{http://schemas.openxmlformats.org/presentationml/2006/main}}{kind}")
                    if style is not None:
                        sources.append(style)
    except (AttributeError, ValueError):
        pass
    return sources


def fitting_size(lines: list[str], width: int, height: int, sizes: tuple[float, ...]) -> float | None:
    """The largest of ``sizes`` at which ``lines`` (paragraphs) fit the box, or None."""
    for size in sizes:
        try:
            needed = _text_height(lines, width, size)
        except ValueError:
            continue
        if needed <= height:
            return size
    return None


def _text_height(lines: list[str], width: int, size: float) -> int:
    return sum(len(wrap(text, width, size, break_words=True)) for text in lines) * line_height(size)


def box_height(paragraphs: list[str], width: int, size: float) -> int:
    """How tall a text box ``width`` wide must be to hold ``paragraphs`` at ``size``, its
    insets included: where a box sized to its text ends, for what must stay clear of it."""
    return _text_height(paragraphs, width - 2 * INSET, size) + 2 * INSET_TB


def set_fitted_text(shape: Any, paragraphs: list[str], sizes: tuple[float, ...], bold: bool | None = None) -> float:
    """Put plain paragraphs in a shape at the largest size that fits it (never larger than
    the size the layout gives), so nothing overflows; returns the size."""
    frame = shape.text_frame
    frame.word_wrap = True
    # a size the layout or master gives, else none: a deck without text styles (as old
    # OpenOffice decks are) leaves it to the application, which drew an org chart title at
    # 44 pt over the chart, fitted at 44 pt's width as one line of 36 or less
    known = inherited_size(shape, 0.0) if shape.is_placeholder else 0.0
    base = known or sizes[0]
    candidates = tuple(s for s in sizes if s <= base) or (sizes[-1],)
    if candidates[0] != base and base < sizes[0]:
        candidates = (base, *candidates)
    width = int(shape.width) - 2 * INSET
    height = int(shape.height) - 2 * INSET_TB
    size = fitting_size(paragraphs, width, height, candidates) or candidates[-1]
    frame.text = ""
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        if size != base or not known:
            run.font.size = Pt(size)
        if bold is not None:
            run.font.bold = bold
    return size
