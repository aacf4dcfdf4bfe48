"""What does not fit: text past its box or slide, pictures past the printable area, words
broken inside a table column, a header row left alone at the foot of a page, tiny slide text.

Widths are estimated per character at least as wide as Arial (Liberation Sans), wider
than the Calibri the documents use, so what is reported would not fit as drawn; the
generators fit text with a wider measure still (generate.textfit), so what the tool laid
out passes its own preflight.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache, partial
from typing import cast

from lxml import etree

from ..generate.orgchart_layout import text_width as _points
from ..generate.textfit import unbreakable_pieces
from ..ooxml.names import MADE_SLIDE_NAME, R_NS, a, p, path, w
from .document import EMU_PER_INCH, EMU_PER_TWIP, Document, first, read_number, selected, shown, text_of
from .issues import Issue

SLIDE_MIN_PT = 10  # smaller text cannot be read from the back of a training room
_DEFAULT_SLIDE_PT = 18.0
_DEFAULT_WORD_PT = 11.0
_TWIPS_PER_INCH = 1440
_INSET_LR, _INSET_TB = 91440, 45720  # DrawingML's default text insets
_CELL_MARGIN_TWIPS = 108  # Word's default left and right cell margin (0.075 in)
_TABLE_CELL_INSET = 91440  # a slide table cell's default left and right margin


EMU_PER_PT = 12700
LINE_SPACING = 1.2
_WIDEST_EM = 1.05  # no character is wider than this in the measure (W, M, @)


@lru_cache(maxsize=65536)
def text_width(text: str, font_pt: float) -> int:
    """Width of one line in EMU, never less than Arial draws it (words recur: remembered)."""
    return int(_points(text, font_pt) * EMU_PER_PT)


@lru_cache(maxsize=1 << 16)
def line_count(text: str, width: int, font_pt: float) -> int:
    """Lines ``text`` takes wrapped at spaces, and after a word's hyphens and slashes, into
    ``width`` EMU; a piece wider than a line breaks over as many lines as it needs (as
    PowerPoint breaks it: 'Zoë Gutiérrez-' 'Echeverría' is two lines, not the three a
    hyphenated name was counted, a false finding on the tool's own org chart boxes).
    Remembered: every county's decks and pages repeat most of the module's paragraphs in
    the same boxes."""
    space = text_width(" ", font_pt)
    lines, used = 0, 0
    for piece, gap in ((piece, space if index == 0 else 0) for word in text.split()
                       for index, piece in enumerate(unbreakable_pieces(word))):
        size = text_width(piece, font_pt)
        if used and used + gap + size <= width:
            used += gap + size
            continue
        lines += 1
        if size > width:
            lines += int(size // max(width, 1))
            used = size % max(width, 1)
        else:
            used = size
    return max(lines, 1)


def _inches(emu: float) -> str:
    return f"{emu / EMU_PER_INCH:.1f} in"


# --- slides ---------------------------------------------------------------------------

def _slide_size(document: Document) -> tuple[int, int]:
    size = next(document.extra[document.main_part].iter(p("sldSz")), None)
    if size is None:
        return 12192000, 6858000
    return _emu(size, "cx", 12192000), _emu(size, "cy", 6858000)


def _emu(element: etree._Element, key: str, default: int = 0) -> int:
    """A length attribute in EMU (DrawingML's unit, 914,400 an inch)."""
    return int(read_number(element.get(key), default, EMU_PER_INCH))


def _twips(element: etree._Element, key: str) -> int:
    """A length attribute ('w:w') in twips (Word's unit, 1,440 an inch)."""
    return int(read_number(element.get(key), 0, _TWIPS_PER_INCH))


def _xfrm(shape: etree._Element) -> tuple[int, int, int, int] | None:
    """A shape's box on the slide: (left, top, width, height) in EMU. A shape in a group is
    written in the group's own units, which the group maps onto the slide (its chOff and
    chExt onto its off and ext; old decks use PowerPoint 97's 576 units an inch)."""
    xfrm = next(iter(shape.iter(a("xfrm"), p("xfrm"))), None)
    if xfrm is None:
        return None
    off, ext = xfrm.find(a("off")), xfrm.find(a("ext"))
    if off is None or ext is None:
        return None
    left, top = float(_emu(off, "x")), float(_emu(off, "y"))
    width, height = float(_emu(ext, "cx")), float(_emu(ext, "cy"))
    for group in shape.iterancestors(_GROUP):
        mapping = _group_mapping(group)
        if mapping is None:
            continue  # a group that says nothing of its units keeps its shapes' own
        group_left, group_top, child_left, child_top, across, down = mapping
        left = group_left + (left - child_left) * across
        top = group_top + (top - child_top) * down
        width, height = width * across, height * down
    return int(left), int(top), int(width), int(height)


def _group_mapping(group: etree._Element) -> tuple[int, int, int, int, float, float] | None:
    """(left, top, the same in the group's units, EMU per unit across, and down): how a
    group puts its own units on its parent."""
    xfrm = first(_GROUP_XFRM, group)
    if xfrm is None:
        return None
    off, ext, child_off, child_ext = (xfrm.find(a(tag)) for tag in ("off", "ext", "chOff", "chExt"))
    if off is None or ext is None or child_off is None or child_ext is None:
        return None
    child_width, child_height = _emu(child_ext, "cx"), _emu(child_ext, "cy")
    across = _emu(ext, "cx") / child_width if child_width else 1.0
    down = _emu(ext, "cy") / child_height if child_height else 1.0
    return _emu(off, "x"), _emu(off, "y"), _emu(child_off, "x"), _emu(child_off, "y"), across, down


_GROUP, _GROUP_XFRM = p("grpSp"), path("p:grpSpPr/a:xfrm")
_UNWRAPPED_WIDTH = 1 << 40  # the room a line of a box that does not wrap has: all it needs


_PARAGRAPH, _TEXT, _BREAK, _RUN_PROPERTIES, _END_PROPERTIES = a("p"), a("t"), a("br"), a("rPr"), a("endParaRPr")
_PARAGRAPH_PROPERTIES, _LINE_SPACING, _PERCENT = a("pPr"), a("lnSpc"), a("spcPct")


_Read = tuple[float | None, list[str], float]  # what _read_paragraph reads of a paragraph


def _text_height(body: etree._Element, width: int, scale: float = 1.0) -> int:
    """Estimated height of a text body's paragraphs wrapped into ``width`` EMU."""
    return _height([_read_paragraph(paragraph) for paragraph in body.iter(_PARAGRAPH)], width, scale)


def _height(paragraphs: list[_Read], width: int, scale: float) -> int:
    total = 0
    for largest, lines, factor in paragraphs:
        size = (_DEFAULT_SLIDE_PT if largest is None else largest) * scale
        count = sum(line_count(line, max(width, 1), size) for line in lines)
        total += int(count * size * LINE_SPACING * factor * EMU_PER_PT)
    return total


def _read_paragraph(paragraph: etree._Element) -> _Read:
    """(its largest run size in points, if any run sets one; its lines, split at line
    breaks; its line spacing as a factor) from one walk over a paragraph."""
    largest: float | None = None
    lines: list[str] = []
    current: list[str] = []
    factor: float | None = None
    for node in paragraph.iter(_TEXT, _BREAK, _RUN_PROPERTIES, _END_PROPERTIES, _LINE_SPACING):
        tag = node.tag
        if tag == _TEXT:
            current.append(node.text or "")
        elif tag == _BREAK:
            lines.append("".join(current))
            current = []
        elif tag == _LINE_SPACING:  # the paragraph's own (a:pPr/a:lnSpc/a:spcPct), the first one
            parent, percent = node.getparent(), node.find(_PERCENT)
            if factor is None and percent is not None and parent is not None \
                    and parent.tag == _PARAGRAPH_PROPERTIES and parent.getparent() is paragraph:
                factor = read_number(percent.get("val"), 100000) / 100000
        elif size := node.get("sz"):
            points = read_number(size, _DEFAULT_SLIDE_PT * 100, 7200) / 100
            largest = points if largest is None or points > largest else largest
    lines.append("".join(current))
    return largest, lines, 1.0 if factor is None else factor


def check_slide_layout(document: Document) -> Iterator[Issue]:
    """Text boxes and tables whose text runs past their box or off the slide; text under 10 pt."""
    if document.family != "presentation":
        return
    width, height = _slide_size(document)
    parts = {id(root): name for name, root in document.roots.items()}
    for number, slide in document.slides():
        made = document.generated or _made(slide)
        found = document.remembered(slide, f"layout {width} {height} {made}",
                                    partial(_slide_layout, slide, width, height, made))
        if made:
            behind = document.behind.get(parts[id(slide)], [])
            found = found + _over_pictures_behind(slide, document.remembered(
                behind[0], ("pictures behind", *behind[1:2]), partial(_pictures_behind, behind[:2])) if behind else [])
        for where, check, message, fix in found:
            yield Issue(document.name, f"slide {number}{where}", check, message, fix)


def _pictures_behind(layers: list[etree._Element]) -> list[tuple[str, tuple[int, int, int, int]]]:
    """(name, box) of each picture a slide of this layout shows from the layout and its master
    (a logo in a corner of the template), the master's unless the layout hides them."""
    found = []
    for index, layer in enumerate(layers):
        if index and (layers[0].get("showMasterSp") or "1") in ("0", "false"):
            break
        content = layer.find(_CONTENT)
        for picture in content.iter(p("pic")) if content is not None else ():
            box = _xfrm(picture)
            if box is not None and box[2] > 0 and box[3] > 0:
                found.append((_name(picture) or "picture", box))
    return found


def _over_pictures_behind(slide: etree._Element, pictures: list[tuple[str, tuple[int, int, int, int]]]
                          ) -> list[tuple[str, str, str, str]]:
    """A slide the tool made whose text or table lies over a picture of its layout or master:
    the template's artwork shows through the county's text."""
    if not pictures or (slide.get("showMasterSp") or "1") in ("0", "false"):
        return []
    found = []
    for shape in (*slide.iter(p("sp")), *slide.iter(p("graphicFrame"))):
        box = _xfrm(shape)
        if box is None or not shown(shape) or not text_of(shape).strip():
            continue
        for name, picture in pictures:
            if _overlap(box, picture) > 0.02 * min(box[2] * box[3], picture[2] * picture[3]):
                found.append((f", shape '{_name(shape)}'", "layout/overlap",
                              f"its text lies over the picture '{name}' of the slide's layout or master",
                              "move the picture off the master (or make it smaller), or use a layout without it"))
                break
    return found


def _overlap(one: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> int:
    across = min(one[0] + one[2], other[0] + other[2]) - max(one[0], other[0])
    down = min(one[1] + one[3], other[1] + other[3]) - max(one[1], other[1])
    return across * down if across > 0 and down > 0 else 0


def _made(slide: etree._Element) -> bool:
    """Whether the tool made this slide (it names its slides so): held to fit its text."""
    content = slide.find(_CONTENT)
    return content is not None and content.get("name", "").startswith(MADE_SLIDE_NAME)


_CONTENT = p("cSld")


def _slide_layout(slide: etree._Element, width: int, height: int, generated: bool) -> list[tuple[str, str, str, str]]:
    """(place on the slide, check, message, fix) of each finding on one slide."""
    found = []
    small = _small_text(slide)
    if small:
        found.append(("", "layout/small-text", f"text '{small[0][:40]}' is {small[1]:g} pt",
                      f"use at least {SLIDE_MIN_PT} pt on slides, or move the detail to the notes"))
    if not generated:
        return found
    for shape in slide.iter(p("sp")):
        issue = _shape_overflow(shape, width, height) if shown(shape) else None
        if issue:
            found.append((f", shape '{_name(shape)}'", "layout/overflow", issue,
                          "shorten the text or split it over two slides"))
    for frame in slide.iter(p("graphicFrame")):
        table = next(frame.iter(a("tbl")), None)
        box = _xfrm(frame)
        if table is None or box is None or not shown(frame):
            continue
        bottom = box[1] + _table_height(table)
        if bottom > height:
            found.append((f", table '{_name(frame)}'", "layout/overflow",
                          f"the table runs {_inches(bottom - height)} off the bottom of the slide",
                          "split its rows over two slides"))
    return found


def _name(shape: etree._Element) -> str:
    properties = next(shape.iter(p("cNvPr")), None)
    return properties.get("name", "") if properties is not None else ""


# Runs sized under the minimum, found by libxml2 (a deck has thousands of runs, few small).
_SMALL_RUNS = path(f".//a:r[a:rPr/@sz < {SLIDE_MIN_PT * 100}]")


# Text bodies PowerPoint shrinks to fit their box ('Shrink text on overflow'): it draws each
# run at its size times the font scale.
# (shapes' own text bodies, in groups too: a walk of every run of the slide cost 0.5 ms a county)
_SHRUNK_BODIES = path("p:cSld/p:spTree/p:sp/p:txBody[a:bodyPr/a:normAutofit/@fontScale]"
                      " | p:cSld/p:spTree/p:grpSp//p:sp/p:txBody[a:bodyPr/a:normAutofit/@fontScale]")
_SIZED_RUNS, _FONT_SCALE = path(".//a:r[a:rPr/@sz]"), path("a:bodyPr/a:normAutofit/@fontScale")


def _small_text(slide: etree._Element) -> tuple[str, float] | None:
    for run in selected(_SMALL_RUNS, slide):
        text, properties = run.findtext(a("t")) or "", run.find(a("rPr"))
        if text.strip() and properties is not None and shown(run):
            return text, float(properties.get("sz", "0")) / 100
    for body in selected(_SHRUNK_BODIES, slide):  # 16 pt shrunk to half is drawn at 8 pt
        scale = read_number(str(selected(_FONT_SCALE, body)[0]), 100000) / 100000
        for run in selected(_SIZED_RUNS, body):
            properties = run.find(a("rPr"))
            size = read_number(properties.get("sz") if properties is not None else None, 0) / 100 * scale
            text = run.findtext(a("t")) or ""
            if text.strip() and 0 < size < SLIDE_MIN_PT and shown(run):
                return text, round(size, 1)
    return None


_TEXT_BODY = p("txBody")


def _shape_overflow(shape: etree._Element, slide_width: int, slide_height: int) -> str | None:
    body = shape.find(_TEXT_BODY)
    if body is None:
        return None
    paragraphs = [_read_paragraph(paragraph) for paragraph in body.iter(_PARAGRAPH)]  # read once
    if not any(line.strip() for _, lines, _ in paragraphs for line in lines):
        return None
    box = _xfrm(shape)
    if box is None:
        return None
    left, top, width, height = box
    properties = body.find(a("bodyPr"))

    def inset(key: str, default: int) -> int:
        return _emu(properties, key, default) if properties is not None else default

    inner = width - inset("lIns", _INSET_LR) - inset("rIns", _INSET_LR)
    scale = 1.0
    autofit = properties.find(a("normAutofit")) if properties is not None else None
    if autofit is not None and autofit.get("fontScale"):
        scale = read_number(autofit.get("fontScale"), 100000) / 100000
    start, end = float(left), float(left + width)
    if properties is not None and properties.get("wrap") == "none":  # each line is one line, as long as it runs
        inner = _UNWRAPPED_WIDTH
        margins = inset("lIns", _INSET_LR) + inset("rIns", _INSET_LR)
        start, end = _unwrapped_extent(body, paragraphs, left, width, margins, scale)
    needed = _height(paragraphs, inner, scale) + inset("tIns", _INSET_TB) + inset("bIns", _INSET_TB)
    grows = properties is not None and properties.find(a("spAutoFit")) is not None
    if top + (max(needed, height) if grows else height) > slide_height or start < min(left, 0) or end > slide_width:
        return "the text runs off the slide"
    if not grows and needed > height * 1.05:
        return f"the text needs {_inches(needed)} but its box is {_inches(height)} tall"
    return None


def _unwrapped_extent(body: etree._Element, paragraphs: list[_Read], left: int, width: int, margins: int,
                      scale: float) -> tuple[float, float]:
    """Where the lines of a box that does not wrap reach, left and right: a line longer than
    the box runs past its right side, both sides or its left side as it is aligned left,
    centred or right."""
    start, end = float(left), float(left + width)
    for paragraph, (largest, lines, _) in zip(body.iter(_PARAGRAPH), paragraphs):
        size = (_DEFAULT_SLIDE_PT if largest is None else largest) * scale
        excess = max(text_width(line, size) for line in lines) + margins - width
        if excess <= 0:
            continue
        properties = paragraph.find(_PARAGRAPH_PROPERTIES)
        alignment = properties.get("algn", "l") if properties is not None else "l"
        before = excess / 2 if alignment == "ctr" else excess if alignment == "r" else 0
        start, end = min(start, left - before), max(end, left + width + excess - before)
    return start, end


def _table_height(table: etree._Element) -> int:
    widths = [_emu(column, "w") for column in table.iter(a("gridCol"))]
    total = 0
    for row in table.iter(a("tr")):
        cells = [cell for cell in row if cell.tag == a("tc")]
        needed = max((_text_height(cell, widths[i] - 2 * _TABLE_CELL_INSET if i < len(widths) else 0)
                      + 2 * _INSET_TB for i, cell in enumerate(cells)), default=0)
        total += max(_emu(row, "h"), needed)
    return total


# --- Word pages -----------------------------------------------------------------------

def _printable(document: Document) -> tuple[int, int] | None:
    """(width, height) in EMU inside the margins of the body's first section (worked out
    once for the table and picture checks)."""
    if "printable" not in document.facts:
        document.facts["printable"] = _work_out_printable(document)
    return cast(tuple[int, int] | None, document.facts["printable"])


def _work_out_printable(document: Document) -> tuple[int, int] | None:
    body = document.body
    section = None if body is None else next(body.iter(w("sectPr")), None)
    if section is None:
        return None
    size, margins = section.find(w("pgSz")), section.find(w("pgMar"))
    if size is None or margins is None:
        return None

    width = _twips(size, w("w")) - _twips(margins, w("left")) - _twips(margins, w("right"))
    header = max(_twips(margins, w("top")), _twips(margins, w("header")) + _header_twips(document))
    height = _twips(size, w("h")) - header - _twips(margins, w("bottom"))
    return width * EMU_PER_TWIP, height * EMU_PER_TWIP


def _header_twips(document: Document) -> int:
    """The tallest header's estimated height: Word pushes the body below a header taller
    than the top margin."""
    tallest = 0
    for name, kind in document.kinds.items():
        if kind == "header":  # every generated document of a county has the same header
            root = document.roots[name]
            tallest = max(tallest, document.remembered(root, "height", partial(_block_twips, root)))
    return tallest


def _block_twips(container: etree._Element, width_twips: int = 0) -> int:
    total = 0
    for child in container:
        if child.tag == w("p"):
            total += _paragraph_twips(child, width_twips)
        elif child.tag == w("tbl"):
            for row in child.iter(w("tr")):
                total += max((_block_twips(cell, _cell_twips(cell)) for cell in row.iter(w("tc"))), default=0)
    return total


_CELL_WIDTH = path("w:tcPr/w:tcW")


def _cell_twips(cell: etree._Element) -> int:
    width = first(_CELL_WIDTH, cell)
    return _twips(width, w("w")) - 2 * _CELL_MARGIN_TWIPS if width is not None else 0


def _paragraph_twips(paragraph: etree._Element, width_twips: int = 0) -> int:
    """A paragraph's height: its tallest picture, or its lines wrapped to ``width_twips``."""
    pictures = [_emu(extent, "cy") // EMU_PER_TWIP for extent in paragraph.iter("{*}extent")]
    sizes = [_points_of(size.get(w("val"))) for size in paragraph.iter(w("sz")) if size.get(w("val"))]
    size = max(sizes, default=_DEFAULT_WORD_PT)
    text = text_of(paragraph)
    lines = line_count(text, width_twips * EMU_PER_TWIP, size) if width_twips > 0 and text.strip() else 1
    return max([int(lines * size * LINE_SPACING * 20), *pictures]) + 160  # and Word's default 8 pt after


# What shows a linked picture: DrawingML's a:blip r:link, VML's v:imagedata r:id
_SHOWING = etree.XPath(".//*[@r:link=$rel or @r:id=$rel]", namespaces={"r": R_NS})


def check_pictures(document: Document) -> Iterator[Issue]:
    """A picture linked from a file on the author's computer shows on no other; a picture
    wider or taller than the page inside its margins is cut off in print."""
    for part, rel_id, target in document.linked_pictures:
        showing = cast(list[etree._Element], _SHOWING(document.roots[part], rel=rel_id))
        place = document.place_of(part, showing[0]) if showing else document.labels.get(part, part)
        shown_target = target if len(target) <= 80 else target[:80] + "…"
        yield Issue(document.name, place, "layout/linked-picture",
                    f"a picture is linked from a file ({shown_target}), not held: it shows on no other computer",
                    "insert the picture itself (Insert > Pictures > This Device, not 'Insert and Link')")
    if document.family != "word":
        return
    area = _printable(document)
    if area is None:
        return
    width, height = area
    body = document.body
    for extent in body.iter("{*}extent") if body is not None else ():
        inline = extent.getparent()
        if inline is None or inline.tag.rsplit("}", 1)[-1] not in ("inline", "anchor") or not _printed_picture(inline):
            continue
        cx, cy = _emu(extent, "cx"), _emu(extent, "cy")
        if cx > width * 1.01 or cy > height * 1.01:
            yield Issue(document.name, document.place_of(document.main_part, inline), "layout/picture-size",
                        f"a picture of {_inches(cx)} x {_inches(cy)} is larger than the printable area "
                        f"({_inches(width)} x {_inches(height)})",
                        "scale it to fit the page inside its margins")


_GRAPHIC_KIND = path("a:graphic/a:graphicData/@uri")
# Drawn shapes, not pictures: a text-box sidebar in the margin or a cover's background shape
# is the page's design, laid out to print as it is.
_SHAPE_KINDS = ("wordprocessingShape", "wordprocessingGroup", "wordprocessingCanvas")


def _printed_picture(drawing: etree._Element) -> bool:
    """Whether a wp:inline or wp:anchor holds a picture (or a chart, a diagram) that prints in
    the text: not a drawn shape, nor a picture set behind the text as the page's background."""
    kinds = cast(list[str], _GRAPHIC_KIND(drawing))
    return not (drawing.get("behindDoc") in ("1", "true") or (kinds and kinds[0].endswith(_SHAPE_KINDS)))


def check_tables(document: Document) -> Iterator[Issue]:
    """Columns too narrow for their longest word (Word breaks it mid-word: 'Emergenc y'), and
    a repeated header row that may be left alone at the foot of a page."""
    if document.family != "word" or document.body is None:
        return
    area = _printable(document)
    for table in document.body.iter(w("tbl")):
        if not shown(table):
            continue
        grid = [_twips(column, w("w")) for column in selected(_OWN_GRID, table)]  # not a nested table's too
        rows = list(table.iterchildren(_TR))
        nested = next(table.iterancestors(w("tbl")), None) is not None
        if area is not None and not nested and rows and sum(grid) * EMU_PER_TWIP > area[0] * 1.01:
            yield Issue(document.name, document.place_of(document.main_part, rows[0]), "layout/overflow",
                        f"the table is {_inches(sum(grid) * EMU_PER_TWIP)} wide, wider than the page inside its "
                        f"margins ({_inches(area[0])})", "make its columns narrower to fit the page")
        broken = _broken_word(table, rows, grid)
        if broken:
            word, column, index = broken
            yield Issue(document.name, document.place_of(document.main_part, rows[index]), "layout/word-break",
                        f"'{word}' is wider than column {column}, so it breaks mid-word",
                        "set the column widths from the content")
        if document.generated and len(rows) > 1 and _repeats_header(rows[0]) and not _keeps_with_next(rows[0]):
            yield Issue(document.name, document.place_of(document.main_part, rows[0]), "layout/lone-header",
                        "the table's header row can be left alone at the foot of a page",
                        "keep the header row with the next row (keep with next)")


_GRID_SPAN, _SPANS, _OWN_GRID = path("w:tcPr/w:gridSpan"), path("w:tr/w:tc/w:tcPr/w:gridSpan"), path("w:tblGrid/w:gridCol")
_SIZES = path(".//w:sz/@w:val")
_HEADER_ROW, _KEEP_NEXT = path("w:trPr/w:tblHeader"), path("w:pPr/w:keepNext")
_SZ, _TC, _TR, _P, _VAL = w("sz"), w("tc"), w("tr"), w("p"), w("val")


def _broken_word(table: etree._Element, rows: list[etree._Element],
                 grid: list[int]) -> tuple[str, int, int] | None:
    """The first word wider than its cell's column: (word, column, index of its row). A single
    character is no word broken in two (see :func:`_pieces_fit`)."""
    # No cell's text is larger than the table's largest size (or Word's default, for a cell
    # without one): a word that fits at that size needs no measuring paragraph by paragraph.
    table_pt = max([_DEFAULT_WORD_PT, *map(_points_of, cast(list[str], _SIZES(table)))])
    bound = _WIDEST_EM * table_pt * EMU_PER_PT
    rooms = [(width - 2 * _CELL_MARGIN_TWIPS) * EMU_PER_TWIP for width in grid]
    spanned = bool(_SPANS(table))  # most tables merge no cells: each cell is then one column
    for index, row in enumerate(rows):
        column = 0
        for cell in row.iterchildren(_TC):
            span = 1
            if spanned:
                span_element = first(_GRID_SPAN, cell)
                span = int(read_number(span_element.get(_VAL), 1)) if span_element is not None else 1
                width = sum(grid[column:column + span])
                room = (width - 2 * _CELL_MARGIN_TWIPS) * EMU_PER_TWIP
            else:
                width = grid[column] if column < len(grid) else 0
                room = rooms[column] if width else 0
            column += span
            if not width:
                continue
            # The cell's text run together (tabs, line breaks and paragraphs joined, so each piece
            # measured below lies inside one of its pieces): when each of its pieces fits at the
            # table's largest size, every piece below fits at its own. Not so in XML written with
            # line breaks and indents between the runs, which cut a word in two here: measure.
            text = etree.tostring(cell, method="text", encoding="unicode")
            if len(text) * bound <= room:
                continue  # even as one word in the widest letter the whole text fits
            if "\n" not in text and _pieces_fit(text, table_pt, room):
                continue
            reading = _cell_reading(cell)  # a name, a line break, a title: not one long word
            if reading is not None and _pieces_fit(*reading, room):
                continue
            for paragraph in cell.iter(_P):
                size = max((_points_of(s.get(_VAL)) for s in paragraph.iter(_SZ) if s.get(_VAL)),
                           default=_DEFAULT_WORD_PT)
                text = text_of(paragraph)
                if len(text) * size * _WIDEST_EM * EMU_PER_PT <= room:
                    continue  # even all in the widest letter it fits: nothing to measure
                for word in unbreakable_pieces(text):
                    if (len(word) > 1 and len(word) * size * _WIDEST_EM * EMU_PER_PT > room
                            and text_width(word, size) > room):
                        return word, column - span + 1, index
    return None


# What the measure below reads of a cell, in document order: its paragraphs, their text
# (a line break or a tab is a space, as text_of reads it) and their font sizes.
_CELL_READING = path(".//w:p | .//w:t/text() | .//a:t/text() | .//w:br | .//w:cr | .//w:tab | .//a:br"
                     " | .//w:sz | .//w:txbxContent")
_TEXT_BOX = w("txbxContent")


def _cell_reading(cell: etree._Element) -> tuple[str, float] | None:
    """The cell's paragraphs' texts as the measure below reads them, a space between two (so
    that its pieces are theirs), and the largest size any of them is measured at; None for
    a cell holding a text box (its paragraphs are also read inside the one holding it)."""
    pieces: list[str] = []
    sizes: list[float | None] = []  # each paragraph's largest size; None while it sets none
    for item in cast(list[str | etree._Element], _CELL_READING(cell)):
        if isinstance(item, str):
            pieces.append(item)
        elif item.tag == _SZ:
            if sizes and item.get(_VAL):
                sizes[-1] = max(sizes[-1] or 0.0, _points_of(item.get(_VAL)))
        elif item.tag == _TEXT_BOX:
            return None
        else:  # a paragraph's start, a line break, a tab
            pieces.append(" ")
            if item.tag == _P:
                sizes.append(None)
    return "".join(pieces), max((_DEFAULT_WORD_PT if size is None else size for size in sizes),
                                default=_DEFAULT_WORD_PT)


@lru_cache(maxsize=1 << 14)
def _pieces_fit(text: str, font_pt: float, room: int) -> bool:
    """Whether each piece Word never breaks inside ('555-' '0101', 'dwhitfield@example.org')
    of a cell's text fits in ``room`` EMU at ``font_pt``; a piece of one character (a digit, a
    CJK character) has nothing to break, however narrow its column. Remembered: a county's
    contacts table is in each of its guides and its contacts document."""
    bound = _WIDEST_EM * font_pt * EMU_PER_PT
    return all(len(piece) < 2 or len(piece) * bound <= room or text_width(piece, font_pt) < room
               for piece in unbreakable_pieces(text))


def _points_of(half_points: str | None) -> float:
    """A Word font size (w:sz, in half-points) in points; an unreadable one is Word's default."""
    return read_number(half_points, _DEFAULT_WORD_PT * 2, 144) / 2


def _repeats_header(row: etree._Element) -> bool:
    return first(_HEADER_ROW, row) is not None


def _keeps_with_next(row: etree._Element) -> bool:
    paragraphs = list(row.iter(w("p")))
    return bool(paragraphs) and all(first(_KEEP_NEXT, par) is not None for par in paragraphs)


