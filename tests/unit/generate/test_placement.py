"""County material in academy documents without markers: where it goes, what it is made of,
and that the academy's own content stays as it was.

Every deck and guide here is made by code: python-pptx's default template (its master has
every usual layout) with layouts taken away, python-docx documents with or without headings.
"""

from __future__ import annotations

import copy
import io
import re
import uuid
import zipfile
from dataclasses import replace

import docx
import pptx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from pptx.util import Pt

from curriculum_kit.errors import BuildError
from curriculum_kit.formats.library import Library
from curriculum_kit.formats.placement import Anchor
from curriculum_kit.formats.stories import Block, Span, markdown_blocks
from curriculum_kit.generate.deck_assembly import _check_finished, assemble_deck
from curriculum_kit.generate.deck_layouts import INSET, inherited_size
from curriculum_kit.generate.story_slides import EXCERPT_WORDS, excerpt
from curriculum_kit.generate.textfit import line_height, wrap
from curriculum_kit.generate.word_assembly import assemble_word
from curriculum_kit.outputs import Stamp
from curriculum_kit.packets import county_documents
from tests.conftest import REPO

STAMP = Stamp.from_epoch(1_700_000_000)
TITLE_AND_CONTENT, TITLE_ONLY, BLANK = 1, 5, 6


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(REPO / "base_modules", REPO / "county_overlays")


@pytest.fixture(scope="module")
def material(library):
    return county_documents(library.overlay("alder-county"), STAMP).material


@pytest.fixture(scope="module")
def module(library):
    return library.module("supportive-services")


def deck_bytes(titles: list[str], drop_layouts: tuple[str, ...] = (), layout: int = TITLE_AND_CONTENT) -> bytes:
    """A deck of titled slides; ``drop_layouts`` removes layouts by type (obj, titleOnly, ...)."""
    presentation = pptx.Presentation()
    for title in titles:
        slide = presentation.slides.add_slide(presentation.slide_layouts[layout])
        slide.shapes.title.text = title
    for kind in drop_layouts:
        for candidate in list(presentation.slide_layouts):
            if candidate._element.get("type") == kind:
                presentation.slide_layouts.remove(candidate)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def assembled(data: bytes, module, material):
    out, omitted, placed = assemble_deck(data, module, material, None, STAMP)
    return pptx.Presentation(io.BytesIO(out)), placed


def titles(presentation) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in presentation.slides]


def test_default_places_in_a_deck(module, material):
    presentation, placed = assembled(deck_bytes(["Academy title", "Agenda", "Content", "Questions?"]),
                                     module, material)
    names = titles(presentation)
    assert names[0] == module.title and names[1] == "Academy title"
    assert names[-1] == "Questions?"
    assert placed["cobrand"] == [1]
    contacts, stories = placed["contacts"], placed["stories"]
    assert contacts[0] == 5 and stories[-1] == len(names) - 1  # between 'Content' and the closing slide
    assert names[3] == "Content" and names[4].startswith("Local contacts")


def test_the_closing_run_keeps_together(module, material):
    presentation, placed = assembled(deck_bytes(["T", "Body", "Closing", "Evaluation", "Thank you"]),
                                     module, material)
    names = titles(presentation)
    assert names[-3:] == ["Closing", "Evaluation", "Thank you"]
    assert names[names.index("Closing") - 1] == presentation.slides[placed["stories"][-1] - 1].shapes.title.text


def test_a_one_slide_deck_gets_its_local_slides_at_the_end(module, material):
    presentation, placed = assembled(deck_bytes(["Only slide"]), module, material)
    names = titles(presentation)
    assert names[:2] == [module.title, "Only slide"]
    assert placed["contacts"][0] == 3 and placed["stories"][-1] == len(names)


def test_inserted_slides_use_the_decks_own_layouts(module, material):
    presentation, placed = assembled(deck_bytes(["A", "B", "Wrap-up"]), module, material)
    own = {id(layout) for master in presentation.slide_masters for layout in master.slide_layouts}
    assert all(id(slide.slide_layout) in own for slide in presentation.slides)
    kinds = {piece: {presentation.slides[n - 1].slide_layout._element.get("type") for n in numbers}
             for piece, numbers in placed.items()}
    assert kinds == {"cobrand": {"title"}, "contacts": {"titleOnly"}, "orgchart": {"titleOnly"},
                     "stories": {"obj"}}
    story = presentation.slides[placed["stories"][0] - 1]
    assert story.shapes.title.is_placeholder  # the deck's own title style, not a text box


