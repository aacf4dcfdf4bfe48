"""A county's packets for one module, in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum_kit.formats.library import Library
from curriculum_kit.formats.session_day import roster_text
from curriculum_kit.generate.evaluation_doc import evaluation_docx
from curriculum_kit.generate.signin_doc import signin_docx
from curriculum_kit.ooxml.reading import document_blocks
from curriculum_kit.outputs import Stamp
from curriculum_kit.packets import county_documents
from tests.conftest import REPO

STAMP = Stamp.from_epoch(1767225600)


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(REPO / "base_modules", REPO / "county_overlays")


def texts(data: bytes) -> list[tuple[str, str]]:
    return [(b.label, b.text) for b in document_blocks(Path("x.docx"), data)]


@pytest.mark.parametrize("make, name", [(signin_docx, "sign-in-sheet.docx"), (evaluation_docx, "evaluation-form.docx")])
def test_session_sheets_for_later_modules_read_as_if_made_for_them(library, make, name):
    county = county_documents(library.overlays["manzanita-county"], STAMP)
    first, *others = [library.modules[m] for m in sorted(library.modules)]
    assert texts(county.session_sheet(name, first, make, STAMP)) == texts(make(first, county.material.overlay, STAMP))
    for module in others:
        derived = county.session_sheet(name, module, make, STAMP)
        assert texts(derived) == texts(make(module, county.material.overlay, STAMP))
        assert module.title in [text for label, text in texts(derived) if label == "properties"]


def test_without_a_plan_a_cover_names_the_roster_of_each_program(library):
    overlay = library.overlays["cypress-valley-county"]
    assert roster_text(overlay) == ("Co-facilitators: one of Derek Swanson, Lan Nguyễn or Ramona Figueroa (DFCS) "
                                    "with one of Bethany Cole or Imani Wright (EBS)")
    assert roster_text(library.overlays["california-statewide"]) == ("Co-facilitators: a CWS trainer with a "
                                                                     "CalWORKs trainer")  # no trainers there


def test_an_academy_files_headings_are_read_once_and_again_when_the_file_changes(tmp_path):
    from curriculum_kit.packets import _as_given

    path = tmp_path / "guide.docx"
    reads: list[str] = []

    def read(p):
        reads.append(p.read_text())
        return [p.read_text()]

    path.write_text("Welcome")
    assert _as_given(path, read) == ["Welcome"] and _as_given(path, read) == ["Welcome"]
    assert len(reads) == 1
    path.write_text("Welcome back")  # the academy published a new version under the same name
    assert _as_given(path, read) == ["Welcome back"] and len(reads) == 2


def test_a_builds_adapted_document_stores_its_changed_parts_with_what_adapt_writes(library):
    """The build's adapted module documents are read again at once by python-docx and
    python-pptx (which save them anew), so their changed parts are stored, not deflated;
    every entry holds what `adapt` writes into its own file."""
    import io
    import zipfile

    from curriculum_kit.ooxml.adapt import adapt_package
    from curriculum_kit.ooxml.package import Package
    from curriculum_kit.packets import _adapt

    overlay = library.overlays["alder-county"]
    module = library.modules["linkages-orientation"]
    for path in (module.facilitator_guide, module.slides):
        data, result = _adapt(path, overlay)
        written = io.BytesIO()
        with Package(path) as package:
            adapt_package(package, overlay.terms, written)
        assert sum(result.occurrences().values()) > 0
        with zipfile.ZipFile(io.BytesIO(data)) as built, zipfile.ZipFile(written) as adapted, \
                zipfile.ZipFile(path) as given:
            assert built.namelist() == adapted.namelist()
            assert all(built.read(name) == adapted.read(name) for name in built.namelist())
            changed = [name for name in built.namelist() if built.read(name) != given.read(name)]
            assert changed and all(built.getinfo(name).compress_type == zipfile.ZIP_STORED for name in changed)
