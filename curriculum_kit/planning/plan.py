"""`plan`: a county's year of Linkages training, from the modules and the overlay to files.

load (modules, overlay, holidays and the county's closures) -> order the modules -> date
the sessions of the three tracks -> pair co-facilitators (skipping trainers on leave) ->
write the Word plan, the CSV and the iCalendar file. With ``--from``, the dates, rooms and
pairs come from the plan CSV staff edited instead, checked row by row first.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..errors import InputError, display_path
from ..findings import Findings
from ..formats.calendar import one_day_names
from ..formats.library import Library
from ..formats.module import Module
from ..formats.overlay import Overlay, Trainer
from ..formats.programs import PROGRAM_LABELS
from ..ooxml.matcher import compiled_matcher
from ..outputs import Stamp, atomic_output, check_file_outputs, check_output_folder, check_outputs
from ..validate import check_sequence
from .order import teaching_order
from .plan_csv import read_plan_csv, write_plan_csv
from .plan_docx import plan_docx
from .plan_ics import plan_calendar, read_previous, write_plan_ics
from .rotation import assign_pairs, teams
from .schedule import PlanOptions, Session, schedule
from .workdays import closed_days


@dataclass(frozen=True)
class Plan:
    overlay: Overlay
    options: PlanOptions
    modules: list[Module]  # in teaching order, titles in the county's words
    sessions: list[Session]  # in date order, each with its co-facilitators
    closed: dict[date, str]  # the holidays and county closures skipped
    cancelled: list[Session] = field(default_factory=list)  # rows of an edited plan marked cancelled
    source: Path | None = None  # the edited plan CSV it was read from


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    out: Path
    files: list[Path]


def plan_closed_days(overlay: Overlay, year: int) -> dict[date, str]:
    """Federal and state holidays and the county's own closures of ``year``, by date."""
    closed = closed_days([year])
    for day, name in overlay.calendar.closed_days(year).items():
        closed[day] = one_day_names(closed[day], name) if day in closed else name
    return dict(sorted(closed.items()))


def load_for_plan(library: Library, slug: str) -> tuple[Overlay, list[Module]]:
    """The county's overlay and the modules in teaching order, titles in the county's words;
    errors name the module.toml or overlay.toml to fix."""
    overlay = library.overlay(slug)
    library.require_modules()
    findings = Findings()
    check_sequence(library.modules, findings)
    findings.raise_if_errors()
    teams(overlay)
    matcher = compiled_matcher(overlay.terms)  # module titles in the county's words, as in its packets
    modules = [replace(step.module, title=matcher.replace(step.module.title))
               for step in teaching_order(library.modules.values())]
    return overlay, modules


def make_plan(modules_dir: Path, overlays_dir: Path, slug: str, options: PlanOptions,
              edited: Path | None = None) -> Plan:
    """The plan in memory: generated, or read from the plan CSV ``edited``."""
    overlay, modules = load_for_plan(Library.load(modules_dir, overlays_dir), slug)
    closed = plan_closed_days(overlay, options.year)
    if edited is not None:
        read = read_plan_csv(Path(edited), options.year, overlay, {m.id: m for m in modules}, closed, options.start)
        return Plan(overlay, options, modules, read.sessions, closed, read.cancelled, Path(edited))
    return Plan(overlay, options, modules, generate_sessions(overlay, modules, options, closed), closed)


def generate_sessions(overlay: Overlay, modules: list[Module], options: PlanOptions,
                      closed: dict[date, str]) -> list[Session]:
    """The year's sessions as `plan` makes them: dated around ``closed``, in the county's first
    room, each with its co-facilitators; every one passes the rules `plan --from` checks."""
    room = overlay.calendar.rooms[0] if overlay.calendar.rooms else None
    by_program = teams(overlay)
    unstaffed = _unstaffed_days(overlay, by_program, options.year)
    dated = schedule(teaching_order(modules), options, {**unstaffed, **closed}, overlay.layer.doc.path)
    sessions = [replace(s, room=room, year=options.year) for s in dated]
    return assign_pairs(sessions, by_program, lambda name, day: overlay.calendar.absence(name, day))


