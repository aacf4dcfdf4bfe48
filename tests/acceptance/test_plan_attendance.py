"""`curriculum-kit plan` and `attendance` end to end on the samples, and every bad input."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import holidays
import pytest
from icalendar import Calendar

from samples.signin_simulation import simulate
from tests.acceptance.conftest import run
from tests.conftest import REPO, needs_pdftotext, needs_soffice

SLUG, YEAR = "alder-county", 2027
SIGNINS = REPO / "samples" / "signins-alder-county.csv"
HEADER = "name,program,module,date\n"


@pytest.fixture
def county(tmp_path, monkeypatch) -> Path:
    """A working folder with copies of the samples, so paths print short and tests may edit them."""
    shutil.copytree(REPO / "base_modules", tmp_path / "base_modules")
    shutil.copytree(REPO / "county_overlays", tmp_path / "county_overlays")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple[Path, Path, str]:
    """The sample county's 2027 plan made twice, into two folders."""
    outs = [tmp_path_factory.mktemp("plan") for _ in range(2)]
    results = [run(["plan", SLUG, "--year", str(YEAR), "--out", str(out), "--modules", str(REPO / "base_modules"),
                    "--overlays", str(REPO / "county_overlays")]) for out in outs]
    for result in results:
        assert result.exit_code == 0, result.output
    return outs[0], outs[1], results[0].output


def plan_file(out: Path, suffix: str) -> Path:
    return out / f"plan-{SLUG}-{YEAR}{suffix}"


def rows(out: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(plan_file(out, ".csv").read_text(encoding="utf-8-sig"))))


# --- plan -------------------------------------------------------------------------------------

def test_plan_prints_a_summary(planned):
    lines = planned[2].splitlines()
    assert lines[0] == ("Alder County Linkages training plan 2027: 14 sessions: 8 new-hire core in 4 cohorts, "
                        "2 Linkages sequence, 4 refreshers")
    assert lines[1].split() == ["2027-core1-linkages-orientation", "Fri", "2027-01-08", "9:00", "AM", "–", "3:00",
                                "PM", "Maria", "Lopez", "+", "Hannah", "Kessler", "HHSA", "Training", "Room", "B"]
    assert lines[3].split()[:3] == ["2027-seq1-supportive-services", "Fri", "2027-02-05"]  # after the orientation
    assert lines[-2] == "Co-facilitator turns: Hannah Kessler 7, Luis Ortega 7, Maria Lopez 7, Terrence Oduya 7"
    assert lines[-1].endswith("plan-alder-county-2027.docx, plan-alder-county-2027.csv, plan-alder-county-2027.ics")


def test_a_closure_of_the_county_own_moves_the_session_that_fell_on_it(county):
    toml = county / "county_overlays" / SLUG / "overlay.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[[closures]]\nname = "All-staff day"\ndate = 2027-02-05\n',
                    encoding="utf-8")
    result = run(["plan", SLUG, "--year", str(YEAR)])
    assert result.exit_code == 0, result.output
    # on Fri 2027-02-05 without the closure (test_plan_prints_a_summary): now the next working day
    assert result.output.splitlines()[3].split()[:3] == ["2027-seq1-supportive-services", "Mon", "2027-02-08"]


def test_plan_respects_prerequisites_levels_and_working_days(planned):
    sessions = rows(planned[0])
    closed = holidays.country_holidays("US", subdiv="CA", years=YEAR)
    for row in sessions:
        day = date.fromisoformat(row["date"])
        assert day.weekday() < 5 and day not in closed and day.year == YEAR
    first = {}
    for row in sessions:
        first.setdefault(row["module"], row["date"])
    assert first["linkages-orientation"] < first["coordinated-case-planning"] < first["families-experiencing-homelessness"]
    assert first["linkages-orientation"] < first["supportive-services"]  # its prerequisite
    for cohort in "1234":
        core = [r["module"] for r in sessions if r["track"] == "New-hire core" and r["cohort"] == cohort]
        assert core == ["linkages-orientation", "coordinated-case-planning"]
    assert all(r["why"] for r in sessions)


