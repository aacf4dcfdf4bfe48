"""Sign-in records as people type them: one clean record per row that can be counted.

Rows come from the packets' joint sign-in sheets typed in by hand, or from an LMS export:
``name,program,module,date`` plus optional ``session,email,hire_date``. Real rows vary:
names in other case or spacing, "CWS" / "Child Welfare" / "CW" / "DCFS", dates as
2027-03-02 or 3/2/2027. What can be read is read; a row that cannot be counted is
reported with its line, never dropped in silence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..errors import InputError
from ..findings import Finding
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..formats.programs import BOTH, normalize_program
from ..formats.sources import SIGNIN_BYTES, SIGNIN_ROWS, read_csv
from ..ooxml.matcher import compiled_matcher
from ..wording import count_text
from .names import ModuleNames, first_reading, program_aliases
from .workdays import TIMEZONE

REQUIRED = ["name", "program", "module", "date"]
OPTIONAL = ["session", "email", "hire_date"]
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d", "%m-%d-%Y", "%B %d, %Y", "%b %d, %Y")
NOT_COUNTED = "row not counted"
FIRST_YEAR, LAST_YEAR = 1900, 2100  # a date outside is a typo (0001, 9999) and would break date arithmetic


@dataclass(frozen=True)
class SignIn:
    """One counted row: a person attended a module's session on a day."""

    line: int
    person: str  # who, for matching: the name in lower case with single spaces
    name: str  # the name as written, spaces tidied
    program: str  # cws or calworks
    module: str  # module id
    day: date
    session: str = ""
    email: str = ""
    hire_date: date | None = None


@dataclass
class SignIns:
    """What a sign-in file held: counted rows, and a warning for each row read only in part."""

    path: Path
    rows: int
    records: list[SignIn]
    not_counted: int
    warnings: list[Finding]


def read_signins(path: Path, modules: dict[str, Module], as_of: date, overlay: Overlay | None = None) -> SignIns:
    """The file's rows checked against ``modules`` and ``as_of``; with ``overlay``, the county's own
    program names ('DCFS') are understood too. An error when no row can be counted."""
    skipped: list[tuple[int, str]] = []
    partial: list[tuple[int, str]] = []
    check_year(as_of, "--as-of")
    rows = read_csv(path, REQUIRED, OPTIONAL,
                    on_bad_row=lambda e: skipped.append((e.line if isinstance(e.line, int) else 0, e.message)),
                    max_bytes=SIGNIN_BYTES, max_rows=SIGNIN_ROWS, what="a sign-in file", named=True)
    unreadable = len(skipped)
    programs = _ProgramNames(overlay)
    titles = module_names(modules, overlay)
    records = []
    for row in rows:
        problems: list[str] = []
        name = " ".join(row["name"].split())
        if not name:
            problems.append("no name")
        program = programs.key(row["program"], problems)
        module = _module(row["module"], modules, titles, problems)
        day = _day(row["date"], "date", as_of, problems)
        if problems or day is None:  # (day is None only with a problem)
            skipped.append((row.number, "; ".join(problems)))
            continue
        hired: list[str] = []
        hire_date = _day(row["hire_date"], "hire_date", as_of, hired) if row["hire_date"] else None
        partial += [(row.number, f"{hired[0]}; the hire date is ignored")] if hired else []
        records.append(SignIn(row.number, name.casefold(), name, program, module, day, row["session"],
                              row["email"].lower(), hire_date if not hired else None))
    if not records:
        if not skipped:
            raise InputError("has a header but no sign-in rows", path)
        line, reason = min(skipped)
        more = len(skipped) - 1
        raise InputError(f"no sign-in row can be counted: {reason}"
                         + (f"; {count_text(more, 'more row')} cannot be counted either" if more else ""),
                         path, line)
    warnings = [Finding(path, line, "warning", f"{reason}; {NOT_COUNTED}") for line, reason in skipped]
    warnings += [Finding(path, line, "warning", reason) for line, reason in partial]
    return SignIns(path, len(rows) + unreadable, records, len(skipped), sorted(warnings, key=lambda w: w.line or 0))


class _ProgramNames:
    """'CWS', 'Child Welfare', 'CW', 'CalWORKs', ... and, with a county, its own names ('DCFS')."""

    def __init__(self, overlay: Overlay | None):
        brands = overlay.programs.values() if overlay is not None else ()
        self.aliases = program_aliases(overlay) if overlay is not None else {}
        self.shown = list(dict.fromkeys(["CWS", "CalWORKs", *(b.short_name for b in brands if b.short_name)]))
        self.county = overlay is not None

    def key(self, text: str, problems: list[str]) -> str:
        program = normalize_program(text, self.aliases)
        if program == BOTH:
            problems.append(f"program '{text}' names both programs; each person signs in for their own")
        elif program is None and not text:
            problems.append("no program")
        elif program is None:
            hint = "" if self.county else "; a county's own names need --county"
            problems.append(f"unknown program '{text}' (use {', '.join(self.shown[:-1])} or {self.shown[-1]}{hint})")
        return program or ""


def check_year(day: date, option: str) -> None:
    """A date given on the command line must lie in the years that sign-in rows may have (a
    refresher due date is computed from it; year 9999 has no next year)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(f"{option} {day.isoformat()}: use a date between {FIRST_YEAR} and {LAST_YEAR}")


def parse_day(text: str) -> date | None:
    """A date as typed or exported: ISO, US month/day/year, 'March 2, 2027'; a time part is ignored,
    but for one with a zone, read as Pacific time's day."""
    text = text.strip()
    zoned = _pacific_day(text)
    if zoned is not None:
        return zoned
    found = first_reading((text, text.split("T")[0], text.split(" ")[0]), DATE_FORMATS)
    return found.date() if found else None


def _pacific_day(text: str) -> date | None:
    """The day in California of an ISO timestamp with a zone, as LMS exports write them:
    '2027-11-09T01:10:00Z' is the evening of November 8 (cut to its date, it was the 9th)."""
    try:
        moment = datetime.fromisoformat(text)
        return moment.astimezone(ZoneInfo(TIMEZONE)).date() if moment.tzinfo is not None else None
    except (ValueError, OverflowError):  # not ISO with a zone, or outside the years a date holds
        return None


def _day(text: str, column: str, as_of: date, problems: list[str]) -> date | None:
    day = parse_day(text)
    if not text:
        problems.append(f"no {column}")
    elif day is None:
        problems.append(f"{column} '{text}' is not a date (write 2027-03-02 or 3/2/2027)")
    elif not FIRST_YEAR <= day.year <= LAST_YEAR:
        problems.append(f"{column} {day.isoformat()} is not between {FIRST_YEAR} and {LAST_YEAR} (a typo in the year?)")
        return None
    elif day > as_of:
        problems.append(f"{column} {day:%Y-%m-%d} is after --as-of {as_of:%Y-%m-%d} (a typo in the year?)")
    return day


def module_names(modules: dict[str, Module], overlay: Overlay | None) -> ModuleNames:
    """Module ids and titles, also in the county's words (as its sign-in sheets print them)."""
    if overlay is None:
        return ModuleNames(modules)
    matcher = compiled_matcher(overlay.terms)
    return ModuleNames(modules, {m.id: matcher.replace(m.title) for m in modules.values()})


def _module(text: str, modules: dict[str, Module], titles: ModuleNames, problems: list[str]) -> str:
    """A module id, also when written with spaces or capitals, or as the module's title."""
    found = titles.find(text)
    if found is None:
        problems.append(titles.problem(text))
    return found or text.strip().lower()
