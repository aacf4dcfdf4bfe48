"""Terms, contacts and org charts kept in Excel workbooks: same checks, cells named, values as shown."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from curriculum_kit.findings import Findings
from curriculum_kit.formats.contacts import read_contacts
from curriculum_kit.formats.workbook import cell_text
from tests.unit.formats.conftest import OVERLAYS, findings, write_overlay
from tests.workbooks import csvs_to_workbooks

FOLDER = OVERLAYS / "alder-county"


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


CONTACT_HEADER = ["program", "role", "name", "title", "phone", "email"]


def test_a_folder_of_workbooks_validates_like_its_csv_files():
    write_overlay()
    assert csvs_to_workbooks(FOLDER, combined=False) == ["terminology.csv", "contacts.csv", "orgchart.csv"]
    assert findings() == []


def test_one_overlay_workbook_with_a_sheet_per_list_validates():
    write_overlay()
    csvs_to_workbooks(FOLDER, combined=True)
    assert sorted(p.name for p in FOLDER.iterdir() if p.is_file()) == ["overlay.toml", "overlay.xlsx"]
    assert findings() == []


def test_a_bad_phone_names_the_workbook_sheet_and_cell():
    write_overlay(contacts=None)
    workbook(FOLDER / "contacts.xlsx", {"Contacts": [
        CONTACT_HEADER,
        ["cws", "Liaison", "Dana Whitfield", "Supervisor", "(555) 555-0101", "dana@example.org"],
        ["calworks", "Liaison", "Luis Ortega", "Supervisor", "555-01", "luis@example.org"]]})
    assert findings() == ["overlays/alder-county/contacts.xlsx: Contacts!E3: error: phone '555-01' of "
                          "'Luis Ortega' needs ten digits, like (530) 555-0142 or 530-555-0142 x12"]


@pytest.mark.parametrize("second, error", [
    # a sheet with a space in its name is quoted as Excel quotes it
    ([100, "Ben Okafor", "Deputy", "cws", 100], "'Org chart'!A3: error: duplicate id '100' (first at 'Org chart'!A2)"),
    # a reports_to of no one is named at its own cell
    ([101, "Ben Okafor", "Deputy", "cws", 102], "'Org chart'!E3: error: 'Ben Okafor' reports_to '102', which is no "
                                                "one's id"),
])
def test_org_chart_errors_name_the_sheet_and_cell_as_excel_does(second, error):
    write_overlay(orgchart=None)
    workbook(FOLDER / "overlay.xlsx", {"Org chart": [
        ["id", "name", "title", "program", "reports_to"], [100, "Alicia Grant", "Director", "both", None], second]})
    assert findings() == [f"overlays/alder-county/overlay.xlsx: {error}"]


def test_a_phone_typed_as_a_number_keeps_its_digits():
    write_overlay(contacts=None)
    path = workbook(FOLDER / "contacts.xlsx", {"Sheet1": [
        CONTACT_HEADER, ["cws", "Liaison", "Dana Whitfield", "Supervisor", 5305550142, "dana@example.org"]]})
    found = Findings()
    assert read_contacts(path, found)[0].phone == "5305550142"
    assert found.items == []


def test_a_carriage_return_excel_escaped_is_a_line_break():
    write_overlay(contacts=None)
    path = workbook(FOLDER / "contacts.xlsx", {"Contacts": [
        CONTACT_HEADER + ["location"],
        ["cws", "Liaison", "Luis Ortega\r", "Supervisor", "(555) 555-0101", "luis@example.org",
         "Fernvale Family Center\r\nRoom 210"]]})  # saved as '_x000D_' in the file, as Excel saves it
    found = Findings()
    contact = read_contacts(path, found)[0]
    assert (contact.name, contact.location) == ("Luis Ortega", "Fernvale Family Center\nRoom 210")
    assert found.items == []


def test_a_formula_that_failed_is_an_error_naming_its_cell():
    write_overlay(contacts=None)
    workbook(FOLDER / "contacts.xlsx", {"Contacts": [
        CONTACT_HEADER, ["cws", "Liaison", "#N/A", "Supervisor", "(555) 555-0101", "dana@example.org"]]})
    assert findings() == ["overlays/alder-county/contacts.xlsx: error: Contacts!C2 holds Excel's error #N/A (a "
                          "formula that failed); fix the formula or type the value"]


def test_an_unknown_column_names_its_header_cell():
    write_overlay(terminology=None)
    workbook(FOLDER / "terminology.xlsx", {"Terms": [["term", "replacment"], ["CWS", "DCFS"]]})
    assert findings() == ["overlays/alder-county/terminology.xlsx: Terms!B1: error: unknown column 'replacment' "
                          "(did you mean 'replacement'?); the header must be term,replacement with optional case,note"]


def test_a_value_beyond_the_header_is_an_error_naming_its_column():
    write_overlay(terminology=None)
    workbook(FOLDER / "terminology.xlsx", {"Terms": [["term", "replacement"], ["CWS", "DCFS", None, "oops"]]})
    assert findings() == ["overlays/alder-county/terminology.xlsx: Terms!D2: error: "
                          "a value in column D, which has no header"]


def test_a_cell_no_document_can_hold_is_named_by_its_own_cell():
    """It was named one past the header's last column ('Terms!C2' for the term in A2)."""
    write_overlay(terminology=None)
    for row, cell in ((["C" * 1001, "DCFS"], "A2"), (["CWS", "D" * 1001], "B2")):
        workbook(FOLDER / "terminology.xlsx", {"Terms": [["term", "replacement"], row]})
        assert [line.split(": error: ")[0] for line in findings()] == [
            f"overlays/alder-county/terminology.xlsx: Terms!{cell}"]


