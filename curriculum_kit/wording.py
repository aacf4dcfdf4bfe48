"""The words every output shares: level names, durations, captions, programs as local staff say them.

Packets, plans and attendance reports speak of modules and programs the same way; keeping
the wording here (not inside the document generators) lets the planning code use it
without depending on python-docx.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .formats.programs import PROGRAMS

if TYPE_CHECKING:
    from .formats.module import Module
    from .formats.overlay import Overlay, Trainer

PROGRAM_FALLBACK_COLORS = {"cws": "#1F5FA8", "calworks": "#2E7D32"}  # a county without colours
BOX = "\u2610"  # ☐: a box to tick with a pen; the handouts are printed and filled in by hand
BLANK = "_" * 22  # room to write a date, a room or a name by hand
LEVEL_NAMES = {"orientation": "Orientation", "nuts-and-bolts": "Nuts and bolts", "advanced": "Advanced"}


def count_text(number: int, noun: str, plural: str = "") -> str:
    """'1 session', '2 sessions', '1 person' and '3 people' (with ``plural``): a count as a sentence says it."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def duration_text(minutes: int) -> str:
    """'6 hours', '6 hours 30 minutes', '45 minutes': how staff plan their day."""
    hours, rest = divmod(minutes, 60)
    parts = [count_text(hours, "hour")] if hours else []
    parts += [count_text(rest, "minute")] if rest or not hours else []
    return " ".join(parts)


def and_list(words: Sequence[str]) -> str:
    """'breaks and lunch', 'welcome, breaks and lunch': a list as a sentence says it."""
    return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + (words[-1] if words else "")


def module_caption(module: Module) -> str:
    """'Version 1.2.0 · Orientation level · 6 hours': which module and edition a sheet belongs to."""
    return (f"Version {module.version} · {LEVEL_NAMES.get(module.level, module.level)} level · "
            f"{duration_text(module.duration_minutes)}")


def program_choices(overlay: Overlay, other: str = "") -> str:
    """'☐ DCFS   ☐ ETA' in the names local staff use, plus e.g. '☐ Other: ____' when asked."""
    return choices([*(overlay.programs[key].label for key in PROGRAMS), *([other] if other else [])])


def choices(labels: Iterable[str]) -> str:
    """'☐ DCFS   ☐ ETA': a box before each label, joined to it by a no-break space (in a
    narrow sign-in column a line broke between a box and its program: '☐ DCYFCPPS ☐' over
    'TAEESSD')."""
    return "   ".join(f"{BOX}\u00a0{label}" for label in labels)


def pair_text(overlay: Overlay, pair: tuple[Trainer, Trainer] | None = None) -> str:
    """'Maria Lopez (DCFS) and Luis Ortega (ETA)', or blanks to fill in (lesson 3: co-trained).

    ``pair`` is one trainer of each program, Child Welfare Services first.
    """
    if pair is not None and tuple(t.program for t in pair) != PROGRAMS:
        raise ValueError(f"a co-facilitator pair is one trainer of each program, {PROGRAMS[0]} first; "
                         f"got {', '.join(f'{t.name} ({t.program})' for t in pair)}")
    names = [t.name for t in pair] if pair else [BLANK, BLANK]
    return " and ".join(f"{name} ({overlay.programs[key].label})" for name, key in zip(names, PROGRAMS))


def local_labels(overlay: Overlay) -> tuple[str, ...]:
    """The programs as local staff call them ('DCFS', 'ETA'), Child Welfare Services first."""
    return tuple(overlay.programs[key].label for key in PROGRAMS)
