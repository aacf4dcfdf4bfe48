"""Where the tool's tables and charts go on an academy deck's slides: inside the frame the
deck's own body text has (clear of the master's graphics and footers), not merely inside
margins; a frame too small for a table leaves the margins."""

from __future__ import annotations

import pptx
from pptx.util import Inches

from curriculum_kit.generate.deck_layouts import DeckLayouts


def _deck_with_body(left: float, top: float, width: float, height: float) -> pptx.Presentation:
    """python-pptx's deck (10 x 7.5 in) with the body frame of its master and content layout moved."""
    deck = pptx.Presentation()
    for owner in (deck.slide_master, deck.slide_layouts[1]):
        body = next(ph for ph in owner.placeholders if ph.placeholder_format.idx == 1)
        body.left, body.top, body.width, body.height = Inches(left), Inches(top), Inches(width), Inches(height)
    return deck


def _inches(area) -> tuple[float, ...]:
    return tuple(round(value / 914400, 2) for value in (area.left, area.top, area.width, area.height))


def test_content_goes_where_the_deck_puts_its_body_text():
    """A master with a graphic down its left side (the body frame starts 1.5 in in) and a
    band along its foot (the frame ends at 6 in)."""
    deck = _deck_with_body(1.5, 1.6, 8.0, 4.4)
    _, area = DeckLayouts(deck).slide("title-only", "Local contacts")
    left, top, width, height = _inches(area)
    assert (left, round(left + width, 2), round(top + height, 2)) == (1.5, 9.5, 6.0)
    title = deck.slides[0].shapes.title
    assert top >= round((title.top + title.height) / 914400, 2)  # below the title


def test_a_title_in_a_column_beside_the_body_lets_the_content_start_at_the_frames_top():
    deck = _deck_with_body(3.5, 1.0, 6.0, 5.5)
    layout = deck.slide_layouts[5]  # Title Only
    title = layout.placeholders[0]
    title.left, title.top, title.width, title.height = Inches(0.5), Inches(1.0), Inches(2.8), Inches(3.0)
    _, area = DeckLayouts(deck).slide("title-only", "Local contacts")
    assert _inches(area) == (3.5, 1.0, 6.0, 5.5)


def test_a_body_frame_too_narrow_for_a_table_leaves_the_margins():
    deck = _deck_with_body(5.5, 1.6, 4.0, 4.4)
    _, area = DeckLayouts(deck).slide("title-only", "Local contacts")
    margin = 7.5 / 20  # a twentieth of the slide's height, under half an inch
    assert abs(area.left / 914400 - margin) < 0.01
    assert abs((area.left + area.width) / 914400 - (10 - margin)) < 0.01


def test_a_title_is_given_its_size_when_the_deck_gives_none():
    """An old OpenOffice deck's master has no text styles: a title fitted at 24 pt (the first
    size tried, taken for the inherited one) was left without a size, and LibreOffice drew
    it at 44 pt over the org chart below it."""
    from lxml import etree

    from curriculum_kit.generate.deck_layouts import set_fitted_text

    deck = pptx.Presentation()
    master = deck.slide_master._element
    master.remove(master.find("{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles"))
    for owner in (deck.slide_master, deck.slide_layouts[5]):
        for style in owner._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}lstStyle"):
            style.getparent().remove(style)
    title = deck.slides.add_slide(deck.slide_layouts[5]).shapes.title
    assert set_fitted_text(title, ["Alder County org chart (page 1 of 5)"], (24, 20, 16)) == 24
    assert [run.font.size.pt for run in title.text_frame.paragraphs[0].runs] == [24]
    kept = pptx.Presentation()  # python-pptx's own master says 44 pt: a title of that size inherits it
    title = kept.slides.add_slide(kept.slide_layouts[5]).shapes.title
    assert set_fitted_text(title, ["Agenda"], (44, 40)) == 44
    assert etree.tostring(title._element).count(b' sz="') == 0
