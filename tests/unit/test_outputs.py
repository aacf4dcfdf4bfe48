"""What the tool writes: CSV cells that never run as formulas, TOML that nothing can inject
into, and outputs that are never inputs."""

from __future__ import annotations

import csv
import os
import tomllib

import pytest

from curriculum_kit.errors import InputError
from curriculum_kit.outputs import (
    check_outputs,
    source_date_epoch,
    spreadsheet_cell,
    spreadsheet_text,
    toml_comment,
    toml_string,
    write_csv,
)


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1)",
                                   "\tTAB", "\rCR", "=cmd|' /C calc'!A0"])
def test_formula_cells_are_neutralised(value):
    assert spreadsheet_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://evil.example\")", "+1+1", "-- moved by HK", "@SUM(A1)",
                                   "\tTAB", "Maria Lopez", "'quoted'", "'", ""])
def test_a_guarded_cell_reads_back_as_written(value):
    """The inverse of the guard: the apostrophe it added, and only that, is taken off."""
    assert spreadsheet_text(spreadsheet_cell(value)) == value
    assert spreadsheet_text(value) == (value[1:] if value.startswith("'=") else value)


@pytest.mark.parametrize("value", ["Maria Lopez", "", "it's = fine", 3, 0.3, None])
def test_other_cells_are_kept(value):
    assert spreadsheet_cell(value) == value


def test_write_csv_neutralises_every_cell_and_header(tmp_path):
    path = tmp_path / "x.csv"
    write_csv(path, ["name", "=header"], [["=HYPERLINK(\"x\")", -3], ["Ana", "-3"]])
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows == [["name", "'=header"], ["'=HYPERLINK(\"x\")", "-3"], ["Ana", "'-3"]]


@pytest.mark.parametrize("value", ["Evil\nbuildable = false\n#", 'a "quoted" \\ value', "\x00\x1f\x7f\x85",
                                   "line\u2028sep", "Lan Nguyễn"])
def test_toml_string_round_trips_and_stays_on_one_line(value):
    text = toml_string(value)
    assert "\n" not in text and "\r" not in text
    assert tomllib.loads(f"key = {text}") == {"key": value}
    assert tomllib.loads(f"# {toml_comment(value)}\nkey = 1") == {"key": 1}


def test_an_output_that_is_an_input(tmp_path):
    source = tmp_path / "guide.docx"
    source.write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    for spelling in (source, tmp_path / "sub" / ".." / "guide.docx"):
        with pytest.raises(InputError) as caught:
            check_outputs([("--report", spelling)], [("INPUT", source)])
        assert caught.value.message == ("--report is INPUT; curriculum-kit never modifies its input, "
                                        "write to another file")


def test_an_output_that_is_a_link_to_an_input(tmp_path):
    source = tmp_path / "guide.docx"
    source.write_bytes(b"x")
    os.link(source, tmp_path / "hard.docx")
    (tmp_path / "soft.docx").symlink_to(source)
    for other in ("hard.docx", "soft.docx"):
        with pytest.raises(InputError) as caught:
            check_outputs([("-o", tmp_path / other)], [("INPUT", source)])
        assert caught.value.message.startswith("-o is INPUT;")


def test_two_outputs_that_are_one_file(tmp_path):
    with pytest.raises(InputError) as caught:
        check_outputs([("OUTPUT", tmp_path / "a.docx"), ("--report", tmp_path / "." / "a.docx")])
    assert caught.value.message == "--report is the same file as OUTPUT; name two different files"


def test_an_output_inside_a_folder_that_is_only_read(tmp_path):
    overlays = tmp_path / "county_overlays"
    (overlays / "alder-county").mkdir(parents=True)
    (tmp_path / "link").symlink_to(overlays / "alder-county")
    for path in (overlays, overlays / "alder-county" / "terminology.csv", tmp_path / "link" / "new.json"):
        with pytest.raises(InputError) as caught:
            check_outputs([("--out", path)], read_only=[overlays])
        assert caught.value.message == f"--out lies inside {overlays}, which curriculum-kit only reads; write it elsewhere"
    check_outputs([("--out", tmp_path / "county_overlays-dist")], read_only=[overlays])  # a name that only starts alike


def test_a_moment_before_1980_is_written_into_zips_as_their_first_date():
    """SOURCE_DATE_EPOCH=0 is common; a zip holds no date before 1980 (zipfile raised)."""
    from curriculum_kit.outputs import Stamp

    assert Stamp.from_epoch(0).zip_time == (1980, 1, 1, 0, 0, 0)
    assert Stamp.from_epoch(1767225600).zip_time == (2026, 1, 1, 0, 0, 0)


def test_a_full_disk_names_the_output_and_leaves_nothing_behind(tmp_path):
    """The system's 'No space left on device' names no file; the error names the output."""
    import errno

    from curriculum_kit.outputs import atomic_output

    target = tmp_path / "packet.zip"
    with pytest.raises(InputError) as caught:
        with atomic_output(target) as stream:
            stream.write(b"PK")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert (caught.value.path, caught.value.message) == (target, "cannot be written (No space left on device)")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_source_date_epoch_is_unset(monkeypatch):
    """`SOURCE_DATE_EPOCH=` (empty) was refused as 'must be a whole number'; reproducible-builds.org
    says an empty value is to be treated as unset."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert source_date_epoch() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert source_date_epoch() == 1767225600
