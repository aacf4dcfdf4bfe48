"""Locking a county to modules, and the check `build` makes against the lock."""

from __future__ import annotations

import shutil

import pytest

from curriculum_kit.errors import InputError, InvalidInputs
from curriculum_kit.formats.lockfile import read_lock
from curriculum_kit.versioning.lock import lock_overlay, lock_problems, locked_snapshot, module_digest
from tests.gitrepo import replace_line
from tests.unit.versioning.conftest import load

REVIEW = "review it with 'curriculum-kit outdated alder-county', then run 'curriculum-kit lock alder-county'"


def problems(module_id: str = "linkages-orientation") -> str | None:
    library = load()
    return lock_problems(library.overlays["alder-county"], library.modules[module_id])


def test_no_lock_no_problem(root):
    assert problems() is None


def test_a_locked_module_that_did_not_change(root):
    lock_overlay(load(), "alder-county")
    assert problems() is None


def test_a_new_version_a_silent_change_and_a_new_module(root):
    lock_overlay(load(), "alder-county", ["linkages-orientation"])
    assert problems("coordinated-case-planning") == (
        f"county_overlays/alder-county/modules.lock: does not lock coordinated-case-planning 2.0.1, a module "
        f"published since; {REVIEW}")
    toml = root / "base_modules/linkages-orientation/module.toml"
    toml.write_text(toml.read_text() + "\n# a comment changes the files, not the version\n")
    assert problems() == (f"county_overlays/alder-county/modules.lock: locks linkages-orientation 1.2.0, whose "
                          f"files have changed since 2026-01-01 (same version); {REVIEW}")
    replace_line(toml, "version =", 'version = "1.3.0"')
    assert problems() == (f"county_overlays/alder-county/modules.lock: locks linkages-orientation 1.2.0, but the "
                          f"module is now 1.3.0; {REVIEW}")


def test_a_corrupt_lock_is_the_problem(root):
    (root / "county_overlays/alder-county/modules.lock").write_text("[modules\n")
    assert problems().startswith("county_overlays/alder-county/modules.lock:1: is not valid TOML: ")


def test_locking_one_module_keeps_the_others(root):
    lock_overlay(load(), "alder-county")
    replace_line(root / "base_modules/linkages-orientation/module.toml", "version =", 'version = "1.3.0"')
    result = lock_overlay(load(), "alder-county", ["linkages-orientation"])
    assert [(c.module, c.action) for c in result.changes] == [("linkages-orientation", "updated")]
    entries = read_lock(root / "county_overlays/alder-county/modules.lock")
    assert sorted(entries) == ["coordinated-case-planning", "families-experiencing-homelessness",
                               "linkages-orientation", "supportive-services"]
    assert str(entries["linkages-orientation"].version) == "1.3.0"


def test_an_unknown_module_or_overlay(root):
    with pytest.raises(InputError, match=r"no module 'linkages-orientaton' in base_modules \(did you mean "
                                         r"'linkages-orientation'\?\)"):
        lock_overlay(load(), "alder-county", ["linkages-orientaton"])
    with pytest.raises(InputError, match=r"no overlay 'alder' in county_overlays"):
        lock_overlay(load(), "alder")
    assert not (root / "county_overlays/alder-county/modules.lock").exists()


def test_a_broken_module_stops_locking(root):
    (root / "base_modules/linkages-orientation/module.toml").write_text("id = \n")
    with pytest.raises(InvalidInputs, match="is not valid TOML"):
        lock_overlay(load(), "alder-county")


def test_the_snapshot_must_belong_to_the_lock(root):
    lock_overlay(load(), "alder-county")
    folder = root / "county_overlays/alder-county"
    entries = read_lock(folder / "modules.lock")
    shutil.copy(folder / ".lock/coordinated-case-planning.json", folder / ".lock/linkages-orientation.json")
    with pytest.raises(InputError, match=r"does not match modules.lock \(another module or content hash\)"):
        locked_snapshot(folder, entries["linkages-orientation"])
    (folder / ".lock/linkages-orientation.json").unlink()
    with pytest.raises(InputError, match=r"locks linkages-orientation, but its snapshot "
                                         r".lock/linkages-orientation.json is missing"):
        locked_snapshot(folder, entries["linkages-orientation"])


def test_the_module_digest_follows_the_files(root):
    module = load().modules["linkages-orientation"]
    first = module_digest(module)
    assert module_digest(module) == first and len(first) == 64
    handout = module.handouts[0]
    handout.write_bytes(handout.read_bytes() + b"\0")
    assert module_digest(module) != first


def test_a_snapshot_folder_that_is_a_link_is_refused_and_nothing_is_written_through_it(root, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    overlay = root / "county_overlays" / "alder-county"
    shutil.rmtree(overlay / ".lock", ignore_errors=True)
    (overlay / ".lock").symlink_to(outside)
    with pytest.raises(InputError) as caught:
        lock_overlay(load(), "alder-county")
    assert caught.value.message.startswith("is a symbolic link; the lock's snapshots are read and written only")
    assert list(outside.iterdir()) == [] and not (overlay / "modules.lock").exists()


def test_a_lock_that_cannot_be_written_writes_no_snapshot_either(root):
    overlay = root / "county_overlays" / "alder-county"
    shutil.rmtree(overlay / ".lock", ignore_errors=True)
    (overlay / "modules.lock").unlink(missing_ok=True)
    (overlay / "modules.lock").mkdir()
    with pytest.raises(InputError, match="is a folder; name a file to write"):
        lock_overlay(load(), "alder-county")
    assert not (overlay / ".lock").exists()


@pytest.mark.parametrize("old, new, message", [
    ('version = "1.2.0"', 'version = "banana"', "version: 'banana' is not a semantic version like 1.2.0"),
    ('version = "1.2.0"', 'version = "1.2.0', "is not valid TOML"),
])
def test_validate_reports_a_lock_that_lock_and_build_would_refuse(root, old, new, message):
    """validate said '0 errors' of a modules.lock that `outdated`, `lock` and `build --locked` refuse."""
    from curriculum_kit.validate import validate

    lock_overlay(load(), "alder-county", ["linkages-orientation"])
    path = root / "county_overlays" / "alder-county" / "modules.lock"
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    errors = [str(finding) for finding in validate(load()).errors]
    assert any(error.startswith("county_overlays/alder-county/modules.lock:") and message in error
               for error in errors), errors
    with pytest.raises((InputError, InvalidInputs)):
        read_lock(path)
