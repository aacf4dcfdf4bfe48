"""The plan as a spreadsheet and as a calendar that Outlook and Google Calendar import.

Each calendar event has a UID made of the county, module, date and track, so importing a
regenerated plan updates the events it already holds instead of adding copies; DTSTAMP is
the build's timestamp (SOURCE_DATE_EPOCH), so the same plan gives the same bytes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from .. import __version__
from ..formats.overlay import Overlay
from ..outputs import atomic_output, write_csv
from ..wording import LEVEL_NAMES, duration_text, pair_text
from .schedule import TRACK_LABELS, Session
from .timing import agenda_lines, connect_minutes, connect_text
from .workdays import TIMEZONE

CSV_COLUMNS = ["session", "date", "weekday", "start", "end", "module", "title", "version", "level", "track",
               "cohort", "cws_trainer", "calworks_trainer", "connect_minutes", "why"]


def session_uid(overlay: Overlay, session: Session) -> str:
    """The same session of a re-made plan keeps its UID: county, module, date and track."""
    return f"{overlay.slug}-{session.module.id}-{session.day:%Y%m%d}-{session.track}@curriculum-kit"


def write_plan_csv(path: Path, overlay: Overlay, sessions: list[Session]) -> None:
    rows = []
    for number, session in enumerate(sessions, start=1):
        cws, calworks = session.pair or (None, None)
        rows.append([number, f"{session.day:%Y-%m-%d}", f"{session.day:%A}", f"{session.starts:%H:%M}",
                     f"{session.ends:%H:%M}", session.module.id, session.module.title, str(session.module.version),
                     session.module.level, TRACK_LABELS[session.track], session.round if session.track == "core" else "",
                     cws.name if cws else "", calworks.name if calworks else "", connect_minutes(session),
                     session.reason])
    write_csv(path, CSV_COLUMNS, rows)


def write_plan_ics(path: Path, overlay: Overlay, sessions: list[Session], year: int, stamp: datetime) -> None:
    """One VEVENT per session, in Pacific time with its VTIMEZONE; ``stamp`` is naive UTC."""
    calendar = Calendar()
    calendar.add("prodid", f"-//curriculum-kit {__version__}//Linkages training plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{overlay.county} Linkages training {year}")
    calendar.add("x-wr-timezone", TIMEZONE)
    zone = ZoneInfo(TIMEZONE)
    for session in sessions:
        event = Event()
        event.add("uid", session_uid(overlay, session))
        event.add("dtstamp", stamp.replace(tzinfo=UTC))
        event.add("dtstart", session.starts.replace(tzinfo=zone))
        event.add("dtend", session.ends.replace(tzinfo=zone))
        event.add("summary", f"Linkages: {session.module.title} ({session.track_label})")
        event.add("description", _description(overlay, session))
        event.add("categories", ["Linkages", TRACK_LABELS[session.track]])
        calendar.add_component(event)
    calendar.add_missing_timezones(first_date=date(year, 1, 1), last_date=date(year + 1, 1, 1))
    with atomic_output(path) as stream:
        stream.write(calendar.to_ical())


def _description(overlay: Overlay, session: Session) -> str:
    module = session.module
    lines = [f"Module: {module.id} {module.version} ({LEVEL_NAMES.get(module.level, module.level)} level, "
             f"{duration_text(module.duration_minutes)})",
             f"Track: {session.track_label}",
             f"Co-facilitators: {pair_text(overlay, session.pair)}",
             f"Why this date: {session.reason}",
             "",
             "Agenda:",
             *agenda_lines(session),
             "",
             f"Time to connect with the other program: {connect_text(session)}."]
    return "\n".join(lines)
