"""The plan as a spreadsheet the county owns: written by `plan`, edited in Excel, read back.

Staff move a date, change a room, swap a trainer, cancel a session (delete its row, or
write ``cancelled`` in ``status``) or add one (a row with an empty ``session_id``). Each
row keeps its ``session_id`` — year, track, occurrence and module, never the date — so the
calendar, the session packets and the sign-ins recognise the session after the edit.

Reading checks every row against the rules the generated plan keeps (a working day, no
holiday or county closure, a trainer of the right program who is not on leave, nobody
twice on one day, prerequisites before the sessions that need them) and reports every
broken rule with its line; the caller writes nothing unless all rows pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from ..errors import InputError, PlanEditErrors
from ..findings import Findings
from ..formats.calendar import Room
from ..formats.module import Module
from ..formats.overlay import Overlay, Trainer
from ..formats.programs import PROGRAM_LABELS, PROGRAMS
from ..formats.sources import CsvRow, read_csv, suggest_named
from ..outputs import spreadsheet_text, write_csv
from .names import ModuleNames, parse_clock
from .plan_rules import check_plan
from .schedule import CORE, TRACK_CODES, TRACK_LABELS, Session, session_id
from .signins import parse_day
from .timing import connect_minutes

CSV_COLUMNS = ["session_id", "status", "date", "weekday", "start", "end", "module", "title", "version", "level",
               "track", "cohort", "cws_trainer", "calworks_trainer", "room", "connect_minutes", "why", "notes"]
REQUIRED = ["session_id", "date", "module", "cws_trainer", "calworks_trainer"]
OPTIONAL = [c for c in CSV_COLUMNS if c not in REQUIRED]
TRAINER_COLUMNS = {"cws": "cws_trainer", "calworks": "calworks_trainer"}
PLANNED, CANCELLED = "planned", "cancelled"
_STATUS = {"": PLANNED, "planned": PLANNED, "scheduled": PLANNED, "confirmed": PLANNED,
           "cancelled": CANCELLED, "canceled": CANCELLED, "cancel": CANCELLED}
_ID = re.compile(r"(\d{4})-(" + "|".join(TRACK_CODES.values()) + r")(\d{1,2})-([a-z0-9-]+)")
_TRACKS = {**{code: track for track, code in TRACK_CODES.items()},
           **{label.casefold(): track for track, label in TRACK_LABELS.items()}, **{t: t for t in TRACK_CODES}}
ADDED = "added to the plan by staff"
NO_SESSIONS = "has no sessions; a plan CSV has a row for each session (write cancelled in its status to cancel one)"


@dataclass(frozen=True)
class EditedPlan:
    """The sessions of an edited plan in date order, and the rows marked cancelled."""

    sessions: list[Session]
    cancelled: list[Session]
    lines: dict[str, int]  # session id -> its line in the file


def write_plan_csv(path: Path, sessions: Sequence[Session], cancelled: Sequence[Session] = ()) -> None:
    """plan-SLUG-YEAR.csv: UTF-8 with a byte-order mark, so Excel opens it as it is."""
    rows = [_row(session, PLANNED) for session in sessions] + [_row(s, CANCELLED) for s in cancelled]
    write_csv(path, CSV_COLUMNS, rows)


def _row(session: Session, status: str) -> list[object]:
    cws, calworks = session.pair or (None, None)
    module = session.module
    return [session.session_id, status, f"{session.day:%Y-%m-%d}", f"{session.day:%A}", f"{session.starts:%H:%M}",
            f"{session.ends:%H:%M}", module.id, module.title, str(module.version), module.level,
            TRACK_LABELS[session.track], session.round if session.track == CORE else "",
            cws.name if cws else "", calworks.name if calworks else "", session.room.name if session.room else "",
            connect_minutes(session), session.reason, session.notes]


@dataclass
class _Context:
    path: Path
    year: int
    overlay: Overlay
    modules: dict[str, Module]
    names: ModuleNames
    start: time
    findings: Findings

    def error(self, line: int, message: str) -> None:
        self.findings.error(self.path, message, line)


def read_plan_csv(path: Path, year: int, overlay: Overlay, modules: dict[str, Module], closed: dict[date, str],
                  start: time) -> EditedPlan:
    """The plan in ``path`` checked row by row; :class:`PlanEditErrors` lists every broken rule.

    ``modules`` are keyed by id with titles in the county's words; ``closed`` holds the
    holidays and county closures of ``year``; ``start`` is the time of a row without one.
    """
    rows = [replace(row, cells={column: spreadsheet_text(cell) for column, cell in row.cells.items()})
            for row in read_csv(path, REQUIRED, OPTIONAL)]
    if not rows:  # read as 'every session deleted', it cancelled the whole year in every calendar
        raise InputError(NO_SESSIONS, path)
    names = ModuleNames(modules)
    context = _Context(path, year, overlay, modules, names, start, Findings())
    seen: dict[str, int] = {}
    planned: list[tuple[int, Session]] = []
    cancelled: list[Session] = []
    added: list[tuple[CsvRow, Session]] = []
    for row in rows:
        if _STATUS.get(row["status"].casefold()) == CANCELLED and not row["session_id"]:
            continue  # a session added and cancelled again: nothing to plan or to cancel
        session, status = _session(row, context, seen)
        if session is None:
            continue
        if status == CANCELLED:
            cancelled.append(session)
        elif row["session_id"]:
            planned.append((row.number, session))
        else:
            added.append((row, session))
    for row, session in added:
        numbered = _numbered(row, session, [s for _, s in planned] + cancelled, context)
        if numbered is not None:
            planned.append((row.number, numbered))
    check_plan(planned, overlay, closed, context.findings, path, whole=not context.findings.errors)
    if context.findings.errors:
        raise PlanEditErrors(sorted(context.findings.errors, key=lambda f: f.line or 0))
    planned.sort(key=lambda item: (item[1].starts, item[1].session_id))
    return EditedPlan([s for _, s in planned], cancelled, {s.session_id: line for line, s in planned})


def _session(row: CsvRow, context: _Context, seen: dict[str, int]) -> tuple[Session | None, str]:
    """The row as a session (its round 0 when the row is new), or None after reporting why not."""
    before = len(context.findings.errors)
    status = _STATUS.get(row["status"].casefold())
    if status is None:
        context.error(row.number, f"status '{row['status']}' is not one of planned, cancelled (or leave it empty)")
    written = context.names.find(row["module"]) if row["module"] else None
    track, round_, module_id = _identity(row, context, seen, written)
    if (row["module"] or not row["session_id"]) and written is None:
        context.error(row.number, context.names.problem(row["module"]))
    if module_id is None or track is None:
        return None, status or PLANNED
    module = context.modules[module_id]
    if status == CANCELLED:  # what is left of it: enough to cancel its calendar event
        day = parse_day(row["date"]) or date(context.year, 1, 1)
        return Session(datetime.combine(day, context.start), module, track, round_, row["why"], year=context.year,
                       notes=row["notes"]), status
    starts = _starts(row, context)
    pair = _pair(row, context)
    room = _room(row, context)
    if len(context.findings.errors) > before or starts is None or pair is None:
        return None, status or PLANNED
    reason = row["why"] or ADDED
    return Session(starts, module, track, round_, reason, pair, room, context.year, row["notes"]), status or PLANNED


def _identity(row: CsvRow, context: _Context, seen: dict[str, int],
              module_id: str | None) -> tuple[str | None, int, str | None]:
    """(track, occurrence, module) from the session id (the module column may be left empty);
    from the track and cohort columns for a new row (occurrence 0: numbered later)."""
    text = row["session_id"].strip().lower()
    if not text:
        track = _TRACKS.get(row["track"].strip().casefold())
        if track is None:
            context.error(row.number, f"a new session (no session_id) needs its track: "
                          f"{', '.join(TRACK_LABELS.values())}")
        return track, 0, module_id
    found = _ID.fullmatch(text)
    if found is None:
        context.error(row.number, f"session_id '{row['session_id']}' is not one curriculum-kit wrote (like "
                      f"{context.year}-core1-linkages-orientation); leave it empty for a new session")
        return None, 0, None
    if text in seen:
        context.error(row.number, f"session_id '{text}' is also on line {seen[text]}; each session has one row "
                      "(leave session_id empty to add a session)")
        return None, 0, None
    seen[text] = row.number
    year, code, number, module_in_id = found.groups()
    track = _TRACKS[code]
    if int(year) != context.year:
        context.error(row.number, f"session_id '{text}' belongs to the {year} plan, not {context.year}")
        return None, 0, None
    if module_in_id not in context.modules:
        context.error(row.number, f"session_id '{text}' names module '{module_in_id}', which is not in the modules")
        return None, 0, None
    if module_id is not None and module_id != module_in_id:
        context.error(row.number, f"session '{text}' is a session of {module_in_id}, not {module_id}; to teach "
                      f"{module_id} instead, cancel this row and add a row with an empty session_id")
        return None, 0, None
    cohort = row["cohort"].strip()
    if track == CORE and cohort and cohort != number:
        context.error(row.number, f"session '{text}' is cohort {number}, not {cohort}; to add a session to cohort "
                      f"{cohort}, add a row with an empty session_id")
        return None, 0, None
    return track, int(number), module_in_id


def _numbered(row: CsvRow, session: Session, others: list[Session], context: _Context) -> Session | None:
    """A new row's occurrence: its cohort in the new-hire core, else the next free one."""
    taken = {s.round for s in others if s.track == session.track and s.module.id == session.module.id}
    if session.track == CORE:
        cohort = row["cohort"].strip()
        if not cohort.isdigit() or not 1 <= int(cohort) <= 12:
            context.error(row.number, "a new new-hire core session needs its cohort (a number) in the cohort column")
            return None
        if int(cohort) in taken:
            existing = session_id(context.year, CORE, int(cohort), session.module.id)
            context.error(row.number, f"cohort {cohort} already has {session.module.id} ({existing})")
            return None
        return replace(session, round=int(cohort))
    return replace(session, round=max(taken, default=0) + 1)


