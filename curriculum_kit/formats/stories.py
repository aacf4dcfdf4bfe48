"""Local success stories (lesson 6): short Markdown files under stories/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..findings import Findings
from .programs import BOTH, PROGRAMS, normalize_program
from .sources import STORY_BYTES, read_text
from .untrusted import NOT_IN_XML, SHORT_TEXT_CHARS, text_problem

_PROGRAMS_LINE = re.compile(r"programs?\s*:\s*(.*)", re.IGNORECASE)


@dataclass(frozen=True)
class Story:
    name: str  # the file name without .md; children override parents' stories by name
    title: str
    programs: tuple[str, ...]
    paragraphs: tuple[str, ...]
    path: Path


def read_story(path: Path, findings: Findings) -> Story | None:
    text = read_text(path, STORY_BYTES, "a story")
    bad = NOT_IN_XML.search(text)
    if bad:
        findings.error(path, f"the story {text_problem(bad.group(), 1)}", text.count("\n", 0, bad.start()) + 1)
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
    paragraphs = [" ".join(part.split()) for part in
                  re.split(r"\n\s*\n", "\n".join(lines[body_start:])) if part.strip()]
    if not paragraphs:
        findings.error(path, "story has a title but no text", 1)
        return None
    return Story(path.stem, title, tuple(dict.fromkeys(programs)), tuple(paragraphs), path)


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
