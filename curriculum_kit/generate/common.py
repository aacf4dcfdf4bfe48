"""What every generated Word document shares: co-branding, pinned metadata, stable bytes.

Both programs' logos appear at equal size on every page header (lesson 3: co-train and
co-brand); every picture carries alt text (Section 508); core properties and zip times
come from the build's timestamp so the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import cast
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.coreprops import CoreProperties
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shape import InlineShape
from docx.shared import Emu, Inches, Length, Pt, RGBColor, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from PIL import Image, ImageOps
from pptx.parts.coreprops import CorePropertiesPart as PptxCoreProperties
from pptx.presentation import Presentation

from ..formats.colors import readable_text_color
from ..formats.overlay import Branding, Overlay
from ..formats.programs import PROGRAMS
from ..formats.untrusted import clip
from ..outputs import Stamp
from ..wording import BLANK, PROGRAM_FALLBACK_COLORS
from .compiled_xpath import use_compiled_xpath
from .orgchart_layout import EMU_PER_PT
from .orgchart_layout import text_width as measure
from .package_save import saved_bytes
from .shared_parts import tree_fact, written_once
from .textfit import kept_pieces, unbreakable_pieces

TOOL = "curriculum-kit"
LOGO_MAX_PIXELS = 800  # logos are downscaled to this many pixels on their longer side
LOGO_HEIGHT = Inches(0.6)
LOGO_MAX_WIDTH = Inches(1.9)  # a third of a letter page's text width: wide wordmarks shrink to it
# Core properties as python-docx and python-pptx each hand them out.
_CoreProperties = CoreProperties | PptxCoreProperties
BODY_FONT = "Calibri"  # the template's body theme font is a serif; handouts read better in one sans face

use_compiled_xpath()  # every generator imports this module: the libraries' lookups, compiled once


@lru_cache(maxsize=64)
def logo_png(path: Path) -> bytes:
    """A logo as PNG bytes no larger than LOGO_MAX_PIXELS (huge county logos are common),
    turned upright when a camera or phone recorded its orientation in EXIF; a PNG that is
    already small enough is used as it is."""
    image: Image.Image
    with Image.open(path) as image:
        if image.format == "PNG" and max(image.size) <= LOGO_MAX_PIXELS:
            return path.read_bytes()
        image = ImageOps.exif_transpose(image)
        image.thumbnail((LOGO_MAX_PIXELS, LOGO_MAX_PIXELS))
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def fit_picture(png: bytes, box_width: int, box_height: int) -> tuple[int, int]:
    """A picture's size inside a box, its proportions kept: counties have square seals, tall
    badges and wide wordmarks, org charts wide and tall pages, and none may be stretched
    or run past the page."""
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    scale = min(box_width / width, box_height / height)
    return max(int(width * scale), 1), max(int(height * scale), 1)


def logo_alt_text(branding: Branding, county: str) -> str:
    return f"Logo of {branding.name}, {county}"


def add_picture(run: Run, data: bytes, alt_text: str, height: int | None = None,
                width: int | None = None) -> InlineShape:
    """A picture in a run, with alt text that screen readers read aloud."""
    shape = run.add_picture(io.BytesIO(data), height=height, width=width)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt_text)
    doc_pr.set("title", alt_text)
    return shape


def fill_cobrand(table: Table, overlay: Overlay, logo_height: int = LOGO_HEIGHT) -> None:
    """Fill a 1x3 table: CWS logo and name | county | CalWORKs logo and name (equal sizes)."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = table.rows[0].cells
    for cell, key in ((cells[0], "cws"), (cells[2], "calworks")):
        branding = overlay.programs[key]
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if branding.logo is not None:
            png = logo_png(branding.logo)
            width, height = fit_picture(png, LOGO_MAX_WIDTH, logo_height)
            add_picture(paragraph.add_run(), png, logo_alt_text(branding, overlay.county), height=height, width=width)
        name = cell.add_paragraph()
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = name.add_run(branding.name)
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor.from_string(
            readable_text_color(branding.color or PROGRAM_FALLBACK_COLORS[key]).lstrip("#"))
    middle = cells[1].paragraphs[0]
    middle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    county = middle.add_run(overlay.county)
    county.bold = True
    county.font.size = Pt(12)
    tagline = cells[1].add_paragraph()
    tagline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tag = tagline.add_run(" and ".join(overlay.programs[p].label for p in PROGRAMS) + " — Linkages")
    tag.font.size = Pt(9)


