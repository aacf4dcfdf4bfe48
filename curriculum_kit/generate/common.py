"""What every generated Word document shares: co-branding, pinned metadata, stable bytes.

Both programs' logos appear at equal size on every page header (lesson 3: co-train and
co-brand); every picture carries alt text (Section 508); core properties and zip times
come from the build's timestamp so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from PIL import Image

from ..formats.overlay import Branding, Overlay
from ..formats.programs import PROGRAMS
from ..ooxml.zipio import restamp

TOOL = "curriculum-kit"
LOGO_MAX_PIXELS = 800  # logos are downscaled to this many pixels on their longer side
LOGO_HEIGHT = Inches(0.6)


@dataclass(frozen=True)
class Stamp:
    """The build's moment: written into core properties and zip entries."""

    when: datetime

    @classmethod
    def from_epoch(cls, seconds: int) -> "Stamp":
        return cls(datetime.fromtimestamp(seconds, tz=timezone.utc).replace(tzinfo=None))

    @property
    def zip_time(self) -> tuple[int, int, int, int, int, int]:
        w = self.when
        return (w.year, w.month, w.day, w.hour, w.minute, w.second)


@lru_cache(maxsize=64)
def logo_png(path: Path) -> bytes:
    """A logo as PNG bytes no larger than LOGO_MAX_PIXELS (huge county logos are common)."""
    with Image.open(path) as image:
        image.load()
        image.thumbnail((LOGO_MAX_PIXELS, LOGO_MAX_PIXELS))
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def logo_alt_text(branding: Branding, county: str) -> str:
    return f"Logo of {branding.name}, {county}"


def hex_color(branding: Branding, fallback: str) -> RGBColor:
    return RGBColor.from_string((branding.color or fallback).lstrip("#").upper())


PROGRAM_FALLBACK_COLORS = {"cws": "#1F5FA8", "calworks": "#2E7D32"}


def add_picture(run, data: bytes, alt_text: str, height=None, width=None):
    """A picture in a run, with alt text that screen readers read aloud."""
    shape = run.add_picture(io.BytesIO(data), height=height, width=width)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt_text)
    doc_pr.set("title", alt_text)
    return shape


def fill_cobrand(table, overlay: Overlay, logo_height=LOGO_HEIGHT) -> None:
    """Fill a 1x3 table: CWS logo and name | county | CalWORKs logo and name (equal sizes)."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = table.rows[0].cells
    for cell, key in ((cells[0], "cws"), (cells[2], "calworks")):
        branding = overlay.programs[key]
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if branding.logo is not None:
            add_picture(paragraph.add_run(), logo_png(branding.logo), logo_alt_text(branding, overlay.county),
                        height=logo_height)
        name = cell.add_paragraph()
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = name.add_run(branding.name)
        run.font.size = Pt(8)
        run.font.color.rgb = hex_color(branding, PROGRAM_FALLBACK_COLORS[key])
    middle = cells[1].paragraphs[0]
    middle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    county = middle.add_run(overlay.county)
    county.bold = True
    county.font.size = Pt(12)
    tagline = cells[1].add_paragraph()
    tagline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tag = tagline.add_run(" and ".join(overlay.programs[p].label for p in PROGRAMS) + " — Linkages")
    tag.font.size = Pt(9)


def new_document(overlay: Overlay, title: str, subtitle: str = "", landscape: bool = False):
    """A co-branded Word document: both programs in the header of every page, then a title."""
    document = docx.Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(0.8))
    section.top_margin = Inches(0.6)
    width = section.page_width - section.left_margin - section.right_margin
    fill_cobrand(section.header.add_table(1, 3, width), overlay)
    document.add_heading(title, level=1)
    if subtitle:
        document.add_paragraph(subtitle)
    return document


def finish(document, stamp: Stamp, title: str, subject: str, author: str) -> bytes:
    """The document's bytes with pinned core properties and entry times."""
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = author
    properties.last_modified_by = TOOL
    properties.created = stamp.when
    properties.modified = stamp.when
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return restamp(out.getvalue(), stamp.zip_time)


def shade(cell, color_hex: str) -> None:
    """Fill a table cell (python-docx has no API for cell shading)."""
    properties = cell._tc.get_or_add_tcPr()
    fill = properties.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                               qn("w:fill"): color_hex.lstrip("#")})
    properties.append(fill)


def table_with_header(document, headers: list[str], rows: list[list[str]], widths=None, font_pt: float = 10):
    """A 'Table Grid' table with a bold, repeated header row."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header_cells = table.rows[0].cells
    for cell, text in zip(header_cells, headers):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(font_pt)
        shade(cell, "#D9E2F3")
    repeat = table.rows[0]._tr.get_or_add_trPr()
    repeat.append(repeat.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(font_pt)
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
    return table
