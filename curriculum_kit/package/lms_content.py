"""A module's participant material for a learning management system, as plain data.

Each participant packet (one, or one per program when handouts have program-only sections)
becomes an IMS Common Cartridge 1.3 and/or a SCORM 1.2 package holding what staff get in
the room: the agenda, the handouts, the local contacts and the org chart, each with its PDF
when PDFs are built, behind a start page in the county's words with both programs' logos,
and the session's segments (:func:`curriculum_kit.agenda.session_agenda`) in order.
The documents come in from the caller (the build, or `export`), already made.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..agenda import clock, session_agenda
from ..formats.module import Module
from ..formats.overlay import Overlay, Trainer
from ..formats.programs import PROGRAMS
from ..ooxml.matcher import compiled_matcher
from ..outputs import Stamp
from ..wording import PROGRAM_FALLBACK_COLORS, pair_text
from .export_cc import cc_cartridge
from .export_scorm import scorm_package
from .lms import Landing, LmsPackage, Material, ProgramBrand, Segment
from .manifest import packet_name

# format -> (label on the catalog, file name ending)
FORMATS = {"cc": ("Common Cartridge 1.3", ".imscc"), "scorm12": ("SCORM 1.2", "_scorm12.zip")}
# what each kind of agenda item is, on its page
_ABOUT = {
    "connect": "Time to connect: welcome and introductions, so staff of both programs know who they work with.",
    "content": "A learning segment of the module.",
    "break": "A break, and time to connect with someone from the other program.",
    "lunch": "Lunch, and time to connect: sit with someone from the other program.",
    "closing": "Closing: the evaluation and the next steps.",
}
_SLUG = re.compile(r"[^a-z0-9]+")
_SHARED_TITLES = {"agenda": "Session agenda", "local-contacts": "Local contacts", "org-chart": "Org chart"}


@dataclass(frozen=True)
class ExportFile:
    name: str
    label: str
    data: bytes


def lms_exports(overlay: Overlay, module: Module, participants: dict[str, dict[str, bytes]],
                pair: tuple[Trainer, Trainer] | None, logos: dict[str, bytes], stamp: Stamp,
                formats: tuple[str, ...]) -> list[ExportFile]:
    """The exports of every participant packet: ``participants`` maps each participant role
    to its files (PDFs included), ``formats`` are keys of :data:`FORMATS`."""
    files = []
    for role, documents in participants.items():
        package = lms_package(overlay, module, role, documents, pair, logos)
        stem = packet_name(overlay, module, role).removesuffix(".zip")
        audience = _audience(overlay, role)
        for fmt in formats:
            label, ending = FORMATS[fmt]
            data = (cc_cartridge if fmt == "cc" else scorm_package)(package, stamp.zip_time)
            files.append(ExportFile(stem + ending, label if role == "participant" else f"{label} ({audience})", data))
    return files


def lms_package(overlay: Overlay, module: Module, role: str, documents: dict[str, bytes],
                pair: tuple[Trainer, Trainer] | None, logos: dict[str, bytes]) -> LmsPackage:
    """What one participant packet gives an LMS, with its start page's words; ``logos``
    holds each program's logo as PNG (the caller sizes them as the documents do)."""
    words = compiled_matcher(overlay.terms)
    title = words.replace(module.title)
    audience = _audience(overlay, role)
    full_title = f"{title} — {overlay.county}" + ("" if role == "participant" else f" ({audience} staff)")
    description = words.replace(module.description) or f"Participant material for {title}."
    files = dict(documents)
    brands = []
    for key in PROGRAMS:
        branding = overlay.programs[key]
        logo = None
        if key in logos:
            logo = f"logos/{key}.png"
            files[logo] = logos[key]
        brands.append(ProgramBrand(branding.name, branding.short_name, branding.color or PROGRAM_FALLBACK_COLORS[key],
                                   logo))
    trainers = _trainers(overlay, pair)
    # the times the agenda document prints: from the module's start time
    agenda = tuple(Segment(f"segments/{number:02d}-{_slug(item.title)}.html", words.replace(item.title),
                           f"{clock(item.start, *module.start_time)} – {clock(item.end, *module.start_time)}", item.minutes, item.kind, _ABOUT[item.kind])
                   for number, item in enumerate(session_agenda(module), start=1))
    version = f"{module.version}+{overlay.slug}.{overlay.version}"
    landing = Landing(overlay.county, title, description,
                      "For participants from both programs" if role == "participant" else f"For {audience} staff",
                      tuple(brands), trainers, agenda,
                      f"Module {module.id} version {module.version} · {overlay.county} overlay version {overlay.version}")
    return LmsPackage(f"ck.{overlay.slug}.{module.id}.{role}", full_title, description, version, landing,
                      _materials(documents), files)


def _slug(title: str) -> str:
    """'Welcome, introductions…' -> 'welcome-introductions…': from the module's own words, not
    the county's, so a change of overlay wording keeps the page's path and identifiers."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = _SLUG.sub("-", ascii_title).strip("-")
    if len(slug) > 40:
        slug = slug[:40].rsplit("-", 1)[0]
    return slug or "segment"


def _audience(overlay: Overlay, role: str) -> str:
    program = role.removeprefix("participant-")
    return overlay.programs[program].label if program in overlay.programs else "all"


def _materials(documents: dict[str, bytes]) -> tuple[Material, ...]:
    """Agenda first, then handouts in the module's order, then contacts and org chart."""
    sources = [name for name in documents if not name.endswith(".pdf")]
    rank = {"agenda": 0, "local-contacts": 2, "org-chart": 3}
    sources.sort(key=lambda name: rank.get(Path(name).stem, 1) if "/" not in name else 1)
    materials = []
    for name in sources:
        stem = Path(name).stem
        pdf = str(Path(name).with_suffix(".pdf"))
        files = (pdf, name) if pdf in documents else (name,)
        if name.startswith("handouts/"):
            title = "Handout: " + _file_title(re.sub(r"^handout[-_ ]+", "", stem, flags=re.IGNORECASE))
        else:
            title = _SHARED_TITLES.get(stem, _file_title(stem))
        materials.append(Material(name.rsplit(".", 1)[0], title, files))
    return tuple(materials)


def _file_title(stem: str) -> str:
    """A file name as a title: 'CalWORKs-WTW-quick-reference' -> 'CalWORKs WTW quick reference'
    (its capitals kept: str.capitalize() made 'Calworks wtw')."""
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


def _trainers(overlay: Overlay, pair: tuple[Trainer, Trainer] | None) -> str:
    """Who co-facilitates (lesson 3): the session's pair, or the county's trainers by program."""
    if pair:
        return f"Your co-facilitators: {pair_text(overlay, pair)}."
    teams = [(overlay.programs[key].label, [t.name for t in overlay.trainers if t.program == key]) for key in PROGRAMS]
    if not all(names for _, names in teams):
        return ""
    return ("Co-facilitated by one trainer of each program: "
            + "; ".join(f"{', '.join(names)} ({label})" for label, names in teams) + ".")