def test_a_date_cell_holding_no_date_is_one_line_naming_its_cell(capfd):
    """openpyxl reads it as #VALUE! and prints a warning of several lines to stderr."""
    write_overlay(contacts=None)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    sheet.append(CONTACT_HEADER)
    sheet.append(["cws", "Liaison", "Ann Lee", "Coordinator", "530-555-0101", "a@example.org"])
    sheet["E2"] = 1e12
    sheet["E2"].number_format = "m/d/yyyy"
    book.save(FOLDER / "contacts.xlsx")
    assert findings() == ["overlays/alder-county/contacts.xlsx: error: Contacts!E2 is formatted as a date but holds "
                          "1000000000000, which is no date Excel shows; type the date again, or the value without a "
                          "date format"]
    assert capfd.readouterr().err == ""


def test_a_stray_value_in_the_last_column_is_named_without_widening_every_row():
    """A value left at XFD5000 (Excel's last column) made every one of 5,000 rows 16,384
    cells wide: 80 million cells, a minute and gigabytes. Each row now ends at its last value."""
    write_overlay(terminology=None)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Terms"
    sheet.append(["term", "replacement"])
    sheet.append(["CWS", "DCFS"])
    sheet.cell(row=5000, column=16384, value="stray")
    book.save(FOLDER / "terminology.xlsx")
    assert findings() == ["overlays/alder-county/terminology.xlsx: Terms!XFD5000: error: "
                          "a value in column XFD, which has no header"]


def test_a_sheet_of_far_cells_in_every_row_is_refused_in_one_line():
    write_overlay(terminology=None)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["term", "replacement"])
    for row in range(2, 400):
        sheet.cell(row=row, column=16384, value="x")
    book.save(FOLDER / "terminology.xlsx")
    assert findings() == ["overlays/alder-county/terminology.xlsx: error: sheet 'Sheet' holds cells far beyond "
                          "any list (row 124 reaches column XFD); delete the rows and columns after the list in Excel"]


def test_a_list_kept_twice_is_an_error():
    write_overlay()
    workbook(FOLDER / "contacts.xlsx", {"Contacts": [CONTACT_HEADER]})
    assert findings() == ["overlays/alder-county: error: the contacts is kept twice, in contacts.csv and "
                          "contacts.xlsx; keep one and delete the other"]


def test_a_list_in_a_csv_and_in_overlay_xlsx_is_an_error():
    write_overlay()
    workbook(FOLDER / "overlay.xlsx", {"Terminology": [["term", "replacement"]]})
    assert findings() == ["overlays/alder-county: error: the terminology is kept twice, in terminology.csv and "
                          "overlay.xlsx (sheet Terminology); keep one and delete the other"]


def test_an_unknown_sheet_of_overlay_xlsx_is_an_error_with_a_suggestion():
    write_overlay(contacts=None)
    workbook(FOLDER / "overlay.xlsx", {"Contcts": [CONTACT_HEADER]})
    assert findings() == ["overlays/alder-county/overlay.xlsx: error: sheet 'Contcts' is none of Terminology, "
                          "Contacts, Org chart (did you mean 'contacts'?); rename or delete it"]


