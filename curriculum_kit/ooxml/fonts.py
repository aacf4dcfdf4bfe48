"""The fonts a document's printed text is set in, by family name.

A PDF is drawn with the fonts of the machine that draws it; a font it lacks is replaced,
most often by a wider one, and lines break where Word's and PowerPoint's do not. Knowing
which fonts a document uses lets the build say which of them the machine replaces
(package/pdf_fonts.py asks fontconfig).

Word: fonts named in the runs of the body, headers, footers and notes, and in the styles
they use (with the styles those are based on, the document defaults and the default
paragraph style); PowerPoint: fonts named on slides, their layouts and masters. A theme's
heading and body fonts count where something refers to them ('+mj-lt', asciiTheme="minorHAnsi").
Styles no text uses (a template defines dozens) and East Asian and complex-script fonts are
left out; speaker notes are not printed with the slides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from lxml import etree

from .names import path, w
from .package import PART_KINDS, Package

T = TypeVar("T")
Fonts = tuple[tuple[str, str], ...]  # each w:rFonts as (its w:ascii, its w:asciiTheme), '' for none

_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_WORD_TEXT = {"body", "header", "footer", "footnotes", "endnotes"}
_DECK_TEXT = {"slide", "layout", "master"}
_W_FONTS, _A_LATIN = path(".//w:rFonts"), path(".//a:latin/@typeface")
_STYLES_USED = path(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val")
_THEME_FONT = path("a:themeElements/a:fontScheme/*[self::a:majorFont or self::a:minorFont]/a:latin")
_THEME_REFERENCES = {"+mj-lt": "major", "+mn-lt": "minor"}

def printed_fonts(package: Package) -> set[str]:
    """The family names of the fonts the document's printed text is set in."""
    kinds = {name: PART_KINDS.get(package.content_type(name), "") for name in package.graph if package.has(name)}
    owner = "master" if package.family == "presentation" else "body"  # the parts a theme belongs to
    themes = [_read(package, rel.target, _theme_fonts) for name, kind in kinds.items() if kind == owner
              for rel in package.relationships(name)
              if not rel.external and package.has(rel.target) and package.content_type(rel.target) == _THEME]

    def themed(which: str) -> set[str]:  # 'major' (headings, titles) or 'minor' (body text)
        return {theme.get(which, "") for theme in themes}

    fonts: set[str] = set()
    if package.family == "presentation":
        for name, kind in kinds.items():
            if kind in _DECK_TEXT:
                for face in _read(package, name, _typefaces):
                    fonts |= themed(_THEME_REFERENCES[face]) if face in _THEME_REFERENCES else {face}
    else:
        for named, reference in _word_fonts(package, [name for name, kind in kinds.items() if kind in _WORD_TEXT],
                                            kinds):
            fonts |= themed(reference[:5]) if reference else {named}
    # LibreOffice writes a list of fallbacks ('Open Sans;Arial;sans-serif'): the first is the font
    first = (font.split(";")[0].strip() for font in fonts)
    return {font for font in first if font and not font.startswith("+")}


def _read(package: Package, part: str, reader: Callable[[etree._Element], T]) -> T:
    """``reader`` of a part's tree, noted with the tree when the package shares its trees
    with other documents (a county's documents share their styles and themes: python-docx's
    template styles alone are 350 KB of XML in each)."""
    root = package.xml(part)
    notes = package.shared.notes(root) if package.shared is not None else None
    if notes is None:
        return reader(root)
    key = ("printed fonts", reader.__name__)
    if key not in notes:
        notes[key] = reader(root)
    return cast(T, notes[key])


def _theme_fonts(theme: etree._Element) -> dict[str, str]:
    """{'major': heading font, 'minor': body font} of a theme part."""
    return {etree.QName(latin.getparent()).localname[:5]: latin.get("typeface", "")
            for latin in _elements(_THEME_FONT, theme)}


def _typefaces(root: etree._Element) -> tuple[str, ...]:
    return tuple(_strings(_A_LATIN, root))


def _text_fonts(root: etree._Element) -> tuple[frozenset[str], Fonts]:
    """(the styles a Word text part uses, its w:rFonts)."""
    return frozenset(_strings(_STYLES_USED, root)), _pairs(_elements(_W_FONTS, root))


def _styles(root: etree._Element) -> tuple[dict[str, tuple[str, Fonts]], frozenset[str], Fonts]:
    """(each style's id -> (the style it is based on, its own w:rFonts), the default
    paragraph styles, the document defaults' w:rFonts) of a styles part."""
    by_id = {}
    for style in root.iter(w("style")):
        based = style.find(w("basedOn"))
        own = [fonts for props in style.iterchildren(w("rPr")) for fonts in props.iterchildren(w("rFonts"))]
        by_id[style.get(w("styleId"), "")] = (based.get(w("val"), "") if based is not None else "", _pairs(own))
    defaults = frozenset(style.get(w("styleId"), "") for style in root.iter(w("style"))
                         if style.get(w("default")) in ("1", "true", "on") and style.get(w("type")) == "paragraph")
    document = _pairs([fonts for defaults_element in root.iter(w("docDefaults"))
                       for fonts in _elements(_W_FONTS, defaults_element)])
    return by_id, defaults, document


def _word_fonts(package: Package, text_parts: list[str], kinds: dict[str, str]) -> Fonts:
    """The w:rFonts that set the text's fonts: in the text, in the styles it uses and those
    they are based on, in the default paragraph style and the document defaults."""
    used: set[str] = set()
    found: list[tuple[str, str]] = []
    for part in text_parts:
        styles_used, fonts = _read(package, part, _text_fonts)
        used |= styles_used
        found += fonts
    styles = next((name for name in kinds if package.content_type(name) == _STYLES), None)
    if styles is None:
        return tuple(found)
    by_id, defaults, document = _read(package, styles, _styles)
    found += document
    seen: set[str] = set()
    pending = [*used, *defaults]
    while pending:
        style_id = pending.pop()
        if style_id in seen or style_id not in by_id:
            continue
        seen.add(style_id)
        based, own = by_id[style_id]
        found += own
        if based:
            pending.append(based)
    return tuple(found)


def _pairs(elements: list[etree._Element]) -> Fonts:
    return tuple((element.get(w("ascii"), ""), element.get(w("asciiTheme"), "")) for element in elements)


def _elements(expression: etree.XPath, root: etree._Element) -> list[etree._Element]:
    return cast(list[etree._Element], expression(root))


def _strings(expression: etree.XPath, root: etree._Element) -> list[str]:
    return cast(list[str], expression(root))
