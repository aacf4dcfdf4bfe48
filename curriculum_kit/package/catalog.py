"""The catalog trainers and learners open: ``<out>/index.html`` and ``<out>/<county>/index.html``.

It is read from what a build leaves on disk (each module folder's ``manifest.json``, a
``last-failure.json`` beside it when the latest build of those packets failed, the title
slide thumbnail, a review page, LMS exports), so it describes exactly what can be
downloaded, never what a build meant to make. A county's page is a list of sections so that
other listings (planned sessions, say) can join the packets later without a new page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build_status import read_failure
from .manifest import MANIFEST, read_manifest

REVIEW_PAGE = "review.html"  # written next to the packets by `review` (issue 11) when it exists


@dataclass(frozen=True)
class Download:
    label: str
    href: str  # relative to the output folder, '/'-separated
    size: int
    sha256: str = ""


@dataclass(frozen=True)
class Failure:
    """The latest build of a module's packets failed; the packets listed are the previous ones."""

    at: str
    reason: str


@dataclass(frozen=True)
class ModuleEntry:
    """One module as a county offers it: what it is, its place, and what to download."""

    module_id: str
    title: str
    level: str  # orientation | nuts-and-bolts | advanced, '' when the manifest predates it
    duration_minutes: int
    programs: tuple[str, ...]
    module_version: str
    overlay_version: str
    built_at: str
    packets: tuple[Download, ...]
    exports: tuple[Download, ...] = ()
    failure: Failure | None = None
    thumbnail: str | None = None  # title slide PNG, relative to the output folder
    review: str | None = None  # the packet's review page, relative to the output folder


@dataclass(frozen=True)
class PacketsSection:
    """The county's modules in teaching order with their packets."""

    heading: str
    modules: tuple[ModuleEntry, ...]


@dataclass(frozen=True)
class SessionsSection:
    """Planned sessions of the county with built packets, from the build's day on
    (``build --plan``), as :func:`session_catalog.upcoming_sessions` gives them."""

    heading: str
    sessions: tuple[dict[str, Any], ...]


Section = SessionsSection | PacketsSection  # a new kind of listing joins this union and the page's renderer


@dataclass(frozen=True)
class CountyListing:
    slug: str
    name: str
    program_names: tuple[str, ...]  # the county's names for both programs, for searching
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def modules(self) -> tuple[ModuleEntry, ...]:
        return tuple(m for s in self.sections if isinstance(s, PacketsSection) for m in s.modules)


def read_catalog(out: Path, order: tuple[str, ...] = (),
                 upcoming: list[dict[str, Any]] | None = None) -> list[CountyListing]:
    """Every county with built packets under ``out``, modules in ``order`` (teaching order;
    modules it does not name follow by level, then id), with its part of ``upcoming``
    sessions first."""
    rank = {module_id: index for index, module_id in enumerate(order)}
    counties: dict[str, list[tuple[ModuleEntry, dict[str, Any]]]] = {}
    for path in sorted(out.glob(f"*/*/{MANIFEST}")):
        manifest = read_manifest(path.parent)
        if manifest and isinstance(manifest.get("overlay"), dict) and isinstance(manifest.get("module"), dict):
            entry = _entry(out, path.parent, manifest)
            counties.setdefault(path.parent.parent.name, []).append((entry, manifest))
    sessions: dict[str, list[dict[str, Any]]] = {}
    for session in upcoming or []:
        sessions.setdefault(session["packets"][0]["href"].split("/")[0] if session["packets"] else "", []).append(session)
    listings = []
    for slug in sorted(set(counties) | set(sessions) - {""}):
        entries = counties.get(slug, [])
        entries.sort(key=lambda pair: (rank.get(pair[0].module_id, len(rank)), _LEVELS.get(pair[0].level, 3),
                                       pair[0].module_id))
        overlay = entries[0][1]["overlay"] if entries else {"county": sessions[slug][0]["county"]}
        names = tuple(str(v.get("short_name") or v.get("name") or "") for v in overlay.get("programs", {}).values())
        parts: list[Section] = []
        if slug in sessions:
            parts.append(SessionsSection("Upcoming sessions", tuple(sessions[slug])))
        if entries:
            parts.append(PacketsSection("Training packets", tuple(e for e, _ in entries)))
        listings.append(CountyListing(slug, str(overlay.get("county", slug)), names, tuple(parts)))
    return listings


_LEVELS = {"orientation": 0, "nuts-and-bolts": 1, "advanced": 2}


def _entry(out: Path, folder: Path, manifest: dict[str, Any]) -> ModuleEntry:
    module, overlay = manifest["module"], manifest["overlay"]
    teaching = manifest.get("teaching", {})
    base = folder.relative_to(out).as_posix()
    programs = overlay.get("programs", {})
    packets = tuple(Download(_packet_label(p, programs), f"{base}/{p['file']}", p["bytes"], p["sha256"])
                    for p in manifest.get("packets", []))
    exports = tuple(Download(e["label"], f"{base}/{e['file']}", e["bytes"], e["sha256"])
                    for e in manifest.get("exports", []))
    failure = read_failure(folder)
    thumbnail = manifest.get("thumbnail")
    return ModuleEntry(
        module["id"], manifest.get("title") or module.get("title", module["id"]), teaching.get("level", ""),
        int(teaching.get("duration_minutes", 0)), tuple(teaching.get("programs", ())),
        str(module.get("version", "")), str(overlay.get("version", "")), str(manifest.get("built_at", "")),
        packets, exports, Failure(failure["failed_at"], failure["reason"]) if failure else None,
        f"{base}/{thumbnail}" if thumbnail and (folder / thumbnail).is_file() else None,
        f"{base}/{REVIEW_PAGE}" if (folder / REVIEW_PAGE).is_file() else None)


def _packet_label(packet: dict[str, Any], programs: dict[str, Any]) -> str:
    """'Participant packet, DCFS staff': short (the page lists thousands), in the county's words."""
    role = str(packet.get("role", ""))
    program = role.removeprefix("participant-") if role.startswith("participant-") else ""
    local = programs.get(program, {})
    if local:
        return f"Participant packet, {local.get('short_name') or local.get('name')} staff"
    return _LABELS.get(role, str(packet.get("label", role)))


_LABELS = {"facilitator": "Facilitator packet", "participant": "Participant packet",
           "participant-cws": "Participant packet, Child Welfare Services staff",
           "participant-calworks": "Participant packet, CalWORKs staff"}
