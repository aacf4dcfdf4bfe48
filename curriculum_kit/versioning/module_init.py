"""`module init`: a module.toml for an academy module as it was downloaded.

A staff developer gets a folder of Word and PowerPoint files from the Regional Training
Academy. Writing module.toml by hand means opening every file to find the title, the
version, the session length and its agenda; this reads them from the files, writes what it can, and
says what it guessed and what the person must still check. ``duration_minutes`` it cannot
find is written as a TODO that `validate` reports. An existing module.toml is never
overwritten; files in old or OpenDocument formats get the advice to save them again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import CurriculumKitError, InputError
from ..formats.folders import MODULE_FILE
from ..formats.markers import MarkerSyntaxError, find_markers
from ..formats.module import ID_PATTERN, LEVELS, TODO
from ..formats.placement import back_matter_index, closing_index
from ..formats.semver import Version
from ..formats.sources import not_regular
from ..formats.untrusted import SHORT_TEXT_CHARS, text_problem
from ..ooxml.names import DC_NS, a, w
from ..ooxml.outline import deck_titles, guide_headings, guide_title
from ..ooxml.package import Package
from ..ooxml.reading import document_blocks
from ..outputs import atomic_output
from ..validate import unbuildable

SAVE_AS = {".doc": ".docx", ".ppt": ".pptx", ".odt": ".docx", ".odp": ".pptx", ".rtf": ".docx",
           ".docm": ".docx", ".dotx": ".docx", ".pptm": ".pptx", ".potx": ".pptx", ".ppsx": ".pptx"}
_GUIDE_WORDS = re.compile(r"guide|facilitator|trainer", re.IGNORECASE)
_CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_MINUTES = re.compile(r"\b(minutes|mins?|duration|length)\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\s*([ap])?\.?\s*m?\.?", re.IGNORECASE)
DURATION_TODO = f"{TODO}: minutes of one session, breaks included"


@dataclass
class ModuleDraft:
    """What `module init` wrote and why, for the person to check."""

    path: Path
    guessed: list[str] = field(default_factory=list)  # 'title: "X" (the deck's first slide)'
    to_check: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)  # files to save again in another format


def init_module(folder: Path, module_id: str | None = None, level: str | None = None,
                title: str | None = None) -> ModuleDraft:
    """Write ``folder/module.toml`` from the academy files in ``folder``."""
    if folder.is_symlink():  # as `build` reads modules: a linked folder is refused, not followed
        raise InputError("is a symbolic link to a folder; curriculum-kit reads only module folders inside the "
                         "folder (move or copy the folder here instead of linking to it)", folder)
    if not folder.is_dir():
        raise InputError("is not a folder", folder)
    target = folder / MODULE_FILE
    if target.exists():
        raise InputError(f"{MODULE_FILE} already exists; curriculum-kit never overwrites it (edit it, or "
                         "remove it to start again)", target)
    problem = text_problem(title, SHORT_TEXT_CHARS) if title is not None else None
    if problem:
        raise InputError(f"--title {problem}")
    draft = ModuleDraft(target)
    files = []
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(("~$", "."))):
        problem = not_regular(path)  # a link or a pipe is never a module's file (validate refuses it)
        if problem is None:
            files.append(path)
        elif path.suffix.lower() in (".docx", ".pptx"):
            draft.advice.append(f"{path.name}: {problem}")
    for path in files:
        if path.suffix.lower() in SAVE_AS:
            draft.advice.append(f"{path.name}: save it as a {SAVE_AS[path.suffix.lower()]} file (File > Save As) "
                                "and run 'curriculum-kit module init' again")
    decks = [p for p in files if p.suffix.lower() == ".pptx"]
    words = [p for p in files if p.suffix.lower() == ".docx"]
    if not decks or not words:
        missing = "PowerPoint deck (.pptx)" if not decks else "Word guide (.docx)"
        advice = f"; {draft.advice[0]}" if draft.advice else ""
        raise InputError(f"has no {missing}; a module needs a facilitator guide and a slide deck{advice}", folder)
    for path in decks + words:  # module.toml never names a file the build cannot open: what validate says
        with Package(path) as package:
            package.check_main_root()
            wanted = "presentation" if path in decks else "word"
            problems = [f"holds a {'Word' if package.family == 'word' else 'PowerPoint'} document, not what its "
                        "name says"] if package.family != wanted else unbuildable(package)
        if problems:
            raise InputError(problems[0], path)
    deck = max(decks, key=lambda p: (len(_titles(p)), p.name))
    named = [p for p in words if _GUIDE_WORDS.search(p.stem)]
    guide = max(named or words, key=_text_size)
    handouts = [p for p in words if p != guide]
    draft.guessed.append(f"slides: {deck.name} (the PowerPoint file" + (", the one with most slides)"
                                                                        if len(decks) > 1 else ")"))
    others = [p.name for p in decks if p != deck]
    if others:  # a module has one deck: say which were passed over (two of one length were chosen between by name)
        draft.to_check.append(f"slides: {', '.join(others)} not used (a module has one deck); if another is the "
                              "module's deck, name it as slides")
    draft.guessed.append(f"facilitator_guide: {guide.name} (" + ("its name says guide/facilitator/trainer)"
                                                                  if named else "the longest Word document)"))
    if handouts:
        draft.guessed.append(f"handouts: {', '.join(p.name for p in handouts)} (the other Word documents)")
    else:
        draft.to_check.append("files.handouts: none (no other Word document was found): participants get the "
                              "day's papers only (agenda, contacts, org chart); list any handout the academy "
                              "publishes apart")
    values: dict[str, object] = {
        "id": _module_id(module_id, folder, draft),
        "title": _title(title, deck, guide, draft),
        "version": _version(deck, guide, draft),
        "level": _level(level, draft),
        "prerequisites": [],
        "programs": ["cws", "calworks"],
    }
    values["duration_minutes"], agenda, values["start_time"] = _schedule(guide, deck, draft)
    order = ("id", "title", "version", "level", "prerequisites", "duration_minutes", "start_time", "programs")
    values = {key: values[key] for key in order if values[key] is not None}
    draft.to_check.append("prerequisites: none written; list the ids of modules staff must take first (lesson 2)")
    draft.to_check.append("programs: both written; drop one if the module serves one program's staff only")
    _placement_hint(deck, guide, draft)
    text = "".join(f"{key} = {_toml(value)}\n" for key, value in values.items())
    text += "\n[files]\n" + "".join(f"{key} = {_toml(value)}\n" for key, value in (
        ("facilitator_guide", guide.name), ("slides", deck.name), ("handouts", [p.name for p in handouts])))
    sections = _optional_sections([guide, deck, *handouts])
    if sections:  # a module marked up earlier: its sections declared, or validate refuses their markers
        text += "\n[optional_sections]\n" + "".join(f"{name} = {_toml(name.replace('-', ' ').capitalize())}\n"
                                                  for name in sections)
        draft.to_check.append(f"optional_sections: {', '.join(sections)} (from the documents' markers); say what "
                              "each is, as a county choosing to leave it out reads it")
    for row in agenda:  # the schedule the guide prints, which the packet's agenda document repeats
        text += "\n[[agenda]]\n" + "".join(f"{key} = {_toml(value)}\n" for key, value in row.items())
    with atomic_output(target) as out:
        out.write(text.encode("utf-8"))
    return draft


def _optional_sections(paths: list[Path]) -> list[str]:
    """The optional sections the documents' markers name ('{{ck:optional icebreaker-bingo}}'),
    in the order met; an academy module as published has none."""
    found: dict[str, None] = {}
    for path in paths:
        for block in document_blocks(path):
            if "ck" not in block.text:
                continue
            with suppress(MarkerSyntaxError):  # (validate names a broken marker, with its place)
                found.update((m.argument, None) for m in find_markers(block.text)
                             if m.name == "optional" and ID_PATTERN.fullmatch(m.argument))
    return list(found)


def _toml(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def _titles(path: Path) -> list[str]:
    try:
        return deck_titles(path)
    except CurriculumKitError:
        return []


def _text_size(path: Path) -> int:
    try:
        with Package(path) as package:
            return package.info(package.main_part).file_size
    except CurriculumKitError:
        return 0


def _module_id(wanted: str | None, folder: Path, draft: ModuleDraft) -> str:
    if wanted is not None:
        if not ID_PATTERN.fullmatch(wanted):
            raise InputError(f"--id '{wanted}' must be lowercase letters, digits and hyphens")
        return wanted
    made = "-".join(re.findall(r"[a-z0-9]+", folder.resolve().name.lower())) or "module"
    draft.guessed.append(f"id: {made} (from the folder name; it must stay equal to the folder's name)")
    return made


def _title(wanted: str | None, deck: Path, guide: Path, draft: ModuleDraft) -> str:
    if wanted:
        return wanted
    first = next((t for t in _titles(deck)[:1] if t), "")
    if first:
        draft.guessed.append(f"title: \"{first}\" (the deck's first slide)")
        return first
    core = _core(guide, "title") or _guide_title(guide) or next((text for _, text in _headings(guide)), "")
    if core:
        draft.guessed.append(f"title: \"{core}\" (the guide's properties, Title paragraph or first heading)")
        return core
    draft.to_check.append("title: none found in the files; write the module's title")
    return f"{TODO}: the module's title"


def _guide_title(path: Path) -> str:
    try:
        return guide_title(path)
    except CurriculumKitError:
        return ""


def _headings(path: Path) -> list[tuple[int, str]]:
    try:
        return guide_headings(path)
    except CurriculumKitError:
        return []


def _version(deck: Path, guide: Path, draft: ModuleDraft) -> str:
    for path in (guide, deck):
        for found in (_core(path, "version"), _custom(path, "version")):
            if found:
                parts = re.findall(r"\d+", found)[:3]
                try:
                    version = Version.parse(".".join((parts + ["0", "0"])[:3]))
                except ValueError:
                    continue
                draft.guessed.append(f"version: {version} (the version property of {path.name})")
                return str(version)
    draft.guessed.append("version: 1.0.0 (the files' properties name none); use the academy's edition")
    return "1.0.0"


def _core(path: Path, name: str) -> str:
    """A core property (dc:title, cp:version) of a package, '' without one."""
    namespace = DC_NS if name == "title" else _CP_NS
    return _property(path, "/core-properties", f"{{{namespace}}}{name}")


def _custom(path: Path, name: str) -> str:
    try:
        with Package(path) as package:
            for rel in package.relationships(""):
                if rel.type.endswith("/custom-properties") and package.has(rel.target):
                    for prop in package.xml(rel.target).iter(f"{{{_CUSTOM}}}property"):
                        if prop.get("name", "").strip().lower() == name:
                            return " ".join("".join(str(t) for t in prop.itertext()).split())
    except CurriculumKitError:
        pass
    return ""


def _property(path: Path, rel_type: str, tag: str) -> str:
    try:
        with Package(path) as package:
            for rel in package.relationships(""):
                if rel.type.endswith(rel_type) and package.has(rel.target):
                    element = package.xml(rel.target).find(tag)
                    text = element.text if element is not None else None
                    if text and text.strip():
                        return " ".join(text.split())
    except CurriculumKitError:
        pass
    return ""


def _level(wanted: str | None, draft: ModuleDraft) -> str:
    if wanted is not None:
        if wanted not in LEVELS:
            raise InputError(f"--level '{wanted}' must be one of {', '.join(LEVELS)}")
        return wanted
    draft.to_check.append(f"level: 'nuts-and-bolts' written; set it to the academy's level ({', '.join(LEVELS)})")
    return "nuts-and-bolts"


@dataclass
class _Schedule:
    """What a guide's agenda table says: the session's length, and when it says them, its
    rows (title, minutes) and its start (minutes after midnight)."""

    minutes: int
    rows: list[tuple[str, int]] = field(default_factory=list)
    start: int | None = None


def _schedule(guide: Path, deck: Path, draft: ModuleDraft) -> tuple[int | str, list[dict[str, object]], str | None]:
    """(duration_minutes, [[agenda]] rows, start_time) from the guide's agenda table, else
    the deck's agenda slide: the rows exactly as the table prints them, so the packet's
    agenda document, printed from them, agrees with the academy's (preflight compares them)."""
    found = next(((schedule, source) for path, source in ((guide, "the guide's agenda table"),
                                                           (deck, "the deck's agenda slide"))
                  if (schedule := _first_schedule(path)).minutes), None)
    if found is None:
        draft.to_check.append("duration_minutes: no agenda table with minutes or times was found; write the "
                              "session's length in minutes ('validate' reports it until you do), and the "
                              "academy's schedule as [[agenda]] rows (title, minutes, kind): without them the "
                              "packet's agenda is a generic day ('Learning segments, part 1 of 3')")
        return DURATION_TODO, [], None
    schedule, source = found
    draft.guessed.append(f"duration_minutes: {schedule.minutes} ({source})")
    rows = [{"title": title, "minutes": minutes, **({"kind": kind} if (kind := _kind(title)) != "segment" else {})}
            for title, minutes in schedule.rows]
    if len(rows) >= 2 and sum(minutes for _, minutes in schedule.rows) == schedule.minutes:
        draft.guessed.append(f"agenda: {len(rows)} rows ({source}, as it prints them)")
    else:
        rows = []
        draft.to_check.append(f"agenda: {source} was not read row by row; write [[agenda]] rows as it prints "
                              "them, or preflight finds the packet's agenda differs from the academy's")
    start = None
    if schedule.start is not None and rows:
        start = f"{schedule.start // 60}:{schedule.start % 60:02d}"
        draft.guessed.append(f"start_time: {start} ({source})")
    return schedule.minutes, rows, start


