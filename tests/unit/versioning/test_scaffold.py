"""`overlay new`: a folder that loads and validates at once, and is never written over."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from curriculum_kit.errors import InputError
from curriculum_kit.findings import Findings
from curriculum_kit.formats.overlay import load_layer
from curriculum_kit.versioning.scaffold import new_overlay


@pytest.fixture
def overlays(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "overlays" / "california-statewide").mkdir(parents=True)
    (tmp_path / "overlays" / "california-statewide" / "overlay.toml").write_text(
        'slug = "california-statewide"\ncounty = "California"\nversion = "1.0.0"\nbuildable = false\n')
    return Path("overlays")


def test_every_file_with_a_commented_example_row(overlays):
    folder = new_overlay(overlays, "juniper-county", extends="california-statewide")
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md", "contacts.csv", "logos", "orgchart.csv", "overlay.toml", "stories", "terminology.csv"]
    assert not any((folder / "stories").iterdir()) and not any((folder / "logos").iterdir())
    for name in ("terminology.csv", "contacts.csv", "orgchart.csv"):
        header, example = (folder / name).read_text().splitlines()
        assert example.startswith("# ") and example.count(",") >= header.count(",")
    findings = Findings()
    layer = load_layer(folder, findings)
    assert findings.items == []
    assert (layer.slug, layer.county, str(layer.version), layer.extends) == (
        "juniper-county", "Juniper County", "0.1.0", "california-statewide")
    assert (layer.terms, layer.contacts, layer.orgchart.people, layer.stories) == ((), (), (), ())
    readme = (folder / "README.md").read_text()
    assert readme.startswith("# Juniper County overlay\n") and "(`california-statewide`)" in readme
    assert not [p for p in overlays.iterdir() if p.name.startswith(".")]  # no staging folder left


def test_a_county_name_with_quotes_stays_valid_toml(overlays):
    folder = new_overlay(overlays, "la-paz", county='La Paz "Sunrise" County \\ East')
    assert tomllib.loads((folder / "overlay.toml").read_text())["county"] == 'La Paz "Sunrise" County \\ East'
    assert "extends" not in tomllib.loads((folder / "overlay.toml").read_text())


@pytest.mark.parametrize("slug, extends, message", [
    ("Juniper County", None, "'Juniper County' is not a valid overlay name: use lowercase letters, digits and "
                             "hyphens, like alder-county"),
    ("california-statewide", None, "already exists; curriculum-kit never overwrites an overlay (choose another "
                                   "name, or delete the folder first)"),
    ("juniper-county", "california-statwide", "--extends 'california-statwide': no such overlay in overlays "
                                              "(did you mean 'california-statewide'?)"),
])
def test_refusals(overlays, slug, extends, message):
    before = sorted(p.as_posix() for p in overlays.rglob("*"))
    with pytest.raises(InputError) as caught:
        new_overlay(overlays, slug, extends=extends)
    assert caught.value.message == message
    assert sorted(p.as_posix() for p in overlays.rglob("*")) == before


def test_a_parent_that_cannot_be_read_is_refused(overlays):
    (overlays / "california-statewide" / "overlay.toml").write_text('slug = "california-statewide"\ncounty = [\n')
    with pytest.raises(InputError) as caught:
        new_overlay(overlays, "juniper-county", extends="california-statewide")
    assert caught.value.path == overlays / "california-statewide" / "overlay.toml"
    assert caught.value.message.startswith("is not valid TOML: ")
    assert caught.value.message.endswith(" (the overlay --extends names); fix it first")
    assert not (overlays / "juniper-county").exists()


def test_a_link_to_nothing_in_the_new_overlays_place_is_refused(overlays):
    (overlays / "juniper-county").symlink_to(overlays / "gone")
    with pytest.raises(InputError) as caught:
        new_overlay(overlays, "juniper-county")
    assert caught.value.message == "is a link to nothing that exists; remove the link, or choose another name"
    assert (overlays / "juniper-county").is_symlink() and not (overlays / "gone").exists()


def test_the_overlays_folder_must_exist(tmp_path):
    with pytest.raises(InputError, match=r"overlay folder not found \(use --overlays DIR\)"):
        new_overlay(tmp_path / "missing", "juniper-county")
