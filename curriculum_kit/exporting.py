"""`export` and `build --export`: a module's participant material for a learning management system.

Each participant packet (one, or one per program when handouts have program-only sections)
becomes an IMS Common Cartridge 1.3 and/or a SCORM 1.2 package holding what staff get in
the room: the agenda, the handouts, the local contacts and the org chart, each with its PDF
when PDFs are built, behind a start page in the county's words with both programs' logos.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .agenda import clock, session_agenda
from .errors import InvalidInputs
from .findings import Findings
from .formats.library import Library
from .formats.module import Module
from .formats.overlay import Overlay, Trainer
from .formats.programs import PROGRAMS
from .generate.common import logo_png
from .ooxml.matcher import compiled_matcher
from .outputs import Stamp, atomic_output
from .package import pdf as pdf_tools
from .package.export_cc import cc_cartridge
from .package.export_scorm import scorm_package
from .package.lms import Landing, LmsPackage, Material, ProgramBrand
from .packets import ModulePackets, county_documents, module_packets
from .validate import check_module
from .wording import PROGRAM_FALLBACK_COLORS

# format -> (label on the catalog, file name ending)
FORMATS = {"cc": ("Common Cartridge 1.3", ".imscc"), "scorm12": ("SCORM 1.2", "_scorm12.zip")}
_SHARED_TITLES = {"agenda": "Session agenda", "local-contacts": "Local contacts", "org-chart": "Org chart"}


@dataclass(frozen=True)
class ExportFile:
    name: str
    label: str
    data: bytes


def packet_name(overlay: Overlay, module: Module, role: str) -> str:
    """A file name that explains itself once downloaded."""
    return f"{overlay.slug}_{module.id}_{role}_module-{module.version}_overlay-{overlay.version}.zip"


def lms_exports(overlay: Overlay, module: Module, packets: ModulePackets, documents: dict[str, dict[str, bytes]],
                stamp: Stamp, formats: tuple[str, ...]) -> list[ExportFile]:
    """The exports of every participant packet; ``documents`` holds each role's files
    (PDFs included), ``formats`` keys of :data:`FORMATS`."""
    files = []
    for packet in packets.packets:
        if not packet.role.startswith("participant"):
            continue
        package = lms_package(overlay, module, packet.role, documents[packet.role], packets.pair)
        stem = packet_name(overlay, module, packet.role).removesuffix(".zip")
        audience = _audience(overlay, packet.role)
        for fmt in formats:
            label, ending = FORMATS[fmt]
            data = (cc_cartridge if fmt == "cc" else scorm_package)(package, stamp.zip_time)
            files.append(ExportFile(stem + ending, label if packet.role == "participant" else f"{label} ({audience})",
                                    data))
    return files


def lms_package(overlay: Overlay, module: Module, role: str, documents: dict[str, bytes],
                pair: tuple[Trainer, Trainer] | None) -> LmsPackage:
    """What one participant packet gives an LMS, with its start page's words."""
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
        if branding.logo:
            logo = f"logos/{key}.png"
            files[logo] = logo_png(branding.logo)
        brands.append(ProgramBrand(branding.name, branding.short_name, branding.color or PROGRAM_FALLBACK_COLORS[key],
                                   logo))
    trainers = " and ".join(f"{t.name} ({overlay.programs[t.program].label})" for t in pair) if pair else ""
    agenda = tuple((f"{clock(item.start)} – {clock(item.end)}", words.replace(item.title))
                   for item in session_agenda(module))
    version = f"{module.version}+{overlay.slug}.{overlay.version}"
    landing = Landing(overlay.county, title, description,
                      "For participants from both programs" if role == "participant" else f"For {audience} staff",
                      tuple(brands), trainers, agenda,
                      f"Module {module.id} version {module.version} · {overlay.county} overlay version {overlay.version}")
    return LmsPackage(f"ck.{overlay.slug}.{module.id}.{role}", full_title, description, version, landing,
                      _materials(documents), files)


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
            title = "Handout: " + stem.removeprefix("handout-").replace("-", " ").replace("_", " ").capitalize()
        else:
            title = _SHARED_TITLES.get(stem, stem.replace("-", " ").capitalize())
        materials.append(Material(name.rsplit(".", 1)[0], title, files))
    return tuple(materials)


def export_module(library: Library, slug: str, module_id: str, formats: tuple[str, ...], out: Path,
                  pdf: bool, epoch: int | None) -> list[Path]:
    """`curriculum-kit export`: build the module's packets for the county in memory and write
    the exports of its participant packets to ``out``."""
    overlay, module = library.overlay(slug), library.module(module_id)
    findings = Findings()
    check_module(module, library.modules, findings)
    if findings.errors:
        raise InvalidInputs(findings.errors)
    stamp = Stamp.from_epoch(epoch if epoch is not None else int(datetime.now(UTC).timestamp()))
    turn = sorted(library.modules).index(module_id)  # the same co-facilitators as a full build
    packets = module_packets(module, county_documents(overlay, stamp), turn, stamp)
    documents = {p.role: dict(p.documents) for p in packets.packets if p.role.startswith("participant")}
    if pdf:
        pending = {hashlib.sha256(data).hexdigest(): (name, data)
                   for role in documents.values() for name, data in role.items()}
        pdfs = pdf_tools.convert_documents(pending, stamp.when.strftime("%Y%m%d%H%M%S"))
        for role in documents.values():
            for name, data in list(role.items()):
                role[str(Path(name).with_suffix(".pdf"))] = pdfs[hashlib.sha256(data).hexdigest()]
    written = []
    out.mkdir(parents=True, exist_ok=True)
    for export in lms_exports(overlay, module, packets, documents, stamp, formats):
        with atomic_output(out / export.name) as stream:
            stream.write(export.data)
        written.append(out / export.name)
    return written
