from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def corpus_files(*folders: str) -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for folder in folders for p in (CORPUS / folder).iterdir() if p.is_file())


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real-file corpus not found at {CORPUS}")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="poppler-utils (pdftotext) is not installed")


def _tree_digest(folder: Path) -> dict[str, str]:
    """Every file and link under ``folder`` with a hash of its bytes (or of its link target)."""
    import hashlib
    import os

    digests = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            digests[key] = "link:" + os.readlink(path)
        elif path.is_file():
            digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digests[key] = "folder"
    return digests


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory):
    """The suite keeps overlays parsed in a cache folder of its own (formats/kept_layers.py),
    not in the user's: every command it runs, in process or not, reads and fills that one."""
    import os

    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session", autouse=True)
def inputs_never_change():
    """The bundled base_modules/ and county_overlays/ are byte-identical after every command
    the suite runs: no command may write into the folders it reads."""
    folders = [REPO / "base_modules", REPO / "county_overlays"]
    before = {folder: _tree_digest(folder) for folder in folders}
    yield
    for folder in folders:
        after = _tree_digest(folder)
        changed = sorted(k for k in before[folder].keys() | after.keys() if before[folder].get(k) != after.get(k))
        assert not changed, f"the test suite changed {folder.name}/: {', '.join(changed[:10])}"
