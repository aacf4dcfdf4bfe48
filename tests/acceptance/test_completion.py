"""Shell completion, asked for the way bash asks (COMP_WORDS / COMP_CWORD): commands,
options, county slugs, module ids and git refs; the zsh and fish scripts are printed."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from curriculum_kit.cli import main
from tests.conftest import REPO
from tests.gitrepo import needs_git, sample_repo


def complete(line: str) -> list[str]:
    """What bash would offer after ``line`` (a trailing space: a new, empty word)."""
    words = line.split() + ([""] if line.endswith(" ") else [])
    result = CliRunner().invoke(main, [], prog_name="curriculum-kit", env={
        "_CURRICULUM_KIT_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(words),
        "COMP_CWORD": str(len(words) - 1)})
    assert result.exit_code == 0, result.output
    return [item.split(",", 1)[1] for item in result.output.splitlines() if item]


@pytest.fixture
def samples(tmp_path, monkeypatch):
    shutil.copytree(REPO / "base_modules", tmp_path / "base_modules")
    shutil.copytree(REPO / "county_overlays", tmp_path / "county_overlays")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_commands_and_subcommands(samples):
    assert complete("curriculum-kit o") == ["outdated", "overlay"]
    assert complete("curriculum-kit module ") == ["diff", "init"]
    assert complete("curriculum-kit overlay ") == ["diff", "new"]


def test_options(samples):
    assert complete("curriculum-kit build --j") == ["--jobs", "--json"]
    assert complete("curriculum-kit lock alder-county --allow") == ["--allow-downgrade"]


def test_county_slugs_and_module_ids(samples):
    assert complete("curriculum-kit lock ") == ["alder-county", "california-statewide", "cypress-valley-county",
                                                "manzanita-county", "sierra-foothills-region"]
    assert complete("curriculum-kit plan c") == ["california-statewide", "cypress-valley-county"]
    assert complete("curriculum-kit build --module co") == ["coordinated-case-planning"]
    assert complete("curriculum-kit build --county m") == ["manzanita-county"]
    assert complete("curriculum-kit module diff l") == ["linkages-orientation"]


def test_slugs_come_from_the_overlays_option_or_the_project_file(samples, tmp_path):
    (samples / "county_overlays").rename(samples / "overlays")
    assert complete("curriculum-kit lock a") == []
    assert complete("curriculum-kit lock --overlays overlays a") == ["alder-county"]
    (samples / "curriculum-kit.toml").write_text('overlays = "overlays"\n', encoding="utf-8")
    assert complete("curriculum-kit lock a") == ["alder-county"]


@needs_git
def test_git_refs_after_an_at_sign(tmp_path, monkeypatch):
    root = sample_repo(tmp_path / "repo")
    subprocess.run(["git", "-C", str(root), "tag", "alder-county-v2.0.0"], check=True)
    monkeypatch.chdir(root)
    assert complete("curriculum-kit overlay diff alder-county@") == [
        "alder-county@HEAD", "alder-county@alder-county-v2.0.0", "alder-county@samples", "alder-county@main"]
    assert complete("curriculum-kit overlay diff alder-county@alder") == ["alder-county@alder-county-v2.0.0"]
    assert complete("curriculum-kit module diff linkages-orientation@s") == ["linkages-orientation@samples"]


@pytest.mark.parametrize("shell, mark", [("bash", "complete -o nosort -F"), ("zsh", "compdef"),
                                         ("fish", "complete --no-files --command curriculum-kit")])
def test_the_documented_install_lines_print_a_script(shell, mark):
    result = CliRunner().invoke(main, [], prog_name="curriculum-kit",
                                env={"_CURRICULUM_KIT_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and mark in result.output
    assert f"_CURRICULUM_KIT_COMPLETE={shell}_source curriculum-kit" in (REPO / "README.md").read_text()
