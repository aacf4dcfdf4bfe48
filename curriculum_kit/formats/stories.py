"""Local success stories (lesson 6): short Markdown files under stories/.

The story text is Markdown as people write it in any editor: **bold**, *italic*,
[links](https://...), bullet lists, and a ``> quote`` that marks the pull quote a story
slide shows. It is read into blocks of styled spans, so the guide and the slides render
the styling and never ship the asterisks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Findings
from .programs import BOTH, PROGRAMS, normalize_program
from .sources import STORY_BYTES, read_text
from .untrusted import MARKER_SYNTAX, NOT_IN_XML, SHORT_TEXT_CHARS, text_problem

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_PROGRAMS_LINE = re.compile(r"programs?\s*:\s*(.*)", re.IGNORECASE)


@cache
def _markdown() -> MarkdownIt:
    """The parser, made when a story is first read (importing it takes 20-30 ms, and a
    rebuild whose overlays are kept parsed reads none)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


@dataclass(frozen=True)
class Span:
    """A run of story text with its Markdown styling."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph, one bullet item, or the pull quote ('quote') of a story."""

    kind: str  # paragraph, bullet, quote
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def shown_spans(self) -> tuple[Span, ...]:
        """The spans as printed: a pull quote between quotation marks, unless the county typed
        its own ('> “We did it together.”' is not quoted twice)."""
        text = self.text.strip()
        if self.kind != "quote" or (text[:1] in _OPENING_QUOTES and text[-1:] in _CLOSING_QUOTES):
            return self.spans
        return (Span("\u201c"), *self.spans, Span("\u201d"))


_OPENING_QUOTES, _CLOSING_QUOTES = "\"'\u201c\u2018\u00ab", "\"'\u201d\u2019\u00bb"


@dataclass(frozen=True)
class Story:
    name: str  # the file name without .md; children override parents' stories by name
    title: str
    programs: tuple[str, ...]
    paragraphs: tuple[str, ...]  # each block's text as a reader sees it (no Markdown)
    path: Path
    blocks: tuple[Block, ...] = field(default=(), compare=False)

    def reworded(self, change: Callable[[str], str]) -> Story:
        """The story with ``change`` applied to its title and every piece of its text
        (a parent overlay's story in the county's terms)."""
        blocks = tuple(Block(b.kind, tuple(replace(s, text=change(s.text)) for s in b.spans)) for b in self.blocks)
        return replace(self, title=change(self.title), paragraphs=tuple(b.text for b in blocks), blocks=blocks)

    @property
    def pull_quote(self) -> Block | None:
        return next((block for block in self.blocks if block.kind == "quote"), None)


def markdown_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a story's Markdown text; headings and code read as paragraphs."""
    blocks: list[Block] = []
    kinds: list[str] = []  # the open containers: bullet_list, blockquote
    for token in _markdown().parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            kinds.append("bullet" if "list" in token.type else "quote")
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            kinds.pop()
        elif token.type == "inline":
            spans = _spans(token.children or [])
            if spans:
                blocks.append(Block(kinds[-1] if kinds else "paragraph", spans))
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(Block(kinds[-1] if kinds else "paragraph", (Span(" ".join(token.content.split())),)))
    return tuple(blocks)


def _spans(children: list[Token]) -> tuple[Span, ...]:
    spans: list[Span] = []
    bold = italic = 0
    link: str | None = None
    for child in children:
        kind = child.type
        if kind == "strong_open" or kind == "strong_close":
            bold += 1 if kind.endswith("open") else -1
        elif kind == "em_open" or kind == "em_close":
            italic += 1 if kind.endswith("open") else -1
        elif kind == "link_open":
            link = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            link = None
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" ", bool(bold), bool(italic), link))
        elif kind in ("text", "code_inline", "html_inline") and child.content:
            spans.append(Span(child.content, bool(bold), bool(italic), link))
    merged: list[Span] = []
    for span in spans:  # neighbours with the same styling are one span
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (span.bold, span.italic, span.link):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic, span.link)
        else:
            merged.append(span)
    text = "".join(span.text for span in merged)
    if not text.strip():
        return ()
    squeezed = [Span(" ".join(s.text.split()) if s.text.strip() else " ", s.bold, s.italic, s.link) for s in merged]
    return tuple(_respace(merged, squeezed))


def _respace(original: list[Span], squeezed: list[Span]) -> list[Span]:
    """Spaces inside spans collapsed, and kept at span edges where the text had them."""
    result = []
    for index, (old, new) in enumerate(zip(original, squeezed)):
        text = new.text
        if old.text.strip():
            if old.text[0].isspace() and index:
                text = " " + text
            if old.text[-1].isspace() and index < len(original) - 1:
                text += " "
        result.append(Span(text, new.bold, new.italic, new.link))
    while result and not result[0].text.strip():
        result.pop(0)
    while result and not result[-1].text.strip():
        result.pop()
    if result:
        result[0] = Span(result[0].text.lstrip(), result[0].bold, result[0].italic, result[0].link)
        result[-1] = Span(result[-1].text.rstrip(), result[-1].bold, result[-1].italic, result[-1].link)
    return result


def read_story(path: Path, findings: Findings) -> Story | None:
    text = read_text(path, STORY_BYTES, "a story")
    bad = NOT_IN_XML.search(text) or MARKER_SYNTAX.search(text)
    if bad:
        findings.error(path, f"the story {text_problem(bad.group(), len(bad.group()))}",
                       text.count("\n", 0, bad.start()) + 1)
        return None
    lines = text.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines or not lines[0].startswith("#") or not lines[0].lstrip("#").strip():
        findings.error(path, "story has no title: its first line must be '# Title'", 1)
        return None
    title = lines[0].lstrip("#").strip()
    if len(title) > SHORT_TEXT_CHARS:
        findings.error(path, f"the title is {len(title):,} characters long; at most {SHORT_TEXT_CHARS} fit "
                       "(put the rest in the story's text)", 1)
        return None
    body_start = 1
    programs: list[str] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        match = _PROGRAMS_LINE.fullmatch(line.strip())
        if not match:
            break
        body_start = number
        for word in re.split(r"[,;/&]|\band\b", match.group(1)):
            if not word.strip():
                continue
            key = normalize_program(word)
            if key is None:
                findings.error(path, f"unknown program '{word.strip()}' (use {', '.join(PROGRAMS)})", number)
            else:
                programs.extend(PROGRAMS if key == BOTH else [key])
        break
    if not programs:
        findings.error(path, "story names no program: add a line like 'Programs: CWS, CalWORKs' "
                       "under the title", 2)
        return None
    blocks = markdown_blocks("\n".join(lines[body_start:]))
    if not blocks:
        findings.error(path, "story has a title but no text", 1)
        return None
    return Story(path.stem, title, tuple(dict.fromkeys(programs)), tuple(block.text for block in blocks), path,
                 blocks)


CHARS_PER_SLIDE = 1400  # measured: a story slide holds about this much text at 16 pt
FEW_SLIDES = 4


def size_warning(story: Story) -> str | None:
    """A warning for a story too long to tell in a session (it would make more than a few
    slides), with its size; None for a story of usual length."""
    size = sum(len(paragraph) for paragraph in story.paragraphs)
    slides = -(-size // CHARS_PER_SLIDE)
    if slides <= FEW_SLIDES:
        return None
    return (f"story is {size:,} characters, about {slides} slides in the deck; a story is told in "
            f"one to {FEW_SLIDES}: shorten it or split it into several stories")
