"""Org charts: every page legible (nothing under 10 pt, nothing overflowing), everyone on
exactly one page, every reporting line drawn; slides editable; pictures reproducible."""

from __future__ import annotations

import io
import random
import re
import time
from dataclasses import replace
from pathlib import Path

import pptx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from curriculum_kit.errors import BuildError
from curriculum_kit.formats.colors import contrast
from curriculum_kit.formats.library import Library
from curriculum_kit.formats.orgchart import OrgChart, Person
from curriculum_kit.generate import orgchart_image
from curriculum_kit.generate.orgchart_image import describe, render_png
from curriculum_kit.generate.orgchart_layout import (
    EMU_PER_PT,
    MIN_FONT_PT,
    NOTE_LINES,
    NOTE_PT,
    box_colors,
    layout,
    line_height,
    text_inset,
    text_width,
    wrap,
)
from curriculum_kit.generate.orgchart_slides import add_org_chart_slides, chart_area, program_colors
from tests.fixtures import NS

REPO = Path(__file__).resolve().parents[3]
SLIDE_W, SLIDE_H = 12192000, 6858000
AREA_W, AREA_H = 11460480, 5029200  # about what chart_area() gives on a 16:9 slide


def make_chart(rows: list[tuple[str, str, str, str, str]], path: str = "orgchart.csv") -> OrgChart:
    """(id, name, title, program, reports_to) rows; line numbers as in a CSV with a header."""
    return OrgChart(tuple(Person(*row, line=index + 2) for index, row in enumerate(rows)), Path(path))


def random_chart(seed: int, size: int) -> OrgChart:
    """Mixed shapes: a few roots, deep chains, a couple of very wide managers, long and short words."""
    rng = random.Random(seed)
    words = ["Ana", "Lee", "Okonkwo", "Castellanos-Ruiz", "Núñez", "Nguyễn", "Whitehorse", "Wu", "Maximiliano"]
    titles = ["Social Worker", "Eligibility Specialist II", "Program Manager, Intake and Emergency Response",
              "Deputy Director, Employment and Temporary Assistance", "Aide", "Staff Development Coordinator"]
    wide = set()
    rows = []
    for index in range(size):
        if index < 3:
            parent = ""
        elif rng.random() < 0.3:
            parent = rows[-1][0]  # deepen a chain
        elif wide and rng.random() < 0.3:
            parent = rng.choice(sorted(wide))
        else:
            parent = rows[rng.randrange(len(rows))][0]
        if index in (10, 400):
            wide.add(f"p{index}")
        name = " ".join(rng.choice(words) for _ in range(rng.randint(2, 3)))
        rows.append((f"p{index}", name, rng.choice(titles), rng.choice(["cws", "calworks", "both"]), parent))
    return make_chart(rows)


def check_pages(chart: OrgChart, pages, width: int, height: int) -> None:
    """Everything the layout promises, for any chart and area."""
    shown = [box.person.id for page in pages for box in page.boxes if not box.repeated]
    assert sorted(shown) == sorted(person.id for person in chart.people)
    relations = {(p.reports_to, p.id) for p in chart.people if p.reports_to}
    links = {(link.parent, link.child) for page in pages for link in page.links}
    assert links == relations
    for number, page in enumerate(pages, start=1):
        boxes = {box.person.id: box for box in page.boxes}
        assert len(boxes) == len(page.boxes)
        for link in page.links:
            assert link.parent in boxes and link.child in boxes
        for box in page.boxes:
            assert 0 <= box.x and box.x + box.width <= width and 0 <= box.y and box.y + box.height <= height
            assert box.font_pt >= MIN_FONT_PT
            inset = text_inset(box.width)
            assert len(box.lines) * line_height(box.font_pt) + 2 * inset <= box.height
            assert all(text_width(line, box.font_pt) <= (box.width - 2 * inset) / EMU_PER_PT for line in box.lines)
            assert " ".join(box.lines[:box.name_lines]).replace("- ", "-") == " ".join(box.person.name.split())
            if box.repeated:  # only a page's top box repeats someone, heading their team
                assert box.y == 0 and any(link.parent == box.person.id for link in page.links)
            if box.team_page:
                assert box.lines[-1] == f"Team: page {box.team_page}"
                assert pages[box.team_page - 1].boxes[0].person == box.person
        ordered = sorted(page.boxes, key=lambda b: (b.y, b.x))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if b.y >= a.y + a.height:
                    break
                assert b.x >= a.x + a.width or a.x >= b.x + b.width, f"page {number}: boxes overlap"
        for link in page.links:  # each elbow line runs between boxes, never through one
            parent, child = boxes[link.parent], boxes[link.child]
            x1, x2 = parent.x + parent.width // 2, child.x + child.width // 2
            bend = (parent.y + parent.height + child.y) // 2
            segments = [(x1, parent.y + parent.height, x1, bend), (min(x1, x2), bend, max(x1, x2), bend),
                        (x2, bend, x2, child.y)]
            for other in page.boxes:
                for sx1, sy1, sx2, sy2 in segments:
                    assert not (other.x < sx2 and sx1 < other.x + other.width
                                and other.y < sy2 and sy1 < other.y + other.height), f"page {number}: line crosses"
        if width >= 4 * 914400:
            assert len(wrap("; ".join(page.notes), width / EMU_PER_PT, NOTE_PT)) <= NOTE_LINES


