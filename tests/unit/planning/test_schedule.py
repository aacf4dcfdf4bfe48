"""Dates of the year's sessions: working days only, prerequisites first, months not overfilled."""

from __future__ import annotations

from collections import Counter
from datetime import date, time

import holidays
import pytest

from curriculum_kit.errors import PlanError
from curriculum_kit.planning.order import teaching_order
from curriculum_kit.planning.schedule import PlanOptions, plan_counts, schedule
from curriculum_kit.planning.workdays import add_months, closed_days, working_days
from tests.unit.planning.builders import module, samples


def plan(modules=None, **options):
    return schedule(teaching_order(modules or samples()), PlanOptions(2027, **options), closed_days([2027]))


def test_no_session_on_a_weekend_or_a_federal_or_california_holiday():
    closed = holidays.country_holidays("US", subdiv="CA", years=2027)
    for options in ({}, {"sessions_per_month": 8, "new_hire_every": 1}, {"sessions_per_month": 1, "new_hire_every": 6}):
        for session in plan(**options):
            assert session.day.weekday() < 5 and session.day not in closed, (options, session.day)
    assert date(2027, 3, 31) in closed and date(2027, 11, 26) in closed  # Cesar Chavez Day, day after Thanksgiving


def test_working_days_skip_the_observed_holiday():
    july = working_days(2027, 7, closed_days([2027]))
    assert date(2027, 7, 5) not in july  # July 4 is a Sunday: the county closes Monday
    assert july[0] == date(2027, 7, 1) and len(july) == 21


def test_the_core_track_repeats_every_three_months_in_prerequisite_order():
    sessions = plan()
    assert plan_counts(sessions) == "12 sessions: 8 new-hire core in 4 cohorts, 1 Linkages sequence, 3 refreshers"
    cohorts: dict[int, list] = {}
    for session in sessions:
        if session.track == "core":
            cohorts.setdefault(session.round, []).append(session)
    assert [cohort[0].day.month for cohort in cohorts.values()] == [1, 4, 7, 10]
    for cohort in cohorts.values():
        assert [s.module.id for s in cohort] == ["linkages-orientation", "coordinated-case-planning"]
        assert cohort[0].day < cohort[1].day


def test_the_sequence_follows_the_first_cohort_and_refreshers_spread_over_the_year():
    sessions = plan()
    sequence = [s for s in sessions if s.track == "sequence"]
    first_case_planning = next(s for s in sessions if s.module.id == "coordinated-case-planning")
    assert [s.module.id for s in sequence] == ["families-experiencing-homelessness"]
    assert sequence[0].day > first_case_planning.day
    assert sequence[0].reason.startswith("Linkages sequence for staff past the core, from February; advanced level")
    refreshers = [(s.module.id, s.day.month) for s in sessions if s.track == "refresher"]
    assert refreshers == [("linkages-orientation", 3), ("coordinated-case-planning", 8),
                          ("families-experiencing-homelessness", 11)]


def test_a_full_month_pushes_a_session_on_and_says_why():
    sessions = plan()
    moved = next(s for s in sessions if s.track == "refresher" and s.module.id == "coordinated-case-planning")
    assert moved.reason == ("refresher (retake every 36 months), once a year; refreshers are spread over the year "
                            "in teaching order; moved to August: July already had 2 sessions (--sessions-per-month)")
    assert max(Counter(s.day.month for s in sessions).values()) == 2


def test_a_short_refresh_period_is_offered_more_than_once_a_year():
    sessions = plan([module("intro", core=True, refresh=6)])
    assert [(s.track, s.day.month) for s in sessions if s.track == "refresher"] == [("refresher", 4), ("refresher", 10)]


def test_one_session_a_day_and_starting_at_the_start_time():
    sessions = plan(sessions_per_month=8, new_hire_every=1, start=time(8, 30))
    assert len({s.day for s in sessions}) == len(sessions) == 28
    assert {(s.starts.hour, s.starts.minute) for s in sessions} == {(8, 30)}
    assert sessions[1].ends.time() == time(15, 0)  # 8:30 + 390 minutes


def test_too_many_sessions_for_the_year_is_an_error():
    with pytest.raises(PlanError) as error:
        plan(new_hire_every=1)
    assert str(error.value) == ("28 sessions do not fit in 2027 at 2 a month; raise --sessions-per-month or start "
                                "new-hire cohorts less often (--new-hire-every)")


@pytest.mark.parametrize("options, message", [
    ({"sessions_per_month": 9}, "--sessions-per-month must be 1 to 8, not 9"),
    ({"new_hire_every": 13}, "--new-hire-every must be 1 to 12 months, not 13"),
    ({"start": time(19, 0)}, "a session of coordinated-case-planning (390 minutes) starting at 19:00 would end "
                             "after midnight; use an earlier --start-time"),
])
def test_impossible_options_are_errors(options, message):
    with pytest.raises(PlanError) as error:
        plan(**options)
    assert str(error.value) == message


def test_a_month_closed_all_through_gets_no_session_and_a_closed_year_is_one_error():
    """A county closure over all of January pushes January's sessions on (an empty month of
    working days made an IndexError); one over the whole year is a plan error, said so."""
    closed = closed_days([2027])
    january = {date(2027, 1, day): "closed" for day in range(1, 32)}
    sessions = schedule(teaching_order(samples()), PlanOptions(2027), {**closed, **january})
    assert sessions and all(s.starts.month != 1 for s in sessions)
    year = {date.fromordinal(day): "closed" for day in range(date(2027, 1, 1).toordinal(), date(2028, 1, 1).toordinal())}
    with pytest.raises(PlanError, match=r"\(closures leave 12 of its months too few working days\)"):
        schedule(teaching_order(samples()), PlanOptions(2027), year)


def test_no_modules_is_an_error():
    with pytest.raises(PlanError, match="there are no modules to plan"):
        schedule([], PlanOptions(2027), {})


@pytest.mark.parametrize("day, months, expected", [
    (date(2025, 3, 11), 24, date(2027, 3, 11)), (date(2027, 1, 31), 1, date(2027, 2, 28)),
    (date(2027, 6, 30), -12, date(2026, 6, 30)), (date(2027, 6, 30), 3, date(2027, 9, 30)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_counts_of_one_are_singular():
    """'1 sessions: 1 new-hire core in 1 cohort, ...' for a plan of one session."""
    sessions = plan([module("intro", core=True)], new_hire_every=12)
    assert plan_counts(sessions) == "1 session: 1 new-hire core in 1 cohort, 0 Linkages sequence, 0 refreshers"
