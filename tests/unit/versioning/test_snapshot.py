"""Module snapshots: what is counted, and reading back only what `lock` wrote."""

from __future__ import annotations

import json

import pytest

from curriculum_kit.errors import InputError
from curriculum_kit.formats.library import Library
from curriculum_kit.versioning.lock import module_digest
from curriculum_kit.versioning.snapshot import Vocabulary, document_text, read_snapshot, take_snapshot, write_snapshot
from tests.conftest import REPO
from tests.fixtures import make_docx


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(REPO / "base_modules", REPO / "county_overlays")


@pytest.fixture(scope="module")
def snapshot(library):
    module = library.modules["linkages-orientation"]
    vocabulary = Vocabulary.of(library.overlays["alder-county"], library.layers.values())
    return take_snapshot(module, vocabulary, module_digest(module))


def test_vocabulary_is_the_county_terms_and_everyone_elses(library):
    vocabulary = Vocabulary.of(library.overlays["alder-county"], library.layers.values())
    assert "CWS" in vocabulary.county and "foster parent" in vocabulary.county  # inherited rows count too
    assert "CFT" in vocabulary.generic and "TDM" in vocabulary.generic  # Cypress Valley's words
    assert not {t.lower() for t in vocabulary.county} & {t.lower() for t in vocabulary.generic}
    assert list(vocabulary.county) == sorted(vocabulary.county)


def test_auto_case_wins_when_counties_disagree(library):
    manzanita = library.overlays["manzanita-county"]  # maps 'hotline' exact; Alder maps it auto
    vocabulary = Vocabulary.of(library.overlays["cypress-valley-county"], [manzanita.layer,
                                                                          library.layers["alder-county"]])
    assert vocabulary.generic["hotline"] == "auto"


def test_each_document_with_kind_length_markers_and_counts(snapshot):
    guide, slides = snapshot.documents["facilitator-guide.docx"], snapshot.documents["slides.pptx"]
    handout = snapshot.documents["handout-roles-at-a-glance.docx"]
    assert (guide.kind, guide.unit, guide.length) == ("facilitator guide", "pages", 21)
    assert (slides.kind, slides.unit, slides.length) == ("slides", "slides", 20)
    assert (handout.kind, handout.unit, handout.length) == ("handout", "pages", 1)
    assert guide.markers["{{ck:cobrand}}"] == 1 and "{{ck:optional icebreaker-bingo}}" in slides.markers
    assert guide.terms["Child Welfare Services"] > 10 and "CFT" in guide.generic
    assert set(guide.terms) <= set(snapshot.vocabulary.county) and 0 not in guide.terms.values()


def test_written_sorted_and_read_back_equal(snapshot, tmp_path):
    path = tmp_path / ".lock" / "linkages-orientation.json"
    write_snapshot(path, snapshot)
    data = json.loads(path.read_text())
    assert data["format"] == 3 and list(data["documents"]) == sorted(data["documents"])
    assert list(data["documents"]["slides.pptx"]) == ["kind", "sha256", "slides", "markers", "terms", "generic", "text"]
    assert read_snapshot(path) == snapshot
    write_snapshot(path, read_snapshot(path))
    assert json.loads(path.read_text()) == data


@pytest.mark.parametrize("text, message, line", [
    ('{"format": 1,\n "module": {', "is not valid JSON (Expecting property name enclosed in double quotes); "
                                    "run 'curriculum-kit lock' again", 2),
    ('{"format": 4}', "has snapshot format 4; this curriculum-kit reads formats 1, 2 and 3", None),
    ('{"format": true}', "has snapshot format True; this curriculum-kit reads formats 1, 2 and 3", None),
    ('{"format": 1, "module": {}}', "is not a snapshot written by 'curriculum-kit lock' (it has no "
                                    "'vocabulary'); run 'curriculum-kit lock' again", None),
    ('[]', "is not a snapshot written by 'curriculum-kit lock' (a value in it is not of the kind lock "
           "writes); run 'curriculum-kit lock' again", None),
])
def test_anything_else_is_an_error(tmp_path, text, message, line):
    path = tmp_path / "intro.json"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_snapshot(path)
    assert (caught.value.message, caught.value.line) == (message, line)


def test_a_negative_count_is_refused(snapshot, tmp_path):
    path = tmp_path / "intro.json"
    write_snapshot(path, snapshot)
    path.write_text(path.read_text().replace('"slides": 20', '"slides": -20'))
    with pytest.raises(InputError, match=r"a value in it is not of the kind lock writes"):
        read_snapshot(path)


def test_a_text_box_is_read_once_not_with_its_copy_for_older_readers(tmp_path):
    """Word writes a text box twice (mc:Choice and a VML mc:Fallback copy): `module diff` and
    `outdated` reported one edit in a box as two changes and counted its terms twice."""
    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'

    box = '<w:txbxContent><w:p>' + run("Ask the CWS liaison") + '</w:p></w:txbxContent>'
    body = ('<w:p>' + run("Before ") + '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline>'
            '<wp:docPr id="1" name="Box"/><a:graphic><a:graphicData uri="u"><wps:wsp><wps:txbx>' + box +
            '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>'
            '<mc:Fallback><w:pict><v:shape><v:textbox>' + box + '</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>' + run("you train") + '</w:p>')
    path = make_docx(tmp_path / "guide.docx", body)
    assert [text for where, text in document_text(path) if where == "body"] == ["Before ", "Ask the CWS liaison",
                                                                             "you train"]
    assert [text for _, text in document_text(path, copies=True)].count("Ask the CWS liaison") == 2


def test_a_hidden_slide_is_marked_with_its_first_line_of_text(tmp_path):
    """An empty first paragraph does not hide the slide's name; a slide without text is
    marked alone; a visible slide is not marked."""
    import pptx

    from curriculum_kit.versioning.snapshot import HIDDEN, document_text

    deck = pptx.Presentation()
    for text in ("", "Shown", None):
        slide = deck.slides.add_slide(deck.slide_layouts[5 if text is not None else 6])
        if text is not None:
            slide.shapes.title.text_frame.text = ""
            box = slide.shapes.add_textbox(0, 0, 914400, 914400).text_frame
            box.text = text or "Retired content"
        slide._element.set("show", "0")
    deck.slides[1]._element.attrib.pop("show")
    deck.save(tmp_path / "deck.pptx")
    text = document_text(tmp_path / "deck.pptx")
    assert [line for line in text if line[1].startswith(HIDDEN)] == [
        ("slide 1", f"{HIDDEN}: Retired content)"), ("slide 3", f"{HIDDEN})")]
