"""`build`: every selected module for every selected county, incremental and in parallel.

load (the caller's Library) -> plan (which county/module pairs are stale) -> per county,
in a worker: adapt and assemble documents, convert PDFs in one batch, write zips and the
manifest -> the catalog. One county's failure never stops the others.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import __version__
from .errors import CurriculumKitError, InputError, located
from .findings import Findings
from .formats.library import Library, known_hint
from .formats.module import Module
from .formats.overlay import Overlay
from .formats.stories import size_warning
from .outputs import Stamp, check_outputs, write_json
from .package import pdf as pdf_tools
from .package.catalog import write_catalog
from .package.manifest import MANIFEST, inputs_key, is_current, module_sources, overlay_sources
from .package.readme import ROLE_TITLES, readme
from .package.zipper import Entry, sha256_file, write_zip
from .packets import ModulePackets, county_documents, module_packets
from .validate import check_module
from .versioning.lock import lock_problems

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@dataclass(frozen=True)
class BuildOptions:
    out: Path = Path("dist")
    pdf: bool = False
    jobs: int = 1
    modules: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    epoch: int | None = None  # SOURCE_DATE_EPOCH; None means now
    locked: bool = False  # a county whose modules.lock differs from a module fails for it


@dataclass
class Outcome:
    """What happened to one county's packets for one module."""

    county: str
    module: str
    status: str  # built, current, failed
    message: str = ""
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Job:
    module: Module
    key: str
    module_info: dict[str, Any]
    chain_info: list[dict[str, Any]]
    turn: int
    warnings: list[str]


def build(library: Library, options: BuildOptions, report: Callable[[Outcome], None]) -> list[Outcome]:
    """Build what is stale, report each outcome as it comes, write the catalog."""
    modules = _select(options.modules, library.modules, "module", library.modules_dir)
    counties = _select(options.counties, library.overlays, "overlay", library.overlays_dir)
    check_outputs([("--out", options.out)], read_only=[library.modules_dir, library.overlays_dir])
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        report(outcome)

    try:
        _build_all(library, options, modules, counties, done)
    finally:  # the download page is written whatever happened, and names what failed
        options.out.mkdir(parents=True, exist_ok=True)
        write_catalog(options.out, [(o.county, o.module, o.message) for o in outcomes if o.status == "failed"])
    return outcomes


def _build_all(library: Library, options: BuildOptions, modules: list[str], counties: list[str],
               done: Callable[[Outcome], None]) -> None:
    _remove_partial_files(options.out, counties, modules)
    for failure in _load_failures(library, options):
        done(failure)
    jobs: dict[str, list[_Job]] = {}
    epoch = options.epoch if options.epoch is not None else int(datetime.now(UTC).timestamp())
    build_options = {"pdf": options.pdf, "epoch": options.epoch}
    module_infos = {m: module_sources(library.modules[m]) for m in modules}
    for slug in counties:
        overlay = library.overlays[slug]
        if not options.counties and not overlay.buildable:
            continue
        chain_info = overlay_sources(overlay)
        long_stories = [f"{story.path.name}: {note}" for story in overlay.stories if (note := size_warning(story))]
        for turn, module_id in enumerate(modules):
            problem = lock_problems(overlay, library.modules[module_id])
            if problem and options.locked:
                done(Outcome(slug, module_id, "failed", problem))
                continue
            warnings = ([problem] if problem else []) + long_stories
            key = inputs_key(module_infos[module_id], chain_info, build_options)
            if is_current(options.out / slug / module_id, key):
                done(Outcome(slug, module_id, "current", warnings=warnings))
                continue
            jobs.setdefault(slug, []).append(_Job(library.modules[module_id], key, module_infos[module_id],
                                                  chain_info, turn, warnings))
    module_errors = _module_errors(library, sorted({job.module.id for js in jobs.values() for job in js}))
    for slug in list(jobs):
        for job in [job for job in jobs[slug] if job.module.id in module_errors]:
            done(Outcome(slug, job.module.id, "failed", module_errors[job.module.id]))
        jobs[slug] = [job for job in jobs[slug] if job.module.id not in module_errors]
    tasks = [(library.overlays[slug], county_jobs, options, epoch)
             for slug, county_jobs in jobs.items() if county_jobs]
    if options.jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            for outcome in _build_county(*task):
                done(outcome)
        return
    with ProcessPoolExecutor(max_workers=options.jobs, initializer=_end_with_parent,
                             initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(_build_county, *task): task for task in tasks}
        for future in as_completed(futures):
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker that died or a result that cannot travel
                overlay, county_jobs = futures[future][:2]
                results = [Outcome(overlay.slug, job.module.id, "failed", _internal(exc)) for job in county_jobs]
            for outcome in results:
                done(outcome)


