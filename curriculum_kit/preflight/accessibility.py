"""Section 508 / WCAG 2.1 AA, as far as a file can show it: pictures with alt text, a
title on every slide, the document's language set, and text readable on its background.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import NamedTuple, cast

from lxml import etree

from ..formats.colors import MIN_CONTRAST, WHITE, contrast
from ..ooxml.names import a, p, path, w
from ..wording import count_text
from .document import Document, first, read_number, selected, shown
from .issues import Issue
from .text import empty_title

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
        if number == 1 and empty_title(slide):
            continue  # the cover check says so: 'the title slide's title is empty'
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
    found = presentation is not None and any(element.get("lang") for element in presentation.iter(a("defRPr")))
    if not found and not _every_run_says_its_language(document):
        yield Issue(document.name, "presentation", "accessibility/language", "the presentation's language is not set",
                    "set the language of the presentation's default text, e.g. English (United States)")


# A language for the whole of a Word document: its defaults', else its default paragraph
# style's (Normal) — a template may set it there only; any of the Latin, East Asian and
# right-to-left languages a w:lang names.
_WORD_LANGUAGES = path("w:docDefaults/w:rPrDefault/w:rPr/w:lang"
                       " | w:style[@w:type='paragraph'][@w:default='1' or @w:default='true']/w:rPr/w:lang")
_LANGUAGE_ATTRIBUTES = (w("val"), w("eastAsia"), w("bidi"))
# A run of a slide's text that says no language of its own.
_RUN_WITHOUT_LANGUAGE = path(".//a:r[not(a:rPr/@lang)]")


def _default_language(styles: etree._Element) -> bool:
    return any(language.get(name) for language in selected(_WORD_LANGUAGES, styles) for name in _LANGUAGE_ATTRIBUTES)


def _every_run_says_its_language(document: Document) -> bool:
    """Whether a deck without a default language gives one on every run of its slides, as
    LibreOffice writes a deck (no default text style in presentation.xml)."""
    slides = [root for part, root in document.roots.items() if document.kinds[part] == "slide"]
    return any(root.iter(a("r")) for root in slides) and not any(selected(_RUN_WITHOUT_LANGUAGE, root) for root in slides)


def check_contrast(document: Document) -> Iterator[Issue]:
    """Text with an explicit colour on a fill (or on the white page) reaches 4.5:1."""
    styles = document.extra.get("word/styles.xml")
    shaded = document.remembered(styles, "shaded table styles", partial(_shaded_table_styles, styles)) \
        if styles is not None else frozenset()
    for part, root in document.roots.items():
        if document.kinds.get(part) in ("notes", "layout", "master"):
            continue
        behind = document.behind.get(part, [])
        backdrop = _slide_backdrop(document, root, behind) if document.family == "presentation" else WHITE
        fills = _Fills(backdrop, shaded, behind[:2])
        # noted with what it was measured against: decks share a slide's or a layout's very
        # tree (the same bytes) under other layouts and masters
        clashes = document.remembered(root, ("contrast", backdrop, shaded, *fills.placeholders),
                                      partial(_clashes, root, document.family, fills))
        for element, message, others in clashes:
            also = f" (and {count_text(others, 'more paragraph')} in {document.labels.get(part, part)})" if others else ""
            yield Issue(document.name, document.place_of(part, element), "accessibility/contrast", message + also,
                        "use black or white text on that colour, or a darker colour for text")


def _slide_backdrop(document: Document, slide: etree._Element, behind: list[etree._Element]) -> str:
    """A slide's background; its layout's, worked out once for the layout and its master
    (remembered with the layout's tree: the module's layouts come back in every county's
    deck, and another deck may hold the same layout under another master)."""
    if not behind or first(_BACKGROUND, slide) is not None:
        return _backdrop([slide, *behind])
    return document.remembered(behind[0], ("backdrop", *behind[1:]), partial(_backdrop, behind))


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


class _Fills(NamedTuple):
    """What a part's runs may be drawn on besides their own shapes' and cells' fills."""

    backdrop: str  # what shows through a shape or a page with no fill of its own
    shaded_styles: frozenset[str]  # Word table styles that shade cells
    placeholders: list[etree._Element]  # a slide's layout and master, whose placeholders it fills


