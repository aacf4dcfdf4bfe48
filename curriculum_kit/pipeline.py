"""`build`: every selected module for every selected county, incremental and in parallel.

load (the caller's Library) -> plan (which county/module pairs are stale) -> per county,
in a worker: adapt and assemble documents, convert PDFs in one batch, write zips and the
manifest -> the catalog. One county's failure never stops the others.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import __version__
from .errors import CurriculumKitError, InputError
from .findings import Findings
from .formats.library import Library
from .formats.module import Module
from .formats.overlay import Overlay
from .outputs import Stamp, write_json
from .package import pdf as pdf_tools
from .package.catalog import write_catalog
from .package.manifest import MANIFEST, inputs_key, is_current, module_sources, overlay_sources, read_manifest
from .package.readme import ROLE_TITLES, readme
from .package.zipper import Entry, sha256_file, write_zip
from .packets import ModulePackets, county_documents, module_packets
from .preflight import GENERATED_DOCUMENTS, Issue, check_documents, source_doubles
from .preflight.agenda import Agenda
from .preflight.review import write_review
from .readiness import county_errors
from .validate import check_module
from .versioning.lock import lock_problems


@dataclass(frozen=True)
class BuildOptions:
    out: Path = Path("dist")
    pdf: bool = False
    jobs: int = 1
    modules: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    epoch: int | None = None  # SOURCE_DATE_EPOCH; None means now
    locked: bool = False  # a county whose modules.lock differs from a module fails for it
    strict: bool = False  # a packet with any preflight finding fails (and is not shipped)
    preflight: bool = True  # off only to measure what preflight costs (benchmarks/bench_build.py)


@dataclass
class Outcome:
    """What happened to one county's packets for one module."""

    county: str
    module: str
    status: str  # built, current, failed
    message: str = ""
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # preflight, one line each


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
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        report(outcome)

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
        for turn, module_id in enumerate(modules):
            problem = lock_problems(overlay, library.modules[module_id])
            if problem and options.locked:
                done(Outcome(slug, module_id, "failed", problem))
                continue
            warnings = [problem] if problem else []
            errors = county_errors(overlay, library.modules[module_id])
            if errors:  # what validate reports as errors: the same words, before any work
                done(Outcome(slug, module_id, "failed", str(errors[0]).replace(": error:", ":", 1)))
                continue
            key = inputs_key(module_infos[module_id], chain_info, build_options)
            if is_current(options.out / slug / module_id, key):
                done(_current(options, slug, module_id, warnings))
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
    else:
        with ProcessPoolExecutor(max_workers=options.jobs) as pool:
            futures = [pool.submit(_build_county, *task) for task in tasks]
            for future in as_completed(futures):
                for outcome in future.result():
                    done(outcome)
    options.out.mkdir(parents=True, exist_ok=True)
    write_catalog(options.out)
    return outcomes


def _current(options: BuildOptions, slug: str, module_id: str, warnings: list[str]) -> Outcome:
    """An up-to-date pair, with the findings its manifest recorded (failed under --strict)."""
    manifest = read_manifest(options.out / slug / module_id) or {}
    findings = list(dict.fromkeys(str(Issue.from_json(item)) for packet in manifest.get("packets", [])
                                  for item in packet.get("findings", [])))
    if findings and options.strict:
        return Outcome(slug, module_id, "failed", _strict_message(findings), findings=findings)
    return Outcome(slug, module_id, "current", warnings=warnings, findings=findings)


def _strict_message(findings: list[str]) -> str:
    return (f"{len(findings)} preflight finding{'s' * (len(findings) != 1)} (--strict ships no packet "
            f"with findings; see review.html); first: {findings[0]}")


def planned_pairs(library: Library, options: BuildOptions) -> int:
    """How many county/module pairs a build will report on (for a progress bar)."""
    modules = _select(options.modules, library.modules, "module", library.modules_dir)
    counties = _select(options.counties, library.overlays, "overlay", library.overlays_dir)
    buildable = [slug for slug in counties if options.counties or library.overlays[slug].buildable]
    return len(modules) * len(buildable) + len(_load_failures(library, options))


