"""The engine on DrawingML: slides, notes, masters, fields, breaks and run hyperlinks."""

from __future__ import annotations

import pptx

from curriculum_kit.adapting import adapt_file
from curriculum_kit.formats.terms import Term
from tests.fixtures import NS, make_pptx, part_xml, textbox, with_appended

TERMS = [Term("CWS", "DCFS"), Term("social worker", "children's social worker")]


def arun(text: str, bold: bool = False, link: str | None = None) -> str:
    """A DrawingML run, optionally bold or carrying a hyperlink to relationship ``link``."""
    bold_attr = ' b="1"' if bold else ""
    click = f'<a:hlinkClick r:id="{link}"/>' if link else ""
    return f'<a:r><a:rPr lang="en-US"{bold_attr}>{click}</a:rPr><a:t>{text}</a:t></a:r>'


def test_slides_notes_and_master_are_remapped(tmp_path):
    source = make_pptx(tmp_path / "in.pptx",
                       [textbox("<a:p>" + arun("So") + arun("cial ", bold=True) + arun("worker") + "</a:p>")],
                       notes=["<a:p>" + arun("CWS co-facilitator: introduce yourself") + "</a:p>"])
    out = tmp_path / "out.pptx"
    result = adapt_file(source, out, TERMS, details=True)
    deck = pptx.Presentation(out)
    slide = deck.slides[0]
    assert [s.text_frame.text for s in slide.shapes if s.has_text_frame] == ["Children's social worker"]
    assert slide.notes_slide.notes_text_frame.text == "DCFS co-facilitator: introduce yourself"
    assert {c.location for c in result.changes} == {"slide 1, shape 'TextBox'", "slide 1 notes, shape 'Notes Placeholder 2'"}


def test_fields_breaks_and_link_edges(tmp_path):
    paragraphs = ('<a:p>' + arun("C") + '<a:fld id="{1}" type="slidenum"><a:rPr/><a:t>CWS</a:t></a:fld>'
                  + arun("WS") + '</a:p>'
                  '<a:p>' + arun("social") + '<a:br><a:rPr/></a:br>' + arun("worker") + '</a:p>'
                  '<a:p>' + arun("social ", link="rId1") + arun("worker", link="rId1") + arun(" CWS", link="rId2") + '</a:p>'
                  '<a:p>' + arun("social ", link="rId1") + arun("worker") + '</a:p>')
    source = make_pptx(tmp_path / "in.pptx", [textbox(paragraphs)])
    out = tmp_path / "out.pptx"
    result = adapt_file(source, out, TERMS, details=True)
    root = part_xml(out, "ppt/slides/slide1.xml")
    texts = ["".join(t.text or "" for t in p.iterfind(".//a:t", NS)) for p in root.iterfind(".//a:p", NS)]
    assert texts == ["CCWSWS", "socialworker", "children's social worker DCFS", "social worker"]
    assert root.find(".//a:fld/a:t", NS).text == "CWS"
    reasons = sorted(m.reason for m in result.near_misses)
    assert reasons == ["split by a field", "split by a hyperlink edge", "split by a line break"]


def test_a_smartart_and_its_drawn_copy_are_one_diagram_in_the_report(tmp_path):
    """PowerPoint keeps a SmartArt's text twice: the data, and a drawing cached from it
    (which LibreOffice shows); both change, and the report names one diagram."""
    source = make_pptx(tmp_path / "in.pptx", [textbox("<a:p>" + arun("Intro") + "</a:p>")])
    dgm = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    data = (f'<dgm:dataModel xmlns:dgm="{dgm}" xmlns:a="{NS["a"]}"><dgm:ptLst><dgm:pt modelId="1"><dgm:t>'
            f'<a:bodyPr/><a:p>{arun("CWS intake")}</a:p></dgm:t></dgm:pt></dgm:ptLst><dgm:extLst><a:ext uri="x">'
            '<dsp:dataModelExt xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" relId="rId21"/>'
            '</a:ext></dgm:extLst></dgm:dataModel>')
    drawing = ('<dsp:drawing xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" '
               f'xmlns:a="{NS["a"]}"><dsp:spTree><dsp:sp modelId="1"><dsp:txBody><a:bodyPr/>'
               f'<a:p>{arun("CWS intake")}</a:p></dsp:txBody></dsp:sp></dsp:spTree></dsp:drawing>')
    rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData"
    source.write_bytes(with_appended(source.read_bytes(), {
        "ppt/slides/_rels/slide1.xml.rels":
            f'<Relationship Id="rId20" Type="{rt}" Target="../diagrams/data1.xml"/>'
            '<Relationship Id="rId21" Type="http://schemas.microsoft.com/office/2007/relationships/'
            'diagramDrawing" Target="../diagrams/drawing1.xml"/>',
        "[Content_Types].xml":
            '<Override PartName="/ppt/diagrams/data1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.drawingml.diagramData+xml"/><Override PartName="/ppt/diagrams/drawing1.xml" '
            'ContentType="application/vnd.ms-office.drawingml.diagramDrawing+xml"/>'},
        {"ppt/diagrams/data1.xml": data, "ppt/diagrams/drawing1.xml": drawing}))
    result = adapt_file(source, tmp_path / "out.pptx", TERMS, details=True)
    assert sorted(c.location.split(",")[0] for c in result.changes) == [
        "SmartArt 1 on slide 1", "SmartArt 1 on slide 1 (drawn copy)"]
    assert all(c.after == "DCFS intake" for c in result.changes)
