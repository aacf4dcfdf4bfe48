"""Attendance on two years of simulated sign-ins: the messy CSV must give the clean truth.

samples/signin_simulation.py keeps the true attendances while it writes the CSV with
duplicates, case and spacing variants, program spellings and bad rows. Each test below
compares what `analyze` finds in the CSV with the same rule applied to the truth, and pins
the planted people and sessions by name.
"""

from __future__ import annotations

from datetime import date

import pytest

from curriculum_kit.formats.library import Library
from curriculum_kit.planning.attendance import (
    DUE_WITHIN_MONTHS,
    NEW_HIRE_MONTHS,
    ONE_PROGRAM,
    UNDER_SHARE,
    analyze,
    flag_note,
)
from curriculum_kit.planning.signins import SignIn, read_signins
from curriculum_kit.planning.workdays import add_months
from samples.signin_simulation import AS_OF, ORIENTATION, Simulation, simulate
from tests.conftest import REPO
from tests.unit.planning import builders

THRESHOLD = 0.3
LABELS = {"cws": "DCFS", "calworks": "ETA"}


@pytest.fixture(scope="module")
def simulation() -> Simulation:
    return simulate()


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(REPO / "base_modules", REPO / "county_overlays")


@pytest.fixture(scope="module")
def found(simulation, library, tmp_path_factory):
    path = tmp_path_factory.mktemp("signins") / "signins.csv"
    path.write_text(simulation.csv_text, encoding="utf-8", newline="")
    signins = read_signins(path, library.modules, AS_OF, library.overlay("alder-county"))
    return signins, analyze(signins.records, library.modules, AS_OF, THRESHOLD)


def truth_attendances(simulation: Simulation) -> dict[tuple, object]:
    return {(e.person.name, e.module, e.day): e.person for e in simulation.events}


def test_the_data_is_realistic(simulation, found):
    signins, attendance = found
    assert signins.rows > 450 and len(attendance.people) > 200
    assert min(e.day for e in simulation.events) <= date(2025, 6, 30) and max(e.day for e in simulation.events) >= date(2027, 6, 1)
    left = [p for p in simulation.people if p.left is not None]
    hired = [p for p in simulation.people if p.hired > date(2025, 3, 1)]
    assert len(left) > 30 and len(hired) > 40  # staff turnover and new hires


def test_every_true_attendance_is_counted_once(simulation, found):
    signins, attendance = found
    truth = truth_attendances(simulation)
    counted = {(p.key, module, day) for p in attendance.people for module, day in p.completed.items()}
    latest = {}
    for (name, module, day) in truth:
        latest[name.casefold(), module] = max(day, latest.get((name.casefold(), module), day))
    assert counted == {(name, module, day) for (name, module), day in latest.items()}
    assert {p.name for p in attendance.people} >= {"Tomás Reyes", "Gloria Whitaker", "BEN LINDGREN"}  # as written
    assert len(signins.records) - len(attendance.duplicates) == len(truth)
    assert sorted(d.line for d in attendance.duplicates) == simulation.duplicate_lines


def test_bad_rows_are_reported_on_their_lines(simulation, found):
    signins, _ = found
    assert {w.line for w in signins.warnings if w.message.endswith("row not counted")} == set(simulation.bad_lines)
    partial = [w for w in signins.warnings if not w.message.endswith("row not counted")]
    assert [(w.line, w.message) for w in partial] == [
        (simulation.bad_hire_date_line, "hire_date 'soon' is not a date (write 2027-03-02 or 3/2/2027); "
                                        "the hire date is ignored")]


def test_sessions_and_flags_match_the_truth(simulation, found):
    _, attendance = found
    expected: dict[tuple, dict] = {}
    for (_name, module, day), person in truth_attendances(simulation).items():
        counts = expected.setdefault((day, module), {"cws": 0, "calworks": 0})
        counts[person.program] += 1
    assert {(s.day, s.module): s.counts for s in attendance.sessions} == expected
    for session in attendance.sessions:
        smaller = min(session.counts.values())
        want = ONE_PROGRAM if smaller == 0 else UNDER_SHARE if smaller / session.total < THRESHOLD else ""
        assert session.flag == want, session


def test_flagged_sessions_are_pinned(found):
    _, attendance = found
    assert [(s.day, s.module, flag_note(s, LABELS, THRESHOLD)) for s in attendance.flagged] == [
        (date(2026, 1, 13), "coordinated-case-planning", "only DCFS staff attended"),
        (date(2026, 9, 8), "linkages-orientation", "ETA 5 of 17 (29%), under 30%"),
    ]


def test_new_hires_without_the_orientation_match_the_truth(simulation, found):
    _, attendance = found
    window = add_months(AS_OF, -NEW_HIRE_MONTHS)
    start = min(e.day for e in simulation.events)
    events: dict[str, list] = {}
    for event in simulation.events:
        events.setdefault(event.person.name, []).append(event)
    expected = set()
    for name, mine in events.items():
        person = mine[0].person
        first = min(e.day for e in mine)
        since = (person.hired if person.hired > window else None) if person.on_record else \
            (first if start <= window < first else None)
        if since and ORIENTATION not in {e.module for e in mine}:
            expected.add((name, since))
    assert {(p.name, p.new_since) for p in attendance.new_hires_missing} == expected


