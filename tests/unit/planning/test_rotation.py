"""Co-facilitator pairs: one per program, nobody twice a day, turns shared fairly."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from curriculum_kit.errors import InputError, InvalidInputs, PlanError
from curriculum_kit.formats.library import Library
from curriculum_kit.planning.rotation import assign_pairs, teams
from curriculum_kit.planning.schedule import Session
from tests.conftest import REPO
from tests.unit.formats.conftest import edit, overlay_toml, write_overlay
from tests.unit.planning.builders import module, trainers


def sessions_on(*days: int, per_day: int = 1) -> list[Session]:
    start = datetime(2027, 3, 1, 9, 0)
    return [Session(start + timedelta(days=day), module("intro"), "core", 1, "")
            for day in days for _ in range(per_day)]


def turns(paired: list[Session]) -> Counter:
    return Counter(trainer.name for session in paired for trainer in session.pair)


def test_every_pair_is_one_trainer_of_each_program():
    paired = assign_pairs(sessions_on(*range(9)), trainers(["Ana", "Ben"], ["Cy", "Di", "Ed"]))
    assert all((s.pair[0].program, s.pair[1].program) == ("cws", "calworks") for s in paired)


def test_turns_are_fair_least_used_first_ties_by_name():
    paired = assign_pairs(sessions_on(*range(7)), trainers(["Ben", "Ana"], ["Ed", "Cy", "Di"]))
    assert [(s.pair[0].name, s.pair[1].name) for s in paired] == [
        ("Ana", "Cy"), ("Ben", "Di"), ("Ana", "Ed"), ("Ben", "Cy"), ("Ana", "Di"), ("Ben", "Ed"), ("Ana", "Cy")]
    count = turns(paired)
    for team in (["Ana", "Ben"], ["Cy", "Di", "Ed"]):
        assert max(count[n] for n in team) - min(count[n] for n in team) <= 1


def test_partners_change_when_both_programs_have_two_trainers():
    paired = assign_pairs(sessions_on(*range(4)), trainers(["Ana", "Ben"], ["Cy", "Di"]))
    assert {(s.pair[0].name, s.pair[1].name) for s in paired} == {("Ana", "Cy"), ("Ben", "Di"), ("Ana", "Di"),
                                                                 ("Ben", "Cy")}


def test_nobody_facilitates_twice_on_one_day():
    paired = assign_pairs(sessions_on(0, 1, per_day=3), trainers(["Ana", "Ben", "Cal"], ["Cy", "Di", "Ed", "Flo"]))
    for day in {s.day for s in paired}:
        names = [t.name for s in paired if s.day == day for t in s.pair]
        assert len(names) == len(set(names)) == 6
    count = turns(paired)
    assert max(count[n] for n in ["Cy", "Di", "Ed", "Flo"]) - min(count[n] for n in ["Cy", "Di", "Ed", "Flo"]) <= 1


def test_too_few_trainers_for_a_day_is_an_error():
    with pytest.raises(PlanError) as error:
        assign_pairs(sessions_on(0, per_day=3), trainers(["Ana", "Ben"], ["Cy", "Di", "Ed"]))
    assert str(error.value) == ("no Child Welfare Services trainer is free on 2027-03-01 for intro: each one "
                                "already facilitates a session that day or is unavailable ([[unavailable]] in "
                                "overlay.toml)")


def test_a_trainer_on_leave_is_not_paired_that_day():
    on_leave = {("Ana", day) for day in {s.day for s in sessions_on(0, 1)}}
    paired = assign_pairs(sessions_on(0, 1), trainers(["Ana", "Ben"], ["Cy"]), lambda name, day: (name, day) in on_leave)
    assert {s.pair[0].name for s in paired} == {"Ben"}


def test_an_overlay_without_a_calworks_trainer_is_an_error_naming_overlay_toml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    toml = edit(overlay_toml(), '[[trainers]]\nname = "Luis Ortega"\nprogram = "calworks"\n', "")
    write_overlay(toml=toml)
    overlay = Library.load(Path("modules"), Path("overlays"), modules=False).overlay("alder-county")
    with pytest.raises(InputError) as error:
        teams(overlay)
    assert str(error.value) == ('overlays/alder-county/overlay.toml: no CalWORKs (ETA) trainer: add a [[trainers]] '
                                'table with program = "calworks" (every Linkages session is co-facilitated by one '
                                'trainer from each program)')


def test_the_samples_have_both_programs_trainers():
    overlay = Library.load(REPO / "base_modules", REPO / "county_overlays").overlay("cypress-valley-county")
    assert {program: [t.name for t in team] for program, team in teams(overlay).items()} == {
        "cws": ["Derek Swanson", "Lan Nguyễn", "Ramona Figueroa"], "calworks": ["Bethany Cole", "Imani Wright"]}


def test_trainer_names_are_read_with_their_spaces_tidied(tmp_path, monkeypatch):
    """'Maria  Lopez' (two spaces) or a line break in a name went into the plan CSV as written,
    and the plan CSV's reading, which tidies spaces, then found no such trainer."""
    monkeypatch.chdir(tmp_path)
    toml = edit(overlay_toml(), 'name = "Maria Lopez"', 'name = "Maria  Lopez"')
    toml = edit(toml, 'name = "Luis Ortega"', 'name = "Luis\\nOrtega "')
    write_overlay(toml=toml + '\n[[unavailable]]\ntrainer = " Maria   Lopez"\ndate = 2027-03-01\n')
    overlay = Library.load(Path("modules"), Path("overlays"), modules=False).overlay("alder-county")
    assert [t.name for t in overlay.trainers] == ["Maria Lopez", "Luis Ortega"]
    assert overlay.calendar.absence("Maria Lopez", date(2027, 3, 1)) is not None


def test_a_trainer_email_is_checked_as_a_contact_email_is(tmp_path, monkeypatch):
    """'Maria Lopez <m@x.org>; backup' went into the calendar as ORGANIZER mailto:Maria Lopez <...>; backup."""
    monkeypatch.chdir(tmp_path)
    trainers = '[[trainers]]\nname = "Maria Lopez"\nprogram = "cws"\n'
    write_overlay(toml=edit(overlay_toml(), trainers, trainers + 'email = "Maria Lopez <m@x.org>; backup"\n'))
    with pytest.raises(InvalidInputs) as error:
        Library.load(Path("modules"), Path("overlays"), modules=False).overlay("alder-county")
    assert str(error.value) == ("overlays/alder-county/overlay.toml:18: e-mail 'Maria Lopez <m@x.org>; backup' of "
                                "trainer 'Maria Lopez' is not an address like name@agency.example.org")
    write_overlay(toml=edit(overlay_toml(), trainers, trainers + 'email = "mailto:mlopez@alder.example.org"\n'))
    overlay = Library.load(Path("modules"), Path("overlays"), modules=False).overlay("alder-county")
    assert overlay.trainers[0].email == "mlopez@alder.example.org"  # pasted from a link, as contacts take it
