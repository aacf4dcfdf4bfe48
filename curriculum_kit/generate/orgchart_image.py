"""Org chart pages as pictures for Word documents, and their alt text.

The picture draws the same layout as the slides, with Pillow's built-in font (the same on
every machine) and no metadata, so the same chart gives the same bytes. A letter that font
lacks (王, Cyrillic) is drawn with an installed font that has it, chosen the same way on
every run; what no font here has, :func:`undrawn_warning` says. A picture cannot be read
aloud, so :func:`describe` says in words who leads whom (Section 508).
"""

from __future__ import annotations

import math
import shutil
import subprocess
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
                          "\u00c6": "AE", "\u00e6": "ae", "\u0152": "OE", "\u0153": "oe"})

# Letters that are a letter of the built-in font with a stroke through it (Đức, Łódź, Søren):
# the letter, and the stroke's ends in its box (u 0..1 left to right, v 0..1 bottom to top).
_STROKED: dict[str, tuple[str, tuple[tuple[float, float], tuple[float, float]]]] = {
    "\u0110": ("D", ((0.0, 0.5), (0.4, 0.5))), "\u0111": ("d", ((0.45, 0.82), (1.1, 0.82))),
    "\u0141": ("L", ((-0.05, 0.38), (0.4, 0.66))), "\u0142": ("l", ((-0.7, 0.4), (1.7, 0.66))),
    "\u00d8": ("O", ((0.05, -0.05), (0.95, 1.05))), "\u00f8": ("o", ((0.05, -0.08), (0.95, 1.08))),
}


def _draw_line(draw: ImageDraw.ImageDraw, text: str, centre_x: float, middle_y: float, font: ImageFont.FreeTypeFont,
               color: str) -> None:
    """One line of text, letter by letter: Pillow's built-in font has ASCII letters only, so
    accents (José Núñez, Lan Nguyễn, Dương) are drawn as strokes over, under or beside their
    base letter, and a letter it lacks altogether (王) with an installed font that has it."""
    if text.isascii():  # the common case: the font has every letter, draw the line at once
        mask, (dx, dy) = _line_mask(font, text, math.modf(centre_x)[0], math.modf(middle_y)[0])
        # what ImageDraw.text does with the mask it renders (a test compares the pixels)
        draw.draw.draw_bitmap((int(centre_x) + dx, int(middle_y) + dy), mask, draw._getink(color)[0])
        return
    clusters = [(base, marks, _glyph_font(base, font)) for base, marks in _clusters(text)]
    x = centre_x - sum(face.getlength(_STROKED.get(base, (base,))[0]) for base, _, face in clusters) / 2
    for base, marks, face in clusters:
        letter = _STROKED.get(base, (base,))[0]
        left, top, right, bottom = face.getbbox(letter, anchor="lm")
        if base in "ij" and set(marks) - _BELOW:
            top = _draw_dotless(draw, base, x, middle_y, face, color)
        else:
            draw.text((x, middle_y), letter, fill=color, font=face, anchor="lm")
        if base in _STROKED:
            (u1, v1), (u2, v2) = _STROKED[base][1]
            draw.line([(x + left + u * (right - left), middle_y + bottom - v * (bottom - top)) for u, v in
                       ((u1, v1), (u2, v2))], fill=color, width=max(1, round(face.size / 14)))
        if marks:
            _draw_marks(draw, marks, x + (left + right) / 2, x + right, middle_y + top, middle_y + bottom, face.size,
                        color)
        x += face.getlength(letter)


def _clusters(text: str) -> list[tuple[str, list[str]]]:
    """Each letter of ``text`` (decomposed, the built-in font's nearest ASCII where there is
    one) with the combining marks that follow it."""
    clusters: list[tuple[str, list[str]]] = []
    for char in unicodedata.normalize("NFD", text.translate(_NEAREST)):
        if unicodedata.combining(char) and clusters:
            clusters[-1][1].append(char)
        else:
            clusters.append((char, []))
    return clusters


def _glyph_font(letter: str, font: ImageFont.FreeTypeFont) -> ImageFont.FreeTypeFont:
    """The built-in ``font`` for what it draws (ASCII, and a stroked letter's letter), else
    the installed font that has ``letter`` at the same size; the built-in font (its box for
    a missing letter) when none has it."""
    if letter.isascii() or letter in _STROKED:
        return font
    path = _installed_font(letter)
    return font if path is None else _truetype(path, font.size)


