"""What python-pptx types as optional but every deck and element handled here has.

python-pptx declares a presentation's slide size, a notes slide's text frame and an
element's parent as possibly missing (a bare XML fragment may lack them); the decks and
slides the builder works on always have them. These accessors say so once, instead of a
check at every use.
"""

from __future__ import annotations

from lxml import etree
from pptx.presentation import Presentation
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Length

SlideSize = tuple[Length, Length]  # width and height in EMU


def slide_size(presentation: Presentation) -> SlideSize:
    width, height = presentation.slide_width, presentation.slide_height
    assert width is not None and height is not None  # every saved deck, and python-pptx's template, has a size
    return width, height


def notes_frame(slide: Slide) -> TextFrame:
    """The text frame of a slide's notes (made when the slide has none yet)."""
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None  # the notes master's body placeholder, copied to every notes slide
    return frame


def detach(element: etree._Element) -> None:
    """Take an element out of its tree (only elements inside a tree are handled here)."""
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)
