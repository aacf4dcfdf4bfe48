"""Plain data for what commands print (tables, JSON), kept out of the CLI."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from .errors import display_path
from .formats.library import Library
from .ooxml.adapt import AdaptResult
from .ooxml.zipio import atomic_output

if TYPE_CHECKING:
    from .planning.attendance_report import AttendanceResult
    from .planning.plan import PlanResult


def library_listing(library: Library) -> dict:
    modules = [{"id": m.id, "title": m.title, "version": str(m.version), "level": m.level,
                "duration_minutes": m.duration_minutes, "prerequisites": list(m.prerequisites)}
               for m in sorted(library.modules.values(), key=lambda m: (m.level_rank, m.id))]
    overlays = [{"slug": o.slug, "county": o.county, "version": str(o.version),
                 "extends": o.layer.extends, "buildable": o.buildable}
                for o in sorted(library.overlays.values(), key=lambda o: o.slug)]
    return {"modules": modules, "overlays": overlays,
            "problems": [str(f) for f in library.findings.errors]}


def write_json(path: Path, data: object) -> None:
    """A JSON report, written atomically."""
    with atomic_output(Path(path)) as stream:
        stream.write((json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def adapt_summary(result: AdaptResult, dry_run: bool, output: Path | None, show_changes: bool) -> str:
    """What `adapt` prints: counts per term and kind of part, terms never found, near misses."""
    lines = []
    if show_changes:
        for change in result.changes:
            lines.append(f"{change.location}: '{change.original}' -> '{change.replacement}'")
    total = sum(result.occurrences().values())
    verb = "would replace" if dry_run else "replaced"
    target = "" if dry_run or output is None else f" -> {display_path(output)}"
    lines.append(f"{display_path(result.source)}{target}: {verb} {total} occurrence{'s' * (total != 1)}")
    for term, count in sorted(result.occurrences().items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:5}  {term}")
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(result.occurrences_by_kind().items()) if count)
    if kinds:
        lines.append(f"  by part: {kinds}")
    unused = result.unused_terms()
    if unused:
        lines.append(f"  terms never found ({len(unused)}): {', '.join(unused)}")
    misses = result.near_miss_count
    if misses:
        lines.append(f"  near misses: {misses} (places a term almost matched; see --report FILE.json)")
    return "\n".join(lines)


def build_line(outcome) -> str:
    where = "/".join(x for x in (outcome.county, outcome.module) if x)
    if outcome.status == "failed":
        return f"FAILED {where}: {outcome.message}"
    extra = "".join(f" (warning: {w})" for w in outcome.warnings)
    if outcome.status == "current":
        return f"up to date {where}{extra}"
    return f"built {where}: {', '.join(outcome.files)}{extra}"


def build_summary(outcomes, options) -> dict:
    counts = {status: sum(o.status == status for o in outcomes) for status in ("built", "current", "failed")}
    text = (f"{counts['built']} built, {counts['current']} up to date, {counts['failed']} failed"
            f"{' (no document work needed)' if counts['current'] and not counts['built'] and not counts['failed'] else ''}"
            f" -> {display_path(options.out / 'index.html')}")
    failures = [build_line(o) for o in outcomes if o.status == "failed"]
    if failures:
        text += "\n" + "\n".join(failures)
    return {"text": text, **counts, "pdf": options.pdf,
            "outcomes": [{"county": o.county, "module": o.module, "status": o.status, "message": o.message,
                          "files": o.files, "warnings": o.warnings} for o in outcomes]}


def write_csv(path: Path, header: list[str], rows: Iterable[Sequence[object]]) -> None:
    """A CSV report, written atomically: UTF-8 with a byte-order mark and CRLF line ends, so
    Excel (what county staff open it with) shows names such as 'Lan Nguyễn' correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    with atomic_output(Path(path)) as stream:
        stream.write(buffer.getvalue().encode("utf-8-sig"))


def plan_summary(result: PlanResult) -> str:
    """What `plan` prints: one line per session, the turns of each trainer, the files."""
    from .planning.schedule import plan_counts  # imported here: only `plan` needs the planning package
    from .planning.timing import time_range

    plan = result.plan
    lines = [f"{plan.overlay.county} Linkages training plan {plan.options.year}: {plan_counts(plan.sessions)}"]
    for number, session in enumerate(plan.sessions, start=1):
        pair = " + ".join(trainer.name for trainer in session.pair or ())
        lines.append(f"  {number:2}  {session.day:%a %Y-%m-%d}  {time_range(session):<19}  {session.module.id:<36}"
                     f"  {session.track_label:<24}  {pair}")
    turns = Counter(trainer.name for session in plan.sessions for trainer in session.pair or ())
    lines.append("Co-facilitator turns: " + ", ".join(f"{name} {count}" for name, count in sorted(turns.items())))
    lines.append(f"Wrote {display_path(result.out)}/: {', '.join(path.name for path in result.files)}")
    return "\n".join(lines)


def attendance_summary(result: AttendanceResult) -> str:
    """What `attendance` prints: the counts, the sessions and new hires to follow up, the files."""
    data = result.data
    source, labels = data["source"], data["programs"]
    flagged = [s for s in data["sessions"] if s["flag"]]
    refreshers = data["refreshers"]
    overdue = sum(r["status"] == "overdue" for r in refreshers)
    lines = [f"{display_path(Path(source['path']))}: {source['rows']} rows, {source['attendances']} attendances "
             f"counted, {source['duplicates']} duplicate rows counted once, {source['not_counted']} rows not counted",
             f"As of {data['as_of']}: {len(data['sessions'])} sessions, {len(flagged)} to follow up; "
             f"{len(data['people'])} people; {len(data['new_hires_without_orientation'])} new hires without the "
             f"orientation; {overdue} refreshers overdue, {len(refreshers) - overdue} due within 3 months"]
    lines += [f"  session {s['date']} {s['module']}: {s['note']}" for s in flagged]
    lines += [f"  new hire {p['name']} ({labels[p['program']]}, {p['basis']} {p['since']}): no "
              f"{', '.join(p['missing'])}" for p in data["new_hires_without_orientation"]]
    lines.append(f"Wrote {display_path(result.out)}/: {', '.join(path.name for path in result.files)}")
    return "\n".join(lines)
