"""Markers in module documents: known, well-formed, alone, in the right place, balanced.

Each test puts one marker problem into an otherwise valid module (write_module) and
expects exactly one finding for it, located as 'body, paragraph N', 'slide N, shape ...'.
"""

from __future__ import annotations

from tests.fixtures import make_docx, textbox
from tests.unit.formats.conftest import (
    GOOD_NOTES,
    GOOD_SLIDES,
    MODULES,
    apara,
    edit,
    findings,
    module_toml,
    para,
    runs,
    write_module,
)

GUIDE = "modules/intro/guide.docx"
SLIDES = "modules/intro/slides.pptx"


def table(*cell_paragraphs: str) -> str:
    """A one-row Word table whose single cell holds the given paragraphs."""
    return ('<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="5000"/></w:tblGrid>'
            f'<w:tr><w:tc><w:tcPr><w:tcW w:w="5000" w:type="dxa"/></w:tcPr>{"".join(cell_paragraphs)}'
            '</w:tc></w:tr></w:tbl>')


def guide_with(*paragraphs: str) -> None:
    write_module(guide="".join(paragraphs))


# --- accepted ------------------------------------------------------------------------------

def test_marker_split_across_runs_is_read_as_one():
    guide_with(runs("{{ck:", "contacts", "}}"), runs("{{ck:program ", "cws}}"), para("Text"),
               runs("{{ck:end ", "program", " cws}}"))
    assert findings() == []


def test_sections_may_nest():
    guide_with(para("{{ck:program cws}}"), para("{{ck:optional icebreaker-bingo}}"), para("Bingo"),
               para("{{ck:end optional icebreaker-bingo}}"), para("{{ck:end program cws}}"))
    assert findings() == []


def test_section_inside_one_table_cell():
    guide_with(table(para("{{ck:program calworks}}"), para("For CalWORKs staff"),
                     para("{{ck:end program calworks}}")))
    assert findings() == []


# --- syntax --------------------------------------------------------------------------------

def test_unknown_marker():
    guide_with(para("Intro"), para("{{ck:logo}}"))
    assert findings() == [f"{GUIDE}: error: body, paragraph 2: unknown marker {{{{ck:logo}}}} (known: "
                          "{{ck:cobrand}}, {{ck:contacts}}, {{ck:orgchart}}, {{ck:stories}}, "
                          "{{ck:optional NAME}}, {{ck:program cws|calworks}}, {{ck:end ...}})"]


def test_unknown_program_in_marker():
    guide_with(para("{{ck:program foster-care}}"), para("{{ck:end program foster-care}}"))
    assert findings() == [
        f"{GUIDE}: error: body, paragraph 1: unknown program 'foster-care' in {{{{ck:program foster-care}}}}; "
        "use cws or calworks",
        f"{GUIDE}: error: body, paragraph 2: unknown program 'foster-care' in "
        "{{ck:end program foster-care}}; use cws or calworks",
    ]


def test_marker_with_single_braces_is_malformed():
    guide_with(para("{ck:contacts}"))
    assert findings() == [f"{GUIDE}: error: body, paragraph 1: malformed marker in '{{ck:contacts}}': "
                          "write markers as {{ck:NAME}} with two braces on each side"]


def test_marker_missing_its_closing_braces_is_malformed():
    guide_with(para("{{ck:contacts}"))
    assert findings() == [f"{GUIDE}: error: body, paragraph 1: malformed marker in '{{{{ck:contacts}}': "
                          "write markers as {{ck:NAME}} with two braces on each side"]


def test_marker_not_alone_in_its_paragraph():
    guide_with(para("Call the people in {{ck:contacts}} first."))
    assert findings() == [f"{GUIDE}: error: body, paragraph 1: marker {{{{ck:contacts}}}} must be the only "
                          "text of its paragraph"]


def test_two_markers_in_one_paragraph():
    guide_with(para("{{ck:contacts}} {{ck:orgchart}}"))
    assert findings() == [f"{GUIDE}: error: body, paragraph 1: marker {{{{ck:contacts}}}} must be the only "
                          "text of its paragraph"]


# --- balance -----------------------------------------------------------------------------

def test_section_never_closed():
    guide_with(para("{{ck:program cws}}"), para("For CWS staff"))
    assert findings() == [f"{GUIDE}: error: body, paragraph 1: {{{{ck:program cws}}}} is never closed "
                          "(add {{ck:end program cws}})"]


def test_section_closed_without_being_opened():
    guide_with(para("For CWS staff"), para("{{ck:end program cws}}"))
    assert findings() == [f"{GUIDE}: error: body, paragraph 2: {{{{ck:end program cws}}}} closes a section "
                          "that is not open"]


