"""The county's org chart, in the shape of an HR export (orgchart.csv)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Location
from ..findings import Findings
from .programs import BOTH, PROGRAM_LABELS, PROGRAMS, normalize_program
from .sources import first_at, read_table

COLUMNS = ["id", "name", "title", "program", "reports_to"]
# What one box of the chart holds at the smallest font, on the narrowest page or slide, for
# the widest letters; real names stay under 40 characters and titles under 70.
BOX_CHARS = {"name": 60, "title": 80}


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    title: str
    program: str  # cws, calworks or both
    reports_to: str  # '' for a root
    line: Location = None  # a line, or a workbook cell ('Org chart'!A7)
    reports_to_at: Location = None  # the same line, or the row's reports_to cell ('Org chart'!E7)


@dataclass(frozen=True)
class OrgChart:
    """People keyed by id, in file order; roots are people who report to no one."""

    people: tuple[Person, ...]
    path: Path | None = None

    def children(self) -> dict[str, list[Person]]:
        tree: dict[str, list[Person]] = {person.id: [] for person in self.people}
        for person in self.people:
            if person.reports_to in tree:
                tree[person.reports_to].append(person)
        return tree

    @property
    def roots(self) -> list[Person]:
        return [person for person in self.people if not person.reports_to]


def read_orgchart(path: Path, findings: Findings, sheet: str | None = None) -> OrgChart:
    """The org chart from orgchart.csv, a workbook, or a sheet of one (``sheet``)."""
    people: dict[str, Person] = {}
    for row in read_table(path, COLUMNS, [], sheet, what="an org chart (the units and managers staff call, not "
                          "every employee)"):
        program = normalize_program(row["program"])
        if not row["id"] or not row["name"]:
            findings.error(path, "every person needs an id and a name", row.at("id" if not row["id"] else "name"))
            continue
        if program is None:
            findings.error(path, f"program '{row['program']}' of '{row['name']}' must be "
                           f"{', '.join(PROGRAMS)} or {BOTH}", row.at("program"))
            continue
        long = next(((column, row[column]) for column, limit in BOX_CHARS.items() if len(row[column]) > limit), None)
        if long:
            findings.error(path, f"{long[0]} '{long[1][:30]}…' is {len(long[1])} characters long; an org chart box "
                           f"holds a {long[0]} of at most {BOX_CHARS[long[0]]} (abbreviate it)", row.at(long[0]))
            continue
        if row["id"] in people:
            findings.error(path, f"duplicate id '{row['id']}' (first {first_at(people[row['id']].line)})",
                           row.at("id"))
            continue
        people[row["id"]] = Person(row["id"], row["name"], row["title"], program, row["reports_to"], row.line,
                                   row.at("reports_to"))
    for person in people.values():
        if person.reports_to and person.reports_to not in people:
            findings.error(path, f"'{person.name}' reports_to '{person.reports_to}', which is no one's id",
                           person.reports_to_at)
    _report_cycles(path, people, findings)
    _report_second_roots(path, people, findings)
    return OrgChart(tuple(people.values()), path)


def _report_second_roots(path: Path, people: dict[str, Person], findings: Findings) -> None:
    """One root per program (and one for both): a second person of a program who reports to
    no one is almost always a missing reports_to, which would draw a separate chart."""
    first: dict[str, Person] = {}
    for person in people.values():
        if person.reports_to:
            continue
        if person.program in first:
            findings.error(path, f"'{person.name}' reports to no one, like '{first[person.program].name}' "
                           f"({PROGRAM_LABELS[person.program]}); a chart has one root per program: "
                           "fill in reports_to", person.reports_to_at)
        else:
            first[person.program] = person


def _report_cycles(path: Path, people: dict[str, Person], findings: Findings) -> None:
    """Each reporting cycle once, named by its members, at the line of its first member."""
    state: dict[str, str] = {}
    for start in people:
        trail: list[str] = []
        current = start
        while current in people and current not in state:
            state[current] = start
            trail.append(current)
            current = people[current].reports_to
        if current in people and state.get(current) == start:
            cycle = trail[trail.index(current):]
            names = " -> ".join(people[i].name for i in cycle + [current])
            first = min(cycle, key=list(people).index)  # file order
            findings.error(path, f"reporting cycle: {names}", people[first].line)
