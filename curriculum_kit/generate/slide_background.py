"""The colour a reader sees behind a spot of a slide, where the tool writes text of its own.

The program names under the logos on the title slide are in the program's colour, which
reads on white; an academy deck may have a dark band, a photograph or a gradient there.
The colour is known when the slide's background (its own, its layout's or its master's)
is one plain colour and no picture or shape of the layout or master lies under the spot;
otherwise the caller gives its text a plain background of its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import CurriculumKitError
from ..formats.colors import WHITE
from ..ooxml.names import A_NS, P_NS
from ..ooxml.package import parse_xml

_NS = {"a": A_NS, "p": P_NS}
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_COLOR_TAGS = {f"{{{A_NS}}}{name}" for name in ("srgbClr", "schemeClr", "sysClr")}
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


def colour_behind(slide: Any, left: int, top: int, width: int, height: int) -> str | None:
    """'#RRGGBB' behind that rectangle of ``slide`` (a slide just made from its layout), or
    None when it cannot be told (a picture, a gradient, a shape of the layout or master)."""
    layout = slide.slide_layout
    master = layout.slide_master
    owners = [layout] if layout._element.get("showMasterSp") in ("0", "false") else [layout, master]
    for owner in owners:
        for shape in owner.shapes:
            if not shape.is_placeholder and _overlaps(shape, left, top, width, height):
                return None
    for owner in (slide, layout, master):
        background = owner._element.find("p:cSld/p:bg", _NS)
        if background is not None:
            return _plain(background, master._element.find("p:clrMap", _NS), _theme(master))
    return WHITE  # no background anywhere: PowerPoint draws white


def _overlaps(shape: Any, left: int, top: int, width: int, height: int) -> bool:
    box = (shape.left, shape.top, shape.width, shape.height)
    if any(value is None for value in box):
        return True  # a shape whose place cannot be read may lie anywhere
    x, y, w, h = (int(value) for value in box)
    return x < left + width and left < x + w and y < top + height and top < y + h


def _plain(background: etree._Element, mapping: etree._Element | None, theme: etree._Element | None) -> str | None:
    """A background's colour when it is one plain colour (its own, or a theme fill style
    that is the referring colour itself), else None; ``mapping`` is the master's p:clrMap."""
    properties = background.find("p:bgPr", _NS)
    if properties is not None:
        fill = properties.find("a:solidFill", _NS)
        return _colour(fill[0], mapping, theme) if fill is not None and len(fill) else None
    reference = background.find("p:bgRef", _NS)
    if reference is None or not len(reference):
        return None
    styles = theme.find("a:themeElements/a:fmtScheme/a:bgFillStyleLst", _NS) if theme is not None else None
    number = reference.get("idx", "")
    index = int(number) - 1001 if number.isdigit() else -1  # 1001 and on: the theme's background fills
    if styles is None or not 0 <= index < len(styles):
        return None
    style = styles[index]
    placeholder_colour = style.find("a:schemeClr", _NS)
    if etree.QName(style).localname != "solidFill" or placeholder_colour is None or len(placeholder_colour) \
            or placeholder_colour.get("val") != "phClr":
        return None
    return _colour(reference[0], mapping, theme)


def _colour(element: etree._Element, mapping: etree._Element | None, theme: etree._Element | None) -> str | None:
    """'#RRGGBB' of a DrawingML colour with no tint, shade or other change, else None."""
    if element.tag not in _COLOR_TAGS or len(element):
        return None
    name = etree.QName(element).localname
    if name != "schemeClr":
        value = element.get("val" if name == "srgbClr" else "lastClr", "")
        return f"#{value.upper()}" if _HEX.fullmatch(value) else None
    scheme = element.get("val", "")
    scheme = mapping.get(scheme, scheme) if mapping is not None else scheme  # bg1 -> lt1, ...
    colour = theme.find(f"a:themeElements/a:clrScheme/a:{scheme}", _NS) if theme is not None and scheme else None
    found = colour is not None and len(colour) and colour[0].tag != element.tag
    return _colour(colour[0], mapping, theme) if found and colour is not None else None


def _theme(master: Any) -> etree._Element | None:
    try:
        part = master.part.part_related_by(_THEME)
    except KeyError:
        return None
    try:
        return parse_xml(part.blob, Path("theme"), str(part.partname))
    except CurriculumKitError:  # a damaged theme tells no colour
        return None
