"""`build`: every selected module for every selected county, incremental and in parallel.

load (the caller's Library) -> plan (which county/module pairs are stale) -> per county,
in a worker: adapt and assemble documents, convert PDFs in one batch, write zips and the
manifest -> the catalog. One county's failure never stops the others.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import CurriculumKitError, InputError, PlanError, located
from .findings import Findings
from .formats.library import Library, known_hint
from .formats.module import Module
from .formats.overlay import Overlay
from .formats.session_day import SessionDay
from .formats.stories import size_warning
from .outputs import Stamp, atomic_output, check_file_output, check_output_folder, check_outputs, write_json
from .package.build_status import clear_failure, record_failure
from .package.catalog_page import write_catalog
from .package.manifest import (
    MANIFEST,
    inputs_key,
    is_current,
    module_sources,
    overlay_sources,
    packet_name,
    read_manifest,
)
from .package.readme import ROLE_TITLES, inserted_lines, readme
from .package.session_catalog import SESSIONS, remove_unplanned, session_key, session_manifest
from .package.workers import end_with_parent, remove_partial_files
from .package.zipper import Checksums, Entry, sha256_file, write_zip
from .planning.order import teaching_order
from .preflight.issues import Issue
from .readiness import county_errors
from .versioning.lock import lock_problems
from .wording import count_text

if TYPE_CHECKING:
    from .ooxml.shared_trees import SharedTrees
    from .package.lms_content import ExportFile
    from .packets import ModulePackets
    from .preflight.run import Memory
# Document work (python-docx, python-pptx, pikepdf), the checks, exports and worker
# processes are imported where they are done, so a rebuild with nothing stale never loads
# them: a third of a no-op rebuild was those imports.


@dataclass(frozen=True)
class BuildOptions:
    out: Path = Path("dist")
    pdf: bool = False
    jobs: int = 1
    modules: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    epoch: int | None = None  # SOURCE_DATE_EPOCH; None means now
    locked: bool = False  # a county whose modules.lock differs from a module fails for it
    plan: Path | None = None  # a county's plan CSV: one facilitator and participant packet per session
    session: str | None = None  # with ``plan``: only this session
    export: bool = False  # also IMS Common Cartridge and SCORM 1.2 packages of the participant material
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
    fonts_replaced: dict[str, str] = field(default_factory=dict)  # in its PDFs: font -> family drawn instead


@dataclass
class _Job:
    module: Module
    key: str
    module_info: dict[str, Any]
    chain_info: list[dict[str, Any]]
    warnings: list[str]
    session: SessionDay | None = None

    @property
    def name(self) -> str:
        """What the build reports it as: the module, or the session of a plan."""
        return self.session.session_id if self.session else self.module.id


def build(library: Library, options: BuildOptions, report: Callable[[Outcome], None]) -> list[Outcome]:
    """Build what is stale, report each outcome as it comes, write the catalog."""
    modules = _select(options.modules, library.modules, "module", library.modules_dir)
    counties = _select(options.counties, library.overlays, "overlay", library.overlays_dir)
    check_output_folder(options.out)
    check_outputs([("--out", options.out)], read_only=[library.modules_dir, library.overlays_dir])
    targets = _targets(library, options, modules, counties)  # a bad plan is an input error: nothing written
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        report(outcome)

    epoch = options.epoch if options.epoch is not None else int(datetime.now(UTC).timestamp())
    try:
        _build_all(library, options, modules, counties, targets, epoch, done)
    finally:  # the download page is written whatever happened, and marks what failed
        options.out.mkdir(parents=True, exist_ok=True)
        when = Stamp.from_epoch(epoch).when
        _mark_failures(options.out, outcomes, when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        write_catalog(options.out, _teaching_order(library), today=when.date())
    return outcomes


def _build_all(library: Library, options: BuildOptions, modules: list[str], counties: list[str],
               targets: list[tuple[str, str, SessionDay | None]], epoch: int, done: Callable[[Outcome], None]) -> None:
    remove_partial_files([options.out, *(options.out / slug / module for slug in counties for module in modules)])
    for failure in _load_failures(library, options):
        done(failure)
    jobs: dict[str, list[_Job]] = {}
    build_options: dict[str, object] = {"pdf": options.pdf, "epoch": options.epoch}
    if options.export:  # only then, so that the keys of builds without exports stay as they were
        build_options["export"] = True
    module_infos: dict[str, dict[str, Any]] = {}
    unreadable: dict[str, str] = {}  # a module whose files cannot be read fails alone
    for module_id in modules:
        try:
            module_infos[module_id] = module_sources(library.modules[module_id])
        except OSError as exc:
            unreadable[module_id] = located(exc.filename, None, f"cannot be read ({exc.strerror or exc})")
    chain_infos: dict[str, list[dict[str, Any]]] = {}
    layer_infos: dict[Path, dict[str, Any]] = {}  # a parent overlay is hashed once
    if options.plan is not None and options.session is None and not options.modules:  # the whole plan
        for slug in {slug for slug, _, _ in targets}:
            remove_unplanned(options.out / slug, {session.session_id for _, _, session in targets if session})
    for slug, module_id, session in targets:
        overlay = library.overlays[slug]
        if slug not in chain_infos:
            chain_infos[slug] = overlay_sources(overlay, layer_infos)
        chain_info = chain_infos[slug]
        name = session.session_id if session else module_id
        if module_id in unreadable:
            done(Outcome(slug, name, "failed", unreadable[module_id]))
            continue
        problem = lock_problems(overlay, library.modules[module_id])
        if problem and options.locked:
            done(Outcome(slug, name, "failed", problem))
            continue
        warnings = ([problem] if problem else []) + _long_stories(overlay)
        key = inputs_key(module_infos[module_id], chain_info, {**build_options, **session_key(session)})
        folder = _folder(options.out, slug, module_id, session)
        if is_current(folder, key):  # built from these very inputs by this version: they passed the checks
            done(_current(options, slug, name, folder, warnings))
            continue
        errors = county_errors(overlay, library.modules[module_id])
        if errors:  # what validate reports as errors: the same words, before any work
            done(Outcome(slug, name, "failed", str(errors[0]).replace(": error:", ":", 1)))
            continue
        jobs.setdefault(slug, []).append(_Job(library.modules[module_id], key, module_infos[module_id],
                                              chain_info, warnings, session))
    module_errors = _module_errors(library, sorted({job.module.id for js in jobs.values() for job in js}))
    for slug in list(jobs):
        for job in [job for job in jobs[slug] if job.module.id in module_errors]:
            done(Outcome(slug, job.name, "failed", module_errors[job.module.id]))
        jobs[slug] = [job for job in jobs[slug] if job.module.id not in module_errors]
    counties_to_build = [slug for slug, county_jobs in jobs.items() if county_jobs]
    # LibreOffice processes per county: the cores the county workers leave free
    instances = max(1, options.jobs // max(1, min(options.jobs, len(counties_to_build))))
    tasks = [(library.overlays[slug], jobs[slug], options, epoch, instances) for slug in counties_to_build]
    if options.jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            for outcome in _build_county(*task):
                done(outcome)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=options.jobs, initializer=end_with_parent, initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(_build_county, *task): task for task in tasks}
        for future in as_completed(futures):
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker that died or a result that cannot travel
                overlay, county_jobs = futures[future][:2]
                results = [Outcome(overlay.slug, job.name, "failed", _internal(exc)) for job in county_jobs]
            for outcome in results:
                done(outcome)


def _long_stories(overlay: Overlay) -> list[str]:
    return [f"{story.path.name}: {note}" for story in overlay.stories if (note := size_warning(story))]


def _internal(exc: BaseException) -> str:
    """An unexpected failure as one line (a library's message may hold line breaks)."""
    return located(None, None, f"internal error while building ({type(exc).__name__}: {exc})")


def _mark_failures(out: Path, outcomes: list[Outcome], when: str) -> None:
    """A failed build leaves the previous packets in place: say so beside them for the catalog."""
    for outcome in outcomes:
        county = out / outcome.county
        folders = [county / outcome.module] if outcome.module else \
            sorted(p.parent for p in county.glob(f"*/{MANIFEST}"))
        for folder in folders:
            if outcome.status != "failed":
                clear_failure(folder)
            elif (folder / MANIFEST).is_file():
                record_failure(folder, when, outcome.message)


def _teaching_order(library: Library) -> tuple[str, ...]:
    """Module ids in teaching order (lesson 2), for the catalog; by level and id if the
    prerequisites form a cycle (validate reports that)."""
    try:
        return tuple(step.module.id for step in teaching_order(library.modules.values()))
    except PlanError:
        return tuple(m.id for m in sorted(library.modules.values(), key=lambda m: (m.level_rank, m.id)))


def _current(options: BuildOptions, slug: str, name: str, folder: Path, warnings: list[str]) -> Outcome:
    """An up-to-date pair, with the findings its manifest recorded (failed under --strict)."""
    manifest = read_manifest(folder) or {}
    findings = list(dict.fromkeys(str(Issue.from_json(item)) for packet in manifest.get("packets", [])
                                  for item in packet.get("findings", [])))
    if findings and options.strict:
        return Outcome(slug, name, "failed", _strict_message(findings), findings=findings)
    return Outcome(slug, name, "current", warnings=warnings, findings=findings)


def _strict_message(findings: list[str]) -> str:
    return (f"{count_text(len(findings), 'preflight finding')} (--strict ships no packet "
            f"with findings; see review.html); first: {findings[0]}")


def planned_pairs(library: Library, options: BuildOptions) -> int:
    """How many county/module pairs (or planned sessions) a build will report on (for a progress bar)."""
    modules = _select(options.modules, library.modules, "module", library.modules_dir)
    counties = _select(options.counties, library.overlays, "overlay", library.overlays_dir)
    if options.plan is not None:
        return len(_targets(library, options, modules, counties))
    buildable = [slug for slug in counties if options.counties or library.overlays[slug].buildable]
    return len(modules) * len(buildable) + len(_load_failures(library, options))


def _targets(library: Library, options: BuildOptions, modules: list[str],
             counties: list[str]) -> list[tuple[str, str, SessionDay | None]]:
    """(county, module, session) to build: every module x county, or the sessions of a plan."""
    if options.plan is None:
        return [(slug, module_id, None) for slug in counties
                if options.counties or library.overlays[slug].buildable for module_id in modules]
    from .planning.session_plan import pick_session, read_session_plan  # brings python-docx: only for a plan

    if len(options.counties) > 1:
        raise InputError("a plan is one county's: give at most one --county with --plan", options.plan)
    plan = read_session_plan(library, options.plan, options.counties[0] if options.counties else None)
    sessions = pick_session(plan, options.session) if options.session else plan.sessions
    return [(plan.overlay.slug, s.module.id, plan.day(s)) for s in sessions if s.module.id in modules]


def _folder(out: Path, slug: str, module_id: str, session: SessionDay | None) -> Path:
    return out / slug / SESSIONS / session.session_id if session else out / slug / module_id


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
            if not folder.is_dir() or name in loaded or name.startswith((".", "_")) or (wanted and name not in wanted):
                continue
            problems = [f for f in library.findings.errors if f.path.is_relative_to(folder)]
            if problems:
                message = str(problems[0]).replace(": error:", ":", 1)
                failures.append(Outcome(name, "", "failed", message) if is_county else
                                Outcome("", name, "failed", message))
    return failures


def _module_errors(library: Library, modules: list[str]) -> dict[str, str]:
    if not modules:
        return {}
    from .validate import check_module

    errors = {}
    for module_id in modules:
        findings = Findings()
        check_module(library.modules[module_id], library.modules, findings)
        if findings.errors:
            errors[module_id] = str(findings.errors[0]).replace(": error:", ":", 1)
    return errors


def _build_county(overlay: Overlay, jobs: list[_Job], options: BuildOptions, epoch: int,
                  pdf_instances: int = 1) -> list[Outcome]:
    """Everything for one county, in one worker: county documents are made once."""
    try:
        return _county_outcomes(overlay, jobs, options, epoch, pdf_instances)
    except Exception as exc:  # noqa: BLE001 - one county's surprise must not stop the others
        return [Outcome(overlay.slug, job.name, "failed", _internal(exc)) for job in jobs]
    finally:
        if _WORKER_TREES is not None:
            _WORKER_TREES.forget_documents()  # the county's documents go; parsed parts stay


_WORKER_TREES: SharedTrees | None = None  # parts a worker keeps parsed (and checked) from county to county


def _worker_trees() -> SharedTrees:
    """The worker's parsed parts: two fifths of a county's parts are byte for byte the
    previous county's (module slides and notes no term touched), read and checked once."""
    global _WORKER_TREES
    if _WORKER_TREES is None:
        from .ooxml.shared_trees import SharedTrees

        _WORKER_TREES = SharedTrees()
    return _WORKER_TREES


def _county_outcomes(overlay: Overlay, jobs: list[_Job], options: BuildOptions, epoch: int,
                     pdf_instances: int) -> list[Outcome]:
    from .ooxml.shared_trees import saved_into
    from .packets import county_documents, module_packets
    from .preflight.run import Memory

    stamp = Stamp.from_epoch(epoch)
    # The county's documents share parts; preflight reads each once, and takes the trees
    # python-docx and python-pptx saved them from instead of parsing the saved bytes again.
    memory = Memory(_worker_trees())
    checksums = Checksums()  # of documents the county's packets share
    built: list[tuple[_Job, ModulePackets]] = []
    outcomes = []
    with saved_into(memory.trees) if options.preflight else nullcontext():
        try:
            county = county_documents(overlay, stamp)
        except CurriculumKitError as exc:
            return [Outcome(overlay.slug, job.name, "failed", str(exc)) for job in jobs]
        for job in jobs:
            try:
                built.append((job, module_packets(job.module, county, stamp, job.session)))
            except CurriculumKitError as exc:
                outcomes.append(Outcome(overlay.slug, job.name, "failed", str(exc)))
            except Exception as exc:  # noqa: BLE001 - one county's surprise must not stop the others
                outcomes.append(Outcome(overlay.slug, job.name, "failed", _internal(exc)))
    pdfs: dict[str, bytes] = {}
    if options.pdf and built:
        try:
            pdfs = _convert_all(built, stamp, pdf_instances, checksums.sha256)
        except CurriculumKitError as exc:
            return outcomes + [Outcome(overlay.slug, job.name, "failed", str(exc)) for job, _ in built]
    for job, packets in built:
        try:
            findings = _preflight(job.module, packets, memory, job.session) if options.preflight else {}
            outcomes.append(_write(overlay, job, packets, pdfs, options, stamp, findings, checksums))
        except OSError as exc:  # the disk refused this packet (full, a name too long): the next may fit
            outcomes.append(Outcome(overlay.slug, job.name, "failed",
                                    located(exc.filename, None, exc.strerror or str(exc))))
        except CurriculumKitError as exc:  # (a file that could not be written, said as such)
            outcomes.append(Outcome(overlay.slug, job.name, "failed", str(exc)))
    return outcomes


def _preflight(module: Module, packets: ModulePackets, memory: Memory,
               session: SessionDay | None) -> dict[str, list[Issue]]:
    """Each packet's preflight findings; documents packets share are read once. A planned
    session's agenda document keeps the session's clock (``check_documents``' shift)."""
    from .generate.package_save import plain_elements
    from .preflight.run import GENERATED_DOCUMENTS, check_documents

    hour, minute = module.start_time
    shift = 0 if session is None else session.starts.hour * 60 + session.starts.minute - (hour * 60 + minute)
    def doubles() -> frozenset[str]:
        return _source_doubles(module)

    generated = set(GENERATED_DOCUMENTS)  # and in the deck, the slides the tool made (named so)
    with plain_elements():
        return {packet.role: check_documents(packet.documents, generated, doubles, memory=memory, session_shift=shift)
                for packet in packets.packets}


_DOUBLES: dict[tuple[Path, ...], frozenset[str]] = {}


def _source_doubles(module: Module) -> frozenset[str]:
    """Doubled phrases the module's documents already have, worked out once per worker."""
    from .preflight.run import source_doubles

    if module.documents not in _DOUBLES:
        _DOUBLES[module.documents] = source_doubles((path.name, path.read_bytes()) for path in module.documents)
    return _DOUBLES[module.documents]


def _near_misses(packets: ModulePackets) -> dict[str, Any]:
    """A module's near misses as its manifest and review page give them: how many, and where
    each is — a place the county's wording did not reach, which a reviewer looks at."""
    return {"near_misses": len(packets.near_misses),
            "near_miss_places": [{"document": name, "place": miss.location, "term": miss.term, "text": miss.text,
                                  "reason": miss.reason} for name, miss in packets.near_misses]}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _convert_all(built: list[tuple[_Job, ModulePackets]], stamp: Stamp, instances: int,
                 digest: Callable[[bytes], str]) -> dict[str, bytes]:
    """PDFs for every distinct document of the county, keyed by the document's sha256."""
    from .package import pdf as pdf_tools

    pending: dict[str, tuple[str, bytes]] = {}
    for _, packets in built:
        for packet in packets.packets:
            for name, data in packet.documents.items():
                pending.setdefault(digest(data), (name, data))
    return pdf_tools.convert_documents(pending, stamp.when.strftime("%Y%m%d%H%M%S"), instances)


def _write(overlay: Overlay, job: _Job, packets: ModulePackets, pdfs: dict[str, bytes],
           options: BuildOptions, stamp: Stamp, findings: dict[str, list[Issue]], checksums: Checksums) -> Outcome:
    """The packets, review page and manifest of one module in its folder; a folder this
    build made is removed when they cannot all be written."""
    folder = _folder(options.out, overlay.slug, job.module.id, job.session)
    inside = folder.relative_to(options.out)
    # the outermost folder this packet makes (the county's, for the county's first packet)
    fresh = next((options.out / f for f in [*reversed(inside.parents)][1:] + [inside]
                  if not (options.out / f).exists()), None)
    try:
        return _write_folder(folder, overlay, job, packets, pdfs, options, stamp, findings, checksums)
    except BaseException:
        if fresh is not None:  # folders this build began and could not finish (a full disk) go
            shutil.rmtree(fresh, ignore_errors=True)
        raise


def _write_folder(folder: Path, overlay: Overlay, job: _Job, packets: ModulePackets, pdfs: dict[str, bytes],
                  options: BuildOptions, stamp: Stamp, findings: dict[str, list[Issue]],
                  checksums: Checksums) -> Outcome:
    from .generate.orgchart_image import undrawn_warning
    from .ooxml.reading import hidden_slides
    from .package.lms_content import FORMATS, lms_exports
    from .package.pdf_fonts import document_fonts, replaced_fonts, replaced_fonts_notice
    from .preflight.review import write_review

    module = job.module
    folder.mkdir(parents=True, exist_ok=True)
    lines = list(dict.fromkeys(str(issue) for issues in findings.values() for issue in issues))
    documents = {name: data for packet in packets.packets for name, data in packet.documents.items()}
    drawn = {name: data for name, data in documents.items() if checksums.sha256(data) in pdfs}
    replaced = replaced_fonts(font for name, data in drawn.items()
                              for font in document_fonts(name, data, _worker_trees()))  # (trees preflight read)
    terminology: dict[str, Any] = {"occurrences": dict(sorted(packets.occurrences.items())),
                                   "never_found": packets.never_found, **_near_misses(packets)}
    review = write_review(folder, f"{overlay.county} · {packets.title}", list(documents),
                          {name: pdfs[checksums.sha256(data)] for name, data in drawn.items()},
                          list({str(issue): issue for issues in findings.values() for issue in issues}.values()),
                          terminology,
                          replaced_fonts_notice(replaced) if replaced else "",
                          len(folder.relative_to(options.out).parts),
                          {name: hidden_slides(Path(name), data, _worker_trees()) for name, data in drawn.items()
                           if name.lower().endswith((".pptx", ".pptm"))})  # (the slides preflight read)
    if lines and options.strict:
        return Outcome(overlay.slug, job.name, "failed", _strict_message(lines), files=[review.name],
                       findings=lines)
    versions = f"module {module.id} {module.version} · overlay {overlay.slug} {overlay.version}"
    manifest_packets, written = [], []
    participants: dict[str, dict[str, bytes]] = {}
    for packet in packets.packets:
        name = packet_name(overlay, module, packet.role, job.session)
        top = name.removesuffix(".zip")
        documents = _with_pdfs(packet.documents, pdfs, checksums.sha256)
        if packet.role.startswith("participant"):
            participants[packet.role] = dict(documents)
        inserted = inserted_lines(module.slides.name, packets.slides_placed, module.facilitator_guide.name,
                                  packets.guide_placed)
        text = readme(packet.role, overlay.county, packets.title, versions, sorted(documents),
                      module.facilitator_guide.name, module.slides.name, inserted, packets.replaced)
        documents["README.txt"] = text.encode("utf-8")
        entries = [Entry(f"{top}/{path}", data) for path, data in documents.items()]
        write_zip(folder / name, entries, stamp.zip_time, checksums)
        size = (folder / name).stat().st_size
        manifest_packets.append({
            "role": packet.role, "label": ROLE_TITLES.get(packet.role, packet.role), "file": name,
            "sha256": sha256_file(folder / name), "bytes": size,
            "contents": [{"path": e.path, "sha256": checksums.sha256(e.data), "bytes": len(e.data)}
                         for e in sorted(entries, key=lambda e: e.path)],
            "findings": [issue.to_json() for issue in findings.get(packet.role, [])],
        })
        written.append(name)
    exports = (lms_exports(overlay, module, participants, packets.pair, _logos(overlay), stamp, tuple(FORMATS))
               if options.export and job.session is None else [])
    written += _write_exports(folder, exports)
    thumbnail = _write_thumbnail(folder, pdfs.get(checksums.sha256(packets.packets[0].documents.get(module.slides.name, b""))))
    teams = {t.program for t in overlay.trainers}
    warnings = [] if len(teams) == 2 else ["no co-facilitators: the overlay needs a trainer from each program"]
    undrawn = undrawn_warning(overlay)  # this machine's fonts, as pdf_fonts_replaced is
    warnings += [undrawn] if undrawn else []
    manifest = {
        "tool": {"name": "curriculum-kit", "version": __version__},
        "built_at": stamp.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "inputs_sha256": job.key,
        "module": job.module_info,
        "title": packets.title,  # the module's title in the county's words (the academy's is module.title)
        "teaching": {"level": module.level, "prerequisites": list(module.prerequisites),
                     "duration_minutes": module.duration_minutes, "programs": list(module.programs)},
        "overlay": {"slug": overlay.slug, "county": overlay.county, "version": str(overlay.version),
                    "programs": {key: {"name": b.name, "short_name": b.short_name}
                                 for key, b in overlay.programs.items()},
                    "chain": job.chain_info},
        "options": {"pdf": options.pdf, "export": options.export},
        **({"pdf_fonts_replaced": replaced} if replaced else {}),
        "packets": manifest_packets,
        "exports": [{"label": e.label, "file": e.name, "sha256": _digest(e.data), "bytes": len(e.data)}
                    for e in exports],
        **({"thumbnail": thumbnail} if thumbnail else {}),
        "terminology": terminology,
        "omitted_sections": packets.omitted,
        "county_material": {"slides": packets.slides_placed, "guide": packets.guide_placed},
        "co_facilitators": [t.name for t in packets.pair] if packets.pair else sorted(t.name for t in overlay.trainers),
        "warnings": warnings,
        **({"session": session_manifest(job.session)} if job.session else {}),
        "preflight": {"findings": len(lines), "review": review.name},
    }
    write_json(folder / MANIFEST, manifest)
    for stale in [*folder.glob("*.zip"), *folder.glob("*.imscc")]:
        if stale.name not in written:
            os.unlink(stale)
    return Outcome(overlay.slug, job.name, "built", files=written, warnings=job.warnings + warnings,
                   findings=lines, fonts_replaced=replaced)


def _write_exports(folder: Path, exports: list[ExportFile]) -> list[str]:
    for export in exports:  # each can be written before any is: nothing half exported is left
        check_file_output(folder / export.name)
    for export in exports:
        with atomic_output(folder / export.name) as stream:
            stream.write(export.data)
    return [export.name for export in exports]


def _write_thumbnail(folder: Path, deck_pdf: bytes | None) -> str | None:
    """The title slide's picture when the deck has a PDF; an older one is removed otherwise."""
    from .package.thumbnail import THUMBNAIL, title_slide_png

    png = title_slide_png(deck_pdf) if deck_pdf else None
    target = folder / THUMBNAIL
    if png is None:
        target.unlink(missing_ok=True)
        return None
    with atomic_output(target) as stream:
        stream.write(png)
    return THUMBNAIL


def export_module(library: Library, slug: str, module_id: str, formats: tuple[str, ...], out: Path,
                  pdf: bool, epoch: int | None) -> list[Path]:
    """`curriculum-kit export`: build the module's packets for the county in memory and write
    the exports of its participant packets to ``out``."""
    from .package import pdf as pdf_tools
    from .package.lms_content import lms_exports
    from .packets import county_documents, module_packets

    check_output_folder(out)
    check_outputs([("--out", out)], read_only=[library.modules_dir, library.overlays_dir])
    overlay, module = library.overlay(slug), library.module(module_id)
    problem = _module_errors(library, [module_id]).get(module_id)
    if problem:
        raise InputError(problem)
    stamp = Stamp.from_epoch(epoch if epoch is not None else int(datetime.now(UTC).timestamp()))
    packets = module_packets(module, county_documents(overlay, stamp), stamp, None)
    documents = {p.role: dict(p.documents) for p in packets.packets if p.role.startswith("participant")}
    if pdf:
        pending = {_digest(data): (name, data)
                   for role in documents.values() for name, data in role.items()}
        pdfs = pdf_tools.convert_documents(pending, stamp.when.strftime("%Y%m%d%H%M%S"))
        documents = {role: _with_pdfs(files, pdfs) for role, files in documents.items()}
    out.mkdir(parents=True, exist_ok=True)
    exports = lms_exports(overlay, module, documents, packets.pair, _logos(overlay), stamp, formats)
    return [out / name for name in _write_exports(out, exports)]


def _with_pdfs(documents: dict[str, bytes], pdfs: dict[str, bytes],
               digest: Callable[[bytes], str] = _digest) -> dict[str, bytes]:
    """A packet's documents and the PDF of each that has one (``pdfs`` keyed by sha256)."""
    if not pdfs:
        return dict(documents)
    files = dict(documents)
    for name, data in documents.items():
        if (key := digest(data)) in pdfs:
            files[str(Path(name).with_suffix(".pdf"))] = pdfs[key]
    return files


def _logos(overlay: Overlay) -> dict[str, bytes]:
    """Each program's logo as the documents carry it (a phone photo turned upright, scaled)."""
    from .generate.common import logo_png

    return {key: logo_png(branding.logo) for key, branding in overlay.programs.items() if branding.logo}
