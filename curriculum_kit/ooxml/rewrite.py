"""Write matches back into the text nodes of a part, keeping every run's formatting.

The replacement goes into the node that holds the first matched character, so it takes
that run's properties; the other nodes a match touched lose only the matched characters;
nothing outside a match changes.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from .matcher import Match
from .textview import PartText, node_text, set_node_text


def apply(part: PartText, matches: Sequence[Match]) -> None:
    """Apply matches (sorted, non-overlapping, offsets into ``part.text``) to the XML."""
    starts = part.seg_starts
    for match in reversed(matches):  # right to left: earlier offsets stay valid
        first = bisect_right(starts, match.start) - 1
        last = bisect_right(starts, match.end - 1) - 1
        for index in range(last, first - 1, -1):
            node, attribute = part.seg_nodes[index], part.seg_attrs.get(index)
            offset = starts[index]
            text = node_text(node, attribute)
            cut_from = max(match.start - offset, 0)
            cut_to = min(match.end - offset, len(text))
            inserted = match.replacement if index == first else ""
            set_node_text(node, attribute, text[:cut_from] + inserted + text[cut_to:])