def test_a_master_without_title_and_content_uses_the_nearest_layout(module, material):
    data = deck_bytes(["A", "B", "Questions"], drop_layouts=("obj", "twoObj", "objTx", "txAndObj", "vertTx"),
                      layout=TITLE_ONLY)
    presentation, placed = assembled(data, module, material)
    story = presentation.slides[placed["stories"][0] - 1]
    assert story.slide_layout._element.get("type") == "titleOnly"
    assert story.shapes.title.text == material.overlay.stories[0].title
    body = [shape for shape in story.shapes if shape.has_text_frame and shape != story.shapes.title]
    assert body and body[0].text_frame.text.split()[:3] == material.overlay.stories[0].paragraphs[0].split()[:3]


def test_a_master_without_titled_layouts_gets_title_text_boxes(module, material):
    presentation = pptx.Presentation()
    for layout in list(presentation.slide_layouts):
        if layout._element.get("type") != "blank":
            presentation.slide_layouts.remove(layout)
    presentation.slides.add_slide(presentation.slide_layouts[0]).shapes.add_textbox(0, 0, 99, 99).text = "x"
    out = io.BytesIO()
    presentation.save(out)
    result, placed = assembled(out.getvalue(), module, material)
    first = result.slides[0]
    texts = [shape.text_frame.text for shape in first.shapes if shape.has_text_frame]
    assert module.title in texts
    # The module's title box is marked as the slide's title, so screen readers name the slide
    # by it (Section 508), even though no layout of this master has a title placeholder.
    assert [shape.text_frame.text for shape in first.placeholders] == [module.title]
    assert first.shapes.title is not None and first.shapes.title.text_frame.text == module.title


def test_academy_slides_are_untouched_and_in_order(module, material):
    data = deck_bytes(["Academy title", "Agenda", "Content", "Questions?"])
    before = [etree.tostring(s._element, method="c14n") for s in pptx.Presentation(io.BytesIO(data)).slides]
    presentation, placed = assembled(data, module, material)
    made = {n for numbers in placed.values() for n in numbers}
    after = [etree.tostring(s._element, method="c14n") for n, s in enumerate(presentation.slides, 1) if n not in made]
    assert after == before


def test_placement_anchors_choose_the_slide(module, material):
    chosen = replace(module, placement={"stories": {"deck": Anchor("after-title", "t")},
                                        "contacts": {"deck": Anchor("before-title", "Content")}})
    presentation, placed = assembled(deck_bytes(["T", "Agenda", "Content", "End"]), chosen, material)
    names = titles(presentation)
    assert names[placed["stories"][0] - 2] == "T" and names[placed["stories"][-1]] == "Agenda"
    assert names[placed["contacts"][-1]] == "Content"
    assert names[placed["orgchart"][-1]] == "End"  # the default: before the last slide


def test_an_anchor_that_finds_nothing_fails_the_build_as_validate_says(module, material):
    chosen = replace(module, placement={"stories": {"deck": Anchor("after-title", "Time to Connect")}})
    with pytest.raises(BuildError) as caught:
        assembled(deck_bytes(["T", "Time to connect now", "Time to connect later"]), chosen, material)
    assert caught.value.message == (
        "[placement] stories.deck: anchor 'after-title: Time to Connect' matches 2 slide titles ('Time to connect "
        "now', 'Time to connect later'); quote more of the one you mean; check the module with "
        "'curriculum-kit validate'")


def test_story_slides_show_an_excerpt_that_fits_and_the_whole_story_in_the_notes(module, material):
    presentation, placed = assembled(deck_bytes(["T", "B", "Questions"]), module, material)
    for number, story in zip(placed["stories"], material.overlay.stories):
        slide = presentation.slides[number - 1]
        body = next(s for s in slide.placeholders if s != slide.shapes.title)
        text = body.text_frame.text
        assert len(text.split()) <= EXCERPT_WORDS + 1 and "**" not in text
        size = body.text_frame.paragraphs[0].runs[0].font.size.pt
        lines = sum(len(wrap(p.text, int(body.width) - 2 * INSET - 285750, size, break_words=True))
                    for p in body.text_frame.paragraphs)
        assert lines * line_height(size) <= body.height  # the fitting rules of textfit
        notes = slide.notes_slide.notes_text_frame.text
        assert all(paragraph in notes for paragraph in story.paragraphs)
        title = slide.shapes.title
        title_size = (title.text_frame.paragraphs[0].runs[0].font.size or Pt(inherited_size(title, 44))).pt
        assert len(wrap(title.text, int(title.width) - 2 * INSET, title_size)) * line_height(title_size) <= title.height


