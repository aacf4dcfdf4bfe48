"""One agenda: the agenda document, the deck's agenda slide and the guide's agenda table
say the same times and the same segments, breaks and lunch.

An agenda is any table whose rows start at clock times ('9:00 a.m.', '10:45 AM', '13:30');
each row is read as (start, what), rows without a time (a total) are left out. Agendas
printed from one schedule (curriculum_kit.agenda) agree by construction; this catches a
module whose guide or deck was edited alone, and an agenda document made from another.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from lxml import etree

from ..formats.session_day import clock_text
from ..ooxml.names import a, w
from .document import Document, text_of
from .issues import Issue

_CLOCK = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?![\w:])", re.IGNORECASE)
MIN_ROWS = 3  # a table with fewer timed rows is a schedule of something else
_COLON_MINUTES = re.compile(r":[0-5]\d")  # what every clock time holds: its colon and minutes


@dataclass(frozen=True)
class Agenda:
    file: str
    place: str
    rows: tuple[tuple[int, str], ...]  # (minutes after midnight, what) in order


def _minutes(match: re.Match[str]) -> int:
    hour, minute, suffix = int(match.group(1)), int(match.group(2)), (match.group(3) or "").lower()
    if suffix.startswith("p") and hour < 12:
        hour += 12
    elif suffix.startswith("a") and hour == 12:
        hour = 0
    return hour * 60 + minute


def _normal(text: str) -> str:
    return " ".join(text.replace("–", "-").replace("’", "'").split()).casefold()


def read_row(cells: Sequence[str]) -> tuple[int, str] | None:
    """(start, label) of a row whose first timed cell is its start; the label is the cell with
    the most letters that is not a time or a number."""
    start = None
    for cell in cells:
        match = _CLOCK.search(cell)
        if match:
            start = _minutes(match)
            break
    if start is None:
        return None
    labels = [cell for cell in cells if not _CLOCK.search(cell) and any(map(str.isalpha, cell))]
    if not labels:
        return None
    return start, _normal(max(labels, key=_letters))


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def find_agendas(document: Document) -> Iterator[Agenda]:
    for part, root in document.roots.items():
        if document.kinds.get(part) in ("body", "slide"):  # a county's slides come back in each deck
            for table, rows in document.remembered(root, "agendas", partial(_agenda_tables, document, part)):
                yield Agenda(document.name, _place(document, part, table), rows)


def _agenda_tables(document: Document, part: str) -> list[tuple[etree._Element, tuple[tuple[int, str], ...]]]:
    """(table, its timed rows) of each agenda in a part."""
    found = []
    for table in _timed_tables(document, part):
        row_tag, cell_tag = (w("tr"), w("tc")) if table.tag == w("tbl") else (a("tr"), a("tc"))
        rows = [read_row([text_of(cell) for cell in row.iter(cell_tag)]) for row in table.iter(row_tag)]
        timed = tuple(row for row in rows if row is not None)
        starts = [start for start, _ in timed]
        if len(timed) >= MIN_ROWS and starts == sorted(set(starts)):
            found.append((table, timed))
    return found


def _timed_tables(document: Document, part: str) -> list[etree._Element]:
    """The tables of a part holding enough clock times to be an agenda, in document order.

    The times are found in the part's text view (:func:`clock_starts`) and each is traced
    to its paragraph's table, so the many tables without times are never read."""
    view = document.views[part][0]
    tables: Counter[etree._Element] = Counter()
    starts = clock_starts(view.text)
    if len(starts) < MIN_ROWS:
        return []
    for index, count in Counter(bisect_right(view.block_starts, start) - 1 for start in starts).items():
        if index >= view.paragraph_blocks:
            break  # titles and alt text come after the paragraphs
        table = next(view.block_elements[index].iterancestors(w("tbl"), a("tbl")), None)
        if table is not None:
            tables[table] += count
    return [table for table, count in tables.items() if count >= MIN_ROWS]


def clock_starts(text: str) -> list[int]:
    """Where each clock time of a text starts: what ``_CLOCK.finditer`` finds, found from
    the colons before two digits instead. A time's colon is one or two characters after
    its start, so the pattern is tried at those two places only; a pattern that starts
    with a colon is found far faster than one that starts with a digit, tried at every
    character (a part's whole text is scanned, and most parts hold no time)."""
    starts: list[int] = []
    end = 0  # where the last time found ends: times do not overlap
    for colon in _COLON_MINUTES.finditer(text):
        at = colon.start()
        for start in (at - 2, at - 1):
            match = _CLOCK.match(text, start) if start >= end else None
            if match:
                starts.append(start)
                end = match.end()
                break
    return starts


def _place(document: Document, part: str, table: etree._Element) -> str:
    first = next(table.iter(w("p"), a("p")), None)
    place = document.place_of(part, first) if first is not None else document.labels.get(part, part)
    return place.rsplit(", row", 1)[0]


def compare_agendas(agendas: Sequence[Agenda], shifts: Mapping[str, int] | None = None) -> Iterator[Issue]:
    """Each agenda against the first one found (the guide's, in a facilitator packet).

    ``shifts`` names files whose clock is the academy's moved by so many minutes (a planned
    session's agenda document starts when the session does); their rows are moved back
    before comparing, so segments, breaks and lengths must still agree exactly."""
    if len(agendas) < 2:
        return
    reference = agendas[0]
    for other in agendas[1:]:
        shift = (shifts or {}).get(other.file, 0)
        index = _first_difference(reference.rows, tuple((start - shift, label) for start, label in other.rows))
        if index is None:
            continue
        theirs = reference.rows[index] if index < len(reference.rows) else None
        ours = other.rows[index] if index < len(other.rows) else None
        yield Issue(other.file, other.place, "agenda/disagree",
                    f"the agenda says {_say(ours)} where {reference.file} ({reference.place}) says {_say(theirs)}",
                    "print every agenda from the module's one schedule ([[agenda]] in module.toml)")


def _first_difference(first: tuple[tuple[int, str], ...], second: tuple[tuple[int, str], ...]) -> int | None:
    """The index of the first row where the two agendas differ, or None when they agree."""
    for index in range(max(len(first), len(second))):
        left = first[index] if index < len(first) else None
        right = second[index] if index < len(second) else None
        if left != right:
            return index
    return None


def _say(row: tuple[int, str] | None) -> str:
    return "nothing more" if row is None else f"'{clock_text(row[0])} {row[1]}'"
