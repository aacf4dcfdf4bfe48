"""Top-down org chart layout, split into pages that stay legible.

Pure geometry in EMU, so the same pages drive native PowerPoint shapes and a PNG for Word.
A page shows a manager (or the chart's roots) and as many levels below as fit; a team that
does not fit continues on its own page, headed by a repeat of its manager's box. Among the
ways to cut a team into pages the fewest pages win, ties going to the page that shows more
levels, so sample-sized charts read as an overview plus one page per big team.

Text widths are estimated per character from the wider of Arial Bold (Liberation Sans Bold
in LibreOffice) and Pillow's built-in font, rounded up: text that fits here also fits when
PowerPoint, LibreOffice or Pillow draws it. The slides set Arial on every run to match.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..errors import BuildError
from ..formats.colors import text_on
from ..formats.orgchart import OrgChart, Person
from .textfit import break_word

EMU_PER_PT = 12700
MIN_FONT_PT = 10  # nothing on an org chart page is smaller
FONT_SIZES = (12, 11, MIN_FONT_PT)  # box text: the largest that needs no more pages wins
LONE_FONT_SIZES = (24, 20, 16, *FONT_SIZES)  # a chart of one person: one larger box, not a small one alone
NOTE_PT = 10  # the page's notes line under the chart
NOTE_LINES = 2  # notes are shortened to fit this many lines of an area at least 4 in wide
LINE_SPACING = 1.2  # line height in ems; Arial's single spacing is 1.15
PAD_PT = 4  # text frame margin on every side of a box
CORNER = 0.08  # rounded corner radius, as a fraction of a box's shorter side
BOX_EM = 8  # usual text width of a box, in ems: two lines hold "Social Work Supervisor II"
MAX_BOX_EM = 16  # widest text a box may get for one long word (all boxes of a chart share a width)
COL_GAP = 137160  # 0.15 in between neighbouring boxes
ROW_GAP = 320040  # 0.35 in between rows; connectors turn halfway down it

# Advance widths in ems, by character; anything else counts as a full em.
_WIDTHS = {
    0.28: " .,'|ijl\u2018\u2019",
    0.34: "ftI!;:()[]-/",
    0.40: "r",
    0.56: "acekszvxyJ\"\u201c\u201d",
    0.62: "bdghnopqu?0123456789FLTZ",
    0.67: "EPSVXY",
    0.73: "ABCDHKNRU&",
    0.79: "GOQw",
    0.89: "mM",
    0.96: "W",
}
_EM = {char: width for width, chars in _WIDTHS.items() for char in chars}


def _char_em(char: str) -> float:
    """Accented letters count as their base letter (é as e); unknown characters as 1 em."""
    return _EM.get(char) or _EM.get(unicodedata.normalize("NFD", char)[0], 1.0)


def text_width(text: str, font_pt: float) -> float:
    """Estimated width of one line of text, in points (never less than drawn)."""
    return font_pt * _ems(text)


@lru_cache(maxsize=1 << 14)
def _ems(text: str) -> float:
    """A text's width in ems, remembered: laying out a chart at each font size and in each
    page shape measures the same names, titles and their pieces over and over (a tenth of
    a county's org chart work)."""
    return sum(_char_em(char) for char in text)


def _pieces(word: str) -> list[str]:
    """A word split after its hyphens and slashes, where PowerPoint may break a line
    ("Home-" "Based", "Supervisor/" "Coordinator")."""
    return re.findall(r"[^-/]+[-/]*|[-/]+", word)


def _fitting(piece: str, width_pt: float, font_pt: float) -> list[str]:
    """A piece wider than a line cut between characters, as PowerPoint breaks a word that
    no line can hold (an id, a URL, a name typed without spaces)."""
    return break_word(piece, lambda part: text_width(part, font_pt) <= width_pt)


def wrap(text: str, width_pt: float, font_pt: float) -> list[str]:
    """Greedy wrap at spaces and after hyphens; a piece wider than ``width_pt`` is cut."""
    lines: list[str] = []
    for word in text.split():
        pieces = [part for piece in _pieces(word) for part in _fitting(piece, width_pt, font_pt)]
        for index, piece in enumerate(pieces):
            joined = f"{lines[-1]}{'' if index else ' '}{piece}" if lines else piece
            if lines and text_width(joined, font_pt) <= width_pt:
                lines[-1] = joined
            else:
                lines.append(piece)
    return lines


def line_height(font_pt: float) -> int:
    return round(font_pt * LINE_SPACING * EMU_PER_PT)


def text_inset(box_width: int) -> int:
    """EMU between a box's edge and its text on each side: the frame margin plus the inset
    of a rounded rectangle's own text rectangle (0.29 of the corner radius, at most)."""
    return round(PAD_PT * EMU_PER_PT + 0.29289 * CORNER * box_width)


def team_text(page: int) -> str:
    """The last line of a box whose team continues on another page."""
    return f"Team: page {page}"


@dataclass(frozen=True)
class Box:
    """One person's box, in EMU from the top left of the chart area."""

    person: Person
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]  # wrapped name, then title, then team_text() if team_page
    font_pt: float
    name_lines: int  # how many of the first lines hold the name (drawn bold)
    repeated: bool = False  # a manager repeated on top of their team's continuation page
    team_page: int | None = None  # the page where this person's team continues