def _clashes(root: etree._Element, family: str, fills: _Fills) -> list[tuple[etree._Element, str, int]]:
    """Each colour on a background in a part that does not reach WCAG 2.1 AA's contrast
    (4.5:1, or 3:1 for large text): its first run, what it measures, and how many other
    paragraphs hold it (a part's first clash alone was reported, and a trainer who fixed it
    signed off the rest; one line a paragraph would list a style's red thirty times)."""
    found: dict[tuple[str, str, float], tuple[etree._Element, str, set[etree._Element]]] = {}
    for color, background, element in _coloured_text(root, family, fills):
        if background == UNKNOWN or not (_HEX_COLOR.fullmatch(color) and _HEX_COLOR.fullmatch(background)):
            continue  # a theme's colour, or one no application could draw ('#red')
        ratio = contrast(color, background)
        if ratio >= MIN_CONTRAST:
            continue
        least = LARGE_TEXT_CONTRAST if _large(element) else MIN_CONTRAST  # asked of a clash only
        if ratio < least:
            message = (f"text in #{color.lstrip('#')} on #{background.lstrip('#')} has a contrast of {ratio:.2f}:1, "
                       f"under {least}:1" + (" for large text" if least != MIN_CONTRAST else ""))
            paragraphs = found.setdefault((color.upper(), background.upper(), least), (element, message, set()))[2]
            paragraphs.add(next(element.iterancestors(w("p"), a("p")), element))
    return [(element, message, len(paragraphs) - 1) for element, message, paragraphs in found.values()]


LARGE_TEXT_CONTRAST = 3.0  # WCAG 2.1 1.4.3: text of 18 pt, or 14 pt bold, and larger
_TITLES = ("title", "ctrTitle")


def _large(run: etree._Element) -> bool:
    """Whether a run is large text as WCAG counts it (18 pt, or 14 pt bold), by the size it
    says (Word's half-points, DrawingML's hundredths of a point); a run in a slide's title
    placeholder without a size of its own takes the title style's (44 pt in PowerPoint's own
    masters). Any other size is the inherited one no part of the run says: taken as small."""
    if run.tag == w("r"):
        size = first(_W_SIZE, run)
        points = read_number(size.get(w("val")) if size is not None else None, 0) / 2
        bold = first(_W_BOLD, run)
        is_bold = bold is not None and bold.get(w("val"), "true") not in ("0", "false", "off")
    else:
        properties = run.find(a("rPr"))
        points = read_number(properties.get("sz") if properties is not None else None, 0) / 100
        is_bold = properties is not None and properties.get("b") in ("1", "true")
        if not points:
            placeholder = first(_RUN_PLACEHOLDER, run)
            return placeholder is not None and placeholder.get("type") in _TITLES
    return points >= 18 or (is_bold and points >= 14)


_HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def _coloured_text(root: etree._Element, family: str, fills: _Fills) -> Iterator[tuple[str, str, etree._Element]]:
    """(text colour, background, run) of every run with a colour of its own. Word's automatic
    colour turns white on a dark fill by itself, and theme colours come in the theme's
    pairs, so only explicit colours can clash."""
    if family == "word":
        for color in root.iter(w("color")):
            value = color.get(w("val"))
            properties = color.getparent()
            run = properties.getparent() if properties is not None else None
            if value in (None, "auto") or properties is None or run is None or run.tag != w("r") or not shown(run):
                continue
            if "".join(t.text or "" for t in run.iter(w("t"))).strip():
                yield f"#{value}", _word_fill(run, properties, fills.shaded_styles) or fills.backdrop, run
        return
    for color in selected(_RUN_COLORS, root):
        fill = color.getparent()
        properties = fill.getparent() if fill is not None else None
        run = properties.getparent() if properties is not None else None
        if run is not None and properties is not None and (run.findtext(a("t")) or "").strip() and shown(run):
            yield f"#{color.get('val')}", _drawing_fill(run, properties, fills.placeholders) or fills.backdrop, run


