"""Local success stories (lesson 6): short Markdown files under stories/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..findings import Findings
from .programs import BOTH, PROGRAMS, normalize_program
from .sources import read_text

_PROGRAMS_LINE = re.compile(r"programs?\s*:\s*(.*)", re.IGNORECASE)


@dataclass(frozen=True)
class Story:
    name: str  # the file name without .md; children override parents' stories by name
    title: str
    programs: tuple[str, ...]
    paragraphs: tuple[str, ...]
    path: Path


def read_story(path: Path, findings: Findings) -> Story | None:
    lines = read_text(path).splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines or not lines[0].startswith("#") or not lines[0].lstrip("#").strip():
        findings.error(path, "story has no title: its first line must be '# Title'", 1)
        return None
    title = lines[0].lstrip("#").strip()
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
