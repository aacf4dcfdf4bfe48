"""Local success stories on slides (lesson 6): for the room, not for reading.

A story slide shows the story's title and its pull quote (a ``> quote`` in the story
file) or its first sentences, at most EXCERPT_WORDS words, at a size the back row can
read; the whole story is in the speaker notes for the co-facilitator who tells it. Bold,
italic, links and bullets in the story's Markdown are rendered as such.
"""

from __future__ import annotations

import re
from typing import Any

from pptx.oxml.ns import qn
from pptx.util import Pt

from ..formats.overlay import Overlay
from ..formats.stories import Block, Span, Story
from .deck_layouts import INSET, DeckLayouts, fitting_size, inherited_size
from .slide_parts import notes_frame

EXCERPT_WORDS = 60
BODY_SIZES = (28, 24, 20, 18, 16)
SMALL_SIZES = (14, 12, 10, 8)  # for decks with unusually small slides
BULLET_INDENT = 285750  # 0.3125 in: where a bullet's text starts
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s|$)")
TELL = "Tell this local story in your own words; ask who in the room worked a family like this."


def excerpt(story: Story, limit: int = EXCERPT_WORDS) -> tuple[Block, ...]:
    """What a story's slide shows: its pull quote, else its first blocks and sentences,
    never more than ``limit`` words (a first sentence longer than that is cut with '…')."""
    quote = story.pull_quote
    if quote is not None:
        return (_first_words(quote, limit),)
    shown: list[Block] = []
    used = 0
    for block in story.blocks:
        words = len(block.text.split())
        if used + words <= limit:
            shown.append(block)
            used += words
            continue
        cut = _first_sentences(block, limit - used)
        if cut is not None:
            shown.append(cut)
        break
    return tuple(shown) or (_first_words(story.blocks[0], limit),)


def _first_sentences(block: Block, budget: int) -> Block | None:
    text = block.text
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if len(text[:m.end()].split()) <= budget]
    return Block(block.kind, _cut(block.spans, ends[-1])) if ends else None


def _first_words(block: Block, limit: int) -> Block:
    words = list(re.finditer(r"\S+", block.text))
    if len(words) <= limit:
        return block
    spans = _cut(block.spans, words[limit - 1].end())
    return Block(block.kind, (*spans, Span("…")))


def _cut(spans: tuple[Span, ...], length: int) -> tuple[Span, ...]:
    """The spans holding the first ``length`` characters of their text."""
    kept, left = [], length
    for span in spans:
        if left <= 0:
            break
        kept.append(Span(span.text[:left], span.bold, span.italic, span.link))
        left -= len(span.text)
    return tuple(kept)


def story_slides(layouts: DeckLayouts, overlay: Overlay) -> list[Any]:
    """One slide per story, on the deck's title-and-content layout; the whole story in the notes."""
    slides = []
    for story in overlay.stories:
        slide, area = layouts.slide("content", story.title, keep_body=True)
        body = next((ph for ph in slide.placeholders if ph != slide.shapes.title), None)
        if body is None:
            body = slide.shapes.add_textbox(area.left, area.top, area.width, area.height)
        shown, size = _fitting_excerpt(story, body)
        if size is None:  # a slide too small for any text: the story is in the notes only
            body._element.getparent().remove(body._element)
        else:
            write_blocks(body.text_frame, shown, size)
        notes_frame(slide).text = notes_text(story, overlay)
        slides.append(slide)
    return slides


def _fitting_excerpt(story: Story, body: Any) -> tuple[tuple[Block, ...], float | None]:
    """The longest excerpt, at the largest size, that fits the slide's text box: the first
    sentences up to EXCERPT_WORDS at a size the room reads, else shorter ones, smaller."""
    for limit, sizes in ((EXCERPT_WORDS, BODY_SIZES), (EXCERPT_WORDS // 2, BODY_SIZES),
                         (EXCERPT_WORDS // 4, SMALL_SIZES), (8, SMALL_SIZES)):
        shown = excerpt(story, limit)
        size = _size(body, shown, sizes)
        if size is not None:
            return shown, size
    return (), None


def _size(body: Any, blocks: tuple[Block, ...], candidates: tuple[float, ...]) -> float | None:
    base = inherited_size(body, BODY_SIZES[0]) if body.is_placeholder else BODY_SIZES[0]
    sizes = tuple(s for s in candidates if s <= base) or candidates[-1:]
    width = int(body.width) - 2 * INSET - BULLET_INDENT  # as if every block were a bullet
    texts = [_shown_text(block) for block in blocks]
    return fitting_size(texts, width, int(body.height) - 2 * 45720 - int(Pt(6)) * len(texts), sizes)


def _shown_text(block: Block) -> str:
    return "".join(span.text for span in block.shown_spans)


def write_blocks(frame: Any, blocks: tuple[Block, ...], size: float) -> None:
    """Story blocks as paragraphs of styled runs: bullets as bullets, a quote in italics
    between quotation marks, links clickable."""
    frame.word_wrap = True
    frame.text = ""
    for index, block in enumerate(blocks):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        properties = paragraph._p.get_or_add_pPr()
        if block.kind == "bullet":
            properties.set("marL", str(BULLET_INDENT))
            properties.set("indent", str(-BULLET_INDENT))
            properties.append(properties.makeelement(qn("a:buChar"), {"char": "\u2022"}))
        else:
            properties.set("marL", "0")
            properties.set("indent", "0")
            properties.append(properties.makeelement(qn("a:buNone"), {}))
        paragraph.space_after = Pt(6)
        for span in block.shown_spans:
            run = paragraph.add_run()
            run.text = span.text
            run.font.size = Pt(size)
            run.font.bold = span.bold or None
            run.font.italic = (span.italic or block.kind == "quote") or None
            if span.link:
                run.hyperlink.address = span.link


def notes_text(story: Story, overlay: Overlay) -> str:
    """The whole story for the speaker notes, as plain paragraphs."""
    programs = " and ".join(overlay.program_label(p) for p in story.programs)
    marks = {"bullet": "\u2022 ", "quote": "", "paragraph": ""}
    lines = [story.title, f"Programs: {programs}",
             *(marks[b.kind] + (_shown_text(b) if b.kind == "quote" else b.text) for b in story.blocks), TELL]
    return "\n".join(lines)
