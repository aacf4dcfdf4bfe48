"""`curriculum-kit overlay diff OLD NEW`: a change list and a check of the version bump.

The bump check makes the command usable in a county's CI: packets carry the overlay's
version in their file names and manifests, so a change that alters packet text must not
keep the old version number (semantic versioning, read for a county's material).
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..formats.lockfile import today
from ..formats.semver import Version
from .changes import GROUPS, MINOR, NONE, PATCH, Change, layer_changes
from .gitrefs import overlay_version

_RANK = {NONE: 0, PATCH: 1, MINOR: 2, "major": 3}


@dataclass(frozen=True)
class BumpCheck:
    old: Version
    new: Version
    kind: str  # major, minor, patch, none or downgrade (Version.bump_kind)
    needed: str  # none, patch or minor
    reasons: tuple[str, ...]  # the groups of the changes that need it

    @property
    def adequate(self) -> bool:
        return self.kind != "downgrade" and _RANK[self.kind] >= _RANK[self.needed]

    @property
    def message(self) -> str:
        step = f"{self.old} -> {self.new}"
        if self.kind == "downgrade":
            return f"Version check failed: the version went down ({step}); a new version must be higher."
        if self.needed == NONE:
            fine = f" ({step} is fine)" if self.kind != NONE else ""
            return f"Version check passed: nothing here needs a new version{fine}."
        needs = f"{' and '.join(GROUPS[g].lower() for g in self.reasons)} changes need at least a {self.needed} bump"
        if self.adequate:
            return f"Version check passed: {step} is a {self.kind} bump, and {needs}."
        suggestion = (f"{self.old.major}.{self.old.minor + 1}.0" if self.needed == MINOR
                      else f"{self.old.major}.{self.old.minor}.{self.old.patch + 1}")
        done = f"the version is still {self.new}" if self.kind == NONE else f"{step} is only a {self.kind} bump"
        return f"Version check failed: {needs} (to {suggestion} or higher), but {done}."


@dataclass(frozen=True)
class OverlayDiff:
    old_label: str
    new_label: str
    new_slug: str
    old_version: Version
    new_version: Version
    day: date  # the NEW commit's date, or today for a folder
    changes: list[Change]
    bump: BumpCheck

    def to_json(self) -> dict[str, Any]:
        return {"overlay": self.new_slug,
                "old": {"overlay": self.old_label, "version": str(self.old_version)},
                "new": {"overlay": self.new_label, "version": str(self.new_version)},
                "date": self.day.isoformat(),
                "changes": [{**asdict(c), "text": c.text} for c in self.changes],
                "bump": {"kind": self.bump.kind, "needed": self.bump.needed, "adequate": self.bump.adequate,
                         "message": self.bump.message}}


def diff_overlays(old_spec: str, new_spec: str, overlays_dir: Path) -> OverlayDiff:
    """Compare two overlays, each a folder, a slug in ``overlays_dir`` or ``SLUG@GITREF``."""
    with ExitStack() as stack:
        old = stack.enter_context(overlay_version(old_spec, overlays_dir))
        new = stack.enter_context(overlay_version(new_spec, overlays_dir))
        changes = layer_changes(old.layer, new.layer, old.parent, new.parent)
    needed = max((c.needs for c in changes), key=_RANK.__getitem__, default=NONE)
    reasons = tuple(dict.fromkeys(c.group for c in changes if c.needs == needed and needed != NONE))
    bump = BumpCheck(old.layer.version, new.layer.version, old.layer.version.bump_kind(new.layer.version),
                     needed, reasons)
    return OverlayDiff(old.label, new.label, new.layer.slug, old.layer.version, new.layer.version, new.day or today(),
                       changes, bump)
