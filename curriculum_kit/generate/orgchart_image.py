"""Org chart pages as pictures for Word documents, and their alt text.

The picture draws the same layout as the slides, with Pillow's built-in font (the same on
every machine) and no metadata, so the same chart gives the same bytes. A picture cannot
be read aloud, so :func:`describe` says in words who leads whom (Section 508).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, cast

from PIL import Image, ImageDraw, ImageFont

from ..formats.orgchart import OrgChart, Person
from ..formats.overlay import Overlay
from .flat_png import flat_png
from .orgchart_layout import CORNER, EMU_PER_PT, NOTE_PT, Page, box_colors, line_height, wrap
from .orgchart_slides import LINE_COLOR, NOTE_COLOR, program_colors

EMU_PER_INCH = 914400
TITLE_PT = 14
MARGIN = 137160  # 0.15 in around the picture
MIN_WIDTH = 5 * EMU_PER_INCH  # so a one-box page still has room for its title
DESCRIPTION_LIMIT = 1000  # characters of alt text before the rest is left to the table


@lru_cache(maxsize=16)
def _font(pixels: int) -> ImageFont.FreeTypeFont:
    # a sized default font is FreeType's whenever Pillow has FreeType (its wheels always do)
    return cast(ImageFont.FreeTypeFont, ImageFont.load_default(size=pixels))


def render_png(page: Page, overlay: Overlay, dpi: int = 150) -> bytes:
    """The page as a PNG: title, boxes in program colours, elbow lines, then the notes."""
    scale = dpi / EMU_PER_INCH
    low, high = min(box.x for box in page.boxes), max(box.x + box.width for box in page.boxes)
    width = max(high - low + 2 * MARGIN, MIN_WIDTH)
    text_width_pt = (width - 2 * MARGIN) / EMU_PER_PT
    title = wrap(page.title, text_width_pt, TITLE_PT)
    notes = wrap("; ".join(page.notes), text_width_pt, NOTE_PT)
    chart_height = max(box.y + box.height for box in page.boxes)
    chart_x = low - (width - (high - low)) / 2  # the layout's x at the picture's left edge
    chart_y = MARGIN + len(title) * line_height(TITLE_PT) + MARGIN  # where the layout's y = 0 lands
    height = chart_y + chart_height + MARGIN + len(notes) * line_height(NOTE_PT) + MARGIN

    def at(x: float, y: float) -> tuple[int, int]:
        """Pixels of a point of the layout."""
        return round((x - chart_x) * scale), round((y + chart_y) * scale)

    image = Image.new("RGB", (round(width * scale), round(height * scale)), "white")
    draw = ImageDraw.Draw(image)
    _text_lines(draw, title, image.width / 2, round(MARGIN * scale), TITLE_PT, scale, "#000000")
    boxes = {box.person.id: box for box in page.boxes}
    for link in page.links:
        parent, child = boxes[link.parent], boxes[link.child]
        x1, y1 = at(parent.x + parent.width / 2, parent.y + parent.height)
        x2, y2 = at(child.x + child.width / 2, child.y)
        bend = (y1 + y2) // 2
        draw.line([(x1, y1), (x1, bend), (x2, bend), (x2, y2)], fill=LINE_COLOR, width=max(1, round(dpi / 60)))
    colors = program_colors(overlay)
    for box in page.boxes:
        fill, ink, outline = box_colors(box, colors)
        corner = at(box.x, box.y), at(box.x + box.width, box.y + box.height)
        draw.rounded_rectangle(corner, radius=round(CORNER * min(box.width, box.height) * scale), fill=fill,
                               outline=outline, width=max(1, round(dpi / 50)) if box.repeated else 1)
        step = line_height(box.font_pt)
        first = box.y + (box.height - len(box.lines) * step) / 2  # the text block, centred
        centre = (corner[0][0] + corner[1][0]) / 2
        _text_lines(draw, box.lines[:box.name_lines], centre, at(0, first)[1], box.font_pt, scale, ink, bold=True)
        _text_lines(draw, box.lines[box.name_lines:], centre, at(0, first + box.name_lines * step)[1], box.font_pt,
                    scale, ink)
    _text_lines(draw, notes, image.width / 2, at(0, chart_height + MARGIN)[1], NOTE_PT, scale, NOTE_COLOR)
    return flat_png(image)


def _text_lines(draw: ImageDraw.ImageDraw, lines: Sequence[str], centre_x: float, top: int, font_pt: float, scale: float, color: str,
                bold: bool = False) -> None:
    """Centred lines from ``top`` (pixels), spaced as the layout spaces them; bold is drawn
    twice, a pixel apart (Pillow's built-in font has no bold face)."""
    font = _font(round(font_pt * EMU_PER_PT * scale))
    step = line_height(font_pt) * scale
    for index, line in enumerate(lines):
        for shift in ((0, 1) if bold else (0,)):
            _draw_line(draw, line, centre_x + shift, top + (index + 0.5) * step, font, color)


@lru_cache(maxsize=4096)
def _line_mask(font: ImageFont.FreeTypeFont, text: str, x_fraction: float,
               y_fraction: float) -> tuple[Any, tuple[int, int]]:
    """(anti-aliased mask, its offset from the anchor point) of a line centred on a point
    that lies ``x_fraction``, ``y_fraction`` of a pixel past a whole pixel, as
    ``ImageDraw.text`` renders it. Rendering is most of a chart page's text cost, and most
    lines are drawn more than once: bold twice a pixel apart (the same fractions), and job
    titles ('Social Worker') box after box and county after county."""
    return font.getmask2(text, "L", anchor="mm", start=(x_fraction, y_fraction))


# Characters the built-in font lacks that are no letter plus accent: their nearest ASCII.
_NEAREST = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u00df": "ss",
                          "\u00c6": "AE", "\u00e6": "ae", "\u0152": "OE", "\u0153": "oe", "\u00d8": "O",
                          "\u00f8": "o", "\u0141": "L", "\u0142": "l", "\u0110": "D", "\u0111": "d"})


