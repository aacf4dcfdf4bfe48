"""`plan`: a county's year of Linkages training, from the modules and the overlay to files.

load (modules, overlay, holidays) -> order the modules -> date the sessions of the three
tracks -> pair co-facilitators -> write the Word plan, the CSV and the iCalendar file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from ..findings import Findings
from ..formats.library import Library
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..ooxml.matcher import compiled_matcher
from ..outputs import Stamp, atomic_output, check_outputs
from ..validate import check_sequence
from .order import teaching_order
from .plan_docx import plan_docx
from .plan_files import write_plan_csv, write_plan_ics
from .rotation import assign_pairs, teams
from .schedule import PlanOptions, Session, schedule
from .workdays import closed_days


@dataclass(frozen=True)
class Plan:
    overlay: Overlay
    options: PlanOptions
    modules: list[Module]  # in teaching order, titles in the county's words
    sessions: list[Session]  # in date order, each with its co-facilitators
    closed: dict[date, str]  # the holidays skipped


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    out: Path
    files: list[Path]


def make_plan(modules_dir: Path, overlays_dir: Path, slug: str, options: PlanOptions) -> Plan:
    """The plan in memory; errors name the module.toml or overlay.toml to fix."""
    library = Library.load(modules_dir, overlays_dir)
    overlay = library.overlay(slug)
    library.require_modules()
    findings = Findings()
    check_sequence(library.modules, findings)
    findings.raise_if_errors()
    by_program = teams(overlay)
    matcher = compiled_matcher(overlay.terms)  # module titles in the county's words, as in its packets
    steps = [replace(step, module=replace(step.module, title=matcher.replace(step.module.title)))
             for step in teaching_order(library.modules.values())]
    closed = closed_days([options.year])
    sessions = assign_pairs(schedule(steps, options, closed), by_program)
    return Plan(overlay, options, [step.module for step in steps], sessions, closed)


def write_plan(plan: Plan, out: Path, stamp: Stamp) -> list[Path]:
    """plan-SLUG-YEAR.docx, .csv and .ics in ``out``, each written whole or not at all."""
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"plan-{plan.overlay.slug}-{plan.options.year}"
    docx_path, csv_path, ics_path = (stem.with_suffix(suffix) for suffix in (".docx", ".csv", ".ics"))
    data = plan_docx(plan.overlay, plan.sessions, plan.modules, plan.options, plan.closed, stamp)
    with atomic_output(docx_path) as stream:
        stream.write(data)
    write_plan_csv(csv_path, plan.overlay, plan.sessions)
    write_plan_ics(ics_path, plan.overlay, plan.sessions, plan.options.year, stamp.when)
    return [docx_path, csv_path, ics_path]


def plan_year(modules_dir: Path, overlays_dir: Path, slug: str, options: PlanOptions,
              out: Path | None = None, epoch: int | None = None) -> PlanResult:
    """Make and write the plan; ``out`` defaults to ./plan-SLUG-YEAR/, ``epoch`` (SOURCE_DATE_EPOCH)
    to now."""
    plan = make_plan(modules_dir, overlays_dir, slug, options)
    out = Path(out) if out is not None else Path(f"plan-{slug}-{options.year}")
    check_outputs([("--out", out)], read_only=[modules_dir, overlays_dir])
    when = epoch if epoch is not None else int(datetime.now(UTC).timestamp())
    return PlanResult(plan, out, write_plan(plan, out, Stamp.from_epoch(when)))
