"""Python's cycle collector paused while documents are read or rewritten.

Reading a part makes tens of thousands of short-lived objects without cycles (element
proxies, matches, text views); the collector ran ~80 times over them for a 300-page guide
(10 ms) finding nothing, and in a build's worker each of its full passes also walks the
python-docx and python-pptx trees held for the county (~14% of preflight's time).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
