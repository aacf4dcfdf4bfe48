"""python-docx's and python-pptx's XPath look-ups, compiled once, find what lxml's own
``xpath()`` finds: every expression the libraries evaluate while a deck and a Word
document are built is evaluated both ways and compared."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
import docx.oxml.xmlchemy as docx_xmlchemy
import pptx
import pptx.oxml.xmlchemy as pptx_xmlchemy
import pytest
from docx.shared import Inches as DocxInches
from lxml import etree
from PIL import Image
from pptx.util import Inches, Pt

import curriculum_kit.generate.common  # noqa: F401  (installs the compiled look-ups)
from curriculum_kit.generate.compiled_xpath import use_compiled_xpath

Call = tuple[str, bool]  # (expression, whether the compiled look-up found what lxml's xpath() finds)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Call]]:
    """Every expression the libraries evaluate meanwhile, each evaluated both ways right
    then (the libraries change the tree as they go)."""
    seen: list[Call] = []
    for base, namespaces in ((docx_xmlchemy.BaseOxmlElement, docx_xmlchemy.nsmap),
                             (pptx_xmlchemy.BaseOxmlElement, pptx_xmlchemy._nsmap)):
        compiled = base.xpath

        def recording(self: etree._Element, expression: str, compiled: Any = compiled,
                      namespaces: dict[str, str] = namespaces) -> Any:
            mine = compiled(self, expression)
            theirs = etree._Element.xpath(self, expression, namespaces=namespaces)
            seen.append((expression, _same(mine, theirs)))
            return mine

        monkeypatch.setattr(base, "xpath", recording)
    yield seen


def _build_deck() -> None:
    presentation = pptx.Presentation()
    for layout in presentation.slide_layouts:
        slide = presentation.slides.add_slide(layout)
        for shape in slide.placeholders:
            if shape.has_text_frame:
                shape.text_frame.text = f"{shape.name} text"
                _ = (shape.left, shape.width, shape.placeholder_format.type)
        slide.notes_slide.notes_text_frame.text = "Say this."
        slide.shapes.add_picture(io.BytesIO(_png()), Inches(1), Inches(1))
        table = slide.shapes.add_table(2, 2, Inches(1), Inches(3), Inches(4), Inches(1)).table
        table.cell(0, 0).text = "Who"
        table.cell(1, 1).text_frame.paragraphs[0].runs or table.cell(1, 1).text_frame.paragraphs[0].add_run()
        box = slide.shapes.add_textbox(Inches(5), Inches(5), Inches(2), Inches(1))
        box.text_frame.text = "A box"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    presentation.save(io.BytesIO())


def _build_word() -> None:
    document = docx.Document()
    for level in range(4):
        document.add_heading(f"Heading {level}", level=level)
    paragraph = document.add_paragraph("Body ", style="List Bullet")
    paragraph.add_run("bold").bold = True
    table = document.add_table(rows=2, cols=3, style="Table Grid")
    table.cell(0, 0).text = "Name"
    table.rows[0].cells[1].merge(table.rows[0].cells[2])
    document.add_picture(io.BytesIO(_png()), width=DocxInches(1))
    section = document.sections[0]
    section.header.paragraphs[0].text = "Header"
    _ = (document.styles["Normal"].font.name, section.page_width, document.core_properties.title)
    document.save(io.BytesIO())


def _same(mine: Any, theirs: Any) -> bool:
    if isinstance(theirs, list):
        return isinstance(mine, list) and len(mine) == len(theirs) and all(
            a is b if isinstance(b, etree._Element) else a == b for a, b in zip(mine, theirs))
    return bool(mine == theirs)


@pytest.mark.parametrize("build", [_build_deck, _build_word])
def test_every_lookup_finds_what_lxml_finds_for_the_expression_as_a_string(build: Any, calls: list[Call]) -> None:
    build()
    expressions = {expression for expression, _ in calls}
    assert len(expressions) >= 5, expressions  # the libraries looked many kinds of things up
    assert [expression for expression, same in calls if not same] == []


def test_the_lookups_are_installed_once_in_both_libraries() -> None:
    installed = (docx_xmlchemy.BaseOxmlElement.xpath, pptx_xmlchemy.BaseOxmlElement.xpath)
    assert all(xpath.__module__ == "curriculum_kit.generate.compiled_xpath" for xpath in installed)
    use_compiled_xpath()
    assert (docx_xmlchemy.BaseOxmlElement.xpath, pptx_xmlchemy.BaseOxmlElement.xpath) == installed
