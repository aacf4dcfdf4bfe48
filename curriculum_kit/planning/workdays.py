"""Which days a county can train on, and month arithmetic for refresher due dates.

County offices close on the holidays California observes: the federal holidays the state
keeps (not Columbus Day) and its own (Cesar Chavez Day, the day after Thanksgiving). The
calendar comes from the maintained ``holidays`` package (observed days included: when July 4 is a Sunday the
office is closed Monday) rather than a list typed here, which goes stale as soon as a
holiday is added or moved by law.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

import holidays

from ..formats.calendar import one_day_names

TIMEZONE = "America/Los_Angeles"  # every California county trains on Pacific time
MONTH_NAMES = tuple(calendar.month_name)  # '', 'January', ...


def closed_days(years: Iterable[int]) -> dict[date, str]:
    """The holidays California observes (with observed days) of ``years``, by date."""
    observed = holidays.country_holidays("US", subdiv="CA", years=sorted(set(years)))
    return {day: one_day_names(*observed.get_list(day)) for day in sorted(observed)}


def working_days(year: int, month: int, closed: dict[date, str]) -> list[date]:
    """Monday to Friday of one month, without the ``closed`` days."""
    first = date(year, month, 1)
    days = (first + timedelta(days=offset) for offset in range(calendar.monthrange(year, month)[1]))
    return [day for day in days if day.weekday() < 5 and day not in closed]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, on the month's last day when it is shorter (Jan 31 + 1 = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
