"""What sign-in records say: did both programs come, who is new, whose refresher is due.

Pure functions over counted sign-ins (:mod:`.signins`); writers live elsewhere.

- Lesson 1: a session attended by one program's staff only, or where one program is under
  a threshold share, is flagged for leadership to follow up.
- Lesson 9: a new hire (hire date within the last 12 months, or, without one, first seen
  then while the records reach back further) who has not taken every orientation-level
  module is listed.
- Lesson 10: each completed module with ``refresh_months`` comes due that many months after
  the person last took it: overdue when that date has passed, due when it falls within the
  next three months (time to enrol them in a session of the quarterly plan).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from ..formats.module import Module
from ..formats.programs import PROGRAMS
from .signins import SignIn
from .workdays import add_months

NEW_HIRE_MONTHS = 12
DUE_WITHIN_MONTHS = 3
ONE_PROGRAM, UNDER_SHARE = "one-program", "under-threshold"


@dataclass(frozen=True)
class SessionAttendance:
    """One session (a module on a day) and who came from each program."""

    module: str
    day: date
    label: str  # the sign-in's session column, if any
    counts: dict[str, int]
    flag: str = ""  # '', ONE_PROGRAM or UNDER_SHARE
    short: str = ""  # the program with too few (or no) attendees

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Refresher:
    person: str
    program: str
    module: str
    last: date
    due: date
    status: str  # overdue or due


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    program: str  # the program of their latest sign-in
    email: str
    hire_date: date | None
    first_seen: date
    last_seen: date
    completed: dict[str, date]  # module id -> last time taken
    new_since: date | None = None  # hire date, or first seen, when a new hire
    missing: tuple[str, ...] = ()  # orientation-level modules a new hire has not taken
    refreshers: tuple[Refresher, ...] = ()


@dataclass(frozen=True)
class Duplicate:
    line: int
    same_as: int


@dataclass
class Attendance:
    as_of: date
    threshold: float
    sessions: list[SessionAttendance]
    people: list[Person]
    duplicates: list[Duplicate] = field(default_factory=list)

    @property
    def flagged(self) -> list[SessionAttendance]:
        return [s for s in self.sessions if s.flag]

    @property
    def new_hires_missing(self) -> list[Person]:
        return [p for p in self.people if p.missing]

    @property
    def refreshers(self) -> list[Refresher]:
        found = [r for p in self.people for r in p.refreshers]
        return sorted(found, key=lambda r: (r.status != "overdue", r.due, r.person))


def analyze(records: list[SignIn], modules: dict[str, Module], as_of: date, threshold: float) -> Attendance:
    """Sessions, people, new hires and refreshers as of ``as_of``, duplicates counted once."""
    unique, duplicates = _deduplicate(records)
    sessions = _sessions(unique, threshold)
    start = min(r.day for r in unique)
    people = [_person(rows, modules, as_of, start) for rows in _by_person(unique).values()]
    people.sort(key=lambda p: (p.name.casefold(), p.key))
    return Attendance(as_of, threshold, sessions, people, duplicates)


def _deduplicate(records: list[SignIn]) -> tuple[list[SignIn], list[Duplicate]]:
    """One record per person, module and day: sheets get typed twice, exports overlap."""
    first: dict[tuple[str, str, date], SignIn] = {}
    duplicates = []
    for record in sorted(records, key=lambda r: r.line):
        key = (record.person, record.module, record.day)
        if key in first:
            duplicates.append(Duplicate(record.line, first[key].line))
        else:
            first[key] = record
    return list(first.values()), duplicates


def _sessions(records: list[SignIn], threshold: float) -> list[SessionAttendance]:
    groups: dict[tuple[date, str], dict[str, list[SignIn]]] = {}
    for record in records:
        label = " ".join(record.session.split()).casefold()
        groups.setdefault((record.day, record.module), {}).setdefault(label, []).append(record)
    sessions = []
    for (day, module), by_label in sorted(groups.items()):
        for rows in _held(by_label):
            counts = {program: sum(r.program == program for r in rows) for program in PROGRAMS}
            labels = Counter(r.session for r in rows if r.session)
            sessions.append(flag_session(SessionAttendance(module, day, _most_common(labels), counts), threshold))
    return sessions


def _held(by_label: dict[str, list[SignIn]]) -> list[list[SignIn]]:
    """The sessions of one module on one day, from its rows by their session column: one
    session, unless the sheets name two or more (a morning and an afternoon cohort, each
    flagged on its own: a morning of one program's staff is not hidden by a mixed
    afternoon); rows naming none are then a session of their own."""
    if sum(1 for label in by_label if label) <= 1:
        return [[row for rows in by_label.values() for row in rows]]
    return [by_label[label] for label in sorted(by_label)]


def flag_session(session: SessionAttendance, threshold: float) -> SessionAttendance:
    """The session flagged when one program is missing or under ``threshold`` of the attendees (lesson 1)."""
    fewer = min(PROGRAMS, key=lambda p: (session.counts[p], p))
    if session.counts[fewer] == 0:
        return replace(session, flag=ONE_PROGRAM, short=fewer)
    if session.counts[fewer] / session.total < threshold:
        return replace(session, flag=UNDER_SHARE, short=fewer)
    return session


def _by_person(records: list[SignIn]) -> dict[str, list[SignIn]]:
    people: dict[str, list[SignIn]] = {}
    for record in sorted(records, key=lambda r: (r.day, r.line)):
        people.setdefault(record.person, []).append(record)
    return people


def _person(rows: list[SignIn], modules: dict[str, Module], as_of: date, start: date) -> Person:
    """One person from their rows (in date order): the latest program, e-mail and hire date win."""
    latest = rows[-1]
    emails = [r.email for r in rows if r.email]
    hired = [r.hire_date for r in rows if r.hire_date]
    completed: dict[str, date] = {}
    for row in rows:
        completed[row.module] = row.day
    person = Person(latest.person, _display_name([r.name for r in rows]), latest.program,
                    emails[-1] if emails else "", hired[-1] if hired else None, rows[0].day, latest.day, completed)
    since = _new_since(person, as_of, start)
    missing = tuple(m.id for m in sorted(modules.values(), key=lambda m: m.id)
                    if m.level == "orientation" and m.id not in completed) if since else ()
    return replace(person, new_since=since, missing=missing, refreshers=_refreshers(person, modules, as_of))


def _new_since(person: Person, as_of: date, start: date) -> date | None:
    """The hire date (or first sign-in) of a new hire; None for staff hired earlier."""
    window = add_months(as_of, -NEW_HIRE_MONTHS)
    if person.hire_date is not None:
        return person.hire_date if person.hire_date > window else None
    if start <= window < person.first_seen:  # the records reach back far enough to tell
        return person.first_seen
    return None


def _refreshers(person: Person, modules: dict[str, Module], as_of: date) -> tuple[Refresher, ...]:
    soon = add_months(as_of, DUE_WITHIN_MONTHS)
    found = []
    for module_id, last in sorted(person.completed.items()):
        months = modules[module_id].refresh_months
        if months is None:
            continue
        due = add_months(last, months)
        if due < as_of:
            found.append(Refresher(person.name, person.program, module_id, last, due, "overdue"))
        elif due <= soon:
            found.append(Refresher(person.name, person.program, module_id, last, due, "due"))
    return tuple(found)


def _most_common(counter: Counter[str]) -> str:
    """The most frequent value, the first one seen on a tie ('' when there is none)."""
    return counter.most_common(1)[0][0] if counter else ""


def _display_name(written: list[str]) -> str:
    """A spelling in mixed case ('Tomás Reyes', not 'TOMÁS REYES') if there is one, the one
    written most often, then the first seen."""
    counts = Counter(written)
    return max(counts, key=lambda name: (name not in (name.lower(), name.upper()), counts[name]))


def flag_note(session: SessionAttendance, labels: dict[str, str], threshold: float) -> str:
    """'only DCFS staff attended' or 'ETA 2 of 11 (18%), under 30%'; '' when not flagged."""
    if session.flag == ONE_PROGRAM:
        other = next(p for p in PROGRAMS if p != session.short)
        return f"only {labels[other]} staff attended"
    if session.flag == UNDER_SHARE:
        count = session.counts[session.short]
        return (f"{labels[session.short]} {count} of {session.total} ({count / session.total:.0%}), "
                f"under {threshold:.0%}")
    return ""
