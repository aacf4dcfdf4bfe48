"""Draw the sample counties' program logos: python samples/make_logos.py

Reads every county_overlays/<slug>/overlay.toml and, for each program that names a logo,
writes a 600x600 PNG emblem in the program's colour with its short name. The output is
byte-for-byte the same on every run: no timestamps or text chunks are written, and only
Pillow's built-in font is used.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 600
SCALE = 2  # draw at twice the size and scale down, for smooth edges
OVERLAYS = Path(__file__).resolve().parent.parent / "county_overlays"

# One emblem shape per program per county, so the samples look different side by side.
SHAPES = {
    ("alder-county", "cws"): "circle",
    ("alder-county", "calworks"): "rounded-square",
    ("cypress-valley-county", "cws"): "shield",
    ("cypress-valley-county", "calworks"): "hexagon",
    ("manzanita-county", "cws"): "house",
    ("manzanita-county", "calworks"): "sunburst",
}


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _ink_on(fill: tuple[int, int, int]) -> tuple[int, int, int]:
    """White text on dark colours, near-black on light ones."""
    r, g, b = fill
    luminance = 0.299 * r + 0.587 * g + 0.114 * b
    return (255, 255, 255) if luminance < 150 else (33, 33, 33)


def _lighter(fill: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    return tuple(round(c + (255 - c) * amount) for c in fill)  # type: ignore[return-value]


def _polygon(cx: float, cy: float, radius: float, sides: int, rotation: float = 0.0) -> list[tuple[float, float]]:
    return [(cx + radius * math.cos(rotation + 2 * math.pi * i / sides),
             cy + radius * math.sin(rotation + 2 * math.pi * i / sides)) for i in range(sides)]


def _draw_shape(draw: ImageDraw.ImageDraw, shape: str, fill: tuple[int, int, int], s: int) -> tuple[int, int]:
    """Draw the emblem on an s x s canvas; return the vertical centre and width for the text."""
    ring = _lighter(fill, 0.55)
    m = s // 20  # margin
    c = s / 2
    if shape == "circle":
        draw.ellipse([m, m, s - m, s - m], fill=fill)
        draw.ellipse([3 * m, 3 * m, s - 3 * m, s - 3 * m], outline=ring, width=s // 60)
        return int(c), int(s * 0.62)
    if shape == "rounded-square":
        draw.rounded_rectangle([m, m, s - m, s - m], radius=s // 7, fill=fill)
        draw.rounded_rectangle([3 * m, 3 * m, s - 3 * m, s - 3 * m], radius=s // 10, outline=ring, width=s // 60)
        return int(c), int(s * 0.70)
    if shape == "shield":
        top, bottom, left, right = m, s - m, 2 * m, s - 2 * m
        shoulder = s * 0.5
        points = [(left, top), (right, top)]
        for i in range(41):  # a quarter ellipse down each side, meeting in a point at the bottom
            theta = math.pi / 2 * i / 40
            points.append((c + (right - c) * math.cos(theta), shoulder + (bottom - shoulder) * math.sin(theta)))
        for i in range(40, -1, -1):
            theta = math.pi / 2 * i / 40
            points.append((c - (c - left) * math.cos(theta), shoulder + (bottom - shoulder) * math.sin(theta)))
        draw.polygon(points, fill=fill)
        draw.line([(left + 2 * m, top + 3 * m), (right - 2 * m, top + 3 * m)], fill=ring, width=s // 50)
        return int(s * 0.45), int(s * 0.64)
    if shape == "hexagon":
        draw.polygon(_polygon(c, c, c - m, 6, math.pi / 6), fill=fill)
        draw.polygon(_polygon(c, c, c - 2.2 * m, 6, math.pi / 6), outline=ring, width=s // 60)
        return int(c), int(s * 0.60)
    if shape == "house":
        roof = s * 0.42
        draw.polygon([(c, m), (s - m, roof), (m, roof)], fill=fill)
        draw.rectangle([2 * m, roof - 1, s - 2 * m, s - m], fill=fill)
        draw.line([(3 * m, roof + m), (s - 3 * m, roof + m)], fill=ring, width=s // 60)
        draw.ellipse([c - 1.5 * m, roof * 0.45, c + 1.5 * m, roof * 0.45 + 3 * m], fill=ring)
        return int(s * 0.68), int(s * 0.70)
    if shape == "sunburst":
        rays = []
        for i in range(32):  # alternate outer and inner points: a star with 16 rays
            radius = c - m if i % 2 == 0 else c - 3.2 * m
            angle = -math.pi / 2 + math.pi * i / 16
            rays.append((c + radius * math.cos(angle), c + radius * math.sin(angle)))
        draw.polygon(rays, fill=fill)
        draw.ellipse([3.5 * m, 3.5 * m, s - 3.5 * m, s - 3.5 * m], fill=_lighter(fill, 0.15), outline=ring, width=s // 70)
        return int(c), int(s * 0.54)
    raise ValueError(f"unknown shape {shape!r}")


def _fit_font(draw: ImageDraw.ImageDraw, text: str, max_width: int, start: int) -> ImageFont.FreeTypeFont:
    size = start
    while True:
        font = ImageFont.load_default(size=size)
        left, _, right, _ = draw.textbbox((0, 0), text, font=font)
        if right - left <= max_width or size <= 10:
            return font
        size -= 4


def draw_logo(short_name: str, county: str, color: str, shape: str) -> Image.Image:
    s = SIZE * SCALE
    image = Image.new("RGBA", (s, s), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    fill = _rgb(color)
    centre_y, text_width = _draw_shape(draw, shape, fill, s)
    ink = _ink_on(fill)
    big = _fit_font(draw, short_name, text_width, s // 4)
    draw.text((s // 2, centre_y - s // 40), short_name, font=big, fill=ink, anchor="mm")
    caption = county.upper()
    small = _fit_font(draw, caption, int(text_width * 0.9), s // 18)
    big_height = big.getbbox(short_name)[3]
    draw.text((s // 2, centre_y + big_height // 2 + s // 30), caption, font=small, fill=ink, anchor="mt")
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def main() -> None:
    for toml_path in sorted(OVERLAYS.glob("*/overlay.toml")):
        data = tomllib.loads(toml_path.read_text(encoding="utf-8-sig"))
        slug = data["slug"]
        for program, fields in sorted(data.get("programs", {}).items()):
            if "logo" not in fields:
                continue
            shape = SHAPES.get((slug, program), "circle")
            label = fields.get("short_name") or fields["name"]
            logo = draw_logo(label, data["county"], fields.get("color", "#555555"), shape)
            target = toml_path.parent / fields["logo"]
            target.parent.mkdir(parents=True, exist_ok=True)
            logo.save(target, format="PNG", optimize=False, compress_level=9)
            print(f"wrote {target.relative_to(OVERLAYS.parent)}")


if __name__ == "__main__":
    main()
