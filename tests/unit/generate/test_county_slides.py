"""A county's own slides are made for its first deck and repeated, XML for XML, in the next."""

from __future__ import annotations

import io
import zipfile

import pptx
from PIL import Image

from curriculum_kit.generate.county_slides import CountySlides
from curriculum_kit.generate.deck_layouts import DeckLayouts
from curriculum_kit.generate.slide_parts import notes_frame

OVERLAY = object()  # what the slides show (the county's overlay); compared by identity


def text_slides(presentation) -> None:
    for number in range(2):
        slide, _ = DeckLayouts(presentation).slide("content", f"Story {number}", keep_body=True)
        slide.placeholders[1].text_frame.text = f"What happened {number}"
        notes_frame(slide).text = f"The whole story {number}"


def picture_slide(presentation) -> None:
    slide, area = DeckLayouts(presentation).slide("title-only", "Chart")
    png = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(png, format="PNG")
    slide.shapes.add_picture(io.BytesIO(png.getvalue()), area.left, area.top)


def saved(presentation) -> dict[str, bytes]:
    out = io.BytesIO()
    presentation.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("ppt/")}


def test_a_repeated_piece_is_what_making_it_again_gives_and_a_picture_slide_is_made_again():
    county = CountySlides()
    calls: list[str] = []

    def add(presentation, piece, make) -> None:
        def counted() -> None:
            calls.append(piece)
            make(presentation)
        county.add(presentation, DeckLayouts(presentation), piece, OVERLAY, counted)

    first, second, fresh = pptx.Presentation(), pptx.Presentation(), pptx.Presentation()
    for deck in (first, second):
        add(deck, "stories", text_slides)
        add(deck, "orgchart", picture_slide)
    text_slides(fresh)
    picture_slide(fresh)
    assert calls == ["stories", "orgchart", "orgchart"]  # the stories of the second deck were repeated
    assert saved(second) == saved(fresh) == saved(first)
    assert [s.notes_slide.notes_text_frame.text for s in second.slides][:2] == ["The whole story 0", "The whole story 1"]


def test_a_deck_that_looks_different_gets_its_own_slides():
    county = CountySlides()
    calls: list[int] = []
    wide, narrow = pptx.Presentation(), pptx.Presentation()
    narrow.slide_width = 9144000 // 2
    for deck in (wide, narrow):
        county.add(deck, DeckLayouts(deck), "stories", OVERLAY, lambda deck=deck: (calls.append(1), text_slides(deck)))
    assert len(calls) == 2  # a narrower slide fits its text anew


def test_slides_made_for_one_overlay_are_not_repeated_for_another():
    county = CountySlides()
    calls: list[int] = []
    for overlay in (OVERLAY, object()):  # a county's overlay, and the same with other stories
        deck = pptx.Presentation()
        county.add(deck, DeckLayouts(deck), "stories", overlay, lambda deck=deck: (calls.append(1), text_slides(deck)))
    assert len(calls) == 2
