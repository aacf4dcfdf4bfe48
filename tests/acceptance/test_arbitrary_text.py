"""Any text a county can type, in any field of its overlay, gives either a clean build or a
one-line error: never a traceback, and whatever `validate` accepts, `build` builds.

Property-based (hypothesis): each example writes one small overlay with one field replaced
by arbitrary text, then runs `validate` and `build --no-pdf` on one module and one county.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from curriculum_kit.outputs import toml_string
from tests.acceptance.conftest import build_args, run
from tests.conftest import REPO

MODULE = "linkages-orientation"
SLUG = "prop-county"

TOML_FIELDS = {  # the overlay.toml values, as (table, key) of the template below
    "slug": SLUG, "county": "Prop County", "version": "1.0.0", "omit": "icebreaker-bingo",
    "cws_name": "Prop County Children's Services", "cws_short": "PCS", "cws_logo": "logos/cws.png",
    "cws_color": "#1F5FA8", "calworks_name": "Prop County Employment Services", "calworks_short": "PES",
    "trainer1_name": "Maria Lopez", "trainer1_program": "cws", "trainer1_title": "Trainer", "trainer1_email": "ml@example.org",
    "trainer2_name": "Luis Ortega", "trainer2_title": "Trainer", "trainer2_email": "lo@example.org",
}
CSV_FILES = {
    "terminology.csv": [["term", "replacement", "case", "note"], ["CWS", "PCS", "", "acronym"]],
    "contacts.csv": [["program", "role", "name", "title", "phone", "email", "location", "notes"],
                     ["cws", "Linkages liaison", "Dana Whitfield", "Supervisor", "(555) 555-0101",
                      "dw@example.org", "Room 210", ""]],
    "orgchart.csv": [["id", "name", "title", "program", "reports_to"], ["1", "Alicia Grant", "Director", "both", ""],
                     ["2", "Ben Okafor", "Deputy Director", "cws", "1"]],
}
STORY = {"name": "back-to-work", "title": "Back to work", "programs": "CWS, CalWORKs",
         "body": "When the family's case opened, both programs met.\n\nThey planned together."}

CELLS = [(name, row, column) for name, rows in CSV_FILES.items()
         for row in range(len(rows)) for column in range(len(rows[0]))]  # headers too
FIELDS = ([("toml", key) for key in TOML_FIELDS] + [("csv", cell) for cell in CELLS]
          + [("story", key) for key in STORY])
FINDING = re.compile(r"^\S.*: (error|warning): .+$")


def write_overlay(folder: Path, toml: dict[str, str], csvs: dict[str, list[list[str]]], story: dict[str, str]) -> None:
    t = {key: toml_string(value) for key, value in toml.items()}
    (folder / "overlay.toml").write_text(
        f"slug = {t['slug']}\ncounty = {t['county']}\nversion = {t['version']}\n"
        f"omit_sections = [{t['omit']}]\n\n"
        f"[programs.cws]\nname = {t['cws_name']}\nshort_name = {t['cws_short']}\nlogo = {t['cws_logo']}\n"
        f"color = {t['cws_color']}\n\n"
        f"[programs.calworks]\nname = {t['calworks_name']}\nshort_name = {t['calworks_short']}\n\n"
        f"[[trainers]]\nname = {t['trainer1_name']}\nprogram = {t['trainer1_program']}\ntitle = {t['trainer1_title']}\n"
        f"email = {t['trainer1_email']}\n\n"
        f"[[trainers]]\nname = {t['trainer2_name']}\nprogram = \"calworks\"\ntitle = {t['trainer2_title']}\n"
        f"email = {t['trainer2_email']}\n", encoding="utf-8")
    for name, rows in csvs.items():
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        (folder / name).write_text(buffer.getvalue(), encoding="utf-8", newline="")
    (folder / "stories").mkdir()
    (folder / "stories" / f"{story['name']}.md").write_text(
        f"# {story['title']}\nPrograms: {story['programs']}\n\n{story['body']}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """One module and one valid county: what each example changes one field of."""
    root = tmp_path_factory.mktemp("property")
    shutil.copytree(REPO / "base_modules" / MODULE, root / "base_modules" / MODULE)
    (root / "county_overlays").mkdir()
    logos = root / "logo.png"
    Image.new("RGB", (300, 300), "#1F5FA8").save(logos)
    return root


def fresh_overlay(root: Path) -> Path:
    folder = root / "county_overlays" / SLUG
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(root / "dist", ignore_errors=True)
    folder.mkdir()
    (folder / "logos").mkdir()
    shutil.copy(root / "logo.png", folder / "logos" / "cws.png")
    return folder


def check(root: Path) -> None:
    """validate and build: exit 0 or 1, one line per finding or failure, and a build of what
    validate accepted."""
    args = ["--modules", str(root / "base_modules"), "--overlays", str(root / "county_overlays")]
    checked = run(["validate", SLUG, *args])  # run() lets a traceback through: it fails the test
    assert checked.exit_code in (0, 1), checked.output
    lines = checked.output.splitlines()
    assert all(FINDING.match(line) for line in lines[:-1]), checked.output
    assert re.fullmatch(r"\d+ errors?, \d+ warnings? \(1 module, 1 overlay checked\)", lines[-1]), checked.output
    built = run(build_args(root, root / "dist", "--no-pdf", "--jobs", "1", "--county", SLUG))
    assert built.exit_code == checked.exit_code, f"validate said {checked.output}\nbuild said {built.output}"
    if built.exit_code:
        failed = [line for line in built.output.splitlines() if line.startswith("FAILED ")]
        assert failed and all(line.count("\n") == 0 for line in failed), built.output
    assert (root / "dist" / "index.html").is_file()


def test_the_unchanged_overlay_builds(library):
    write_overlay(fresh_overlay(library), dict(TOML_FIELDS), {k: [list(r) for r in v] for k, v in CSV_FILES.items()},
                  dict(STORY))
    check(library)
    assert run(["validate", SLUG, "--modules", str(library / "base_modules"), "--overlays",
                str(library / "county_overlays")]).output.startswith("0 errors")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), text=st.text(max_size=40))
def test_any_text_in_any_field(library, field, text):
    kind, key = field
    toml, story = dict(TOML_FIELDS), dict(STORY)
    csvs = {name: [list(row) for row in rows] for name, rows in CSV_FILES.items()}
    if kind == "toml":
        toml[key] = text
    elif kind == "csv":
        name, row, column = key
        csvs[name][row][column] = text
    elif key == "name":
        assume(text and "/" not in text and "\x00" not in text and text not in (".", "..")
               and len(text.encode()) < 250)
        story[key] = text
    else:
        story[key] = text
    folder = fresh_overlay(library)
    write_overlay(folder, toml, csvs, story)
    check(library)
