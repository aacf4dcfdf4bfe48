"""The rules every session of a plan keeps, checked on a plan staff have edited.

The generated plan keeps them by construction (:mod:`.schedule`, :mod:`.rotation`); an
edited one is checked row by row so a moved date or a swapped trainer cannot put a
session on a holiday, a trainer twice on one day, or a module before its prerequisite.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..findings import Findings
from ..formats.overlay import Overlay
from .schedule import CORE, REFRESHER, Session

Numbered = list[tuple[int, Session]]  # (line in the plan file, session)


def check_plan(planned: Numbered, overlay: Overlay, closed: dict[date, str], findings: Findings, path: Path,
               whole: bool = True) -> None:
    """Report each broken rule at the line of the session that breaks it; prerequisites only
    when ``whole`` (every row could be read: a row left out is no missing prerequisite)."""
    for line, session in planned:
        for problem in _day_problems(session, overlay, closed):
            findings.error(path, problem, line)
    problems = [*_twice_a_day(planned), *_rooms_booked_twice(planned), *(_prerequisites(planned) if whole else [])]
    for line, problem in problems:
        findings.error(path, problem, line)


def _day_problems(session: Session, overlay: Overlay, closed: dict[date, str]) -> list[str]:
    day = session.day
    problems = []
    if day.weekday() >= 5:
        problems.append(f"{day:%Y-%m-%d} is a {day:%A}; sessions are held on working days")
    elif day in closed:
        problems.append(f"{day:%Y-%m-%d} is closed ({closed[day]}); choose another working day")
    if session.ends.date() != day:
        problems.append(f"a session of {session.module.id} ({session.module.duration_minutes} minutes) starting at "
                        f"{session.starts:%H:%M} would end after midnight")
    for trainer in session.pair or ():
        absence = overlay.calendar.absence(trainer.name, day)
        if absence is not None:
            problems.append(f"{trainer.name} is {absence.text} in overlay.toml; choose another "
                            f"{overlay.program_label(trainer.program)} trainer or day")
    return problems


def _twice_a_day(planned: Numbered) -> list[tuple[int, str]]:
    """Nobody co-facilitates two sessions on one day."""
    first: dict[tuple[str, date], tuple[int, Session]] = {}
    problems = []
    for line, session in sorted(planned, key=lambda item: item[0]):
        for trainer in session.pair or ():
            key = (trainer.name, session.day)
            if key in first:
                other_line, other = first[key]
                problems.append((line, f"{trainer.name} already co-facilitates {other.session_id} on "
                                 f"{session.day:%Y-%m-%d} (line {other_line}); nobody facilitates twice on one day"))
            else:
                first[key] = (line, session)
    return problems


def _rooms_booked_twice(planned: Numbered) -> list[tuple[int, str]]:
    problems = []
    ordered = sorted(planned, key=lambda item: item[0])
    for index, (line, session) in enumerate(ordered):
        for other_line, other in ordered[:index]:
            if (session.room is not None and session.room == other.room and session.starts < other.ends
                    and other.starts < session.ends):
                problems.append((line, f"room '{session.room.name}' is already booked for {other.session_id} "
                                 f"at that time (line {other_line})"))
                break
    return problems


def _prerequisites(planned: Numbered) -> list[tuple[int, str]]:
    """A session of a module comes after a session of each prerequisite: in a new-hire cohort,
    after that cohort's own session when it has one. Refreshers are for staff who took them."""
    in_plan = {s.module.id for _, s in planned}
    problems = []
    for line, session in planned:
        if session.track == REFRESHER:
            continue
        for needed in session.module.prerequisites:
            if needed not in in_plan:
                continue
            same = [(n, s) for n, s in planned if s.module.id == needed and s.track == CORE == session.track
                    and s.round == session.round]
            options = same or [(n, s) for n, s in planned if s.module.id == needed and s.track != REFRESHER]
            if not options:
                problems.append((line, f"{session.session_id} needs its prerequisite {needed} first, but the plan "
                                 f"has no session of {needed} outside the refreshers"))
            elif all(s.day >= session.day for _, s in options):
                other_line, other = min(options, key=lambda item: item[1].starts)
                problems.append((line, f"{session.session_id} on {session.day:%Y-%m-%d} comes before its "
                                 f"prerequisite {needed} ({other.session_id} on {other.day:%Y-%m-%d}, line "
                                 f"{other_line}); move one of them"))
    return problems