def test_plan_pairs_one_trainer_per_program_fairly(planned):
    sessions = rows(planned[0])
    cws = [r["cws_trainer"] for r in sessions]
    calworks = [r["calworks_trainer"] for r in sessions]
    assert set(cws) == {"Maria Lopez", "Terrence Oduya"} and set(calworks) == {"Luis Ortega", "Hannah Kessler"}
    for team in (cws, calworks):
        counts = [team.count(name) for name in set(team)]
        assert max(counts) - min(counts) <= 1
    by_day: dict[str, list[str]] = {}
    for r in sessions:
        by_day.setdefault(r["date"], []).extend([r["cws_trainer"], r["calworks_trainer"]])
    assert all(len(names) == len(set(names)) for names in by_day.values())


def test_ics_parses_with_stable_uids_and_pinned_stamps(planned):
    calendars = [Calendar.from_ical(plan_file(out, ".ics").read_bytes()) for out in planned[:2]]
    events = [list(c.walk("VEVENT")) for c in calendars]
    assert len(events[0]) == 14
    assert [str(e["UID"]) for e in events[0]] == [str(e["UID"]) for e in events[1]]
    assert str(events[0][0]["UID"]) == "alder-county-2027-core1-linkages-orientation@curriculum-kit"
    assert len({str(e["UID"]) for e in events[0]}) == 14
    first = events[0][0]
    assert first.decoded("DTSTAMP") == datetime(2026, 1, 1, tzinfo=UTC)  # SOURCE_DATE_EPOCH
    assert str(first.decoded("DTSTART").tzinfo) == "America/Los_Angeles"
    assert first.decoded("DTSTART").hour == 9 and first.decoded("DTEND").hour == 15
    assert [str(t["TZID"]) for t in calendars[0].walk("VTIMEZONE")] == ["America/Los_Angeles"]
    description = str(first["DESCRIPTION"])
    assert "Co-facilitators: Maria Lopez (DCFS) and Hannah Kessler (ETA)" in description
    assert "11:45 AM – 12:30 PM  Lunch: time to connect" in description  # the module's own schedule
    assert "Time to connect with the other program: 1 hour 10 minutes (breaks and lunch)." in description


def test_same_inputs_give_byte_identical_files(planned):
    for suffix in (".docx", ".csv", ".ics"):
        assert plan_file(planned[0], suffix).read_bytes() == plan_file(planned[1], suffix).read_bytes(), suffix


def test_docx_plan_opens_with_a_table_to_print_and_sign(planned):
    document = docx.Document(str(plan_file(planned[0], ".docx")))
    assert document.paragraphs[0].text == "Linkages Annual Training Plan 2027"
    sessions, approvals = document.tables
    assert [c.text for c in sessions.rows[0].cells] == ["Session", "Date", "Time", "Module and why it is here", "Level",
                                                        "Track", "Co-facilitators"]
    assert len(sessions.rows) == 15
    assert sessions.rows[1].cells[1].text == "Fri, Jan 8, 2027\nHHSA Training Room B"
    assert sessions.rows[1].cells[2].text == "9:00 AM – 3:00 PM\n1 hour 10 minutes to connect"  # as in the .ics
    assert [r.cells[0].text for r in approvals.rows] == ["Role", "Prepared by (staff development)",
                                                         "Approved for DCFS (program manager)",
                                                         "Approved for ETA (program manager)"]
    header = "\n".join(c.text for t in document.sections[0].header.tables for c in t.rows[0].cells)
    assert "Alder County Department of Children and Family Services" in header


@needs_soffice
@needs_pdftotext
def test_docx_plan_converts_in_libreoffice(planned, tmp_path):
    source = plan_file(planned[0], ".docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], capture_output=True, timeout=300, check=False)
    pdf = tmp_path / source.with_suffix(".pdf").name
    assert pdf.is_file(), "LibreOffice did not convert the plan"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Linkages Annual Training Plan 2027", "Coordinated Case Planning", "Terrence Oduya",
                     "Holidays and closures skipped", "Lincoln's Birthday", "Cesar Chavez Day", "Approval",
                     "Approved for ETA (program manager)"):
        assert expected in text, expected


@pytest.mark.parametrize("args, message", [
    (["plan", "alder-conty", "--year", "2027"],
     "no overlay 'alder-conty' in county_overlays (did you mean 'alder-county'?)"),
    (["plan", SLUG, "--year", "2027", "--new-hire-every", "1"],
     "30 sessions do not fit in 2027 at 2 a month; raise --sessions-per-month or start new-hire cohorts less often "
     "(--new-hire-every)"),
    (["plan", SLUG, "--year", "2027", "--sessions-per-month", "9"], "--sessions-per-month must be 1 to 8, not 9"),
    (["plan", SLUG, "--year", "2027", "--start-time", "19:30"],
     "a session of coordinated-case-planning (390 minutes) starting at 19:30 would end after midnight; "
     "use an earlier --start-time"),
])
def test_plan_bad_options(county, args, message):
    result = run(args)
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")


