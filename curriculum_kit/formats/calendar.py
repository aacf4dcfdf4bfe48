"""A county's own calendar: the days its offices close, its training rooms, its trainers' leave.

State and federal holidays come from the ``holidays`` package; what only the county knows
is written in its overlay.toml, so the plan never puts a session on a furlough day, in a
room the county does not have, or on a trainer who is on leave:

    [[closures]]                  a date, a range (from/to) or a rule repeated every year
    [[rooms]]                     name, address, capacity
    [[unavailable]]               a trainer away on a date or from/to

A region's closures apply to every county that extends it; rooms are merged by name and
leave is added up, the nearest overlay first.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..findings import Findings
from .sources import TomlDocument, check_keys, shown_value, suggest_named

CLOSURES, ROOMS, UNAVAILABLE = "closures", "rooms", "unavailable"
CALENDAR_KEYS = (CLOSURES, ROOMS, UNAVAILABLE)

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1,
             "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_NAMED = {  # rules counties write by name, as the rule they stand for
    "thanksgiving": "fourth thursday of november",
    "day after thanksgiving": "day after fourth thursday of november",
    "lincoln's birthday": "february 12",
    "lincolns birthday": "february 12",
    "christmas eve": "december 24",
    "new year's eve": "december 31",
    "new years eve": "december 31",
    "indigenous peoples' day": "second monday of october",
    "columbus day": "second monday of october",
}
RULE_EXAMPLES = "'February 12', 'fourth Thursday of November', 'day after Thanksgiving', \"Lincoln's Birthday\""


@dataclass(frozen=True)
class Room:
    """A training room the county books for Linkages sessions."""

    name: str
    address: str = ""
    capacity: int | None = None

    @property
    def location(self) -> str:
        """'Training Room B, 1200 Main Street, Alder, CA': what a calendar's LOCATION says."""
        return f"{self.name}, {self.address}" if self.address else self.name


@dataclass(frozen=True)
class Closure:
    """Days the county's offices are closed: one date, a range, or a rule for every year."""

    name: str
    start: date | None = None
    end: date | None = None  # the last day of a range (the start itself for one date)
    rule: str = ""  # as written, e.g. "day after Thanksgiving"
    observed: bool = False  # a rule's Saturday moves to Friday, its Sunday to Monday

    def days(self, year: int) -> list[date]:
        """The closed days of ``year``."""
        if self.rule:
            day = rule_day(self.rule, year)
            if day is None:
                return []
            if self.observed and day.weekday() >= 5:
                day += timedelta(days=-1 if day.weekday() == 5 else 1)
            return [day]
        assert self.start is not None and self.end is not None
        count = (self.end - self.start).days + 1
        return [d for d in (self.start + timedelta(days=n) for n in range(count)) if d.year == year]


@dataclass(frozen=True)
class Absence:
    """A trainer away (leave, another assignment) on the days from ``start`` to ``end``."""

    trainer: str
    start: date
    end: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def text(self) -> str:
        """'on leave 2027-06-01 to 2027-06-30 (family leave)'."""
        span = f"{self.start:%Y-%m-%d}" + (f" to {self.end:%Y-%m-%d}" if self.end != self.start else "")
        return f"unavailable {span}" + (f" ({self.reason})" if self.reason else "")


@dataclass(frozen=True)
class CountyCalendar:
    """What overlay.toml says about closures, rooms and trainers' leave (all optional)."""

    closures: tuple[Closure, ...] = ()
    rooms: tuple[Room, ...] = ()
    absences: tuple[Absence, ...] = ()

    def closed_days(self, year: int) -> dict[date, str]:
        """The county's own closed days of ``year`` by date (a day named twice keeps both names)."""
        days: dict[date, str] = {}
        for closure in self.closures:
            for day in closure.days(year):
                days[day] = one_day_names(days[day], closure.name) if day in days else closure.name
        return days

    def absence(self, trainer: str, day: date) -> Absence | None:
        """Why ``trainer`` cannot facilitate on ``day``, or None when they can."""
        return next((a for a in self.absences if a.trainer == trainer and a.covers(day)), None)

    def room(self, name: str) -> Room | None:
        wanted = " ".join(name.split()).casefold()
        return next((r for r in self.rooms if r.name.casefold() == wanted), None)