@pytest.fixture(scope="module")
def library():
    return Library.load(REPO / "base_modules", REPO / "county_overlays", modules=False)


@pytest.mark.parametrize("slug", ["alder-county", "cypress-valley-county", "manzanita-county"])
def test_sample_charts(library, slug):
    overlay = library.overlay(slug)
    pages = layout(overlay.orgchart, AREA_W, AREA_H, overlay.county)
    check_pages(overlay.orgchart, pages, AREA_W, AREA_H)
    assert pages == layout(overlay.orgchart, AREA_W, AREA_H, overlay.county)


def test_cut_team_continues_with_notes_on_both_pages(library):
    overlay = library.overlay("alder-county")
    pages = layout(overlay.orgchart, AREA_W, AREA_H, overlay.county)
    assert [page.title for page in pages] == [
        "Alder County org chart (page 1 of 3)",
        "Alder County org chart: Benjamin Okafor's team (page 2 of 3)",
        "Alder County org chart: Robert Chen's team (page 3 of 3)"]
    assert "Benjamin Okafor's team continues on page 2" in pages[0].notes
    assert pages[1].notes == ("Benjamin Okafor's team, continued from page 1",)
    top = pages[1].boxes[0]
    assert top.person.name == "Benjamin Okafor" and top.repeated


def test_thousand_people_in_well_under_five_seconds():
    for seed, (width, height) in enumerate([(AREA_W, AREA_H), (8_500_000, 5_000_000), (4_000_000, 7_000_000)]):
        chart = random_chart(seed, 1000)
        start = time.perf_counter()
        pages = layout(chart, width, height, "Big County")
        assert time.perf_counter() - start < 2.5
        check_pages(chart, pages, width, height)


def test_manager_with_200_direct_reports():
    rows = [("boss", "Wanda Wide", "Director", "both", "")]
    rows += [(f"r{i}", f"Report Number{i}", "Eligibility Worker II", "calworks", "boss") for i in range(200)]
    rows += [("deep", "Dee Deeper", "Aide", "calworks", "r7")]
    chart = make_chart(rows)
    pages = layout(chart, AREA_W, AREA_H, "Wide County")
    check_pages(chart, pages, AREA_W, AREA_H)
    wide = [page for page in pages if page.boxes[0].person.id == "boss"]
    assert len(wide) > 1 and [p.boxes[0].repeated for p in wide] == [False] + [True] * (len(wide) - 1)
    assert "Wanda Wide's team continues on page 2" in pages[0].notes


def test_many_roots_share_continued_pages():
    chart = make_chart([(str(i), f"Root {i}", "Lead", "cws", "") for i in range(30)])
    pages = layout(chart, AREA_W, AREA_H, "Flat County")
    check_pages(chart, pages, AREA_W, AREA_H)
    assert 1 < len(pages) < 10 and pages[1].notes[0] == "The org chart, continued from page 1"


def test_chain_30_deep():
    rows = [(str(i), f"Level {i} Manager", "Supervisor", "cws", str(i - 1) if i else "") for i in range(30)]
    chart = make_chart(rows)
    pages = layout(chart, AREA_W, AREA_H, "Deep County")
    check_pages(chart, pages, AREA_W, AREA_H)
    assert len(pages) > 1


@settings(max_examples=60, deadline=None)
@given(parents=st.lists(st.integers(min_value=-1, max_value=60), min_size=1, max_size=60),
       width=st.integers(min_value=1_500_000, max_value=14_000_000),
       height=st.integers(min_value=1_500_000, max_value=9_000_000),
       title_words=st.integers(min_value=0, max_value=9))
