"""The teaching order: stable, prerequisites first, basics before advanced, each place explained."""

from __future__ import annotations

import random

import pytest

from curriculum_kit.errors import PlanError
from curriculum_kit.planning.order import teaching_order
from tests.unit.planning.builders import module, samples


def order(modules) -> list[tuple[str, str]]:
    return [(step.module.id, step.reason) for step in teaching_order(modules)]


def test_samples_go_from_orientation_to_advanced_with_reasons():
    assert order(samples()) == [
        ("linkages-orientation", "orientation level, no prerequisites: the basics come first"),
        ("coordinated-case-planning", "nuts and bolts level, after its prerequisite Linkages Orientation"),
        ("families-experiencing-homelessness", "advanced level, after its prerequisite Coordinated Case Planning"),
    ]


def test_order_does_not_depend_on_the_order_modules_are_found():
    modules = samples() + [module("zz-intro"), module("aa-advanced", "advanced"), module("mm-tools", "nuts-and-bolts")]
    expected = order(modules)
    for seed in range(5):
        random.Random(seed).shuffle(modules)
        assert order(modules) == expected


def test_level_comes_before_id_and_ties_go_by_id():
    modules = [module("a-advanced", "advanced"), module("b-tools", "nuts-and-bolts"), module("c-basics"),
               module("d-basics")]
    assert order(modules) == [
        ("c-basics", "orientation level, no prerequisites: the basics come first"),
        ("d-basics", "orientation level, no prerequisites; after C Basics (same level, ordered by id)"),
        ("b-tools", "nuts and bolts level, no prerequisites; after the orientation modules (basics before advanced)"),
        ("a-advanced", "advanced level, no prerequisites; after the nuts-and-bolts modules (basics before advanced)"),
    ]


def test_a_prerequisite_comes_first_even_with_a_later_id():
    modules = [module("b-welcome", prerequisites=("c-roles",)), module("c-roles"), module("a-history")]
    assert [step.module.id for step in teaching_order(modules)] == ["a-history", "c-roles", "b-welcome"]
    assert teaching_order(modules)[2].reason == "orientation level, after its prerequisite C Roles"


def test_prerequisites_outside_the_set_count_as_taken():
    assert order([module("tools", "nuts-and-bolts", ("intro",))]) == [("tools", "nuts and bolts level, no prerequisites")]


def test_a_cycle_is_an_error_not_a_hang():
    with pytest.raises(PlanError, match="prerequisites form a cycle among a, b; run 'curriculum-kit validate'"):
        teaching_order([module("a", prerequisites=("b",)), module("b", prerequisites=("a",))])