def _first_schedule(path: Path) -> _Schedule:
    """The schedule of a document's first agenda table: one of a Word body's own tables, or
    a table on a slide (slides in show order)."""
    try:
        with Package(path) as package:
            if package.family == "word":
                body = package.xml(package.main_part).find(w("body"))
                tables = [_table_rows(table, w) for table in (body.iterchildren(w("tbl")) if body is not None else ())]
            else:
                tables = [_table_rows(table, a) for slide in package.slide_parts() if slide
                          for table in package.xml(slide).iter(a("tbl"))]
    except CurriculumKitError:
        return _Schedule(0)
    return next((found for found in map(_agenda_table, tables) if found.minutes), _Schedule(0))


def _table_rows(table: etree._Element, name: Callable[[str], str]) -> list[list[str]]:
    """A Word or DrawingML table's cells as text (``name``: the namespace's tag maker)."""
    return [[" ".join("".join(t.text or "" for t in cell.iter(name("t"))).split()) for cell in row.iter(name("tc"))]
            for row in table.iter(name("tr"))]


def _kind(title: str) -> str:
    lower = title.lower()
    return "lunch" if re.search(r"\blunch\b", lower) else "break" if re.search(r"\bbreak\b", lower) else "segment"


def _agenda_table(rows: list[list[str]]) -> _Schedule:
    """A session's length from an agenda table's rows: its Total row or the sum of its
    minutes column, else the time from its first start time to its last; its rows with
    their minutes (a Total or Adjourn row is none), and the start time it prints."""
    if len(rows) < 3:
        return _Schedule(0)
    column = next((i for i, text in enumerate(rows[0]) if _MINUTES.search(text)), None)
    clocks = [next((t for t in map(_clock, row) if t is not None), None) for row in rows[1:]]
    start = next((t for t in clocks if t is not None), None)
    named = next((i for i in range(len(rows[0])) if i != column and
                  not any(_clock(row[i]) is not None for row in rows[1:] if len(row) > i)), 0)
    if column is not None:
        numbers = [(row[named] if len(row) > named else "", int(row[column])) for row in rows[1:]
                   if len(row) > column and row[column].isdigit()]
        total = [n for label, n in numbers if label.lower().startswith("total")]
        listed = [(label, n) for label, n in numbers if not label.lower().startswith("total")]
        return _Schedule(total[0] if total else sum(n for _, n in listed), listed, start)
    times = [(t, row[named] if len(row) > named else "") for row in rows[1:]  # a row's time: in its first two cells
             if (t := next((found for found in map(_clock, row[:2]) if found is not None), None)) is not None]
    if len(times) < 3 or times[-1][0] <= times[0][0]:
        return _Schedule(0)
    listed = [(label, later - earlier) for (earlier, label), (later, _) in zip(times, times[1:])]
    return _Schedule(times[-1][0] - times[0][0], listed, start)


def _clock(text: str) -> int | None:
    match = _CLOCK.search(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if match.group(3) and match.group(3).lower() == "p" and hour < 12:
        hour += 12
    elif not match.group(3) and hour < 7:
        hour += 12  # '1:30' in a day's agenda is in the afternoon
    return hour * 60 + minute


def _placement_hint(deck: Path, guide: Path, draft: ModuleDraft) -> None:
    """Where county material will go by default, so the person can check it before a build."""
    titles = _titles(deck)
    if titles:
        closing = closing_index(titles)
        where = (f"before slide {closing + 1}" + (f" '{titles[closing]}'" if titles[closing] else " (untitled)")
                 if closing < len(titles) else "at the end")
        draft.to_check.append(f"deck: the co-branded title slide goes first; contacts, org chart and stories "
                              f"{where} (choose other places with [placement], see docs/formats.md)")
    headings = _headings(guide)
    back = back_matter_index([level for level, _ in headings], [text for _, text in headings])
    where = f"before '{headings[back][1]}'" if back < len(headings) else "at the end"
    draft.to_check.append(f"guide: the co-branded cover goes first; a 'Local information' section {where}")
