"""Reading sign-in rows as people type them; what is reported, what stops the run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from curriculum_kit.errors import InputError
from curriculum_kit.formats.library import Library
from curriculum_kit.planning.signins import parse_day, read_signins
from tests.conftest import REPO

AS_OF = date(2027, 6, 30)
HEADER = "name,program,module,date,session,email,hire_date\n"


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(REPO / "base_modules", REPO / "county_overlays")


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def read(library: Library, text: str, county: str | None = "alder-county"):
    Path("signins.csv").write_text(text, encoding="utf-8")
    overlay = library.overlay(county) if county else None
    return read_signins(Path("signins.csv"), library.modules, AS_OF, overlay)


def test_spellings_of_programs_names_dates_and_modules_are_understood(library):
    found = read(library, HEADER +
                 "Maria Lopez,CWS,linkages-orientation,2027-03-02,,,\n"
                 "maria  lopez ,Child Welfare,Linkages Orientation: Who We Are,3/2/2027,,,\n"
                 "Luis Ortega,Cal Works,LINKAGES-ORIENTATION,2027-03-02 00:00:00,,,\n"
                 "Hannah Kessler,ETA,linkages-orientation,\"March 2, 2027\",,HKessler@Alder.example.org,1/4/2027\n"
                 "Terrence Oduya,DCFS,linkages-orientation,3/2/27,,,\n"
                 "Wen Li,CW,linkages-orientation,2027/03/02,,,\n")
    assert found.warnings == [] and found.rows == 6 and found.not_counted == 0
    assert [(r.person, r.program, r.module, r.day) for r in found.records] == [
        ("maria lopez", "cws", "linkages-orientation", date(2027, 3, 2)),
        ("maria lopez", "cws", "linkages-orientation", date(2027, 3, 2)),
        ("luis ortega", "calworks", "linkages-orientation", date(2027, 3, 2)),
        ("hannah kessler", "calworks", "linkages-orientation", date(2027, 3, 2)),
        ("terrence oduya", "cws", "linkages-orientation", date(2027, 3, 2)),
        ("wen li", "cws", "linkages-orientation", date(2027, 3, 2))]
    assert (found.records[3].email, found.records[3].hire_date) == ("hkessler@alder.example.org", date(2027, 1, 4))


def test_rows_that_cannot_be_counted_are_reported_with_their_line(library):
    found = read(library, HEADER +
                 "Maria Lopez,CWS,linkages-orientation,2027-03-02,,,\n"
                 "Ann Bell,Probation,linkages-orientation,2027-03-02,,,\n"
                 "Ann Bell,Both,linkages-orientation,2027-03-02,,,\n"
                 "Cy Dunn,CWS,linkages-orientaton,2027-03-02,,,\n"
                 "Cy Dunn,CWS,linkages-orientation,2072-03-02,,,\n"
                 "Cy Dunn,CWS,linkages-orientation,31/12/2026,,,\n"
                 ",,linkages-orientation,,,,\n"
                 "Lopez, Maria,CWS,linkages-orientation,2027-03-02,,m@x.org,2020-01-01\n"
                 "Eve Fox,CWS,linkages-orientation,2027-03-02,,,2028-01-01\n")
    assert [str(w) for w in found.warnings] == [
        "signins.csv:3: warning: unknown program 'Probation' (use CWS, CalWORKs, DCFS or ETA); row not counted",
        "signins.csv:4: warning: program 'Both' names both programs; each person signs in for their own; "
        "row not counted",
        "signins.csv:5: warning: unknown module 'linkages-orientaton' (did you mean 'linkages-orientation'?); "
        "row not counted",
        "signins.csv:6: warning: date 2072-03-02 is after --as-of 2027-06-30 (a typo in the year?); row not counted",
        "signins.csv:7: warning: date '31/12/2026' is not a date (write 2027-03-02 or 3/2/2027); row not counted",
        "signins.csv:8: warning: no name; no program; no date; row not counted",
        "signins.csv:9: warning: row has 8 cells but the header has 7 (an unquoted comma?); row not counted",
        "signins.csv:10: warning: hire_date 2028-01-01 is after --as-of 2027-06-30 (a typo in the year?); "
        "the hire date is ignored",
    ]
    assert [r.line for r in found.records] == [2, 10] and found.records[1].hire_date is None
    assert (found.rows, found.not_counted) == (9, 7)


def test_a_county_name_needs_the_county(library):
    found = read(library, HEADER + "Maria Lopez,DCFS,linkages-orientation,2027-03-02,,,\n"
                                   "Luis Ortega,CalWORKs,linkages-orientation,2027-03-02,,,\n", county=None)
    assert [str(w) for w in found.warnings] == [
        "signins.csv:2: warning: unknown program 'DCFS' (use CWS or CalWORKs; a county's own names need --county); "
        "row not counted"]


def test_an_unknown_module_without_a_close_name_lists_the_known_ones(library):
    found = read(library, HEADER + "Maria Lopez,CWS,fiscal-basics,2027-03-02,,,\n"
                                   "Luis Ortega,CalWORKs,linkages-orientation,2027-03-02,,,\n")
    assert found.warnings[0].message == (
        "unknown module 'fiscal-basics' (known: coordinated-case-planning, families-experiencing-homelessness, "
        "linkages-orientation, supportive-services); row not counted")


@pytest.mark.parametrize("text, message", [
    ("", "signins.csv:1: is empty; the first line must be the header: name,program,module,date"),
    (HEADER, "signins.csv: has a header but no sign-in rows"),
    ("name,program,course,date\n", "signins.csv:1: unknown column 'course'; the header must be "
                                   "name,program,module,date with optional session,email,hire_date"),
    (HEADER + "Ann Bell,Probation,linkages-orientation,2027-03-02,,,\n"
              "Cy Dunn,CWS,linkages-orientation,2072-03-02,,,\n"
              "Eve Fox,CWS,intro,2027-03-02,,,\n",
     "signins.csv:2: no sign-in row can be counted: unknown program 'Probation' (use CWS, CalWORKs, DCFS or ETA); "
     "2 more rows cannot be counted either"),
    (HEADER + "Cy Dunn,CWS,linkages-orientation,2072-03-02,,,\n",
     "signins.csv:2: no sign-in row can be counted: date 2072-03-02 is after --as-of 2027-06-30 (a typo in the "
     "year?)"),
])
def test_a_file_with_nothing_to_count_is_an_error(library, text, message):
    with pytest.raises(InputError) as error:
        read(library, text)
    assert str(error.value) == message


@pytest.mark.parametrize("text, expected", [
    ("2027-03-02", date(2027, 3, 2)), ("3/2/2027", date(2027, 3, 2)), ("03/02/27", date(2027, 3, 2)),
    ("2027-03-02T09:00:00", date(2027, 3, 2)), ("3/2/2027 9:00 AM", date(2027, 3, 2)),
    ("Mar 2, 2027", date(2027, 3, 2)), ("2/30/2027", None), ("next Tuesday", None),
    # with a zone (LMS exports): the day in California, not the UTC date cut off
    ("2027-11-09T01:10:00Z", date(2027, 11, 8)), ("2027-11-09T01:10:00+00:00", date(2027, 11, 8)),
    ("2027-11-08T16:05:00-08:00", date(2027, 11, 8)), ("2027-11-09 07:59:00+00:00", date(2027, 11, 8)),
    ("2027-11-09T08:00:00Z", date(2027, 11, 9)), ("9999-12-31T23:00:00-12:00", date(9999, 12, 31)),
])
def test_parse_day(text, expected):
    assert parse_day(text) == expected


@pytest.mark.parametrize("county, written, program", [
    ("alder-county", "Alder County Employment and Temporary Assistance", "calworks"),  # the overlay's full name
    ("alder-county", "Employment and Temporary Assistance", "calworks"),  # without the county
    ("alder-county", "employment  and temporary assistance", "calworks"),
    ("alder-county", "Department of Children and Family Services", "cws"),
    ("alder-county", "Children and Family Services", "cws"),  # without 'Department of'
    ("alder-county", "dcfs", "cws"),
    ("manzanita-county", "Employment and Eligibility Branch", "calworks"),
    ("manzanita-county", "EEB", "calworks"),
    ("manzanita-county", "Child and Family Services", "cws"),
    ("cypress-valley-county", "Family and Children's Services", "cws"),
    ("cypress-valley-county", "Employment and Benefit Services", "calworks"),
    (None, "Employment and Eligibility Services", "calworks"),  # a common name of the CalWORKs side
])
def test_a_countys_program_names_as_its_overlay_writes_them(library, county, written, program):
    found = read(library, HEADER + f"Ann Bell,{written},linkages-orientation,2027-03-02,,,\n", county)
    assert found.warnings == [] and found.records[0].program == program


@pytest.mark.parametrize("written", ["Linkages Orientation", "linkages orientation", "LINKAGES ORIENTATION",
                                     "linkages_orientation", "Linkages Orientation: Who We Are"])
def test_modules_by_id_or_title_with_spaces_or_capitals(library, written):
    found = read(library, HEADER + f"Ann Bell,CWS,{written},2027-03-02,,,\n")
    assert found.warnings == [] and found.records[0].module == "linkages-orientation"


def test_a_module_typed_with_spaces_and_a_typo_gets_a_suggestion(library):
    found = read(library, HEADER + "Ann Bell,CWS,Linkages Orientaton,2027-03-02,,,\n"
                 "Ann Bell,CWS,linkages-orientation,2027-03-02,,,\n")
    assert [str(w) for w in found.warnings] == [
        "signins.csv:2: warning: unknown module 'Linkages Orientaton' (did you mean 'linkages-orientation'?); "
        "row not counted"]


def test_a_sign_in_file_of_more_rows_than_any_county_keeps_is_refused(library):
    """990,000 rows took 5.6 GB: a county's decade of Linkages sign-ins is some 100,000."""
    row = "Maria Lopez,CWS,linkages-orientation,2027-03-02,,,\n"
    with pytest.raises(InputError) as caught:
        read(library, HEADER + row * 250_001)
    assert (caught.value.line, caught.value.message) == (
        250_002, "has more than 250,000 rows; a sign-in file may have at most 250,000")
    assert len(read(library, HEADER + row * 1_000).warnings) == 0  # (duplicates are counted once, not warned)
