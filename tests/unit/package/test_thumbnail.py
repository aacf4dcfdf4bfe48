"""The catalog's title-slide picture: the deck PDF's first page, 320 pixels wide, same bytes
for the same PDF."""

from __future__ import annotations

import io
import shutil

import pikepdf
import pytest
from PIL import Image

from curriculum_kit.package.thumbnail import WIDTH, title_slide_png

needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                    reason="poppler-utils (pdftoppm) is not installed")


def deck_pdf() -> bytes:
    """Two 16:9 pages, the first with a blue band, the second plain."""
    pdf = pikepdf.new()
    for content in (b"0 0.37 0.66 rg 0 300 960 120 re f", b""):
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 960, 540],
                                  Contents=pdf.make_stream(content))
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


@needs_pdftoppm
def test_title_slide_is_the_first_page_at_catalog_size():
    png = title_slide_png(deck_pdf())
    assert png is not None and png == title_slide_png(deck_pdf())
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == (WIDTH, 180)
        assert image.convert("RGB").getpixel((WIDTH // 2, 45))[2] > 150  # the blue band of page 1
        assert image.convert("RGB").getpixel((WIDTH // 2, 150)) == (255, 255, 255)


@needs_pdftoppm
def test_a_pdf_pdftoppm_cannot_read_gives_no_picture():
    assert title_slide_png(b"%PDF-1.4 not really") is None
