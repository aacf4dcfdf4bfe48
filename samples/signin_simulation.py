"""Two years of a county's Linkages sign-ins, simulated: the truth, and the CSV people type.

A seeded simulation of one county's staff (turnover each month, new hires, a few who skip
the orientation) attending the three sample modules, then written out the way real sign-in
data looks: names in other case or spacing, "CWS" / "Child Welfare" / "DCFS" / "Cal Works",
ISO and US dates, titles instead of ids, rows typed twice, and a handful of rows that cannot
be counted. The tests compare what `attendance` finds in the messy CSV with what the clean
truth says; samples/make_signins.py writes the README's sample from the same simulation.

Four people are planted so that tests can name them:
- Priya Natarajan (ETA), hired 2027-03-01, took case planning without the orientation;
- Tomás Reyes (DCFS), no hire date on record, first seen 2026-11-10, no orientation;
- Gloria Whitaker (DCFS), orientation 2025-06-10 only: refresher overdue since 2027-06-10;
- Dwayne Foster (ETA), orientation 2025-09-09 only: refresher due 2027-09-09.
and one session is planted with one program only: case planning on 2026-01-13 (DCFS only).
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from curriculum_kit.planning.workdays import closed_days

ORIENTATION, CASE_PLANNING, HOMELESSNESS = ("linkages-orientation", "coordinated-case-planning",
                                            "families-experiencing-homelessness")
TITLES = {ORIENTATION: "Linkages Orientation: Who We Are", CASE_PLANNING: "Coordinated Case Planning",
          HOMELESSNESS: "Serving Linkages Families Experiencing Homelessness"}
CODES = {ORIENTATION: "ORI", CASE_PLANNING: "CCP", HOMELESSNESS: "FEH"}
START, END, AS_OF = date(2025, 3, 1), date(2027, 6, 30), date(2027, 6, 30)
HEADER = ["name", "program", "module", "date", "session", "email", "hire_date"]
SPELLINGS = {"cws": ["CWS", "CWS", "Child Welfare", "CW", "cws", "Child Welfare Services", "DCFS"],
             "calworks": ["CalWORKs", "CalWORKs", "Cal Works", "CALWORKS", "calworks", "ETA", "CalWORKs "]}
FIRST = ["Ana", "Ben", "Carla", "Dana", "Eli", "Fatima", "Gabe", "Hana", "Ivan", "Jada", "Kofi", "Lena",
         "Marco", "Nia", "Omar", "Paula", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wen", "Xochitl",
         "Yusuf", "Zoe", "Arturo", "Bianca", "Chen", "Deja", "Emil", "Farah", "Goran", "Imani", "Jorge"]
LAST = ["Alvarez", "Brooks", "Castillo", "Dang", "Ellison", "Fong", "Garcia", "Haddad", "Ibarra", "Jensen",
        "Kaur", "Lindgren", "Mendoza", "Nakamura", "Okafor", "Pham", "Quintero", "Rahman", "Silva", "Thao",
        "Udall", "Vasquez", "Whitfield", "Xiong", "Yazzie", "Zamora", "Ochoa", "Bautista", "Cortez", "Duarte"]
# Rows that cannot be counted, as (name, program, module, date, why). One more is written with an
# unquoted comma in the name, and one counted row carries an unreadable hire date.
BAD_ROWS = [
    ("Marisol Vega", "Probation", ORIENTATION, "2026-03-10", "unknown program"),
    ("Kenji Ito", "CWS", "linkages-orientaton", "2026-03-10", "unknown module"),
    ("Ruth Amsel", "CalWORKs", CASE_PLANNING, "13/45/2026", "not a date"),
    ("Owen Pratt", "CWS", ORIENTATION, "2072-03-10", "future date"),
    ("", "CalWORKs", ORIENTATION, "2026-03-10", "no name"),
]


@dataclass
class Person:
    name: str
    program: str  # cws or calworks
    hired: date
    on_record: bool  # an LMS person: every row of theirs carries hire_date
    left: date | None = None
    taken: dict[str, date] = field(default_factory=dict)  # module -> last time taken

    @property
    def email(self) -> str:
        return f"{self.name.split()[0][0]}{self.name.split()[-1]}@alder.example.org".lower()


@dataclass(frozen=True)
class Event:
    """One true attendance."""

    person: Person
    module: str
    day: date


@dataclass
class Simulation:
    people: list[Person]
    events: list[Event]
    csv_text: str
    bad_lines: dict[int, str]  # line -> why it cannot be counted
    duplicate_lines: list[int]
    bad_hire_date_line: int


def session_days() -> list[tuple[str, date]]:
    """Orientation each quarter, case planning the month after, homelessness in May and November:
    on the second Tuesday, or the next working day when that is a holiday."""
    closed = closed_days(range(START.year, END.year + 1))
    days = []
    month = date(START.year, START.month, 1)
    while month <= END:
        modules = [ORIENTATION] if month.month % 3 == 0 else [CASE_PLANNING] if month.month % 3 == 1 else []
        modules += [HOMELESSNESS] if month.month in (5, 11) else []
        for offset, module in enumerate(modules):
            day = month + timedelta(days=(1 - month.weekday()) % 7 + 7 + 2 * offset)
            while day.weekday() >= 5 or day in closed:
                day += timedelta(days=1)
            days.append((module, day))
        month = (month + timedelta(days=32)).replace(day=1)
    return days


def simulate(seed: int = 2027) -> Simulation:
    rng = random.Random(seed)
    names = iter(rng.sample([f"{first} {last}" for first in FIRST for last in LAST], 600))
    people = [Person(next(names), program, START - timedelta(days=rng.randint(400, 4000)), rng.random() < 0.4)
              for program, count in (("cws", 120), ("calworks", 90)) for _ in range(count)]
    planted = _planted()
    events: list[Event] = []
    for module, day in session_days():
        _turnover(rng, people, names, day)
        staff = [p for p in people if p.hired <= day and (p.left is None or p.left > day)]
        one_program = (module, day) == (CASE_PLANNING, date(2026, 1, 13))  # planted: only DCFS staff came
        for person in staff:
            if rng.random() < _chance(person, module, day) and not (one_program and person.program == "calworks"):
                events.append(Event(person, module, day))
                person.taken[module] = day
    for person, module, day in planted:
        events.append(Event(person, module, day))
    people += [p for p, _, _ in planted if p not in people]
    return _render(rng, people, sorted(events, key=lambda e: (e.day, e.module, e.person.name)))


def _planted() -> list[tuple[Person, str, date]]:
    priya = Person("Priya Natarajan", "calworks", date(2027, 3, 1), True)
    tomas = Person("Tomás Reyes", "cws", date(2026, 10, 1), False)
    gloria = Person("Gloria Whitaker", "cws", date(2015, 5, 1), False)
    dwayne = Person("Dwayne Foster", "calworks", date(2012, 8, 1), False)
    return [(priya, CASE_PLANNING, date(2027, 4, 13)), (tomas, HOMELESSNESS, date(2026, 11, 10)),
            (tomas, CASE_PLANNING, date(2027, 1, 12)), (gloria, ORIENTATION, date(2025, 6, 10)),
            (dwayne, ORIENTATION, date(2025, 9, 9))]


def _turnover(rng: random.Random, people: list[Person], names, day: date) -> None:
    """Between sessions some staff leave and new hires start, in both programs."""
    for person in people:
        if person.left is None and rng.random() < 0.035:
            person.left = day - timedelta(days=rng.randint(1, 20))
    for program in ("cws", "calworks"):
        for _ in range(rng.choice([0, 1, 1, 2])):
            people.append(Person(next(names), program, day - timedelta(days=rng.randint(5, 60)), rng.random() < 0.6))


def _chance(person: Person, module: str, day: date) -> float:
    """How likely a person is to come: new hires to the orientation, then onwards; veterans for refreshers."""
    new = person.hired >= START
    last = person.taken.get(module)
    if module == ORIENTATION:
        if last is None:
            return 0.85 if new else 0.15
        return 0.6 if (day - last).days > 650 else 0.0
    if ORIENTATION not in person.taken and new:
        return 0.03
    if module == CASE_PLANNING:
        return 0.0 if last else (0.55 if new else 0.14)
    return 0.0 if last else (0.3 if CASE_PLANNING in person.taken else 0.08)


def _render(rng: random.Random, people: list[Person], events: list[Event]) -> Simulation:
    """The CSV as people type it, and where its duplicates and bad rows ended up."""
    rows: list[list[str]] = []
    duplicates: list[int] = []
    for event in events:
        rows.append(_row(rng, event))
        if rng.random() < 0.04:  # the same sheet typed in twice, maybe spelled differently
            copy = _row(rng, event)
            copy[0] = rng.choice([copy[0].upper(), copy[0].lower(), "  " + copy[0].replace(" ", "  ")])
            rows.append(copy)
            duplicates.append(len(rows) + 1)
    bad_lines = {}
    for name, program, module, day, why in BAD_ROWS:
        index = rng.randrange(len(rows))
        rows.insert(index, [name, program, module, day, "", "", ""])
        duplicates = [line + 1 if line >= index + 2 else line for line in duplicates]
        bad_lines = {(line + 1 if line >= index + 2 else line): w for line, w in bad_lines.items()}
        bad_lines[index + 2] = why
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    text = buffer.getvalue()
    comma_line = len(rows) + 2  # a name typed with an unquoted comma, at the end
    text += f"Lopez, Maria,CWS,{ORIENTATION},2026-06-09,ORI-2026-06,mlopez@alder.example.org,2019-04-01\r\n"
    bad_lines[comma_line] = "unquoted comma"
    hire_line = len(rows) + 3  # counted, but its hire date cannot be read
    day = date(2026, 6, 9)
    unrecorded = next(p for p in people if not p.on_record and p.hired < day and (p.left or END) > day
                      and p.taken and p.taken.get(ORIENTATION) != day)
    text += f"{unrecorded.name},{SPELLINGS[unrecorded.program][0]},{ORIENTATION},{day},,,soon\r\n"
    return Simulation(people, events + [Event(unrecorded, ORIENTATION, day)], text, bad_lines,
                      duplicates, hire_line)


def _row(rng: random.Random, event: Event) -> list[str]:
    """One sign-in row: LMS people carry session, e-mail and hire date; typed rows vary."""
    person, day = event.person, event.day
    name = person.name
    if rng.random() < 0.12:
        name = rng.choice([name.lower(), name.upper(), f" {name} ", name.replace(" ", "  ")])
    program = rng.choice(SPELLINGS[person.program])
    module = TITLES[event.module] if rng.random() < 0.08 else event.module
    when = f"{day.month}/{day.day}/{day.year}" if rng.random() < 0.3 else day.isoformat()
    lms = person.on_record
    session = f"{CODES[event.module]}-{day:%Y-%m}" if lms else ""
    return [name, program, module, when, session, person.email if lms or rng.random() < 0.5 else "",
            person.hired.isoformat() if lms else ""]
