"""Small Word and PowerPoint documents made with python-docx/python-pptx, each with one
property a preflight check looks at, set or not."""

from __future__ import annotations

import copy
import io

import docx
import pptx
from docx.shared import Inches, Pt
from lxml import etree
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


def word_text_box_with_fallback(widths_in: list[float], rows: list[list[str]], text: str) -> bytes:
    """A paragraph holding a text box as Word writes one: drawn in DrawingML (mc:Choice) and
    again in VML for older readers (mc:Fallback); the box holds a paragraph of ``text`` and a
    table with these column widths and rows."""
    grid = "".join(f'<w:gridCol w:w="{round(width * 1440)}"/>' for width in widths_in)
    table = "".join("<w:tr>" + "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{round(width * 1440)}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>{value}</w:t></w:r></w:p></w:tc>'
        for width, value in zip(widths_in, row)) + "</w:tr>" for row in rows)
    content = (f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
               f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{table}</w:tbl>'
               "<w:p/></w:txbxContent>")
    namespaces = {
        "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "v": "urn:schemas-microsoft-com:vml",
    }
    declared = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in namespaces.items())
    box = (f'<w:r {declared}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
           '<wp:inline><wp:extent cx="3000000" cy="2000000"/><wp:docPr id="1" name="Text Box 1" descr="A note"/>'
           '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           f'<wps:wsp><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline>'
           f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape>'
           "</w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(etree.fromstring(box))
    return saved(document)


def deck_with_fallback(text: str, size: float, height_in: float) -> bytes:
    """A slide holding mc:AlternateContent as PowerPoint writes an equation: a text box in
    mc:Choice, and for readers without equations the same box again plus a picture of it
    (without alt text) in mc:Fallback."""
    presentation = pptx.Presentation(io.BytesIO(deck({"title": "Equation", "box": (text, size, height_in),
                                                      "picture": ""})))
    tree = presentation.slides[0].shapes._spTree
    box, picture = tree[-2], tree[-1]
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    alternate = etree.SubElement(tree, f"{{{mc}}}AlternateContent", nsmap={"mc": mc})
    choice = etree.SubElement(alternate, f"{{{mc}}}Choice", Requires="p")  # a namespace every reader knows
    choice.append(copy.deepcopy(box))
    fallback = etree.SubElement(alternate, f"{{{mc}}}Fallback")
    fallback.extend([box, picture])
    return saved(presentation)


def deck_with_group(text: str, box_in: tuple[float, float, float, float], units_per_inch: int) -> bytes:
    """A slide whose text box (left, top, width, height in inches) sits in a group, written
    in the group's own units (``units_per_inch``; PowerPoint 97's master units are 576),
    as old decks store grouped shapes: the group maps its units onto the slide."""
    left, top, width, height = box_in
    presentation = pptx.Presentation(io.BytesIO(deck({"title": "Levels", "box": (text, 18, height)})))
    tree = presentation.slides[0].shapes._spTree
    box = tree[-1]
    ns = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    xfrm = box.find("p:spPr/a:xfrm", ns)
    units = [round(value * units_per_inch) for value in box_in]
    for element, keys, values in ((xfrm.find("a:off", ns), ("x", "y"), units[:2]),
                                  (xfrm.find("a:ext", ns), ("cx", "cy"), units[2:])):
        for key, value in zip(keys, values):
            element.set(key, str(value))
    emu = [round(value * 914400) for value in box_in]
    group = etree.fromstring(
        f'<p:grpSp xmlns:p="{ns["p"]}" xmlns:a="{ns["a"]}"><p:nvGrpSpPr><p:cNvPr id="90" name="Group 1"/>'
        f'<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="{emu[0]}" y="{emu[1]}"/>'
        f'<a:ext cx="{emu[2]}" cy="{emu[3]}"/><a:chOff x="{units[0]}" y="{units[1]}"/>'
        f'<a:chExt cx="{units[2]}" cy="{units[3]}"/></a:xfrm></p:grpSpPr></p:grpSp>')
    group.append(box)
    tree.append(group)
    return saved(presentation)


def deck_with_unwrapped_text(text: str, left_in: float, top_in: float, width_in: float) -> bytes:
    """A slide (10 x 7.5 in) with a text box at 16 pt that does not wrap and grows to fit
    its text (wrap="none", spAutoFit: PowerPoint's default for a text box typed without
    dragging)."""
    presentation = pptx.Presentation(io.BytesIO(deck({"title": "Footnote", "box": (text, 16, 0.4)})))
    box = presentation.slides[0].shapes[-1]
    box.left, box.top, box.width = PptxInches(left_in), PptxInches(top_in), PptxInches(width_in)
    body = box.text_frame._txBody.bodyPr
    body.set("wrap", "none")
    etree.SubElement(body, "{http://schemas.openxmlformats.org/drawingml/2006/main}spAutoFit")
    return saved(presentation)


def generated_table(keep_header: bool) -> bytes:
    """A table as the generators make it (header row repeated), with or without keep-with-next."""
    document = docx.Document()
    table = table_with_header(document, ["Name", "Phone"], [["Ana", "555-0100"], ["Bo", "555-0101"]])
    if not keep_header:
        for keep in table._tbl.xpath(".//w:keepNext"):
            keep.getparent().remove(keep)
    return saved(document)


def deck(*slides: dict, master_background: str | None = None, dark_theme: bool = False) -> bytes:
    """Slides on the 'Title Only' layout: {'title': str|None, 'box': (text, pt, height_in), 'color': ...,
    'background': 'RRGGBB'}; ``master_background`` is the slide master's; ``dark_theme`` maps the
    theme's background colour to its first dark one, as dark templates do."""
    presentation = pptx.Presentation()
    if master_background is not None:
        _solid(presentation.slide_master.background.fill, master_background)
    if dark_theme:
        presentation.slide_master._element.find(pptx.oxml.ns.qn("p:clrMap")).set("bg1", "dk1")
    for spec in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[5])
        if "background" in spec:
            _solid(slide.background.fill, spec["background"])
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


def _solid(fill, color: str) -> None:
    fill.solid()
    fill.fore_color.rgb = pptx.dml.color.RGBColor.from_string(color)


def agenda_word(rows: list[tuple[str, str]]) -> bytes:
    document = docx.Document()
    document.add_heading("Agenda", level=1)
    table = document.add_table(rows=len(rows), cols=2)
    for row, (time, label) in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = time, label
    return saved(document)