def planned_pairs(library: Library, options: BuildOptions) -> int:
    """How many county/module pairs a build will report on (for a progress bar)."""
    modules = _select(options.modules, library.modules, "module", library.modules_dir)
    counties = _select(options.counties, library.overlays, "overlay", library.overlays_dir)
    buildable = [slug for slug in counties if options.counties or library.overlays[slug].buildable]
    return len(modules) * len(buildable) + len(_load_failures(library, options))


def _select(wanted: tuple[str, ...], known: Mapping[str, object], what: str, folder: Path) -> list[str]:
    """The names to build: ``wanted`` (all ``known`` when empty). A wanted name whose folder
    has errors is not built but not refused either: it fails with its own error."""
    for name in wanted:
        if name not in known and not (folder / name).is_dir():
            raise InputError(f"no {what} '{name}' in {folder}{known_hint(name, known)}")
    return [name for name in wanted if name in known] if wanted else sorted(known)


def _load_failures(library: Library, options: BuildOptions) -> list[Outcome]:
    """Overlays that could not be loaded fail as a whole county, modules as a whole module,
    each with its first error: nothing with an error is dropped in silence."""
    failures = []
    for root, loaded, wanted, is_county in ((library.overlays_dir, library.overlays, options.counties, True),
                                            (library.modules_dir, library.modules, options.modules, False)):
        for folder in sorted(root.iterdir()) if root.is_dir() else []:
            name = folder.name
            if not folder.is_dir() or name in loaded or name.startswith((".", "_")):
                continue
            if wanted and name not in wanted:
                continue
            problems = [f for f in library.findings.errors if f.path.is_relative_to(folder)]
            if problems:
                message = str(problems[0]).replace(": error:", ":", 1)
                failures.append(Outcome(name, "", "failed", message) if is_county else
                                Outcome("", name, "failed", message))
    return failures


def _remove_partial_files(out: Path, counties: list[str], modules: list[str]) -> None:
    """Temporary files a killed build left behind (``atomic_output``'s '.NAME.XXXX.part'), in
    the folders this build writes and nowhere else (``--out .`` holds other folders too)."""
    folders = [out, *(out / slug / module for slug in counties for module in modules)]
    for folder in folders:
        for stale in folder.glob(".*.part"):
            with suppress(OSError):
                stale.unlink()


def _end_with_parent(parent: int) -> None:
    """A pool worker's first act: make sure it ends when the build does, even a killed one
    (``kill -9`` gives the pool no chance to stop its workers, which would go on writing).

    On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG); elsewhere,
    and should the parent have died before the call, a thread checks the parent's id.
    """
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _internal(exc: BaseException) -> str:
    """An unexpected failure as one line (a library's message may hold line breaks)."""
    return located(None, None, f"internal error while building ({type(exc).__name__}: {exc})")


def _module_errors(library: Library, modules: list[str]) -> dict[str, str]:
    errors = {}
    for module_id in modules:
        findings = Findings()
        check_module(library.modules[module_id], library.modules, findings)
        if findings.errors:
            errors[module_id] = str(findings.errors[0]).replace(": error:", ":", 1)
    return errors


def _build_county(overlay: Overlay, jobs: list[_Job], options: BuildOptions, epoch: int) -> list[Outcome]:
    """Everything for one county, in one worker: county documents are made once."""
    try:
        return _county_outcomes(overlay, jobs, options, epoch)
    except Exception as exc:  # noqa: BLE001 - one county's surprise must not stop the others
        return [Outcome(overlay.slug, job.module.id, "failed", _internal(exc)) for job in jobs]