def test_any_tree_in_any_area(parents, width, height, title_words):
    rows = []
    for index, parent in enumerate(parents):
        reports_to = str(parent % index) if index and parent >= 0 else ""
        rows.append((str(index), f"Person {index}", " ".join(["Coordinator"] * title_words), "cws", reports_to))
    chart = make_chart(rows)
    try:
        pages = layout(chart, width, height, "Any County")
    except BuildError as exc:  # only when a single box, or a manager over one row, cannot fit
        assert "cannot fit" in exc.message and height < 4_000_000
        return
    check_pages(chart, pages, width, height)


def test_a_word_wider_than_a_box_is_cut_as_powerpoint_cuts_it():
    chart = make_chart([("1", "Ana Director", "Director", "both", ""),
                        ("2", "Bartholomew" * 6, "Worker", "cws", "1")], "county/orgchart.csv")
    pages = layout(chart, AREA_W, AREA_H, "Any County")
    box = next(box for page in pages for box in page.boxes if box.person.id == "2")
    inner = (box.width - 2 * text_inset(box.width)) / EMU_PER_PT
    assert "".join(box.lines[:box.name_lines]) == "Bartholomew" * 6 and len(box.lines) > 2
    assert all(text_width(line, box.font_pt) <= inner for line in box.lines)
    lines = wrap("Bartholomew" * 3, 40, 10)
    assert "".join(lines) == "Bartholomew" * 3 and all(text_width(line, 10) <= 40 for line in lines)


def test_unfittable_name_names_person_and_line():
    chart = make_chart([("1", "Ana Director", "Director", "both", ""),
                        ("2", "W " * 200, "Worker", "cws", "1")], "county/orgchart.csv")
    with pytest.raises(BuildError) as caught:
        layout(chart, AREA_W, AREA_H, "Any County")
    assert "org chart cannot fit 'W W W" in caught.value.message
    assert (caught.value.path, caught.value.line) == (Path("county/orgchart.csv"), 3)


def test_a_slashed_title_breaks_after_its_slashes():
    """County titles join roles with slashes; PowerPoint breaks a line after one, so do we."""
    title = "Supervisor/Coordinator/Administrator/EligibilityManager"
    assert wrap(title, 90, 10) == ["Supervisor/", "Coordinator/", "Administrator/", "EligibilityManager"]
    chart = make_chart([("1", "Ana Director", "Director", "both", ""), ("2", "Ben Ito", title, "cws", "1")])
    pages = layout(chart, AREA_W, AREA_H, "Any County")
    check_pages(chart, pages, AREA_W, AREA_H)


def test_reporting_cycle_is_a_build_error():
    chart = make_chart([("1", "Root", "", "both", ""), ("2", "Ana", "", "cws", "3"), ("3", "Ben", "", "cws", "2")])
    with pytest.raises(BuildError, match="'Ana'"):
        layout(chart, AREA_W, AREA_H, "Any County")


# -- slides -------------------------------------------------------------------------------

def test_slides_are_native_glued_and_inside(library, tmp_path):
    overlay = library.overlay("alder-county")
    presentation = pptx.Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_W, SLIDE_H
    _, _, width, height = chart_area(presentation)
    pages = layout(overlay.orgchart, width, height, overlay.county)
    add_org_chart_slides(presentation, 5, pages, overlay)
    presentation.save(tmp_path / "chart.pptx")
    colors = program_colors(overlay)
    deck = pptx.Presentation(tmp_path / "chart.pptx")
    assert len(deck.slides) == len(pages)
    for slide, page in zip(deck.slides, pages):
        assert slide.shapes.title.text == page.title
        boxes = [shape for shape in slide.shapes if shape.name.startswith("Org box: ")]
        assert len(boxes) == len(page.boxes)
        ids = {shape.shape_id for shape in boxes}
        connectors = slide.shapes._spTree.findall("p:cxnSp", NS)
        assert len(connectors) == len(page.links)
        for connector in connectors:
            start = connector.find(".//a:stCxn", NS)
            end = connector.find(".//a:endCxn", NS)
            assert (start.get("idx"), end.get("idx")) == ("2", "0")
            assert int(start.get("id")) in ids and int(end.get("id")) in ids
        for shape, box in zip(boxes, page.boxes):
            assert shape.name == f"Org box: {box.person.name}"
            assert shape._element.nvSpPr.cNvPr.get("descr").startswith(f"{box.person.name}, {box.person.title}, ")
            if not box.repeated and box.person.program != "both":
                assert str(shape.fill.fore_color.rgb) == colors[box.person.program].lstrip("#")
            assert shape.text_frame.word_wrap and shape.text_frame.auto_size == 0
            sizes = [run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs]
            assert sizes and min(sizes) >= MIN_FONT_PT
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= SLIDE_W
            assert 0 <= shape.top and shape.top + shape.height <= SLIDE_H
            for paragraph in (shape.text_frame.paragraphs if shape.has_text_frame else []):
                assert all(run.font.size is None or run.font.size.pt >= MIN_FONT_PT for run in paragraph.runs)
        assert slide.notes_slide.notes_text_frame.text == "\n".join(page.notes)


