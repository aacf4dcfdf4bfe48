"""Property: however Word splits a paragraph into runs, adapting gives the same text,
and every character keeps the formatting of the run it was in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from curriculum_kit.formats.terms import Term
from curriculum_kit.ooxml.matcher import Matcher
from curriculum_kit.ooxml.rewrite import apply
from curriculum_kit.ooxml.textview import read_part
from tests.fixtures import NS, fragment

TERMS = [Term("Child Welfare Services", "Department of Children & Family Services"),
         Term("CWS", "DCFS"), Term("social worker", "children's social worker"),
         Term("social workers", "children's social workers"), Term("CalWORKs", "WorkFirst")]
WORDS = ["Child", "Welfare", "Services", "CWS", "social", "worker", "workers", "CalWORKs", "SOCIAL",
         "the", "Ñandú", " ", " ", ",", ".", "(", ")"]
MARKUP = ['<w:proofErr w:type="spellStart"/>', '<w:bookmarkStart w:id="9" w:name="b"/>',
          '<w:bookmarkEnd w:id="9"/>', '<w:commentRangeStart w:id="1"/>', ""]


def expected(text: str) -> str:
    return Matcher(TERMS).replace(text)


@st.composite
def split_paragraphs(draw):
    text = "".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25)))
    cuts = sorted(set(draw(st.lists(st.integers(1, max(len(text) - 1, 1)), max_size=12))))
    pieces = [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)]) if text[i:j]]
    runs = []
    for index, piece in enumerate(pieces):
        bold = "<w:rPr><w:b/></w:rPr>" if index % 2 else "<w:rPr><w:i/></w:rPr>"
        markup = draw(st.sampled_from(MARKUP))
        escaped = piece.replace("&", "&amp;").replace("<", "&lt;")
        runs.append(f'{markup}<w:r>{bold}<w:t xml:space="preserve">{escaped}</w:t></w:r>')
    return text, "<w:p>" + "".join(runs) + "</w:p>"


def char_formats(paragraph) -> list[tuple[str, str]]:
    """(character, its run's properties) for every character of the paragraph."""
    out = []
    for t in paragraph.iterfind(".//w:t", NS):
        props = etree.tostring(t.getparent().find("w:rPr", NS))
        out += [(c, props) for c in (t.text or "")]
    return out


@settings(max_examples=300, deadline=None)
@given(split_paragraphs())
def test_any_run_split_gives_the_unsplit_result(example):
    text, xml = example
    paragraph = fragment(xml)[0]
    before = char_formats(paragraph)
    view = read_part(paragraph)
    assert view.blocks[0].text == text
    matches, _ = Matcher(TERMS).scan(view.text, view.barriers, view.barrier_kinds)
    apply(view, matches)
    after = char_formats(paragraph)
    assert "".join(c for c, _ in after) == expected(text)
    # characters outside matches keep their run; a replacement takes its first character's run
    position, cursor = 0, 0
    for match in matches:
        while position < match.start:
            assert after[cursor] == before[position]
            position, cursor = position + 1, cursor + 1
        for char in match.replacement:
            assert after[cursor] == (char, before[match.start][1])
            cursor += 1
        position = match.end
    assert after[cursor:] == before[position:]