@dataclass(frozen=True)
class Link:
    """A reporting line between two person ids whose boxes are on the same page."""

    parent: str
    child: str


@dataclass(frozen=True)
class Page:
    """One slide's or picture's worth of chart; notes say where cut teams continue."""

    title: str
    boxes: tuple[Box, ...]
    links: tuple[Link, ...]
    notes: tuple[str, ...]


def layout(chart: OrgChart, width: int, height: int, county: str) -> list[Page]:
    """The chart as pages of boxes inside a ``width`` x ``height`` EMU area, in file order."""
    if not chart.people:
        return []
    planners = []
    for font in LONE_FONT_SIZES if len(chart.people) == 1 else FONT_SIZES:
        try:
            planners.append(_Planner(chart, width, height, county, font))
        except BuildError as exc:
            error = exc  # at the smallest size, the reason to report
    if not planners:
        raise error
    return min(planners, key=lambda planner: (planner.best[None][0], -planner.font)).pages()


@dataclass(frozen=True)
class _Spec:
    """One page before numbering: a tree of ``depth`` levels under ``top``, or one part
    of a wide team (``chunk``); ``top`` None stands for the chart's roots."""

    top: str | None
    origin: int | None  # index of the page this team was cut from
    depth: int = 0
    chunk: tuple[str, ...] = ()
    part: int = 1
    parts: int = 1


