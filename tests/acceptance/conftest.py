from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum_kit.cli import main
from tests.conftest import REPO

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def run(args: list[str], cwd: Path | None = None, epoch: str | None = EPOCH):
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    return CliRunner().invoke(main, args, env=env, catch_exceptions=False)


@pytest.fixture(scope="session")
def samples(tmp_path_factory) -> Path:
    """A copy of the bundled samples that tests may change."""
    root = tmp_path_factory.mktemp("samples")
    shutil.copytree(REPO / "base_modules", root / "base_modules")
    shutil.copytree(REPO / "county_overlays", root / "county_overlays")
    return root


def build_args(root: Path, out: Path, *extra: str) -> list[str]:
    return ["build", "--modules", str(root / "base_modules"), "--overlays", str(root / "county_overlays"),
            "--out", str(out), *extra]


@pytest.fixture(scope="session")
def built(samples, tmp_path_factory) -> Path:
    """The samples built once, without PDFs, with two workers."""
    out = tmp_path_factory.mktemp("dist")
    result = run(build_args(samples, out, "--no-pdf", "--jobs", "2"))
    assert result.exit_code == 0, result.output
    return out
