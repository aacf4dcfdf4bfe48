"""Where a term list's needles start in a text, and which of them match there.

A needle is a term (or an expansion's replacement) as the matcher seeks it: case-folded,
spacers read as spaces. Both finders below give the same answers: the leftmost place,
after a character that is not a letter or digit, where a needle may start, and the needles
that match there, longest first.

- ``WholeList``: one trie-shaped regex of every needle. The regex engine finds the longest
  needle at the leftmost place in C; preparing it costs about 10 ms per 1,000 needles.
- ``FirstWords``: for a long list (a statewide, a region's and a county's glossary make
  thousands of rows), a regex of the needles' first words only — fewer, and shared by many
  terms — and a look-up of the needles that start with the word found. Preparing it costs a
  fraction; searching costs a little more, since a first word also occurs where its terms
  do not ("family" in "the family").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from .trie import compile_words, trie_pattern

LONG_LIST = 400  # needles; from here on, FirstWords prepares faster than it searches slower
_FEW = 16  # needles sharing a first word: compared one by one up to this many, else by a regex
_HEAD = re.compile(r"[^\W_]+|.", re.DOTALL)


class Finder(Protocol):
    search: Callable[[str, int], re.Match[str] | None]

    def candidates(self, text: str, found: re.Match[str]) -> list[str]: ...


class WholeList:
    """One trie of every needle: the regex finds the longest, its prefixes are the others."""

    def __init__(self, needles: list[str]):
        self._needles = set(needles)
        self._prefixes: dict[str, list[str]] = {}  # filled for the needles found: a long list has few
        self.search: Callable[[str, int], re.Match[str] | None] = compile_words(needles).search

    def candidates(self, text: str, found: re.Match[str]) -> list[str]:
        longest = found.group(1)
        known = self._prefixes.get(longest)
        if known is None:
            known = self._prefixes[longest] = [longest] + [
                longest[:k] for k in range(len(longest) - 1, 0, -1) if longest[:k] in self._needles]
        return known


class FirstWords:
    """A trie of the needles' first words, then the needles of the words found."""

    def __init__(self, needles: list[str]):
        self._by_head: dict[str, list[str]] = {}
        for needle in needles:
            head = _HEAD.match(needle)
            assert head is not None  # needles are never empty
            self._by_head.setdefault(head.group(), []).append(needle)
        for group in self._by_head.values():
            group.sort(key=len, reverse=True)
        self._heads: dict[str, list[str]] = {}  # a head found -> it and the heads that start it
        self._regexes: dict[str, Callable[[str, int], re.Match[str] | None]] = {}  # for big groups
        self.search: Callable[[str, int], re.Match[str] | None] = compile_words(list(self._by_head)).search

    def candidates(self, text: str, found: re.Match[str]) -> list[str]:
        head, start = found.group(1), found.start(1)
        heads = self._heads.get(head)
        if heads is None:
            heads = self._heads[head] = [head[:k] for k in range(len(head), 0, -1) if head[:k] in self._by_head]
        matching = [needle for each in heads for needle in self._matching(each, text, start)]
        if len(heads) > 1:
            matching.sort(key=len, reverse=True)
        return matching

    def _matching(self, head: str, text: str, start: int) -> list[str]:
        """The needles starting with ``head`` that match ``text`` at ``start``, longest first."""
        group = self._by_head[head]
        if len(group) <= _FEW:
            return [needle for needle in group if text.startswith(needle, start)]
        match = self._regexes.get(head)
        if match is None:
            match = self._regexes[head] = re.compile(trie_pattern(group)).match
        found = match(text, start)
        if found is None:
            return []
        longest = found.group()
        return [needle for needle in group if len(needle) <= len(longest) and longest.startswith(needle)]


def finder(needles: list[str], long_list: int = LONG_LIST) -> Finder:
    """The finder that prepares and searches fastest for this many needles."""
    return FirstWords(needles) if len(needles) >= long_list else WholeList(needles)