def _county_outcomes(overlay: Overlay, jobs: list[_Job], options: BuildOptions, epoch: int) -> list[Outcome]:
    stamp = Stamp.from_epoch(epoch)
    try:
        county = county_documents(overlay, stamp)
    except CurriculumKitError as exc:
        return [Outcome(overlay.slug, job.module.id, "failed", str(exc)) for job in jobs]
    built: list[tuple[_Job, ModulePackets]] = []
    outcomes = []
    for job in jobs:
        try:
            built.append((job, module_packets(job.module, county, job.turn, stamp)))
        except CurriculumKitError as exc:
            outcomes.append(Outcome(overlay.slug, job.module.id, "failed", str(exc)))
        except Exception as exc:  # noqa: BLE001 - one county's surprise must not stop the others
            outcomes.append(Outcome(overlay.slug, job.module.id, "failed", _internal(exc)))
    pdfs: dict[str, bytes] = {}
    if options.pdf and built:
        try:
            pdfs = _convert_all(built, stamp)
        except CurriculumKitError as exc:
            return outcomes + [Outcome(overlay.slug, job.module.id, "failed", str(exc)) for job, _ in built]
    for job, packets in built:
        try:
            outcomes.append(_write(overlay, job, packets, pdfs, options, stamp))
        except OSError as exc:  # the disk refused this packet (full, a name too long): the next may fit
            outcomes.append(Outcome(overlay.slug, job.module.id, "failed",
                                    located(exc.filename, None, exc.strerror or str(exc))))
    return outcomes


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _convert_all(built: list[tuple[_Job, ModulePackets]], stamp: Stamp) -> dict[str, bytes]:
    """PDFs for every distinct document of the county, keyed by the document's sha256."""
    pending: dict[str, tuple[str, bytes]] = {}
    for _, packets in built:
        for packet in packets.packets:
            for name, data in packet.documents.items():
                pending.setdefault(_digest(data), (name, data))
    with tempfile.TemporaryDirectory(prefix="ck-pdf-") as temp:
        folder = Path(temp)
        sources = {}
        for digest, (name, data) in pending.items():
            path = folder / f"{digest[:16]}{Path(name).suffix}"
            path.write_bytes(data)
            sources[path] = digest
        converted = pdf_tools.convert(list(sources), folder / "pdf", stamp.when.strftime("%Y%m%d%H%M%S"))
        return {sources[src]: pdf.read_bytes() for src, pdf in converted.items()}


def packet_name(overlay: Overlay, module: Module, role: str) -> str:
    """A file name that explains itself once downloaded."""
    return f"{overlay.slug}_{module.id}_{role}_module-{module.version}_overlay-{overlay.version}.zip"


def _write(overlay: Overlay, job: _Job, packets: ModulePackets, pdfs: dict[str, bytes],
           options: BuildOptions, stamp: Stamp) -> Outcome:
    module = job.module
    folder = options.out / overlay.slug / module.id
    folder.mkdir(parents=True, exist_ok=True)
    versions = f"module {module.id} {module.version} · overlay {overlay.slug} {overlay.version}"
    manifest_packets, written = [], []
    for packet in packets.packets:
        name = packet_name(overlay, module, packet.role)
        top = name.removesuffix(".zip")
        documents = dict(packet.documents)
        for doc_name, data in packet.documents.items():
            if _digest(data) in pdfs:
                documents[str(Path(doc_name).with_suffix(".pdf"))] = pdfs[_digest(data)]
        text = readme(packet.role, overlay.county, module.title, versions, sorted(documents),
                      module.facilitator_guide.name, module.slides.name)
        documents["README.txt"] = text.encode("utf-8")
        entries = [Entry(f"{top}/{path}", data) for path, data in documents.items()]
        write_zip(folder / name, entries, stamp.zip_time)
        size = (folder / name).stat().st_size
        manifest_packets.append({
            "role": packet.role, "label": ROLE_TITLES.get(packet.role, packet.role), "file": name,
            "sha256": sha256_file(folder / name), "bytes": size,
            "contents": [{"path": e.path, "sha256": e.sha256, "bytes": len(e.data)}
                         for e in sorted(entries, key=lambda e: e.path)],
        })
        written.append(name)
    warnings = ["no co-facilitator pair: the overlay needs a trainer from each program"] if not packets.pair else []
    manifest = {
        "tool": {"name": "curriculum-kit", "version": __version__},
        "built_at": stamp.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "inputs_sha256": job.key,
        "module": job.module_info,
        "overlay": {"slug": overlay.slug, "county": overlay.county, "version": str(overlay.version),
                    "chain": job.chain_info},
        "options": {"pdf": options.pdf},
        "packets": manifest_packets,
        "terminology": {"occurrences": dict(sorted(packets.occurrences.items())),
                        "never_found": packets.never_found, "near_misses": packets.near_misses},
        "omitted_sections": packets.omitted,
        "co_facilitators": [t.name for t in packets.pair] if packets.pair else [],
        "warnings": warnings,
    }
    write_json(folder / MANIFEST, manifest)
    for stale in folder.glob("*.zip"):
        if stale.name not in written:
            os.unlink(stale)
    return Outcome(overlay.slug, module.id, "built", files=written, warnings=job.warnings + warnings)