def _unstaffed_days(overlay: Overlay, by_program: dict[str, list[Trainer]], year: int) -> dict[date, str]:
    """The days of ``year`` on which every trainer of a program is away ([[unavailable]]):
    no session can be held, so none is dated there (a county with one trainer per program,
    one of them on two weeks' leave, got 'no trainer is free' instead of a plan)."""
    days: dict[date, str] = {}
    for absence in overlay.calendar.absences:
        day, last = max(absence.start, date(year, 1, 1)), min(absence.end, date(year, 12, 31))
        while day <= last:
            for program, trainers in by_program.items():
                if all(overlay.calendar.absence(trainer.name, day) for trainer in trainers):
                    days[day] = f"every {PROGRAM_LABELS[program]} trainer away"
            day += timedelta(days=1)
    return days


def plan_stem(slug: str, year: int) -> str:
    return f"plan-{slug}-{year}"


def write_plan(plan: Plan, out: Path, stamp: Stamp, previous: Path | None = None) -> list[Path]:
    """plan-SLUG-YEAR.docx, .csv and .ics in ``out``, each written whole or not at all; the
    calendar continues ``previous`` (default: the .ics it replaces)."""
    stem = out / plan_stem(plan.overlay.slug, plan.options.year)
    docx_path, csv_path, ics_path = (stem.with_suffix(suffix) for suffix in (".docx", ".csv", ".ics"))
    if previous is not None and not Path(previous).is_file():
        what = ("is a folder" if Path(previous).is_dir() else "is not a regular file" if Path(previous).exists()
                else "file not found")
        raise InputError(f"{what} (--previous names the calendar sent out before)", previous)
    earlier = read_previous(Path(previous) if previous is not None else ics_path, plan.overlay.slug, plan.options.year)
    calendar = plan_calendar(plan.overlay, plan.sessions, plan.cancelled, plan.options.year, stamp.when, earlier)
    data = plan_docx(plan.overlay, plan.sessions, plan.modules, plan.options, plan.closed, stamp)
    check_file_outputs([docx_path, csv_path, ics_path])  # (a folder in one's place left the others)
    out.mkdir(parents=True, exist_ok=True)
    edited_here = plan.source is not None and plan.source.resolve() == csv_path.resolve()
    with tempfile.TemporaryDirectory(prefix=".plan-", dir=out) as temp:
        fresh = Path(temp) / csv_path.name
        write_plan_csv(fresh, plan.sessions, plan.cancelled)
        if plan.source is None and csv_path.is_file() and csv_path.read_bytes() != fresh.read_bytes():
            raise InputError("exists and differs from the plan made now (edited by staff?); to keep the edits, "
                             f"regenerate from it with --from {display_path(csv_path)}; to start over, delete it",
                             csv_path)
        with atomic_output(docx_path) as stream:
            stream.write(data)
        if not edited_here:  # the file staff edited is theirs: never rewritten
            os.replace(fresh, csv_path)
    write_plan_ics(ics_path, calendar)
    return [docx_path, ics_path] if edited_here else [docx_path, csv_path, ics_path]


def plan_year(modules_dir: Path, overlays_dir: Path, slug: str, options: PlanOptions,
              out: Path | None = None, epoch: int | None = None, edited: Path | None = None,
              previous: Path | None = None) -> PlanResult:
    """Make and write the plan; ``out`` defaults to ./plan-SLUG-YEAR/, ``epoch`` (SOURCE_DATE_EPOCH)
    to now; ``edited`` is a plan CSV to regenerate from."""
    plan = make_plan(modules_dir, overlays_dir, slug, options, edited)
    out = Path(out) if out is not None else Path(plan_stem(slug, options.year))
    check_output_folder(out)
    check_outputs([("--out", out)], read_only=[modules_dir, overlays_dir])
    when = epoch if epoch is not None else int(datetime.now(UTC).timestamp())
    return PlanResult(plan, out, write_plan(plan, out, Stamp.from_epoch(when), previous))
