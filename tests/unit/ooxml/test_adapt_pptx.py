"""The engine on DrawingML: slides, notes, masters, fields, breaks and run hyperlinks."""

from __future__ import annotations

import pptx

from curriculum_kit.formats.terms import Term
from curriculum_kit.ooxml.adapt import adapt_file
from tests.fixtures import NS, make_pptx, part_xml, textbox

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