def _starts(row: CsvRow, context: _Context) -> datetime | None:
    day = parse_day(row["date"])
    if day is None:
        context.error(row.number, f"date '{row['date']}' is not a date (write {context.year}-03-02 or "
                      f"3/2/{context.year})" if row["date"] else "no date")
        return None
    if day.year != context.year:
        context.error(row.number, f"date {day:%Y-%m-%d} is not in {context.year}, the plan's year")
        return None
    start = parse_clock(row["start"]) if row["start"] else context.start
    if start is None:
        context.error(row.number, f"start '{row['start']}' is not a time (write 9:00 or 1:30 PM)")
        return None
    return datetime.combine(day, start)


def _pair(row: CsvRow, context: _Context) -> tuple[Trainer, Trainer] | None:
    overlay = context.overlay
    pair: list[Trainer] = []
    for program in PROGRAMS:
        column, label = TRAINER_COLUMNS[program], overlay.program_label(program)
        own = sorted((t for t in overlay.trainers if t.program == program), key=lambda t: t.name)
        written = " ".join(row[column].split())
        trainer = next((t for t in overlay.trainers if t.name.casefold() == written.casefold()), None)
        if not written:
            context.error(row.number, f"no {column}: every session has a {label} co-facilitator "
                          f"({', '.join(t.name for t in own)})")
        elif trainer is None:
            hint = suggest_named(written, [t.name for t in overlay.trainers]) or \
                f" (the {label} trainers: {', '.join(t.name for t in own)})"
            context.error(row.number, f"{column} '{written}' is not one of the [[trainers]] in overlay.toml{hint}")
        elif trainer.program != program:
            context.error(row.number, f"{column} {trainer.name} is one of the {overlay.program_label(trainer.program)}"
                          f" trainers; this column takes a {label} ({PROGRAM_LABELS[program]}) trainer: "
                          f"{', '.join(t.name for t in own)}")
        else:
            pair.append(trainer)
    return (pair[0], pair[1]) if len(pair) == 2 else None


def _room(row: CsvRow, context: _Context) -> Room | None:
    rooms = context.overlay.calendar.rooms
    written = " ".join(row["room"].split())
    if not written:
        return rooms[0] if rooms else None
    room = context.overlay.calendar.room(written)
    if room is None and rooms:
        hint = suggest_named(written, [r.name for r in rooms]) or f" (the rooms: {', '.join(r.name for r in rooms)})"
        context.error(row.number, f"room '{written}' is not one of the [[rooms]] in overlay.toml{hint}")
    if room is None and not rooms:  # a county without [[rooms]] writes any place
        return Room(written)
    return room