def test_section_closed_with_the_wrong_program():
    guide_with(para("{{ck:program cws}}"), para("For CWS staff"), para("{{ck:end program calworks}}"))
    assert findings() == [
        f"{GUIDE}: error: body, paragraph 3: {{{{ck:end program calworks}}}} closes a section that is not "
        "open; {{ck:program cws}} opened at body, paragraph 1 is still open",
        f"{GUIDE}: error: body, paragraph 1: {{{{ck:program cws}}}} is never closed (add {{{{ck:end program cws}}}})",
    ]


def test_sections_must_not_overlap():
    guide_with(para("{{ck:program cws}}"), para("{{ck:optional icebreaker-bingo}}"), para("Bingo"),
               para("{{ck:end program cws}}"), para("{{ck:end optional icebreaker-bingo}}"))
    assert findings()[0] == f"{GUIDE}: error: body, paragraph 4: {{{{ck:end program cws}}}} closes a section " \
        "that is not open; {{ck:optional icebreaker-bingo}} opened at body, paragraph 2 is still open"


def test_section_cannot_end_inside_a_table():
    guide_with(para("{{ck:program cws}}"), table(para("For CWS staff"), para("{{ck:end program cws}}")))
    assert findings() == [f"{GUIDE}: error: body, table 1, row 1: {{{{ck:end program cws}}}} must close the "
                          "section in the same place it opened (body, paragraph 1); a section cannot start "
                          "or end inside a table"]


def test_optional_section_not_declared_in_module_toml():
    guide_with(para("{{ck:optional trivia-quiz}}"), para("Quiz"), para("{{ck:end optional trivia-quiz}}"))
    assert findings() == [
        f"{GUIDE}: error: body, paragraph 1: {{{{ck:optional trivia-quiz}}}} names a section that module.toml "
        "does not declare in [optional_sections]",
        f"{GUIDE}: error: body, paragraph 3: {{{{ck:end optional trivia-quiz}}}} names a section that "
        "module.toml does not declare in [optional_sections]",
    ]


def test_optional_section_used_without_any_optional_sections_table():
    toml = edit(module_toml(), '\n[optional_sections]\nicebreaker-bingo = "Linkages bingo warm-up game '
                '(15 minutes)"\n', "")
    write_module(toml=toml, guide=para("{{ck:optional icebreaker-bingo}}") + para("Bingo")
                 + para("{{ck:end optional icebreaker-bingo}}"))
    assert findings() == [
        f"{GUIDE}: error: body, paragraph 1: {{{{ck:optional icebreaker-bingo}}}} names a section that "
        "module.toml does not declare in [optional_sections]",
        f"{GUIDE}: error: body, paragraph 3: {{{{ck:end optional icebreaker-bingo}}}} names a section that "
        "module.toml does not declare in [optional_sections]",
    ]


# --- placement -----------------------------------------------------------------------------

def test_section_marker_on_a_slide_instead_of_in_the_notes():
    write_module(slides=[textbox(apara("{{ck:program cws}}")), textbox(apara("Roles"))],
                 notes=[apara("Say hello"), apara("{{ck:end program cws}}")])
    assert findings() == [
        f"{SLIDES}: error: slide 1, shape 'TextBox': section marker {{{{ck:program cws}}}} belongs in the "
        "speaker notes, not on a slide",
        f"{SLIDES}: error: slide 2 notes, shape 'Notes Placeholder 2': {{{{ck:end program cws}}}} closes a "
        "section that is not open",
    ]


def test_placeholder_marker_in_the_notes_instead_of_on_a_slide():
    write_module(slides=GOOD_SLIDES, notes=[apara("{{ck:contacts}}"), *GOOD_NOTES[1:]])
    assert findings() == [f"{SLIDES}: error: slide 1 notes, shape 'Notes Placeholder 2': placeholder "
                          "{{ck:contacts}} belongs in a text box on a slide, not in notes"]


def test_deck_section_unbalanced_in_the_notes():
    write_module(slides=GOOD_SLIDES, notes=[apara("Hello"), apara("{{ck:program calworks}}"), apara("Bye")])
    assert findings() == [f"{SLIDES}: error: slide 2 notes, shape 'Notes Placeholder 2': "
                          "{{ck:program calworks}} is never closed (add {{ck:end program calworks}})"]


def test_marker_in_a_word_header():
    write_module()
    make_docx(MODULES / "intro" / "handout.docx", para("Roles at a glance"), header=para("{{ck:cobrand}}"))
    assert findings() == ["modules/intro/handout.docx: error: header 1, paragraph 1: marker {{ck:cobrand}} in "
                          "a header has no effect; put it in the body text"]
