"""Small Word and PowerPoint documents made with python-docx/python-pptx, each with one
property a preflight check looks at, set or not."""

from __future__ import annotations

import io

import docx
import pptx
from docx.shared import Inches, Pt
from PIL import Image
from pptx.util import Inches as PptxInches
from pptx.util import Pt as PptxPt

from curriculum_kit.generate.common import table_with_header


def png(width: int = 40, height: int = 20) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(out, format="PNG")
    return out.getvalue()


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def word(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return saved(document)


def word_with_picture(width_in: float, height_in: float, alt: str = "A chart") -> bytes:
    document = docx.Document()
    shape = document.add_paragraph().add_run().add_picture(io.BytesIO(png()), width=Inches(width_in),
                                                           height=Inches(height_in))
    shape._inline.docPr.set("descr", alt)
    return saved(document)


def word_table(widths_in: list[float], rows: list[list[str]], font_pt: float = 10,
               sizes: dict[tuple[int, int], float] | None = None,
               merged: tuple[tuple[int, int, int], ...] = ()) -> bytes:
    """A table with exactly these column widths (python-docx, not the generator's fitting);
    ``sizes`` sets a cell's own font size, ``merged`` merges (row, first column, last column)."""
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=len(widths_in))
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_in):
        column.w = Inches(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_in):
            cell.width = Inches(width)
    for row, first, last in merged:
        table.cell(row, first).merge(table.cell(row, last))
    for number, values in enumerate(rows):
        for column, value in enumerate(values):
            if value:
                run = table.cell(number, column).paragraphs[0].add_run(value)
                run.font.size = Pt((sizes or {}).get((number, column), font_pt))
    return saved(document)


def generated_table(keep_header: bool) -> bytes:
    """A table as the generators make it (header row repeated), with or without keep-with-next."""
    document = docx.Document()
    table = table_with_header(document, ["Name", "Phone"], [["Ana", "555-0100"], ["Bo", "555-0101"]])
    if not keep_header:
        for keep in table._tbl.xpath(".//w:keepNext"):
            keep.getparent().remove(keep)
    return saved(document)


def deck(*slides: dict) -> bytes:
    """Slides on the 'Title Only' layout: {'title': str|None, 'box': (text, pt, height_in), 'color': ...}."""
    presentation = pptx.Presentation()
    for spec in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[5])
        if spec.get("title"):
            slide.shapes.title.text = spec["title"]
        else:
            slide.shapes.title._element.getparent().remove(slide.shapes.title._element)
        if "box" in spec:
            text, size, height = spec["box"]
            box = slide.shapes.add_textbox(PptxInches(1), PptxInches(2), PptxInches(4), PptxInches(height))
            box.text_frame.word_wrap = True
            box.text_frame.auto_size = None
            box.text_frame.text = text
            for paragraph in box.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = PptxPt(size)
                    if "color" in spec:
                        run.font.color.rgb = pptx.dml.color.RGBColor.from_string(spec["color"])
            if "fill" in spec:
                box.fill.solid()
                box.fill.fore_color.rgb = pptx.dml.color.RGBColor.from_string(spec["fill"])
        if "picture" in spec:
            picture = slide.shapes.add_picture(io.BytesIO(png()), PptxInches(1), PptxInches(5))
            picture._element.nvPicPr.cNvPr.set("descr", spec["picture"])
    return saved(presentation)


def agenda_word(rows: list[tuple[str, str]]) -> bytes:
    document = docx.Document()
    document.add_heading("Agenda", level=1)
    table = document.add_table(rows=len(rows), cols=2)
    for row, (time, label) in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = time, label
    return saved(document)
