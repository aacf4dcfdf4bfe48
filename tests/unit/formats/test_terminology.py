"""terminology.csv: header, rows, duplicates, case modes, encoding and chain warnings."""

from __future__ import annotations

import pytest

from tests.unit.formats.conftest import findings, validate_cli, write_overlay

CSV = "overlays/alder-county/terminology.csv"


def with_terms(text: str | bytes) -> None:
    write_overlay(terminology=text)


def test_valid_terminology_has_no_findings():
    with_terms("term,replacement,case,note\nChild Welfare Services,DCFS,,department\nsocial worker,"
               "children's social worker,auto,\nCalWORKs,ETA,exact,acronym\n")
    assert findings() == []


# --- header --------------------------------------------------------------------------------

def test_unknown_column_suggests_the_known_one():
    with_terms("term,replacment,case,note\nCWS,DCFS,,\n")
    assert findings() == [f"{CSV}:1: error: unknown column 'replacment' (did you mean 'replacement'?); the "
                          "header must be term,replacement with optional case,note"]


def test_missing_column():
    with_terms("term,note\nCWS,acronym\n")
    assert findings() == [f"{CSV}:1: error: missing column 'replacement'; the header must start term,replacement"]


def test_column_twice_in_the_header():
    with_terms("term,replacement,note,note\nCWS,DCFS,,\n")
    assert findings() == [f"{CSV}:1: error: column 'note' appears twice in the header"]


def test_empty_file():
    with_terms("")
    assert findings() == [f"{CSV}:1: error: is empty; the first line must be the header: term,replacement"]


# --- rows ------------------------------------------------------------------------------------

def test_row_with_too_many_cells():
    with_terms("term,replacement,case,note\nCWS,DCFS,,acronym\nsocial worker,children's, social worker,,note\n")
    assert findings() == [f"{CSV}:3: error: row has 5 cells but the header has 4 (an unquoted comma?)"]


def test_row_with_too_few_cells():
    with_terms("term,replacement\nCWS,DCFS\nsocial worker\n")
    assert findings() == [f"{CSV}:3: error: row has 1 cell but the header has 2 (no value for replacement)"]


def test_empty_term():
    with_terms("term,replacement\nCWS,DCFS\n,Children's Services\n")
    assert findings() == [f"{CSV}:3: error: empty term (every row needs a term and its replacement)"]


def test_empty_replacement():
    with_terms("term,replacement\nCWS,DCFS\nsocial worker,  \n")
    assert findings() == [f"{CSV}:3: error: term 'social worker' has an empty replacement"]


def test_term_spanning_several_lines_in_one_cell():
    with_terms('term,replacement\n"social\nworker",caseworker\n')
    assert findings() == [f"{CSV}:2: error: term 'social\\nworker' spans several lines in one cell"]


def test_control_character_in_a_cell():
    with_terms('term,replacement\nCWS,"DC\x0bFS"\n')
    assert findings() == [f"{CSV}:2: error: column 'replacement' ('DC\\x0bFS') contains the control character U+000B, "
                          "which a Word or PowerPoint file cannot hold"]


def test_duplicate_term():
    with_terms("term,replacement\nCWS,DCFS\nsocial worker,caseworker\nCWS,Children's Services\n")
    assert findings() == [f"{CSV}:4: error: duplicate term 'CWS' (first on line 2)"]


def test_duplicate_of_a_lowercase_term_differs_only_in_case():
    with_terms("term,replacement\nsocial worker,caseworker\nSocial Worker,Case Worker\n")
    assert findings() == [f"{CSV}:3: error: duplicate term 'Social Worker' (first on line 2)"]


def test_terms_with_capitals_differing_in_case_are_distinct():
    with_terms("term,replacement\nCalWORKs,ETA\nCALWORKS,ETA\n")
    assert findings() == []


@pytest.mark.parametrize("case", ["sometimes", "ignore"])
def test_bad_case_value(case):
    with_terms(f"term,replacement,case\nCWS,DCFS,{case}\n")
    assert findings() == [f"{CSV}:2: error: case '{case}' must be 'auto' or 'exact'"]


def test_case_value_is_not_case_sensitive():
    with_terms("term,replacement,case\nCWS,DCFS,Exact\nsocial worker,caseworker,AUTO\n")
    assert findings() == []


def test_not_utf8_names_the_line():
    with_terms("term,replacement\nCWS,DCFS\nNiños,Children\n".encode("cp1252"))
    assert findings() == [f"{CSV}:3: error: is not UTF-8 text (byte 0xF1); save it as UTF-8 (in Excel: "
                          "Save As > 'CSV UTF-8 (Comma delimited)')"]


# --- chains ---------------------------------------------------------------------------------------

CHAIN = "term,replacement\nCWS,DCFS\nDCFS,Department of Children and Family Services\n"
CHAIN_WARNING = (f"{CSV}:2: warning: replacement 'DCFS' contains the term 'DCFS' of another row (line 3); "
                 "replacements are never replaced again, so check this is what you meant")


def test_replacement_containing_another_term_is_a_warning():
    with_terms(CHAIN)
    assert findings() == [CHAIN_WARNING]


def test_replacement_containing_another_term_still_validates():
    with_terms(CHAIN)
    result = validate_cli()
    assert result.exit_code == 0
    first, summary = result.output.splitlines()
    assert first == CHAIN_WARNING
    assert summary.startswith("0 errors, 1 warning (")


def test_term_inside_a_longer_word_is_no_chain():
    with_terms("term,replacement\nCWS,DCFS\nDCFS worker,social worker\nsocial,community\n")
    assert findings() == [f"{CSV}:3: warning: replacement 'social worker' contains the term 'social' of "
                          "another row (line 4); replacements are never replaced again, so check this is "
                          "what you meant"]
