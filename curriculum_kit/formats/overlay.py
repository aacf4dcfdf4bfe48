"""County overlays: one folder per overlay, parents folded in through `extends`.

A :class:`Layer` is one folder as written; an :class:`Overlay` is a county's overlay with
its whole `extends` chain applied — what `build`, `adapt` and `plan` use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InputError
from ..findings import Findings
from .calendar import CALENDAR_KEYS, CountyCalendar, fold_calendars, read_calendar
from .contacts import Contact, pasted_email, read_contacts, valid_email
from .folders import OVERLAY_FILE
from .images import MIN_LOGO_PIXELS, check_image
from .module import ID_PATTERN
from .orgchart import OrgChart, read_orgchart
from .overlay_files import CONTACTS, ORGCHART, TERMINOLOGY, TableSource, table_sources
from .programs import PROGRAM_LABELS, PROGRAMS, normalize_program
from .semver import Version
from .sources import SYMLINK, TomlDocument, check_keys, inside_folder, load_toml, suggest
from .stories import Story, read_story
from .terms import Term, merge_terms, read_terminology
from .untrusted import ID_CHARS, file_name_problem

TERMINOLOGY_FILE = "terminology.csv"
CONTACTS_FILE = "contacts.csv"
ORGCHART_FILE = "orgchart.csv"
STORIES_DIR = "stories"

_REQUIRED = ["slug", "county", "version"]
_OPTIONAL = ["extends", "buildable", "omit_sections", "programs", "trainers", *CALENDAR_KEYS]
_PROGRAM_KEYS = ["name", "short_name", "logo", "color"]
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


# A program's table as the county wrote it: name, short_name and color (text) and logo (a
# Path), each optional in one layer and folded over the extends chain.
ProgramFields = dict[str, Any]
_Read = TypeVar("_Read")
_Empty = TypeVar("_Empty")


@dataclass(frozen=True)
class Branding:
    """How one program of a county names and shows itself."""

    program: str
    name: str
    short_name: str = ""
    logo: Path | None = None
    color: str | None = None

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Trainer:
    name: str
    program: str
    title: str = ""
    email: str = ""


@dataclass(frozen=True)
class Layer:
    """One overlay folder exactly as its county wrote it (unset values are None)."""

    folder: Path
    slug: str
    county: str
    version: Version
    extends: str | None
    buildable: bool | None
    omit_sections: tuple[str, ...] | None
    programs: dict[str, ProgramFields]
    trainers: tuple[Trainer, ...] | None
    terms: tuple[Term, ...]
    contacts: tuple[Contact, ...]
    orgchart: OrgChart | None
    stories: tuple[Story, ...]
    doc: TomlDocument
    calendar: CountyCalendar | None = None  # closures, rooms, leave written in this folder
    tables: tuple[Path, ...] = ()  # the CSV files and workbooks the lists were read from

    @property
    def source_files(self) -> list[Path]:
        """The files that shape packets, for hashes in manifests and locks."""
        files = [self.folder / OVERLAY_FILE, *self.tables]
        files += [story.path for story in self.stories]
        files += sorted({fields["logo"] for fields in self.programs.values() if fields.get("logo")})
        return files


@dataclass(frozen=True)
class Overlay:
    """A county overlay with its parents applied, nearest layer winning."""

    chain: tuple[Layer, ...]  # this overlay first, then its parent, grandparent, ...
    programs: dict[str, Branding]
    trainers: tuple[Trainer, ...]
    buildable: bool
    omit_sections: tuple[str, ...]
    terms: tuple[Term, ...]
    contacts: tuple[Contact, ...]
    orgchart: OrgChart | None
    stories: tuple[Story, ...]
    calendar: CountyCalendar = CountyCalendar()

    def has_material(self, piece: str) -> bool:
        """Whether the county has anything for a piece of county material ('contacts',
        'orgchart', 'stories'; the co-branded 'cobrand' it always has): a module without a
        marker for a piece the county lacks simply gets none of it."""
        return {"cobrand": True, "contacts": bool(self.contacts), "orgchart": self.orgchart is not None,
                "stories": bool(self.stories)}[piece]

    @property
    def layer(self) -> Layer:
        return self.chain[0]

    @property
    def slug(self) -> str:
        return self.layer.slug

    @property
    def county(self) -> str:
        return self.layer.county

    @property
    def version(self) -> Version:
        return self.layer.version

    @property
    def folder(self) -> Path:
        return self.layer.folder

    def program_label(self, key: str) -> str:
        """The county's own short name for a program ('DCFS'), or 'Both programs'."""
        return self.programs[key].label if key in self.programs else "Both programs"


