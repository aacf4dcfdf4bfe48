"""stories/*.md: a '# Title' line, a 'Programs:' line naming known programs, then text."""

from __future__ import annotations

from tests.unit.formats.conftest import findings, library, write_overlay

MD = "overlays/alder-county/stories/rivera.md"


def with_story(text: str) -> None:
    write_overlay(stories={"rivera.md": text})


def test_valid_story_is_read():
    with_story("# Back to work, back together\nPrograms: CWS, CalWORKs\n\nFirst paragraph\ncontinues.\n\n"
               "Second paragraph.\n")
    assert findings() == []
    [story] = library().overlay("alder-county").stories
    assert (story.name, story.title, story.programs) == ("rivera", "Back to work, back together",
                                                         ("cws", "calworks"))
    assert story.paragraphs == ("First paragraph continues.", "Second paragraph.")


def test_story_without_a_title():
    with_story("Back to work, back together\nPrograms: CWS\n\nText.\n")
    assert findings() == [f"{MD}:1: error: story has no title: its first line must be '# Title'"]


def test_story_with_an_empty_title():
    with_story("#\nPrograms: CWS\n\nText.\n")
    assert findings() == [f"{MD}:1: error: story has no title: its first line must be '# Title'"]


def test_story_without_a_programs_line():
    with_story("# Back to work\n\nWhen the Rivera family's case opened...\n")
    assert findings() == [f"{MD}:2: error: story names no program: add a line like 'Programs: CWS, CalWORKs' "
                          "under the title"]


def test_story_with_an_unknown_program():
    with_story("# Back to work\nPrograms: CWS, Foster Care\n\nText.\n")
    assert findings() == [f"{MD}:2: error: unknown program 'Foster Care' (use cws, calworks)"]


def test_story_with_both_programs_in_one_word():
    with_story("# Back to work\nPrograms: both\n\nText.\n")
    assert findings() == []


def test_story_without_text():
    with_story("# Back to work\nPrograms: CWS\n")
    assert findings() == [f"{MD}:1: error: story has a title but no text"]


def test_story_with_marker_syntax():
    """Placed in a guide or on a slide, '{{ck:x}}' would be read as a marker: the build
    stopped on it (an internal error) and export with a traceback; validate passed it."""
    with_story("# Back to work\nPrograms: CWS\n\nShe kept the {{ck:x}} placement.\n")
    assert findings() == [f"{MD}:4: error: the story contains marker syntax ({{{{ck:); markers belong in module "
                          "documents, not in what goes into them"]


def test_contacts_and_overlay_values_with_marker_syntax():
    write_overlay(contacts="program,role,name,title,phone,email\n"
                           "cws,Linkages liaison,{{ck:stories}},Coordinator,530-555-0101,a@example.org\n",
                  toml=None)
    assert findings() == ["overlays/alder-county/contacts.csv:2: error: column 'name' ('{{ck:stories}}') contains "
                          "marker syntax ({{ck:); markers belong in module documents, not in what goes into them"]


def test_a_pull_quote_is_quoted_once():
    from curriculum_kit.formats.stories import Block, Span

    def shown(kind: str, text: str) -> str:
        return "".join(span.text for span in Block(kind, (Span(text),)).shown_spans)

    assert shown("quote", "We did it together.") == "\u201cWe did it together.\u201d"
    assert shown("quote", "\u201cWe did it together.\u201d") == "\u201cWe did it together.\u201d"  # typed with its own
    assert shown("quote", '"Now the kids have their own room."') == '"Now the kids have their own room."'
    assert shown("paragraph", "Plain text.") == "Plain text."
