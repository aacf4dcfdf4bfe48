"""Section 508 / WCAG 2.1 AA, as far as a file can show it: pictures with alt text, a
title on every slide, the document's language set, and text readable on its background.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from lxml import etree

from ..formats.colors import MIN_CONTRAST, WHITE, contrast
from ..ooxml.names import a, p, path, w
from .document import Document, first, read_number, selected, shown
from .issues import Issue

UNKNOWN = "unknown"  # a fill the theme draws: not checked
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_WPS_SHAPE, _WPS_PROPERTIES = f"{{{_WPS}}}wsp", f"{{{_WPS}}}spPr"
_FILE_NAME = re.compile(r"\S+\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|pict?|pct|webp|heic|ico|eps|wdp)",
                        re.IGNORECASE)  # what Office fills in
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
_SLIDE_NAMES, _SLIDE_PICTURE = p("cNvPr"), p("pic")


def check_alt_text(document: Document) -> Iterator[Issue]:
    """Every picture carries a description a screen reader reads aloud (or is marked decorative)."""
    for part, root in document.roots.items():
        if document.kinds.get(part) in ("notes", "layout", "master"):
            continue
        for owner in document.remembered(root, "pictures", partial(_pictures, root)):
            description = (owner.get("descr") or "").strip()
            if (description and not _FILE_NAME.fullmatch(description)) or _decorative(owner):
                continue
            yield Issue(document.name, document.place_of(part, owner) if document.family == "word"
                        else document.labels.get(part, part) + f", picture '{owner.get('name', '')}'",
                        "accessibility/alt-text", "a picture has no alt text" if not description else
                        f"a picture's alt text is only its file name ('{description}')",
                        "add a description of the picture (Alt Text), or mark it decorative")


def _pictures(root: etree._Element) -> list[etree._Element]:
    """The element naming and describing each picture of a part (remembered for a shared
    tree: a county's own slides come back in each of its decks)."""
    return [owner for owner in root.iter("{*}docPr", _SLIDE_NAMES)
            if (holder := owner.getparent()) is not None and _is_picture(owner, holder) and shown(owner)]


def _is_picture(owner: etree._Element, holder: etree._Element) -> bool:
    """A slide's p:pic (its cNvPr sits in nvPicPr), or a Word drawing holding a picture;
    not a chart, a shape or a text box."""
    if owner.tag == _SLIDE_NAMES:
        shape = holder.getparent()
        return shape is not None and shape.tag == _SLIDE_PICTURE
    return next(holder.iter("{*}pic"), None) is not None


def _decorative(owner: etree._Element) -> bool:
    return any(element.get("val") in ("1", "true") for element in owner.iter(_DECORATIVE))


def check_slide_titles(document: Document) -> Iterator[Issue]:
    """Every slide has a title placeholder with text: screen readers navigate by them."""
    if document.family != "presentation":
        return
    for number, slide in document.slides():
        if not document.remembered(slide, "titled", partial(_titled, slide)):
            yield Issue(document.name, f"slide {number}", "accessibility/slide-title", "the slide has no title",
                        "give it a title (a hidden one off the slide will do for a picture slide)")


def _titled(slide: etree._Element) -> bool:
    """Whether a slide has a title placeholder with text (remembered for a shared tree: a
    county's own slides come back in each of its decks)."""
    return any(ph.get("type") in ("title", "ctrTitle") and _shape_text(ph) for ph in slide.iter(p("ph")))


def _shape_text(ph: etree._Element) -> str:
    shape = next(ph.iterancestors(p("sp")), None)
    return "".join(t.text or "" for t in shape.iter(a("t"))).strip() if shape is not None else ""


def check_language(document: Document) -> Iterator[Issue]:
    """The document says which language it is in, so a screen reader pronounces it right."""
    if document.family == "word":
        styles = document.extra.get("word/styles.xml")  # most documents share python-docx's
        if styles is None or not document.remembered(styles, "language", partial(_default_language, styles)):
            yield Issue(document.name, "styles", "accessibility/language", "the document's language is not set",
                        "set the language of the default style (Review > Language), e.g. English (United States)")
        return
    presentation = document.extra.get(document.main_part)
    found = presentation is not None and any(
        element.get("lang") for element in presentation.iter(a("defRPr")))
    if not found:
        yield Issue(document.name, "presentation", "accessibility/language", "the presentation's language is not set",
                    "set the language of the presentation's default text, e.g. English (United States)")


def _default_language(styles: etree._Element) -> bool:
    language = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    return language is not None and bool(language.get(w("val")))


def check_contrast(document: Document) -> Iterator[Issue]:
    """Text with an explicit colour on a fill (or on the white page) reaches 4.5:1."""
    for part, root in document.roots.items():
        if document.kinds.get(part) in ("notes", "layout", "master"):
            continue
        backdrop = _slide_backdrop(document, root, document.behind.get(part, [])) \
            if document.family == "presentation" else WHITE
        clash = document.remembered(root, ("contrast", backdrop), partial(_first_clash, root, document.family, backdrop))
        if clash is not None:
            element, message = clash
            yield Issue(document.name, document.place_of(part, element), "accessibility/contrast", message,
                        "use black or white text on that colour, or a darker colour for text")


def _slide_backdrop(document: Document, slide: etree._Element, behind: list[etree._Element]) -> str:
    """A slide's background; its layout's, worked out once for the layout (remembered with
    its tree: the module's layouts come back in every county's deck)."""
    if not behind or first(_BACKGROUND, slide) is not None:
        return _backdrop([slide, *behind])
    return document.remembered(behind[0], "backdrop", partial(_backdrop, behind))


def _backdrop(layers: list[etree._Element]) -> str:
    """What a slide is drawn on ('#RRGGBB'): the background of the slide, else of its layout,
    else of its master, a colour of its own or of the master's theme (``layers``: the slide,
    layout, master and theme roots); UNKNOWN for a picture, a gradient, a pattern or a colour
    changed by a tint; white when none sets one."""
    theme = next((layer for layer in layers if layer.tag == _THEME), None)
    master = next((layer for layer in layers if first(_COLOR_MAP, layer) is not None), None)
    for layer in layers:
        background = first(_BACKGROUND, layer)
        if background is None:
            continue
        fill = first(_OWN_BACKGROUND, background)  # the background's own fill (p:bgPr)
        if fill is not None and fill.tag == a("solidFill"):
            return _theme_color(fill[0] if len(fill) else None, master, theme)
        if fill is not None:
            return WHITE if fill.tag == a("noFill") else UNKNOWN
        reference = background.find(p("bgRef"))
        index = int(read_number(reference.get("idx") if reference is not None else None, 0))
        if reference is None or index < 1001:
            return WHITE if reference is not None and index in (0, 1000) else UNKNOWN
        styles = first(_BACKGROUND_STYLES, theme) if theme is not None else None
        style = styles[index - 1001] if styles is not None and len(styles) > index - 1001 else None
        if style is None or style.tag != a("solidFill") or not len(style):
            return UNKNOWN
        color = style[0] if style[0].get("val") != "phClr" else (reference[0] if len(reference) else None)
        return _theme_color(color, master, theme)
    return WHITE


def _theme_color(color: etree._Element | None, master: etree._Element | None, theme: etree._Element | None) -> str:
    """A DrawingML colour as '#RRGGBB': its own, or the theme's through the master's colour
    map (bg1 -> lt1); UNKNOWN when a tint or shade changes it, or the theme does not say."""
    if color is None or len(color):
        return UNKNOWN
    if color.tag == a("srgbClr"):
        return f"#{color.get('val')}"
    if color.tag == a("sysClr"):
        return f"#{color.get('lastClr')}" if color.get("lastClr") else UNKNOWN
    if color.tag != a("schemeClr") or theme is None:
        return UNKNOWN
    name = color.get("val", "")
    mapping = first(_COLOR_MAP, master) if master is not None else None
    name = mapping.get(name, name) if mapping is not None else name
    scheme = first(_SCHEME, theme)
    entry = scheme.find(a(name)) if scheme is not None and name.isalnum() else None
    return _theme_color(entry[0], None, None) if entry is not None and len(entry) else UNKNOWN


_BACKGROUND, _OWN_BACKGROUND = path("p:cSld/p:bg"), path("p:bgPr/*[1]")
_COLOR_MAP, _THEME = path("p:clrMap"), a("theme")
_BACKGROUND_STYLES, _SCHEME = path("a:themeElements/a:fmtScheme/a:bgFillStyleLst"), path("a:themeElements/a:clrScheme")


def _first_clash(root: etree._Element, family: str, backdrop: str) -> tuple[etree._Element, str] | None:
    """The first run in a part whose colour does not reach 4.5:1 on its background
    (``backdrop``: what shows through a shape or a page with no fill of its own)."""
    for color, background, element in _coloured_text(root, family, backdrop):
        if background == UNKNOWN or not (_HEX_COLOR.fullmatch(color) and _HEX_COLOR.fullmatch(background)):
            continue  # a theme's colour, or one no application could draw ('#red')
        ratio = contrast(color, background)
        if ratio < MIN_CONTRAST:
            return element, (f"text in #{color.lstrip('#')} on #{background.lstrip('#')} has a contrast of "
                             f"{ratio:.2f}:1, under {MIN_CONTRAST}:1")
    return None


_HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def _coloured_text(root: etree._Element, family: str, backdrop: str) -> Iterator[tuple[str, str, etree._Element]]:
    """(text colour, background, run) of every run with a colour of its own. Word's automatic
    colour turns white on a dark fill by itself, and theme colours come in the theme's
    pairs, so only explicit colours can clash."""
    if family == "word":
        for color in root.iter(w("color")):
            value = color.get(w("val"))
            properties = color.getparent()
            run = properties.getparent() if properties is not None else None
            if value in (None, "auto") or run is None or run.tag != w("r") or not shown(run):
                continue
            if "".join(t.text or "" for t in run.iter(w("t"))).strip():
                yield f"#{value}", _word_fill(run) or backdrop, run
        return
    for color in selected(_RUN_COLORS, root):
        fill = color.getparent()
        properties = fill.getparent() if fill is not None else None
        run = properties.getparent() if properties is not None else None
        if run is not None and (run.findtext(a("t")) or "").strip() and shown(run):
            yield f"#{color.get('val')}", _drawing_fill(run) or backdrop, run


# A run's own colour in DrawingML, found by libxml2 (most of a slide's colours are fills).
_RUN_COLORS = path(".//a:rPr/a:solidFill/a:srgbClr")
# A fill's own colour, a table cell's, and a Word paragraph's or cell's shading.
_OWN_COLOR, _CELL_COLOR = path("a:solidFill/a:srgbClr"), path("a:tcPr/a:solidFill/a:srgbClr")
_CELL_SHADING, _PARAGRAPH_SHADING, _W_TC = path("w:tcPr/w:shd"), path("w:pPr/w:shd"), w("tc")
_TABLE_STYLE = path("ancestor::a:tbl[1]/a:tblPr/a:tableStyleId")


def _shape_fill(properties: etree._Element | None, shape: etree._Element) -> str | None:
    """A shape's fill colour: '#RRGGBB', None when it has none (what is behind it shows),
    UNKNOWN when it is drawn from the theme (a style's fill, a theme colour, a gradient or a
    picture)."""
    if properties is not None:
        color = first(_OWN_COLOR, properties)
        if color is not None:
            return f"#{color.get('val')}"
        if properties.find(a("noFill")) is not None:
            return None
        if any(properties.find(a(kind)) is not None for kind in ("solidFill", "gradFill", "blipFill", "pattFill")):
            return UNKNOWN
    reference = next(shape.iter(a("fillRef")), None)
    return UNKNOWN if reference is not None and reference.get("idx", "0") != "0" else None


def _word_fill(run: etree._Element) -> str | None:
    """The fill behind a Word run: its paragraph's or cell's shading, or its text box's fill."""
    for ancestor in run.iterancestors(w("tc"), w("p"), _WPS_SHAPE):
        if ancestor.tag == _WPS_SHAPE:
            return _shape_fill(ancestor.find(_WPS_PROPERTIES), ancestor)
        shading = first(_CELL_SHADING if ancestor.tag == _W_TC else _PARAGRAPH_SHADING, ancestor)
        fill = shading.get(w("fill")) if shading is not None else None
        if fill and fill != "auto":
            return f"#{fill}"
    return None


def _drawing_fill(run: etree._Element) -> str | None:
    for ancestor in run.iterancestors(a("tc"), p("sp")):
        if ancestor.tag == a("tc"):
            color = first(_CELL_COLOR, ancestor)
            if color is not None:
                return f"#{color.get('val')}"
            if first(_TABLE_STYLE, ancestor) is not None:
                return UNKNOWN  # a table cell without its own fill, in a table style's colours
            continue  # a table cell without its own fill, of a table without a style: the slide shows
        return _shape_fill(ancestor.find(p("spPr")), ancestor)
    return None
