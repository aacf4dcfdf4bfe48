"""`attendance`: read the sign-ins, find what leadership should follow up, write the reports.

load (modules; the county's overlay when given, for its program names and colours) ->
read the sign-in file -> analyse as of a date -> attendance-summary.html, sessions.csv,
people.csv, refreshers.csv and attendance.json in the output folder, each written whole;
with the county's plan CSV, plan-sessions.csv: each planned session against its sign-ins.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..formats.library import Library
from ..formats.programs import CALWORKS, CWS
from ..outputs import atomic_output, check_file_outputs, check_output_folder, check_outputs, write_csv, write_json
from ..wording import PROGRAM_FALLBACK_COLORS
from .attendance import analyze
from .attendance_files import CSV_FILES, attendance_json, write_attendance_csvs
from .attendance_html import attendance_html
from .plan_attendance import against_plan, plan_rows
from .session_plan import read_session_plan
from .signins import read_signins

GENERIC_LABELS = {CWS: "CWS", CALWORKS: "CalWORKs"}
SUMMARY = "attendance-summary.html"
REPORT = "attendance.json"
PLAN_CSV = "plan-sessions.csv"


@dataclass(frozen=True)
class AttendanceResult:
    data: dict[str, Any]  # what attendance.json holds
    warnings: list[Finding]  # rows not counted or read in part
    out: Path
    files: list[Path]


def attendance_report(signins: Path, modules_dir: Path, overlays_dir: Path, county: str | None, as_of: date,
                      threshold: float = 0.3, out: Path | None = None, plan: Path | None = None) -> AttendanceResult:
    """Analyse ``signins`` as of ``as_of`` and write the reports; ``out`` defaults to
    ./attendance-COUNTY-DATE/ (the file's name when there is no county). With ``plan`` (a
    plan CSV), each planned session is reported too, and the county is the plan's."""
    library = Library.load(modules_dir, overlays_dir, overlays=county is not None or plan is not None)
    planned = read_session_plan(library, Path(plan), county) if plan is not None else None
    county = planned.overlay.slug if planned is not None else county
    overlay = library.overlay(county) if county is not None else None
    library.require_modules()
    read = read_signins(Path(signins), library.modules, as_of, overlay)
    found = analyze(read.records, library.modules, as_of, threshold)
    if overlay is not None:
        labels = {key: overlay.program_label(key) for key in GENERIC_LABELS}
        colors = {key: overlay.programs[key].color or PROGRAM_FALLBACK_COLORS[key] for key in GENERIC_LABELS}
    else:
        labels, colors = dict(GENERIC_LABELS), dict(PROGRAM_FALLBACK_COLORS)
    data = attendance_json(read, found, library.modules, labels, county)
    if planned is not None:
        duplicates = {d.line for d in found.duplicates}
        counted = [r for r in read.records if r.line not in duplicates]
        data["plan"] = against_plan(counted, planned, as_of, threshold, labels)
    out = Path(out) if out is not None else Path(f"attendance-{county or Path(signins).stem}-{as_of}")
    names = [SUMMARY, *CSV_FILES, *([PLAN_CSV] if planned is not None else []), REPORT]
    check_output_folder(out)
    check_outputs([("--out", out), *((f"the output {name}", out / name) for name in names)], [("SIGNINS.csv", Path(signins))],
                  [modules_dir, overlays_dir])
    check_file_outputs(out / name for name in names)  # all written, or none
    out.mkdir(parents=True, exist_ok=True)
    titles = {m.id: m.title for m in library.modules.values()}
    page = attendance_html(data, overlay.county if overlay else "all programs", colors, titles)
    # Written into a hidden folder inside --out, then moved into place together: a run stopped
    # while a large sign-in history's CSVs were being written left half the files.
    staging = Path(tempfile.mkdtemp(prefix=".attendance-", suffix=".part", dir=out))
    try:
        with atomic_output(staging / SUMMARY) as stream:
            stream.write(page.encode("utf-8"))
        files = [staging / SUMMARY, *write_attendance_csvs(staging, data)]
        if planned is not None:
            write_csv(staging / PLAN_CSV, *plan_rows(data["plan"], labels))
            files.append(staging / PLAN_CSV)
        write_json(staging / REPORT, data)
        for path in [*files, staging / REPORT]:
            os.replace(path, out / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return AttendanceResult(data, read.warnings, out, [out / path.name for path in files] + [out / REPORT])
