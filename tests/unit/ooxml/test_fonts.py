"""The fonts a document prints with: named in its text, in the styles its text uses, or its
theme's heading and body fonts where the text refers to them; not the fonts of styles no
text uses, nor a deck's speaker notes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pptx
from docx.enum.style import WD_STYLE_TYPE
from pptx.util import Inches

from curriculum_kit.ooxml.fonts import printed_fonts
from curriculum_kit.ooxml.package import Package


def _fonts(name: str, data: bytes) -> set[str]:
    with Package(Path(name), data) as package:
        return printed_fonts(package)


def _saved(document) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _theme_fonts(data: bytes, part: str) -> tuple[str, str]:
    theme = zipfile.ZipFile(io.BytesIO(data)).read(part).decode()
    major = theme.split("<a:majorFont>")[1].split('typeface="')[1].split('"')[0]
    minor = theme.split("<a:minorFont>")[1].split('typeface="')[1].split('"')[0]
    return major, minor


def _style(document, name: str, font: str, based_on: str | None = None):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if font:
        style.font.name = font
    if based_on:
        style.base_style = document.styles[based_on]
    return style


def test_word_fonts_come_from_runs_used_styles_and_the_theme():
    document = docx.Document()
    _style(document, "Agenda Title", "Georgia")
    _style(document, "Unused", "Impact")  # a style no paragraph uses
    document.add_paragraph("Agenda", style="Agenda Title")
    document.add_heading("Morning", level=1)  # the theme's heading font
    document.add_paragraph("Body text ").add_run("in Verdana").font.name = "Verdana"
    data = _saved(document)
    fonts = _fonts("guide.docx", data)
    heading, body = _theme_fonts(data, "word/theme/theme1.xml")
    assert {"Georgia", "Verdana", heading, body} <= fonts
    assert "Impact" not in fonts
    assert "Courier" not in fonts  # python-docx's template defines it in a style nothing uses


def test_a_style_inherits_the_font_of_the_style_it_is_based_on():
    document = docx.Document()
    _style(document, "Agenda Title", "Georgia")
    _style(document, "Agenda Subtitle", "", based_on="Agenda Title")
    document.add_paragraph("Morning", style="Agenda Subtitle")
    assert "Georgia" in _fonts("guide.docx", _saved(document))


def test_a_theme_font_wins_over_the_font_named_beside_it():
    """Word ignores w:ascii where w:asciiTheme is set (python-docx's font.name on a heading
    style sets the first and leaves the second): the heading prints in the theme's font."""
    document = docx.Document()
    document.styles["Heading 1"].font.name = "Georgia"
    document.add_heading("Agenda", level=1)
    data = _saved(document)
    assert "Georgia" not in _fonts("guide.docx", data)
    assert _theme_fonts(data, "word/theme/theme1.xml")[0] in _fonts("guide.docx", data)


def test_deck_fonts_resolve_theme_references_and_skip_speaker_notes():
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
    box.text_frame.paragraphs[0].add_run().text = "Welcome"
    box.text_frame.paragraphs[0].runs[0].font.name = "Verdana"
    notes = slide.notes_slide.notes_text_frame.paragraphs[0].add_run()
    notes.text = "Say hello"
    notes.font.name = "Comic Sans MS"
    data = _saved(deck)
    fonts = _fonts("slides.pptx", data)
    major, minor = _theme_fonts(data, "ppt/theme/theme1.xml")
    assert {"Verdana", major, minor} <= fonts
    assert "Comic Sans MS" not in fonts
    assert not any(font.startswith("+") for font in fonts)


def test_a_libreoffice_list_of_fallbacks_counts_as_its_first_font():
    document = docx.Document()
    document.add_paragraph().add_run("text").font.name = "Open Sans;Arial;sans-serif"
    fonts = _fonts("guide.docx", _saved(document))
    assert "Open Sans" in fonts
    assert not any(";" in font for font in fonts)
