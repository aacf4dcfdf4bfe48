"""Shared wording: counts, durations and lists as a sentence says them."""

from __future__ import annotations

import pytest

from curriculum_kit.wording import and_list, count_text, duration_text


@pytest.mark.parametrize("number, noun, plural, said", [
    (1, "session", "", "1 session"), (0, "session", "", "0 sessions"), (2, "session", "", "2 sessions"),
    (1, "person", "people", "1 person"), (3, "person", "people", "3 people"),
])
def test_a_count_says_its_noun_once_or_many(number, noun, plural, said):
    assert count_text(number, noun, plural) == said


@pytest.mark.parametrize("minutes, said", [
    (360, "6 hours"), (390, "6 hours 30 minutes"), (45, "45 minutes"), (61, "1 hour 1 minute"), (0, "0 minutes"),
])
def test_a_duration_as_staff_plan_their_day(minutes, said):
    assert duration_text(minutes) == said


@pytest.mark.parametrize("words, said", [
    ([], ""), (["lunch"], "lunch"), (["breaks", "lunch"], "breaks and lunch"),
    (["welcome", "breaks", "lunch"], "welcome, breaks and lunch"),
])
def test_a_list_as_a_sentence_says_it(words, said):
    assert and_list(words) == said
