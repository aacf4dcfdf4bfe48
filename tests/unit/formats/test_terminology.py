"""terminology.csv: header, rows, duplicates, case modes, encoding and chain warnings."""

from __future__ import annotations

import pytest

from curriculum_kit.findings import Findings
from curriculum_kit.formats.terms import read_terminology
from tests.unit.formats.conftest import OVERLAYS, findings, validate_cli, write_overlay

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


def test_a_replacement_spanning_several_lines_and_a_bad_case_name_their_cells_in_a_workbook(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Terms"
    for row in (["term", "replacement", "case"], ["CWS", "DCFS", "yes"], ["social worker", "case\nworker", ""]):
        book.active.append(row)
    book.save(tmp_path / "terminology.xlsx")
    found = Findings()
    read_terminology(tmp_path / "terminology.xlsx", found)
    assert [(f.line, f.message) for f in found.errors] == [
        ("Terms!C2", "case 'yes' must be 'auto' or 'exact'"),
        ("Terms!B3", "the replacement of term 'social worker' spans several lines in one cell")]


def test_two_spaces_typed_in_a_term_are_one():
    with_terms("term,replacement\nsocial  worker,caseworker\n")
    assert findings() == []
    assert [t.term for t in read_terminology(OVERLAYS / "alder-county" / "terminology.csv", Findings())] == \
        ["social worker"]


def test_control_character_in_a_cell():
    with_terms('term,replacement\nCWS,"DC\x0bFS"\n')
    assert findings() == [f"{CSV}:2: error: column 'replacement' ('DC\\x0bFS') contains the control character U+000B, "
                          "which a Word or PowerPoint file cannot hold"]


def test_duplicate_term():
    with_terms("term,replacement\nCWS,DCFS\nsocial worker,caseworker\nCWS,Children's Services\n")
    assert findings() == [f"{CSV}:4: error: duplicate term 'CWS' (first on line 2)"]


def test_a_row_with_capitals_next_to_its_lowercase_row_is_a_more_specific_rule():
    """Counties write 'Labbie' for the job title and 'labbie' in running text: two rules."""
    with_terms("term,replacement,case\nlabbie,technician,\nLabbie,Technician,\nSocial Worker,Case Worker,\n"
               "social worker,caseworker,\ncase plan,family plan,exact\ncase plan,service plan,\n")
    assert findings() == []


def test_same_term_and_same_case_rule_is_a_duplicate():
    with_terms("term,replacement,case\nCWS,DCFS,\nCWS,Children's Services,exact\n"
               "case plan,family plan,exact\ncase plan,service plan,exact\n")
    assert findings() == [f"{CSV}:3: error: duplicate term 'CWS' (first on line 2)",
                          f"{CSV}:5: error: duplicate term 'case plan' (first on line 4)"]


def test_a_row_replacing_a_term_by_itself_is_a_warning():
    with_terms("term,replacement\nCWS,CWS\nsocial worker,social worker\nCalWORKs,CALWORKS\n")
    assert findings() == [
        f"{CSV}:2: warning: term 'CWS' is replaced by itself, which changes nothing (it only keeps a "
        "parent overlay's row for it from applying)",
        f"{CSV}:3: warning: term 'social worker' is replaced by itself, which changes nothing (it only keeps "
        "a parent overlay's row for it from applying)"]


@pytest.mark.parametrize("row, column, shown", [
    ("{{ck:contacts}},Contacts", "term", "{{ck:contacts}}"),
    ("CWS,{{ ck:stories}}", "replacement", "{{ ck:stories}}"),
    ("social worker,Social Worker {{CK:x", "replacement", "Social Worker {{CK:x"),
])
def test_marker_syntax_in_a_term_or_replacement_is_an_error(row, column, shown):
    """A row holding a marker's opening would make or break markers when text is rewritten
    (the check every text a county types goes through, see test_untrusted_text)."""
    with_terms(f"term,replacement\nsocial worker,{{ck:fine}}\n{row}\n")
    assert findings() == [f"{CSV}:3: error: column '{column}' ('{shown}') contains marker syntax ({{{{ck:); "
                          "markers belong in module documents, not in what goes into them"]


def test_single_braces_are_text():
    with_terms("term,replacement\nsocial worker,{ck:fine} {{ not a marker }}\n")
    assert findings() == []


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


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])  # with a byte-order mark, and without
def test_utf16_text_is_said_to_be_so(encoding):
    with_terms("term,replacement\nCWS,DCFS\n".encode(encoding))  # it decoded as UTF-8: 't\x00e\x00r\x00m\x00'
    assert findings() == [f"{CSV}: error: is UTF-16 text ('Unicode Text'), not UTF-8; save it as UTF-8 (in Excel: "
                          "Save As > 'CSV UTF-8 (Comma delimited)')"]


