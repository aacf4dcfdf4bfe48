"""Write matches back into the text nodes of a part, keeping every run's formatting.

The replacement goes into the node that holds the first matched character, so it takes
that run's properties; the other nodes a match touched lose only the matched characters;
nothing outside a match changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .matcher import Match
from .textview import PartText, node_text, set_node_text


def apply(part: PartText, matches: Sequence[Match]) -> None:
    """Apply matches (sorted, non-overlapping, offsets into ``part.text``) to the XML."""
    starts, nodes, attributes = part.seg_starts, part.seg_nodes, part.seg_attrs
    for match in reversed(matches):  # right to left: earlier offsets stay valid
        first = bisect_right(starts, match.start) - 1
        last = bisect_right(starts, match.end - 1, first) - 1
        for index in range(last, first - 1, -1):
            node, attribute = nodes[index], attributes.get(index)
            offset = starts[index]
            text = node_text(node, attribute)
            kept = text[match.end - offset:]  # empty when the match runs on past this node
            if index == first:
                kept = text[:match.start - offset] + match.replacement + kept
            set_node_text(node, attribute, kept)