class _Planner:
    def __init__(self, chart: OrgChart, width: int, height: int, county: str, font: float):
        self.chart, self.area_w, self.area_h, self.county = chart, width, height, county
        self.people = {person.id: person for person in chart.people}
        self.kids: dict[str | None, list[str]] = {pid: [p.id for p in kids]
                                                  for pid, kids in chart.children().items()}
        self.kids[None] = [person.id for person in chart.roots]
        self._order_from_roots()
        self._size_boxes(font)
        self.best: dict[str | None, tuple[int, str | int]] = {}
        for pid in reversed(self.order):
            self.best[pid] = self._plan(pid)
        self.best[None] = self._plan(None)

    def _order_from_roots(self) -> None:
        """Breadth-first order from the roots; someone outside it sits in a reporting cycle."""
        self.order: list[str] = []
        level = self.kids[None]
        while level:
            self.order += level
            level = [child for pid in level for child in self.kids[pid]]
        if len(self.order) < len(self.people):
            reached = set(self.order)
            person = next(p for p in self.chart.people if p.id not in reached)
            raise BuildError(f"org chart cannot place '{person.name}': their reports_to chain never "
                             "reaches someone who reports to no one", self.chart.path, person.line)

    def _size_boxes(self, font: float) -> None:
        """One box width for the chart at this font size; each person's lines and box height."""
        team = text_width(team_text(int("8" * len(str(len(self.people))))), font)
        widest, person = max(((text_width(piece, font), person) for person in self.chart.people
                              for word in f"{person.name} {person.title}".split() for piece in _pieces(word)),
                             key=lambda item: item[0])
        wanted = (max(BOX_EM * font, widest, team) + 2 * PAD_PT) * EMU_PER_PT / (1 - 2 * 0.29289 * CORNER)
        box_w = min(math.ceil(wanted), self.area_w, round((MAX_BOX_EM * font + 2 * PAD_PT) * EMU_PER_PT))
        if team > (box_w - 2 * text_inset(box_w)) / EMU_PER_PT:  # a longer word is cut (see wrap)
            raise BuildError(f"org chart cannot fit '{person.name}': a word of the name or title is too long "
                             f"for a box of the chart at {font} pt", self.chart.path, person.line)
        self.font, self.box_w = font, box_w
        self.slots = max(1, (self.area_w + COL_GAP) // (box_w + COL_GAP))
        self.line = line_height(font)
        self.inset = text_inset(box_w)
        inner = (box_w - 2 * self.inset) / EMU_PER_PT
        self.text: dict[str, tuple[tuple[str, ...], int]] = {}
        for person in self.chart.people:
            name = wrap(person.name, inner, font)
            self.text[person.id] = (tuple(name + wrap(person.title, inner, font)), len(name))
            if self.height(person.id) > self.area_h:
                raise BuildError(f"org chart cannot fit '{person.name}': the name and title need more "
                                 "height than the chart area has", self.chart.path, person.line)

    def height(self, pid: str, cut: bool = False) -> int:
        """A box's height; a cut box has one more line saying where its team continues."""
        return (len(self.text[pid][0]) + cut) * self.line + 2 * self.inset

    def _row_height(self, row: Sequence[str], last: bool) -> int:
        return max(self.height(pid, cut=last and bool(self.kids[pid])) for pid in row)

    def _plan(self, top: str | None) -> tuple[int, str | int]:
        """(pages, how) for ``top``'s team: how is a tree depth, 'wide' or 'forest'."""
        kids = self.kids[top]
        if not kids:
            return 1, 0
        trees: list[tuple[int, int, str | int]] = []  # (pages, -depth, depth): fewest pages, then most levels on this page
        used = 0 if top is None else self.height(top)
        level: Sequence[str | None] = [top]
        slots_above, depth = 0, 0
        while True:
            below = [child for pid in level for child in self.kids[pid]]
            if not below:
                break
            depth += 1
            slots_above += sum(1 for pid in level if not self.kids[pid])
            gap = ROW_GAP if used else 0
            if (slots_above + len(below) > self.slots
                    or used + gap + self._row_height(below, last=True) > self.area_h):
                break
            pages = 1 + sum(self.best[pid][0] for pid in below if self.kids[pid])
            trees.append((pages, -depth, depth))
            used += gap + self._row_height(below, last=False)
            level = below
        options = trees or [(self._wide_pages(top), 1, "wide")]
        if top is None:  # each root may also head pages of their own
            options.append((sum(self.best[root][0] for root in kids), 0, "forest"))
        pages, _, how = min(options)
        return pages, how

    def _wide_pages(self, top: str | None) -> int:
        """Pages for too many direct reports for one row: a row of them per page, the manager
        repeated on top. (Two staggered rows would need connectors that bend above the first
        row, and some viewers, LibreOffice 7.4 among them, ignore where a connector bends.)"""
        kids = self.kids[top]
        used = 0 if top is None else self.height(top) + ROW_GAP
        if used + self._row_height(kids, last=True) > self.area_h:
            person = self.people[top if top is not None else max(kids, key=self.height)]
            raise BuildError(f"org chart cannot fit '{person.name}' above the people reporting to them: "
                             "the chart area is too low", self.chart.path, person.line)
        return math.ceil(len(kids) / self.slots) + sum(self.best[pid][0] for pid in kids if self.kids[pid])

    # -- pages in reading order: a page, then the pages of the teams cut from it -----------

    def pages(self) -> list[Page]:
        specs: list[_Spec] = []
        stack: list[tuple[str | None, int | None]] = [(None, None)]
        while stack:
            top, origin = stack.pop()
            new, cut = self._specs(top, origin, len(specs))
            specs += new
            stack += reversed(cut)
        self.first: dict[str | None, int] = {}
        self.last: dict[str | None, int] = {}
        for index, spec in enumerate(specs):
            self.first.setdefault(spec.top, index + 1)
            self.last[spec.top] = index + 1
        return [self._page(index, spec, len(specs)) for index, spec in enumerate(specs)]

    def _specs(self, top: str | None, origin: int | None,
               start: int) -> tuple[list[_Spec], list[tuple[str | None, int | None]]]:
        """The pages of ``top``'s team (page indexes from ``start``) and the teams cut from them."""
        pages, how = self.best[top]
        if how == "forest":
            return [], [(root, None) for root in self.kids[None]]
        if how == "wide":
            kids = self.kids[top]
            parts = pages - sum(self.best[pid][0] for pid in kids if self.kids[pid])
            chunks = [tuple(kids[i * len(kids) // parts:(i + 1) * len(kids) // parts]) for i in range(parts)]
            specs = [_Spec(top, origin, depth=1, chunk=chunk, part=i + 1, parts=parts)
                     for i, chunk in enumerate(chunks)]
            return specs, [(pid, start + i) for i, chunk in enumerate(chunks) for pid in chunk if self.kids[pid]]
        assert isinstance(how, int)  # neither 'forest' nor 'wide': a tree depth
        spec = _Spec(top, origin, depth=how)
        return [spec], [(pid, start) for pid in self._levels(spec)[-1] if self.kids[pid]]

    def _levels(self, spec: _Spec) -> list[list[str | None]]:
        """The rows of a page: its top, then ``depth`` levels (or the top's chunk of reports)."""
        levels = [[spec.top]] + ([list(spec.chunk)] if spec.chunk else [])
        while len(levels) <= spec.depth:
            levels.append([child for pid in levels[-1] for child in self.kids[pid]])
        return levels

    def _page(self, index: int, spec: _Spec, count: int) -> Page:
        number = index + 1
        team = "The org chart" if spec.top is None else f"{self.people[spec.top].name}'s team"
        title = f"{self.county} org chart" + ("" if spec.top is None else f": {team}")
        if count > 1:
            title += f" (page {number} of {count})"
        came = number - 1 if spec.part > 1 else None if spec.origin is None else spec.origin + 1
        goes = number + 1 if spec.part < spec.parts else None
        boxes = self._tree(spec)
        cut = [box.person for box in boxes if box.team_page]
        notes = ([f"{team}, continued from page {came}"] if came else []) + (
            [f"{team} continues on page {goes}"] if goes else [])
        for person in cut:
            first, last = self.first[person.id], self.last[person.id]
            where = f"page {first}" if first == last else f"pages {first}\u2013{last}"
            notes.append(f"{person.name}'s team continues on {where}")
        if len(wrap("; ".join(notes), self.area_w / EMU_PER_PT, NOTE_PT)) > NOTE_LINES:
            notes = ([f"Continued from page {came}"] if came else []) + (
                [f"Continues on page {goes}"] if goes else []) + (
                ["Other teams continue on the pages their boxes show"] if cut else [])
        on_page = {box.person.id for box in boxes}
        links = tuple(Link(box.person.reports_to, box.person.id) for box in boxes if box.person.reports_to in on_page)
        return Page(title, tuple(boxes), links, tuple(notes))

    def _box(self, pid: str, x: float, y: int, height: int, repeated: bool = False, cut: bool = False) -> Box:
        lines, name_lines = self.text[pid]
        team_page = self.first[pid] if cut else None
        if team_page is not None:
            lines += (team_text(team_page),)
        return Box(self.people[pid], round(x), y, self.box_w, height, lines, self.font, name_lines,
                   repeated, team_page)

    def _row_left(self, count: int) -> float:
        """Left edge of a centred row of ``count`` boxes."""
        return (self.area_w - (count * (self.box_w + COL_GAP) - COL_GAP)) / 2

    def _tree(self, spec: _Spec) -> list[Box]:
        """A tidy tree: leaves side by side in slots, each manager centred over their reports."""
        levels = self._levels(spec)
        shown = {pid: list(spec.chunk) if spec.chunk and pid == spec.top else self.kids[pid]
                 for row in levels[:-1] for pid in row}
        span: dict[str | None, int] = {}
        for row in reversed(levels):
            for pid in row:
                span[pid] = sum(span[child] for child in shown.get(pid, [])) or 1
        start: dict[str | None, int] = {spec.top: 0}
        for pid, kids in shown.items():  # top-down, so a manager's start is known before their reports'
            offset = start[pid]
            for child in kids:
                start[child], offset = offset, offset + span[child]
        centre: dict[str | None, float] = {}
        for row in reversed(levels):
            for pid in row:
                reports = shown.get(pid)
                centre[pid] = (centre[reports[0]] + centre[reports[-1]]) / 2 if reports else start[pid] + 0.5
        left, pitch = self._row_left(span[spec.top]), self.box_w + COL_GAP
        repeated = spec.origin is not None or spec.part > 1
        boxes, y = [], 0
        for depth, row in enumerate(levels):
            if row == [None]:
                continue
            people = [pid for pid in row if pid is not None]  # only the top row can be the roots' None
            last = depth == len(levels) - 1
            height = self._row_height(people, last)
            for pid in people:
                x = left + (centre[pid] - 0.5) * pitch
                boxes.append(self._box(pid, x, y, height, repeated=depth == 0 and repeated,
                                       cut=last and bool(self.kids[pid])))
            y += height + ROW_GAP
        return boxes


# -- the look both renderers share ----------------------------------------------------

BOTH_COLOR = "#5B6770"  # people who serve both programs: a neutral slate grey
def box_colors(box: Box, program_colors: dict[str, str]) -> tuple[str, str, str]:
    """(fill, text, outline) of a box: its program's colour; a repeated manager is a pale
    tint of it, so the page's one box that is shown elsewhere too stands out as a reference.
    The text is black or white, whichever reads better on the fill (one always reaches 4.5:1)."""
    color = program_colors.get(box.person.program, BOTH_COLOR)
    if not box.repeated:
        return color, text_on(color), color
    tint = "#" + "".join(f"{round(255 - (255 - int(color[i:i + 2], 16)) * 0.2):02X}" for i in (1, 3, 5))
    return tint, text_on(tint), color
