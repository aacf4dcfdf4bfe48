"""What Excel and LibreOffice write into a CSV must be ACCEPTED (docs/formats.md, terminology.csv):
a byte-order mark, ';' or tab separators, CRLF, quoted cells with commas and line breaks,
trailing empty columns, '#' comment rows, blank rows; cells are trimmed."""

from __future__ import annotations

from tests.unit.formats.conftest import OVERLAYS, findings, library, write_overlay

CSV = "overlays/alder-county/terminology.csv"
EXPECTED = {"Child Welfare Services": "Department of Children and Family Services",
            "social worker": "children's social worker"}


def loaded_terms(data: str | bytes) -> dict[str, str]:
    """Write terminology.csv, require no findings, and return {term: replacement}."""
    write_overlay(terminology=data)
    assert findings() == []
    return {t.term: t.replacement for t in library().overlay("alder-county").terms}


def test_byte_order_mark():
    data = "\ufeffterm,replacement\nChild Welfare Services,Department of Children and Family Services\n" \
           "social worker,children's social worker\n"
    assert loaded_terms(data.encode("utf-8")) == EXPECTED


def test_crlf_line_ends():
    data = "term,replacement\r\nChild Welfare Services,Department of Children and Family Services\r\n" \
           "social worker,children's social worker\r\n"
    assert loaded_terms(data.encode("utf-8")) == EXPECTED


def test_semicolon_separator():
    data = "term;replacement;case;note\nChild Welfare Services;Department of Children and Family Services;;" \
           "name, long\nsocial worker;children's social worker;;\n"
    assert loaded_terms(data) == EXPECTED


def test_tab_separator():
    data = "term\treplacement\nChild Welfare Services\tDepartment of Children and Family Services\n" \
           "social worker\tchildren's social worker\n"
    assert loaded_terms(data) == EXPECTED


def test_excel_everything_at_once():
    """BOM + ';' + CRLF, as Excel writes 'CSV UTF-8' in a European locale."""
    data = "\ufeffterm;replacement;case;note\r\nChild Welfare Services;Department of Children and Family " \
           "Services;;\r\nsocial worker;children's social worker;;\r\n"
    assert loaded_terms(data.encode("utf-8")) == EXPECTED


def test_quoted_cells_with_commas_and_line_breaks():
    data = ('term,replacement,case,note\n'
            'social worker,"social worker, children\'s services",,"first line\nsecond line, with a comma"\n'
            '"Child Welfare Services","Department of Children and Family Services",,\n')
    assert loaded_terms(data) == {"social worker": "social worker, children's services",
                                  "Child Welfare Services": "Department of Children and Family Services"}


def test_line_numbers_count_line_breaks_inside_quoted_cells():
    write_overlay(terminology='term,replacement,case,note\nCWS,DCFS,,"one\ntwo\nthree"\nsocial worker,,,\n')
    assert findings() == [f"{CSV}:5: error: term 'social worker' has an empty replacement"]


def test_trailing_empty_columns():
    data = "term,replacement,,,\nChild Welfare Services,Department of Children and Family Services,,,\n" \
           "social worker,children's social worker,,,\n"
    assert loaded_terms(data) == EXPECTED


def test_comment_rows_and_blank_rows_are_skipped():
    data = "term,replacement\n# department names first\nChild Welfare Services,Department of Children and " \
           "Family Services\n\n,\n  # indented comment,ignored\nsocial worker,children's social worker\n"
    assert loaded_terms(data) == EXPECTED


def test_cells_and_header_are_trimmed_and_header_is_case_insensitive():
    data = " Term , Replacement \n  Child Welfare Services  , Department of Children and Family Services \n" \
           "social worker,children's social worker   \n"
    assert loaded_terms(data) == EXPECTED


def test_contacts_from_excel_with_semicolons_bom_and_crlf():
    data = "\ufeffprogram;role;name;title;phone;email;location;notes\r\nCWS;Linkages liaison;Dana Whitfield;" \
           "Supervisor;(555) 555-0101;dana@example.org;Main Office, Room 210;\r\n"
    write_overlay(contacts=None)
    (OVERLAYS / "alder-county" / "contacts.csv").write_bytes(data.encode("utf-8"))
    assert findings() == []
