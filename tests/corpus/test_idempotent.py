"""Adapting an adapted document changes nothing: for every sample overlay, on every real
file of the corpus and every sample module document, a second `adapt` finds no term and
writes the first output again byte for byte. An expansion row ('CCR' -> 'Continuum of Care
Reform (CCR)') must leave text that already reads as its replacement alone, or it doubles it.
"""

from __future__ import annotations

import pytest

from curriculum_kit.adapting import adapt_file
from curriculum_kit.errors import PackageError
from curriculum_kit.formats.library import Library
from curriculum_kit.ooxml.matcher import _holds_own_term
from tests.conftest import REPO, corpus_files

OVERLAYS = REPO / "county_overlays"
SLUGS = sorted(p.name for p in OVERLAYS.iterdir() if (p / "overlay.toml").is_file())
DOCUMENTS = [p for p in corpus_files("docx", "pptx") if p.suffix in (".docx", ".pptx")] + \
    sorted(p for p in (REPO / "base_modules").glob("*/*") if p.suffix in (".docx", ".pptx"))


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(REPO / "base_modules", OVERLAYS, modules=False)


@pytest.mark.parametrize("slug", SLUGS)
def test_adapting_an_adapted_document_changes_nothing(slug, library, tmp_path):
    terms = library.overlay(slug).terms
    assert any(_holds_own_term(t) for t in terms), "every sample overlay has an expansion row to test"
    kept = 0
    for source in DOCUMENTS:
        once, twice = tmp_path / f"once{source.suffix}", tmp_path / f"twice{source.suffix}"
        try:
            adapt_file(source, once, terms)
        except PackageError:  # a corpus file adapt refuses (a template saved under .docx) is not the point here
            continue
        again = adapt_file(once, twice, terms)
        assert dict(again.occurrences()) == {}, f"{source.name}: a second adapt replaced {dict(again.occurrences())}"
        assert twice.read_bytes() == once.read_bytes(), source.name
        kept += again.already_adapted_count
    assert kept > 0, "the second pass left places already adapted alone"
