"""Deflating changed parts: standard raw deflate, the same bytes every time."""

from __future__ import annotations

import random
import zlib

import pytest

from curriculum_kit.ooxml.zipio import deflate


@pytest.mark.parametrize("size", [0, 1, 5_000, (1 << 20) - 1, 3 << 20])
def test_deflate_reads_back_with_plain_zlib_and_is_deterministic(size):
    rng = random.Random(size)
    words = [b"<w:t>", b"Child Welfare Services", b"</w:t>", b" ", b"CalWORKs",
             bytes(rng.randrange(256) for _ in range(8))]
    data = b"".join(rng.choice(words) for _ in range(size // 8 + 1))[:size]
    raw = deflate(data)
    assert zlib.decompress(raw, -15) == data  # a large part is two halves that read as one stream
    assert deflate(data) == raw
    assert len(raw) <= len(zlib.compress(data, 6)) + 64  # as small as zlib's own level 6