def test_new_hires_are_pinned(found):
    _, attendance = found
    assert [(p.name, LABELS[p.program], p.new_since, p.hire_date is not None)
            for p in attendance.new_hires_missing] == [
        ("Lena Dang", "DCFS", date(2026, 7, 14), False),
        ("Omar Duarte", "DCFS", date(2027, 1, 12), False),
        ("Priya Natarajan", "ETA", date(2027, 3, 1), True),
        ("Tomás Reyes", "DCFS", date(2026, 11, 10), False),
        ("Wen Alvarez", "DCFS", date(2027, 4, 13), False),
        ("Xochitl Silva", "DCFS", date(2026, 7, 14), False),
    ]


def test_refreshers_match_the_truth(simulation, library, found):
    _, attendance = found
    soon = add_months(AS_OF, DUE_WITHIN_MONTHS)
    latest: dict[tuple, date] = {}
    for (name, module, day) in truth_attendances(simulation):
        latest[name.casefold(), module] = max(day, latest.get((name.casefold(), module), day))
    expected = set()
    for (name, module), last in latest.items():
        due = add_months(last, library.modules[module].refresh_months)
        if due <= soon:
            expected.add((name, module, due, "overdue" if due < AS_OF else "due"))
    assert {(r.person.casefold(), r.module, r.due, r.status) for r in attendance.refreshers} == expected


def test_planted_refreshers_are_pinned(found):
    _, attendance = found
    by_person = {(r.person, r.module): (r.last, r.due, r.status) for r in attendance.refreshers}
    assert by_person["Gloria Whitaker", ORIENTATION] == (date(2025, 6, 10), date(2027, 6, 10), "overdue")
    assert by_person["Dwayne Foster", ORIENTATION] == (date(2025, 9, 9), date(2027, 9, 9), "due")
    statuses = [r.status for r in attendance.refreshers]
    assert statuses == sorted(statuses, key=lambda s: s != "overdue")  # overdue first
    assert (statuses.count("overdue"), statuses.count("due")) == (35, 26)


def test_display_name_prefers_the_usual_spelling():
    rows = [SignIn(2, "tomás reyes", "TOMÁS REYES", "cws", "intro", date(2027, 1, 5)),
            SignIn(3, "tomás reyes", "Tomás Reyes", "cws", "intro", date(2027, 2, 5))]
    attendance = analyze(rows, {"intro": builders.module("intro")}, date(2027, 6, 30), THRESHOLD)
    assert attendance.people[0].name == "Tomás Reyes"


def test_hire_date_wins_over_first_seen_and_a_program_change_follows_the_latest_row():
    rows = [SignIn(2, "ann", "Ann", "cws", "tools", date(2026, 1, 5), hire_date=date(2024, 1, 1)),
            SignIn(3, "ann", "Ann", "calworks", "tools", date(2027, 2, 5)),
            SignIn(4, "bo", "Bo", "cws", "tools", date(2027, 2, 5), hire_date=date(2027, 1, 10))]
    modules = {"intro": builders.module("intro"), "tools": builders.module("tools", "nuts-and-bolts", ("intro",))}
    attendance = analyze(rows, modules, date(2027, 6, 30), THRESHOLD)
    ann, bo = attendance.people
    assert (ann.program, ann.new_since, ann.completed) == ("calworks", None, {"tools": date(2027, 2, 5)})
    assert (bo.new_since, bo.missing) == (date(2027, 1, 10), ("intro",))


def test_short_records_do_not_make_everyone_a_new_hire():
    rows = [SignIn(2, "ann", "Ann", "cws", "intro", date(2027, 2, 5)),
            SignIn(3, "bo", "Bo", "cws", "tools", date(2027, 3, 5))]
    modules = {"intro": builders.module("intro"), "tools": builders.module("tools", "nuts-and-bolts", ("intro",))}
    assert analyze(rows, modules, date(2027, 6, 30), THRESHOLD).new_hires_missing == []


def test_two_sessions_of_a_module_on_one_day_are_flagged_each():
    """A morning and an afternoon cohort, told apart by the sheets' session column: the
    morning (CalWORKs staff only) is flagged although the day as a whole is mixed."""
    modules = {"intro": builders.module("intro")}
    day = date(2027, 3, 2)
    rows = [SignIn(2, "ann", "Ann", "calworks", "intro", day, "AM"),
            SignIn(3, "bo", "Bo", "calworks", "intro", day, "am "),
            SignIn(4, "cy", "Cy", "cws", "intro", day, "PM"),
            SignIn(5, "di", "Di", "calworks", "intro", day, "PM")]
    sessions = analyze(rows, modules, date(2027, 6, 30), THRESHOLD).sessions
    assert [(s.label, s.counts, s.flag) for s in sessions] == [
        ("AM", {"cws": 0, "calworks": 2}, ONE_PROGRAM), ("PM", {"cws": 1, "calworks": 1}, "")]


def test_rows_without_a_session_label_join_the_days_one_session():
    modules = {"intro": builders.module("intro")}
    day = date(2027, 3, 2)
    rows = [SignIn(2, "ann", "Ann", "calworks", "intro", day, "INTRO-2027-03"),
            SignIn(3, "cy", "Cy", "cws", "intro", day)]
    sessions = analyze(rows, modules, date(2027, 6, 30), THRESHOLD).sessions
    assert [(s.label, s.counts, s.flag) for s in sessions] == [("INTRO-2027-03", {"cws": 1, "calworks": 1}, "")]
