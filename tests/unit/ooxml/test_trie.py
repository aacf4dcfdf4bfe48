"""The term list's regex: the parse tree handed to the compiler is the one Python's parser
makes of the pattern's text, so the compiled code — and every match — is the same."""

from __future__ import annotations

import random
import re
from re import _compiler, _parser

import pytest

from curriculum_kit.ooxml import trie

WORDS = ["cws", "child welfare", "child welfare services", "(sw)", "sw", "c-d", "c", "é", "ß", "a.b", "x y z"]


def code_of(pattern: re.Pattern[str], needles: list[str]) -> list[int]:
    """The compiled code of what compile_words builds, captured as it is compiled."""
    captured = []
    real = _compiler.compile
    try:
        _compiler.compile = lambda tree, flags=0: captured.append(tree) or real(tree, flags)
        trie.compile_words(needles)
    finally:
        _compiler.compile = real
    return _compiler._code(captured[0], 0) if captured else []


@pytest.mark.parametrize("seed", range(5))
def test_the_tree_compiles_to_the_code_of_the_parsed_text(seed):
    rng = random.Random(seed)
    needles = sorted({rng.choice(WORDS) + rng.choice(["", " ", "s", " worker", "x"]) for _ in range(40)})
    text = trie.BEFORE + "(" + trie.trie_pattern(needles) + ")"
    assert code_of(trie.compile_words(needles), needles) == _compiler._code(_parser.parse(text, 0), 0)
    assert trie.compile_words(needles).flags == re.compile(text).flags
    sample = " " + " ".join(rng.choice(WORDS + ["s", "x", "worker", "研修"]) for _ in range(300))
    assert [m.span(1) for m in trie.compile_words(needles).finditer(sample)] == \
        [m.span(1) for m in re.compile(text).finditer(sample)]


def test_a_list_too_deep_for_the_parser_is_one_flat_alternation():
    deep = [" ".join(["ward"] * n) for n in range(1, 301)]
    assert trie.compile_words(deep).pattern == trie.BEFORE + "(" + trie.trie_pattern(deep) + ")"
    assert "(?:" not in trie.trie_pattern(deep)
