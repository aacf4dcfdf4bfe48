"""A document's outline: the titles of a deck's slides, the headings of a Word body.

County material is placed by these (see :mod:`curriculum_kit.formats.placement`), and
both `validate` and `build` read them here, from the same XML, so an anchor that
validates is an anchor the build finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .names import a, p, w
from .package import Package
from .sections import outline_level

_TITLE_TYPES = {"title", "ctrTitle"}
_HEADING_NAME = re.compile(r"heading\s*(\d)", re.IGNORECASE)
_STYLES = "/styles"


def slide_title(slide: etree._Element) -> str:
    """The text of a slide's title placeholder, paragraphs joined by a space; '' without one."""
    for shape in slide.iter(p("sp")):
        placeholder = shape.find(f"{p('nvSpPr')}/{p('nvPr')}/{p('ph')}")
        if placeholder is not None and placeholder.get("type") in _TITLE_TYPES:
            paragraphs = ["".join(t.text or "" for t in para.iter(a("t"))) for para in shape.iter(a("p"))]
            return " ".join(" ".join(paragraphs).split())
    return ""


@dataclass(frozen=True)
class Heading:
    element: etree._Element  # the body's child that holds it: the w:p, or a content control around it
    level: int  # 1-9
    text: str


def heading_styles(styles: etree._Element | None) -> dict[str, int]:
    """Paragraph style id -> heading level: built-in 'heading N' styles (whatever their id
    in a localized Word) and styles with an outline level, through their basedOn chain."""
    own: dict[str, int] = {}
    based_on: dict[str, str] = {}
    for style in styles.iter(w("style")) if styles is not None else ():
        if style.get(w("type")) != "paragraph":
            continue
        style_id = style.get(w("styleId"), "")
        name = style.find(w("name"))
        match = _HEADING_NAME.fullmatch(name.get(w("val"), "")) if name is not None else None
        outline = style.find(f"{w('pPr')}/{w('outlineLvl')}")
        level = outline_level(outline.get(w("val")) if outline is not None else None)
        if match:
            own[style_id] = int(match.group(1))
        elif level:
            own[style_id] = level
        parent = style.find(w("basedOn"))
        if parent is not None:
            based_on[style_id] = parent.get(w("val"), "")
    levels = {}
    for style_id in {*own, *based_on}:
        current, seen = style_id, set()
        while current not in own and current in based_on and current not in seen:
            seen.add(current)
            current = based_on[current]
        if current in own:
            levels[style_id] = own[current]
    return levels


def paragraph_text(paragraph: etree._Element) -> str:
    return " ".join("".join(t.text or "" for t in paragraph.iter(w("t"))).split())


def headings(body: etree._Element, styles: dict[str, int]) -> list[Heading]:
    """The body's headings (paragraphs with text, directly in the body or in a content control
    there: Word's Bibliography block holds its heading), in order."""
    found = []
    for child in body.iterchildren(w("p"), w("sdt")):
        for paragraph in [child] if child.tag == w("p") else child.iterfind(_IN_CONTROL):
            level = heading_level(paragraph, styles)
            text = paragraph_text(paragraph) if level else ""
            if text:
                found.append(Heading(child, level, text))
    return found


_IN_CONTROL = f"{w('sdtContent')}/{w('p')}"


def heading_level(paragraph: etree._Element, styles: dict[str, int]) -> int:
    properties = paragraph.find(w("pPr"))
    if properties is None:
        return 0
    outline = properties.find(w("outlineLvl"))
    if outline is not None and outline.get(w("val"), "9").isdigit():  # a paragraph's own level decides
        return outline_level(outline.get(w("val")))
    style = properties.find(w("pStyle"))
    if style is None:
        return 0
    style_id = style.get(w("val"), "")
    if style_id in styles:
        return styles[style_id]
    match = _HEADING_NAME.fullmatch(style_id)
    return int(match.group(1)) if match else 0


def deck_titles(path: Path) -> list[str]:
    """The title of each slide of a .pptx, in show order."""
    with Package(path) as package:
        return [slide_title(package.xml(slide)) if slide else "" for slide in package.slide_parts()]


def guide_title(path: Path) -> str:
    """The text of a .docx body's first paragraph in Word's Title style (a guide's title on
    its title page, above every heading; the style found by its name, whatever its id in a
    localized Word), '' without one."""
    with Package(path) as package:
        styles = _styles(package)
        titles = {style.get(w("styleId"), "") for style in (styles.iter(w("style")) if styles is not None else ())
                  if _name_of(style).lower() == "title"}
        for paragraph in package.xml(package.main_part).iter(w("p")):
            style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
            if style is not None and style.get(w("val")) in titles:
                text = " ".join("".join(t.text or "" for t in paragraph.iter(w("t"))).split())
                if text:
                    return text
    return ""


def _styles(package: Package) -> etree._Element | None:
    """A Word document's styles part, parsed; None for a document without one."""
    part = next((rel.target for rel in package.relationships(package.main_part)
                 if rel.type.endswith(_STYLES) and not rel.external and package.has(rel.target)), None)
    return package.xml(part) if part else None


def _name_of(style: etree._Element) -> str:
    name = style.find(w("name"))
    return name.get(w("val"), "") if name is not None else ""


def guide_headings(path: Path) -> list[tuple[int, str]]:
    """(level, text) of each heading of a .docx body, in order."""
    with Package(path) as package:
        styles = heading_styles(_styles(package))
        body = package.xml(package.main_part).find(w("body"))
        return [(h.level, h.text) for h in headings(body, styles)] if body is not None else []
