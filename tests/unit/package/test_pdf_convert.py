"""PDF conversion: batches per kind of file, split over several LibreOffice processes, give
the same PDFs as one process; later starts reuse a set-up profile without changing them."""

from __future__ import annotations

from pathlib import Path

import docx
import pptx
import pytest

from curriculum_kit.errors import BuildError
from curriculum_kit.package import pdf
from curriculum_kit.package.pdf import batches, convert
from tests.conftest import needs_soffice

WHEN = "20260101000000"


def _files(folder: Path, sizes: dict[str, int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, size in sizes.items():
        path = folder / name
        path.write_bytes(b"x" * size)
        paths.append(path)
    return paths


def test_one_batch_per_kind_with_one_instance(tmp_path):
    files = _files(tmp_path, {"a.docx": 10, "b.docx": 10, "deck.pptx": 50, "c.DOCX": 5})
    assert batches(files, 1) == [("impress_pdf_Export", [files[2]]),
                                 ("writer_pdf_Export", [files[0], files[1], files[3]])]


def test_the_largest_batch_is_split_while_instances_are_idle(tmp_path):
    files = _files(tmp_path, {"a.docx": 40, "b.docx": 30, "c.docx": 20, "d.docx": 10, "deck.pptx": 5})
    result = batches(files, 3)
    assert result == [("writer_pdf_Export", [files[0], files[2]]), ("writer_pdf_Export", [files[1], files[3]]),
                      ("impress_pdf_Export", [files[4]])]


def test_a_single_file_is_never_split(tmp_path):
    files = _files(tmp_path, {"deck.pptx": 5})
    assert batches(files, 4) == [("impress_pdf_Export", files)]
    assert batches([], 4) == []


def _documents(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for number in range(3):
        document = docx.Document()
        document.add_heading(f"Handout {number}", level=1)
        document.add_paragraph("Both programs meet the family together. " * 20)
        paths.append(folder / f"handout-{number}.docx")
        document.save(paths[-1])
    deck = pptx.Presentation()
    deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text = "Linkages"
    paths.append(folder / "slides.pptx")
    deck.save(paths[-1])
    return paths


@needs_soffice
def test_parallel_processes_and_a_reused_profile_give_the_same_pdfs(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "_seed", None)
    files = _documents(tmp_path / "in")
    one = convert(files, tmp_path / "one", WHEN, instances=1)
    assert pdf._seed is not None  # the first start's profile is kept for the next ones
    three = convert(files, tmp_path / "three", WHEN, instances=3)
    assert sorted(one) == sorted(three) == sorted(files)
    for source in files:
        assert one[source].read_bytes()[:5] == b"%PDF-"
        assert one[source].read_bytes() == three[source].read_bytes(), source.name


@needs_soffice
def test_a_file_libreoffice_cannot_read_fails_naming_it(tmp_path):
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"PK\x03\x04" + bytes(40))  # a zip's first header, then nothing
    with pytest.raises(BuildError) as caught:
        convert([broken], tmp_path / "out", WHEN, instances=2)
    assert caught.value.path == broken
    assert caught.value.message == "LibreOffice could not convert this file to PDF"
