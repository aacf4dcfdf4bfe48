"""[placement] in module.toml and what `validate` says about it: every anchor must name one
slide title or heading of the academy's files; the closest ones are named when it does not.

The module of write_module() (see conftest) has the guide's markers; the modules here are
markerless unless a test says otherwise. Their [placement] entry is on line 15 of module.toml.
"""

from __future__ import annotations

import pytest

from curriculum_kit.formats.placement import Anchor, back_matter_index, closing_index, find_anchor
from tests.unit.formats.conftest import apara, edit, errors, findings, module_toml, para, warnings, write_module

TOML = "modules/intro/module.toml"


def title(text: str, shape_id: int = 10) -> str:
    """A slide's title placeholder holding ``text``."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Title"/><p:cNvSpPr/><p:nvPr><p:ph type="title"/>'
            f'</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{apara(text)}</p:txBody></p:sp>')


def heading(text: str, level: int = 1) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


SLIDES = [title("Linkages Orientation"), title("Agenda"), title("Time to Connect"), title("Time to Reflect"),
          title("Questions and Evaluation")]
GUIDE = "".join([para("Title page"), heading("Introduction"), para("Text."), heading("Segment 6: Our Team"),
                 heading("Facilitator steps", 2), heading("Segment 7: Closing"), heading("References")])


def write_markerless(placement: str) -> None:
    toml = edit(module_toml(), '[optional_sections]\nicebreaker-bingo = "Linkages bingo warm-up game (15 minutes)"\n',
                f"[placement]\n{placement}\n")
    write_module(toml=toml, guide=GUIDE, slides=SLIDES)


def test_anchors_that_name_one_place_are_valid():
    write_markerless('stories = { deck = "after-title: time to connect", guide = "after-heading: Segment 6" }\n'
                     'contacts = { guide = "before-heading: References" }')
    assert findings() == []


def test_an_anchor_that_matches_nothing_names_the_closest_titles():
    write_markerless('stories = { deck = "after-title: Time to Conect" }')
    assert errors() == [f"{TOML}:15: error: [placement] stories.deck: anchor 'after-title: Time to Conect' matches "
                        "no slide title; closest: 'Time to Connect', 'Time to Reflect', 'Questions and Evaluation'"]


def test_an_anchor_that_matches_two_places_is_an_error():
    write_markerless('stories = { guide = "after-heading: segment" }')
    assert errors() == [f"{TOML}:15: error: [placement] stories.guide: anchor 'after-heading: segment' matches 2 "
                        "headings ('Segment 6: Our Team', 'Segment 7: Closing'); quote more of the one you mean"]


@pytest.mark.parametrize("placement, message", [
    ('logo = { deck = "after-title: Agenda" }', "[placement] 'logo' is not county material (use cobrand, contacts, "
                                                 "orgchart, stories)"),
    ('stories = { deck = "after-heading: Agenda" }', "[placement] stories.deck: 'after-heading: Agenda' is not an "
                                                      "anchor; write 'after-title: TEXT' or 'before-title: TEXT' with "
                                                      "TEXT a slide title of the deck"),
    ('stories = { handout = "after-title: Agenda" }', "[placement] stories.handout: 'handout' is not a document of "
                                                       "the module (use deck or guide)"),
    ('stories = "after-title: Agenda"', "[placement] stories must be a table such as { deck = \"after-title: "
                                        "Agenda\", guide = \"before-heading: References\" }"),
])
def test_placement_syntax(placement, message):
    write_markerless(placement)
    assert errors() == [f"{TOML}:15: error: {message}"]


def test_a_placement_for_marked_material_is_a_warning_the_marker_wins():
    toml = module_toml() + '\n[placement]\ncontacts = { guide = "before-heading: References" }\n'
    write_module(toml=toml)
    assert warnings() == [f"{TOML}:18: warning: [placement] contacts.guide is ignored: the guide has a "
                          "{{ck:contacts}} marker, and markers win"]


def test_a_duration_still_to_fill_in_is_reported():
    write_module(toml=edit(module_toml(), "duration_minutes = 360", 'duration_minutes = "TODO: minutes"'))
    assert errors() == [f"{TOML}:6: error: 'duration_minutes' is still to be filled in ('TODO: minutes'): write "
                        "a whole number"]


def test_find_anchor_reads_titles_as_a_reader_does():
    titles = ["Segment 6: Our County\u2019s Team", "Segment 60: Later", "Closing"]
    assert find_anchor(Anchor("after-heading", "segment 6"), titles, "heading") == 0
    assert find_anchor(Anchor("after-heading", "Segment 6: Our County's  Team"), titles, "heading") == 0
    assert find_anchor(Anchor("after-title", "Nothing"), [], "slide title") == (
        "anchor 'after-title: Nothing' matches no slide title; the document has no slide titles")


@pytest.mark.parametrize("titles, index", [
    (["Title"], 1),  # one slide: the local slides go after it
    (["Title", "Body"], 1),
    (["Title", "Body", "Questions?", "Body 2"], 2),
    (["Title", "Body", "Wrap-up", "Evaluation", "Thank you!"], 2),
    (["Questions", "Body"], 1),  # the first slide is never the closing
])
def test_closing_index(titles, index):
    assert closing_index(titles) == index


def test_back_matter_is_a_top_level_heading():
    assert back_matter_index([1, 2, 1, 1], ["Intro", "References to read", "Appendix A", "Glossary"]) == 2
    assert back_matter_index([1, 1], ["Intro", "Closing"]) == 2
