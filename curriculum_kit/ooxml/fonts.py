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

from typing import cast

from lxml import etree

from .names import path, w
from .package import PART_KINDS, Package

_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_WORD_TEXT = {"body", "header", "footer", "footnotes", "endnotes"}
_DECK_TEXT = {"slide", "layout", "master"}
_W_FONTS, _A_LATIN = path(".//w:rFonts"), path(".//a:latin/@typeface")
_STYLES_USED = path(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val")
_THEME_FONT = path("a:themeElements/a:fontScheme/*[self::a:majorFont or self::a:minorFont]/a:latin")


def printed_fonts(package: Package) -> set[str]:
    """The family names of the fonts the document's printed text is set in."""
    kinds = {name: PART_KINDS.get(package.content_type(name), "") for name in package.graph if package.has(name)}
    owner = "master" if package.family == "presentation" else "body"  # the parts a theme belongs to
    themes = [_theme_fonts(package.xml(rel.target)) for name, kind in kinds.items() if kind == owner
              for rel in package.relationships(name)
              if not rel.external and package.has(rel.target) and package.content_type(rel.target) == _THEME]

    def themed(which: str) -> set[str]:  # 'major' (headings, titles) or 'minor' (body text)
        return {theme.get(which, "") for theme in themes}

    fonts: set[str] = set()
    if package.family == "presentation":
        for name, kind in kinds.items():
            if kind in _DECK_TEXT:
                for face in _strings(_A_LATIN, package.xml(name)):
                    fonts |= themed(_THEME_REFERENCES[face]) if face in _THEME_REFERENCES else {face}
    else:
        for element in _word_fonts(package, [name for name, kind in kinds.items() if kind in _WORD_TEXT], kinds):
            named, reference = element.get(w("ascii")), element.get(w("asciiTheme"))
            fonts |= themed(reference[:5]) if reference else {named or ""}
    # LibreOffice writes a list of fallbacks ('Open Sans;Arial;sans-serif'): the first is the font
    first = (font.split(";")[0].strip() for font in fonts)
    return {font for font in first if font and not font.startswith("+")}


_THEME_REFERENCES = {"+mj-lt": "major", "+mn-lt": "minor"}


def _theme_fonts(theme: etree._Element) -> dict[str, str]:
    """{'major': heading font, 'minor': body font} of a theme part."""
    return {etree.QName(latin.getparent()).localname[:5]: latin.get("typeface", "")
            for latin in _elements(_THEME_FONT, theme)}


def _word_fonts(package: Package, text_parts: list[str], kinds: dict[str, str]) -> list[etree._Element]:
    """The w:rFonts that set the text's fonts: in the text, in the styles it uses and those
    they are based on, in the default paragraph style and the document defaults."""
    roots = [package.xml(name) for name in text_parts]
    used = {style for root in roots for style in _strings(_STYLES_USED, root)}
    found = [fonts for root in roots for fonts in _elements(_W_FONTS, root)]
    styles = next((package.xml(name) for name in kinds if package.content_type(name) == _STYLES), None)
    if styles is None:
        return found
    by_id = {style.get(w("styleId"), ""): style for style in styles.iter(w("style"))}
    used |= {style_id for style_id, style in by_id.items()
             if style.get(w("default")) in ("1", "true", "on") and style.get(w("type")) == "paragraph"}
    found += [fonts for defaults in styles.iter(w("docDefaults")) for fonts in _elements(_W_FONTS, defaults)]
    seen: set[str] = set()
    pending = list(used)
    while pending:
        style_id = pending.pop()
        style = by_id.get(style_id)
        if style is None or style_id in seen:
            continue
        seen.add(style_id)
        found += [fonts for props in style.iterchildren(w("rPr")) for fonts in props.iterchildren(w("rFonts"))]
        based = style.find(w("basedOn"))
        if based is not None:
            pending.append(based.get(w("val"), ""))
    return found


def _elements(path: etree.XPath, root: etree._Element) -> list[etree._Element]:
    return cast(list[etree._Element], path(root))


def _strings(path: etree.XPath, root: etree._Element) -> list[str]:
    return cast(list[str], path(root))
