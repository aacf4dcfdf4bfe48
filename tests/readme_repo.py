"""The README's story, replayed in a fresh git repository made from the samples.

The README shows Alder County's overlay going from 2.0.0 (tag ``alder-county-v2.0.0``) to
2.1.0 (tag ``alder-county-v2.1.0``), locking the modules, and the academy then publishing
Linkages Orientation 1.3.0. This builds that history from a copy of the samples, so every
command the README shows can be run as written, on any machine, without this project's own
git history or tags.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from curriculum_kit.adapting import adapt_file
from curriculum_kit.formats.terms import Term
from tests.conftest import REPO
from tests.gitrepo import change_alder, commit_all, copy_overlays, git, replace_line

LOCK_DAY = "2026-11-28"
LOCK_EPOCH = "1795867200"  # 2026-11-28T12:00:00Z
# Linkages Orientation 1.3.0 -> 1.2.0: the two sentences the academy changed, and the version
_BACK_TO_1_2_0 = (
    Term("Version 1.3.0", "Version 1.2.0"),
    Term("locally by the county, often", "locally by the county welfare department, often"),
    Term("with the county, and one Child and Family Team meeting (CFT) they took part in",
         "with the county welfare department"),
)


def orientation_1_2_0(root: Path) -> None:
    """Linkages Orientation as the academy published it before 1.3.0."""
    folder = root / "base_modules" / "linkages-orientation"
    guide = folder / "facilitator-guide.docx"
    edited = guide.with_name("edited.docx")
    result = adapt_file(guide, edited, _BACK_TO_1_2_0)
    assert sum(result.occurrences().values()) == 3, result.occurrences()
    os.replace(edited, guide)
    replace_line(folder / "module.toml", "version =", 'version = "1.2.0"')


def readme_repo(root: Path) -> Path:
    """``root``: the samples with the README's history, at the point the README describes
    (Alder County 2.1.0 locked to Linkages Orientation 1.2.0, the academy now at 1.3.0)."""
    from tests.acceptance.conftest import run

    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "base_modules", root / "base_modules")
    shutil.copytree(REPO / "samples", root / "samples")
    copy_overlays(root / "county_overlays")
    orientation_1_2_0(root)
    git(root, "init", "-q")
    commit_all(root, "Samples; Alder County 2.0.0", tag="alder-county-v2.0.0", day="2026-11-20")
    change_alder(root)
    commit_all(root, "Alder County 2.1.0", tag="alder-county-v2.1.0", day=LOCK_DAY)
    cwd = Path.cwd()
    os.chdir(root)
    try:
        result = run(["lock", "alder-county"], epoch=LOCK_EPOCH)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    commit_all(root, "Alder County locks the modules it reviewed", day=LOCK_DAY)
    shutil.rmtree(root / "base_modules" / "linkages-orientation")
    shutil.copytree(REPO / "base_modules" / "linkages-orientation", root / "base_modules" / "linkages-orientation")
    commit_all(root, "Linkages Orientation 1.3.0", day=LOCK_DAY)
    return root
