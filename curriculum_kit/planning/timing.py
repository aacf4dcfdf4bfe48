"""A session's day in words: its agenda by the clock and its time to connect (lesson 8).

The plan's calendar events and printed table show the agenda that the packets hand out
(:func:`curriculum_kit.agenda.session_agenda`), set at the session's start time.
"""

from __future__ import annotations

from ..agenda import clock, session_agenda
from ..generate.agenda_doc import CONNECTING
from ..wording import and_list, duration_text
from .schedule import Session


def connect_minutes(session: Session) -> int:
    """Minutes of the day set aside to meet the other program's staff (lesson 8)."""
    return sum(item.minutes for item in session_agenda(session.module) if item.kind in CONNECTING)


def connect_text(session: Session) -> str:
    """'1 hour 45 minutes (welcome, breaks and lunch)': the time to connect and where it is."""
    kinds = {item.kind for item in session_agenda(session.module)}
    parts = [name for kind, name in (("connect", "welcome"), ("break", "breaks"), ("lunch", "lunch"))
             if kind in kinds]
    return f"{duration_text(connect_minutes(session))} ({and_list(parts)})"


def agenda_lines(session: Session) -> list[str]:
    """'9:00 AM – 9:30 AM  Welcome, ...' for each item of the session's agenda."""
    start = session.starts
    return [f"{clock(item.start, start.hour, start.minute)} – {clock(item.end, start.hour, start.minute)}  "
            f"{item.title}" for item in session_agenda(session.module)]


def time_range(session: Session) -> str:
    """'9:00 AM – 3:30 PM'."""
    start = session.starts
    return f"{clock(0, start.hour, start.minute)} – {clock(session.module.duration_minutes, start.hour, start.minute)}"
