"""The sessions `build --plan` makes packets for: the county's plan CSV, checked as `plan --from` does.

Which county and year a plan belongs to is read from its file name (plan-SLUG-YEAR.csv, as
`plan` writes it) unless ``--county`` says, and from its session ids; a plan is checked
in full before any packet is made, so a packet never carries a date the plan would refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from ..errors import InputError
from ..formats.library import Library
from ..formats.overlay import Overlay
from ..formats.session_day import SessionDay
from ..formats.sources import read_csv, suggest
from .plan import load_for_plan, plan_closed_days
from .plan_csv import NO_SESSIONS, OPTIONAL, REQUIRED, read_plan_csv
from .schedule import Session
from .signins import parse_day

_FILE_NAME = re.compile(r"plan-(?P<slug>[a-z0-9-]+)-(?P<year>\d{4})")
DEFAULT_START = time(9, 0)


@dataclass(frozen=True)
class SessionPlan:
    path: Path
    overlay: Overlay
    year: int
    sessions: list[Session]  # planned, in date order, titles in the county's words

    def day(self, session: Session) -> SessionDay:
        assert session.pair is not None
        return SessionDay(session.session_id, session.starts, session.module.duration_minutes, session.pair,
                          session.room)


def read_session_plan(library: Library, path: Path, county: str | None) -> SessionPlan:
    """The planned sessions of the plan CSV at ``path``; errors name its file and line."""
    path = Path(path)
    named = _FILE_NAME.search(path.stem)
    slug = county or (named.group("slug") if named and named.group("slug") in library.overlays else None)
    if slug is None:
        raise InputError("cannot tell which county this plan is for; say it with --county SLUG", path)
    overlay, modules = load_for_plan(library, slug)
    year = int(named.group("year")) if named and named.group("slug") == slug else _year_inside(path)
    plan = read_plan_csv(path, year, overlay, {m.id: m for m in modules}, plan_closed_days(overlay, year),
                         DEFAULT_START)
    return SessionPlan(path, overlay, year, plan.sessions)


def _year_inside(path: Path) -> int:
    """The plan's year, from its first session id or date (a plan file renamed by its county)."""
    for row in read_csv(path, REQUIRED, OPTIONAL):
        found = re.match(r"(\d{4})-", row["session_id"])
        day = parse_day(row["date"])
        if found or day:
            return int(found.group(1)) if found else day.year  # type: ignore[union-attr]
    raise InputError(NO_SESSIONS, path)


def pick_session(plan: SessionPlan, wanted: str) -> list[Session]:
    """The one session ``--session`` names (any case), or an error listing the plan's ids."""
    ids = {s.session_id: s for s in plan.sessions}
    key = wanted.strip().lower()
    if key not in ids:
        hint = suggest(key, ids) or f" (its sessions: {', '.join(list(ids)[:3])}, ...)"
        raise InputError(f"has no session '{wanted}'{hint}", plan.path)
    return [ids[key]]
