"""Coverage: dead terminology rows and candidate words, on the samples."""

from __future__ import annotations

import pytest

from curriculum_kit.formats.library import Library
from curriculum_kit.versioning.coverage import coverage, example_sentence, term_kind
from tests.conftest import REPO


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(REPO / "base_modules", REPO / "county_overlays")


@pytest.mark.parametrize("term, kind", [
    ("CFT", "acronym"), ("HSP", "acronym"), ("CalWORKs", None), ("eligibility worker", "job title"),
    ("Linkages coordinators", "job title"), ("Family Reunification", "name"), ("Welfare-to-Work", "name"),
    ("Department of Social Services", "name"), ("Child and Family Team meeting", "name"), ("case plan", None),
    ("foster parent", None), ("Juvenile", None),
])
def test_kinds_of_terms(term, kind):
    assert term_kind(term) == kind


def test_example_sentences_are_one_sentence_cut_at_words():
    text = "First one. Find the CFT here, please! Last."
    assert example_sentence(text, text.index("CFT"), text.index("CFT") + 3) == "Find the CFT here, please!"
    long = "Start " + "word " * 40 + "CFT" + " more" * 40 + "."
    sentence = example_sentence(long, long.index("CFT"), long.index("CFT") + 3)
    assert sentence.startswith("…word ") and sentence.endswith(" more…") and "CFT" in sentence
    assert len(sentence) <= 112


def test_dead_rows_and_ranked_candidates(library):
    report = coverage(library, "alder-county")
    assert [(row.term, row.line) for row in report.dead] == [
        ("Linkages coordinators", 23), ("Juvenile Court", 28), ("Cal-Learn", 29), ("Linkages case conference", 30),
        ("Differential Response", 31)]
    assert report.dead[0].path.endswith("county_overlays/alder-county/terminology.csv")
    assert [(c.term, c.kind, c.source, c.occurrences) for c in report.candidates] == [
        ("HSP", "acronym", "mapped by cypress-valley-county", 42),  # a text box once, not with its copy
        ("CFT", "acronym", "mapped by cypress-valley-county", 29),
        ("Department of Social Services", "name", "only california-statewide maps it", 6),
        ("USB", "acronym", "nobody maps it", 4),
        ("Family Maintenance services", "name", "mapped by cypress-valley-county", 2),
        ("Employment Services unit", "name", "mapped by manzanita-county", 1)]
    assert report.candidates[3].example == "Slide deck on a laptop, plus a backup copy on a USB drive"


def test_a_parent_mapping_the_county_has_not_made_its_own(library):
    report = coverage(library, "manzanita-county", ["linkages-orientation"])
    assert report.modules == ["linkages-orientation"]
    first = report.candidates[0]
    assert (first.term, first.source, first.occurrences) == ("Welfare-to-Work", "only california-statewide maps it", 13)
    assert ("Regional Training Academy", "only sierra-foothills-region maps it") in \
        [(c.term, c.source) for c in report.candidates]