def test_org_chart_slides_titles_take_the_decks_title_size_as_far_as_their_band_holds(module, material):
    """The org chart slides are drawn once on python-pptx's template and copied into the
    deck; their titles were at most 24 pt where the deck's other titles are larger (44 pt
    here): each now takes the deck's size, or the largest below it that fits."""
    presentation, placed = assembled(deck_bytes(["T", "B", "Questions"]), module, material)
    sizes = []
    for number in placed["orgchart"]:
        title = presentation.slides[number - 1].shapes.title
        size = (title.text_frame.paragraphs[0].runs[0].font.size or Pt(inherited_size(title, 44))).pt
        assert len(wrap(title.text, int(title.width) - 2 * INSET, size)) * line_height(size) <= title.height
        sizes.append(size)
    # one size for the whole chart, the largest its longest title fits (page 1's was larger)
    assert len(set(sizes)) == 1 and 24 <= sizes[0] <= 44


def test_excerpt_prefers_the_pull_quote_and_cuts_at_sentences():
    story_text = "First sentence here. " + "Word " * 70 + "end.\n\n> Both workers told me the same thing."
    blocks = markdown_blocks(story_text)
    story = type("S", (), {"blocks": blocks, "pull_quote": blocks[-1]})
    assert excerpt(story) == (Block("quote", (Span("Both workers told me the same thing."),)),)
    story = type("S", (), {"blocks": blocks[:1], "pull_quote": None})
    assert excerpt(story) == (Block("paragraph", (Span("First sentence here."),)),)
    long = markdown_blocks("Word " * 70 + "end.")
    story = type("S", (), {"blocks": long, "pull_quote": None})
    assert excerpt(story)[0].text.endswith("Word…") and len(excerpt(story)[0].text.split()) == EXCERPT_WORDS
    two = markdown_blocks("One two three. Four five six.\n\n" + "More words here. " * 20)
    story = type("S", (), {"blocks": two, "pull_quote": None})
    shown = excerpt(story)
    assert shown[0] == two[0] and shown[-1].text.endswith(".") and sum(len(b.text.split()) for b in shown) <= 60


def test_markdown_renders_on_slides_and_in_the_guide(module, material, library):
    story = replace(material.overlay.stories[0], blocks=markdown_blocks(
        "A **bold** start and *italic* words, see [the guide](https://example.org/guide).\n\n- one\n- **two**"))
    overlay = replace(material.overlay, stories=(story,))
    local = replace(material, overlay=overlay)
    presentation, placed = assembled(deck_bytes(["T", "B", "Questions"]), module, local)
    slide = presentation.slides[placed["stories"][0] - 1]
    body = next(s for s in slide.placeholders if s != slide.shapes.title)
    runs = [run for p in body.text_frame.paragraphs for run in p.runs]
    assert [r.text for r in runs if r.font.bold] == ["bold", "two"]
    assert [r.text for r in runs if r.font.italic] == ["italic"]
    assert [r.hyperlink.address for r in runs if r.hyperlink.address] == ["https://example.org/guide"]
    assert "*" not in body.text_frame.text
    data, _, _ = assemble_word(guide_bytes([]), module, local, "facilitator", None, STAMP, [])
    document = docx.Document(io.BytesIO(data))
    xml = etree.tostring(document.element.body).decode()
    assert "**" not in xml and "w:hyperlink" in xml
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["one", "two"]


def guide_bytes(headings: list[tuple[int, str]], end_with_section_break: bool = False) -> bytes:
    document = docx.Document()
    document.add_paragraph("The academy's title page")
    for level, text in headings:
        document.add_heading(text, level=level)
        document.add_paragraph(f"Text under {text}.")
    if end_with_section_break:
        last = document.add_paragraph("Last paragraph, ending a landscape section.")
        last._p.get_or_add_pPr().append(copy.deepcopy(document.sections[0]._sectPr))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def body_xml(document) -> list[bytes]:
    return [etree.tostring(child, method="c14n") for child in document.element.body]


def guide(data: bytes, module, material, texts=None):
    texts = texts if texts is not None else [p.text for p in docx.Document(io.BytesIO(data)).paragraphs
                                             if p.style.name.startswith("Heading")]
    out, _, where = assemble_word(data, module, material, "facilitator", None, STAMP, texts)
    return docx.Document(io.BytesIO(out)), where


