"""One regular expression for a whole term list, shaped as a trie and compiled fast.

A regex alternation shaped as a trie (longest branch first) lets the regex engine find every
term at a position in one C-level step instead of one pass per term. Runs of characters with
one way on are written as one literal, so nesting grows only where terms branch or end.

Compiling is the cost that grows with the list: Python's regex parser reads a pattern one
character at a time in Python (about 30 ms for 2,000 terms, most of preparing them). The
trie is therefore also handed to the regex compiler as the parse tree the parser would
have built from its text — the same tree, so the same compiled code (tests compare the
two) — and the text is parsed only where that is not possible (another Python's internals,
a list nested too deep).
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Any, NamedTuple

_MAX_NESTING = 100  # Python's regex parser recurses once per group: stay well inside its limit
# Scripts written without spaces between words: Japanese kana, Chinese characters (and Japanese
# kanji), Korean syllables (Korean puts spaces between phrases, its particles join the noun
# before them). A needle is sought right after one of their characters, as after a space.
UNSPACED = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF),
            (0xFF66, 0xFF9F), (0x20000, 0x2FFFF))
BEFORE = "[\\W_" + "".join(f"{chr(low)}-{chr(high)}" for low, high in UNSPACED) + "]"  # what a needle follows


class _Node(NamedTuple):
    prefix: str  # the literal run every needle below shares
    ends: bool  # a needle ends after the prefix
    branches: list[_Node]  # by next character, in order


class _TooDeep(Exception):
    pass


def _node(needles: list[str], start: int, depth: int) -> _Node:
    """The trie of ``needles`` (sorted, distinct, sharing their first ``start`` characters)."""
    if depth > _MAX_NESTING:
        raise _TooDeep
    first, last = needles[0], needles[-1]
    end = start
    while end < len(first) and end < len(last) and first[end] == last[end]:
        end += 1  # sorted: what the first and last share, all share
    ends = len(first) == end
    rest = needles[1:] if ends else needles
    branches = [_node(list(group), end, depth + 1) for _, group in groupby(rest, key=lambda n: n[end])]
    return _Node(first[start:end], ends, branches)


def _text(node: _Node) -> str:
    if not node.branches:
        return re.escape(node.prefix)
    inner = [_text(branch) for branch in node.branches]
    body = inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")"
    return re.escape(node.prefix) + (f"(?:{body})?" if node.ends else body)


def trie_pattern(needles: list[str]) -> str:
    """The alternation of ``needles`` as regex text. A list nested deeper than Python's regex
    parser takes (hundreds of terms each extending the last) becomes a flat alternation,
    longest first: the same matches, found more slowly."""
    try:
        return _text(_node(sorted(set(needles)), 0, 0))
    except _TooDeep:
        return "|".join(re.escape(needle) for needle in sorted(needles, key=len, reverse=True))


def compile_words(needles: list[str]) -> re.Pattern[str]:
    """``BEFORE(needles)``: any needle right after a character that is not a letter or digit,
    or is one of a script written without spaces (group 1 is the needle). Non-empty ``needles``."""
    try:
        return _compile_tree(_node(sorted(set(needles)), 0, 0))
    except Exception:  # nested too deep, or another Python's parser internals: parse the text
        return re.compile(BEFORE + "(" + trie_pattern(needles) + ")")


def _compile_tree(root: _Node) -> re.Pattern[str]:
    """Compile the parse tree Python's parser builds for ``BEFORE(<trie text>)``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]
    from re._constants import (  # type: ignore[import-not-found]
        BRANCH,
        CATEGORY,
        CATEGORY_NOT_WORD,
        IN,
        LITERAL,
        MAX_REPEAT,
        NEGATE,
        RANGE,
        SUBPATTERN,
    )

    state = _parser.State()
    state.flags = int(re.UNICODE)  # what the parser adds for a str pattern (an int: enum arithmetic is slow)

    def sub(data: list[Any]) -> Any:
        return _parser.SubPattern(state, data)

    def alternation(items: list[Any]) -> Any:
        """What the parser makes of 'a|b|c' (trie branches never share a first item)."""
        if len(items) == 1:
            return items[0]
        chars: list[Any] = []
        for item in items:
            if len(item) != 1:
                break
            op, av = item[0]
            if op is LITERAL:
                chars.append((op, av))
            elif op is IN and av[0][0] is not NEGATE:
                chars.extend(av)
            else:
                break
        else:
            return sub([(IN, list(dict.fromkeys(chars)))])
        return sub([(BRANCH, (None, items))])

    def sequence(node: _Node) -> list[Any]:
        data: list[Any] = [(LITERAL, ord(char)) for char in node.prefix]
        if not node.branches:
            return data
        inner = [sequence(branch) for branch in node.branches]
        if len(inner) == 1:
            body = inner[0]
        else:
            body = [(SUBPATTERN, (None, 0, 0, alternation([sub(items) for items in inner])))]
        return data + ([(MAX_REPEAT, (0, 1, sub(body)))] if node.ends else body)

    group = state.opengroup()
    inner = sub(sequence(root))
    state.closegroup(group, inner)
    before = [(CATEGORY, CATEGORY_NOT_WORD), (LITERAL, ord("_")), *((RANGE, span) for span in UNSPACED)]
    tree = sub([(IN, before), (SUBPATTERN, (group, 0, 0, inner))])
    return _compiler.compile(tree)  # type: ignore[no-any-return]
