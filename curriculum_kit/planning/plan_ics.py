"""The plan as a calendar that survives changes, for Outlook and Google Calendar.

Each event's UID is the county and the session id (year, track, occurrence, module) and
never its date, so re-importing a regenerated or edited plan updates the events already
in a calendar instead of adding copies. When the previous calendar is at hand (the .ics
about to be replaced, or ``--previous``), an event that changed gets a higher SEQUENCE
and a session that is gone is sent once more as STATUS:CANCELLED, so it leaves the
calendars it was imported into. DTSTAMP is the build's timestamp (SOURCE_DATE_EPOCH), so
the same plan and previous calendar give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, Event, vCalAddress, vText

from .. import __version__
from ..errors import InputError
from ..formats.overlay import Overlay, Trainer
from ..formats.sources import read_bytes
from ..outputs import atomic_output
from ..wording import LEVEL_NAMES, duration_text, pair_text
from .schedule import TRACK_LABELS, Session
from .timing import agenda_lines, connect_text
from .workdays import TIMEZONE

UID_DOMAIN = "curriculum-kit"
_UNCOMPARED = ("DTSTAMP", "SEQUENCE")  # what may differ between two versions of one unchanged event


def session_uid(overlay: Overlay, session: Session) -> str:
    """'alder-county-2027-core1-linkages-orientation@curriculum-kit': the same as long as the session exists."""
    return f"{overlay.slug}-{session.session_id}@{UID_DOMAIN}"


@dataclass(frozen=True)
class _Previous:
    sequence: int
    content: tuple[tuple[str, bytes], ...]  # every property but DTSTAMP and SEQUENCE
    event: Component


_MAX_SEQUENCE = 2**31 - 1  # icalendar writes no larger integer (RFC 5545's INTEGER range)


CALENDAR_BYTES = 5 << 20  # a county's year of sessions is some 100 KB


def read_previous(path: Path, slug: str, year: int) -> dict[str, _Previous]:
    """The events of an earlier calendar of this county's plan of ``year`` by UID; {} when there
    is none. A calendar of other events only (another county's, another year's) is refused:
    every one of its events would go out cancelled, and cancel those sessions in every
    calendar that imports it."""
    if not path.is_file():
        return {}
    data = read_bytes(path, CALENDAR_BYTES, "a calendar file", named=True)
    try:
        calendar = Calendar.from_ical(data)
    except RecursionError:
        raise InputError("is not a calendar file curriculum-kit can read (it nests too deeply)", path) from None
    except ValueError as exc:
        raise InputError(f"is not a calendar file curriculum-kit can read ({exc})", path) from None
    found = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        if uid:
            found[uid] = _Previous(_sequence(event, uid, path), _content(event), event)
    mine = {uid: event for uid, event in found.items() if uid.startswith(f"{slug}-{year}-")}
    if found and not mine:
        raise InputError(f"holds no event of {slug}'s {year} plan (its first is {next(iter(found))[:60]}); give the "
                         "calendar this plan last wrote", path)
    return mine


def _sequence(event: Component, uid: str, path: Path) -> int:
    """The event's SEQUENCE (0 when it has none), checked with its DTSTART: a cancelled session
    is sent again with both, in date order."""
    written = event.get("SEQUENCE", 0)
    try:
        sequence = int(str(written))
    except ValueError:  # icalendar keeps what it cannot read as text ('abc')
        sequence = -1
    if not 0 <= sequence < _MAX_SEQUENCE:  # RFC 5545: a non-negative integer
        raise InputError(f"event {uid[:60]} has SEQUENCE {written}, not a revision number a calendar "
                         "keeps; give the calendar the plan last wrote", path)
    if event.get("DTSTART") is None:
        raise InputError(f"event {uid[:60]} has no DTSTART (its date); give the calendar the plan last wrote", path)
    return sequence


def _content(event: Component) -> tuple[tuple[str, bytes], ...]:
    return tuple((name, value.to_ical() if hasattr(value, "to_ical") else str(value).encode())
                 for name, value in event.property_items(recursive=False)
                 if name not in ("BEGIN", "END", *_UNCOMPARED))


def plan_calendar(overlay: Overlay, sessions: list[Session], cancelled: list[Session], year: int, stamp: datetime,
                  previous: dict[str, _Previous]) -> bytes:
    """One VEVENT per session in Pacific time with its VTIMEZONE, then the cancelled ones;
    ``stamp`` is naive UTC."""
    calendar = Calendar()
    calendar.add("prodid", f"-//curriculum-kit {__version__}//Linkages training plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # TEXT (RFC 5545 3.3.11): a county name with a line break, a comma or a semicolon escaped
    calendar.add("x-wr-calname", vText(f"{overlay.county} Linkages training {year}"))
    calendar.add("x-wr-timezone", TIMEZONE)
    when = stamp.replace(tzinfo=UTC)
    current = set()
    for session in sessions:
        event = _event(overlay, session)
        current.add(str(event["UID"]))
        calendar.add_component(_versioned(event, previous, when))
    gone: dict[str, Component] = {session_uid(overlay, s): _event(overlay, s) for s in cancelled}
    gone.update({uid: old.event for uid, old in previous.items() if uid not in current and uid not in gone})
    for uid in sorted(gone, key=lambda u: (str(gone[u].get("DTSTART").to_ical()), u)):
        if uid not in current:
            calendar.add_component(_cancelled(gone[uid], previous.get(uid), when))
    calendar.add_missing_timezones(first_date=date(year, 1, 1), last_date=date(year + 1, 1, 1))
    data: bytes = calendar.to_ical()
    return data


def write_plan_ics(path: Path, data: bytes) -> None:
    with atomic_output(path) as stream:
        stream.write(data)


def _event(overlay: Overlay, session: Session) -> Event:
    zone = ZoneInfo(TIMEZONE)
    event = Event()
    event.add("uid", session_uid(overlay, session))
    event.add("dtstart", session.starts.replace(tzinfo=zone))
    event.add("dtend", session.ends.replace(tzinfo=zone))
    event.add("summary", f"Linkages: {session.module.title} ({session.track_label})")
    if session.room is not None:
        event.add("location", session.room.location)
    _people(event, overlay, session.pair)
    event.add("description", _description(overlay, session))
    event.add("categories", ["Linkages", TRACK_LABELS[session.track]])
    return event


def _people(event: Event, overlay: Overlay, pair: tuple[Trainer, Trainer] | None) -> None:
    """The first co-facilitator with an e-mail address organises; both attend as chairs."""
    with_mail = [t for t in pair or () if t.email]
    for index, trainer in enumerate(with_mail):
        address = vCalAddress(f"mailto:{trainer.email}")
        address.params["cn"] = vText(f"{trainer.name} ({overlay.program_label(trainer.program)})")
        if index == 0:
            event.add("organizer", address)
        attendee = vCalAddress(f"mailto:{trainer.email}")
        attendee.params.update({"cn": address.params["cn"], "role": "CHAIR", "partstat": "ACCEPTED"})
        event.add("attendee", attendee, encode=False)


def _versioned(event: Event, previous: dict[str, _Previous], when: datetime) -> Event:
    """The event with DTSTAMP and its SEQUENCE: the previous one, plus one when anything changed."""
    old = previous.get(str(event["UID"]))
    sequence = 0 if old is None else old.sequence + (old.content != _content(event))
    return _stamped(event, when, sequence)


def _cancelled(event: Component, old: _Previous | None, when: datetime) -> Event:
    """A session that is gone: sent once more as cancelled, so calendars drop it."""
    if old is not None and str(old.event.get("STATUS", "")) == "CANCELLED":
        return _stamped(old.event, when, old.sequence)  # already cancelled: unchanged
    copy = Event()
    for name, value in event.property_items(recursive=False):
        if name not in ("BEGIN", "END", "STATUS", *_UNCOMPARED):
            copy.add(name, value, encode=False)
    copy.add("status", "CANCELLED")
    if str(copy.get("SUMMARY", "")).startswith("Linkages:"):
        copy["SUMMARY"] = vText("Cancelled: " + str(copy["SUMMARY"]))
    return _stamped(copy, when, (old.sequence + 1) if old is not None else 1)


def _stamped(event: Component, when: datetime, sequence: int) -> Event:
    out = Event()
    out.add("uid", event["UID"])
    out.add("dtstamp", when)
    out.add("sequence", sequence)
    for name, value in event.property_items(recursive=False):
        if name not in ("BEGIN", "END", "UID", *_UNCOMPARED):
            out.add(name, value, encode=False)
    return out


def _description(overlay: Overlay, session: Session) -> str:
    module = session.module
    lines = [f"Session: {session.session_id}",
             f"Module: {module.id} {module.version} ({LEVEL_NAMES.get(module.level, module.level)} level, "
             f"{duration_text(module.duration_minutes)})",
             f"Track: {session.track_label}",
             f"Co-facilitators: {pair_text(overlay, session.pair)}",
             *([f"Room: {session.room.location}"] if session.room else []),
             f"Why this date: {session.reason}",
             "",
             "Agenda:",
             *agenda_lines(session),
             "",
             f"Time to connect with the other program: {connect_text(session)}."]
    return "\n".join(lines)
