"""Real git repositories for the versioning tests: the bundled samples, committed and tagged.

git runs with a fixed identity and dates and without the user's or system's settings, so
commit dates (which the changelog prints) are the same on every machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from curriculum_kit.adapting import adapt_file
from curriculum_kit.formats.terms import Term
from tests.conftest import REPO

needs_git = pytest.mark.skipif(shutil.which("git") is None,
                               reason="git is not installed; these tests need real git repositories")

_ENV = {"GIT_AUTHOR_NAME": "Staff Developer", "GIT_AUTHOR_EMAIL": "staffdev@county.example.org",
        "GIT_COMMITTER_NAME": "Staff Developer", "GIT_COMMITTER_EMAIL": "staffdev@county.example.org",
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def git(repo: Path, *args: str, day: str = "2026-01-05") -> str:
    """Run git in ``repo``; commits and tags made now are dated ``day`` (noon UTC)."""
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    result = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                             "-c", "tag.gpgsign=false", "-C", str(repo), *args],
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_all(repo: Path, message: str, tag: str | None = None, day: str = "2026-01-05") -> None:
    git(repo, "add", "-A", day=day)
    git(repo, "commit", "-q", "-m", message, day=day)
    if tag:
        git(repo, "tag", tag, day=day)


def sample_repo(root: Path) -> Path:
    """``root`` holding a copy of base_modules/ and county_overlays/, committed as tag 'samples'.

    Alder County and Linkages Orientation are first set to a fixed starting point (see
    :func:`copy_samples`): the samples themselves move on (the project's own history holds
    this very change), and the tests' changes must be real changes whatever they say today.
    """
    root.mkdir(parents=True, exist_ok=True)
    copy_samples(root)
    git(root, "init", "-q")
    commit_all(root, "Samples", tag="samples")
    return root


def copy_samples(root: Path) -> Path:
    """base_modules/ and county_overlays/ copied into ``root``, at the tests' starting point."""
    shutil.copytree(REPO / "base_modules", root / "base_modules")
    replace_line(root / "base_modules" / "linkages-orientation" / "module.toml", "version =", 'version = "1.2.0"')
    copy_overlays(root / "county_overlays")
    return root


def copy_overlays(target: Path) -> Path:
    """county_overlays/ copied to ``target``, with Alder County at 2.0.0 and no lock."""
    shutil.copytree(REPO / "county_overlays", target)
    folder = target / "alder-county"
    replace_line(folder / "terminology.csv", "hotline,",
                 "hotline,Child Protection Hotline,,24 hours; 1-800 number on the back of every badge")
    replace_line(folder / "contacts.csv", "cws,Family Reunification,",
                 "cws,Family Reunification,Keisha Morrow,Social Work Supervisor II,(707) 555-0112 x214,"
                 "kmorrow@alder.example.org,\"Redbank Regional Office, 40 Orchard Lane\",")
    replace_line(folder / "orgchart.csv", "134,", "134,Rachel Stein,Children's Social Worker III,cws,131")
    replace_line(folder / "overlay.toml", "version =", 'version = "2.0.0"')
    (folder / "modules.lock").unlink()
    shutil.rmtree(folder / ".lock")
    return target


def replace_line(path: Path, old: str, new: str) -> None:
    """Replace a line that starts with ``old`` (it must occur once) by ``new``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if line.startswith(old)]
    assert len(found) == 1, (old, found)
    lines[found[0]] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8", newline="")


def change_alder(root: Path, version: str = "2.1.0") -> None:
    """One real change to Alder County: a term, a contact's phone, a person's manager."""
    folder = root / "county_overlays" / "alder-county"
    replace_line(folder / "terminology.csv", "hotline,",
                 "hotline,Child Abuse Hotline,,24 hours; 1-800 number on the back of every badge")
    replace_line(folder / "contacts.csv", "cws,Family Reunification,",
                 "cws,Family Reunification,Keisha Morrow,Social Work Supervisor II,(707) 555-0140,"
                 "kmorrow@alder.example.org,\"Redbank Regional Office, 40 Orchard Lane\",")
    replace_line(folder / "orgchart.csv", "134,", "134,Rachel Stein,Children's Social Worker III,cws,132")
    replace_line(folder / "overlay.toml", "version =", f'version = "{version}"')


def change_module(root: Path) -> None:
    """A new release of linkages-orientation: 'county welfare department' is gone from every
    document, the guide gains a page about the CFT, and the version goes to 1.3.0."""
    folder = root / "base_modules" / "linkages-orientation"
    rewording = [Term("county welfare department", "county human services agency")]
    for path in (folder / "facilitator-guide.docx", folder / "slides.pptx",
                 folder / "handout-roles-at-a-glance.docx"):
        edited = root / ("edited" + path.suffix)  # adapt never writes into a module folder
        adapt_file(path, edited, rewording)
        os.replace(edited, path)
    guide = docx.Document(folder / "facilitator-guide.docx")
    page = guide.add_paragraph("Hand out the CFT checklist: each CFT ends with one plan for the family.")
    page.paragraph_format.page_break_before = True
    guide.save(folder / "facilitator-guide.docx")
    replace_line(folder / "module.toml", "version =", 'version = "1.3.0"')


def tree_state(root: Path) -> dict[str, str]:
    """Every file under ``root`` (outside .git) with its sha256: to prove nothing was written."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.relative_to(root).parts}