def new_document(overlay: Overlay, title: str, subtitle: str = "", landscape: bool = False) -> DocxDocument:
    """A co-branded Word document: both programs in the header of every page, then a title.

    A copy of the county's blank one, sharing its styles tree: nothing the generators do
    changes a style (they only look styles up), and copying the styles was nine tenths of
    copying the document."""
    letterhead = _letterhead(overlay, landscape)
    styles = letterhead.styles.element
    document = copy.deepcopy(letterhead, {id(styles): styles})
    document.add_heading(title, level=1)
    if subtitle:
        document.add_paragraph(subtitle)
    return document


# The county's blank co-branded documents, for the overlay last asked about (a worker builds
# one county at a time): a county's half-dozen generated documents start from a copy
# instead of python-docx's template read, parsed and branded again each time.
_LETTERHEADS: dict[bool, tuple[Overlay, DocxDocument]] = {}


def _letterhead(overlay: Overlay, landscape: bool) -> DocxDocument:
    known = _LETTERHEADS.get(landscape)
    if known is None or known[0] is not overlay:
        known = (overlay, _blank_cobranded(overlay, landscape))
        _LETTERHEADS[landscape] = known
    return known[1]


def _blank_cobranded(overlay: Overlay, landscape: bool) -> DocxDocument:
    blank = _blank(landscape)
    styles = blank.styles.element
    document = copy.deepcopy(blank, {id(styles): styles})
    fill_cobrand(document.sections[0].header.add_table(1, 3, Length(text_width(document))), overlay)
    return document


@lru_cache(maxsize=2)
def _blank(landscape: bool) -> DocxDocument:
    """python-docx's blank document, set up as every county's letterhead is, once per
    process: its styles (the same for every county) are then parsed once and, kept by
    :func:`.shared_parts.written_once`, serialised once instead of in every generated
    document (a tenth of making one)."""
    document = docx.Document()
    document.styles["Normal"].font.name = BODY_FONT
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(0.8))
    section.top_margin = Inches(0.6)
    written_once(document.styles.element)
    return document


def finish(document: DocxDocument, stamp: Stamp, title: str, subject: str, author: str) -> bytes:
    """The document's bytes with pinned core properties and entry times."""
    properties = document.core_properties
    properties.title = clip(title)  # a county's long name after a prefix: Word keeps 255 characters
    properties.subject = clip(subject)
    properties.author = clip(author)
    properties.created = stamp.when
    return finish_loaded(document, stamp)


def finish_loaded(document: DocxDocument | Presentation, stamp: Stamp) -> bytes:
    """An adapted document's bytes: its own title and author kept, the rest pinned."""
    properties = _loaded_core_properties(document)
    properties.last_modified_by = TOOL
    properties.modified = stamp.when
    properties.revision = 1
    return saved_bytes(document, stamp.zip_time)


def _loaded_core_properties(document: DocxDocument | Presentation) -> _CoreProperties:
    """A loaded document's core properties, found by content type.

    LibreOffice writes the package relationship as '.../officedocument/...' (lower-case d);
    python-docx and python-pptx look it up by the exact type, miss it, and add a second
    docProps/core.xml: a zip with two entries of one name, which Word calls corrupt.
    """
    for part in document.part.package.iter_parts():
        if part.content_type == CT.OPC_CORE_PROPERTIES:  # python-pptx's part is the properties
            return cast(_CoreProperties, getattr(part, "core_properties", part))
    return cast(_CoreProperties, document.core_properties)  # untyped in both libraries


def shade(cell: _Cell, color_hex: str) -> None:
    """Fill a table cell (python-docx has no API for cell shading)."""
    properties = cell._tc.get_or_add_tcPr()
    fill = properties.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                               qn("w:fill"): color_hex.lstrip("#")})
    properties.append(fill)


_BORDERS = ("<w:tblBorders>" + "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")


