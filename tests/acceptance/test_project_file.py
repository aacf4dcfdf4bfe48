"""curriculum-kit.toml: found like git finds its repository; environment variables and
options override it; `list` says what is in use; a bad key is an error with a suggestion."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.acceptance.conftest import run
from tests.conftest import REPO


@pytest.fixture
def county_repo(tmp_path, monkeypatch) -> Path:
    """A county's repository: its overlays and the academy's modules under other names."""
    shutil.copytree(REPO / "base_modules", tmp_path / "academy")
    shutil.copytree(REPO / "county_overlays", tmp_path / "overlays")
    (tmp_path / "curriculum-kit.toml").write_text('modules = "academy"\noverlays = "overlays"\n', encoding="utf-8")
    (tmp_path / "notes" / "2027").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "notes" / "2027")
    return tmp_path


def settings(output: str) -> list[str]:
    return [" ".join(line.split()) for line in output.splitlines()[-3:]]


def test_the_project_file_of_a_parent_folder_sets_the_folders(county_repo):
    result = run(["list"])
    assert result.exit_code == 0, result.output
    assert "alder-county" in result.output and "linkages-orientation" in result.output
    assert settings(result.output) == ["Project file: ../../curriculum-kit.toml",
                                       "Modules folder: ../../academy (from ../../curriculum-kit.toml)",
                                       "Overlays folder: ../../overlays (from ../../curriculum-kit.toml)"]


def test_environment_variables_override_the_file_and_options_override_both(county_repo, monkeypatch):
    shutil.copytree(county_repo / "overlays", county_repo / "other-overlays")
    monkeypatch.setenv("CURRICULUM_KIT_OVERLAYS", str(county_repo / "other-overlays"))
    monkeypatch.setenv("CURRICULUM_KIT_MODULES", str(county_repo / "nowhere"))
    result = run(["list", "--modules", "../../academy"])
    assert result.exit_code == 0, result.output
    assert settings(result.output)[1:] == ["Modules folder: ../../academy (from --modules)",
                                           "Overlays folder: ../../other-overlays (from CURRICULUM_KIT_OVERLAYS)"]


def test_build_takes_out_jobs_and_pdf_from_the_file(county_repo):
    (county_repo / "curriculum-kit.toml").write_text(
        'modules = "academy"\noverlays = "overlays"\nout = "packets"\njobs = 1\npdf = false\n', encoding="utf-8")
    result = run(["build", "--county", "cypress-valley-county", "--module", "linkages-orientation"])
    assert result.exit_code == 0, result.output
    zips = sorted(p.name for p in (county_repo / "packets").rglob("*.zip"))
    assert len(zips) == 3 and not list((county_repo / "packets").rglob("*.pdf"))
    assert not (county_repo / "notes" / "2027" / "dist").exists()


def test_an_unknown_key_is_an_error_with_a_suggestion(county_repo):
    (county_repo / "curriculum-kit.toml").write_text('modules = "academy"\noverlay = "overlays"\n', encoding="utf-8")
    result = run(["list"])
    assert (result.exit_code, result.output) == (
        1, f"Error: {county_repo}/curriculum-kit.toml:2: unknown key 'overlay' (did you mean 'overlays'?)\n")


@pytest.mark.parametrize("line, message", [
    ("jobs = 0", "curriculum-kit.toml:1: 'jobs' must be a whole number of workers, 1 or more"),
    ('pdf = "no"', "curriculum-kit.toml:1: 'pdf' must be true or false"),
    ("modules = 3", "curriculum-kit.toml:1: 'modules' must be a folder (text, relative to this file)"),
])
def test_bad_values_are_errors_naming_the_line(tmp_path, monkeypatch, line, message):
    (tmp_path / "curriculum-kit.toml").write_text(line + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(["list"])
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")


def test_help_still_works_with_a_broken_project_file(tmp_path, monkeypatch):
    (tmp_path / "curriculum-kit.toml").write_text("modules = [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["--help"]).exit_code == 0
    assert run(["list"]).exit_code == 1


@pytest.mark.parametrize("kind, message", [("folder", "is a folder, expected a file"),
                                           ("pipe", "is a named pipe (FIFO), not a regular file")])
def test_a_project_file_that_is_no_file_is_refused_not_passed_over(tmp_path, monkeypatch, kind, message):
    """A folder or a pipe named curriculum-kit.toml was passed over: `list` said there was no
    project file and went on with the built-in folders."""
    path = tmp_path / "curriculum-kit.toml"
    path.mkdir() if kind == "folder" else os.mkfifo(path)
    monkeypatch.chdir(tmp_path)
    result = run(["list"])
    assert (result.exit_code, result.output) == (1, f"Error: curriculum-kit.toml: {message}\n")