def _draw_line(draw: ImageDraw.ImageDraw, text: str, centre_x: float, middle_y: float, font: ImageFont.FreeTypeFont,
               color: str) -> None:
    """One line of text, letter by letter: Pillow's built-in font has ASCII letters only, so
    accents (José Núñez, Lan Nguyễn) are drawn as strokes over or under their base letter."""
    if text.isascii():  # the common case: the font has every letter, draw the line at once
        mask, (dx, dy) = _line_mask(font, text, math.modf(centre_x)[0], math.modf(middle_y)[0])
        # what ImageDraw.text does with the mask it renders (a test compares the pixels)
        draw.draw.draw_bitmap((int(centre_x) + dx, int(middle_y) + dy), mask, draw._getink(color)[0])
        return
    clusters: list[tuple[str, list[str]]] = []
    for char in unicodedata.normalize("NFD", text.translate(_NEAREST)):
        if unicodedata.combining(char) and clusters:
            clusters[-1][1].append(char)
        else:
            clusters.append((char, []))
    x = centre_x - sum(font.getlength(base) for base, _ in clusters) / 2
    for base, marks in clusters:
        left, top, right, bottom = font.getbbox(base, anchor="lm")
        if base in "ij" and set(marks) - _BELOW:
            top = _draw_dotless(draw, base, x, middle_y, font, color)
        else:
            draw.text((x, middle_y), base, fill=color, font=font, anchor="lm")
        if marks:
            _draw_marks(draw, marks, x + (left + right) / 2, middle_y + top, middle_y + bottom, font.size, color)
        x += font.getlength(base)


def _draw_dotless(draw: ImageDraw.ImageDraw, letter: str, x: float, middle_y: float, font: ImageFont.FreeTypeFont,
                  color: str) -> float:
    """i or j without its dot, which an accent replaces (í as in García); returns its new top."""
    left, top, right, bottom = font.getbbox(letter, anchor="lm")
    stem_top = font.getbbox("x", anchor="lm")[1]
    glyph = Image.new("L", (math.ceil(right - left), math.ceil(bottom - top)))
    ImageDraw.Draw(glyph).text((-left, -top), letter, fill=255, font=font, anchor="lm")
    glyph.paste(0, (0, 0, glyph.width, round(stem_top - top)))
    draw.bitmap((round(x + left), round(middle_y + top)), glyph, fill=color)
    return stem_top


