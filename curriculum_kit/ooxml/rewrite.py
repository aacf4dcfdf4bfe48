"""Write matches back into the text nodes of a part, keeping every run's formatting.

The replacement goes into the node that holds the first matched character, so it takes
that run's properties; the other nodes a match touched lose only the matched characters;
nothing outside a match changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from lxml import etree

from .matcher import Match
from .names import XML_SPACE
from .textview import PartText, node_text, set_node_text

# What one written text node held before: (node, attribute or None, its text, its xml:space)
Undo = list[tuple[etree._Element, "str | None", "str | None", "str | None"]]

_TO_THE_END = 1 << 62  # an edit that cuts a node's text from its start offset to its end


def apply(part: PartText, matches: Sequence[Match], before: Undo | None = None) -> None:
    """Apply matches (sorted, non-overlapping, offsets into ``part.text``) to the XML; with
    ``before``, note there what each node held before it is written (for :func:`undo`,
    which then puts back what was written even when writing stopped halfway).

    Edits are gathered per text node first, so a node is read and written once however
    many matches touch it (a dense guide makes ten thousand).
    """
    starts = part.seg_starts
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for match in matches:
        first = bisect_right(starts, match.start) - 1
        last = bisect_right(starts, match.end - 1, first) - 1
        offset = starts[first]
        if first == last:
            edits.setdefault(first, []).append((match.start - offset, match.end - offset, match.replacement))
            continue
        edits.setdefault(first, []).append((match.start - offset, _TO_THE_END, match.replacement))
        for index in range(first + 1, last):
            edits.setdefault(index, []).append((0, _TO_THE_END, ""))
        edits.setdefault(last, []).append((0, match.end - starts[last], ""))
    nodes, attributes = part.seg_nodes, part.seg_attrs
    for index, cuts in edits.items():
        node, attribute = nodes[index], attributes.get(index)
        if before is not None:
            before.append((node, attribute, node.get(attribute) if attribute is not None else node.text,
                           node.get(XML_SPACE) if attribute is None else None))
        text = node_text(node, attribute)
        pieces: list[str] = []
        position = 0
        for start, end, inserted in cuts:
            pieces += (text[position:start], inserted)
            position = end
        pieces.append(text[position:])
        set_node_text(node, attribute, "".join(pieces))


def undo(before: Undo) -> None:
    """Put back what :func:`apply` changed: the part's tree is again what it was."""
    for node, attribute, text, space in reversed(before):
        if attribute is not None:
            node.set(attribute, text or "")
            continue
        node.text = text
        if space is None:
            node.attrib.pop(XML_SPACE, "")
        else:
            node.set(XML_SPACE, space)