def load_layer(folder: Path, findings: Findings, *, check_folder_name: bool = True) -> Layer | None:
    """Read one overlay folder; every problem found goes to ``findings``.

    ``check_folder_name=False`` accepts a folder named otherwise than the slug (last year's
    copy unzipped as 'sp-old', compared by `overlay diff`)."""
    try:
        doc = load_toml(folder / OVERLAY_FILE)
    except InputError as exc:
        findings.error(exc.path or folder / OVERLAY_FILE, exc.message, exc.line)
        return None
    data = doc.data
    before = len(findings.errors)
    check_keys(doc, data, (), _REQUIRED, _OPTIONAL, findings)
    slug = data.get("slug")
    if "slug" in data:
        if not isinstance(slug, str) or not ID_PATTERN.fullmatch(slug):
            findings.error(doc.path, f"slug {slug!r} must be lowercase letters, digits and hyphens",
                           doc.line_of("slug"))
        elif len(slug) > ID_CHARS:
            findings.error(doc.path, f"slug is {len(slug)} characters long; at most {ID_CHARS} fit in the "
                           "packets' file names", doc.line_of("slug"))
        elif check_folder_name and slug != folder.name:
            findings.error(doc.path, f"slug '{slug}' does not match the folder name '{folder.name}'",
                           doc.line_of("slug"))
    county = data.get("county")
    if "county" in data and (not isinstance(county, str) or not county.strip()):
        findings.error(doc.path, "'county' must be the county's name", doc.line_of("county"))
    version = None
    if "version" in data:
        try:
            version = Version.parse(data["version"])
        except ValueError as exc:
            findings.error(doc.path, f"version: {exc}", doc.line_of("version"))
    extends = data.get("extends")
    if extends is not None and (not isinstance(extends, str) or not ID_PATTERN.fullmatch(extends)):
        # a slug, never a path: '../elsewhere' or '/etc' would read a folder outside the overlays
        findings.error(doc.path, "'extends' must be the slug of another overlay (a name, not a path)",
                       doc.line_of("extends"))
        extends = None
    buildable = data.get("buildable")
    if buildable is not None and not isinstance(buildable, bool):
        findings.error(doc.path, "'buildable' must be true or false", doc.line_of("buildable"))
    omit = data.get("omit_sections")
    if omit is not None and (not isinstance(omit, list) or not all(isinstance(s, str) for s in omit)):
        findings.error(doc.path, "'omit_sections' must be a list of optional section names",
                       doc.line_of("omit_sections"))
        omit = None
    programs = _programs(folder, doc, findings)
    trainers = _trainers(doc, findings)
    calendar = read_calendar(doc, findings)
    terms, contacts, orgchart, stories, tables = _data_files(folder, findings)
    # The None tests add nothing at run time (a missing required key is an error above);
    # they tell the type checker what the errors test already proved.
    if len(findings.errors) > before or slug is None or county is None or version is None:
        return None
    return Layer(folder, slug, county.strip(), version, extends, buildable,
                 tuple(omit) if omit is not None else None, programs, trainers,
                 terms, contacts, orgchart, stories, doc, calendar=calendar, tables=tables)


