"""Dates for a county's year of Linkages sessions: three tracks, one month at a time.

- the **new-hire core** (lesson 9): every ``new_hire_core`` module in teaching order,
  started again by a new cohort every few months;
- the **Linkages sequence**: the other modules once a year for staff past the core, from
  the month after the first cohort, so their prerequisites have just been offered;
- **refreshers** (lesson 10): each module with ``refresh_months`` as often as that asks
  (at least once a year, since someone's retake always comes due), spread over the year.

Offerings are placed month by month, at most ``sessions_per_month`` in a month, a full month
pushing an offering to the next one (and saying so); within a month they spread over its
working days in the order placed, so a prerequisite is always taught on an earlier day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..errors import PlanError
from ..formats.calendar import Room
from ..formats.module import Module
from ..formats.overlay import Trainer
from ..wording import count_text
from .order import Step
from .workdays import MONTH_NAMES, working_days

CORE, SEQUENCE, REFRESHER = "core", "sequence", "refresher"
TRACK_LABELS = {CORE: "New-hire core", SEQUENCE: "Linkages sequence", REFRESHER: "Refresher"}
TRACK_CODES = {CORE: "core", SEQUENCE: "seq", REFRESHER: "ref"}  # in session ids: 2027-core1-linkages-orientation
MAX_SESSIONS_PER_MONTH = 8  # fewer than the working days of any month: one session a day at most


@dataclass(frozen=True)
class PlanOptions:
    year: int
    sessions_per_month: int = 2
    new_hire_every: int = 3  # months between new-hire cohorts (quarterly)
    start: time = time(9, 0)


@dataclass(frozen=True)
class Session:
    """One dated session of the plan; ``pair`` is (CWS trainer, CalWORKs trainer) once assigned."""

    starts: datetime  # local time, America/Los_Angeles
    module: Module
    track: str
    round: int  # the cohort (core) or the offering of the year (refresher); 1 in the sequence
    reason: str
    pair: tuple[Trainer, Trainer] | None = None
    room: Room | None = None
    year: int = 0  # the plan's year (the session's own year when 0)
    notes: str = ""  # what staff wrote in the plan's notes column, kept when the plan is written again

    @property
    def session_id(self) -> str:
        """'2027-core1-linkages-orientation': year, track, occurrence and module, never the date,
        so a session keeps its id (and its calendar UID) when staff move it."""
        return session_id(self.year or self.starts.year, self.track, self.round, self.module.id)

    @property
    def day(self) -> date:
        return self.starts.date()

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.module.duration_minutes)

    @property
    def track_label(self) -> str:
        label = TRACK_LABELS[self.track]
        return f"{label}, cohort {self.round}" if self.track == CORE else label


def session_id(year: int, track: str, round_: int, module_id: str) -> str:
    return f"{year}-{TRACK_CODES[track]}{round_}-{module_id}"


@dataclass(eq=False)
class _Offering:
    step: Step
    track: str
    round: int
    target: int  # the month asked for
    why: str
    needs: list[_Offering] = field(default_factory=list)  # offerings that must come first
    month: int = 0  # the month given


def schedule(steps: list[Step], options: PlanOptions, closed: dict[date, str],
             closures: Path | None = None) -> list[Session]:
    """The year's sessions in date order (without co-facilitators); ``steps`` in teaching order.
    ``closures`` is the file of the county's closures, named when they leave the year too short."""
    _check(steps, options)
    offerings = _offerings(steps, options)
    order = {CORE: 0, SEQUENCE: 1, REFRESHER: 2}  # new hires cannot wait; refreshers can
    offerings.sort(key=lambda o: (o.target, order[o.track], o.round, o.step.position))
    open_days = {month: working_days(options.year, month, closed) for month in range(1, 13)}
    # One session a day at most: a month that closures leave with fewer working days than
    # --sessions-per-month holds only as many (two on one day shared a room, and put a
    # prerequisite on the day of the session that needs it).
    capacity = {month: min(options.sessions_per_month, len(days)) for month, days in open_days.items()}
    months: dict[int, list[_Offering]] = {}
    for offering in offerings:
        month = max([offering.target] + [need.month for need in offering.needs])
        while month <= 12 and len(months.get(month, [])) >= capacity[month]:
            month += 1  # a month full, or closed all through (a closure may span one)
        if month > 12:
            short = sum(1 for count in capacity.values() if count < options.sessions_per_month)
            raise PlanError(f"{len(offerings)} sessions do not fit in {options.year} at "
                            f"{options.sessions_per_month} a month"
                            f"{f' (closures leave {short} of its months too few working days)' if short else ''}; "
                            "raise --sessions-per-month or start new-hire cohorts less often (--new-hire-every)",
                            closures if short else None)
        offering.month = month
        months.setdefault(month, []).append(offering)
    sessions = []
    for month, group in sorted(months.items()):
        days = open_days[month]
        for index, offering in enumerate(group):  # evenly spread, in the order placed
            day = days[(2 * index + 1) * len(days) // (2 * len(group))]
            sessions.append(Session(datetime.combine(day, options.start), offering.step.module,
                                    offering.track, offering.round, _reason(offering, options, capacity)))
    return sorted(sessions, key=lambda s: s.starts)


def _check(steps: list[Step], options: PlanOptions) -> None:
    if not steps:
        raise PlanError("there are no modules to plan")
    if not 1 <= options.sessions_per_month <= MAX_SESSIONS_PER_MONTH:
        raise PlanError(f"--sessions-per-month must be 1 to {MAX_SESSIONS_PER_MONTH}, "
                        f"not {options.sessions_per_month}")
    if not 1 <= options.new_hire_every <= 12:
        raise PlanError(f"--new-hire-every must be 1 to 12 months, not {options.new_hire_every}")
    longest = max((step.module for step in steps), key=lambda m: m.duration_minutes)
    start = datetime.combine(date(options.year, 1, 1), options.start)
    if (start + timedelta(minutes=longest.duration_minutes)).date() != start.date():
        raise PlanError(f"a session of {longest.id} ({longest.duration_minutes} minutes) starting at "
                        f"{options.start:%H:%M} would end after midnight; use an earlier --start-time")


def _offerings(steps: list[Step], options: PlanOptions) -> list[_Offering]:
    core = [step for step in steps if step.module.new_hire_core]
    first_cohort: dict[str, _Offering] = {}
    offerings: list[_Offering] = []
    every = options.new_hire_every
    for cohort, month in enumerate(range(1, 13, every), start=1):
        placed: dict[str, _Offering] = {}
        for step in core:
            why = f"new-hire core, cohort {cohort} (a cohort starts every {_months(every)})"
            offering = _Offering(step, CORE, cohort, month, why, _needs(step, placed))
            placed[step.module.id] = offering
            offerings.append(offering)
        if cohort == 1:
            first_cohort = placed
    rest = [step for step in steps if not step.module.new_hire_core]
    begin = 2 if core else 1
    for index, step in enumerate(rest):
        target = begin + index * (13 - begin) // len(rest)
        why = f"Linkages sequence for staff past the core, from {MONTH_NAMES[begin]}"
        offering = _Offering(step, SEQUENCE, 1, target, why, _needs(step, first_cohort))
        first_cohort[step.module.id] = offering
        offerings.append(offering)
    refreshed = [step for step in steps if step.module.refresh_months]
    for index, step in enumerate(refreshed):
        months = step.module.refresh_months
        assert months is not None  # refreshed holds only modules with a refresh period
        per_year = math.ceil(12 / months)
        interval = 12 // per_year
        first = 1 + int((index + 0.5) * interval / len(refreshed))
        often = "once a year" if per_year == 1 else f"every {_months(interval)}"
        why = (f"refresher (retake every {_months(months)}), {often}; "
               "refreshers are spread over the year in teaching order")
        offerings += [_Offering(step, REFRESHER, turn + 1, first + turn * interval, why)
                      for turn in range(per_year)]
    return offerings


def _needs(step: Step, placed: dict[str, _Offering]) -> list[_Offering]:
    return [placed[p] for p in step.module.prerequisites if p in placed]


def _reason(offering: _Offering, options: PlanOptions, capacity: dict[int, int]) -> str:
    text = offering.why if offering.track == REFRESHER else f"{offering.why}; {offering.step.reason}"
    if offering.month == offering.target:
        return text
    if any(need.month == offering.month for need in offering.needs):
        return f"{text}; in {MONTH_NAMES[offering.month]} because its prerequisite is taught then"
    moved, asked, held = MONTH_NAMES[offering.month], MONTH_NAMES[offering.target], capacity[offering.target]
    if held < options.sessions_per_month:
        days = count_text(held, "working day") if held else "no working day"
        return f"{text}; moved to {moved}: closures leave {asked} {days}"
    return f"{text}; moved to {moved}: {asked} already had {count_text(held, 'session')} (--sessions-per-month)"


def _months(count: int) -> str:
    return "month" if count == 1 else f"{count} months"


def plan_counts(sessions: list[Session]) -> str:
    """'12 sessions: 8 new-hire core in 4 cohorts, 1 Linkages sequence, 3 refreshers'."""
    count = {track: sum(s.track == track for s in sessions) for track in TRACK_LABELS}
    cohorts = len({s.round for s in sessions if s.track == CORE})
    return (f"{count_text(len(sessions), 'session')}: {count[CORE]} new-hire core in {count_text(cohorts, 'cohort')}, "
            f"{count[SEQUENCE]} Linkages sequence, {count_text(count[REFRESHER], 'refresher')}")