def test_plan_without_a_calworks_trainer_names_overlay_toml(county):
    toml = county / "county_overlays" / SLUG / "overlay.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text[:text.index('[[trainers]]\nname = "Luis Ortega"')], encoding="utf-8")
    result = run(["plan", SLUG, "--year", "2027"])
    assert (result.exit_code, result.output) == (1, (
        'Error: county_overlays/alder-county/overlay.toml: no CalWORKs (ETA) trainer: add a [[trainers]] table with '
        'program = "calworks" (every Linkages session is co-facilitated by one trainer from each program)\n'))


def test_plan_with_a_broken_module_names_module_toml(county):
    toml = county / "base_modules" / "coordinated-case-planning" / "module.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("refresh_months = 36", "refresh_months = 0"),
                    encoding="utf-8")
    result = run(["plan", SLUG, "--year", "2027"])
    assert (result.exit_code, result.output) == (1, (
        "Error: base_modules/coordinated-case-planning/module.toml:8: 'refresh_months' must be a whole number "
        "from 1 to 120, not 0\n"))


def test_plan_writes_to_plan_slug_year_by_default(county):
    result = run(["plan", SLUG, "--year", "2028", "--sessions-per-month", "3", "--new-hire-every", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (county / "plan-alder-county-2028").iterdir()) == [
        "plan-alder-county-2028.csv", "plan-alder-county-2028.docx", "plan-alder-county-2028.ics"]
    assert "18 sessions: 12 new-hire core in 6 cohorts, 2 Linkages sequence, 4 refreshers" in result.output


# --- attendance -------------------------------------------------------------------------------

def attendance(*extra: str, signins: Path | str = SIGNINS):
    return run(["attendance", str(signins), "--as-of", "2027-06-30", *extra])


def test_sample_signins_are_what_the_script_makes():
    assert SIGNINS.read_bytes() == simulate().csv_text.encode("utf-8")


def test_attendance_on_the_sample(county):
    result = attendance("--county", SLUG)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1:4] == [
        "As of 2027-06-30: 24 sessions, 2 to follow up; 211 people; 6 new hires without the orientation; "
        "35 refreshers overdue, 26 due within 3 months",
        "  session 2026-01-13 coordinated-case-planning: only DCFS staff attended",
        "  session 2026-09-08 linkages-orientation: ETA 5 of 17 (29%), under 30%"]
    assert lines[0].endswith("signins-alder-county.csv: 468 rows, 444 attendances counted, 18 duplicate rows "
                             "counted once, 6 rows not counted")
    assert "  new hire Priya Natarajan (ETA, hired 2027-03-01): no linkages-orientation" in lines
    assert lines[-1] == ("Wrote attendance-alder-county-2027-06-30/: attendance-summary.html, sessions.csv, "
                         "people.csv, refreshers.csv, attendance.json")
    warnings = result.stderr.splitlines()
    assert len(warnings) == 7 and all(": warning: " in w for w in warnings)
    out = county / "attendance-alder-county-2027-06-30"
    page = (out / "attendance-summary.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page and "src=" not in page and "href=" not in page
    assert page.count("<g><title>") == 24 and "Jan 13, 2026 · Coordinated Case Planning" in page
    refreshers = list(csv.DictReader(io.StringIO((out / "refreshers.csv").read_text(encoding="utf-8-sig"))))
    assert {"name": "Gloria Whitaker", "program": "DCFS", "module": "linkages-orientation", "last_taken": "2025-06-10",
            "due": "2027-06-10", "status": "overdue"} in refreshers
    assert attendance("--county", SLUG, "--out", "again").exit_code == 0
    assert (county / "again" / "attendance-summary.html").read_bytes() == (out / "attendance-summary.html").read_bytes()


def test_attendance_files_arrive_together_or_not_at_all(county, monkeypatch):
    """Stopped while a long history's CSVs were written, a run left the summary and two CSVs
    without the rest: the files are written aside and moved in together."""
    from curriculum_kit.planning import attendance_report

    def fails(path, data):
        raise OSError(28, "No space left on device", str(path))

    real = attendance_report.write_json
    monkeypatch.setattr(attendance_report, "write_json", fails)  # the last file written
    result = attendance("--county", SLUG, "--out", "stopped")
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert list((county / "stopped").iterdir()) == []
    monkeypatch.setattr(attendance_report, "write_json", real)
    assert attendance("--county", SLUG, "--out", "stopped").exit_code == 0
    assert sorted(p.name for p in (county / "stopped").iterdir()) == [
        "attendance-summary.html", "attendance.json", "people.csv", "refreshers.csv", "sessions.csv"]


def test_a_threshold_that_is_not_a_number_is_refused(county):
    result = attendance("--county", SLUG, "--threshold", "nan")  # click's range lets 'nan' through
    assert result.exit_code == 2 and "'nan' is not a share" in result.output


def test_attendance_json(county):
    result = attendance("--county", SLUG, "--json", "--threshold", "0.4")
    data = json.loads(result.stdout)
    assert (data["as_of"], data["threshold"], data["programs"]) == ("2027-06-30", 0.4, {"cws": "DCFS", "calworks": "ETA"})
    assert len([s for s in data["sessions"] if s["flag"]]) > 2
    assert data["source"]["sha256"] and data["warnings"][0] == {
        "path": str(SIGNINS), "line": 8, "severity": "warning", "message": "no name; row not counted"}


def test_attendance_without_a_county_reports_its_program_names(county):
    result = attendance()
    assert result.exit_code == 0
    assert "unknown program 'DCFS' (use CWS or CalWORKs; a county's own names need --county); row not counted" \
        in result.stderr


@pytest.mark.parametrize("text, message", [
    ("", "signins.csv:1: is empty; the first line must be the header: name,program,module,date"),
    (HEADER, "signins.csv: has a header but no sign-in rows"),
    (HEADER + "Ann Bell,Probation,linkages-orientation,2027-03-02\nCy Dunn,Probation,linkages-orientation,2027-03-02\n",
     "signins.csv:2: no sign-in row can be counted: unknown program 'Probation' (use CWS, CalWORKs, DCFS or ETA); "
     "1 more row cannot be counted either"),
    (HEADER + "Ann Bell,CWS,linkages-orientation,2072-03-02\n",
     "signins.csv:2: no sign-in row can be counted: date 2072-03-02 is after --as-of 2027-06-30 (a typo in the year?)"),
    (HEADER + "Ann Bell,CWS,linkage-orientation,2027-03-02\n",
     "signins.csv:2: no sign-in row can be counted: unknown module 'linkage-orientation' (did you mean "
     "'linkages-orientation'?)"),
    ("name;program;module;dates\n", "signins.csv:1: unknown column 'dates' (did you mean 'date'?); the header must "
                                    "be name,program,module,date with optional session,email,hire_date"),
])
def test_attendance_unusable_input(county, text, message):
    Path("signins.csv").write_text(text, encoding="utf-8")
    result = attendance("--county", SLUG, signins="signins.csv")
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")


@pytest.mark.parametrize("args, message", [
    (["missing.csv"], "missing.csv: file not found"),
    (["signins.csv", "--county", "alder"], "no overlay 'alder' in county_overlays (known: alder-county, "
                                           "california-statewide, cypress-valley-county, manzanita-county, "
                                           "sierra-foothills-region)"),
    (["signins.csv", "--modules", "modules"], "modules: module folder not found (use --modules DIR)"),
])
def test_attendance_missing_things(county, args, message):
    Path("signins.csv").write_text(HEADER + "Ann Bell,CWS,linkages-orientation,2027-03-02\n", encoding="utf-8")
    result = run(["attendance", *args, "--as-of", "2027-06-30"])
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")


def test_a_future_row_among_good_ones_is_a_warning(county):
    Path("signins.csv").write_text(HEADER + "Ann Bell,CWS,linkages-orientation,2027-03-02\n"
                                            "Cy Dunn,CalWORKs,linkages-orientation,2027-03-02\n"
                                            "Eve Fox,CalWORKs,linkages-orientation,2027-07-02\n", encoding="utf-8")
    result = attendance("--county", SLUG, signins="signins.csv")
    assert result.exit_code == 0
    assert result.stderr == ("signins.csv:4: warning: date 2027-07-02 is after --as-of 2027-06-30 (a typo in the "
                             "year?); row not counted\n")


@pytest.mark.parametrize("name", ["refreshers.csv", "plan-sessions.csv"])
def test_an_attendance_output_that_cannot_be_written_leaves_none_of_the_others(county, name):
    """With refreshers.csv a folder, the summary, sessions.csv and people.csv were written before
    the error: the output folder held half a report (plan-sessions.csv was not checked at all)."""
    assert run(["plan", SLUG, "--year", "2027", "--out", "plan"]).exit_code == 0
    (county / "out" / name).mkdir(parents=True)
    result = run(["attendance", str(REPO / "samples" / "signins-alder-county-2027.csv"),
                  "--as-of", "2027-04-15", "--plan", "plan/plan-alder-county-2027.csv", "--out", "out"])
    assert (result.exit_code, result.output) == (1, f"Error: out/{name}: is a folder; name a file to write\n")
    assert sorted(p.name for p in (county / "out").iterdir()) == [name]


def test_counts_of_one_are_singular(county):
    """'1 rows, 1 attendances counted ... 1 sessions ... 1 people' for a file of one sign-in."""
    Path("signins.csv").write_text(HEADER + "Ann Bell,CWS,linkages-orientation,2027-03-02\n", encoding="utf-8")
    result = attendance("--county", SLUG, signins="signins.csv")
    assert result.stdout.splitlines()[:2] == [
        "signins.csv: 1 row, 1 attendance counted, 0 duplicate rows counted once, 0 rows not counted",
        "As of 2027-06-30: 1 session, 1 to follow up; 1 person; 0 new hires without the orientation; "
        "0 refreshers overdue, 0 due within 3 months"]
    page = (county / "attendance-alder-county-2027-06-30" / "attendance-summary.html").read_text(encoding="utf-8")
    assert "signins.csv: 1 row, 1 attendance.</p>" in page and "<desc>1 session from 2027-03-02" in page


def test_a_morning_and_an_afternoon_cohort_are_followed_up_apart(county):
    """Two sessions of one module on one day (the sheets' session column tells them apart):
    the morning, CWS staff only, is the one to follow up, named by its label."""
    rows = ["Ann Bell,CWS,linkages-orientation,2027-03-02,AM", "Bo Chan,CWS,linkages-orientation,2027-03-02,AM",
            "Cy Diaz,CWS,linkages-orientation,2027-03-02,PM", "Di Eng,CalWORKs,linkages-orientation,2027-03-02,PM"]
    Path("signins.csv").write_text("name,program,module,date,session\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = attendance("--county", SLUG, signins="signins.csv")
    assert "2 sessions, 1 to follow up" in result.stdout.splitlines()[1]
    assert "  session 2027-03-02 linkages-orientation (AM): only DCFS staff attended" in result.stdout.splitlines()
    page = (county / "attendance-alder-county-2027-06-30" / "attendance-summary.html").read_text(encoding="utf-8")
    follow_up = page[page.index("<h2>Sessions to follow up"):]
    follow_up = follow_up[:follow_up.index("</section>")]
    assert "(AM)</td>" in follow_up and "(PM)" not in follow_up
    assert ">Mar 2, 2027 (AM) · Linkages Orientation" in page and ">Mar 2, 2027 (PM) · Linkages Orientation" in page


def test_the_attendance_page_has_its_chart_as_a_table_a_main_landmark_and_fits_a_phone(county):
    """axe-core: no main landmark, content outside any region; the chart's counts were in
    the picture only (a screen reader hears its title) and its module titles were cut."""
    rows = ["Ann Bell,CWS,families-experiencing-homelessness,2027-03-02", "Bo Chan,CalWORKs,linkages-orientation,2027-03-09"]
    Path("signins.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    attendance("--county", SLUG, signins="signins.csv")
    page = (county / "attendance-alder-county-2027-06-30" / "attendance-summary.html").read_text(encoding="utf-8")
    assert page.count("<main>") == 1 and page.index("<h1>") > page.index("<main>") > page.index("<body>")
    assert page.index("</main>") < page.index("<footer>") and '<meta name="viewport"' in page
    table = page[page.index("<details><summary>The chart as a table</summary>"):page.index("</details>")]
    assert "<td>Serving Linkages Families Experiencing Homelessness</td><td>1</td><td>0</td>" \
           "<td>only DCFS staff attended</td>" in table
    assert "<td>Linkages Orientation: Who We Are</td><td>0</td><td>1</td>" in table
