"""Find every term of a terminology list in plain text, in one pass, with near misses.

Semantics (pinned by tests): whole words only (the characters around a match are not
``str.isalnum``); a term with a capital letter matches exactly, an all-lowercase ``auto``
term matches any case and passes the case on; all terms at once, leftmost first and the
longest at one position; a match never crosses a barrier offset. Places where a term
almost matched are returned as near misses, so nothing is missed silently.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Protocol

# The terms as a tree of letters: "" marks the end of a term.
_Trie = dict[str, "_Trie"]


class TermRule(Protocol):
    """What the engine needs of a terminology row; the formats layer's ``Term`` is one.

    Defined here so that the engine depends on nothing above it: callers pass any object
    with these attributes (hashable, as term lists are cached per build).
    """

    @property
    def term(self) -> str: ...

    @property
    def replacement(self) -> str: ...

    @property
    def ignore_case(self) -> bool: ...

# Read as spaces when seeking terms, so that a term split by one is found, as a near miss:
# tab, line break, and the no-break spaces (U+00A0, U+2007 figure, U+202F narrow) that text
# pasted from the web or typed with Ctrl+Shift+Space holds.
_SPACERS = {"\t": "a tab", "\n": "a line break", "\u00a0": "a no-break space", "\u2007": "a no-break space",
            "\u202f": "a no-break space"}
_COLLAPSE = str.maketrans({c: " " for c in _SPACERS})


class Match(NamedTuple):  # a tuple: a long document has thousands, made in the hot loop
    start: int
    end: int
    term: TermRule
    replacement: str


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    term: TermRule
    reason: str


def fold_case(text: str) -> str:
    """Lowercase that keeps every character at its offset ('İ'.lower() has two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def carry_case(matched: str, replacement: str) -> str:
    """ALL CAPS text gives an all-caps replacement, Capitalised text a capitalised one."""
    if matched.islower():  # the common case: no capital anywhere, the replacement as written
        return replacement
    letters = [c for c in matched if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return replacement.upper()
    if matched[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_MAX_NESTING = 100  # Python's regex parser recurses once per group: stay well inside its limit


class _TooDeep(Exception):
    pass


def _trie_pattern(needles: list[str]) -> str:
    """A regex alternation shaped as a trie, longest branch first, so the regex engine
    finds every term at a position in one C-level step instead of one pass per term.

    Runs of letters with one way on are written as one literal, so nesting grows only where
    terms branch or end. A list nested deeper than Python's regex parser takes (hundreds of
    terms each extending the last) becomes a flat alternation, longest first: the same
    matches, found more slowly.
    """
    trie: _Trie = {}
    for needle in needles:
        node = trie
        for char in needle:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie, depth: int) -> str:
        if depth > _MAX_NESTING:
            raise _TooDeep
        branches = []
        for char, child in sorted(node.items()):
            if not char:
                continue
            run = [char]
            while len(child) == 1 and "" not in child:
                (char, child), = child.items()
                run.append(char)
            branches.append(re.escape("".join(run)) + emit(child, depth + 1))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body
    try:
        return emit(trie, 0)
    except _TooDeep:
        return "|".join(re.escape(needle) for needle in sorted(needles, key=len, reverse=True))


class Matcher:
    """Terms prepared once, then applied to any number of texts."""

    def __init__(self, terms: Sequence[TermRule]):
        self.terms = tuple(terms)
        self._by_needle: dict[str, list[TermRule]] = {}
        for term in self.terms:  # exact-case terms first: they win when the text agrees
            self._by_needle.setdefault(fold_case(term.term).translate(_COLLAPSE), []).append(term)
        for candidates in self._by_needle.values():
            candidates.sort(key=lambda t: t.ignore_case)
        self._cases = {n: [(t, t.ignore_case) for t in terms] for n, terms in self._by_needle.items()}
        needles = sorted(self._by_needle)
        known = set(needles)  # for each term, the other terms that start it, longest first
        self._shorter = {n: [n[:k] for k in range(len(n) - 1, 0, -1) if n[:k] in known] for n in needles}
        # A match starts where the previous character is not a letter or digit (str.isalnum,
        # which is what [^\W_] is). Matching that character rather than looking behind lets
        # the regex engine skip ahead to the next such character in C: 1.4x faster.
        self._search = re.compile(r"[\W_](" + _trie_pattern(needles) + ")").search if needles else None

    def scan(self, text: str, barriers: Sequence[int] = (),
             barrier_kinds: dict[int, str] | None = None) -> tuple[list[Match], list[NearMiss]]:
        """Matches (non-overlapping, in order) and near misses of every term in ``text``.

        ``barriers`` are sorted offsets that a match may start or end at but never cross.
        Terms are sought in the case-folded text with tabs and line breaks read as spaces,
        so the same search also finds the near misses.
        """
        matches: list[Match] = []
        misses: list[NearMiss] = []
        if self._search is None:
            return matches, misses
        kinds = barrier_kinds or {}
        # one character before the text, so that offsets in `collapsed` are those of the
        # character before, and a term at offset 0 has a non-letter in front of it too
        collapsed = "\x00" + fold_case(text).translate(_COLLAPSE)
        position = 0
        while True:
            found = self._search(collapsed, position)
            if found is None:
                break
            start, longest = found.start(), found.group(1)
            match = None
            for needle in (longest, *self._shorter[longest]):
                if needle is not longest and not collapsed.startswith(needle, start + 1):
                    continue
                match = self._judge(text, start, start + len(needle), needle, barriers, kinds, misses)
                if match is not None:
                    break
            if match is not None:
                matches.append(match)
                position = match.end
            else:
                position = start + 1
        return matches, _outside(misses, matches)

    def replace(self, text: str) -> str:
        """``text`` with every match replaced (for short texts outside documents: titles)."""
        matches, _ = self.scan(text)
        return splice(text, matches)

    def _judge(self, text: str, start: int, end: int, needle: str, barriers: Sequence[int],
               kinds: dict[int, str], misses: list[NearMiss]) -> Match | None:
        """The match of ``needle`` at ``start``, or None after noting why it is a near miss."""
        candidates = self._by_needle[needle]
        original = text[start:end]
        if end < len(text) and text[end].isalnum():
            misses.append(NearMiss(start, end, candidates[0],
                                   f"followed by '{text[end]}' (a longer word such as a plural)"))
            return None
        if not original.isprintable():  # these spacers are not; checked only then (hot path)
            typed = candidates[0].term  # a term may hold a no-break space itself
            spacer = next((c for c, t in zip(original, typed) if c in _SPACERS and c != t), None)
            if spacer is not None:
                misses.append(NearMiss(start, end, candidates[0], f"split by {_SPACERS[spacer]}"))
                return None
        index = bisect_right(barriers, start)
        if index < len(barriers) and barriers[index] < end:
            misses.append(NearMiss(start, end, candidates[0],
                                   f"split by {kinds.get(barriers[index], 'other content')}"))
            return None
        for term, ignore_case in self._cases[needle]:
            if ignore_case:
                return Match(start, end, term, carry_case(original, term.replacement))
            if original == term.term:
                return Match(start, end, term, term.replacement)
        misses.append(NearMiss(start, end, candidates[0], f"differs in case ('{original}')"))
        return None


@lru_cache(maxsize=32)
def compiled_matcher(terms: tuple[TermRule, ...]) -> Matcher:
    """One Matcher per term list: a build adapts many documents with the same terms."""
    return Matcher(terms)


def splice(text: str, matches: Sequence[Match], base: int = 0) -> str:
    """``text`` (starting at offset ``base``) with ``matches`` replaced."""
    pieces, position = [], 0
    for match in matches:
        pieces += [text[position:match.start - base], match.replacement]
        position = match.end - base
    return "".join(pieces) + text[position:]


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