def table_with_header(document: DocxDocument | _Cell, headers: list[str], rows: list[list[str]],
                      widths: list[Length] | None = None, font_pt: float = 10) -> Table:
    """A bordered table with a bold header row repeated on every page; no row splits across pages.

    The rows are written as XML in one go: python-docx's cell-by-cell API costs more than
    everything else in a packet. Borders are explicit, so it looks the same in a module
    whose styles lack 'Table Grid'.
    """
    table = document.add_table(rows=0, cols=len(headers))
    # a cell's part may be a header's: the styles live with the main document
    styles = document.part.package.main_document_part.styles
    if "Table Grid" in tree_fact(styles.element, "names", lambda _: {style.name for style in styles}):
        table.style = "Table Grid"
    table._tbl.tblPr.append(parse_xml(f"<w:root {nsdecls('w')}>{_BORDERS}</w:root>")[0])
    if widths is None:
        widths = [column.w or Emu(0) for column in table._tbl.tblGrid.gridCol_lst]  # python-docx sets each
    while font_pt > SMALLEST_TABLE_PT and _least(widths, [headers, *rows], font_pt) > sum(map(int, widths)):
        font_pt -= 0.5  # every column must hold its longest word
    widths = fit_columns(widths, [headers, *rows], font_pt, kept_pieces)
    twips = [int(width) // 635 for width in widths]
    size = int(font_pt * 2)
    header = _row(headers, twips, size, header=True)
    body = "".join(_row(values, twips, size) for values in rows)
    for row in parse_xml(f"<w:tbl {nsdecls('w')}>{header}{body}</w:tbl>"):
        table._tbl.append(row)
    _set_grid(table, widths)
    return table


def _lines(value: object) -> str:
    """Escaped text whose line ends become line breaks, as python-docx's run.text does."""
    return escape(str(value)).replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')


CELL_MARGINS = 2 * 108 * 635  # Word's default left and right cell margins, in EMU
SMALLEST_TABLE_PT = 7.5  # a table too wide for its words gets smaller print, down to this
SLACK = 20 * 635  # a column never ends exactly at its longest word (widths are rounded to twips)


def fit_columns(widths: Sequence[int], rows: list[list[str]], font_pt: float,
                pieces: Callable[[str], list[str]] = unbreakable_pieces) -> list[Length]:
    """Column widths at least as wide as each column's longest word (Word breaks a word
    wider than its column mid-word: 'Emergenc y'), or each of its ``pieces`` (a Word
    table's phone numbers whole: :func:`.textfit.kept_pieces`); what is left is shared
    in proportion to the widths asked for beyond that. The total stays the same. When the
    words need more than the total (a long e-mail address, one word that breaks anyway), each
    column gets what it asks for or needs and the widest give up room down to one width:
    the other columns still hold their words ('DCYFCPPS' broke in a Program column in every
    row). Words are measured as wide as Arial draws them, wider than the Calibri the
    documents use (preflight's measure)."""
    need = _needs(len(widths), rows, font_pt, pieces)
    have = [int(width) for width in widths]
    total, least = sum(have), sum(need)
    if all(n <= h for n, h in zip(need, have)):
        return [Emu(h) for h in have]
    if least > total:
        return _levelled([max(n, h) for n, h in zip(need, have)], total)
    extra = [max(h - n, 0) for n, h in zip(need, have)]
    weights = extra if sum(extra) else have
    return [Emu(n + (total - least) * weight // sum(weights)) for n, weight in zip(need, weights)]


def _levelled(widths: list[int], total: int) -> list[Length]:
    """``widths``, which add up to more than ``total``, with the widest cut down to one width
    so that they add up to ``total`` (what division leaves goes to the widest)."""
    left = total
    for count, width in enumerate(sorted(widths)):
        if width * (len(widths) - count) >= left:
            level, spare = divmod(left, len(widths) - count)
            widest = widths.index(max(widths))
            return [Emu(min(w, level) + spare * (index == widest)) for index, w in enumerate(widths)]
        left -= width
    return [Emu(w) for w in widths]


def _needs(columns: int, rows: list[list[str]], font_pt: float, pieces: Callable[[str], list[str]]) -> list[int]:
    """Each column's least width: its widest of ``pieces``, plus the cell margins."""
    return [int(max((measure(word, font_pt) for row in rows if index < len(row)
                     for word in pieces(str(row[index]))), default=0) * EMU_PER_PT) + CELL_MARGINS + SLACK
            for index in range(columns)]


def _least(widths: Sequence[int], rows: list[list[str]], font_pt: float) -> int:
    return sum(_needs(len(widths), rows, font_pt, kept_pieces))


# A cell's text starts at its left edge, whatever the document's Normal style says: a guide
# set right-aligned or indented gave the contacts table right-aligned, broken words.
_CELL_PARAGRAPH = '<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="left"/>'


def _row(values: list[str], twips: list[int], size: int, header: bool = False) -> str:
    properties = "<w:tblHeader/>" if header else "<w:cantSplit/>"
    keep = "<w:keepNext/>" if header else ""  # a header row never stays alone at a page's foot
    shading = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if header else ""
    bold = "<w:b/>" if header else ""
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
        f'<w:p><w:pPr>{keep}<w:spacing w:before="40" w:after="40"/>{_CELL_PARAGRAPH}</w:pPr>'
        f'<w:r><w:rPr>{bold}<w:sz w:val="{size}"/></w:rPr>'
        f'<w:t xml:space="preserve">{_lines(value)}</w:t></w:r></w:p></w:tc>'
        for value, width in zip(values, twips))
    return f"<w:tr><w:trPr>{properties}</w:trPr>{cells}</w:tr>"


def _set_grid(table: Table, widths: list[Length]) -> None:
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        column.w = width


# --- Shared by the session handouts (agenda, sign-in, evaluation, contacts) ---------------

def add_labelled(container: DocxDocument | _Cell, *fields: tuple[str, str]) -> Paragraph:
    """One line of bold labels with their values: 'My program: ☐ DCFS   ☐ ETA'."""
    paragraph = container.add_paragraph()
    for index, (label, value) in enumerate(fields):
        paragraph.add_run(("      " if index else "") + f"{label}: ").bold = True
        paragraph.add_run(value)
    return paragraph


def add_fill_in(container: DocxDocument | _Cell, *labels: str) -> Paragraph:
    """One line of labelled blanks, e.g. 'Date: ____   Location: ____', written in on the day."""
    return add_labelled(container, *((label, BLANK) for label in labels))


def add_footer_note(document: DocxDocument, text: str) -> None:
    """Small grey print in every page's footer: provenance, or a word to whoever files the sheet."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def text_width(document: DocxDocument) -> int:
    """The width of a column of the document's last section (what a table or picture added
    at its end may take)."""
    return column_width(document.sections[-1])


def column_width(section: Section) -> int:
    """The width of one column of a section set in columns (w:cols: a guide in two columns
    gave the county's contacts table and org chart the whole page), else between its margins;
    of columns of their own widths, the narrowest."""
    width = section_width(section)
    columns = section._sectPr.find(qn("w:cols"))
    if columns is None:
        return width
    own = [_twips(column.get(qn("w:w"))) for column in columns.findall(qn("w:col"))]
    if own and columns.get(qn("w:equalWidth")) in ("0", "false") and min(own) > 0:
        return max(int(Twips(min(own))), int(Inches(2)))
    count = max(1, min(_twips(columns.get(qn("w:num"))) or 1, 45))  # Word allows 45
    space = _twips(columns.get(qn("w:space")), 720)
    return max(int((width - (count - 1) * Twips(space)) // count), int(Inches(2)))


def _twips(value: str | None, default: int = 0) -> int:
    try:
        return max(int(float(value)), 0) if value is not None else default
    except ValueError:
        return default


def section_width(section: Section) -> int:
    """The width between a section's margins. A file that leaves the page size or margins
    out (WPS writes such files) gets Word's defaults: a Letter page, one-inch margins."""
    width = section.page_width if section.page_width is not None else Inches(8.5)
    left = section.left_margin if section.left_margin is not None else Inches(1)
    right = section.right_margin if section.right_margin is not None else Inches(1)
    return max(int(width - left - right), int(Inches(2)))


def section_height(section: Section) -> int:
    """The height between a section's top and bottom margins, with Word's defaults (a Letter
    page, one-inch margins) for what a file leaves out, as :func:`section_width` does."""
    height = section.page_height if section.page_height is not None else Inches(11)
    top = section.top_margin if section.top_margin is not None else Inches(1)
    bottom = section.bottom_margin if section.bottom_margin is not None else Inches(1)
    return max(int(height - top - bottom), int(Inches(2)))


def column_widths(total: int, *weights: float) -> list[Length]:
    """Column widths in proportion to ``weights`` that add up to ``total`` (EMU)."""
    scale = int(total) / sum(weights)
    return [Emu(int(weight * scale)) for weight in weights]