def test_a_workbook_of_several_sheets_for_one_list_is_an_error():
    write_overlay(contacts=None)
    workbook(FOLDER / "contacts.xlsx", {"Contacts": [CONTACT_HEADER], "Old": [CONTACT_HEADER]})
    assert findings() == ["overlays/alder-county/contacts.xlsx: error: has 2 sheets (Contacts, Old); "
                          "keep only the one to read"]


def test_an_old_excel_file_is_refused_with_advice():
    write_overlay(contacts=None)
    (FOLDER / "contacts.xls").write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    assert findings() == ["overlays/alder-county/contacts.xls: error: cannot be read; save it as an Excel "
                          "Workbook (.xlsx) or as CSV UTF-8 (contacts.xlsx or contacts.csv)"]


def test_a_csv_renamed_xlsx_is_refused():
    write_overlay(contacts=None)
    (FOLDER / "contacts.xlsx").write_text("program,role\n", encoding="utf-8")
    assert findings() == ["overlays/alder-county/contacts.xlsx: error: is not an .xlsx workbook (an old .xls, "
                          "or a CSV renamed?); in Excel: Save As > 'Excel Workbook (.xlsx)'"]


def test_a_workbook_with_a_password_is_refused_with_advice():
    """Excel saves a workbook with a password as an encrypted compound file, not a zip; a zip
    whose entries say they are encrypted raised a traceback out of zipfile."""
    write_overlay(contacts=None)
    (FOLDER / "contacts.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert findings() == ["overlays/alder-county/contacts.xlsx: error: is a workbook with a password (Excel then "
                          "saves it encrypted) or an old .xls; in Excel: remove the password (File > Info > "
                          "Protect Workbook), then Save As > 'Excel Workbook (.xlsx)'"]
    path = workbook(FOLDER / "contacts.xlsx", {"Contacts": [CONTACT_HEADER]})
    locked = bytearray(path.read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = locked.find(signature)
        locked[start + flag_at] |= 1
    path.write_bytes(bytes(locked))
    assert findings() == ["overlays/alder-county/contacts.xlsx: error: has encrypted zip entries; save it again "
                          "from Excel without a password"]


def _rewritten(path, edit) -> None:
    """``path``'s workbook with each entry's (name, bytes) as ``edit`` makes them, stored deflated."""
    hostile = path.with_name("hostile.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            name, data = edit(item.filename, source.read(item))
            target.writestr(name, data)
    hostile.replace(path)


@pytest.mark.parametrize("encoding, renamed", [("utf-8", False), ("utf-16", False), ("utf-8", True)])
def test_a_workbook_with_a_doctype_is_refused_before_parsing(encoding, renamed):
    """In UTF-16, or in a sheet part not named .xml (the workbook's relationships name it),
    a DOCTYPE is read by the parser all the same."""
    write_overlay(contacts=None)
    path = workbook(FOLDER / "contacts.xlsx", {"Contacts": [CONTACT_HEADER]})
    sheet = "xl/worksheets/sheet1.dat" if renamed else "xl/worksheets/sheet1.xml"

    def edit(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "xl/worksheets/sheet1.xml":
            text = data.decode().replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
            head, _, rest = text.partition("?>")
            return sheet, (head + '?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + rest).encode(encoding)
        if renamed and name == "xl/_rels/workbook.xml.rels":
            return name, data.replace(b"worksheets/sheet1.xml", b"worksheets/sheet1.dat")
        return name, data

    _rewritten(path, edit)
    assert findings() == [f"overlays/alder-county/contacts.xlsx: error: part '{sheet}' declares "
                          "a DOCTYPE; a workbook Excel saved never does (refused: entities are never expanded)"]


def test_a_shared_strings_bomb_is_refused_before_openpyxl_reads_it():
    """A million empty strings fit in 35 KB and kept openpyxl busy for half a minute."""
    write_overlay(contacts=None)
    path = workbook(FOLDER / "contacts.xlsx", {"Contacts": [CONTACT_HEADER]})
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000" '
               b'uniqueCount="1000000">' + b"<si><t></t></si>" * 1_000_000 + b"</sst>")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:  # (openpyxl writes strings inline)
        package.writestr("xl/sharedStrings.xml", strings)
    [line] = findings()
    assert line.startswith("overlays/alder-county/contacts.xlsx: error: part 'xl/sharedStrings.xml' would inflate ")
    assert line.endswith("; refusing a likely zip bomb")


@pytest.mark.parametrize("damage, error", [
    ((b'<c r="A2"', b'<c r="-2"'), "ValueError: '-' is not a valid column name. Column names are from A to ZZZ"),
    ((b'<row r="2"', b'<row r="two"'), "ValueError: could not convert string to float: 'two'"),
    ((b"<v>5305550101</v>", b"<v>five</v>"), "ValueError: could not convert string to float: 'five'"),
    ((b't="n"><v>5305550101</v>', b't="s"><v>7</v>'), "IndexError: list index out of range"),
])
def test_a_workbook_whose_sheet_openpyxl_cannot_read_is_one_error_naming_it(damage, error):
    """openpyxl reads a sheet's XML only as its rows are asked for: what it raises there (a
    cell reference or row number that is not one, text in a number cell) is the workbook's
    error, as when it cannot be opened at all, never a traceback (found by mutating an
    overlay workbook's XML)."""
    write_overlay(contacts=None)
    path = workbook(FOLDER / "contacts.xlsx", {"Contacts": [CONTACT_HEADER, [
        "cws", "Linkages liaison", "Alder County CWS", "Coordinator", 5305550101, "a@example.org"]]})
    with zipfile.ZipFile(path) as source:
        items = [(item, source.read(item)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for item, data in items:
            if item.filename == "xl/worksheets/sheet1.xml":
                assert damage[0] in data
                data = data.replace(damage[0], damage[1], 1)
            target.writestr(item, data)
    assert findings() == [f"overlays/alder-county/contacts.xlsx: error: is not a readable Excel workbook ({error}); "
                          "open it in Excel and save it again as .xlsx"]


def _damaged_zip(path: Path, damage: str) -> None:
    """The workbook at ``path`` with its sheet's stored bytes changed, or its compression
    method set to one zipfile does not know."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    header = sheet.header_offset
    name_and_extra = int.from_bytes(data[header + 26:header + 28], "little") + int.from_bytes(
        data[header + 28:header + 30], "little")
    if damage == "bytes":
        start = header + 30 + name_and_extra
        data[start:start + 8] = bytes(b ^ 0xFF for b in data[start:start + 8])
    else:  # the local header's and the central directory's method
        data[header + 8:header + 10] = (99).to_bytes(2, "little")
        at = data.index(b"PK\x01\x02")  # the central directory's records, one an entry
        while at >= 0:
            if int.from_bytes(data[at + 42:at + 46], "little") == header:
                data[at + 10:at + 12] = (99).to_bytes(2, "little")
            at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["bytes", "method"])
def test_a_workbook_whose_zip_is_damaged_is_one_error_naming_it(damage):
    """Checking a workbook's parts before openpyxl reads them (zip bombs, DOCTYPEs) read
    damaged entries unguarded: 130 of 200 workbooks with bytes flipped, cut or inserted
    stopped validate with a traceback."""
    write_overlay(contacts=None)
    path = workbook(FOLDER / "contacts.xlsx", {"Contacts": [CONTACT_HEADER, ["cws", "Liaison", "Ann Lee", "Coordinator",
                                                                              "530-555-0101", "a@example.org"]]})
    _damaged_zip(path, damage)
    [line] = findings()
    assert line.startswith("overlays/alder-county/contacts.xlsx: error: is not a readable Excel workbook (")
    assert line.endswith("); open it in Excel and save it again as .xlsx")


@pytest.mark.parametrize("value, number_format, shown", [
    (5305550142, "General", "5305550142"),
    (5305550142.0, "General", "5305550142"),
    (5305550142, "(###) ###-####", "(530) 555-0142"),
    (5305550142, "[<=9999999]###-####;(###) ###-####", "(530) 555-0142"),
    (5550142, "[<=9999999]###-####;(###) ###-####", "555-0142"),
    (42, "000", "042"),
    (0.25, "0%", "25%"),
    (1234.5, "#,##0.00", "1,234.50"),
    (0.1, "General", "0.1"),
    (True, "General", "TRUE"),
    (datetime(2027, 3, 2), "mm-dd-yy", "3/2/2027"),
    (datetime(2027, 3, 2), "yyyy-mm-dd", "2027-03-02"),
    (datetime(2027, 3, 2), "d mmmm yyyy", "2 March 2027"),
    (datetime(2027, 3, 2, 14, 5), "m/d/yyyy h:mm AM/PM", "3/2/2027 2:05 PM"),
    (date(2027, 3, 2), "General", "3/2/2027"),
    (time(9, 30), "h:mm", "9:30"),
    (None, "General", ""),
])
def test_cells_read_as_excel_shows_them(value, number_format, shown):
    assert cell_text(value, number_format) == shown
