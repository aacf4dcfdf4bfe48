"""Where county material goes in an academy module whose files carry no markers.

Academy modules arrive without ``{{ck:...}}`` markers, and a staff developer should not
have to edit the academy's files (again for every new version) to get a co-branded title
slide, a cover and the county's contacts, org chart and stories in. So each piece has a
default place that follows the documents' own structure, and ``[placement]`` in
module.toml can name another place, anchored to a slide title or a heading text — what
survives a new academy version, unlike a slide or page number::

    [placement]
    stories = { deck = "after-title: Time to Connect", guide = "after-heading: Segment 6" }

This module knows the syntax and how an anchor finds its place in a list of titles; it
opens no document (see :mod:`curriculum_kit.ooxml.outline` for reading titles).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..findings import Findings
from .markers import PLACEHOLDERS
from .sources import TomlDocument

DOCUMENTS = ("deck", "guide")
_RELATIONS = {"deck": ("after-title", "before-title"), "guide": ("after-heading", "before-heading")}
_ANCHOR = re.compile(r"\s*([a-z-]+)\s*:\s*(.*\S)\s*$", re.IGNORECASE)
# A deck's closing slide, and a guide's back matter, as their titles usually read.
CLOSING = re.compile(r"\b(clos(e|ing)|wrap[- ]?up|evaluations?|questions?|q\s*&\s*a|thank\s+you|"
                     r"next\s+steps|conclusions?|adjourn)\b", re.IGNORECASE)
BACK_MATTER = re.compile(r"^\s*(appendix|appendices|references|bibliography|works\s+cited|glossary|"
                         r"supplemental|resources\b|handouts\b|attachments?\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Anchor:
    """``after-title: Time to Connect``: place the material after the slide of that title."""

    relation: str  # after-title, before-title, after-heading, before-heading
    text: str

    @property
    def after(self) -> bool:
        return self.relation.startswith("after")

    def __str__(self) -> str:
        return f"{self.relation}: {self.text}"


# piece ('cobrand', 'contacts', 'orgchart', 'stories') -> document ('deck', 'guide') -> anchor
Placement = dict[str, dict[str, Anchor]]


def read_placement(doc: TomlDocument, findings: Findings) -> Placement:
    """The ``[placement]`` table of module.toml; mistakes go to ``findings``."""
    table = doc.data.get("placement", {})
    if not isinstance(table, dict):
        findings.error(doc.path, "'placement' must be a table ([placement])", doc.line_of("placement"))
        return {}
    placement: Placement = {}
    for piece, places in table.items():
        line = doc.line_of("placement", piece)
        if piece not in PLACEHOLDERS:
            findings.error(doc.path, f"[placement] '{piece}' is not county material (use "
                           f"{', '.join(PLACEHOLDERS)})", line)
            continue
        if not isinstance(places, dict) or not places:
            findings.error(doc.path, f"[placement] {piece} must be a table such as {{ deck = \"after-title: "
                           f"Agenda\", guide = \"before-heading: References\" }}", line)
            continue
        for document, value in places.items():
            anchor = _anchor(document, value)
            if isinstance(anchor, str):
                findings.error(doc.path, f"[placement] {piece}.{document}: {anchor}", line)
            else:
                placement.setdefault(piece, {})[document] = anchor
    return placement


def _anchor(document: str, value: object) -> Anchor | str:
    if document not in DOCUMENTS:
        return f"'{document}' is not a document of the module (use {' or '.join(DOCUMENTS)})"
    relations = _RELATIONS[document]
    match = _ANCHOR.match(value) if isinstance(value, str) else None
    if not match or match.group(1).lower() not in relations:
        return (f"{value!r} is not an anchor; write '{relations[0]}: TEXT' or '{relations[1]}: TEXT' "
                f"with TEXT a {'slide title' if document == 'deck' else 'heading'} of the {document}")
    return Anchor(match.group(1).lower(), match.group(2))


def normalized(text: str) -> str:
    """Titles compared as a reader compares them: case, spacing and curly quotes ignored."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.casefold().split())


