"""Co-facilitator pairs: one trainer from each program for every session (lesson 3).

Turns are shared fairly: each session takes, in each program, the trainer with the fewest
sessions so far, skipping anyone already facilitating that day. Ties go to the CalWORKs
trainer who has co-facilitated least with the chosen CWS trainer, so partners change and
every pair gets to work together, then to the name, so the plan is the same every time.
Over a plan the counts within a program then differ by at most one whenever the days allow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from ..errors import InputError, PlanError
from ..formats.overlay import Overlay, Trainer
from ..formats.programs import PROGRAM_LABELS, PROGRAMS
from .schedule import Session


def teams(overlay: Overlay) -> dict[str, list[Trainer]]:
    """The overlay's trainers by program; an error naming overlay.toml when a program has none."""
    by_program = {program: sorted((t for t in overlay.trainers if t.program == program), key=lambda t: t.name)
                  for program in PROGRAMS}
    for program, trainers in by_program.items():
        if not trainers:
            raise InputError(f"no {PROGRAM_LABELS[program]} ({overlay.program_label(program)}) trainer: add a "
                             f"[[trainers]] table with program = \"{program}\" (every Linkages session is "
                             "co-facilitated by one trainer from each program)", overlay.layer.doc.path)
    return by_program


def assign_pairs(sessions: list[Session], by_program: dict[str, list[Trainer]],
                 away: Callable[[str, date], object] | None = None) -> list[Session]:
    """``sessions`` (in date order) with a (CWS, CalWORKs) pair each, turns shared fairly;
    ``away(name, day)`` is true for a trainer on leave that day (the county calendar)."""
    uses: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    busy: dict[date, set[str]] = {}
    paired = []
    for session in sessions:
        taken = busy.setdefault(session.day, set())
        pair: list[Trainer] = []
        for program in PROGRAMS:
            free = [t for t in by_program[program]
                    if t.name not in taken and not (away and away(t.name, session.day))]
            if not free:
                raise PlanError(f"no {PROGRAM_LABELS[program]} trainer is free on {session.day:%Y-%m-%d} "
                                f"for {session.module.id}: each one already facilitates a session that day "
                                "or is unavailable ([[unavailable]] in overlay.toml)")
            trainer = min(free, key=lambda t: (uses[t.name], sum(together[p.name, t.name] for p in pair), t.name))
            pair.append(trainer)
            uses[trainer.name] += 1
            taken.add(trainer.name)
        together[pair[0].name, pair[1].name] += 1
        paired.append(replace(session, pair=(pair[0], pair[1])))
    return paired