def one_day_names(*names: str) -> str:
    """The closures of one day as one name, "Presidents' Day / Susan B. Anthony Day": not joined
    by '; ', which separates the days in the Word plan's list of closures."""
    return " / ".join(dict.fromkeys(names))


def rule_day(rule: str, year: int) -> date | None:
    """The day a yearly rule names in ``year``; None when the rule cannot be read."""
    text = " ".join(rule.replace("’", "'").lower().split())
    text = _NAMED.get(text, text)
    if text.startswith("day after "):
        before = rule_day(text.removeprefix("day after "), year)
        return before + timedelta(days=1) if before else None
    fixed = re.fullmatch(r"([a-z]+)\.? (\d{1,2})", text)
    if fixed and fixed.group(1) in _MONTHS:
        month, day = _MONTHS[fixed.group(1)], int(fixed.group(2))
        return date(year, month, day) if day <= calendar.monthrange(year, month)[1] else None
    nth = re.fullmatch(r"([a-z0-9]+) ([a-z]+) of ([a-z]+)", text)
    if nth and nth.group(1) in _ORDINALS and nth.group(2) in _WEEKDAYS and nth.group(3) in _MONTHS:
        month, weekday = _MONTHS[nth.group(3)], _WEEKDAYS[nth.group(2)]
        days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
                if date(year, month, d).weekday() == weekday]
        index = _ORDINALS[nth.group(1)]
        if index > len(days):
            return None
        return date(year, month, days[index - 1 if index > 0 else -1])
    return None


# --- reading overlay.toml ------------------------------------------------------------------

def read_calendar(doc: TomlDocument, findings: Findings) -> CountyCalendar | None:
    """The [[closures]], [[rooms]] and [[unavailable]] tables of one overlay.toml; None when it
    has none of them (so a parent's apply)."""
    if not any(key in doc.data for key in CALENDAR_KEYS):
        return None
    return CountyCalendar(tuple(_closures(doc, findings)), tuple(_rooms(doc, findings)),
                          tuple(_absences(doc, findings)))


def _tables(doc: TomlDocument, key: str, findings: Findings) -> list[tuple[int, dict[str, Any]]]:
    entries = doc.data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        findings.error(doc.path, f"'{key}' must be a list of [[{key}]] tables", doc.line_of(key))
        return []
    return list(enumerate(entries))


def _text(doc: TomlDocument, entry: dict[str, Any], where: tuple[str | int, ...], key: str, findings: Findings) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        findings.error(doc.path, f"'{key}' must be text", doc.line_of(*where, key))
        return ""
    return " ".join(value.split())


def _date(doc: TomlDocument, entry: dict[str, Any], where: tuple[str | int, ...], key: str, findings: Findings) -> date | None:
    """A TOML date (2027-03-12, unquoted) or the same written as text."""
    value = entry.get(key)
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    findings.error(doc.path, f"'{key}' = {shown_value(value)} must be a date like 2027-03-12",
                   doc.line_of(*where, key))
    return None


def _span(doc: TomlDocument, entry: dict[str, Any], where: tuple[str | int, ...], findings: Findings,
          label: str) -> tuple[date, date] | None:
    """``date`` alone, or ``from`` and ``to``: the days a closure or an absence covers."""
    if "date" in entry:
        if "from" in entry or "to" in entry:
            findings.error(doc.path, f"{label}: give either 'date' or 'from' and 'to', not both",
                           doc.line_of(*where))
            return None
        day = _date(doc, entry, where, "date", findings)
        return (day, day) if day else None
    if "from" not in entry or "to" not in entry:
        findings.error(doc.path, f"{label}: give 'date', or 'from' and 'to'", doc.line_of(*where))
        return None
    start, end = _date(doc, entry, where, "from", findings), _date(doc, entry, where, "to", findings)
    if start is None or end is None:
        return None
    if end < start:
        findings.error(doc.path, f"{label}: 'to' {end} is before 'from' {start}", doc.line_of(*where, "to"))
        return None
    return start, end


