"""The county's org chart, in the shape of an HR export (orgchart.csv)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..findings import Findings
from .programs import BOTH, PROGRAMS, normalize_program
from .sources import read_csv

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
    line: int | None = None


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


def read_orgchart(path: Path, findings: Findings) -> OrgChart:
    people: dict[str, Person] = {}
    for row in read_csv(path, COLUMNS, [], what="an org chart (the units and managers staff call, not every "
                        "employee)"):
        program = normalize_program(row["program"])
        if not row["id"] or not row["name"]:
            findings.error(path, "every person needs an id and a name", row.line)
            continue
        if program is None:
            findings.error(path, f"program '{row['program']}' of '{row['name']}' must be "
                           f"{', '.join(PROGRAMS)} or {BOTH}", row.line)
            continue
        long = next(((column, row[column]) for column, limit in BOX_CHARS.items() if len(row[column]) > limit), None)
        if long:
            findings.error(path, f"{long[0]} '{long[1][:30]}…' is {len(long[1])} characters long; an org chart box "
                           f"holds a {long[0]} of at most {BOX_CHARS[long[0]]} (abbreviate it)", row.line)
            continue
        if row["id"] in people:
            findings.error(path, f"duplicate id '{row['id']}' (first on line {people[row['id']].line})", row.line)
            continue
        people[row["id"]] = Person(row["id"], row["name"], row["title"], program, row["reports_to"], row.line)
    for person in people.values():
        if person.reports_to and person.reports_to not in people:
            findings.error(path, f"'{person.name}' reports_to '{person.reports_to}', which is no one's id",
                           person.line)
    _report_cycles(path, people, findings)
    return OrgChart(tuple(people.values()), path)


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
            first = min(cycle, key=lambda i: people[i].line or 0)
            findings.error(path, f"reporting cycle: {names}", people[first].line)
