"""`curriculum-kit coverage SLUG`: terminology rows that do nothing, and words still to map.

Dead rows are the county's own rows never found in any module. Candidates are words the
modules use that the county probably has its own name for: program and agency names, job
titles and acronyms that only a parent overlay maps (with its generic replacement) or
that other counties map and this one does not, plus frequent acronyms nobody maps. Each
is ranked by occurrences and shown with one sentence where it occurs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import Location, display_path
from ..formats.library import Library
from ..formats.module import Module
from ..formats.terms import Term
from ..ooxml.matcher import Kept, Match, Matcher
from ..ooxml.reading import document_blocks

MIN_ACRONYM_COUNT = 3  # an acronym nobody maps is listed from this many occurrences
_ACRONYM = re.compile(r"(?<![\w-])[A-Z]{2,6}(?![\w-])")
_JOB_WORDS = {"worker", "supervisor", "manager", "specialist", "counselor", "coordinator", "liaison",
              "technician", "advocate", "director", "trainer", "assistant", "aide", "analyst", "clerk",
              "officer", "consultant", "navigator", "caseworker", "lead"}
_SMALL_WORDS = {"and", "of", "the", "for", "to", "in", "on", "at", "a", "an"}
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")
_WIDTH = 110


def term_kind(term: str) -> str | None:
    """'acronym', 'job title' or 'name' (of a program, agency, court...), or None for other words."""
    if re.fullmatch(r"[A-Z]{2,6}", term):
        return "acronym"
    words = term.split()
    if words and words[-1].lower().removesuffix("s") in _JOB_WORDS:
        return "job title"
    parts = [p for p in re.split(r"[\s\-/]+", term) if p and p.lower() not in _SMALL_WORDS]
    if term[:1].isupper() and sum(p[:1].isupper() for p in parts) >= 2:
        return "name"
    return None


@dataclass(frozen=True)
class DeadRow:
    term: str
    replacement: str
    path: str
    line: Location  # a line, or a workbook cell


@dataclass(frozen=True)
class Candidate:
    term: str
    kind: str | None  # term_kind's: never None for a listed candidate, which was picked for having one
    source: str  # why it is listed: 'only <parent> maps it', 'mapped by <counties>', 'nobody maps it'
    occurrences: int
    example: str


@dataclass
class CoverageReport:
    slug: str
    modules: list[str]
    dead: list[DeadRow] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Tally:
    """Occurrences of words in module text, with the first sentence each was seen in."""

    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, word: str, text: str, start: int, end: int) -> None:
        self.counts[word] = self.counts.get(word, 0) + 1
        if word not in self.examples:
            self.examples[word] = example_sentence(text, start, end)


def coverage(library: Library, slug: str, module_ids: Sequence[str] = ()) -> CoverageReport:
    overlay = library.overlay(slug)
    modules = [library.module(m) for m in dict.fromkeys(module_ids)] or \
        [library.modules[m] for m in sorted(library.modules)]
    own = {term.key for term in overlay.layer.terms}
    mapped = {term.term.lower() for term in overlay.terms}
    inherited = {t.term: next(link.slug for link in overlay.chain[1:] if any(x.key == t.key for x in link.terms))
                 for t in overlay.terms if t.key not in own and term_kind(t.term)}
    others: dict[str, list[str]] = {}
    for layer in library.layers.values():
        if layer not in overlay.chain:
            for term in layer.terms:
                if term.term.lower() not in mapped and term_kind(term.term):
                    others.setdefault(term.term, []).append(layer.slug)
    everyone = {term.term for layer in library.layers.values() for term in layer.terms}
    county, elsewhere, acronyms = _scan(modules, overlay.terms, tuple(Term(t, "") for t in others))
    report = CoverageReport(slug, [m.id for m in modules])
    report.dead = [DeadRow(t.term, t.replacement, display_path(t.path), t.line)
                   for t in overlay.layer.terms if not county.counts.get(t.term)]
    candidates = [Candidate(t, term_kind(t), f"only {parent} maps it", county.counts[t], county.examples[t])
                  for t, parent in inherited.items() if county.counts.get(t)]
    candidates += [Candidate(t, term_kind(t), f"mapped by {', '.join(sorted(slugs))}", elsewhere.counts[t],
                             elsewhere.examples[t]) for t, slugs in others.items() if elsewhere.counts.get(t)]
    candidates += [Candidate(a, "acronym", "nobody maps it", n, acronyms.examples[a])
                   for a, n in acronyms.counts.items() if n >= MIN_ACRONYM_COUNT and a not in everyone]
    report.candidates = sorted(candidates, key=lambda c: (-c.occurrences, c.term))
    return report


def _scan(modules: list[Module], county_terms: Sequence[Term],
          other_terms: Sequence[Term]) -> tuple[_Tally, _Tally, _Tally]:
    """One pass over every text block of the modules: the county's terms, the others', acronyms."""
    county, elsewhere, acronyms = _Tally(), _Tally(), _Tally()
    matchers = ((Matcher(county_terms), county), (Matcher(other_terms), elsewhere))
    for module in modules:
        for path in module.documents:
            for block in document_blocks(path):
                text = block.text
                if not text.strip() or "{{ck:" in text:
                    continue
                for matcher, tally in matchers:
                    kept: list[Kept] = []  # a term found where the text already reads as its expansion
                    places: list[Match | Kept] = [*matcher.scan(text, kept=kept)[0], *kept]
                    for place in places:
                        tally.add(place.term.term, text, place.start, place.end)
                for found in _ACRONYM.finditer(text):
                    acronyms.add(found.group(), text, found.start(), found.end())
    return county, elsewhere, acronyms


def example_sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding [start, end), cut to about one line around it."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    right = after.start() + 1 if after else len(text)
    sentence = " ".join(text[left:right].split())
    if len(sentence) <= _WIDTH:
        return sentence
    word = " ".join(text[start:end].split())
    middle = sentence.find(word)
    begin = max(0, min(middle - (_WIDTH - len(word)) // 2, len(sentence) - _WIDTH))
    finish = begin + _WIDTH
    clip = sentence[begin:finish]
    if begin:  # never show part of a word at either edge
        clip = clip.split(" ", 1)[-1]
    if finish < len(sentence):
        clip = clip.rsplit(" ", 1)[0]
    return ("…" if begin else "") + clip + ("…" if finish < len(sentence) else "")
