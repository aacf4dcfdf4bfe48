"""Saving through package_save gives exactly the bytes of the library's own save with the
entry times pinned, for Word files and decks, new or loaded, with pictures."""

from __future__ import annotations

import io
import zipfile

import docx
import pptx
import pytest
from PIL import Image
from pptx.util import Inches

from curriculum_kit.generate import package_save
from curriculum_kit.generate.package_save import saved_bytes
from curriculum_kit.ooxml.zipio import restamp
from tests.conftest import REPO

WHEN = (2026, 3, 4, 5, 6, 8)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 32), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _word() -> docx.document.Document:
    document = docx.Document()
    document.add_heading("Title", level=1)
    document.add_paragraph("Body text ü")
    document.add_picture(io.BytesIO(_png()))
    return document


def _deck() -> pptx.presentation.Presentation:
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.add_picture(io.BytesIO(_png()), Inches(1), Inches(1))
    slide.notes_slide.notes_text_frame.text = "notes"
    return presentation


def _library_save(document: docx.document.Document | pptx.presentation.Presentation) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return restamp(out.getvalue(), WHEN)


@pytest.mark.parametrize("make", [_word, _deck], ids=["docx", "pptx"])
def test_same_bytes_as_the_library_save_with_pinned_times(make):
    assert saved_bytes(make(), WHEN) == _library_save(make())


@pytest.mark.parametrize("name", ["facilitator-guide.docx", "slides.pptx"])
def test_same_bytes_for_a_loaded_module_document(name):
    data = (REPO / "base_modules" / "linkages-orientation" / name).read_bytes()
    opener = docx.Document if name.endswith(".docx") else pptx.Presentation
    assert saved_bytes(opener(io.BytesIO(data)), WHEN) == _library_save(opener(io.BytesIO(data)))


def test_a_time_before_1980_is_stored_as_1980():
    with zipfile.ZipFile(io.BytesIO(saved_bytes(_word(), (1970, 1, 1, 0, 0, 0)))) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_each_distinct_part_is_deflated_once(monkeypatch):
    package_save._deflated.clear()
    calls = []
    real = package_save.zlib.compressobj
    monkeypatch.setattr(package_save.zlib, "compressobj", lambda *a: calls.append(a) or real(*a))
    saved_bytes(_word(), WHEN)
    first = len(calls)
    saved_bytes(_word(), WHEN)
    assert first > 5 and len(calls) == first  # the second, identical document deflates nothing new


def test_relationships_written_once_per_set_are_each_documents_own(monkeypatch):
    """A part's relationships are serialised once per distinct set: a second deck with the
    same slides makes none, and decks whose slides relate to other parts (another picture,
    a link to an address, a slide moved) still save exactly as the library saves them."""
    package_save._RELATIONSHIPS.clear()
    made = []
    real = package_save._relationships_xml

    def counting(relationships):
        before = len(package_save._RELATIONSHIPS)
        xml = real(relationships)
        made.extend([xml] * (len(package_save._RELATIONSHIPS) - before))
        return xml

    monkeypatch.setattr(package_save, "_relationships_xml", counting)
    assert saved_bytes(_deck(), WHEN) == _library_save(_deck())
    first = len(made)
    assert first > 5
    assert saved_bytes(_deck(), WHEN) == _library_save(_deck())
    assert len(made) == first  # the same sets again: nothing new serialised

    def varied() -> pptx.presentation.Presentation:
        presentation = _deck()
        third = presentation.slides.add_slide(presentation.slide_layouts[5])  # the first slide's layout, and
        third.notes_slide.notes_text_frame.text = "more notes"  # notes: the same ids, other targets
        second = presentation.slides.add_slide(presentation.slide_layouts[1])
        second.shapes.add_picture(io.BytesIO(_png()), Inches(2), Inches(2))
        run = second.shapes.title.text_frame.paragraphs[0].add_run()
        run.text = "a link"
        run.hyperlink.address = "https://example.org/linkages"
        slides = presentation.slides._sldIdLst
        slides.insert(0, slides[-1])  # the new slide first
        return presentation

    assert saved_bytes(varied(), WHEN) == _library_save(varied())
    assert len(made) > first
    assert saved_bytes(_word(), WHEN) == _library_save(_word())


def test_while_preflight_reads_the_libraries_hand_out_plain_elements_and_their_own_after():
    import docx
    import pptx
    from lxml import etree

    from curriculum_kit.generate.package_save import plain_elements

    document, deck = docx.Document(), pptx.Presentation()
    document.add_paragraph().add_run("Welcome")
    deck.slides.add_slide(deck.slide_layouts[0])
    body, slide = document.element.body, deck.slides[0]._element
    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

    def kinds() -> set[type]:  # new proxies: nothing holds these elements while they are asked for
        return {type(body[0]), type(body[0][0]), type(next(slide.iter(f"{drawing}bodyPr")))}

    before = kinds()
    assert etree._Element not in before  # the libraries' classes: CT_P, CT_Slide, ...
    with plain_elements():
        assert kinds() == {etree._Element}
    assert kinds() == before
    with pytest.raises(RuntimeError), plain_elements():
        raise RuntimeError("a check failed")
    assert kinds() == before