def _programs(folder: Path, doc: TomlDocument, findings: Findings) -> dict[str, ProgramFields]:
    table = doc.data.get("programs", {})
    if not isinstance(table, dict):
        findings.error(doc.path, "'programs' must be a table: [programs.cws] and [programs.calworks]",
                       doc.line_of("programs"))
        return {}
    check_keys(doc, table, ("programs",), [], PROGRAMS, findings)
    programs: dict[str, ProgramFields] = {}
    for key in PROGRAMS:
        fields = table.get(key, {})
        if not isinstance(fields, dict):
            findings.error(doc.path, f"'programs.{key}' must be a table", doc.line_of("programs", key))
            continue
        check_keys(doc, fields, ("programs", key), [], _PROGRAM_KEYS, findings)
        clean: ProgramFields = {}
        for name in ("name", "short_name"):
            if name in fields:
                if isinstance(fields[name], str) and fields[name].strip():
                    clean[name] = fields[name].strip()
                else:
                    findings.error(doc.path, f"'programs.{key}.{name}' must be non-empty text",
                                   doc.line_of("programs", key, name))
        if "color" in fields:
            if isinstance(fields["color"], str) and _COLOR.fullmatch(fields["color"]):
                clean["color"] = fields["color"].upper()
            else:
                findings.error(doc.path, f"'programs.{key}.color' = {fields['color']!r} must be "
                               "a colour like \"#1F5FA8\"", doc.line_of("programs", key, "color"))
        if "logo" in fields:
            logo = inside_folder(folder, fields["logo"], doc, ("programs", key, "logo"), findings)
            if logo is not None:
                try:
                    width, height = check_image(logo)
                    clean["logo"] = logo
                    if max(width, height) < MIN_LOGO_PIXELS:  # a cover and a title slide print it ~1.5 in wide
                        findings.warning(doc.path, f"'programs.{key}.logo' = '{fields['logo']}' is {width}x{height} "
                                         "pixels: printed on the cover and the title slide it looks blocky; use one "
                                         f"at least {2 * MIN_LOGO_PIXELS} pixels on its longer side",
                                         doc.line_of("programs", key, "logo"))
                except InputError as exc:
                    findings.error(doc.path, f"'programs.{key}.logo' = '{fields['logo']}': {exc.message}",
                                   doc.line_of("programs", key, "logo"))
        programs[key] = clean
    return programs


def _trainers(doc: TomlDocument, findings: Findings) -> tuple[Trainer, ...] | None:
    if "trainers" not in doc.data:
        return None
    entries = doc.data["trainers"]
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        findings.error(doc.path, "'trainers' must be a list of [[trainers]] tables", doc.line_of("trainers"))
        return None
    trainers = []
    for index, entry in enumerate(entries):
        check_keys(doc, entry, ("trainers", index), ["name", "program"], ["title", "email"], findings)
        program = entry.get("program")
        if "program" in entry:  # the spellings contacts.csv takes: "CalWORKs", "Child Welfare", "CW"
            key = normalize_program(program) if isinstance(program, str) else None
            if key not in PROGRAMS:
                findings.error(doc.path, f"trainer '{entry.get('name', '?')}' has program {program!r}; "
                               f"use {' or '.join(PROGRAMS)}", doc.line_of("trainers", index, "program"))
                continue
            program = key
        if all(isinstance(entry.get(k, ""), str) for k in ("name", "title", "email")) and "name" in entry:
            # spaces tidied, as the plan CSV's trainer columns and [[unavailable]] are read: a double
            # space or a line break in the name made the plan the tool wrote unreadable to it
            name = " ".join(entry["name"].split())
            email = pasted_email(entry.get("email", "").strip())
            if email and not valid_email(email):  # it becomes the calendar's ORGANIZER and ATTENDEE
                findings.error(doc.path, f"e-mail '{entry['email']}' of trainer '{name}' is not an address like "
                               "name@agency.example.org", doc.line_of("trainers", index, "email"))
                continue
            trainers.append(Trainer(name, program, entry.get("title", ""), email))
    return tuple(trainers)


def _data_files(folder: Path, findings: Findings) -> tuple[tuple[Term, ...], tuple[Contact, ...], OrgChart | None,
                                                        tuple[Story, ...], tuple[Path, ...]]:
    """terminology, contacts, org chart (each a CSV file, a workbook or a sheet of overlay.xlsx),
    stories, and the files the lists came from; each is optional."""
    def attempt(read: Callable[[Path, Findings, str | None], _Read], source: TableSource | None,
                empty: _Empty) -> _Read | _Empty:
        if source is None:
            return empty
        try:
            return read(source.path, findings, source.sheet)
        except InputError as exc:
            findings.error(exc.path or source.path, exc.message, exc.line)
            return empty

    try:
        sources: dict[str, TableSource] = table_sources(folder)
    except InputError as exc:
        findings.error(exc.path or folder, exc.message, exc.line)
        sources = {}
    terms: tuple[Term, ...] = attempt(read_terminology, sources.get(TERMINOLOGY), ())
    contacts: tuple[Contact, ...] = attempt(read_contacts, sources.get(CONTACTS), ())
    orgchart = attempt(read_orgchart, sources.get(ORGCHART), None)
    stories: list[Story] = []
    for path in _story_files(folder / STORIES_DIR, findings):
        try:
            story = read_story(path, findings)
        except InputError as exc:
            findings.error(exc.path or path, exc.message, exc.line)
            continue
        if story is not None:
            stories.append(story)
    tables = tuple(dict.fromkeys(source.path for source in sources.values()))
    return terms, contacts, orgchart, tuple(stories), tables


