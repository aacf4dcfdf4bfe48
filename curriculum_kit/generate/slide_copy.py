"""Copy slides made of plain shapes from one presentation into another.

Only shapes without relationships (text boxes, auto shapes, connectors) are copied, which
is what generated org chart slides are made of; placeholders become plain shapes, since
the target's layouts may not have the same ones, except that a title stays a title (with
its own position), which is how screen readers find and name a slide.
"""

from __future__ import annotations

import copy

from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout

_PLACEHOLDER = qn("p:ph")
_TITLES = ("title", "ctrTitle")
_GROUP_PROPERTIES = (qn("p:nvGrpSpPr"), qn("p:grpSpPr"))


def copy_slides(source: Presentation, target: Presentation, layout: SlideLayout) -> list[Slide]:
    """Append a copy of every slide of ``source`` to ``target`` on ``layout``."""
    slides = []
    for original in source.slides:
        slide = target.slides.add_slide(layout)
        tree = slide.shapes._spTree
        for shape in list(tree):
            if shape.tag not in _GROUP_PROPERTIES:
                tree.remove(shape)
        for shape in original.shapes._spTree:
            if shape.tag in _GROUP_PROPERTIES:
                continue
            duplicate = copy.deepcopy(shape)
            for placeholder in duplicate.iter(_PLACEHOLDER):
                if placeholder.get("type") in _TITLES:
                    placeholder.attrib.pop("idx", None)
                else:
                    placeholder.getparent().remove(placeholder)
            tree.append(duplicate)
        if original.has_notes_slide:
            slide.notes_slide.notes_text_frame.text = original.notes_slide.notes_text_frame.text
        slides.append(slide)
    return slides
