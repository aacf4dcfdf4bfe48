"""Sections between markers in a Word story: kept, labelled or dropped cleanly."""

from __future__ import annotations

from curriculum_kit.formats.markers import find_markers
from curriculum_kit.ooxml.sections import heading_level, marked_paragraphs, placeholders, resolve_sections
from tests.fixtures import NS, fragment


def body(*paragraphs: str):
    xml = "".join(paragraphs)
    return fragment(f"<w:body>{xml}<w:sectPr/></w:body>")[0]


def p(text: str, style: str | None = None) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>"


def texts(root) -> list[str]:
    return ["".join(t.text or "" for t in par.iterfind(".//w:t", NS)) for par in root.iterfind("w:p", NS)]


def test_dropped_section_takes_the_heading_it_leaves_empty():
    root = body(p("Activities", "Heading1"), p("{{ck:optional bingo}}"), p("Bingo", "Heading2"),
                p("Play bingo."), p("{{ck:end optional bingo}}"), p("Next part", "Heading1"), p("Text"))
    done = resolve_sections(marked_paragraphs(root, find_markers), lambda marker: "drop")
    assert [(m.argument, action) for m, action in done] == [("bingo", "drop")]
    assert texts(root) == ["Next part", "Text"]


def test_heading_with_content_left_stays():
    root = body(p("Activities", "Heading1"), p("Intro text"), p("{{ck:optional bingo}}"), p("Play."),
                p("{{ck:end optional bingo}}"), p("Next", "Heading1"))
    resolve_sections(marked_paragraphs(root, find_markers), lambda marker: "drop")
    assert texts(root) == ["Activities", "Intro text", "Next"]


def test_kept_sections_lose_only_their_markers_and_labels_replace_the_opening():
    root = body(p("{{ck:program cws}}"), p("For CWS staff."), p("{{ck:end program cws}}"),
                p("{{ck:optional x}}"), p("Optional text."), p("{{ck:end optional x}}"))
    resolve_sections(marked_paragraphs(root, find_markers), lambda m: "label" if m.name == "program" else "keep",
                     lambda m: f"For the {m.argument} co-facilitator")
    assert texts(root) == ["For the cws co-facilitator", "For CWS staff.", "Optional text."]


def test_nested_sections_and_markers_split_over_runs():
    split = '<w:p><w:r><w:t>{{ck:pro</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>gram calworks}}</w:t></w:r></w:p>'
    root = body(split, p("{{ck:optional inner}}"), p("Inner."), p("{{ck:stories}}"), p("{{ck:end optional inner}}"),
                p("Outer."), p("{{ck:end program calworks}}"), p("{{ck:contacts}}"))
    marked = marked_paragraphs(root, find_markers)
    resolve_sections(marked, lambda m: "drop" if m.name == "program" else "keep")
    assert texts(root) == ["{{ck:contacts}}"]
    # the stories placeholder went with the dropped section
    assert [m.marker.name for m in placeholders(marked, root)] == ["contacts"]


def test_heading_levels_come_from_style_or_outline():
    assert heading_level(fragment(p("x", "Heading3"))[0]) == 3
    assert heading_level(fragment('<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:p>')[0]) == 2
    assert heading_level(fragment(p("x", "BodyText"))[0]) == 0
    for body_text in ("9", "x", "\u00b2", "12", ""):  # body text, and values no application writes
        assert heading_level(fragment(f'<w:p><w:pPr><w:outlineLvl w:val="{body_text}"/></w:pPr></w:p>')[0]) == 0
