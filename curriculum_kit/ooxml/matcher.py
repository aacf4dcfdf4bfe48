"""Find every term of a terminology list in plain text, in one pass, with near misses.

Semantics (pinned by tests): whole words only (the characters around a match are not
``str.isalnum``); a term with a capital letter matches exactly, an all-lowercase ``auto``
term matches any case and passes the case on; all terms at once, leftmost first and the
longest at one position; a match never crosses a barrier offset. Places where a term
almost matched are returned as near misses, so nothing is missed silently.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from ..formats.terms import Term

_COLLAPSE = str.maketrans("\t\n", "  ")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term
    replacement: str


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    term: Term
    reason: str


def fold_case(text: str) -> str:
    """Lowercase that keeps every character at its offset ('İ'.lower() has two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def carry_case(matched: str, replacement: str) -> str:
    """ALL CAPS text gives an all-caps replacement, Capitalised text a capitalised one."""
    letters = [c for c in matched if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return replacement.upper()
    if matched[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _occurrences(haystack: str, needle: str):
    start = haystack.find(needle)
    while start != -1:
        yield start
        start = haystack.find(needle, start + 1)


class Matcher:
    """Terms prepared once, then applied to any number of texts."""

    def __init__(self, terms: Sequence[Term]):
        self.terms = tuple(terms)
        self._exact = [(t, t.term) for t in self.terms if not t.ignore_case]
        self._folded = [(t, t.term) for t in self.terms if t.ignore_case]

    def scan(self, text: str, barriers: Sequence[int] = (),
             barrier_kinds: dict[int, str] | None = None) -> tuple[list[Match], list[NearMiss]]:
        """Matches (non-overlapping, in order) and near misses of every term in ``text``.

        ``barriers`` are sorted offsets that a match may start or end at but never cross.
        """
        barrier_kinds = barrier_kinds or {}
        folded = fold_case(text)
        candidates: list[tuple[int, int, Term]] = []
        misses: list[NearMiss] = []
        for haystack, terms in ((text, self._exact), (folded, self._folded)):
            for term, needle in terms:
                for start in _occurrences(haystack, needle):
                    end = start + len(needle)
                    problem = self._problem(text, start, end, barriers, barrier_kinds)
                    if problem is None:
                        candidates.append((start, end, term))
                    elif problem:
                        misses.append(NearMiss(start, end, term, problem))
        misses += self._split_by_whitespace(text, folded)
        misses += self._case_misses(text, folded)
        matches = _leftmost_longest(text, candidates)
        return matches, _outside(misses, matches)

    def replace(self, text: str) -> str:
        """``text`` with every match replaced (for short texts outside documents: titles)."""
        matches, _ = self.scan(text)
        return splice(text, matches)

    @staticmethod
    def _problem(text, start, end, barriers, kinds) -> str | None:
        """None for a match, a near-miss reason, or '' for an occurrence inside a word."""
        if start > 0 and text[start - 1].isalnum():
            return ""
        if end < len(text) and text[end].isalnum():
            return f"followed by '{text[end]}' (a longer word such as a plural)"
        index = bisect_right(barriers, start)
        if index < len(barriers) and barriers[index] < end:
            return f"split by {kinds.get(barriers[index], 'other content')}"
        return None

    def _split_by_whitespace(self, text: str, folded: str) -> list[NearMiss]:
        """Multi-word terms broken by a tab or a line break instead of a space."""
        if "\t" not in text and "\n" not in text:
            return []
        misses = []
        for source, terms in ((text, self._exact), (folded, self._folded)):
            collapsed = source.translate(_COLLAPSE)
            for term, needle in terms:
                if " " not in needle:
                    continue
                for start in _occurrences(collapsed, needle):
                    end = start + len(needle)
                    original = text[start:end]
                    if ("\t" in original or "\n" in original) and self._problem(text, start, end, (), {}) is None:
                        misses.append(NearMiss(start, end, term,
                                               f"split by {'a tab' if chr(9) in original else 'a line break'}"))
        return misses

    def _case_misses(self, text: str, folded: str) -> list[NearMiss]:
        """Exact-case terms written in another case ('CALWORKS' for 'CalWORKs')."""
        misses = []
        for term, needle in self._exact:
            for start in _occurrences(folded, fold_case(needle)):
                end = start + len(needle)
                if text[start:end] != needle and self._problem(text, start, end, (), {}) is None:
                    misses.append(NearMiss(start, end, term, f"differs in case ('{text[start:end]}')"))
        return misses


def splice(text: str, matches: Sequence[Match], base: int = 0) -> str:
    """``text`` (starting at offset ``base``) with ``matches`` replaced."""
    pieces, position = [], 0
    for match in matches:
        pieces += [text[position:match.start - base], match.replacement]
        position = match.end - base
    return "".join(pieces) + text[position:]


def _leftmost_longest(text: str, candidates: list[tuple[int, int, Term]]) -> list[Match]:
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    matches: list[Match] = []
    position = 0
    for start, end, term in candidates:
        if start >= position:
            replacement = carry_case(text[start:end], term.replacement) if term.ignore_case else term.replacement
            matches.append(Match(start, end, term, replacement))
            position = end
    return matches


def _outside(misses: list[NearMiss], matches: list[Match]) -> list[NearMiss]:
    """Near misses that no match covers, once each, in text order."""
    starts = [m.start for m in matches]
    kept: dict[tuple[int, int, str], NearMiss] = {}
    for miss in misses:
        index = max(bisect_right(starts, miss.start) - 1, 0)
        covered = False
        while index < len(matches) and matches[index].start < miss.end:
            covered = covered or matches[index].end > miss.start
            index += 1
        if not covered:
            kept.setdefault((miss.start, miss.end, miss.term.term), miss)
    return sorted(kept.values(), key=lambda m: (m.start, m.term.term))
