"""`curriculum-kit lock` and the lock check of `build`.

A county locks the modules it reviewed; from then on a module that changes upstream is
reported by `build` (a warning, or with ``--locked`` a failure for that county) instead
of silently changing the county's packets.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CurriculumKitError, InputError, located
from ..formats.library import Library
from ..formats.lockfile import LOCK_FILE, SNAPSHOT_DIR, LockEntry, read_lock, snapshot_path, today, write_lock
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..outputs import check_file_output
from ..package.manifest import file_hashes

if TYPE_CHECKING:
    from .snapshot import Snapshot
# snapshot brings the text engine: imported where a snapshot is read or taken, so `build`,
# which asks lock_problems() for every county and module, does not load it


def module_digest(module: Module) -> str:
    """One sha256 over the module's files (module.toml and every document), as the manifest
    hashes them; cached while the files are unchanged, since `build` asks once per county."""
    files = (module.toml_path, *module.documents)
    return _digest(module.folder, tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in files))


@lru_cache(maxsize=256)
def _digest(folder: Path, stats: tuple[tuple[Path, int, int], ...]) -> str:
    hashes = file_hashes([path for path, _, _ in stats], folder)
    return hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()


def lock_problems(overlay: Overlay, module: Module) -> str | None:
    """Why ``module`` today is not the one the county locked, or None (no lock, or it matches)."""
    path = overlay.folder / LOCK_FILE
    if not path.is_file():
        return None
    try:
        entries = read_lock(path)
    except CurriculumKitError as exc:
        return str(exc)
    entry = entries.get(module.id)
    review = f"review it with 'curriculum-kit outdated {overlay.slug}', then run 'curriculum-kit lock {overlay.slug}'"
    if entry is None:
        problem = f"does not lock {module.id} {module.version}, a module published since"
    elif entry.sha256 == module_digest(module):
        return None
    elif entry.version == module.version:
        problem = f"locks {module.id} {entry.version}, whose files have changed since {entry.locked} (same version)"
    else:
        problem = f"locks {module.id} {entry.version}, but the module is now {module.version}"
    return located(path, None, f"{problem}; {review}")


def locked_snapshot(folder: Path, entry: LockEntry) -> Snapshot:
    """The snapshot of a lock entry, checked to belong to it."""
    from .snapshot import read_snapshot

    path = snapshot_path(folder, entry.module)
    if not path.is_file():
        raise InputError(f"{LOCK_FILE} locks {entry.module}, but its snapshot {SNAPSHOT_DIR}/{path.name} "
                         f"is missing; run 'curriculum-kit lock {folder.name}' again", folder / LOCK_FILE)
    snapshot = read_snapshot(path)
    if snapshot.sha256 != entry.sha256 or snapshot.module != entry.module:
        raise InputError(f"does not match {LOCK_FILE} (another module or content hash); run "
                         f"'curriculum-kit lock {folder.name}' again", path)
    return snapshot


@dataclass(frozen=True)
class LockChange:
    module: str
    action: str  # new, updated, unchanged, dropped
    entry: LockEntry
    previous: LockEntry | None = None


@dataclass
class LockResult:
    path: Path
    changes: list[LockChange] = field(default_factory=list)


def _check_lock_outputs(folder: Path) -> None:
    """Refuse, before anything is written, a lock that cannot be written as a whole: a folder
    (or a device) where the lock file goes, or a snapshot folder that cannot be one."""
    check_file_output(folder / LOCK_FILE)
    snapshot_path(folder, "")


def lock_overlay(library: Library, slug: str, module_ids: Sequence[str] = (),
                 allow_downgrade: bool = False) -> LockResult:
    """Lock ``slug`` to the current modules (all of them, or only ``module_ids``).

    A module whose files did not change keeps its entry and date, so locking twice writes
    the same bytes. Locking every module drops entries of modules no longer published.
    A module older than the locked one (``--modules`` pointing at last year's copy, most
    likely) is refused unless ``allow_downgrade``; nothing is written then.
    """
    overlay = library.overlay(slug)
    library.require_modules()
    if not library.modules:
        raise InputError(f"no modules to lock in {library.modules_dir} (use --modules DIR)")
    modules = [library.module(m) for m in dict.fromkeys(module_ids)] or \
        [library.modules[m] for m in sorted(library.modules)]
    path = overlay.folder / LOCK_FILE
    _check_lock_outputs(overlay.folder)
    previous = read_lock(path) if path.is_file() else {}
    entries = dict(previous)
    result = LockResult(path)
    if not module_ids:
        for module_id in sorted(set(previous) - set(library.modules)):
            result.changes.append(LockChange(module_id, "dropped", entries.pop(module_id)))
    older = [(m, previous[m.id]) for m in modules if m.id in previous and m.version < previous[m.id].version]
    if older and not allow_downgrade:
        steps = ", ".join(f"{m.id} {entry.version} -> {m.version}" for m, entry in older)
        raise InputError(f"would move the lock to an older module version ({steps}); check --modules "
                         "(it may be an old copy), or use --allow-downgrade if that is what you mean", path)
    from .snapshot import Vocabulary, take_snapshot, write_snapshot

    vocabulary = Vocabulary.of(overlay, library.layers.values())
    day = today()
    for module in modules:
        digest = module_digest(module)
        old = previous.get(module.id)
        if old is not None and old.sha256 == digest:
            entry, action = old, "unchanged"
        else:
            entry, action = LockEntry(module.id, module.version, digest, day), "updated" if old else "new"
        entries[module.id] = entry
        result.changes.append(LockChange(module.id, action, entry, old))
        write_snapshot(snapshot_path(overlay.folder, module.id), take_snapshot(module, vocabulary, digest))
    write_lock(path, slug, entries)  # after the snapshots: a lock never names a missing one
    for stale in sorted((overlay.folder / SNAPSHOT_DIR).glob("*.json")):
        if stale.stem not in entries:
            stale.unlink()
    result.changes.sort(key=lambda change: change.module)
    return result