@lru_cache(maxsize=64)
def _truetype(path: str, pixels: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, pixels)


@lru_cache(maxsize=4096)
def _installed_font(letter: str) -> str | None:
    """The first of the installed fonts that has ``letter``, None when none has it."""
    code = ord(letter)
    return next((path for path, ranges in _installed_fonts()
                 if any(low <= code <= high for low, high in ranges)), None)


@lru_cache(maxsize=1)
def _installed_fonts() -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    """The machine's fonts in fontconfig's order of likeness to a plain sans-serif (those
    that add characters to the ones before them), each with the characters it has, asked
    once per process; none without fontconfig. The same machine gives the same order, so
    the same picture."""
    program = shutil.which("fc-match")
    if program is None:
        return ()
    try:
        found = subprocess.run([program, "--sort", "--format=%{file}\t%{charset}\n", "sans-serif:style=Regular"],
                               capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ()
    fonts = []
    for line in found.stdout.splitlines() if found.returncode == 0 else []:
        path, _, charset = line.partition("\t")
        if path.lower().endswith((".ttf", ".otf", ".ttc")):  # what Pillow's FreeType opens at any size
            fonts.append((path, tuple((int(low, 16), int(high or low, 16)) for low, _, high in
                                      (span.partition("-") for span in charset.split()))))
    return tuple(fonts)


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
    "\u0309": [(-0.3, 0.75), (-0.1, 1), (0.2, 0.95), (0.25, 0.6), (0, 0.4), (0, 0)],  # Vietnamese hook (hỏi)
}
_DOTS = {"\u0307": (0,), "\u0308": (-0.35, 0.35), "\u0323": (0,)}
_BELOW = {"\u0323", "\u0327", "\u0328"}
_HORN = "\u031b"  # Vietnamese ơ and ư: a hook out of the letter's top right, beside its other marks
_DRAWN_MARKS = {*_MARKS, *_DOTS, *_BELOW, "\u030a", _HORN}


def _draw_marks(draw: ImageDraw.ImageDraw, marks: list[str], centre_x: float, right: float, glyph_top: float,
                glyph_bottom: float, size: float, color: str) -> None:
    width, height, gap = 0.3 * size, 0.16 * size, 0.07 * size
    stroke = max(1, round(size / 14))
    above = glyph_top - gap
    for mark in marks:
        if mark == _HORN:
            draw.line([(right - stroke, glyph_top + height / 2), (right + width / 4, glyph_top - height / 4),
                       (right + width / 5, glyph_top - height)], fill=color, width=stroke, joint="curve")
        elif mark in _BELOW:
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


def undrawn_warning(overlay: Overlay) -> str:
    """What the org chart pictures cannot draw on this machine, and in whose box ('' when
    they draw everything): a letter no installed font has shows as a box, and a mark the
    picture has no stroke for is left out, so the person's name is misspelled."""
    if overlay.orgchart is None:
        return ""
    missing = dict.fromkeys(_undrawn(overlay.county))
    title = ["the title"] if missing else []
    people = []
    for person in overlay.orgchart.people:
        found = _undrawn(f"{person.name} {person.title}")
        if found:
            missing.update(dict.fromkeys(found))
            people.append(person.name)
    if not missing:
        return ""
    more = f" and {len(people) - 3} more" if len(people) > 3 else ""
    boxes = [f"the box{'es' * (len(people) > 1)} of {', '.join(people[:3])}{more}"] if people else []
    named = (f"U+{ord(char):04X}" if unicodedata.combining(char) else char for char in missing)
    return (f"org chart pictures: no font on this machine draws {', '.join(named)}, in "
            f"{' and '.join(title + boxes)}: a letter shows as a box, a mark is left out; install a font that "
            "has them (on Debian or Ubuntu, apt-get install fonts-noto-core fonts-noto-cjk)")


def _undrawn(text: str) -> list[str]:
    """The characters of ``text`` :func:`_draw_line` cannot draw here."""
    found = []
    for base, marks in _clusters(text):
        if not (base.isascii() or base in _STROKED or _installed_font(base)):
            found.append(base)
        found += [mark for mark in marks if mark not in _DRAWN_MARKS]
    return found


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
