"""A county's own slides (contacts, stories, org chart), made once and repeated in each deck.

Every module's deck of a county gets the same contacts, story and org chart slides. When
two decks have the same slide master and layouts (an academy makes its decks from one
template), the slides made for the first are, XML for XML, the slides python-pptx would
make for the next: each is repeated as a new slide on the same layout with a copy of the
first one's shape tree and notes. Making them (cloning layout placeholders, fitting text,
paginating tables, copying org chart shapes) cost more than the rest of a deck. A slide
with relationships of its own (a picture, a link) is made anew every time.
"""

from __future__ import annotations

import copy
import hashlib
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from .deck_layouts import DeckLayouts
from .slide_parts import add_notes, slide_size

_OWN_RELATIONSHIPS = {RT.SLIDE_LAYOUT, RT.NOTES_SLIDE}  # what every slide has; anything else is the slide's own


class _Made(NamedTuple):
    layout: int  # index of the slide's layout among its master's layouts
    shapes: etree._Element  # the slide's p:spTree
    notes: etree._Element | None  # its notes page's p:spTree


class CountySlides:
    """The county's slides of each piece, by the look of the deck they were made for."""

    def __init__(self) -> None:
        # (piece, look of the deck) -> (the overlay they show, the slides; None: made each time)
        self._made: dict[tuple[str, bytes], tuple[object, list[_Made] | None]] = {}

    def add(self, presentation: Any, layouts: DeckLayouts, piece: str, overlay: object,
            make: Callable[[], None]) -> None:
        """Append the slides of ``piece`` showing ``overlay``: a repeat of those made for a
        deck that looks the same, else ``make()`` (which appends them), remembered."""
        key = (piece, _look(presentation, layouts))
        shown, known = self._made.get(key, (None, None))
        if shown is overlay and known is not None:
            for made in known:
                _repeat(presentation, layouts.master.slide_layouts[made.layout], made)
            return
        before = len(presentation.slides)
        make()
        self._made[key] = (overlay, _remembered(layouts, list(presentation.slides)[before:]))


# A slide master's part -> the digest of its XML and its layouts' (a deck's three pieces ask).
_MASTER_LOOKS: weakref.WeakKeyDictionary[Any, bytes] = weakref.WeakKeyDictionary()


def _look(presentation: Any, layouts: DeckLayouts) -> bytes:
    """What a generated slide is made from: the slide size, the master and its layouts."""
    master = layouts.master.part
    look = _MASTER_LOOKS.get(master)
    if look is None:
        digest = hashlib.blake2b(etree.tostring(layouts.master._element), digest_size=16)
        for layout in layouts.master.slide_layouts:
            digest.update(etree.tostring(layout._element))
        look = _MASTER_LOOKS[master] = digest.digest()
    return repr(slide_size(presentation)).encode() + look


def _remembered(layouts: DeckLayouts, slides: list[Any]) -> list[_Made] | None:
    order = list(layouts.master.slide_layouts)
    made = []
    for slide in slides:
        if any(rel.reltype not in _OWN_RELATIONSHIPS for rel in slide.part.rels.values()) or \
                slide.slide_layout not in order:
            return None
        notes = copy.deepcopy(slide.notes_slide._element.cSld.spTree) if slide.has_notes_slide else None
        made.append(_Made(order.index(slide.slide_layout), copy.deepcopy(slide._element.cSld.spTree), notes))
    return made


def _repeat(presentation: Any, layout: Any, made: _Made) -> None:
    """What python-pptx's ``add_slide`` does, with the shape tree copied instead of the
    layout's placeholders cloned (the slide's shapes are read only after this)."""
    rel_id, slide = presentation.part.add_slide(layout)
    slide_tree = slide._element.cSld
    slide_tree.replace(slide_tree.spTree, copy.deepcopy(made.shapes))
    presentation.slides._sldIdLst.add_sldId(rel_id)
    if made.notes is not None:
        add_notes(slide)  # the notes page every generated slide gets, its text then copied
        notes_tree = slide.notes_slide._element.cSld
        notes_tree.replace(notes_tree.spTree, copy.deepcopy(made.notes))