# Combining marks as strokes in a unit box (x -0.5..0.5 left to right, y 0..1 bottom to top).
_MARKS: dict[str, list[tuple[float, float]]] = {
    "\u0300": [(-0.25, 1), (0.25, 0)], "\u0301": [(-0.25, 0), (0.25, 1)],
    "\u0302": [(-0.5, 0), (0, 1), (0.5, 0)], "\u030c": [(-0.5, 1), (0, 0), (0.5, 1)],
    "\u0303": [(-0.5, 0.2), (-0.25, 0.8), (0.25, 0.2), (0.5, 0.8)], "\u0304": [(-0.5, 0.5), (0.5, 0.5)],
    "\u0306": [(-0.5, 1), (-0.25, 0.2), (0.25, 0.2), (0.5, 1)],
}
_DOTS = {"\u0307": (0,), "\u0308": (-0.35, 0.35), "\u0323": (0,)}
_BELOW = {"\u0323", "\u0327", "\u0328"}


def _draw_marks(draw: ImageDraw.ImageDraw, marks: list[str], centre_x: float, glyph_top: float, glyph_bottom: float, size: float,
                color: str) -> None:
    width, height, gap = 0.3 * size, 0.16 * size, 0.07 * size
    stroke = max(1, round(size / 14))
    above = glyph_top - gap
    for mark in marks:
        if mark in _BELOW:
            base, glyph_bottom = glyph_bottom + gap + height, glyph_bottom + gap + height
        else:
            base, above = above, above - height - gap
        if mark in _MARKS:
            draw.line([(centre_x + u * width, base - v * height) for u, v in _MARKS[mark]], fill=color,
                      width=stroke, joint="curve")
        elif mark in _DOTS:
            for u in _DOTS[mark]:
                r = max(1, size / 16)
                draw.ellipse([centre_x + u * width - r, base - height / 2 - r, centre_x + u * width + r,
                              base - height / 2 + r], fill=color)
        elif mark == "\u030a":
            draw.ellipse([centre_x - height / 2, base - height, centre_x + height / 2, base], outline=color,
                         width=stroke)
        elif mark in ("\u0327", "\u0328"):
            draw.line([(centre_x, base - height), (centre_x + width / 3, base - height / 2),
                       (centre_x - width / 4, base)], fill=color, width=stroke)


def describe(chart: OrgChart, county: str) -> str:
    """Alt text: who leads whom, breadth first in file order, each person's title at first
    mention; past DESCRIPTION_LIMIT characters the rest is counted, not listed."""
    kids = chart.children()
    named: set[str] = set()

    def who(person: Person) -> str:
        first = person.id not in named
        named.add(person.id)
        return f"{person.name} ({person.title})" if first and person.title else person.name

    pieces: list[tuple[str, int]] = []  # text, and how many people are named once it is read
    order = list(chart.roots)
    for person in order:
        reports = kids[person.id]
        order += reports
        if reports:
            noun = "person" if len(reports) == 1 else "people"
            head = f"{who(person)} leads {len(reports)} {noun}: "
            for index, report in enumerate(reports):
                end = ". " if index == len(reports) - 1 else ", "
                pieces.append(((head if index == 0 else "") + who(report) + end, len(named)))
        elif not person.reports_to:
            pieces.append((f"{who(person)}. ", len(named)))
    text = f"Org chart of {county}: " + "".join(piece for piece, _ in pieces)
    if len(text.strip()) <= DESCRIPTION_LIMIT:
        return text.strip()
    text, told = f"Org chart of {county}: ", 0
    for piece, named_after in pieces:
        if len(text) + len(piece) + len(_ending(len(chart.people) - named_after)) > DESCRIPTION_LIMIT:
            break
        text, told = text + piece, named_after
    return text.rstrip(",: ") + " " + _ending(len(chart.people) - told)


def _ending(more: int) -> str:
    return f"\u2026 and {more} more {'person' if more == 1 else 'people'}; the full list follows in a table."
