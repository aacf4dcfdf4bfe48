"""The change list between two versions of an overlay folder, kind by kind."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from curriculum_kit.findings import Findings
from curriculum_kit.formats.overlay import load_layer
from curriculum_kit.versioning.changes import Change, layer_changes
from tests.gitrepo import copy_overlays, replace_line
from tests.unit.formats.conftest import png_bytes

ALDER = "alder-county"


def changes(tmp_path: Path, edit: Callable[[Path], None], slug: str = ALDER) -> list[tuple]:
    """(group, action, text, needs) of every change after ``edit`` of a copy of the samples."""
    for side in ("old", "new"):
        copy_overlays(tmp_path / side)
    edit(tmp_path / "new")
    layers = []
    for side in ("old", "new"):
        findings = Findings()
        layer = load_layer(tmp_path / side / slug, findings)
        parent = load_layer(tmp_path / side / layer.extends, findings) if layer.extends else None
        assert not findings.errors, findings.errors
        layers.append((layer, parent))
    (old, old_parent), (new, new_parent) = layers
    return [(c.group, c.action, c.text, c.needs) for c in layer_changes(old, new, old_parent, new_parent)]


def in_alder(name: str, start: str, line: str) -> Callable[[Path], None]:
    return lambda root: replace_line(root / ALDER / name, start, line)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_no_change(tmp_path):
    assert changes(tmp_path, lambda root: None) == []


@pytest.mark.parametrize("line, expected", [
    ("CWS,DCFS Children's Services,,acronym",
     ("terms", "changed", '"CWS": replacement "DCFS" -> "DCFS Children\'s Services"', "minor")),
    ("CWS,DCFS,exact,acronym", ("terms", "changed", '"CWS": case "auto" -> "exact"', "minor")),
    ("CWS,DCFS,,the department's acronym",
     ("terms", "changed", '"CWS": note "acronym" -> "the department\'s acronym"', "patch")),
    ("TDM,Team Decision-Making,,", ("terms", "added", '"TDM": replaced by "Team Decision-Making"', "minor")),
])
def test_terms(tmp_path, line, expected):
    edit = in_alder("terminology.csv", "CWS,", line)
    found = changes(tmp_path, edit)
    if expected[1] == "added":
        assert found == [("terms", "removed", '"CWS": was replaced by "DCFS"', "minor"), expected]
    else:
        assert found == [expected]


def test_contacts_field_by_field_and_a_new_role_matched_by_name(tmp_path):
    def edit(root):
        replace_line(root / ALDER / "contacts.csv", "cws,Family Reunification,",
                     "cws,Reunification Services,Keisha Morrow,Social Work Supervisor II,(707) 555-0140,"
                     "kmorrow@alder.example.org,\"Redbank Regional Office, 40 Orchard Lane\",")
        replace_line(root / ALDER / "contacts.csv", "calworks,Eligibility,",
                     "calworks,Eligibility,Patricia Gomez,Eligibility Manager,(707) 555-0124,"
                     "pgomez@alder.example.org,ETA Fernvale Office,")
        append(root / ALDER / "contacts.csv", "both,Housing navigator,Sam Lee,Navigator,(707) 555-0199,,,\n")
    assert changes(tmp_path, edit) == [
        ("contacts", "changed", "Eligibility (CalWORKs): title \"Eligibility Supervisor\" -> \"Eligibility Manager\"; "
                                "notes \"CalWORKs and CalFresh eligibility questions\" -> (none)", "patch"),
        ("contacts", "added", "Housing navigator (Both programs): Sam Lee, Navigator", "patch"),
        ("contacts", "changed", "Keisha Morrow: now Reunification Services (Child Welfare Services) (was Family "
                                "Reunification (Child Welfare Services)); phone \"(707) 555-0112 x214\" -> "
                                "\"(707) 555-0140\"", "patch")]


def test_org_chart_moved_retitled_added_removed(tmp_path):
    def edit(root):
        replace_line(root / ALDER / "orgchart.csv", "134,", "134,Rachel Stein,Social Work Supervisor I,cws,130")
        replace_line(root / ALDER / "orgchart.csv", "137,", "138,Ivy Chen,Social Services Assistant,cws,133")
    assert changes(tmp_path, edit) == [
        ("orgchart", "removed", "Daniel Fuentes: was Social Services Assistant", "minor"),
        ("orgchart", "added", "Ivy Chen: Social Services Assistant, reports to Terrence Oduya", "minor"),
        ("orgchart", "moved", "Rachel Stein: now reports to Gail Whitcomb (was Dana Whitfield)", "minor"),
        ("orgchart", "retitled", "Rachel Stein: title \"Children's Social Worker III\" -> \"Social Work "
                                 "Supervisor I\"", "minor")]


def test_a_new_org_chart_file_is_one_change(tmp_path):
    assert changes(tmp_path, lambda root: (root / ALDER / "orgchart.csv").unlink()) == [
        ("orgchart", "removed", "orgchart.csv: 29 people; a parent's org chart is used, if any", "minor")]


def test_branding_names_colours_and_logos_by_their_bytes(tmp_path):
    def edit(root):
        folder = root / ALDER
        replace_line(folder / "overlay.toml", 'color = "#1F5FA8"', 'color = "#123456"')
        replace_line(folder / "overlay.toml", 'short_name = "ETA"', 'short_name = "E.T.A."')
        (folder / "logos" / "eta.png").write_bytes(png_bytes((12, 12)))
        shutil.move(folder / "logos" / "dcfs.png", folder / "logos" / "dcfs-2026.png")  # same image
        replace_line(folder / "overlay.toml", 'logo = "logos/dcfs.png"', 'logo = "logos/dcfs-2026.png"')
    assert changes(tmp_path, edit) == [
        ("branding", "changed", "CalWORKs logo: new image (eta.png)", "minor"),
        ("branding", "changed", "CalWORKs short name: \"ETA\" -> \"E.T.A.\"", "minor"),
        ("branding", "changed", "Child Welfare Services color: \"#1F5FA8\" -> \"#123456\"", "minor")]


def test_stories_settings_and_trainers(tmp_path):
    def edit(root):
        folder = root / ALDER
        story = folder / "stories" / "one-plan-not-two.md"
        append(story, "\nAndre now has one plan.\n")
        (folder / "stories" / "keys-before-the-court-date.md").unlink()
        replace_line(folder / "overlay.toml", "omit_sections =", 'omit_sections = ["case-conference-fishbowl"]')
        replace_line(folder / "overlay.toml", 'title = "Staff Development Specialist"', 'title = "Trainer"')
    assert changes(tmp_path, edit) == [
        ("settings", "added", 'section "case-conference-fishbowl": now left out', "minor"),
        ("settings", "removed", 'section "icebreaker-bingo": no longer left out', "minor"),
        ("trainers", "changed", 'Hannah Kessler: title "Staff Development Specialist" -> "Trainer"', "minor"),
        ("stories", "removed", '"Keys before the court date" (keys-before-the-court-date.md)', "minor"),
        ("stories", "changed", '"One plan, not two" (one-plan-not-two.md): text changed (3 -> 4 paragraphs)',
         "minor")]


def test_parent_overlay(tmp_path):
    statewide = in_alder("../california-statewide/overlay.toml", "version =", 'version = "1.2.0"')
    assert changes(tmp_path, statewide) == [
        ("parent", "changed", "california-statewide: 1.1.0 -> 1.2.0 (inherited changes; the parent's own "
                              "version covers them)", "none")]
    region = in_alder("overlay.toml", "extends =", 'extends = "sierra-foothills-region"')
    assert changes(tmp_path / "b", region) == [
        ("parent", "changed", 'extends: "california-statewide" -> "sierra-foothills-region"', "minor")]


def test_a_change_reads_as_subject_and_detail():
    assert Change("terms", "added", '"TDM"', 'replaced by "Team Decision-Making"', "minor").text == \
        '"TDM": replaced by "Team Decision-Making"'
    assert Change("stories", "added", '"Title" (title.md)', "", "minor").text == '"Title" (title.md)'


def test_calendar_changes_need_a_patch_bump(tmp_path):
    from datetime import date

    from curriculum_kit.formats.calendar import Absence, Closure, CountyCalendar, Room
    from curriculum_kit.versioning.changes import _calendar

    old = CountyCalendar((Closure("Furlough day", date(2027, 3, 12), date(2027, 3, 12)),), (Room("B", "Main St"),))
    new = CountyCalendar((Closure("Furlough day", date(2027, 3, 19), date(2027, 3, 19)),), (Room("B", "Elm St"),),
                         (Absence("Maria Lopez", date(2027, 6, 1), date(2027, 6, 30)),))
    assert [(c.action, c.text, c.needs) for c in _calendar(old, new)] == [
        ("changed", 'closure "Furlough day": start "2027-03-12" -> "2027-03-19"; end "2027-03-12" -> "2027-03-19"',
         "patch"),
        ("changed", 'room "B": address "Main St" -> "Elm St"', "patch"),
        ("added", "Maria Lopez away from 2027-06-01: unavailable 2027-06-01 to 2027-06-30", "patch")]