def test_guide_cover_first_and_local_information_before_the_appendices(module, material):
    data = guide_bytes([(1, "Introduction"), (1, "Segment 1"), (1, "Appendix A: Cards"), (1, "References")])
    document, where = guide(data, module, material)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [("Heading 1", "Introduction"), ("Heading 1", "Segment 1"),
                            ("Heading 1", "Local information")]
    assert headings[-2:] == [("Heading 1", "Appendix A: Cards"), ("Heading 1", "References")]
    assert document.element.body[0].tag == qn("w:tbl")  # the co-branded cover comes first
    assert where["cobrand"] == "page 1" and where["stories"].startswith("section 'Local information'")


def test_academy_paragraphs_are_all_there_in_order_with_their_formatting(module, material):
    data = guide_bytes([(1, "Introduction"), (2, "Detail"), (1, "References")])
    before = body_xml(docx.Document(io.BytesIO(data)))
    document, _ = guide(data, module, material)
    after = body_xml(document)
    remaining = iter(after)
    assert all(any(element == candidate for candidate in remaining) for element in before)


def test_a_guide_without_headings_gets_local_information_at_the_end(module, material):
    document, where = guide(guide_bytes([]), module, material, texts=[])
    texts = [p.text for p in document.paragraphs]
    assert texts.index("The academy's title page") < texts.index("Local information")
    local = next(p for p in document.paragraphs if p.text == "Local information")
    assert local.style.name == "Heading 1"
    assert document.element.body[-1].tag == qn("w:sectPr")


def test_the_cover_is_a_section_of_its_own_so_the_academys_first_page_keeps_its_header(module, material):
    source = docx.Document(io.BytesIO(guide_bytes([(1, "Introduction")])))
    section = source.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Document 4711, first page"
    section.header.paragraphs[0].text = "Linkages facilitator guide"
    section.start_type = 0  # continuous: a first section may say so, it starts the document anyway
    out = io.BytesIO()
    source.save(out)
    document, where = guide(out.getvalue(), module, material)
    cover, academy = document.sections[0], document.sections[1]
    assert where["cobrand"] == "page 1"
    assert cover.different_first_page_header_footer is False and cover.header.is_linked_to_previous
    assert cover.page_width == academy.page_width and cover.left_margin == academy.left_margin
    assert academy.different_first_page_header_footer and academy.start_type == 2  # a new page
    assert academy.first_page_header.paragraphs[0].text == "Document 4711, first page"
    assert academy.header.paragraphs[0].text == "Linkages facilitator guide"
    first_academy = next(p for p in document.paragraphs if p.text == "The academy's title page")
    assert first_academy._p.getprevious().find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def test_in_a_guide_set_in_two_columns_the_county_material_fits_a_column_and_the_cover_has_one(module, material):
    """A landscape guide in two columns: the cover took the columns (its logos ran off the
    page), and the contacts table and org chart the whole page's width (cut at its edge)."""
    source = docx.Document(io.BytesIO(guide_bytes([(1, "Introduction"), (1, "References")])))
    section = source.sections[0]
    Inches = docx.shared.Inches
    section.orientation, section.page_width, section.page_height = 1, Inches(11), Inches(8.5)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(0.5))
    section._sectPr.find(qn("w:cols")).set(qn("w:num"), "2")  # the template's w:cols, 0.5 in apart
    out = io.BytesIO()
    source.save(out)
    document, _ = guide(out.getvalue(), module, material)
    cover, academy = document.sections[0], document.sections[1]
    assert cover._sectPr.find(qn("w:cols")) is None and academy._sectPr.find(qn("w:cols")).get(qn("w:num")) == "2"
    column = (Inches(10) - Inches(0.5)) // 2
    body = document.element.body
    start = next(i for i, e in enumerate(body) if e.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    tables = [e for e in list(body)[start:] if e.tag == qn("w:tbl")]
    assert tables, "the contacts table"
    for table in tables:
        assert sum(int(c.get(qn("w:w"))) for c in table.iter(qn("w:gridCol"))) * 635 <= column + Inches(0.01)
    pictures = [int(extent.get("cx")) for e in list(body)[start:] for extent in e.iter(qn("wp:extent"))]
    assert pictures and max(pictures) <= column


def test_a_body_that_sets_no_section_gives_the_cover_none_either():
    from curriculum_kit.generate.word_assembly import _cover_section

    document = docx.Document(io.BytesIO(guide_bytes([(1, "Introduction")])))
    body = document.element.body
    body.remove(body.find(qn("w:sectPr")))  # valid Word: the defaults apply
    cover = _cover_section(document)
    assert cover.tag == qn("w:sectPr") and len(cover) == 0


def test_local_information_goes_before_a_bibliography_in_its_content_control(module, material):
    source = docx.Document(io.BytesIO(guide_bytes([(1, "Introduction")])))
    heading = source.add_heading("Bibliography", level=1)._p
    entry = source.add_paragraph("Child Welfare League, 2019.")._p
    control = etree.SubElement(source.element.body, qn("w:sdt"))  # as Word writes its Bibliography block
    etree.SubElement(etree.SubElement(control, qn("w:sdtPr")), qn("w:bibliography"))
    content = etree.SubElement(control, qn("w:sdtContent"))
    content.extend([heading, entry])
    source.element.body.append(source.element.body.find(qn("w:sectPr")))  # the section's properties stay last
    out = io.BytesIO()
    source.save(out)
    document, where = guide(out.getvalue(), module, material)
    body = list(document.element.body)
    local = next(p for p in document.paragraphs if p.text == "Local information")._p
    assert body.index(local) < body.index(next(e for e in body if e.tag == qn("w:sdt")))
    assert where["stories"].startswith("section 'Local information'")


def test_in_a_right_to_left_guide_the_county_material_reads_left_to_right(module, material):
    source = docx.Document(io.BytesIO(guide_bytes([(1, "مقدمة"), (1, "References")])))
    defaults = source.styles.element.find(qn("w:docDefaults"))
    defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).append(etree.Element(qn("w:bidi")))  # Arabic Word's own
    defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).append(etree.Element(qn("w:rtl")))
    out = io.BytesIO()
    source.save(out)
    academy = {p.text for p in source.paragraphs}
    document, _ = guide(out.getvalue(), module, material)
    added = [p for p in document.paragraphs if p.text not in academy]
    assert {p.text for p in added} >= {"Local information", "Local contacts"}
    assert all(p._p.find(f"{qn('w:pPr')}/{qn('w:bidi')}").get(qn("w:val")) == "0" for p in added)
    assert all(r._r.find(f"{qn('w:rPr')}/{qn('w:rtl')}").get(qn("w:val")) == "0" for p in added for r in p.runs)
    tables = document.element.body.findall(qn("w:tbl"))  # the cover's and the contacts'
    assert len(tables) == 2 and all(t.find(f"{qn('w:tblPr')}/{qn('w:bidiVisual')}").get(qn("w:val")) == "0"
                                    for t in tables)
    first = next(p for p in document.paragraphs if p.text == "مقدمة")  # the academy's own stays as it was
    assert first._p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is None
    plain, _ = guide(guide_bytes([(1, "Introduction")]), module, material)  # elsewhere nothing is added
    assert plain.element.body.find(f".//{qn('w:bidi')}") is None and plain.element.body.find(f".//{qn('w:rtl')}") is None