def find_anchor(anchor: Anchor, titles: list[str], what: str) -> int | str:
    """The index in ``titles`` the anchor names, or why it names no single one.

    A title matches when it reads the same, or else when it starts with the anchor's text
    followed by a word boundary ('Segment 6' finds 'Segment 6: Our County's Team', never
    'Segment 60'). ``what`` is 'slide title' or 'heading', for the message.
    """
    wanted = normalized(anchor.text)
    names = [normalized(title) for title in titles]
    found = [i for i, name in enumerate(names) if name == wanted]
    if not found:
        found = [i for i, name in enumerate(names)
                 if name.startswith(wanted) and not name[len(wanted):len(wanted) + 1].isalnum()]
    if len(found) == 1:
        return found[0]
    if found:
        where = ", ".join(f"'{titles[i]}'" for i in found[:4])
        return f"anchor '{anchor}' matches {len(found)} {what}s ({where}); quote more of the one you mean"
    shown = [titles[i] for i in _closest(wanted, names)]
    hint = f"; closest: {', '.join(repr(t) for t in shown)}" if shown else f"; the document has no {what}s"
    return f"anchor '{anchor}' matches no {what}{hint}"


def _closest(wanted: str, names: list[str], count: int = 3) -> list[int]:
    """Indexes of the names most like ``wanted``, as a whole or by their beginning (an
    anchor is often the start of a long title), each distinct name once."""
    def score(name: str) -> float:
        whole = difflib.SequenceMatcher(None, wanted, name).ratio()
        start = difflib.SequenceMatcher(None, wanted, name[:len(wanted)]).ratio()
        return max(whole, start - 0.05)
    ranked = sorted(range(len(names)), key=lambda i: (-score(names[i]), i))
    distinct: dict[str, int] = {}
    for index in ranked:
        distinct.setdefault(names[index], index)
    return list(distinct.values())[:count]


LOCAL_PIECES = ("contacts", "orgchart", "stories")  # the order they follow one another



@dataclass(frozen=True)
class Spot:
    """Where one piece goes: before item ``index`` of the outline (its length: at the end).

    ``chosen`` is the anchor when module.toml chose the place, None for the default.
    """

    index: int
    chosen: Anchor | None = None


def closing_index(titles: list[str]) -> int:
    """Where a deck's closing begins: the last slide whose title reads like a closing,
    evaluation or questions slide (with the closing slides right before it), else the last
    slide; never the first slide, so a one-slide deck gets local slides at its end."""
    closing = [i for i, title in enumerate(titles) if i > 0 and CLOSING.search(title)]
    if not closing:
        return len(titles) - 1 if len(titles) > 1 else len(titles)
    index = closing[-1]
    while index - 1 > 0 and CLOSING.search(titles[index - 1]):
        index -= 1
    return index


def back_matter_index(levels: list[int], texts: list[str]) -> int:
    """Where a guide's back matter begins: its first top-level heading that reads like
    appendices or references, else the end."""
    top = min(levels, default=1)
    return next((i for i, (level, text) in enumerate(zip(levels, texts))
                 if level == top and BACK_MATTER.search(text)), len(texts))


def _spot(anchor: Anchor, titles: list[str], what: str, levels: list[int] | None) -> Spot | str:
    found = find_anchor(anchor, titles, what)
    if isinstance(found, str):
        return found
    if not anchor.after:
        return Spot(found, anchor)
    if levels is None:  # a slide: right after it
        return Spot(found + 1, anchor)
    end = next((i for i in range(found + 1, len(levels)) if levels[i] <= levels[found]), len(levels))
    return Spot(end, anchor)  # a heading: at the end of the section it opens


Problems = list[tuple[str, str]]  # (piece, message)


def deck_spots(titles: list[str], placement: Placement, pieces: list[str]) -> tuple[dict[str, Spot], Problems]:
    """Where each of ``pieces`` goes in a deck with these slide titles, and (piece, message)
    for each anchor that names no single slide. Spots count slides of the deck as the
    academy wrote it."""
    return _spots("deck", titles, None, placement, pieces, 0, closing_index(titles))


def guide_spots(texts: list[str], levels: list[int], placement: Placement,
                pieces: list[str]) -> tuple[dict[str, Spot], Problems]:
    """Where each of ``pieces`` goes among a guide's headings (a Spot's index counts
    headings; 0 for the cover means the top of the document)."""
    return _spots("guide", texts, levels, placement, pieces, 0, back_matter_index(levels, texts))


def _spots(document: str, titles: list[str], levels: list[int] | None, placement: Placement,
           pieces: list[str], first: int, local: int) -> tuple[dict[str, Spot], Problems]:
    what = "slide title" if document == "deck" else "heading"
    spots: dict[str, Spot] = {}
    problems: Problems = []
    for piece in pieces:
        anchor = placement.get(piece, {}).get(document)
        if anchor is None:
            spots[piece] = Spot(first if piece == "cobrand" else local)
            continue
        spot = _spot(anchor, titles, what, levels)
        if isinstance(spot, str):
            problems.append((piece, f"[placement] {piece}.{document}: {spot}"))
        else:
            spots[piece] = spot
    return spots, problems