def _select(wanted: tuple[str, ...], known: Mapping[str, object], what: str, folder: Path) -> list[str]:
    for name in wanted:
        if name not in known:
            raise InputError(f"no {what} '{name}' in {folder}" +
                             (f" (known: {', '.join(sorted(known))})" if known else ""))
    return list(wanted) if wanted else sorted(known)


def _load_failures(library: Library, options: BuildOptions) -> list[Outcome]:
    """Overlays that could not be loaded fail as a whole county, with their first error."""
    failures = []
    for folder in sorted(library.overlays_dir.iterdir()) if library.overlays_dir.is_dir() else []:
        slug = folder.name
        if not folder.is_dir() or slug in library.overlays or slug.startswith((".", "_")):
            continue
        if options.counties and slug not in options.counties:
            continue
        problems = [f for f in library.findings.errors if f.path.is_relative_to(folder)]
        if problems:
            failures.append(Outcome(slug, "", "failed", str(problems[0]).replace(": error:", ":", 1)))
    return failures


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
            outcomes.append(Outcome(overlay.slug, job.module.id, "failed",
                                    f"internal error while building ({type(exc).__name__}: {exc})"))
    pdfs: dict[str, bytes] = {}
    if options.pdf and built:
        try:
            pdfs = _convert_all(built, stamp)
        except CurriculumKitError as exc:
            return outcomes + [Outcome(overlay.slug, job.module.id, "failed", str(exc)) for job, _ in built]
    cache: dict[str, tuple[list[Issue], list[Agenda]]] = {}
    for job, packets in built:
        findings = _preflight(job.module, packets, cache) if options.preflight else {}
        outcomes.append(_write(overlay, job, packets, pdfs, options, stamp, findings))
    return outcomes


def _preflight(module: Module, packets: ModulePackets,
               cache: dict[str, tuple[list[Issue], list[Agenda]]]) -> dict[str, list[Issue]]:
    """Each packet's preflight findings; documents packets share are read once."""
    def doubles() -> frozenset[str]:
        return _source_doubles(module)

    generated = {*GENERATED_DOCUMENTS, module.slides.name}
    return {packet.role: check_documents(packet.documents, generated, doubles, cache=cache)
            for packet in packets.packets}


_DOUBLES: dict[tuple[Path, ...], frozenset[str]] = {}


def _source_doubles(module: Module) -> frozenset[str]:
    """Doubled phrases the module's documents already have, worked out once per worker."""
    if module.documents not in _DOUBLES:
        _DOUBLES[module.documents] = source_doubles((path.name, path.read_bytes()) for path in module.documents)
    return _DOUBLES[module.documents]


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
           options: BuildOptions, stamp: Stamp, findings: dict[str, list[Issue]]) -> Outcome:
    module = job.module
    folder = options.out / overlay.slug / module.id
    folder.mkdir(parents=True, exist_ok=True)
    lines = list(dict.fromkeys(str(issue) for issues in findings.values() for issue in issues))
    documents = {name: data for packet in packets.packets for name, data in packet.documents.items()}
    review = write_review(folder, f"{overlay.county} · {module.title}", list(documents),
                          {name: pdfs[_digest(data)] for name, data in documents.items() if _digest(data) in pdfs},
                          list({str(issue): issue for issues in findings.values() for issue in issues}.values()),
                          {"occurrences": dict(packets.occurrences), "never_found": packets.never_found,
                           "near_misses": packets.near_misses})
    if lines and options.strict:
        return Outcome(overlay.slug, module.id, "failed", _strict_message(lines), files=[review.name],
                       findings=lines)
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
            "findings": [issue.to_json() for issue in findings.get(packet.role, [])],
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
        "preflight": {"findings": len(lines), "review": review.name},
    }
    write_json(folder / MANIFEST, manifest)
    for stale in folder.glob("*.zip"):
        if stale.name not in written:
            os.unlink(stale)
    return Outcome(overlay.slug, module.id, "built", files=written, warnings=job.warnings + warnings,
                   findings=lines)

