"""The plan `plan` makes is one `plan --from` accepts, whatever the county's closures leave."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from icalendar import Calendar

from curriculum_kit.errors import PlanError
from curriculum_kit.formats.calendar import Absence, Closure
from curriculum_kit.formats.library import Library
from curriculum_kit.planning.plan import generate_sessions, load_for_plan, plan_closed_days
from curriculum_kit.planning.plan_csv import read_plan_csv, write_plan_csv
from curriculum_kit.planning.plan_ics import plan_calendar
from curriculum_kit.planning.schedule import PlanOptions
from tests.conftest import REPO

YEAR = 2027


def closed_for(first: date, last: date):
    """The sample county with one more closure, from ``first`` to ``last``."""
    overlay, modules = load_for_plan(Library.load(REPO / "base_modules", REPO / "county_overlays"), "alder-county")
    calendar = replace(overlay.calendar, closures=(*overlay.calendar.closures, Closure("Renovation", first, last)))
    return replace(overlay, calendar=calendar), modules


@pytest.mark.parametrize("first, last, options", [
    (date(2027, 4, 1), date(2027, 4, 29), {}),  # one working day left in April, where cohort 2 starts
    (date(2027, 1, 1), date(2027, 1, 28), {}),  # one in January, where the first cohort starts
    (date(2027, 6, 28), date(2027, 7, 29), {}),  # one in July, a trainer on leave that day
])
def test_a_plan_made_around_closures_passes_the_rules_of_plan_from(tmp_path, first, last, options):
    """A closure leaving one working day in April put cohort 2's two sessions on that day, in one
    room, the prerequisite not before the session that needs it: `plan --from` refused the file."""
    overlay, modules = closed_for(first, last)
    plan = PlanOptions(YEAR, **options)
    closed = plan_closed_days(overlay, YEAR)
    sessions = generate_sessions(overlay, modules, plan, closed)
    write_plan_csv(tmp_path / "plan.csv", sessions)
    read = read_plan_csv(tmp_path / "plan.csv", YEAR, overlay, {m.id: m for m in modules}, closed, plan.start)
    assert [s.session_id for s in read.sessions] == [s.session_id for s in sessions]
    assert not {s.day for s in sessions} & set(closed)


def test_no_session_is_dated_where_every_trainer_of_a_program_is_away(tmp_path):
    """One CalWORKs trainer on two weeks' leave where a session fell: 'no CalWORKs trainer is
    free on 2027-01-08', no plan, instead of another working day of the month."""
    overlay, modules = load_for_plan(Library.load(REPO / "base_modules", REPO / "county_overlays"), "alder-county")
    calworks = [t for t in overlay.trainers if t.program == "calworks"]
    leave = tuple(Absence(t.name, date(2027, 1, 4), date(2027, 1, 15)) for t in calworks)
    overlay = replace(overlay, calendar=replace(overlay.calendar, absences=(*overlay.calendar.absences, *leave)))
    closed = plan_closed_days(overlay, YEAR)
    sessions = generate_sessions(overlay, modules, PlanOptions(YEAR), closed)
    assert not [s for s in sessions if date(2027, 1, 4) <= s.day <= date(2027, 1, 15)]
    assert [s.day.month for s in sessions][:2] == [1, 1]  # still in January, on the days with a pair
    write_plan_csv(tmp_path / "plan.csv", sessions)
    read = read_plan_csv(tmp_path / "plan.csv", YEAR, overlay, {m.id: m for m in modules}, closed, PlanOptions(YEAR).start)
    assert len(read.sessions) == len(sessions)


def test_a_session_moved_by_a_closure_says_so():
    overlay, modules = closed_for(date(2027, 4, 1), date(2027, 4, 29))
    sessions = generate_sessions(overlay, modules, PlanOptions(YEAR), plan_closed_days(overlay, YEAR))
    moved = next(s for s in sessions if s.session_id == "2027-core2-coordinated-case-planning")
    assert moved.day == date(2027, 5, 10)
    assert moved.reason.endswith("; moved to May: closures leave April 1 working day")


def test_closures_that_leave_too_little_of_the_year_name_overlay_toml():
    overlay, modules = closed_for(date(2027, 1, 1), date(2027, 11, 29))
    with pytest.raises(PlanError) as error:
        generate_sessions(overlay, modules, PlanOptions(YEAR), plan_closed_days(overlay, YEAR))
    assert error.value.path == overlay.layer.doc.path
    assert error.value.message == ("14 sessions do not fit in 2027 at 2 a month (closures leave 11 of its months too "
                                   "few working days); raise --sessions-per-month or start new-hire cohorts less "
                                   "often (--new-hire-every)")


def test_a_county_name_with_a_line_break_is_calendar_text():
    """X-WR-CALNAME was written as it came: a line break in the county's name (which validate
    accepts) made icalendar refuse the content line with a traceback."""
    overlay, modules = load_for_plan(Library.load(REPO / "base_modules", REPO / "county_overlays"), "alder-county")
    overlay = replace(overlay, chain=(replace(overlay.layer, county="Alder\nCounty, CA; North"), *overlay.chain[1:]))
    data = plan_calendar(overlay, [], [], YEAR, datetime(2026, 1, 1), {})
    assert b"\r\nX-WR-CALNAME:Alder\\nCounty\\, CA\\; North Linkages training 2027\r\n" in data
    assert Calendar.from_ical(data)["X-WR-CALNAME"]  # it reads back


def test_closures_of_one_day_are_one_name_not_two_items_of_the_list():
    """Two names of one date were joined by '; ', the separator of the Word plan's list of
    closures: 'Feb 15 Presidents' Day; Susan B. Anthony Day; Mar 12 Furlough day'."""
    overlay, _ = closed_for(date(2027, 3, 12), date(2027, 3, 12))
    closed = plan_closed_days(overlay, YEAR)
    assert closed[date(2027, 2, 15)] == "Presidents' Day / Susan B. Anthony Day"
    assert closed[date(2027, 3, 12)] == "Furlough day / Renovation"
