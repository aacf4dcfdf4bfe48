"""`attendance`: read the sign-ins, find what leadership should follow up, write the reports.

load (modules; the county's overlay when given, for its program names and colours) ->
read the sign-in file -> analyse as of a date -> attendance-summary.html, sessions.csv,
people.csv, refreshers.csv and attendance.json in the output folder, each written whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..formats.library import Library
from ..formats.programs import CALWORKS, CWS
from ..outputs import atomic_output, write_json
from ..wording import PROGRAM_FALLBACK_COLORS
from .attendance import analyze
from .attendance_files import attendance_json, write_attendance_csvs
from .attendance_html import attendance_html
from .signins import read_signins

GENERIC_LABELS = {CWS: "CWS", CALWORKS: "CalWORKs"}
SUMMARY = "attendance-summary.html"


@dataclass(frozen=True)
class AttendanceResult:
    data: dict[str, Any]  # what attendance.json holds
    warnings: list[Finding]  # rows not counted or read in part
    out: Path
    files: list[Path]


def attendance_report(signins: Path, modules_dir: Path, overlays_dir: Path, county: str | None, as_of: date,
                      threshold: float = 0.3, out: Path | None = None) -> AttendanceResult:
    """Analyse ``signins`` as of ``as_of`` and write the reports; ``out`` defaults to
    ./attendance-COUNTY-DATE/ (the file's name when there is no county)."""
    library = Library.load(modules_dir, overlays_dir, overlays=county is not None)
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
    out = Path(out) if out is not None else Path(f"attendance-{county or Path(signins).stem}-{as_of}")
    out.mkdir(parents=True, exist_ok=True)
    titles = {m.id: m.title for m in library.modules.values()}
    page = attendance_html(data, overlay.county if overlay else "all programs", colors, titles)
    with atomic_output(out / SUMMARY) as stream:
        stream.write(page.encode("utf-8"))
    files = [out / SUMMARY, *write_attendance_csvs(out, data)]
    write_json(out / "attendance.json", data)
    return AttendanceResult(data, read.warnings, out, files + [out / "attendance.json"])
