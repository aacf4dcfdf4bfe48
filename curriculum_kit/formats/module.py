"""The base module model: a folder with module.toml and the academy's DOCX/PPTX files.

This checks what module.toml itself says; whether the files are real Word/PowerPoint
documents and their markers balance is checked in :mod:`curriculum_kit.validate`, which
can use the OOXML engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Findings
from .folders import MODULE_FILE
from .placement import Placement, read_placement
from .programs import PROGRAMS
from .semver import Version
from .sources import TomlDocument, check_keys, inside_folder, load_toml
from .untrusted import ID_CHARS

LEVELS = ("orientation", "nuts-and-bolts", "advanced")  # lesson 2: basics before advanced
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_REQUIRED = ["id", "title", "version", "level", "prerequisites", "duration_minutes", "programs", "files"]
_OPTIONAL = ["description", "refresh_months", "new_hire_core", "optional_sections", "placement", "start_time",
             "agenda"]
TODO = "TODO"  # `module init` writes values a person must still check with it
AGENDA_KINDS = ("segment", "break", "lunch")
_AGENDA_KEYS = ["title", "minutes"]
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_FILE_KEYS = ["facilitator_guide", "slides"]


@dataclass(frozen=True)
class ScheduleItem:
    """One row of a module's agenda: a segment, a break or lunch, in the academy's words."""

    title: str
    minutes: int
    kind: str = "segment"  # segment, break, lunch


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    version: Version
    level: str
    prerequisites: tuple[str, ...]
    duration_minutes: int
    programs: tuple[str, ...]
    facilitator_guide: Path
    slides: Path
    handouts: tuple[Path, ...]
    folder: Path
    optional_sections: dict[str, str] = field(default_factory=dict)
    refresh_months: int | None = None
    new_hire_core: bool = False
    description: str = ""
    placement: Placement = field(default_factory=dict)  # where unmarked county material goes
    agenda: tuple[ScheduleItem, ...] = ()  # the academy's own schedule, as its guide and deck print it
    start_time: tuple[int, int] = (9, 0)

    @property
    def level_rank(self) -> int:
        return LEVELS.index(self.level)

    @property
    def documents(self) -> tuple[Path, ...]:
        """Every Word/PowerPoint file of the module, guide first."""
        return (self.facilitator_guide, self.slides, *self.handouts)

    @property
    def toml_path(self) -> Path:
        return self.folder / MODULE_FILE


def load_module(folder: Path, findings: Findings, *, check_folder_name: bool = True) -> Module | None:
    """Read ``folder/module.toml``; problems go to ``findings``; None when unusable.

    ``check_folder_name=False`` accepts a folder named otherwise than the id (an unzipped
    old copy, compared by `module diff`)."""
    doc = load_toml(folder / MODULE_FILE)
    data = doc.data
    before = len(findings.errors)
    check_keys(doc, data, (), _REQUIRED, _OPTIONAL, findings)
    module_id = _text(doc, data, "id", findings)
    if module_id is not None:
        if not ID_PATTERN.fullmatch(module_id):
            findings.error(doc.path, f"id '{module_id}' must be lowercase letters, digits and hyphens",
                           doc.line_of("id"))
        elif len(module_id) > ID_CHARS:
            findings.error(doc.path, f"id is {len(module_id)} characters long; at most {ID_CHARS} fit in "
                           "the packets' file names", doc.line_of("id"))
        elif check_folder_name and module_id != folder.name:
            findings.error(doc.path, f"id '{module_id}' does not match the folder name '{folder.name}'",
                           doc.line_of("id"))
    title = _text(doc, data, "title", findings)
    version = _version(doc, data, findings)
    level = data.get("level")
    if "level" in data and level not in LEVELS:
        findings.error(doc.path, f"level '{level}' must be one of {', '.join(LEVELS)}", doc.line_of("level"))
    prerequisites = _id_list(doc, data, "prerequisites", findings)
    duration = _positive_int(doc, data, "duration_minutes", findings)
    programs = _programs(doc, data, findings)
    refresh = _positive_int(doc, data, "refresh_months", findings) if "refresh_months" in data else None
    new_hire = data.get("new_hire_core", False)
    if not isinstance(new_hire, bool):
        findings.error(doc.path, "'new_hire_core' must be true or false", doc.line_of("new_hire_core"))
    description = data.get("description", "")
    if not isinstance(description, str):
        findings.error(doc.path, "'description' must be text", doc.line_of("description"))
    sections = _optional_sections(doc, data, findings)
    placement = read_placement(doc, findings)
    start = _start_time(doc, data, findings)
    agenda = _agenda(doc, data, duration, findings)
    files = _files(folder, doc, data, findings)
    # The None tests add nothing at run time (a required key that is missing is an error
    # above); they tell the type checker what the errors test already proved.
    if (len(findings.errors) > before or files is None or module_id is None or title is None
            or version is None or level is None or duration is None):
        return None
    guide, slides, handouts = files
    return Module(module_id, title, version, level, prerequisites, duration, programs, guide, slides,
                  handouts, folder, sections, refresh, new_hire, description, placement, agenda, start)


def _text(doc: TomlDocument, data: dict[str, Any], key: str, findings: Findings) -> str | None:
    value = data.get(key)
    if key in data and (not isinstance(value, str) or not value.strip()):
        findings.error(doc.path, f"'{key}' must be non-empty text", doc.line_of(key))
        return None
    if isinstance(value, str) and value.startswith(TODO):  # module init's 'TODO: the module's title'
        findings.error(doc.path, f"'{key}' is still to be filled in ('{value}'): write it", doc.line_of(key))
        return None
    return value.strip() if isinstance(value, str) else None


def _version(doc: TomlDocument, data: dict[str, Any], findings: Findings) -> Version | None:
    if "version" not in data:
        return None
    try:
        return Version.parse(data["version"])
    except ValueError as exc:
        findings.error(doc.path, f"version: {exc}", doc.line_of("version"))
        return None


# The most a number may be: a module runs at most a week of minutes, and is refreshed at
# least every ten years (a larger number reached past the calendar's year 9999).
_MAXIMA = {"duration_minutes": 7 * 24 * 60, "refresh_months": 120}


def _positive_int(doc: TomlDocument, data: dict[str, Any], key: str, findings: Findings) -> int | None:
    value = data.get(key)
    if isinstance(value, str) and value.startswith(TODO):
        findings.error(doc.path, f"'{key}' is still to be filled in ('{value}'): write a whole number",
                       doc.line_of(key))
        return None
    if key in data and (isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= _MAXIMA[key]):
        findings.error(doc.path, f"'{key}' must be a whole number from 1 to {_MAXIMA[key]:,}, not {value!r}",
                       doc.line_of(key))
        return None
    return value


def _id_list(doc: TomlDocument, data: dict[str, Any], key: str, findings: Findings) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        findings.error(doc.path, f"'{key}' must be a list of module ids", doc.line_of(key))
        return ()
    return tuple(value)


def _programs(doc: TomlDocument, data: dict[str, Any], findings: Findings) -> tuple[str, ...]:
    value = data.get("programs", [])
    if not isinstance(value, list) or not value or any(p not in PROGRAMS for p in value):
        if "programs" in data:
            findings.error(doc.path, f"'programs' must list one or both of {', '.join(PROGRAMS)}, not {value!r}",
                           doc.line_of("programs"))
        return ()
    return tuple(dict.fromkeys(value))


def _optional_sections(doc: TomlDocument, data: dict[str, Any], findings: Findings) -> dict[str, str]:
    sections = data.get("optional_sections", {})
    if not isinstance(sections, dict):
        findings.error(doc.path, "'optional_sections' must be a table of name = \"description\"",
                       doc.line_of("optional_sections"))
        return {}
    for name, text in sections.items():
        if not ID_PATTERN.fullmatch(name) or not isinstance(text, str):
            findings.error(doc.path, f"optional section '{name}' needs a lowercase-hyphenated name "
                           "and a description in quotes", doc.line_of("optional_sections", name))
    return dict(sections)


def _files(folder: Path, doc: TomlDocument, data: dict[str, Any],
           findings: Findings) -> tuple[Path, Path, tuple[Path, ...]] | None:
    files = data.get("files")
    if not isinstance(files, dict):
        if "files" in data:
            findings.error(doc.path, "'files' must be a table ([files])", doc.line_of("files"))
        return None
    check_keys(doc, files, ("files",), _FILE_KEYS, ["handouts"], findings)
    guide = _document(folder, doc, files, "facilitator_guide", ".docx", findings)
    slides = _document(folder, doc, files, "slides", ".pptx", findings)
    handouts_value = files.get("handouts", [])  # none: the academy publishes some modules without
    if not isinstance(handouts_value, list):
        findings.error(doc.path, "'files.handouts' must be a list of .docx files (or left out)",
                       doc.line_of("files", "handouts"))
        return None
    handouts = [_document(folder, doc, {"handouts": value}, "handouts", ".docx", findings)
                for value in handouts_value]
    found = [path for path in handouts if path is not None]
    if guide is None or slides is None or len(found) < len(handouts):
        return None
    return guide, slides, tuple(found)


def _document(folder: Path, doc: TomlDocument, files: dict[str, Any], key: str, suffix: str,
              findings: Findings) -> Path | None:
    if key not in files:
        return None
    path = inside_folder(folder, files[key], doc, ("files", key), findings)
    if path is not None and path.suffix.lower() not in (suffix, suffix[:-1] + "m"):
        findings.error(doc.path, f"'files.{key}' = '{files[key]}' must be a {suffix} file",
                       doc.line_of("files", key))
        return None
    return path


def _start_time(doc: TomlDocument, data: dict[str, Any], findings: Findings) -> tuple[int, int]:
    value = data.get("start_time", "9:00")
    match = _TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        findings.error(doc.path, f"'start_time' must be a 24-hour time such as \"9:00\" or \"13:30\", not {value!r}",
                       doc.line_of("start_time"))
        return 9, 0
    return int(match.group(1)), int(match.group(2))


def _agenda(doc: TomlDocument, data: dict[str, Any], duration: int | None, findings: Findings) -> tuple[ScheduleItem, ...]:
    """[[agenda]] rows: the one schedule the agenda document, the plan and preflight read."""
    rows = data.get("agenda", [])
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        findings.error(doc.path, "'agenda' must be [[agenda]] tables with a title and minutes", doc.line_of("agenda"))
        return ()
    items = []
    for index, row in enumerate(rows):
        check_keys(doc, row, ("agenda", index), _AGENDA_KEYS, ["kind"], findings)
        title, minutes, kind = row.get("title"), row.get("minutes"), row.get("kind", "segment")
        line = doc.line_of("agenda", index)
        if not isinstance(title, str) or not title.strip():
            findings.error(doc.path, f"agenda row {index + 1} needs a title", line)
        elif isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
            findings.error(doc.path, f"agenda row {index + 1} ('{title}') needs minutes above 0", line)
        elif kind not in AGENDA_KINDS:
            findings.error(doc.path, f"agenda row {index + 1} ('{title}') has kind '{kind}'; use one of "
                           f"{', '.join(AGENDA_KINDS)}", line)
        else:
            items.append(ScheduleItem(title.strip(), minutes, kind))
    total = sum(item.minutes for item in items)
    if items and len(items) == len(rows) and duration and total != duration:
        findings.error(doc.path, f"the agenda adds up to {total} minutes, but duration_minutes is {duration}",
                       doc.line_of("agenda"))
    return tuple(items)
