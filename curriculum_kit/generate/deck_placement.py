"""County slides in a deck that has no markers for them.

The places come from :mod:`curriculum_kit.formats.placement` as positions among the
slides of the deck as the academy wrote it (the co-branded title slide first, local
slides before the closing slides, or where module.toml's ``[placement]`` says). Slides an
omitted optional section removed no longer exist, so a place moves to the next slide the
deck still has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import BuildError
from ..formats.markers import PLACEHOLDERS
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..formats.placement import deck_spots
from ..ooxml.outline import slide_title
from .deck_layouts import DeckLayouts


def titles_of(presentation: Any) -> list[str]:
    return [slide_title(slide._element) for slide in presentation.slides]


def place_unmarked(presentation: Any, original: list[Any], titles: list[str], marked: set[str], module: Module,
                   overlay: Overlay, make: Callable[[str, DeckLayouts], None]) -> dict[str, list[Any]]:
    """Add the county material the deck has no markers for; returns the slides made per piece.

    ``original`` are the deck's slides before anything was removed, ``titles`` their titles
    in the academy's own words (what anchors name).
    """
    pieces = [piece for piece in PLACEHOLDERS if piece not in marked]
    spots, problems = deck_spots(titles, module.placement, pieces)
    if problems:
        raise BuildError(f"{problems[0][1]}; check the module with 'curriculum-kit validate'", module.toml_path)
    made: dict[str, list[Any]] = {}
    by_master: dict[Any, DeckLayouts] = {}  # one for each master the pieces' slides follow
    for piece in pieces:
        if not overlay.has_material(piece):
            continue
        present = {id(slide) for slide in presentation.slides}
        anchor = next((slide for slide in original[spots[piece].index:] if id(slide) in present), None)
        master = (anchor if anchor is not None else original[-1] if original else None)
        chosen = master.slide_layout.slide_master if master is not None and id(master) in present else None
        key = chosen._element if chosen is not None else None
        if key not in by_master:
            by_master[key] = DeckLayouts(presentation, chosen)
        layouts = by_master[key]
        before = len(presentation.slides)
        make(piece, layouts)
        made[piece] = list(presentation.slides)[before:]
        if anchor is not None:
            move_before(presentation, before, anchor)
    return made


def move_before(presentation: Any, before: int, anchor: Any) -> None:
    """Move the slides added since ``before`` to just before ``anchor``."""
    ids = list(presentation.slides._sldIdLst)
    anchor_id = next(i for i in ids if presentation.slides.get(int(i.get("id"))) is anchor)
    for new in ids[before:]:
        anchor_id.addprevious(new)


def slide_numbers(presentation: Any, made: dict[str, list[Any]]) -> dict[str, list[int]]:
    """The 1-based numbers of the slides made for each piece, in the finished deck."""
    numbers = {id(slide): number for number, slide in enumerate(presentation.slides, start=1)}
    return {piece: sorted(numbers[id(s)] for s in slides if id(s) in numbers) for piece, slides in made.items()}