# A run's own colour in DrawingML, found by libxml2 (most of a slide's colours are fills). A
# theme's colour picked for a run ('White, Background 1') is left out: templates set it on
# their masters' drawn bands, which a slide's backdrop does not see (white on a master's red
# band read as white on white in a real deck).
_RUN_COLORS = path(".//a:rPr/a:solidFill/a:srgbClr")
# A fill's own colour, a table cell's, and a Word paragraph's or cell's shading.
_OWN_COLOR, _CELL_COLOR = path("a:solidFill/a:srgbClr"), path("a:tcPr/a:solidFill/a:srgbClr")
_CELL_SHADING, _PARAGRAPH_SHADING, _W_TC = path("w:tcPr/w:shd"), path("w:pPr/w:shd"), w("tc")
_TABLE_STYLE = path("ancestor::a:tbl[1]/a:tblPr/a:tableStyleId")
_W_TABLE_STYLE = path("ancestor::w:tbl[1]/w:tblPr/w:tblStyle/@w:val")
_HIGHLIGHT = path("a:highlight/a:srgbClr")
_W_SIZE, _W_BOLD = path("w:rPr/w:sz"), path("w:rPr/w:b")
_RUN_PLACEHOLDER = path("ancestor::p:sp[1]/p:nvSpPr/p:nvPr/p:ph")
_GROUP_FILL = path("ancestor::p:grpSp[1]/p:grpSpPr")
_PLACEHOLDER = path("p:nvSpPr/p:nvPr/p:ph")
_PLACEHOLDERS = path("p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph]")
_TEXT_BOX_CONTENT, _WPS_TEXT_BOX = w("txbxContent"), f"{{{_WPS}}}txbx"
# Word's highlight colours by name (w:highlight).
_HIGHLIGHTS = {"black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00", "magenta": "FF00FF",
               "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF", "darkBlue": "000080", "darkCyan": "008080",
               "darkGreen": "008000", "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
               "darkGray": "808080", "lightGray": "C0C0C0"}


def _shape_fill(properties: etree._Element | None, shape: etree._Element) -> str | None:
    """A shape's fill colour: '#RRGGBB', None when it has none (what is behind it shows),
    UNKNOWN when it is drawn from the theme (a style's fill, a theme colour, a gradient or a
    picture); a shape filled as its group is takes the group's."""
    if properties is not None:
        color = first(_OWN_COLOR, properties)
        if color is not None:
            return f"#{color.get('val')}"
        if properties.find(a("noFill")) is not None:
            return None
        if properties.find(a("grpFill")) is not None:
            group = first(_GROUP_FILL, shape)
            return _shape_fill(group, group) if group is not None else None
        if any(properties.find(a(kind)) is not None for kind in ("solidFill", "gradFill", "blipFill", "pattFill")):
            return UNKNOWN
    reference = next(shape.iter(a("fillRef")), None)
    return UNKNOWN if reference is not None and reference.get("idx", "0") != "0" else None


