"""What python-pptx types as optional but every deck and element handled here has.

python-pptx declares a presentation's slide size, a notes slide's text frame and an
element's parent as possibly missing (a bare XML fragment may lack them); the decks and
slides the builder works on always have them. These accessors say so once, instead of a
check at every use.
"""

from __future__ import annotations

import copy
import weakref

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesMasterPart, NotesSlidePart
from pptx.presentation import Presentation
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Length

from ..ooxml.names import MADE_SLIDE_NAME

SlideSize = tuple[Length, Length]  # width and height in EMU


def slide_size(presentation: Presentation) -> SlideSize:
    width, height = presentation.slide_width, presentation.slide_height
    assert width is not None and height is not None  # every saved deck, and python-pptx's template, has a size
    return width, height


def mark_made(slide: Slide, piece: str, number: int) -> None:
    """Name a slide the tool made as such: 'curriculum-kit contacts 2'. Each name is its own
    in a deck (Office's API refuses a name twice), and a county's slides are named alike in
    each of its decks, which then share them byte for byte (preflight reads them once)."""
    slide._element.cSld.set("name", f"{MADE_SLIDE_NAME} {piece} {number}")


def notes_frame(slide: Slide) -> TextFrame:
    """The text frame of a slide's notes (made when the slide has none yet)."""
    add_notes(slide)
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None  # the notes master's body placeholder, copied to every notes slide
    return frame


def add_notes(slide: Slide) -> None:
    """Give a slide its notes page, unless it has one (its shapes are not read)."""
    if not slide.has_notes_slide:
        _add_notes_slide(slide)


def detach(element: etree._Element) -> None:
    """Take an element out of its tree (only elements inside a tree are handled here)."""
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)


# A new notes slide is its notes master's placeholders, cloned: the same XML every time.
_FRESH_NOTES: weakref.WeakKeyDictionary[NotesMasterPart, CT_NotesSlide] = weakref.WeakKeyDictionary()


def _add_notes_slide(slide: Slide) -> None:
    """What python-pptx does for a slide without notes (NotesSlidePart.new, then relate the
    slide to it), with the master's placeholders cloned by python-pptx once per master and
    copied afterwards: cloning them cost a third of a generated slide."""
    slide_part = slide.part
    package = slide_part.package
    master = package.presentation_part.notes_master_part
    fresh = _FRESH_NOTES.get(master)
    if fresh is None:
        _FRESH_NOTES[master] = copy.deepcopy(slide.notes_slide.element)  # python-pptx makes the first one
        return
    part = NotesSlidePart(_next_notes_name(package), CT.PML_NOTES_SLIDE, package, copy.deepcopy(fresh))
    part.relate_to(master, RT.NOTES_MASTER)
    part.relate_to(slide_part, RT.SLIDE)
    slide_part.relate_to(part, RT.NOTES_SLIDE)


_NOTES_NAME = "/ppt/notesSlides/notesSlide%d.xml"
# The notes parts' names of a deck being built, as python-pptx would list them.
_NOTES_NAMES: weakref.WeakKeyDictionary[OpcPackage, set[str]] = weakref.WeakKeyDictionary()


def _next_notes_name(package: OpcPackage) -> PackURI:
    """The name python-pptx's ``next_partname`` gives a new notes slide (the highest free
    number up to one more than the notes parts there are), from names listed once per deck:
    python-pptx walks every relationship of the package to list them, for each slide added
    (a twentieth of a county's build)."""
    names = _NOTES_NAMES.get(package)
    if names is None:
        prefix = _NOTES_NAME.split("%")[0]
        names = _NOTES_NAMES[package] = {part.partname for part in package.iter_parts()
                                         if part.partname.startswith(prefix)}
    name = next(candidate for n in range(len(names) + 1, 0, -1) if (candidate := _NOTES_NAME % n) not in names)
    names.add(name)
    return PackURI(name)


def forget_notes_names(package: OpcPackage) -> None:
    """After a slide is deleted: its notes part leaves the package, and its name is free."""
    _NOTES_NAMES.pop(package, None)
