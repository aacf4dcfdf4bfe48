"""The org chart's PNG writer: what it writes decodes to exactly the pixels drawn."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageDraw, ImageFont

from curriculum_kit.generate.flat_png import flat_png


def _decoded(data: bytes) -> Image.Image:
    Image.open(io.BytesIO(data)).verify()  # chunk lengths and CRCs
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("size", [(1, 1), (1, 7), (7, 1), (333, 211)])
def test_pixels_survive_exactly(size):
    rng = random.Random(size[0] * 1000 + size[1])
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for _ in range(12):  # fills, outlines and anti-aliased text in many colours
        colour = tuple(rng.randrange(256) for _ in range(3))
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.rounded_rectangle([(x, y), (x + rng.randrange(60), y + rng.randrange(40))], radius=5, fill=colour,
                               outline=(0, 0, 0))
        draw.text((x, y), "Linkages liaison", fill=colour[::-1], font=ImageFont.load_default(size=15))
    decoded = _decoded(flat_png(image))
    assert decoded.format == "PNG" and decoded.mode == "RGB" and decoded.size == size
    assert decoded.tobytes() == image.tobytes()


def test_same_image_same_bytes_and_smaller_than_raw():
    image = Image.new("RGB", (800, 600), "white")
    ImageDraw.Draw(image).rectangle([(100, 100), (700, 500)], fill="#1F4E79")
    data = flat_png(image)
    assert data == flat_png(image.copy())
    assert len(data) < 800 * 600 * 3 / 50  # deflated, not stored


def test_only_rgb():
    with pytest.raises(ValueError, match="RGB"):
        flat_png(Image.new("RGBA", (4, 4)))
