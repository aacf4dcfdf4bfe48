"""Slides of a deck; pages of a Word document from explicit breaks (an estimate, plus one)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

from curriculum_kit.ooxml.extent import extent, page_styles, pages_of
from curriculum_kit.ooxml.package import Package
from tests.conftest import REPO
from tests.fixtures import make_docx, make_pptx, textbox


def measure(path: Path) -> tuple[str, int]:
    with Package(path) as package:
        return extent(package)


def word(tmp_path: Path, build: Callable[[docx.document.Document], None]) -> Path:
    document = docx.Document()
    build(document)
    document.save(tmp_path / "doc.docx")
    return tmp_path / "doc.docx"


def test_a_deck_counts_its_slides(tmp_path):
    deck = make_pptx(tmp_path / "deck.pptx", [textbox("<a:p><a:r><a:t>one</a:t></a:r></a:p>")] * 3)
    assert measure(deck) == ("slides", 3)


def test_text_without_breaks_is_one_page(tmp_path):
    assert measure(word(tmp_path, lambda d: [d.add_paragraph("text") for _ in range(200)])) == ("pages", 1)


def test_a_page_break_adds_a_page(tmp_path):
    def build(d):
        d.add_paragraph("one").add_run().add_break(WD_BREAK.PAGE)
        d.add_paragraph("two")
    assert measure(word(tmp_path, build)) == ("pages", 2)


def test_page_break_before_directly_and_through_styles(tmp_path):
    def build(d):
        d.styles["Heading 1"].paragraph_format.page_break_before = True
        chapter = d.styles.add_style("Chapter", d.styles["Heading 1"].type)
        chapter.base_style = d.styles["Heading 1"]  # inherits the page break
        d.add_heading("First", 1)  # at the top of page 1: no blank page before it
        d.add_paragraph("text")
        d.add_heading("Second", 1)
        d.add_paragraph("text")
        d.add_paragraph("Third", style="Chapter")
        d.add_paragraph("text").paragraph_format.page_break_before = True
        d.add_heading("Not a new page", 1).paragraph_format.page_break_before = False
    assert measure(word(tmp_path, build)) == ("pages", 4)


def test_a_break_at_the_top_of_a_page_does_not_add_a_blank_one(tmp_path):
    def build(d):
        d.add_paragraph("one").add_run().add_break(WD_BREAK.PAGE)
        d.add_paragraph("two").paragraph_format.page_break_before = True
    assert measure(word(tmp_path, build)) == ("pages", 2)


def test_new_page_sections_count_and_continuous_ones_do_not(tmp_path):
    def build(d):
        d.add_paragraph("one")
        d.add_section(WD_SECTION.NEW_PAGE)
        d.add_paragraph("two")
        d.add_section(WD_SECTION.CONTINUOUS)
        d.add_paragraph("still two")
    assert measure(word(tmp_path, build)) == ("pages", 2)


def test_breaks_inside_a_text_box_do_nothing(tmp_path):
    body = ('<w:p><w:r><w:t>one</w:t></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
            '<w:p><w:r><w:br w:type="page"/><w:t>boxed</w:t></w:r></w:p>'
            '</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    assert measure(make_docx(tmp_path / "box.docx", body)) == ("pages", 1)


def test_the_sample_guide_counts_pages_from_its_headings_not_from_app_xml():
    """docProps/app.xml of the samples says 1 page (python-docx's template value)."""
    guide = REPO / "base_modules" / "linkages-orientation" / "facilitator-guide.docx"
    with Package(guide) as package:
        assert b"<Pages>1</Pages>" in package.read("docProps/app.xml")
    assert measure(guide) == ("pages", 21)


def test_pages_of_finds_each_paragraph_page_in_one_walk_and_gives_the_count_to_what_it_does_not_meet():
    document = docx.Document()
    first = document.add_paragraph("page one")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    second = document.add_paragraph("page two")
    document.add_heading("Heading", 1).paragraph_format.page_break_before = True
    third = document.add_paragraph("page three")
    table = document.add_table(1, 1)._tbl
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("page four")
    targets = [third._p, first._p, table, second._p]  # any order; a table is never met
    pages = pages_of(document.element, page_styles(document.styles.element), targets)
    assert pages == {first._p: 1, second._p: 2, third._p: 3, table: 4}


def test_pages_of_reads_where_word_last_broke_the_pages_but_the_page_count_does_not(tmp_path):
    """A Word guide of 50 pages without an explicit break put its 'Local information' at
    'about page 4': Word notes where each page began when it last drew the document
    (w:lastRenderedPageBreak), once after its own page breaks too."""
    from docx.oxml import OxmlElement

    document = docx.Document()
    for number in range(1, 6):
        paragraph = document.add_paragraph()
        if number > 1:
            paragraph.add_run()._r.append(OxmlElement("w:lastRenderedPageBreak"))
        paragraph.add_run(f"page {number}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    after_break = document.add_paragraph()
    after_break.add_run()._r.append(OxmlElement("w:lastRenderedPageBreak"))  # noted after the break: one page
    after_break.add_run("page 6")
    target = document.add_paragraph("Local information")
    assert pages_of(document.element, page_styles(document.styles.element), [target._p]) == {target._p: 6}
    document.save(tmp_path / "guide.docx")
    assert measure(tmp_path / "guide.docx") == ("pages", 2)  # what the author made explicit
