"""The version bump check and the two renderings of a diff (text and changelog)."""

from __future__ import annotations

from datetime import date

import pytest

from curriculum_kit.formats.semver import Version
from curriculum_kit.report.versioning import render_changelog, render_diff
from curriculum_kit.versioning.changes import Change
from curriculum_kit.versioning.overlay_diff import BumpCheck, OverlayDiff


def check(old: str, new: str, needed: str, reasons: tuple[str, ...] = ("terms",)) -> BumpCheck:
    before, after = Version.parse(old), Version.parse(new)
    return BumpCheck(before, after, before.bump_kind(after), needed, reasons if needed != "none" else ())


@pytest.mark.parametrize("old, new, needed, adequate", [
    ("2.0.0", "2.1.0", "minor", True), ("2.0.0", "3.0.0", "minor", True), ("2.0.0", "2.0.1", "minor", False),
    ("2.0.0", "2.0.0", "minor", False), ("2.0.0", "2.0.1", "patch", True), ("2.0.0", "2.1.0", "patch", True),
    ("2.0.0", "2.0.0", "patch", False), ("2.0.0", "2.0.0", "none", True), ("2.0.0", "2.0.1", "none", True),
    ("2.1.0", "2.0.9", "none", False), ("2.1.0", "2.0.0", "minor", False), ("2.1.0-rc.1", "2.1.0", "patch", True),
])
def test_what_is_adequate(old, new, needed, adequate):
    assert check(old, new, needed).adequate is adequate


def test_messages_say_what_is_needed_and_suggest_a_version():
    assert check("1.4.2", "1.4.3", "minor", ("terms", "orgchart")).message == (
        "Version check failed: terminology and org chart changes need at least a minor bump (to 1.5.0 or "
        "higher), but 1.4.2 -> 1.4.3 is only a patch bump.")
    assert check("1.4.2", "1.4.2", "patch", ("contacts",)).message == (
        "Version check failed: contacts changes need at least a patch bump (to 1.4.3 or higher), but the "
        "version is still 1.4.2.")
    assert check("1.4.2", "1.4.3", "none").message == \
        "Version check passed: nothing here needs a new version (1.4.2 -> 1.4.3 is fine)."
    assert check("1.4.2", "1.3.0", "none").message == \
        "Version check failed: the version went down (1.4.2 -> 1.3.0); a new version must be higher."


def diff(changes: list[Change], old: str = "1.0.0", new: str = "1.1.0") -> OverlayDiff:
    needed = "minor" if changes else "none"
    return OverlayDiff("juniper-county@v1", "county_overlays/juniper-county", "juniper-county",
                       Version.parse(old), Version.parse(new), date(2026, 2, 3), changes,
                       check(old, new, needed, tuple(dict.fromkeys(c.group for c in changes))))


CHANGES = [Change("terms", "added", '"TDM"', 'replaced by "Team Decision-Making"', "minor"),
           Change("terms", "removed", '"CCR"', 'was replaced by "Continuum of Care Reform"', "minor"),
           Change("orgchart", "retitled", "Ivy Chen", 'title "Aide" -> "Assistant"', "minor")]


def test_text_groups_changes_by_kind():
    assert render_diff(diff(CHANGES)) == """\
juniper-county 1.0.0 -> 1.1.0 (from juniper-county@v1 to county_overlays/juniper-county)

Terminology
  added     "TDM": replaced by "Team Decision-Making"
  removed   "CCR": was replaced by "Continuum of Care Reform"
Org chart
  retitled  Ivy Chen: title "Aide" -> "Assistant"

3 changes. Version check passed: 1.0.0 -> 1.1.0 is a minor bump, and terminology and org chart changes need at \
least a minor bump."""


def test_changelog_sections_in_keep_a_changelog_order():
    assert render_changelog(diff(CHANGES)) == """\
## [1.1.0] - 2026-02-03

### Added
- Terminology: "TDM": replaced by "Team Decision-Making"

### Changed
- Org chart: Ivy Chen: title "Aide" -> "Assistant"

### Removed
- Terminology: "CCR": was replaced by "Continuum of Care Reform\""""
    assert render_changelog(diff([], "1.0.0", "1.0.1")) == (
        "## [1.0.1] - 2026-02-03\n\n### Changed\n- New version only; no changes to the overlay's content.")