def _story_files(stories: Path, findings: Findings) -> list[Path]:
    """stories/*.md, from a real folder inside the overlay (a link to a folder elsewhere would
    ship its files in the county's packets), each with a name a document can hold."""
    if stories.is_symlink():
        findings.error(stories, SYMLINK.replace("a symbolic link", "a symbolic link to a folder"))
        return []
    files = []
    for path in sorted(stories.glob("*.md")):
        problem = file_name_problem(path.name)
        if problem:
            findings.error(path, f"the file name {problem}")
        else:
            files.append(path)
    return files


def resolve(slug: str, layers: dict[str, Layer], findings: Findings) -> Overlay | None:
    """Fold the `extends` chain of ``slug`` into one overlay; report missing parents and cycles."""
    chain: list[Layer] = []
    seen: set[str] = set()
    current: str | None = slug
    while current is not None:
        layer = layers.get(current)
        if layer is None:
            child = chain[-1]
            if (child.folder.parent / current / OVERLAY_FILE).is_file():
                problem = f"extends '{current}', which has errors of its own (fix those first)"
            else:
                known = [*layers, *(f.parent.name for f in child.folder.parent.glob(f"*/{OVERLAY_FILE}"))]
                problem = (f"extends '{current}', but there is no overlay folder of that name"
                           f"{suggest(current, sorted(set(known) - {child.slug}))}")
            findings.error(child.doc.path, problem, child.doc.line_of("extends"))
            return None
        if current in seen:  # by slug: comparing layers compared all their rows
            names = " -> ".join(link.slug for link in chain + [layer])
            findings.error(chain[0].doc.path, f"'extends' forms a cycle: {names}",
                           chain[0].doc.line_of("extends"))
            return None
        chain.append(layer)
        seen.add(current)
        current = layer.extends
    return _fold(tuple(chain), findings)


def _fold(chain: tuple[Layer, ...], findings: Findings) -> Overlay | None:
    programs: dict[str, ProgramFields] = {key: {} for key in PROGRAMS}
    omit: tuple[str, ...] = ()
    trainers: tuple[Trainer, ...] = ()
    orgchart: OrgChart | None = None
    contacts: dict[tuple[str, str], list[Contact]] = {}  # by program and role: two liaisons are two rows
    stories: dict[str, Story] = {}
    for layer in reversed(chain):  # root ancestor first, so nearer layers win
        for key, fields in layer.programs.items():
            programs[key].update(fields)
        omit = layer.omit_sections if layer.omit_sections is not None else omit
        trainers = layer.trainers if layer.trainers is not None else trainers
        if layer.orgchart is not None and (layer.orgchart.people or orgchart is None):
            orgchart = layer.orgchart  # a list left empty (overlay new's template) leaves the parent's
        own: dict[tuple[str, str], list[Contact]] = {}
        for contact in layer.contacts:
            own.setdefault(contact.key, []).append(contact)
        contacts.update(own)  # a layer's rows of a program and role replace its parents' rows of it
        stories.update((story.name, story) for story in layer.stories)
    buildable = chain[0].buildable is not False  # being parent-only is not inherited
    brandings = {}
    for key in PROGRAMS:
        fields = programs[key]
        if "name" not in fields:
            findings.error(chain[0].doc.path, f"no name for the {PROGRAM_LABELS[key]} program: add "
                           f"[programs.{key}] name = \"...\" (here or in a parent overlay)",
                           chain[0].doc.line_of("programs", key))
            return None
        brandings[key] = Branding(key, fields["name"], fields.get("short_name", ""),
                                  fields.get("logo"), fields.get("color"))
    terms = merge_terms(*(layer.terms for layer in reversed(chain)))
    before = len(findings.errors)
    team: tuple[Trainer, ...] = tuple(trainers)
    calendar = fold_calendars([(layer.doc, layer.calendar) for layer in chain], [t.name for t in team], findings)
    if len(findings.errors) > before:
        return None
    return Overlay(chain, brandings, team, buildable, tuple(omit), terms,
                   tuple(contact for rows in contacts.values() for contact in rows), orgchart,
                   tuple(stories.values()), calendar)
