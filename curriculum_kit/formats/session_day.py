"""One planned session as its packets print it: which session, when, where, who co-facilitates.

The annual plan (:mod:`curriculum_kit.planning`) decides these; the packet generators only
print them, so the model lives here, below both, in words a cover or a sign-in sheet uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .calendar import Room
from .overlay import Overlay, Trainer
from .programs import PROGRAMS


@dataclass(frozen=True)
class SessionDay:
    session_id: str  # 2027-core1-linkages-orientation
    starts: datetime  # local (Pacific) time
    minutes: int
    pair: tuple[Trainer, Trainer]  # (CWS, CalWORKs)
    room: Room | None = None

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)

    @property
    def date_text(self) -> str:
        """'Friday, January 8, 2027'."""
        return f"{self.starts:%A, %B} {self.starts.day}, {self.starts.year}"

    @property
    def time_text(self) -> str:
        """'9:00 AM – 3:00 PM'."""
        return f"{_clock(self.starts)} – {_clock(self.ends)}"

    @property
    def where_text(self) -> str:
        return self.room.location if self.room else ""


def clock_text(minutes: int) -> str:
    """'10:45 AM' for a time of day in minutes after midnight: how every agenda, plan and
    finding prints a time, so the same moment always reads the same."""
    hour, minute = divmod(minutes, 60)
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {'AM' if hour % 24 < 12 else 'PM'}"


def _clock(moment: datetime) -> str:
    return clock_text(moment.hour * 60 + moment.minute)


def roster_text(overlay: Overlay) -> str:
    """'Co-facilitators: one of Maria Lopez, Terrence Oduya (DCFS) with one of Hannah Kessler, Luis
    Ortega (ETA)': a packet made for no session in particular names every trainer who may lead it."""
    parts = []
    for program in PROGRAMS:
        names = sorted(t.name for t in overlay.trainers if t.program == program)
        label = overlay.programs[program].label
        if not names:
            parts.append(f"a {label} trainer")
        elif len(names) == 1:
            parts.append(f"{names[0]} ({label})")
        else:
            parts.append(f"one of {', '.join(names[:-1])} or {names[-1]} ({label})")
    return f"Co-facilitators: {parts[0]} with {parts[1]}"


def facilitation_lines(overlay: Overlay, session: SessionDay | None) -> list[str]:
    """What a cover or title slide says about the day: date and time, room, the pair, the
    session id; without a session, the county's co-facilitator roster."""
    if session is None:
        return [roster_text(overlay)]
    cws, calworks = session.pair
    lines = [f"{session.date_text} · {session.time_text}"]
    if session.room is not None:
        lines.append(session.room.location)
    lines.append(f"Co-facilitators: {cws.name} ({overlay.programs['cws'].label}) and "
                 f"{calworks.name} ({overlay.programs['calworks'].label})")
    lines.append(f"Session {session.session_id}")
    return lines