def test_both_programs_are_grey_and_repeated_managers_pale(library):
    overlay = library.overlay("alder-county")
    presentation = pptx.Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_W, SLIDE_H
    pages = layout(overlay.orgchart, *chart_area(presentation)[2:], overlay.county)
    slides = add_org_chart_slides(presentation, 5, pages, overlay)
    director = next(s for s in slides[0].shapes if s.name == "Org box: Alicia Grant")
    assert str(director.fill.fore_color.rgb) == "5B6770"
    repeated = next(s for s in slides[1].shapes if s.name == "Org box: Benjamin Okafor")
    assert str(repeated.fill.fore_color.rgb) != program_colors(overlay)["cws"].lstrip("#")


def test_a_chart_of_one_person_is_one_larger_box_in_the_middle_of_the_chart_area(library):
    """A small county's chart of one director was a 12 pt box at the top of an empty slide:
    it is now drawn at twice the size, centred across and down the chart area."""
    overlay = library.overlay("alder-county")
    alone = replace(overlay, orgchart=make_chart([("1", "L\u00ea Ho\u00e0ng D\u01b0\u01a1ng", "Director", "both", "")]))
    presentation = pptx.Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_W, SLIDE_H
    left, top, width, height = chart_area(presentation)
    pages = layout(alone.orgchart, width, height, alone.county)
    assert [box.font_pt for page in pages for box in page.boxes] == [24]
    slide = add_org_chart_slides(presentation, 5, pages, alone)[0]
    box = next(shape for shape in slide.shapes if shape.name.startswith("Org box: "))
    assert abs((box.left + box.width / 2) - SLIDE_W / 2) <= 1
    assert abs((box.top + box.height / 2) - (top + height / 2)) <= 1


@pytest.mark.parametrize("fill", ["#8D7191", "#1F4E79", "#F2C14E", "#5B6770", "#777777"])
def test_box_text_is_black_or_white_whichever_reaches_wcag_aa(fill):
    """#8D7191 has white text at 4.28:1 and black at 4.90:1: a box picks the one that reads."""
    box = layout(OrgChart((Person("a", "Ana", "Director", "cws", ""),)), AREA_W, AREA_H, "X County")[0].boxes[0]
    _, ink, _ = box_colors(box, {"cws": fill})
    assert ink in ("#000000", "#FFFFFF") and contrast(ink, fill) >= 4.5


# -- pictures and alt text -----------------------------------------------------------------

def test_png_is_reproducible_and_text_fits(library):
    overlay = library.overlay("cypress-valley-county")
    pages = layout(overlay.orgchart, 8_595_360, 5_120_640, overlay.county)
    for page in pages:
        data = render_png(page, overlay)
        assert data == render_png(page, overlay)
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and 600 <= image.width <= 2000 and 200 <= image.height <= 1300
        for box in page.boxes:  # measured with the font the picture uses, not the estimate
            font = ImageFont.load_default(size=round(box.font_pt * 150 / 72))
            inner = (box.width - 2 * text_inset(box.width)) * 150 / 914400
            assert all(font.getlength(line) <= inner for line in box.lines)


def test_describe_says_who_leads_whom(library):
    overlay = library.overlay("manzanita-county")
    text = describe(overlay.orgchart, overlay.county)
    assert text.startswith("Org chart of Manzanita County: Eleanor Whitlock (Director, Department of Human "
                           "Services) leads 2 people: Gregory Mendes (Deputy Director), Ana Sofía Peña")
    assert "Gregory Mendes leads 2 people: Sylvia Marchetti" in text


