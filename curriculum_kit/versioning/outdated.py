"""`curriculum-kit outdated`: what a new module version means for a county, before it adopts it.

For each locked module that differs from today's, the module is counted again with the
vocabulary of its snapshot and compared with the snapshot: version old -> new, which of the
county's terms occur more or less often (or no longer), generic terms the county does not
map that occur more often, markers added or removed, slide and page counts before and after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, InvalidInputs, display_path
from ..formats.library import Library
from ..formats.lockfile import LOCK_FILE, LockEntry, read_lock
from ..formats.module import Module
from .lock import locked_snapshot, module_digest
from .snapshot import DocumentFacts, Snapshot, read_as, take_snapshot


@dataclass(frozen=True)
class Shift:
    """A count before (locked) and after (today)."""

    name: str
    before: int
    after: int


@dataclass(frozen=True)
class DocumentChange:
    file: str
    status: str  # changed, re-saved (same text and pictures), unchanged, added, removed
    unit: str
    before: int | None
    after: int | None
    markers: list[Shift]  # markers whose count changed


@dataclass
class ModuleImpact:
    module: str
    status: str  # current, changed, deleted, unlocked
    locked_version: str | None = None
    version: str | None = None
    locked_on: str | None = None
    terms: list[Shift] = field(default_factory=list)
    generic: list[Shift] = field(default_factory=list)
    documents: list[DocumentChange] = field(default_factory=list)


@dataclass
class CountyReport:
    slug: str
    lock: Path
    modules: list[ModuleImpact] = field(default_factory=list)


@dataclass
class OutdatedReport:
    counties: list[CountyReport]

    @property
    def deleted(self) -> list[tuple[str, str]]:
        """(county, module) for every locked module that is no longer published."""
        return [(c.slug, m.module) for c in self.counties for m in c.modules if m.status == "deleted"]

    def to_json(self) -> dict[str, Any]:
        return {"counties": [{"slug": c.slug, "lock": display_path(c.lock),
                              "modules": [asdict(m) for m in c.modules]} for c in self.counties]}


def outdated(library: Library, slugs: Sequence[str] = ()) -> OutdatedReport:
    """The impact report for ``slugs`` (default: every overlay that has a modules.lock)."""
    if slugs:
        folders = []
        for slug in slugs:
            folder = library.overlays_dir / slug
            if not folder.is_dir():
                library.overlay(slug)  # raises: no overlay 'x' (did you mean ...?)
            if not (folder / LOCK_FILE).is_file():
                raise InputError(f"has no {LOCK_FILE}; run 'curriculum-kit lock {slug}' first", folder)
            folders.append(folder)
    else:
        folders = sorted(f.parent for f in library.overlays_dir.glob(f"*/{LOCK_FILE}"))
        if not folders:
            raise InputError(f"no overlay in {library.overlays_dir} has a {LOCK_FILE}; "
                             "run 'curriculum-kit lock SLUG' first")
    return OutdatedReport([_county(library, folder) for folder in folders])


def _county(library: Library, folder: Path) -> CountyReport:
    entries = read_lock(folder / LOCK_FILE)
    report = CountyReport(folder.name, folder / LOCK_FILE)
    for module_id in sorted(set(entries) | set(library.modules)):
        entry, module = entries.get(module_id), published(library, module_id)
        if entry is None:
            assert module is not None  # the id came from the lock or the library, and is not in the lock
            report.modules.append(ModuleImpact(module_id, "unlocked", version=str(module.version)))
        elif module is None:
            report.modules.append(ModuleImpact(module_id, "deleted", str(entry.version), None, str(entry.locked)))
        elif module_digest(module) == entry.sha256:
            report.modules.append(ModuleImpact(module_id, "current", str(entry.version), str(module.version),
                                               str(entry.locked)))
        else:
            before = locked_snapshot(folder, entry)
            after = take_snapshot(module, before.vocabulary, module_digest(module))
            report.modules.append(_impact(entry, before, after))
    return report


def published(library: Library, module_id: str) -> Module | None:
    """The module ``module_id`` of the library, or None when it is no longer published; a
    module folder still there that does not load is its own errors (not 'no longer published',
    whose advice, to lock again, would drop the module from the lock)."""
    module = library.modules.get(module_id)
    if module is None and (library.modules_dir / module_id).is_dir():
        raise InvalidInputs([f for f in library.findings.errors if f.path.is_relative_to(library.modules_dir / module_id)])
    return module


def _impact(entry: LockEntry, before: Snapshot, after: Snapshot) -> ModuleImpact:
    impact = ModuleImpact(entry.module, "changed", str(entry.version), after.version, str(entry.locked))
    old_terms, new_terms = _totals(before, "terms"), _totals(after, "terms")
    impact.terms = [Shift(t, old_terms.get(t, 0), new_terms.get(t, 0)) for t in sorted(before.vocabulary.county)
                    if old_terms.get(t, 0) != new_terms.get(t, 0)]
    old_generic, new_generic = _totals(before, "generic"), _totals(after, "generic")
    impact.generic = [Shift(t, old_generic.get(t, 0), new_generic[t]) for t in sorted(new_generic)
                      if new_generic[t] > old_generic.get(t, 0)]
    for name in sorted(set(before.documents) | set(after.documents)):
        impact.documents.append(_document(name, before.documents.get(name), after.documents.get(name),
                                          before.format))
    return impact


def _totals(snapshot: Snapshot, which: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for facts in snapshot.documents.values():
        for term, count in getattr(facts, which).items():
            totals[term] = totals.get(term, 0) + count
    return totals


def _document(name: str, old: DocumentFacts | None, new: DocumentFacts | None, old_format: int) -> DocumentChange:
    """How one document changed; 're-saved' when its bytes differ but not its text and
    pictures (read as the old snapshot's ``old_format`` read them), which `outdated --diff`
    shows as no change."""
    before, after = (old.markers if old else {}), (new.markers if new else {})
    markers = [Shift(m, before.get(m, 0), after.get(m, 0)) for m in sorted(set(before) | set(after))
               if before.get(m, 0) != after.get(m, 0)]
    if old is None or new is None:
        present = new or old
        assert present is not None  # a document in neither snapshot is not compared
        return DocumentChange(name, "added" if old is None else "removed", present.unit,
                              old.length if old is not None else None, new.length if new is not None else None,
                              markers)
    status = "unchanged" if old.sha256 == new.sha256 else \
        "re-saved" if old.text is not None and new.text is not None and old.text == read_as(old_format, new.text) \
        else "changed"
    return DocumentChange(name, status, new.unit, old.length, new.length, markers)