def test_a_guide_whose_body_ends_in_a_section_break(module, material):
    data = guide_bytes([(1, "Introduction")], end_with_section_break=True)
    sections = len(docx.Document(io.BytesIO(data)).sections)
    document, _ = guide(data, module, material)
    assert len(document.sections) == sections + 1  # and the cover's own
    body = document.element.body
    assert body[-1].tag == qn("w:sectPr")
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Last paragraph, ending a landscape section.") < texts.index("Local information")


def test_a_guide_without_heading_styles_gets_an_outline_level_heading(module, material):
    document = docx.Document()
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is not None and re.match(r"heading \d", name.get(qn("w:val"), ""), re.IGNORECASE):
            styles.remove(style)
    document.add_paragraph("Body text.")
    out = io.BytesIO()
    document.save(out)
    result, _ = guide(out.getvalue(), module, material, texts=[])
    local = next(p for p in result.paragraphs if p.text == "Local information")
    assert local._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def test_a_guide_anchor_after_a_heading_goes_to_the_end_of_its_section(module, material):
    data = guide_bytes([(1, "Segment 6: Our Team"), (2, "Steps"), (1, "Segment 7")])
    chosen = replace(module, placement={"contacts": {"guide": Anchor("after-heading", "segment 6")}})
    document, where = guide(data, chosen, material)
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Text under Steps.") < texts.index("Local contacts") < texts.index("Segment 7")
    assert where["contacts"].startswith("after-heading: segment 6, about page")


def test_a_marker_still_wins(module, material):
    document = docx.Document()
    document.add_paragraph("Contacts:")
    document.add_paragraph("{{ck:contacts}}")
    document.add_heading("References", level=1)
    out = io.BytesIO()
    document.save(out)
    result, where = guide(out.getvalue(), module, material, texts=["References"])
    assert where["contacts"].startswith("at the marker")
    assert [p.text for p in result.paragraphs].count("Local contacts") == 0