def test_describe_is_capped():
    rows = [("0", "Person 0", "Director", "both", "")]
    rows += [(str(i), f"Person {i}", "Worker", "cws", str((i - 1) // 5)) for i in range(1, 1000)]
    text = describe(make_chart(rows), "Big County")
    assert 800 <= len(text) <= 1000
    told, _, ending = text.partition(" \u2026 and ")
    named = {int(number) for number in re.findall(r"Person (\d+)", told)}
    assert ending == f"{1000 - len(named)} more people; the full list follows in a table."


def test_lines_drawn_from_remembered_masks_are_what_imagedraw_draws():
    """Chart lines are drawn from masks rendered once (bold twice, titles box after box):
    the pixels must be exactly those of ``ImageDraw.text`` at every fraction of a pixel,
    size and colour, over fills and over text already drawn."""
    rng = random.Random(7)
    texts = ["Social Worker", "Eligibility Supervisor II", "Ana", "W", "Linkages liaison (CWS)", "x"]
    ours = Image.new("RGB", (420, 300), "white")
    theirs = ours.copy()
    for image in (ours, theirs):
        ImageDraw.Draw(image).rounded_rectangle([(20, 20), (400, 280)], radius=12, fill="#1F4E79")
    for _ in range(120):
        text, size = rng.choice(texts), rng.choice([11, 15, 19, 25])
        x, y = rng.uniform(40, 380), rng.uniform(30, 270)
        color = rng.choice(["#000000", "#FFFFFF", "#C0504D", "#7F7F7F"])
        font = orgchart_image._font(size)
        orgchart_image._draw_line(ImageDraw.Draw(ours), text, x, y, font, color)
        ImageDraw.Draw(theirs).text((x, y), text, fill=color, font=font, anchor="mm")
    assert ours.tobytes() == theirs.tobytes()
    assert orgchart_image._line_mask.cache_info().hits > 0


def _line_picture(text: str) -> Image.Image:
    image = Image.new("L", (300, 60), 255)
    orgchart_image._draw_line(ImageDraw.Draw(image), text, 150, 30, orgchart_image._font(25), "#000000")
    return image


def _ink(text: str) -> int:
    return sum(255 - value for value in _line_picture(text).tobytes())


@pytest.mark.parametrize(("name", "printed"), [("D\u01b0\u01a1ng", "Duong"), ("H\u01b0\u01a1ng", "Huong"),
                                               ("\u0110\u1ee9c", "D\u00fac"), ("\u0111\u1ee9c", "d\u00fac"),
                                               ("Th\u1ea3o", "Thao"), ("\u0141\u00f3d\u017a", "L\u00f3d\u017a"),
                                               ("S\u00f8ren", "Soren")])
def test_vietnamese_horn_hook_and_stroked_letters_are_drawn(name, printed):
    """Dương, Hương were printed 'Duong', 'Huong' (the horn and the hook above were not
    drawn), Đức 'Dúc' (a stroked letter was its ASCII letter): the picture draws the horn,
    the hook and the stroke as it draws other accents, in ink beyond the misspelling's."""
    assert _ink(name) > _ink(printed) + 255 * 8
    assert not orgchart_image._undrawn(name)


def test_a_letter_the_built_in_font_lacks_is_drawn_with_an_installed_font():
    """Letters of other scripts (王, Дмитрий) were all the built-in font's box: they are drawn
    with an installed font that has them (two letters of one such font draw differently)."""
    if orgchart_image._installed_font("\u0414") is None:
        pytest.skip("no installed font has Cyrillic letters")
    assert _line_picture("\u0414").tobytes() != _line_picture("\u0416").tobytes()


def test_what_no_installed_font_has_is_reported_by_person(library, monkeypatch):
    """Without a font for 王 the picture shows a box: the build says which letters, where and
    what to install, as it says which fonts its PDFs are drawn with."""
    monkeypatch.setattr(orgchart_image, "_installed_font", lambda letter: None)
    overlay = library.overlay("cypress-valley-county")
    chart = make_chart([("1", "\u738b D\u01b0\u01a1ng", "Director", "both", ""),
                        ("2", "Ana Pe\u00f1a", "Worker \u5c0f\u660e", "cws", "1"),
                        ("3", "\u0110\u1ee9c Tr\u1ea7n", "Worker", "cws", "1")])
    county = replace(overlay, chain=(replace(overlay.layer, county="\u6e05 County"), *overlay.chain[1:]),
                     orgchart=chart)
    assert orgchart_image.undrawn_warning(county) == (
        "org chart pictures: no font on this machine draws \u6e05, \u738b, \u5c0f, \u660e, in the title and the "
        "boxes of \u738b D\u01b0\u01a1ng, Ana Pe\u00f1a: a letter shows as a box, a mark is left out; install a font "
        "that has them (on Debian or Ubuntu, apt-get install fonts-noto-core fonts-noto-cjk)")
    assert orgchart_image.undrawn_warning(overlay) == ""
