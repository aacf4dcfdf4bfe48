"""Find every term of a terminology list in plain text, in one pass, with near misses.

Semantics (pinned by tests): whole words only (the characters around a match are not
``str.isalnum``, a superscript digit after it excepted); a term with a capital letter
matches exactly, an all-lowercase ``auto`` term matches any case and passes the case on;
all terms at once, leftmost first and the longest at one position; a match never crosses a
barrier offset. Places where a term
almost matched are returned as near misses, so nothing is missed silently.

A row whose replacement holds its own term is an *expansion* ('CCR' -> 'Continuum of Care
Reform (CCR)'). Its replacement is sought like a term, and where the text already reads so
(under the row's case rule) the place is kept as it is: text is never doubled, and adapting
an adapted document changes nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple, Protocol

from .needles import LONG_LIST, finder
from .trie import UNSPACED


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
# Characters as Word types them, sought as those a terminology row holds (and the other way
# round): apostrophes (’, and ‘ where AutoCorrect guessed wrong: "children’s" is "children's")
# and the non-breaking hyphen (Ctrl+Shift+-).
_TYPED = {"\u2019": "'", "\u2018": "'", "\u2011": "-"}
AS_TYPED = str.maketrans(_TYPED)  # for any reader comparing text with a term list's (preflight's doubles)
_COLLAPSE = str.maketrans({**{c: " " for c in _SPACERS}, **_TYPED})
_SOFT_HYPHEN = "\u00ad"
# A character right before or after a match that may make it part of an address or a file
# name (checked further only then: most matches sit between spaces and punctuation).
_ADDRESS_EDGES = "/\\_@.:"
_DOT_LETTER = re.compile(r"\.[^\W_]")  # a domain's or a file extension's dot
_SPACE = re.compile(r"[\s\x00]")
_ADDRESS_REACH = 300  # characters looked at each side of a match for the rest of its address


class Match(NamedTuple):  # a tuple: a long document has thousands, made in the hot loop
    start: int
    end: int
    term: TermRule
    replacement: str


class Kept(NamedTuple):
    """A place that already reads as the replacement of an expanding row: left alone."""
    start: int
    end: int
    term: TermRule


class NearMiss(NamedTuple):  # tuples, not dataclasses: a class statement is cheaper at start-up
    start: int
    end: int
    term: TermRule
    reason: str


def _unspaced(char: str) -> bool:
    """Whether ``char`` is of a script written without spaces between words (see trie.py)."""
    code = ord(char)
    return code >= 0x3040 and any(low <= code <= high for low, high in UNSPACED)


def _joined(last: str, next_char: str) -> bool:
    """Whether a match ending in ``last`` runs on into ``next_char`` as one word: both are
    letters or digits and neither is of a script written without spaces ('研修の' holds
    '研修', as 'CWSの' holds 'CWS'), nor a superscript or subscript digit ('CWS¹' holds 'CWS'
    and a footnote's mark, as a reader sees it)."""
    return (next_char.isalnum() and last.isalnum() and not (_unspaced(next_char) or _unspaced(last))
            and not (next_char.isdigit() and not next_char.isdecimal()))


def _same(text: str, term: str) -> bool:
    """Equal, an apostrophe or hyphen as Word types it being the one a term list holds."""
    return text == term or text.translate(AS_TYPED) == term.translate(AS_TYPED)


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a web or e-mail address, a file name or an
    identifier ('www.cdss.ca.gov/CalWORKs', 'CalWORKs@alder.ca.gov', 'child_welfare.pdf'):
    rewriting it there breaks the address, which no reader would want. 'CWS/CalWORKs' is
    prose: a slash alone makes no address."""
    before, after = text[start - 1:start], text[end:end + 1]
    if "_" in (before, after) or "\\" in (before, after) or before == "@":
        return True
    if (after == "." and text[end + 1:end + 2].isalnum()) or (before == "." and text[start - 2:start - 1].isalnum()):
        return True
    left = max(start - _ADDRESS_REACH, 0)
    if "/" not in (before, after):  # a sentence's full stop after a match, most often: nothing near
        near = text[left:end + _ADDRESS_REACH]
        if "://" not in near and "@" not in near and "www." not in near.lower():
            return False
    # the run of text without spaces around the match
    for space in _SPACE.finditer(text, left, start):
        left = space.end()
    found = _SPACE.search(text, end, end + _ADDRESS_REACH)
    token = text[left:found.start() if found else end + _ADDRESS_REACH]
    if "://" in token or token.lower().startswith("www.") or ("@" in token and _DOT_LETTER.search(token, token.index("@"))):
        return True
    return "/" in (before, after) and _DOT_LETTER.search(token) is not None


def fold_case(text: str) -> str:
    """Lowercase that keeps every character at its offset ('İ'.lower() has two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def carry_case(matched: str, replacement: str) -> str:
    """ALL CAPS text gives an all-caps replacement, Title Case text (two words or more, each
    capitalised: a slide title, a heading) a title-cased one, Capitalised text a capitalised one."""
    if matched.islower():  # the common case: no capital anywhere, the replacement as written
        return replacement
    letters = [c for c in matched if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return replacement.upper()
    if " " in matched and all(word[:1].isupper() for word in matched.split()):
        return _title_case(replacement)
    if matched[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# Words a title leaves in lower case, but for its first word (AP and Chicago style alike).
_MINOR_WORDS = frozenset("a an and as at but by for from in into nor of on or per the to via vs with".split())


def _title_case(text: str) -> str:
    """Each word's first letter capitalised but the minor words', the rest as written
    ('children's social worker' -> "Children's Social Worker", 'DCFS liaison' -> 'DCFS Liaison')."""
    words = text.split(" ")
    return " ".join(word[:1].upper() + word[1:] if index == 0 or word not in _MINOR_WORDS else word
                    for index, word in enumerate(words))


class Matcher:
    """Terms prepared once, then applied to any number of texts."""

    def __init__(self, terms: Sequence[TermRule], long_list: int = LONG_LIST):
        """``long_list``: from this many needles on, they are found by their first words
        (see needles.py; a parameter so that tests can compare the two ways)."""
        self.terms = tuple(terms)
        self._by_needle: dict[str, list[TermRule]] = {}
        self._expansions: dict[str, list[TermRule]] = {}  # an expansion's replacement, sought as a needle
        self._cases: dict[str, list[tuple[TermRule, bool]]] = {}  # exact-case terms first: they win
        for term in self.terms:  # when the text agrees
            ignore_case = term.ignore_case
            needle = fold_case(term.term).translate(_COLLAPSE)
            self._by_needle.setdefault(needle, []).append(term)
            self._cases.setdefault(needle, []).append((term, ignore_case))
            if _holds_own_term(term, ignore_case):
                self._expansions.setdefault(fold_case(term.replacement).translate(_COLLAPSE), []).append(term)
        for needle, cases in self._cases.items():
            if len(cases) > 1:
                cases.sort(key=lambda case: case[1])
                self._by_needle[needle] = [term for term, _ in cases]
        needles = sorted(self._by_needle.keys() | self._expansions.keys())
        # A match starts where the previous character is not a letter or digit (str.isalnum,
        # which is what [^\W_] is). Matching that character rather than looking behind lets
        # the regex engine skip ahead to the next such character in C: 1.4x faster.
        self._finder = finder(needles, long_list) if needles else None

    def scan(self, text: str, barriers: Sequence[int] = (), barrier_kinds: dict[int, str] | None = None,
             kept: list[Kept] | None = None) -> tuple[list[Match], list[NearMiss]]:
        """Matches (non-overlapping, in order) and near misses of every term in ``text``.

        ``barriers`` are sorted offsets that a match may start or end at but never cross.
        Terms are sought in the case-folded text with tabs and line breaks read as spaces,
        so the same search also finds the near misses. Places already reading as an
        expansion's replacement are skipped, and listed in ``kept`` when it is given.
        """
        matches: list[Match] = []
        misses: list[NearMiss] = []
        if self._finder is None:
            return matches, misses
        search, candidates = self._finder.search, self._finder.candidates
        kinds = barrier_kinds or {}
        expansions = self._expansions
        # one character before the text, so that offsets in `collapsed` are those of the
        # character before, and a term at offset 0 has a non-letter in front of it too
        collapsed = "\x00" + fold_case(text).translate(_COLLAPSE)
        position = 0
        while True:
            found = search(collapsed, position)
            if found is None:
                break
            start = found.start()
            match = None
            for needle in candidates(collapsed, found):  # the needles matching here, longest first
                if needle in expansions:
                    end = start + len(needle)
                    term = self._already_adapted(text, start, end, expansions[needle])
                    if term is not None:
                        if kept is not None:
                            kept.append(Kept(start, end, term))
                        position = end
                        break
                if needle in self._by_needle:
                    match = self._judge(text, start, start + len(needle), needle, barriers, kinds, misses)
                    if match is not None:
                        break
            else:
                position = start + 1
            if match is not None:
                matches.append(match)
                position = match.end
        if _SOFT_HYPHEN in text:
            misses.extend(self._across_soft_hyphens(text))
        return matches, _outside(misses, matches)

    def _across_soft_hyphens(self, text: str) -> list[NearMiss]:
        """Terms that an invisible optional hyphen (U+00AD, pasted from the web or a PDF)
        splits ('Cal\u00adWORKs'): near misses, so that a reader's 'CalWORKs' is not missed
        silently."""
        offsets = [index for index, char in enumerate(text) if char != _SOFT_HYPHEN]
        found, _ = self.scan("".join(text[index] for index in offsets))
        return [NearMiss(offsets[m.start], offsets[m.end - 1] + 1, m.term, "split by an optional hyphen")
                for m in found if _SOFT_HYPHEN in text[offsets[m.start]:offsets[m.end - 1]]]

    @staticmethod
    def _already_adapted(text: str, start: int, end: int, rows: list[TermRule]) -> TermRule | None:
        """The expanding row whose replacement ``text[start:end]`` already reads as, if any."""
        original = text[start:end]
        if end < len(text) and _joined(original[-1:], text[end]):
            return None  # the start of a longer word: its term inside matches no more than here
        read = original.translate(_COLLAPSE)  # as a reader reads it: 'CalWORKs⏎(Welfare-to-Work)' too
        for term in rows:
            replacement = term.replacement.translate(_COLLAPSE)
            if read == replacement or (term.ignore_case and fold_case(read) == fold_case(replacement)):
                return term
        return None

    def replace(self, text: str) -> str:
        """``text`` with every match replaced (for short texts outside documents: titles)."""
        matches, _ = self.scan(text)
        return splice(text, matches)

    def _judge(self, text: str, start: int, end: int, needle: str, barriers: Sequence[int], kinds: dict[int, str],
               misses: list[NearMiss]) -> Match | None:
        """The match of ``needle`` at ``start``, or None after noting why it is a near miss."""
        candidates = self._by_needle[needle]
        original = text[start:end]
        following = text[end] if end < len(text) else " "
        if following.isalnum() and _joined(original[-1], following):  # (most matches end at a space)
            if any(ignore_case or _same(original, term.term) for term, ignore_case in self._cases[needle]):
                misses.append(NearMiss(start, end, candidates[0],
                                       f"followed by '{text[end]}' (a longer word such as a plural)"))
            return None  # (an exact-case 'ER' in 'Error' is another word, not a near miss)
        if (following in _ADDRESS_EDGES or (start and text[start - 1] in _ADDRESS_EDGES)) and _in_address(text, start, end):
            misses.append(NearMiss(start, end, candidates[0], "inside a web or e-mail address or a file name"))
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
            if _same(original, term.term):
                return Match(start, end, term, term.replacement)
        misses.append(NearMiss(start, end, candidates[0], f"differs in case ('{original}')"))
        return None


def _holds_own_term(term: TermRule, ignore_case: bool | None = None) -> bool:
    """Whether the row's replacement contains its own term as a whole word, under its case rule."""
    if ignore_case is None:
        ignore_case = term.ignore_case
    needle = term.term.lower() if ignore_case else term.term
    haystack = term.replacement.lower() if ignore_case else term.replacement
    if len(haystack) != len(term.replacement):
        haystack = fold_case(term.replacement)
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        before, after = haystack[start - 1:start], haystack[end:end + 1]
        if not (before.isalnum() and not (_unspaced(before) or _unspaced(needle[0]))) \
                and not (after and _joined(needle[-1], after)):
            return True
        start = haystack.find(needle, start + 1)
    return False


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