def test_every_word_of_the_contacts_slides_fits_its_column_on_a_4_by_3_slide(module, library):
    """Fixed shares of the slide's width broke a long e-mail address in two on a 4:3 deck:
    each column is at least as wide as its longest word, measured as preflight measures."""
    from curriculum_kit.generate.textfit import unbreakable_pieces
    from curriculum_kit.preflight.layout import text_width

    overlay = library.overlay("alder-county")
    long_address = replace(overlay.contacts[1], email="dana.whitfieldmartinez@aldercountydcfs.example.org")
    overlay = replace(overlay, contacts=(overlay.contacts[0], long_address, *overlay.contacts[2:]))
    material = county_documents(overlay, STAMP).material
    presentation, _ = assembled(deck_bytes(["Welcome", "Questions"]), module, material)
    assert presentation.slide_width == pptx.util.Inches(10)
    tables = [shape.table for slide in presentation.slides if slide.shapes.title is not None
              and slide.shapes.title.text.startswith("Local contacts") for shape in slide.shapes if shape.has_table]
    assert tables
    for table in tables:
        for column, cells in zip(table.columns, zip(*(row.cells for row in table.rows))):
            room = column.width - 2 * 45720  # the cells' own margins
            for cell in cells:
                for word in unbreakable_pieces(cell.text):
                    assert text_width(word, 12) <= room, word


def test_a_county_without_contacts_gets_none_and_no_error(module, material):
    overlay = replace(material.overlay, contacts=())
    presentation, placed = assembled(deck_bytes(["T", "Questions"]), module, replace(material, overlay=overlay))
    assert "contacts" not in placed and placed["stories"]


def test_shapes_without_text_stay_without_text(module, material):
    """python-pptx's text_frame adds an empty text body to a shape; reading markers must not."""
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = "Academy"
    shape = slide.shapes.add_shape(1, 0, 0, 914400, 914400)  # a rectangle
    shape._element.remove(shape._element.txBody)
    out = io.BytesIO()
    presentation.save(out)
    before = etree.tostring(pptx.Presentation(io.BytesIO(out.getvalue())).slides[0]._element, method="c14n")
    result, _ = assembled(out.getvalue(), module, material)
    assert etree.tostring(result.slides[1]._element, method="c14n") == before


def test_slides_too_small_for_an_editable_chart_get_it_as_pictures(module, material):
    presentation = pptx.Presentation()
    presentation.slide_width, presentation.slide_height = 1800225, 1079500  # 5 x 3 cm
    presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY]).shapes.title.text = "Small"
    out = io.BytesIO()
    presentation.save(out)
    result, placed = assembled(out.getvalue(), module, material)
    pictures = [shape for n in placed["orgchart"] for shape in result.slides[n - 1].shapes if shape.shape_type == 13]
    assert len(pictures) == len(material.orgchart_pngs)
    assert all(p.left + p.width <= result.slide_width and p.top + p.height <= result.slide_height for p in pictures)
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == material.orgchart_alt


def test_assembly_shares_one_styles_tree_per_styles_part_and_never_changes_a_style(library, material):
    """Documents opened for assembly share the styles tree of their styles bytes (python-docx
    would parse it for each); placing every piece of county material, by markers and without,
    in every audience's copy must leave it as it was."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    from curriculum_kit.generate.shared_parts import sharing_parts

    marked = library.module("linkages-orientation")  # markers for every piece, program sections
    unmarked = library.module("supportive-services")
    for module in (marked, unmarked):
        guide = module.facilitator_guide.read_bytes()
        styles_bytes = zipfile.ZipFile(io.BytesIO(guide)).read("word/styles.xml")
        texts = [heading.text for heading in docx.Document(io.BytesIO(guide)).paragraphs if heading.text]
        outputs = [assemble_word(guide, module, material, audience, None, STAMP, texts)[0]
                   for audience in ("facilitator", "cws", "calworks")]
        with sharing_parts():  # the tree every copy above was assembled with
            shared = docx.Document(io.BytesIO(guide)).part.styles.element
        before = etree.tostring(shared)
        outputs.append(assemble_word(guide, module, material, "facilitator", None, STAMP, texts)[0])
        assert etree.tostring(shared) == before
        # the saved styles are what python-docx would have written from its own parse
        alone = serialize_part_xml(parse_xml(styles_bytes))
        assert all(zipfile.ZipFile(io.BytesIO(out)).read("word/styles.xml") == alone for out in outputs)


def test_decks_share_one_tree_per_master_and_layout_and_assembly_never_changes_them(library, material):
    """Decks opened for assembly share the master and layout trees of their bytes (python-pptx
    would parse them for each); placing every piece of county material, by markers and
    without, in decks of every county must leave them as they were, and each deck's saved
    masters and layouts are what python-pptx writes from its own parse."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.oxml import parse_xml

    from curriculum_kit.generate.shared_parts import sharing_parts

    others = county_documents(library.overlay("manzanita-county"), STAMP).material
    for module in (library.module("linkages-orientation"), library.module("supportive-services")):
        data = module.slides.read_bytes()
        with sharing_parts():
            decks = [pptx.Presentation(io.BytesIO(data)) for _ in range(2)]
        shared = [layout._element for layout in decks[0].slide_layouts] + [decks[0].slide_master._element]
        assert all(a._element is b for a, b in zip([*decks[1].slide_layouts, decks[1].slide_master], shared))
        alone = pptx.Presentation(io.BytesIO(data))  # opened outside: trees of its own
        assert alone.slide_master._element is not decks[0].slide_master._element
        before = [etree.tostring(tree) for tree in shared]
        outputs = [assemble_deck(data, module, county, None, STAMP)[0] for county in (material, others, material)]
        assert [etree.tostring(tree) for tree in shared] == before
        with zipfile.ZipFile(io.BytesIO(data)) as given:
            parts = {name: serialize_part_xml(parse_xml(given.read(name))) for name in given.namelist()
                     if name.startswith(("ppt/slideLayouts/slideLayout", "ppt/slideMasters/slideMaster"))
                     and name.endswith(".xml")}
        assert len(parts) > 5
        for out in outputs:
            with zipfile.ZipFile(io.BytesIO(out)) as saved:
                assert {name: saved.read(name) for name in parts} == parts


