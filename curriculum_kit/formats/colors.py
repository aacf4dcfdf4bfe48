"""Colour contrast as WCAG 2.1 measures it, for text on a county's program colours.

Public agencies answer to Section 508, which adopts WCAG 2.1 AA: normal text needs a
contrast ratio of at least 4.5:1 with its background.
"""

from __future__ import annotations

from functools import lru_cache

MIN_CONTRAST = 4.5
BLACK, WHITE = "#000000", "#FFFFFF"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


@lru_cache(maxsize=4096)  # a county uses a handful of colours, on every slide
def luminance(color: str) -> float:
    """Relative luminance of '#RRGGBB' (or 'RRGGBB')."""
    hex_digits = color.lstrip("#")
    r, g, b = (int(hex_digits[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (one of them always reaches 4.5:1)."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE


NEAR_BLACK = "#1F1F1F"


def readable_text_color(color: str, background: str = WHITE) -> str:
    """``color`` when text in it reads on ``background``, else near black or white,
    whichever reads there (near black on white: softer than black, as Office's text)."""
    if contrast(color, background) >= MIN_CONTRAST:
        return color
    return NEAR_BLACK if contrast(NEAR_BLACK, background) >= MIN_CONTRAST else text_on(background)
