"""A session's timing: the one schedule every agenda of a packet is printed from.

A module that states its schedule (module.toml's [[agenda]], the rows its guide and deck
print) is taken at its word, so the agenda document agrees with the guide and the slide;
preflight checks that they do. A module without one gets a schedule made here: time to
connect first, breaks before attention fades, lunch on long days (lesson 8). The same
schedule feeds the annual training plan's session times.
"""

from __future__ import annotations

from dataclasses import dataclass

from .formats.module import Module, ScheduleItem
from .formats.session_day import clock_text

MAX_BLOCK = 90  # minutes of content before a break
BREAK = 15
LUNCH = 45
LUNCH_FROM = 300  # sessions this long or longer include lunch


@dataclass(frozen=True)
class AgendaItem:
    start: int  # minutes from the start of the session
    minutes: int
    title: str
    kind: str  # connect, content, break, lunch, closing

    @property
    def end(self) -> int:
        return self.start + self.minutes


_KINDS = {"segment": "content", "break": "break", "lunch": "lunch"}
ADJOURN = "Adjourn"


def session_agenda(module: Module) -> tuple[AgendaItem, ...]:
    """The items of one session of ``module``, filling exactly its duration: the module's own
    schedule when it states one."""
    if module.agenda:
        return _stated(module.agenda)
    total = module.duration_minutes
    opening = min(30 if module.level == "orientation" else 20, max(total // 6 // 5 * 5, 5))
    closing = min(15, max(total // 8 // 5 * 5, 5))
    lunch = LUNCH if total >= LUNCH_FROM else 0
    available = total - opening - closing - lunch
    blocks = 1
    while True:
        pauses = max(blocks - 1 - (1 if lunch else 0), 0)
        content = available - pauses * BREAK
        if content / blocks <= MAX_BLOCK or content - BREAK < (blocks + 1) * 30:
            break
        blocks += 1
    if lunch and blocks < 2:
        blocks, pauses, content = 2, 0, available
    lengths = _split(content, blocks)
    items = [AgendaItem(0, opening, "Welcome, introductions and time to connect across programs", "connect")]
    position = opening
    lunch_after = (blocks + 1) // 2 if lunch else None
    for index, length in enumerate(lengths, start=1):
        items.append(AgendaItem(position, length, f"Learning segments, part {index} of {blocks}", "content"))
        position += length
        if index == blocks:
            break
        if index == lunch_after:
            items.append(AgendaItem(position, lunch, "Lunch — sit with someone from the other program", "lunch"))
            position += lunch
        else:
            items.append(AgendaItem(position, BREAK, "Break and time to connect", "break"))
            position += BREAK
    items.append(AgendaItem(position, closing, "Evaluation, next steps and closing", "closing"))
    return tuple(items)


def _stated(schedule: tuple[ScheduleItem, ...]) -> tuple[AgendaItem, ...]:
    items, position = [], 0
    for row in schedule:
        items.append(AgendaItem(position, row.minutes, row.title, _KINDS[row.kind]))
        position += row.minutes
    return tuple(items)


def _split(minutes: int, parts: int) -> list[int]:
    """``minutes`` in ``parts`` blocks of whole five minutes, as even as possible."""
    units, rest = divmod(minutes, 5)
    base, extra = divmod(units, parts)
    lengths = [(base + (1 if i < extra else 0)) * 5 for i in range(parts)]
    lengths[-1] += rest
    return lengths


def clock(minutes_after_start: int, start_hour: int = 9, start_minute: int = 0) -> str:
    """'10:45 AM' for a number of minutes after a start time."""
    return clock_text(start_hour * 60 + start_minute + minutes_after_start)