def test_what_is_worked_out_from_a_shared_styles_tree_is_worked_out_once(module):
    from curriculum_kit.generate.shared_parts import sharing_parts, tree_fact

    guide = module.facilitator_guide.read_bytes()
    calls: list[object] = []

    def count(styles):
        calls.append(styles)
        return len(styles)

    with sharing_parts():
        shared = [docx.Document(io.BytesIO(guide)).part.styles.element for _ in range(2)]
    alone = docx.Document(io.BytesIO(guide)).part.styles.element  # opened outside: its own tree
    assert shared[0] is shared[1] and alone is not shared[0]
    assert tree_fact(shared[0], "count", count) == tree_fact(shared[1], "count", count) == len(alone)
    assert tree_fact(alone, "count", count) == tree_fact(alone, "count", count)
    assert len(calls) == 3  # once for the shared tree, twice for the other


def test_a_style_named_in_a_shared_tree_gets_python_docxs_own_id_and_errors(module, monkeypatch):
    """The id of a style named by a generator is remembered for a shared tree: the same id
    python-docx gives, including a type's default (None); a missing name or a style of
    the wrong type fails as python-docx fails, every time."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles.styles import Styles

    from curriculum_kit.generate.shared_parts import sharing_parts

    guide = _with_styles_of_its_own(module.facilitator_guide.read_bytes())  # no earlier test met them
    with sharing_parts():
        shared = [docx.Document(io.BytesIO(guide)) for _ in range(2)]
    alone = docx.Document(io.BytesIO(guide))
    asked = [("Heading 1", WD_STYLE_TYPE.PARAGRAPH), ("Normal", WD_STYLE_TYPE.PARAGRAPH),
             ("Table Grid", WD_STYLE_TYPE.TABLE), ("List Bullet", WD_STYLE_TYPE.PARAGRAPH)]
    expected = [Styles(alone.styles.element).get_style_id(name, kind) for name, kind in asked]
    assert expected[1] is None and all(expected[index] for index in (0, 2, 3))  # Normal is the default
    lookups: list[str] = []
    original = Styles._get_style_id_from_name
    monkeypatch.setattr(Styles, "_get_style_id_from_name",
                        lambda self, name, kind: lookups.append(name) or original(self, name, kind))
    for document in (*shared, *shared):
        assert [document.part.get_style_id(name, kind) for name, kind in asked] == expected
    assert len(lookups) == len(asked)  # read once for the shared tree
    assert [alone.part.get_style_id(name, kind) for name, kind in asked] == expected
    assert len(lookups) == 2 * len(asked)  # a tree of its own: read each time
    for _ in range(2):
        with pytest.raises(KeyError):
            shared[0].part.get_style_id("No Such Style", WD_STYLE_TYPE.PARAGRAPH)
        with pytest.raises(ValueError):
            shared[0].part.get_style_id("Table Grid", WD_STYLE_TYPE.PARAGRAPH)


def _with_styles_of_its_own(document: bytes) -> bytes:
    """The document with its styles part made bytes no other document has (a comment after
    the root): a worker's shared trees are the process's, and other tests share theirs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(document)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy_:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data += f"<!-- {uuid.uuid4().hex} -->".encode()
            copy_.writestr(info, data)
    return out.getvalue()


