"""The county calendar in overlay.toml: closures (dates, ranges, yearly rules), rooms, leave."""

from __future__ import annotations

from datetime import date

import pytest

from curriculum_kit.formats.calendar import rule_day
from tests.unit.formats.conftest import findings, library, overlay_toml, write_overlay

TOML = "overlays/alder-county/overlay.toml"
CALENDAR = """
[[closures]]
name = "Lincoln's Birthday"
every = "Lincoln's Birthday"
observed = true

[[closures]]
name = "Winter closure"
from = 2027-12-27
to = 2027-12-31

[[closures]]
name = "Furlough day"
date = "2027-03-12"

[[rooms]]
name = "Training Room B"
address = "1200 Main Street, Alder"
capacity = 30

[[unavailable]]
trainer = "Maria Lopez"
from = 2027-06-01
to = 2027-06-30
reason = "family leave"
"""


def write_calendar(extra: str, slug: str = "alder-county", base: str | None = None) -> None:
    write_overlay(slug, toml=(base or overlay_toml(slug)) + extra)


@pytest.mark.parametrize("rule, year, day", [
    ("day after Thanksgiving", 2027, date(2027, 11, 26)),
    ("Thanksgiving", 2026, date(2026, 11, 26)),
    ("Lincoln's Birthday", 2027, date(2027, 2, 12)),
    ("February 12", 2028, date(2028, 2, 12)),
    ("Feb 12", 2028, date(2028, 2, 12)),
    ("last Friday of December", 2027, date(2027, 12, 31)),
    ("second Monday of October", 2027, date(2027, 10, 11)),
    ("Christmas Eve", 2027, date(2027, 12, 24)),
    ("February 30", 2027, None),
    ("someday", 2027, None),
])
def test_yearly_rules(rule, year, day):
    assert rule_day(rule, year) == day


def test_a_valid_calendar_loads():
    write_calendar(CALENDAR)
    assert findings() == []
    calendar = library().overlay("alder-county").calendar
    closed = calendar.closed_days(2027)
    assert closed[date(2027, 2, 12)] == "Lincoln's Birthday"
    assert closed[date(2027, 3, 12)] == "Furlough day"
    assert [d for d, n in closed.items() if n == "Winter closure"] == [date(2027, 12, d) for d in range(27, 32)]
    assert calendar.closed_days(2028)[date(2028, 2, 11)] == "Lincoln's Birthday"  # a Saturday: the Friday before
    assert calendar.rooms[0].location == "Training Room B, 1200 Main Street, Alder"
    assert calendar.room("training  room b").capacity == 30
    assert calendar.absence("Maria Lopez", date(2027, 6, 15)).text == "unavailable 2027-06-01 to 2027-06-30 (family leave)"
    assert calendar.absence("Maria Lopez", date(2027, 7, 1)) is None


@pytest.mark.parametrize("extra, message", [
    ('[[closures]]\nname = "X"\nevery = "sometimes"\n',
     ":25: error: closure 'X': cannot read the rule 'every = \"sometimes\"'; write it like 'February 12', "
     "'fourth Thursday of November', 'day after Thanksgiving', \"Lincoln's Birthday\""),
    ('[[closures]]\nname = "X"\ndate = 2027-13-01\n', ":25: error: is not valid TOML: "),
    ('[[closures]]\nname = "X"\ndate = "March 3"\n', ":25: error: 'date' = 'March 3' must be a date like 2027-03-12"),
    ('[[closures]]\nname = "X"\ndate = 2027-03-12T10:00:00\n',
     ":25: error: 'date' = 2027-03-12T10:00:00 must be a date like 2027-03-12"),  # not Python's repr
    ('[[closures]]\nname = "X"\nfrom = 2027-03-05\nto = 2027-03-01\n',
     ":26: error: closure 'X': 'to' 2027-03-01 is before 'from' 2027-03-05"),
    ('[[closures]]\nname = "X"\n', ":23: error: closure 'X': give 'date', or 'from' and 'to'"),
    ('[[closures]]\nname = "X"\ndate = 2027-03-05\nobserved = true\n',
     ":26: error: closure 'X': 'observed' applies to a rule ('every') only"),
    ('[[rooms]]\nname = "B"\ncapacity = "thirty"\n', ":25: error: room 'B': 'capacity' must be a whole number of seats"),
    ('[[rooms]]\nname = "B"\nadress = "Main St"\n', ":25: error: unknown key 'adress' in [[rooms]] #1 (did you mean 'address'?)"),
    ('[[unavailable]]\ntrainer = "maria lopes"\ndate = 2027-05-03\n',
     ":24: error: unavailable: 'maria lopes' is not one of the [[trainers]] (did you mean 'Maria Lopez'?)"),
    ('[[closure]]\nname = "X"\n', ":23: error: unknown key 'closure' (did you mean 'closures'?)"),
])
def test_each_mistake_names_its_line(extra, message):
    write_calendar("\n" + extra)
    found = findings()
    assert len(found) == 1 and found[0].startswith(TOML + message), found


def test_a_regions_closures_apply_to_its_counties_and_rooms_merge():
    region = ('slug = "region"\ncounty = "Region"\nversion = "1.0.0"\nbuildable = false\n'
              '[programs.cws]\nname = "CWS"\n[programs.calworks]\nname = "CalWORKs"\n'
              '[[closures]]\nname = "Day after Thanksgiving"\nevery = "day after Thanksgiving"\n'
              '[[rooms]]\nname = "Regional Academy"\n[[rooms]]\nname = "Training Room B"\naddress = "old"\n')
    write_overlay("region", toml=region)
    write_calendar('[[rooms]]\nname = "Training Room B"\naddress = "1200 Main Street"\n',
                   base=overlay_toml().replace('version = "2.1.0"', 'version = "2.1.0"\nextends = "region"'))
    assert findings() == []
    calendar = library().overlay("alder-county").calendar
    assert calendar.closed_days(2027) == {date(2027, 11, 26): "Day after Thanksgiving"}
    assert [(r.name, r.address) for r in calendar.rooms] == [("Training Room B", "1200 Main Street"),
                                                             ("Regional Academy", "")]
