"""The co-branded title slide on academy decks as they come: the programs' names under the
logos read on whatever the deck draws there, and a title set high on the slide makes room
for the logos instead of running under them."""

from __future__ import annotations

from dataclasses import replace

import pptx
import pytest
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from curriculum_kit.formats.colors import MIN_CONTRAST, contrast
from curriculum_kit.formats.library import Library
from curriculum_kit.generate.deck_layouts import INSET, DeckLayouts
from curriculum_kit.generate.slide_background import colour_behind
from curriculum_kit.generate.textfit import line_height, wrap
from curriculum_kit.generate.title_slide import cobrand_slide
from tests.conftest import REPO

SPOT = (0, 0, Inches(2), Inches(1))


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(REPO / "base_modules", REPO / "county_overlays")


def _deck(background: str | None = None) -> pptx.Presentation:
    """python-pptx's own deck (white, from its theme), or one whose master has a plain
    background ('1F3864') or a picture ('picture')."""
    deck = pptx.Presentation()
    if background is not None:
        master = deck.slide_master
        if background == "picture":
            master.background.fill.patterned()  # neither one plain colour nor a theme fill
        else:
            master.background.fill.solid()
            master.background.fill.fore_color.rgb = RGBColor.from_string(background)
    return deck


def _slide(deck):
    return deck.slides.add_slide(deck.slide_layouts[0])


def test_the_colour_behind_is_the_backgrounds_when_it_is_one_plain_colour():
    assert colour_behind(_slide(_deck()), *SPOT) == "#FFFFFF"  # the theme's background fill: lt1
    assert colour_behind(_slide(_deck("1F3864")), *SPOT) == "#1F3864"
    assert colour_behind(_slide(_deck("picture")), *SPOT) is None


def _layout_rectangle(deck, left: float, top: float) -> None:
    """A rectangle drawn by the first layout on every slide made from it (python-pptx adds
    shapes to slides only: one is made on a scratch slide and moved)."""
    scratch = deck.slides.add_slide(deck.slide_layouts[6])
    shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(3), Inches(1))
    deck.slide_layouts[0].shapes._spTree.append(shape._element)


def test_a_shape_of_the_layout_over_the_spot_makes_it_unknown_and_one_elsewhere_does_not():
    deck = _deck("1F3864")
    _layout_rectangle(deck, 5, 5)
    assert colour_behind(_slide(deck), *SPOT) == "#1F3864"
    _layout_rectangle(deck, 1, 0.5)
    assert colour_behind(_slide(deck), *SPOT) is None


def _names(slide) -> list:
    """The text boxes under the logos: the programs' names."""
    return [shape for shape in slide.shapes if shape.shape_type == 17 and not shape.is_placeholder]


def _fill(shape) -> str | None:
    colour = shape._element.find(".//{*}spPr/{*}solidFill/{*}srgbClr")
    return None if colour is None else f"#{colour.get('val')}"


def _text_colour(shape) -> str:
    return f"#{shape._element.find('.//{*}rPr/{*}solidFill/{*}srgbClr').get('val')}"


@pytest.mark.parametrize("background", [None, "1F3864", "picture"])
def test_the_programs_names_read_on_what_the_deck_draws_behind_them(background, library, tmp_path):
    overlay = library.overlay("alder-county")
    deck = _deck(background)
    slide = cobrand_slide(DeckLayouts(deck), library.module("linkages-orientation"), overlay, None)
    names = _names(slide)
    assert [shape.text_frame.text for shape in names] == [overlay.programs[key].name for key in ("cws", "calworks")]
    for shape in names:
        ground = _fill(shape) or ("#" + background if background and background != "picture" else "#FFFFFF")
        assert contrast(_text_colour(shape), ground) >= MIN_CONTRAST
    if background == "picture":  # nothing known behind them: each name gets a white ground
        assert [_fill(shape) for shape in names] == ["#FFFFFF", "#FFFFFF"]
    else:
        assert [_fill(shape) for shape in names] == [None, None]


