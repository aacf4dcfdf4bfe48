"""Reading an overlay as it was at a git ref: real repositories, nothing checked out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from curriculum_kit.errors import GitError, InputError, InvalidInputs
from curriculum_kit.versioning.gitrefs import overlay_version
from tests.gitrepo import change_alder, commit_all, git, needs_git, replace_line, sample_repo, tree_state

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    root = sample_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def test_a_tag_gives_the_overlay_and_its_parent_as_they_were(repo):
    change_alder(repo)
    replace_line(repo / "county_overlays/california-statewide/overlay.toml", "version =", 'version = "1.2.0"')
    commit_all(repo, "next", tag="next", day="2026-02-14")
    before = tree_state(repo), git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD")
    with overlay_version("alder-county@samples", Path("county_overlays")) as old:
        assert (str(old.layer.version), str(old.parent.version), old.day) == ("2.0.0", "1.1.0", date(2026, 1, 5))
        assert next(t for t in old.layer.terms if t.term == "hotline").replacement == "Child Protection Hotline"
        folder = old.layer.folder
        assert folder.is_dir() and not folder.is_relative_to(repo)
    assert not folder.exists()  # the export is gone with the context
    with overlay_version("county_overlays/alder-county@next", Path("elsewhere")) as new:
        assert (str(new.layer.version), str(new.parent.version), new.day) == ("2.1.0", "1.2.0", date(2026, 2, 14))
    assert (tree_state(repo), git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD")) == before


def test_a_branch_and_a_commit_work_too(repo):
    commit = git(repo, "rev-parse", "HEAD").strip()
    for ref in ("main", commit[:10], "HEAD~0"):
        with overlay_version(f"manzanita-county@{ref}", Path("county_overlays")) as version:
            assert version.parent.slug == "sierra-foothills-region"


def test_a_folder_is_read_as_it_is(repo):
    change_alder(repo)
    with overlay_version("alder-county", Path("county_overlays")) as version:
        assert (str(version.layer.version), version.day, version.label) == ("2.1.0", None, "alder-county")


def test_unknown_refs(repo):
    with pytest.raises(GitError, match=r"^unknown git ref 'smaples' \(did you mean 'samples'\?\)$"):
        with overlay_version("alder-county@smaples", Path("county_overlays")):
            pass
    with pytest.raises(GitError, match=r"^'-p' is not a git ref \(a commit, tag or branch\)$"):
        with overlay_version("alder-county@-p", Path("county_overlays")):
            pass


def test_an_overlay_broken_at_that_ref_names_the_ref(repo):
    replace_line(repo / "county_overlays/alder-county/overlay.toml", "version =", 'version = "two"')
    commit_all(repo, "oops", tag="oops")
    with pytest.raises(InvalidInputs) as caught:
        with overlay_version("alder-county@oops", Path("county_overlays")):
            pass
    assert str(caught.value) == ("oops:county_overlays/alder-county/overlay.toml:5: version: 'two' is not a "
                                 "semantic version like 1.2.0")


def test_not_a_repository_or_not_an_overlay(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "overlays" / "alder-county").mkdir(parents=True)
    with pytest.raises(GitError, match=r"is not in a git repository, so 'alder-county@HEAD' cannot be read; "
                                       r"compare two folders instead"):
        with overlay_version("alder-county@HEAD", Path("overlays")):
            pass
    with pytest.raises(InputError, match=r"is not an overlay folder \(no overlay.toml\)"):
        with overlay_version("alder-county", Path("overlays")):
            pass


def test_a_commit_holding_more_than_an_overlay_holds_is_refused_before_it_is_unpacked(repo, monkeypatch):
    """A 1.5 GB file of zeros packs into a few MB of .git; read whole, it took 3 GB of memory.
    (The limit is lowered here to a size a test can commit.)"""
    import curriculum_kit.versioning.gitrefs as gitrefs

    monkeypatch.setattr(gitrefs, "MAX_SNAPSHOT_BYTES", 1 << 20)
    (repo / "county_overlays/alder-county/stories/zeros.bin").write_bytes(bytes(2 << 20))
    commit_all(repo, "big", tag="big")
    with pytest.raises(GitError, match=r"^county_overlays/alder-county at commit \w{7} holds 2 MB; a folder of "
                                       r"overlay or module files is far smaller \(limit 1 MB\)$"):
        with overlay_version("alder-county@big", Path("county_overlays")):
            pass