def _notes_deck(notes: dict[int, list[list[str]]], count: int = 5) -> bytes:
    """A deck of ``count`` titled slides; ``notes`` gives slides' notes paragraphs, each as its runs."""
    presentation = pptx.Presentation(io.BytesIO(deck_bytes([f"Slide {n}" for n in range(1, count + 1)])))
    for number, paragraphs in notes.items():
        frame = presentation.slides[number - 1].notes_slide.notes_text_frame
        for index, runs in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            for text in runs:
                paragraph.add_run().text = text
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def test_section_markers_in_the_notes_are_found_however_their_runs_are_split(library, module, material):
    """An optional section opened and closed by markers split over runs (as PowerPoint saves
    edited notes), the close in a later paragraph: its slides go; without markers all stay."""
    omitting = replace(material, overlay=replace(material.overlay, omit_sections=("drill",)))
    data = _notes_deck({2: [["{{c", "k:optional", " drill}}"], ["Say hello."]],
                        3: [["Run the drill."], ["{", "{ck:end optional dri", "ll}}"]]})
    kept = [title for title in titles(assembled(data, module, omitting)[0]) if title.startswith("Slide ")]
    assert kept == ["Slide 1", "Slide 4", "Slide 5"]
    plain = _notes_deck({2: [["ck: is not a marker"], ["{{ck"]]})
    kept = [title for title in titles(assembled(plain, module, omitting)[0]) if title.startswith("Slide ")]
    assert kept == [f"Slide {n}" for n in range(1, 6)]


@pytest.mark.parametrize(("inner", "braced"), [
    ('<w:r><w:t>Plain text</w:t></w:r>', False),
    ('<w:r><w:t>Plain {{ck:</w:t></w:r><w:r><w:t>contacts}}</w:t></w:r>', True),
    ('<w:r><w:t>only a closing }</w:t></w:r>', True),
    ('<w:r><w:drawing><a:graphic><a:graphicData><wps:txbx><a:p><a:r><a:t>in a box {</a:t></a:r></a:p>'
     '</wps:txbx></a:graphicData></a:graphic></w:drawing></w:r>', True),
    ('<w:r><w:instrText> PAGE {x} </w:instrText></w:r><w:r><w:t>field code only</w:t></w:r>', False),
    ('<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="{{ck:orgchart}}"/></wp:inline>'
     '</w:drawing></w:r>', "alt text"),
    ('<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="Org chart" title="x}"/></wp:inline>'
     '</w:drawing></w:r>', "alt text"),
    ('<w:r><w:drawing><wp:inline><wp:docPr id="1" name="{a}" descr="Org chart"/></wp:inline>'
     '</w:drawing></w:r>', False),
])
def test_only_a_brace_in_a_text_node_sends_the_body_to_the_marker_reader(inner, braced):
    from curriculum_kit.generate.word_assembly import may_hold_markers

    body = etree.fromstring(
        '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f'<w:p>{inner}</w:p></w:body>')
    assert may_hold_markers(body, alt_text=True) is bool(braced)
    assert may_hold_markers(body) is (braced is True)  # a Word story's markers are read from its paragraphs


@pytest.mark.parametrize(("where", "fails"), [
    ("nowhere", False), ("alt text", True), ("notes, split over runs", True), ("a table cell", True)])
def test_a_marker_left_anywhere_on_a_slide_stops_the_deck(where, fails):
    """Slides without a brace are not read for markers; one left in alt text, in notes (split
    over runs) or in a table is still found."""
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(0, 0, 914400, 914400)
    box.text_frame.text = "Plain words"
    slide.notes_slide.notes_text_frame.text = "Plain notes"
    if where == "alt text":
        box._element.nvSpPr.cNvPr.set("descr", "{{ck:orgchart}}")
    elif where == "notes, split over runs":
        paragraph = slide.notes_slide.notes_text_frame.paragraphs[0]
        paragraph.add_run().text = " {{ck:con"
        paragraph.add_run().text = "tacts}}"
    elif where == "a table cell":
        slide.shapes.add_table(1, 1, 0, 0, 914400, 914400).table.cell(0, 0).text = "{{ck:stories}}"
    if fails:
        with pytest.raises(BuildError, match="is left on slide 1"):
            _check_finished(deck)
    else:
        _check_finished(deck)
