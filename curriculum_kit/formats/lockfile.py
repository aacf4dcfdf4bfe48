"""modules.lock: the module versions a county reviewed, written by `curriculum-kit lock`.

Copier's answers file is the model: a small file in the county's folder that records
where its packets come from. It is written in a stable order (modules by id, keys in a
fixed order) so a change reads well in a diff, and read back strictly, because a
hand-edited lock that still parses would silently stop protecting the county.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..errors import InputError, InvalidInputs
from ..findings import Findings
from ..outputs import atomic_output, source_date_epoch
from .module import ID_PATTERN
from .semver import Version
from .sources import TomlDocument, check_keys, load_toml, shown_value

LOCK_FILE = "modules.lock"
SNAPSHOT_DIR = ".lock"  # one JSON snapshot per locked module, next to the lock
HEADER = "# written by curriculum-kit lock; do not edit"
_ENTRY_KEYS = ["version", "sha256", "locked"]
_SHA256 = re.compile(r"[0-9a-f]{64}")
_HINT = (f"{LOCK_FILE} is written by 'curriculum-kit lock': do not edit it, run the command again "
         "(delete the file first to lock every module afresh)")


@dataclass(frozen=True)
class LockEntry:
    """One reviewed module: its version and the sha256 of its files when it was locked."""

    module: str
    version: Version
    sha256: str
    locked: date


def today() -> date:
    """Today (UTC), or the day of SOURCE_DATE_EPOCH so that tests and CI are reproducible."""
    epoch = source_date_epoch()
    return datetime.now(UTC).date() if epoch is None else datetime.fromtimestamp(epoch, UTC).date()


def snapshot_path(folder: Path, module_id: str) -> Path:
    """Where a module's snapshot is read and written, in the overlay's snapshot folder; a
    folder that is a link is refused (its snapshots would be read and written wherever it
    points, outside the overlay), as is a file in its place."""
    snapshots = folder / SNAPSHOT_DIR
    if snapshots.is_symlink():
        raise InputError("is a symbolic link; the lock's snapshots are read and written only inside the "
                         "overlay (remove the link, then run 'curriculum-kit lock' again)", snapshots)
    if snapshots.exists() and not snapshots.is_dir():
        raise InputError("is not a folder; it holds the lock's snapshots (remove it, then run "
                         "'curriculum-kit lock' again)", snapshots)
    return snapshots / f"{module_id}.json"


def read_lock(path: Path) -> dict[str, LockEntry]:
    """The entries of a lock file by module id; any hand edit that breaks it is an error."""
    try:
        doc = load_toml(path)
    except InputError as exc:
        raise InputError(f"{exc.message}; {_HINT}", exc.path, exc.line) from None
    findings = Findings()
    check_keys(doc, doc.data, (), ["modules"], [], findings)
    modules = doc.data.get("modules", {})
    if not isinstance(modules, dict):
        findings.error(path, "'modules' must be a table of [modules.ID] entries", doc.line_of("modules"))
        modules = {}
    entries = {}
    for module_id, table in modules.items():
        entry = _entry(doc, module_id, table, findings)
        if entry is not None:
            entries[module_id] = entry
    if findings.errors:
        first, more = findings.errors[0], len(findings.errors) - 1
        raise InvalidInputs(findings.errors, f"{first.message}{f' (and {more} more)' if more else ''}; {_HINT}")
    return entries


def _entry(doc: TomlDocument, module_id: str, table: object, findings: Findings) -> LockEntry | None:
    where = ("modules", module_id)
    if not ID_PATTERN.fullmatch(module_id):
        findings.error(doc.path, f"'{module_id}' is not a module id", doc.line_of(*where))
        return None
    if not isinstance(table, dict):
        findings.error(doc.path, f"'modules.{module_id}' must be a table", doc.line_of(*where))
        return None
    before = len(findings.errors)
    check_keys(doc, table, where, _ENTRY_KEYS, [], findings)
    version = None
    if "version" in table:
        try:
            version = Version.parse(table["version"])
        except ValueError as exc:
            findings.error(doc.path, f"version: {exc}", doc.line_of(*where, "version"))
    digest = table.get("sha256")
    if "sha256" in table and not (isinstance(digest, str) and _SHA256.fullmatch(digest)):
        findings.error(doc.path, f"sha256 {digest!r} of '{module_id}' is not a SHA-256 hash "
                       "(64 lowercase hexadecimal digits)", doc.line_of(*where, "sha256"))
    locked = table.get("locked")
    if "locked" in table and type(locked) is not date:
        findings.error(doc.path, f"locked {shown_value(locked)} of '{module_id}' must be a date like 2026-01-31",
                       doc.line_of(*where, "locked"))
    # The None tests add nothing at run time (each key is required: a missing one is an
    # error above); they tell the type checker what the errors test already proved.
    if len(findings.errors) > before or version is None or digest is None or locked is None:
        return None
    return LockEntry(module_id, version, digest, locked)


def write_lock(path: Path, slug: str, entries: dict[str, LockEntry]) -> None:
    """Write the lock atomically: modules sorted by id, keys in a fixed order."""
    lines = [HEADER, f"# The base module versions {slug} was reviewed against; update with "
             f"'curriculum-kit lock {slug}'.", ""]
    for module_id in sorted(entries):
        entry = entries[module_id]
        lines += [f"[modules.{module_id}]", f"version = {json.dumps(str(entry.version))}",
                  f'sha256 = "{entry.sha256}"', f"locked = {entry.locked.isoformat()}", ""]
    with atomic_output(path) as stream:
        stream.write("\n".join(lines).encode("utf-8"))
