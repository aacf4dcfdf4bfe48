"""Logo images: readable, of a kind Word and PowerPoint embed, and of a sane size."""

from __future__ import annotations

import struct
import warnings
import zlib
from pathlib import Path

from ..errors import InputError

FORMATS = {"PNG", "JPEG", "GIF", "BMP"}
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_LOGO_PIXELS = 150  # on the longer side: about 100 dots an inch where a cover prints a logo 1.5 in wide


def check_image(path: Path) -> tuple[int, int]:
    """(width, height) of a logo, or an InputError saying why it cannot be used."""
    from PIL import Image  # here: Pillow takes 10-15 ms to import, and `adapt` never needs it
    try:
        size = path.stat().st_size
    except OSError:
        raise InputError("logo file not found", path) from None
    if size > MAX_BYTES:
        raise InputError(f"logo is {size / 1048576:.0f} MB; use an image under "
                         f"{MAX_BYTES // 1048576} MB (a 600x600 PNG is plenty)", path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, width, height = image.format, image.width, image.height
                if width * height > MAX_PIXELS:
                    raise InputError(f"logo is {width}x{height} pixels; use at most "
                                     f"{MAX_PIXELS // 1_000_000} megapixels", path)
                image.verify()
            with Image.open(path) as image:
                image.load()  # verify() checks a PNG's chunks, not its pixels: cut-off pixel data shows here
    except InputError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, struct.error, zlib.error,
            Image.DecompressionBombError, Image.DecompressionBombWarning):  # what Pillow raises on damaged files
        raise InputError("logo is not a readable image (PNG, JPEG, GIF or BMP)", path) from None
    if kind not in FORMATS:
        raise InputError(f"logo is in {kind} format; use PNG, JPEG, GIF or BMP", path)
    return width, height
