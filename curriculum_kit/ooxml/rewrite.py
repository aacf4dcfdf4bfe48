"""Work out the new text of every text node a part's matches touch, keeping every run's
formatting; then write it into the tree (or, faster, into the part's bytes: patch.py).

The replacement goes into the node that holds the first matched character, so it takes
that run's properties; the other nodes a match touched lose only the matched characters;
nothing outside a match changes.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from .matcher import Match
from .textview import PartText, node_text, set_node_text


def new_texts(part: PartText, matches: Sequence[Match]) -> dict[int, str]:
    """Text node index -> its new text, for matches (sorted, non-overlapping, offsets into
    ``part.text``)."""
    starts, nodes, attributes = part.seg_starts, part.seg_nodes, part.seg_attrs
    texts: dict[int, str] = {}
    for match in reversed(matches):  # right to left: earlier offsets stay valid
        first = bisect_right(starts, match.start) - 1
        last = bisect_right(starts, match.end - 1, first) - 1
        for index in range(last, first - 1, -1):
            text = texts.get(index)
            if text is None:
                text = node_text(nodes[index], attributes.get(index))
            offset = starts[index]
            cut_to = match.end - offset
            if index == first:
                texts[index] = text[:match.start - offset] + match.replacement + text[cut_to:]
            else:  # the node starts inside the match
                texts[index] = text[cut_to:]
    return texts


def apply(part: PartText, texts: dict[int, str]) -> None:
    """Write new texts into the part's tree."""
    for index, text in texts.items():
        set_node_text(part.seg_nodes[index], part.seg_attrs.get(index), text)