def _word_fill(run: etree._Element, properties: etree._Element, shaded_styles: frozenset[str]) -> str | None:
    """The fill behind a Word run: its highlight or shading, its paragraph's or cell's shading
    (UNKNOWN in a table whose style shades cells), or its text box's fill (UNKNOWN for a VML
    box's: its fill is not read here)."""
    highlight = properties.find(w("highlight"))
    if highlight is not None and highlight.get(w("val"), "none") != "none":
        return f"#{_HIGHLIGHTS[highlight.get(w('val'), '')]}" if highlight.get(w("val")) in _HIGHLIGHTS else UNKNOWN
    shading = _shading(properties.find(w("shd")))
    if shading is not None:
        return shading
    for ancestor in run.iterancestors(w("tc"), w("p"), _WPS_SHAPE, _TEXT_BOX_CONTENT):
        if ancestor.tag == _TEXT_BOX_CONTENT:
            box = ancestor.getparent()
            if box is None or box.tag != _WPS_TEXT_BOX:
                return UNKNOWN
            continue
        if ancestor.tag == _WPS_SHAPE:
            return _shape_fill(ancestor.find(_WPS_PROPERTIES), ancestor)
        shading = _shading(first(_CELL_SHADING if ancestor.tag == _W_TC else _PARAGRAPH_SHADING, ancestor))
        if shading is not None:
            return shading
        if ancestor.tag == _W_TC and set(cast(list[str], _W_TABLE_STYLE(ancestor))) & shaded_styles:
            return UNKNOWN
    return None


def _shading(shading: etree._Element | None) -> str | None:
    """The colour a w:shd paints: its fill for a clear pattern, its pattern colour for a solid
    one (automatic: black), UNKNOWN for a pattern that mixes the two; None for none."""
    if shading is None:
        return None
    pattern, fill = shading.get(w("val"), "clear"), shading.get(w("fill"))
    if pattern == "solid":
        color = shading.get(w("color"), "auto")
        return "#000000" if color == "auto" else f"#{color}"
    if pattern in ("clear", "nil"):
        return f"#{fill}" if fill and fill != "auto" else None
    return UNKNOWN


def _shaded_table_styles(styles: etree._Element) -> frozenset[str]:
    """Word table styles that shade cells (a header row in a colour, banded rows)."""
    return frozenset(style.get(w("styleId"), "") for style in styles.iter(w("style"))
                     if style.get(w("type")) == "table" and any(_shading(shd) for shd in style.iter(w("shd"))))


def _drawing_fill(run: etree._Element, properties: etree._Element, placeholders: list[etree._Element]) -> str | None:
    """The fill behind a DrawingML run: its highlight, its table cell's fill, or its shape's
    (a placeholder's from the layout's or master's placeholder it fills, when it has none)."""
    highlight = first(_HIGHLIGHT, properties)
    if highlight is not None:
        return f"#{highlight.get('val')}"
    for ancestor in run.iterancestors(a("tc"), p("sp")):
        if ancestor.tag == a("tc"):
            color = first(_CELL_COLOR, ancestor)
            if color is not None:
                return f"#{color.get('val')}"
            if first(_TABLE_STYLE, ancestor) is not None:
                return UNKNOWN  # a table cell without its own fill, in a table style's colours
            continue  # a table cell without its own fill, of a table without a style: the slide shows
        fill = _shape_fill(ancestor.find(p("spPr")), ancestor)
        placeholder = first(_PLACEHOLDER, ancestor)
        if fill is None and placeholder is not None:
            return _inherited_fill(placeholder, placeholders)
        return fill
    return None


def _inherited_fill(placeholder: etree._Element, layers: list[etree._Element]) -> str | None:
    """The fill a slide's placeholder without one of its own takes from the layout's
    placeholder it fills (matched by index, else by type), else from the master's."""
    kind, index = _placeholder_kind(placeholder), placeholder.get("idx")
    for layer in layers:
        shapes = [(shape, cast(etree._Element, first(_PLACEHOLDER, shape))) for shape in selected(_PLACEHOLDERS, layer)]
        match = next((shape for shape, other in shapes if index is not None and other.get("idx") == index), None)
        if match is None:
            match = next((shape for shape, other in shapes if _placeholder_kind(other) == kind), None)
        fill = _shape_fill(match.find(p("spPr")), match) if match is not None else None
        if fill is not None:
            return fill
    return None


def _placeholder_kind(placeholder: etree._Element) -> str:
    """A placeholder's type as a master groups them: a centred title is a title, a subtitle
    and an object placeholder (no type) hold body text."""
    kind = placeholder.get("type", "obj")
    return {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(kind, kind)