def test_a_quote_never_closed_is_named_where_it_opens():
    rows = "".join(f"term {n},replacement {n},,note {n}\n" for n in range(8))
    with_terms('term,replacement,case,note\nCWS,"DCFS,,acronym\n' + rows + 'WTW,WorkBridge,,"the" name\n')
    assert findings() == [f'{CSV}:2: error: has a quoted cell that runs on to line 11, swallowing the rows between '
                          '(a lone " typed in a cell?); close the quote, or double it ("")']


def test_a_note_of_a_few_lines_is_a_cell():
    with_terms('term,replacement,case,note\nCWS,DCFS,,"line one\nline two, with a comma\nline three"\n')
    assert findings() == []


def test_a_workbook_saved_under_the_csv_name_is_said_to_be_one():
    with_terms(b"PK\x03\x04" + b"term,replacement\n")  # a zip's signature: the rest would decode as text
    assert findings() == [f"{CSV}: error: is a zip file (an Excel workbook or an Office document), not text; save "
                          "it as text (in Excel: Save As > 'CSV UTF-8 (Comma delimited)')"]


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


def test_an_expansion_of_its_own_term_or_of_its_sibling_is_no_chain():
    with_terms("term,replacement\nCCR,Continuum of Care Reform (CCR)\nlabbie,Labbie technician\n"
               "Labbie,Labbie Technician\n")
    assert findings() == []


def test_a_row_that_stops_two_replacements_doubling_a_word_is_no_chain():
    """'CWS case plan' would read 'DCFS DCFS case plan' with the two rows above it alone; the
    county's third row writes the other row's own result, so it is no chain."""
    with_terms("term,replacement\nCWS,DCFS\ncase plan,DCFS case plan\nCWS case plan,DCFS case plan\n"
               "Family Reunification,Family Reunification Services\n"
               "Family Reunification services,Family Reunification Services\n")
    assert findings() == []


def test_chains_are_found_under_each_rows_case_rule():
    from curriculum_kit.formats.terms import Term, chains
    rows = (Term("CWS", "DCFS"), Term("DCFS", "the dcfs office"), Term("office", "Office of the Director"),
            Term("dcfs office", "x"), Term("Director", "Chief"), Term("social", "community social worker"),
            Term("social worker", "SW"), Term("(SW)", "the SW team"))
    assert [(row.term, other.term) for row, other in chains(rows)] == [
        ("CWS", "DCFS"), ("DCFS", "office"), ("DCFS", "dcfs office"), ("office", "Director"),
        ("social", "social worker")]


def test_a_file_just_over_its_size_says_by_how_much(tmp_path):
    """'is 50.0 MB; a sign-in file may be at most 50.0 MB' said nothing of what was wrong."""
    from curriculum_kit.errors import InputError
    from curriculum_kit.formats.sources import read_bytes

    path = tmp_path / "signins.csv"
    path.write_bytes(b"x" * ((1 << 20) + 17))
    with pytest.raises(InputError) as caught:
        read_bytes(path, 1 << 20, "a sign-in file")
    assert caught.value.message == "is 1,048,593 bytes; a sign-in file may be at most 1,048,576 bytes"
    path.write_bytes(b"x" * (3 << 20))
    with pytest.raises(InputError) as caught:
        read_bytes(path, 1 << 20, "a sign-in file")
    assert caught.value.message == "is 3.0 MB; a sign-in file may be at most 1.0 MB"