def _closures(doc: TomlDocument, findings: Findings) -> list[Closure]:
    closures = []
    for index, entry in _tables(doc, CLOSURES, findings):
        where = (CLOSURES, index)
        check_keys(doc, entry, where, ["name"], ["date", "from", "to", "every", "observed"], findings)
        name = _text(doc, entry, where, "name", findings)
        label = f"closure '{name or index + 1}'"
        observed = entry.get("observed", False)
        if not isinstance(observed, bool):
            findings.error(doc.path, f"{label}: 'observed' must be true or false", doc.line_of(*where, "observed"))
            continue
        if "every" in entry:
            rule = _text(doc, entry, where, "every", findings)
            if any(k in entry for k in ("date", "from", "to")):
                findings.error(doc.path, f"{label}: give either 'every' or a date, not both", doc.line_of(*where))
            elif rule and rule_day(rule, 2028) is None:
                findings.error(doc.path, f"{label}: cannot read the rule 'every = \"{rule}\"'; write it like "
                               f"{RULE_EXAMPLES}", doc.line_of(*where, "every"))
            elif rule and name:
                closures.append(Closure(name, rule=rule, observed=observed))
            continue
        if observed:
            findings.error(doc.path, f"{label}: 'observed' applies to a rule ('every') only",
                           doc.line_of(*where, "observed"))
        span = _span(doc, entry, where, findings, label)
        if span and name:
            closures.append(Closure(name, span[0], span[1]))
    return closures


def _rooms(doc: TomlDocument, findings: Findings) -> list[Room]:
    rooms: list[Room] = []
    for index, entry in _tables(doc, ROOMS, findings):
        where = (ROOMS, index)
        check_keys(doc, entry, where, ["name"], ["address", "capacity"], findings)
        name = _text(doc, entry, where, "name", findings)
        capacity = entry.get("capacity")
        if capacity is not None and (not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1):
            findings.error(doc.path, f"room '{name}': 'capacity' must be a whole number of seats",
                           doc.line_of(*where, "capacity"))
            continue
        if name and any(r.name.casefold() == name.casefold() for r in rooms):
            findings.error(doc.path, f"room '{name}' is listed twice", doc.line_of(*where, "name"))
        elif name:
            rooms.append(Room(name, _text(doc, entry, where, "address", findings), capacity))
    return rooms


def _absences(doc: TomlDocument, findings: Findings) -> list[Absence]:
    absences = []
    for index, entry in _tables(doc, UNAVAILABLE, findings):
        where = (UNAVAILABLE, index)
        check_keys(doc, entry, where, ["trainer"], ["date", "from", "to", "reason"], findings)
        trainer = _text(doc, entry, where, "trainer", findings)
        span = _span(doc, entry, where, findings, f"unavailable '{trainer or index + 1}'")
        if span and trainer:
            absences.append(Absence(trainer, span[0], span[1], _text(doc, entry, where, "reason", findings)))
    return absences


# --- inheritance -----------------------------------------------------------------------------

def fold_calendars(layers: Sequence[tuple[TomlDocument, CountyCalendar | None]], trainers: Sequence[str],
                   findings: Findings) -> CountyCalendar:
    """One calendar from an `extends` chain, nearest overlay first: closures and leave of every
    layer apply, rooms are merged by name (the nearest first); leave must name a trainer."""
    closures: list[Closure] = []
    rooms: dict[str, Room] = {}
    absences: list[Absence] = []
    for doc, own in layers:
        if own is None:
            continue
        closures += [c for c in own.closures if c not in closures]
        for room in own.rooms:
            rooms.setdefault(room.name.casefold(), room)
        for index, absence in enumerate(own.absences):
            if absence.trainer not in trainers:
                line = doc.line_of(UNAVAILABLE, index, "trainer")
                findings.error(doc.path, f"unavailable: '{absence.trainer}' is not one of the [[trainers]]"
                               f"{suggest_named(absence.trainer, trainers) or ' (known: ' + ', '.join(trainers) + ')'}",
                               line)
            absences.append(absence)
    return CountyCalendar(tuple(closures), tuple(rooms.values()), tuple(absences))