def test_a_title_set_high_on_the_slide_makes_room_for_the_logos(library):
    deck = _deck()
    layout_title = deck.slide_layouts[0].placeholders[0]
    layout_title.top, layout_title.height = Inches(0.3), Inches(1.2)  # a title band at the top
    overlay = library.overlay("alder-county")
    slide = cobrand_slide(DeckLayouts(deck), library.module("linkages-orientation"), overlay, None)
    title = slide.shapes.title
    pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 2
    for box in [*pictures, *_names(slide)]:
        apart = box.left + box.width <= title.left or title.left + title.width <= box.left
        assert apart, f"{box.name} lies under the title"
    assert title.top == Inches(0.3) and title.height == Inches(1.2)  # only narrowed
    assert slide.shapes.title.text_frame.text == "Linkages Orientation: Who We Are"


def test_a_title_lower_on_the_slide_keeps_its_layouts_place(library):
    deck = _deck()
    slide = cobrand_slide(DeckLayouts(deck), library.module("linkages-orientation"),
                          library.overlay("alder-county"), None)
    assert slide.shapes.title._element.find("{*}spPr/{*}xfrm") is None  # inherited, as the layout has it


def test_a_subtitle_starting_beside_the_programs_names_is_narrowed_clear_of_them(library):
    """A subtitle's text starts at the top of its box: one that starts level with the names
    under the logos would run into them (a title, whose text sits lower, may start there)."""
    deck = _deck()
    title, subtitle = deck.slide_layouts[0].placeholders[0], deck.slide_layouts[0].placeholders[1]
    title.top, title.height = Inches(0.3), Inches(1.0)
    subtitle.left, subtitle.top, subtitle.width = Inches(0.5), Inches(1.4), Inches(9.0)
    slide = cobrand_slide(DeckLayouts(deck), library.module("linkages-orientation"),
                          library.overlay("alder-county"), None)
    shown = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    for name in _names(slide):
        assert name.left + name.width <= shown.left or shown.left + shown.width <= name.left
    assert "Alder County" in shown.text_frame.text


LONG_NAMES = {  # six lines each in the column under a logo
    "cws": "San Bernardino de los Montes y Valle del R\u00edo Grande County Department of Children, Youth, "
           "Family and Community Protective and Preventive Services",
    "calworks": "San Bernardino de los Montes y Valle del R\u00edo Grande County Transitional Assistance, "
                "Employment and Economic Self-Sufficiency Department",
}


def _apart(one, other) -> bool:
    return (one.left + one.width <= other.left or other.left + other.width <= one.left
            or one.top + one.height <= other.top or other.top + other.height <= one.top)


def test_long_programs_names_are_as_tall_as_their_lines_and_the_title_keeps_clear_of_them(library):
    """A department's full name wraps to six lines under its logo: its box holds them all
    and the title (here at the layout's place, below the logos) is narrowed to run between
    the names instead of over their last lines."""
    overlay = library.overlay("alder-county")
    overlay = replace(overlay, programs={key: replace(branding, name=LONG_NAMES[key])
                                         for key, branding in overlay.programs.items()})
    slide = cobrand_slide(DeckLayouts(_deck()), library.module("linkages-orientation"), overlay, None)
    names = _names(slide)
    assert [shape.text_frame.text for shape in names] == list(LONG_NAMES.values())
    for name in names:
        lines = wrap(name.text_frame.text, name.width - 2 * INSET, 10)
        assert len(lines) >= 5 and name.height >= len(lines) * line_height(10)
        for frame in slide.placeholders:  # the title and the subtitle
            assert _apart(name, frame), f"{frame.name} lies over a program's name"
    assert slide.shapes.title.text_frame.text == "Linkages Orientation: Who We Are"


def test_a_background_reference_that_is_no_number_tells_no_colour():
    deck = _deck()
    reference = deck.slide_master._element.find("{*}cSld/{*}bg/{*}bgRef")  # the theme's first fill
    assert colour_behind(_slide(deck), *SPOT) == "#FFFFFF"
    reference.set("idx", "one thousand")
    assert colour_behind(_slide(deck), *SPOT) is None
