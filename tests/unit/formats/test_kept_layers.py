"""Overlays kept parsed between runs (formats/kept_layers.py): a kept layer is always what
reading the folder now gives, with the same findings; any change to the folder reads it anew."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from curriculum_kit.findings import Findings
from curriculum_kit.formats import kept_layers
from curriculum_kit.formats.kept_layers import load_kept_layer
from curriculum_kit.formats.overlay import load_layer
from tests.conftest import REPO
from tests.unit.formats.conftest import OVERLAYS, TERMINOLOGY, write_overlay


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, empty."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "curriculum-kit" / "layers"


def kept(folder: Path) -> tuple[object, list[str]]:
    found = Findings()
    return load_kept_layer(folder, found), [str(f) for f in found.items]


def fresh(folder: Path) -> tuple[object, list[str]]:
    found = Findings()
    return load_layer(folder, found), [str(f) for f in found.items]


@pytest.mark.parametrize("slug", sorted(p.name for p in (REPO / "county_overlays").iterdir()))
def test_a_kept_sample_overlay_is_what_reading_it_gives(slug, tmp_path, cache):
    folder = shutil.copytree(REPO / "county_overlays" / slug, tmp_path / "overlays" / slug)
    first = kept(folder)
    assert list(cache.iterdir()), "the layer was kept"
    assert kept(folder) == first == fresh(folder)


def test_warnings_come_back_with_a_kept_layer(cache):
    folder = write_overlay(terminology=TERMINOLOGY + "caseworker,caseworker,,\n")
    layer, found = kept(folder)
    assert layer is not None and any("replaced by itself" in line for line in found)
    assert len(list(cache.iterdir())) == 1
    assert kept(folder) == (layer, found)


def test_a_change_of_the_same_size_and_time_is_read(cache):
    folder = write_overlay()
    layer, _ = kept(folder)
    terms = folder / "terminology.csv"
    status = terms.stat()
    terms.write_text(TERMINOLOGY.replace("children's social worker", "children's social wonker"), newline="")
    os.utime(terms, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert terms.stat().st_size == status.st_size
    changed, _ = kept(folder)
    assert [t.replacement for t in changed.terms] == [t.replacement for t in fresh(folder)[0].terms]
    assert "children's social wonker" in [t.replacement for t in changed.terms]


def test_a_file_added_or_removed_is_read():
    folder = write_overlay()
    assert len(kept(folder)[0].stories) == 1
    (folder / "stories" / "second.md").write_text("# Second story\nPrograms: CWS\n\nText.\n")
    assert len(kept(folder)[0].stories) == 2
    (folder / "contacts.csv").unlink()
    assert kept(folder)[0].contacts == ()


def test_a_folder_with_errors_is_not_kept_and_errors_every_time(cache):
    folder = write_overlay(terminology="term,replacement\nCWS,\n")
    for _ in range(2):
        layer, found = kept(folder)
        assert layer is None and any("empty replacement" in line for line in found)
    assert not cache.exists() or not list(cache.iterdir())


def test_a_broken_or_foreign_cache_file_is_ignored(cache):
    folder = write_overlay()
    expected = kept(folder)
    (entry,) = cache.iterdir()
    for content in (b"", b"not a pickle", entry.read_bytes()[:40]):
        entry.write_bytes(content)
        assert kept(folder) == expected


def test_new_reading_code_reads_the_folder_again(monkeypatch):
    folder = write_overlay()
    kept(folder)
    calls = []
    monkeypatch.setattr(kept_layers, "load_layer", lambda *a: calls.append(a) or load_layer(*a))
    kept(folder)
    assert calls == []
    monkeypatch.setattr(kept_layers, "_code_digest", lambda: b"other code")
    kept(folder)
    assert len(calls) == 1


def test_no_home_for_the_cache_still_reads(monkeypatch, cache):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/folder")
    folder = write_overlay()
    assert kept(folder) == fresh(folder)
    assert not Path("relative").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_the_folder_is_never_opened():
    folder = write_overlay()
    os.mkfifo(folder / "pipe")
    result = []
    reader = threading.Thread(target=lambda: result.append(kept(folder)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "opening the FIFO would wait forever"
    assert result[0][0] is not None


def test_a_folder_too_big_to_fingerprint_is_read_every_time(monkeypatch, cache):
    monkeypatch.setattr(kept_layers, "_MAX_ENTRIES", 3)
    folder = write_overlay()
    assert kept(folder) == fresh(folder)
    assert not cache.exists()


def test_relative_and_absolute_paths_are_kept_apart():
    folder = write_overlay()
    relative, absolute = kept(folder), kept(folder.absolute())
    assert relative[0].folder == OVERLAYS / "alder-county" and absolute[0].folder == folder.absolute()


def test_a_file_name_that_is_not_utf8_is_fingerprinted(cache):
    folder = write_overlay()
    try:
        (Path(os.fsdecode(os.fsencode(folder) + b"/notes-\xff.txt"))).write_bytes(b"a note")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 file names")
    first = kept(folder)
    assert list(cache.iterdir()), "the layer was kept"
    assert kept(folder) == first == fresh(folder)
