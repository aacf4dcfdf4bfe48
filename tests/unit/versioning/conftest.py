from __future__ import annotations

from pathlib import Path

import pytest

from curriculum_kit.formats.library import Library
from tests.gitrepo import copy_samples


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """A copy of the samples at the tests' starting point, as the working folder."""
    copy_samples(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return tmp_path


def load() -> Library:
    return Library.load(Path("base_modules"), Path("county_overlays"))
