"""Conservative text measurement, so generated slides never overflow.

Widths are per-character estimates at least as wide as DejaVu Sans, the widest font a
viewer is likely to substitute for Calibri; real rendering is narrower, never wider.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

EMU_PER_PT = 12700
LINE_SPACING = 1.2
_NARROW = set("ijlI.,;:!'|()[]{} tfr")
_WIDE_LOWER = set("mw")
_WIDE_UPPER = set("MW@%")


def _em(char: str) -> float:
    if char in " \u00a0":  # a no-break space is as wide as a space
        return 0.32
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if "\u031b" in marks:  # a horn (Vietnamese ơ, ư) sticks out to the right of its letter
        return 1.0
    if marks and base.isascii():  # an accented letter is as wide as its letter (é as e): counted
        return _em(base)  # 1 em, a contacts slide's rows of Spanish names were 1.5 times too tall
    if char in _NARROW:
        return 0.42
    if char in _WIDE_LOWER:
        return 0.98
    if char in _WIDE_UPPER:
        return 1.02
    if char.isupper():
        return 0.78
    if char.isdigit():
        return 0.64
    return 0.64 if char.isascii() else 1.0  # other scripts (CJK, Đ, ø): assume wide


_EMS: dict[str, float] = {}


def _ems(text: str) -> float:
    """Width of ``text`` in ems; per-character widths are worked out once."""
    total = 0.0
    for char in text:
        width = _EMS.get(char)
        if width is None:
            width = _EMS[char] = _em(char)
        total += width
    return total


def text_width(text: str, font_pt: float) -> int:
    """Estimated width of one line of text, in EMU."""
    return int(_ems(text) * font_pt * EMU_PER_PT)


def line_height(font_pt: float) -> int:
    return int(font_pt * LINE_SPACING * EMU_PER_PT)


def wrap(text: str, width: int, font_pt: float, break_words: bool = False) -> list[str]:
    """Greedy word wrap into lines no wider than ``width`` EMU (each word measured once).

    A word wider than a line is split across lines when ``break_words`` (as PowerPoint
    does in a table cell: e-mail addresses); otherwise it raises ValueError naming it.
    """
    limit = width / (font_pt * EMU_PER_PT)  # in ems
    space = _em(" ")
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        ems = _ems(word)
        if ems > limit:
            if not break_words:
                raise ValueError(f"the word '{word}' is wider than the space for it at {font_pt:g} pt")
            if current:
                lines.append(current)
            pieces = break_word(word, lambda piece: text_width(piece, font_pt) <= width)
            lines.extend(pieces[:-1])
            current, used = pieces[-1], _ems(pieces[-1])
            continue
        if current and used + space + ems <= limit:
            current, used = f"{current} {word}", used + space + ems
        else:
            if current:
                lines.append(current)
            current, used = word, ems
    if current:
        lines.append(current)
    return lines or [""]


def break_word(word: str, fits: Callable[[str], bool]) -> list[str]:
    """A word no line can hold cut between characters, each piece as long as ``fits`` allows,
    as PowerPoint breaks an e-mail address, an id or a name typed without spaces."""
    pieces, piece = [], ""
    for char in word:
        if piece and not fits(piece + char):
            pieces.append(piece)
            piece = ""
        piece += char
    return pieces + [piece]


_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"  # may break between any two characters
_PIECE = re.compile(rf"[{_CJK}]|(?:[^\s\-/{_CJK}]|\u00a0)+[\-/]?|[\-/]")


def unbreakable_pieces(text: str) -> list[str]:
    """The pieces of ``text`` a word processor never breaks inside: words (and words joined
    by a no-break space: '☐ DCFS'), split after a hyphen or slash as Word and LibreOffice
    split them ('Welfare-' 'to-' 'Work'), and each Chinese, Japanese or Korean character
    on its own."""
    return _PIECE.findall(text)


# A phone number as written in a contacts list: '(909) 555-1006', '909-555-1006', '+1 909.555.1006'.
_PHONE = re.compile(r"((?:\+\d+[ .-]?)?(?:\(\d+\) ?)?\d+(?:[.-]\d+)+)")


def kept_pieces(text: str) -> list[str]:
    """The pieces of ``text`` a generated table gives room for on one line: those of
    :func:`unbreakable_pieces`, but a phone number whole, which Word would break after its
    space or hyphen ('(909) 555-' '1006')."""
    pieces: list[str] = []
    for index, part in enumerate(_PHONE.split(text)):
        pieces += [part] if index % 2 else unbreakable_pieces(part)
    return pieces
