"""orgchart.csv: unique ids, reports_to naming a row, no reporting cycles."""

from __future__ import annotations

from tests.unit.formats.conftest import findings, write_overlay

CSV = "overlays/alder-county/orgchart.csv"
HEADER = "id,name,title,program,reports_to\n"


def with_chart(rows: str) -> None:
    write_overlay(orgchart=HEADER + rows)


def test_valid_orgchart_has_no_findings():
    with_chart("100,Alicia Grant,Director,both,\n110,Ben Okafor,Deputy,CWS,100\n120,Carla Diaz,Deputy,"
               "CalWORKs,100\n")
    assert findings() == []


def test_reports_to_naming_no_one():
    with_chart("100,Alicia Grant,Director,both,\n110,Ben Okafor,Deputy,cws,101\n")
    assert findings() == [f"{CSV}:3: error: 'Ben Okafor' reports_to '101', which is no one's id"]


def test_reporting_cycle():
    with_chart("100,Alicia Grant,Director,both,\n110,Ben Okafor,Deputy,cws,120\n120,Carla Diaz,Manager,"
               "cws,110\n")
    assert findings() == [f"{CSV}:3: error: reporting cycle: Ben Okafor -> Carla Diaz -> Ben Okafor"]


def test_person_reporting_to_themselves():
    with_chart("100,Alicia Grant,Director,both,100\n")
    assert findings() == [f"{CSV}:2: error: reporting cycle: Alicia Grant -> Alicia Grant"]


def test_duplicate_id():
    with_chart("100,Alicia Grant,Director,both,\n110,Ben Okafor,Deputy,cws,100\n110,Carla Diaz,Deputy,"
               "calworks,100\n")
    assert findings() == [f"{CSV}:4: error: duplicate id '110' (first on line 3)"]


def test_unknown_program():
    with_chart("100,Alicia Grant,Director,Foster Care,\n")
    assert findings() == [f"{CSV}:2: error: program 'Foster Care' of 'Alicia Grant' must be cws, calworks or both"]


def test_person_without_id():
    with_chart("100,Alicia Grant,Director,both,\n,Ben Okafor,Deputy,cws,100\n")
    assert findings() == [f"{CSV}:3: error: every person needs an id and a name"]


def test_one_root_per_program():
    with_chart("100,Alicia Grant,Director,both,\n110,Ben Okafor,Deputy,cws,\n120,Carla Diaz,Deputy,calworks,\n"
               "130,Dana Whitfield,Manager,CWS,\n")
    assert findings() == [f"{CSV}:5: error: 'Dana Whitfield' reports to no one, like 'Ben Okafor' (Child Welfare "
                          "Services); a chart has one root per program: fill in reports_to"]
