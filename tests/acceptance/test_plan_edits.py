"""`plan --from`: the county edits its plan CSV in Excel, the plan and calendar follow, every
broken rule is named with its line, and the calendar keeps its events across the edits."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import docx
import pytest
from icalendar import Calendar

from curriculum_kit.planning.signins import parse_day
from tests.acceptance.conftest import run
from tests.conftest import REPO

SLUG, YEAR = "alder-county", 2027
STEM = f"plan-{SLUG}-{YEAR}"


@pytest.fixture
def county(tmp_path, monkeypatch) -> Path:
    """A working folder with the samples and the 2027 plan in plan/, so paths print short."""
    shutil.copytree(REPO / "base_modules", tmp_path / "base_modules")
    shutil.copytree(REPO / "county_overlays", tmp_path / "county_overlays")
    monkeypatch.chdir(tmp_path)
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan"])
    assert result.exit_code == 0, result.output
    return tmp_path


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return list(reader.fieldnames or []), list(reader)


def edit_plan(source: Path, target: Path, changes: dict[str, dict[str, str] | None],
              added: list[dict[str, str]] = ()) -> None:
    """``source`` with rows changed by session id (None deletes the row) and rows added, as Excel
    saves it: no byte-order mark, dates as month/day/year."""
    header, rows = read_rows(source)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, header, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        change = changes.get(row["session_id"], {})
        if change is None:
            continue
        day = parse_day(row["date"])
        writer.writerow({**row, "date": f"{day.month}/{day.day}/{day.year}", **change})
    for row in added:
        writer.writerow({name: row.get(name, "") for name in header})
    target.write_text(out.getvalue(), encoding="utf-8")


def events(path: Path) -> dict[str, dict]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]).split("@")[0].removeprefix(f"{SLUG}-"): {
        "sequence": int(e["SEQUENCE"]), "status": str(e.get("STATUS", "")), "start": e.decoded("DTSTART"),
        "location": str(e.get("LOCATION", "")), "attendees": [str(a) for a in e.get("ATTENDEE", [])],
        "organizer": str(e.get("ORGANIZER", ""))} for e in calendar.walk("VEVENT")}


def test_the_plan_csv_has_a_session_id_per_row(county):
    header, rows = read_rows(county / "plan" / f"{STEM}.csv")
    assert header[:3] == ["session_id", "status", "date"] and "room" in header
    assert [r["session_id"] for r in rows][:3] == ["2027-core1-linkages-orientation",
                                                   "2027-core1-coordinated-case-planning",
                                                   "2027-seq1-supportive-services"]
    on_leave = next(r for r in rows if r["session_id"] == "2027-core3-coordinated-case-planning")
    assert (on_leave["date"], on_leave["cws_trainer"]) == ("2027-07-23", "Maria Lopez")  # Terrence Oduya is away
    assert not [r for r in rows if r["date"] in ("2027-02-12", "2027-03-12")]  # the county's own closures
    first = events(county / "plan" / f"{STEM}.ics")["2027-core1-linkages-orientation"]
    assert first["location"] == "HHSA Training Room B, 1200 Main Street, Alder, CA 95501"
    assert first["organizer"] == "mailto:mlopez@alder.example.org"
    assert first["attendees"] == ["mailto:mlopez@alder.example.org", "mailto:hkessler@alder.example.org"]
    assert {e["sequence"] for e in events(county / "plan" / f"{STEM}.ics").values()} == {0}


def test_moved_edited_and_cancelled_sessions_keep_their_uids(county):
    plan = county / "plan"
    before = events(plan / f"{STEM}.ics")
    edit_plan(plan / f"{STEM}.csv", county / "edited.csv", {
        "2027-core2-linkages-orientation": {"date": "4/9/2027"},                       # moved
        "2027-core1-coordinated-case-planning": {"room": "eastside family resource center"},  # another room
        "2027-ref1-linkages-orientation": {"cws_trainer": "Maria Lopez", "start": "9:30 AM"},  # swapped, later
        "2027-ref1-families-experiencing-homelessness": None,                         # row deleted
        "2027-core4-coordinated-case-planning": {"status": "Cancelled"},              # marked cancelled
    })
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--from", "edited.csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == ("Alder County Linkages training plan 2027 (from edited.csv): 12 sessions: "
                                             "7 new-hire core in 4 cohorts, 2 Linkages sequence, 3 refreshers")
    after = events(plan / f"{STEM}.ics")
    assert set(after) == set(before)
    changed = {"2027-core2-linkages-orientation", "2027-core1-coordinated-case-planning",
               "2027-ref1-linkages-orientation"}
    gone = {"2027-ref1-families-experiencing-homelessness", "2027-core4-coordinated-case-planning"}
    for uid, event in after.items():
        assert event["sequence"] == (1 if uid in changed | gone else 0), uid
        assert event["status"] == ("CANCELLED" if uid in gone else ""), uid
    assert after["2027-core2-linkages-orientation"]["start"].day == 9
    assert after["2027-core1-coordinated-case-planning"]["location"].startswith("Eastside Family Resource Center")
    assert after["2027-ref1-linkages-orientation"]["start"].strftime("%H:%M") == "09:30"
    again = (plan / f"{STEM}.ics").read_bytes()
    assert run(["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--from", "edited.csv"]).exit_code == 0
    assert (plan / f"{STEM}.ics").read_bytes() == again  # regenerating changes nothing
    header, rows = read_rows(plan / f"{STEM}.csv")
    assert [r["status"] for r in rows].count("cancelled") == 1  # the row kept as cancelled; the deleted one is gone


def test_previous_calendar_given_with_an_option(county):
    gone = "2027-ref1-families-experiencing-homelessness"
    edit_plan(county / "plan" / f"{STEM}.csv", county / "edited.csv", {gone: None})
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "new", "--from", "edited.csv",
                  "--previous", f"plan/{STEM}.ics"])
    assert result.exit_code == 0, result.output
    assert events(county / "new" / f"{STEM}.ics")[gone]["status"] == "CANCELLED"
    assert run(["plan", SLUG, "--year", str(YEAR), "--out", "other", "--from", "edited.csv"]).exit_code == 0
    assert gone not in events(county / "other" / f"{STEM}.ics")  # no earlier calendar: nothing to cancel


def test_staff_notes_are_kept_when_the_plan_is_written_again(county):
    edit_plan(county / "plan" / f"{STEM}.csv", county / "edited.csv", {
        "2027-core1-linkages-orientation": {"notes": "Book the projector; Ana covers lunch"},
        "2027-core4-coordinated-case-planning": {"status": "cancelled", "notes": "storm closure"}})
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "other", "--from", "edited.csv"])
    assert result.exit_code == 0, result.output
    header, rows = read_rows(county / "other" / f"{STEM}.csv")
    notes = {row["session_id"]: row["notes"] for row in rows if row["notes"]}
    assert header[-1] == "notes" and notes == {"2027-core1-linkages-orientation": "Book the projector; Ana covers lunch",
                                               "2027-core4-coordinated-case-planning": "storm closure"}


def test_a_cell_guarded_against_formulas_reads_back_as_written(county):
    """The apostrophe the writer puts before '-- moved by HK' (a formula to a spreadsheet) was
    kept on reading: one more at each round trip, and '=HYPERLINK(...)' in 'why' showed as
    "'=HYPERLINK(...)" in the Word plan and the calendar."""
    edit_plan(county / "plan" / f"{STEM}.csv", county / "edited.csv", {
        "2027-core1-linkages-orientation": {"notes": "-- moved by HK", "why": '=HYPERLINK("http://x.example")'}})
    for source, out in (("edited.csv", "once"), (f"once/{STEM}.csv", "twice")):
        result = run(["plan", SLUG, "--year", str(YEAR), "--out", out, "--from", source])
        assert result.exit_code == 0, result.output
    written = (county / "twice" / f"{STEM}.csv").read_bytes().decode("utf-8-sig")
    assert ',"\'=HYPERLINK(""http://x.example"")",\'-- moved by HK\r\n' in written
    description = Calendar.from_ical((county / "twice" / f"{STEM}.ics").read_bytes()).walk("VEVENT")[0]["DESCRIPTION"]
    assert 'Why this date: =HYPERLINK("http://x.example")\n' in str(description)


def test_the_word_plan_says_when_cohorts_start_also_from_the_csv(county):
    """A plan made with --new-hire-every 2, regenerated with --from, said 'New hires start the
    core track every 3 months' (the option's default): the months now come from the sessions."""
    made = run(["plan", SLUG, "--year", str(YEAR), "--out", "two", "--new-hire-every", "2", "--sessions-per-month", "3"])
    assert made.exit_code == 0, made.output
    again = run(["plan", SLUG, "--year", str(YEAR), "--out", "again", "--from", f"two/{STEM}.csv"])
    assert again.exit_code == 0, again.output
    for out in ("two", "again"):
        text = "\n".join(p.text for p in docx.Document(str(county / out / f"{STEM}.docx")).paragraphs)
        assert ("both programs attend together. New hires start the core track in January, March, May, July, "
                "September and November. Modules with a refresh period") in text, out


@pytest.mark.parametrize("slug, year", [(SLUG, YEAR + 1), ("cypress-valley-county", YEAR)])
def test_a_previous_calendar_of_another_plan_is_refused(county, slug, year):
    result = run(["plan", slug, "--year", str(year), "--out", "new", "--previous", f"plan/{STEM}.ics"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: plan/{STEM}.ics: holds no event of {slug}'s {year} plan (its first is "
                             f"{SLUG}-{YEAR}-core1-linkages-orientation@curriculum-kit); give the calendar this plan last "
                             "wrote\n")
    assert not (county / "new").exists()


def test_a_row_added_by_staff_gets_the_next_session_id(county):
    edit_plan(county / "plan" / f"{STEM}.csv", county / "edited.csv", {}, added=[
        {"date": "2027-09-15", "module": "Linkages Orientation", "track": "Refresher",
         "cws_trainer": "maria lopez", "calworks_trainer": "Luis Ortega"}])
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--from", "edited.csv"])
    assert result.exit_code == 0, result.output
    added = events(county / "plan" / f"{STEM}.ics")["2027-ref2-linkages-orientation"]
    assert (added["sequence"], added["start"].day, added["location"][:20]) == (0, 15, "HHSA Training Room B")


def test_the_module_column_may_be_left_empty_when_the_session_id_names_it(county):
    edit_plan(county / "plan" / f"{STEM}.csv", county / "edited.csv", {"2027-core1-linkages-orientation": {"module": ""}})
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--from", "edited.csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].split()[0] == "2027-core1-linkages-orientation"


def test_a_row_added_and_cancelled_is_left_out(county):
    edit_plan(county / "plan" / f"{STEM}.csv", county / "edited.csv", {}, added=[
        {"status": "cancelled", "date": "2027-09-15", "module": "Linkages Orientation", "track": "Refresher",
         "cws_trainer": "maria lopez", "calworks_trainer": "Luis Ortega"}])
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--from", "edited.csv"])
    assert result.exit_code == 0, result.output
    assert {e["status"] for e in events(county / "plan" / f"{STEM}.ics").values()} == {""}


def test_the_csv_edited_in_place_is_left_as_it_is(county):
    csv_path = county / "plan" / f"{STEM}.csv"
    edit_plan(csv_path, csv_path, {"2027-core1-linkages-orientation": {"date": "1/11/2027"}})
    edited = csv_path.read_bytes()
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--from", str(csv_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"Wrote plan/: {STEM}.docx, {STEM}.ics"
    assert csv_path.read_bytes() == edited


@pytest.mark.parametrize("changes, added, errors", [
    ({"2027-core1-linkages-orientation": {"date": "1/9/2027"}}, [],
     ["edited.csv:2: 2027-01-09 is a Saturday; sessions are held on working days"]),
    ({"2027-seq1-supportive-services": {"date": "2/15/2027"}}, [],
     ["edited.csv:4: 2027-02-15 is closed (Presidents' Day / Susan B. Anthony Day); choose another working day"]),
    ({"2027-seq1-supportive-services": {"date": "2/12/2027"}}, [],
     ["edited.csv:4: 2027-02-12 is closed (Lincoln's Birthday); choose another working day"]),
    ({"2027-core3-coordinated-case-planning": {"cws_trainer": "Terrence Oduya"}}, [],
     ["edited.csv:10: Terrence Oduya is unavailable 2027-07-19 to 2027-07-30 (annual leave) in overlay.toml; "
      "choose another DCFS trainer or day"]),
    ({"2027-core1-linkages-orientation": {"cws_trainer": "Luis Ortega"}}, [],
     ["edited.csv:2: cws_trainer Luis Ortega is one of the ETA trainers; this column takes a DCFS (Child Welfare "
      "Services) trainer: Maria Lopez, Terrence Oduya"]),
    ({"2027-core1-linkages-orientation": {"calworks_trainer": "Hanna Kesler"}}, [],
     ["edited.csv:2: calworks_trainer 'Hanna Kesler' is not one of the [[trainers]] in overlay.toml "
      "(did you mean 'Hannah Kessler'?)"]),
    ({"2027-core1-linkages-orientation": {"calworks_trainer": ""}}, [],
     ["edited.csv:2: no calworks_trainer: every session has a ETA co-facilitator (Hannah Kessler, Luis Ortega)"]),
    ({"2027-core1-coordinated-case-planning": {"date": "1/8/2027", "start": "9:00"}}, [],
     ["edited.csv:3: room 'HHSA Training Room B' is already booked for 2027-core1-linkages-orientation at that "
      "time (line 2)",
      "edited.csv:3: 2027-core1-coordinated-case-planning on 2027-01-08 comes before its prerequisite "
      "linkages-orientation (2027-core1-linkages-orientation on 2027-01-08, line 2); move one of them"]),
    ({"2027-ref1-linkages-orientation": {"date": "1/8/2027", "cws_trainer": "Maria Lopez",
                                         "calworks_trainer": "Luis Ortega",
                                         "room": "Eastside Family Resource Center"}}, [],
     ["edited.csv:5: Maria Lopez already co-facilitates 2027-core1-linkages-orientation on 2027-01-08 (line 2); "
      "nobody facilitates twice on one day"]),
    ({"2027-core1-linkages-orientation": {"date": "2/1/2027"}}, [],
     ["edited.csv:3: 2027-core1-coordinated-case-planning on 2027-01-25 comes before its prerequisite "
      "linkages-orientation (2027-core1-linkages-orientation on 2027-02-01, line 2); move one of them"]),
    ({"2027-core1-linkages-orientation": {"room": "Room 12"}}, [],
     ["edited.csv:2: room 'Room 12' is not one of the [[rooms]] in overlay.toml (the rooms: HHSA Training Room B, "
      "Eastside Family Resource Center)"]),
    ({"2027-core1-linkages-orientation": {"date": "13/45/2027", "start": "nine"}}, [],
     ["edited.csv:2: date '13/45/2027' is not a date (write 2027-03-02 or 3/2/2027)"]),
    ({"2027-core1-linkages-orientation": {"start": "nine"}}, [],
     ["edited.csv:2: start 'nine' is not a time (write 9:00 or 1:30 PM)"]),
    ({"2027-core1-linkages-orientation": {"date": "1/8/2028"}}, [],
     ["edited.csv:2: date 2028-01-08 is not in 2027, the plan's year"]),
    ({"2027-core1-linkages-orientation": {"status": "maybe"}}, [],
     ["edited.csv:2: status 'maybe' is not one of planned, cancelled (or leave it empty)"]),
    ({"2027-core1-linkages-orientation": {"module": "coordinated-case-planning"}}, [],
     ["edited.csv:2: session '2027-core1-linkages-orientation' is a session of linkages-orientation, not "
      "coordinated-case-planning; to teach coordinated-case-planning instead, cancel this row and add a row with "
      "an empty session_id"]),
    ({"2027-core1-linkages-orientation": {"module": "Linkages Orientaton"}}, [],
     ["edited.csv:2: unknown module 'Linkages Orientaton' (did you mean 'linkages-orientation'?)"]),
    ({}, [{"date": "2027-09-15", "track": "Refresher", "cws_trainer": "Maria Lopez", "calworks_trainer": "Luis Ortega"}],
     ["edited.csv:16: no module"]),
    ({"2027-core1-linkages-orientation": {"session_id": "2026-core1-linkages-orientation"}}, [],
     ["edited.csv:2: session_id '2026-core1-linkages-orientation' belongs to the 2026 plan, not 2027"]),
    ({"2027-core1-linkages-orientation": {"session_id": "session 1"}}, [],
     ["edited.csv:2: session_id 'session 1' is not one curriculum-kit wrote (like 2027-core1-linkages-orientation); "
      "leave it empty for a new session"]),
    ({"2027-core2-linkages-orientation": {"session_id": "2027-core1-linkages-orientation"}}, [],
     ["edited.csv:6: session_id '2027-core1-linkages-orientation' is also on line 2; each session has one row "
      "(leave session_id empty to add a session)"]),
    ({}, [{"date": "2027-09-15", "module": "linkages-orientation", "track": "New-hire core", "cohort": "2",
           "cws_trainer": "Maria Lopez", "calworks_trainer": "Luis Ortega"}],
     ["edited.csv:16: cohort 2 already has linkages-orientation (2027-core2-linkages-orientation)"]),
    ({}, [{"date": "2027-09-15", "module": "linkages-orientation", "cws_trainer": "Maria Lopez",
           "calworks_trainer": "Luis Ortega"}],
     ["edited.csv:16: a new session (no session_id) needs its track: New-hire core, Linkages sequence, Refresher"]),
])
def test_each_broken_rule_is_an_error_naming_its_line_and_nothing_is_written(county, changes, added, errors):
    before = {p.name: p.read_bytes() for p in (county / "plan").iterdir()}
    edit_plan(county / "plan" / f"{STEM}.csv", county / "edited.csv", changes, added)
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--from", "edited.csv"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: {error}" for error in errors]
    assert {p.name: p.read_bytes() for p in (county / "plan").iterdir()} == before


def test_a_plan_with_every_row_deleted_is_refused(county):
    """A plan CSV with its header only cancelled every session of the year in the calendar (exit
    0), and `build --plan` built nothing, saying '0 built'."""
    header = (county / "plan" / f"{STEM}.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    Path(f"{STEM}.csv").write_text(header + "\n", encoding="utf-8")
    error = (f"Error: {STEM}.csv: has no sessions; a plan CSV has a row for each session (write cancelled in its "
             "status to cancel one)\n")
    for args in (["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--from", f"{STEM}.csv"],
                 ["build", "--plan", f"{STEM}.csv", "--no-pdf"]):
        result = run(args)
        assert (result.exit_code, result.output) == (1, error), args
    assert "CANCELLED" not in (county / "plan" / f"{STEM}.ics").read_text()


def test_a_plan_edited_in_its_folder_is_not_overwritten_by_a_new_plan(county):
    csv_path = county / "plan" / f"{STEM}.csv"
    edit_plan(csv_path, csv_path, {"2027-core1-linkages-orientation": {"date": "1/11/2027"}})
    edited = {p.name: p.read_bytes() for p in (county / "plan").iterdir()}
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan"])
    assert result.exit_code == 1
    assert result.output == (f"Error: plan/{STEM}.csv: exists and differs from the plan made now (edited by staff?); "
                             f"to keep the edits, regenerate from it with --from plan/{STEM}.csv; to start over, "
                             "delete it\n")
    assert {p.name: p.read_bytes() for p in (county / "plan").iterdir()} == edited
    assert run(["plan", SLUG, "--year", str(YEAR), "--out", "again"]).exit_code == 0
    assert run(["plan", SLUG, "--year", str(YEAR), "--out", "again"]).exit_code == 0  # the same plan again is fine


def test_a_previous_calendar_with_an_impossible_sequence_is_one_line(county):
    """SEQUENCE:-99999999999999999999999 in the calendar given made icalendar raise a traceback."""
    calendar = (county / "plan" / f"{STEM}.ics").read_text()
    (county / "old.ics").write_text(calendar.replace("SEQUENCE:0", "SEQUENCE:-99999999999999999999999", 1))
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "new", "--previous", "old.ics"])
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert result.output.startswith("Error: old.ics: event ") and "has SEQUENCE -99999999999999999999999" in result.output


@pytest.mark.parametrize("old, new, message", [
    ("SEQUENCE:0", "SEQUENCE:abc", "has SEQUENCE abc, not a revision number a calendar keeps"),
    ("SEQUENCE:0", "SEQUENCE:--5", "has SEQUENCE --5, not a revision number a calendar keeps"),
    ("DTSTART;TZID=America/Los_Angeles:20270108T090000\r\n", "", "has no DTSTART (its date)"),
])
def test_a_previous_calendar_with_a_broken_event_is_one_line(county, old, new, message):
    """SEQUENCE:abc was a ValueError from int(), an event without DTSTART an AttributeError in
    sorting the sessions that are gone: tracebacks."""
    calendar = (county / "plan" / f"{STEM}.ics").read_bytes().decode()
    assert old in calendar
    (county / "old.ics").write_bytes(calendar.replace(old, new, 1).encode())
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "new", "--previous", "old.ics"])
    assert (result.exit_code, result.output) == (1, f"Error: old.ics: event {SLUG}-{YEAR}-core1-linkages-orientation"
                                                    f"@curriculum-kit {message}; give the calendar the plan last wrote\n")


def test_an_output_that_cannot_be_written_leaves_none_of_the_others(county):
    """A folder where the plan's CSV goes failed after the Word plan was written, naming a
    temporary path; a calendar that cannot be read left an empty output folder."""
    (county / "out" / f"{STEM}.csv").mkdir(parents=True)
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "out"])
    assert (result.exit_code, result.output) == (1, f"Error: out/{STEM}.csv: is a folder; name a file to write\n")
    assert sorted(p.name for p in (county / "out").iterdir()) == [f"{STEM}.csv"]
    (county / "bad.ics").write_text("not a calendar")
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "fresh", "--previous", "bad.ics"])
    assert result.exit_code == 1 and not (county / "fresh").exists()


def test_previous_that_does_not_exist_is_an_error(county):
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--previous", "old.ics"])
    assert result.output == "Error: old.ics: file not found (--previous names the calendar sent out before)\n"
    (county / "old.ics").mkdir()  # it said "file not found" of a folder, and of /dev/zero
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "plan", "--previous", "old.ics"])
    assert result.output == "Error: old.ics: is a folder (--previous names the calendar sent out before)\n"


def test_a_previous_calendar_too_large_for_one_countys_year_is_refused(county):
    """A 60 MB calendar given with --previous was read whole (11 s, 470 MB)."""
    calendar = (county / "plan" / f"{STEM}.ics").read_text()
    (county / "old.ics").write_text(calendar.replace("END:VCALENDAR", "X-PAD:" + "x" * (6 << 20) + "\r\nEND:VCALENDAR"))
    result = run(["plan", SLUG, "--year", str(YEAR), "--out", "new", "--previous", "old.ics"])
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert result.output.startswith("Error: old.ics: is ") and "a calendar file may be at most 5.0 MB" in result.output
    assert not (county / "new").exists()
