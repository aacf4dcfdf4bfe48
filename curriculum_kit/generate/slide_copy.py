"""Copy slides made of plain shapes from one presentation into another.

Only shapes without relationships (text boxes, auto shapes, connectors) are copied, which
is what generated org chart slides are made of; placeholders become plain shapes, since
the target's layouts may not have the same ones — except the title, which stays the
title when the target layout has one, so it takes the deck's own title font and colour,
and screen readers find and name the slide by it.
"""

from __future__ import annotations

import copy

from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout

from .slide_parts import notes_frame

_PLACEHOLDER = qn("p:ph")
_TITLES = ("title", "ctrTitle")
_GROUP_PROPERTIES = (qn("p:nvGrpSpPr"), qn("p:grpSpPr"))


def copy_slides(source: Presentation, target: Presentation, layout: SlideLayout) -> list[Slide]:
    """Append a copy of every slide of ``source`` to ``target`` on ``layout``."""
    slides = []
    titled = any(ph.get("type") in _TITLES for ph in layout._element.iter(_PLACEHOLDER))
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
            for placeholder in list(duplicate.iter(_PLACEHOLDER)):
                if titled and placeholder.get("type") in _TITLES:
                    placeholder.set("type", "title")
                    placeholder.attrib.pop("idx", None)
                    continue
                placeholder.getparent().remove(placeholder)
            tree.append(duplicate)
        if original.has_notes_slide:
            notes_frame(slide).text = notes_frame(original).text
        slides.append(slide)
    return slides
