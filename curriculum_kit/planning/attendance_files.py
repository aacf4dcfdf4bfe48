"""The attendance findings as data: JSON for scripts, CSV files for the staff developer.

Every file says where its numbers come from (the sign-in file's sha256, the modules'
versions, the as-of date and threshold), so a figure in a meeting can be traced back.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from .. import __version__
from ..formats.module import Module
from ..formats.programs import CALWORKS, CWS
from ..outputs import write_csv
from .attendance import Attendance, Person, flag_note
from .signins import SignIns

CSV_FILES = ("sessions.csv", "people.csv", "refreshers.csv")


def attendance_json(signins: SignIns, attendance: Attendance, modules: dict[str, Module],
                    labels: dict[str, str], county: str | None) -> dict[str, Any]:
    """Everything the summary shows, and the rows behind it, as plain data."""
    found = attendance
    return {
        "tool": {"name": "curriculum-kit", "version": __version__},
        "source": {"path": str(signins.path), "sha256": hashlib.sha256(signins.path.read_bytes()).hexdigest(),
                   "rows": signins.rows, "not_counted": signins.not_counted,
                   "duplicates": len(found.duplicates), "attendances": len(signins.records) - len(found.duplicates)},
        "county": county, "as_of": found.as_of.isoformat(), "threshold": found.threshold,
        "programs": labels,
        "modules": [{"id": m.id, "version": str(m.version), "level": m.level, "refresh_months": m.refresh_months}
                    for m in sorted(modules.values(), key=lambda m: m.id)],
        "sessions": [{"date": s.day.isoformat(), "module": s.module, "session": s.label, CWS: s.counts[CWS],
                      CALWORKS: s.counts[CALWORKS], "total": s.total, "flag": s.flag or None,
                      "note": flag_note(s, labels, found.threshold)} for s in found.sessions],
        "new_hires_without_orientation": [_new_hire(p) for p in found.new_hires_missing],
        "refreshers": [{"name": r.person, "program": r.program, "module": r.module, "last_taken": r.last.isoformat(),
                        "due": r.due.isoformat(), "status": r.status} for r in found.refreshers],
        "people": [_person(p) for p in found.people],
        "duplicates": [{"line": d.line, "same_as_line": d.same_as} for d in found.duplicates],
        "warnings": [w.to_json() for w in signins.warnings],
    }


def cohort(session: dict[str, Any], sessions: list[dict[str, Any]]) -> str:
    """' (AM)': the sheets' session label, said after the module when it was held more than
    once that day (which of a morning and an afternoon cohort to follow up); else ''."""
    same_day = sum(1 for s in sessions if (s["date"], s["module"]) == (session["date"], session["module"]))
    return f" ({session['session']})" if same_day > 1 and session["session"] else ""


def write_attendance_csvs(out: Path, data: dict[str, Any]) -> list[Path]:
    """sessions.csv, people.csv and refreshers.csv from :func:`attendance_json`'s data."""
    paths = [out / name for name in CSV_FILES]
    labels = data["programs"]
    write_csv(paths[0], ["date", "module", "session", labels[CWS], labels[CALWORKS], "total", "flag", "note"],
              [[s["date"], s["module"], s["session"], s[CWS], s[CALWORKS], s["total"], s["flag"] or "", s["note"]]
               for s in data["sessions"]])
    write_csv(paths[1], ["name", "program", "email", "hire_date", "first_seen", "last_seen", "new_hire_since",
                         "missing_orientation", "modules_completed"],
              [[p["name"], labels[p["program"]], p["email"], p["hire_date"] or "", p["first_seen"], p["last_seen"],
                p["new_hire_since"] or "", " ".join(p["missing_orientation"]),
                "; ".join(f"{module} {day}" for module, day in p["completed"].items())] for p in data["people"]])
    write_csv(paths[2], ["name", "program", "module", "last_taken", "due", "status"],
              [[r["name"], labels[r["program"]], r["module"], r["last_taken"], r["due"], r["status"]]
               for r in data["refreshers"]])
    return paths


def _new_hire(person: Person) -> dict[str, Any]:
    basis = "hired" if person.hire_date is not None else "first seen"
    assert person.new_since is not None  # listed as a new hire: new_since is when they started
    return {"name": person.name, "program": person.program, "since": person.new_since.isoformat(),
            "basis": basis, "missing": list(person.missing)}


def _person(person: Person) -> dict[str, Any]:
    return {"name": person.name, "program": person.program, "email": person.email,
            "hire_date": person.hire_date.isoformat() if person.hire_date else None,
            "first_seen": person.first_seen.isoformat(), "last_seen": person.last_seen.isoformat(),
            "new_hire_since": person.new_since.isoformat() if person.new_since else None,
            "missing_orientation": list(person.missing),
            "completed": {module: day.isoformat() for module, day in sorted(person.completed.items())}}
