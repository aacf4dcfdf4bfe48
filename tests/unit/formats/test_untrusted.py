"""Untrusted text and files: what a document cannot hold, and what is never read."""

from __future__ import annotations

import os
import socket

import pytest

from curriculum_kit.errors import InputError
from curriculum_kit.formats.sources import read_bytes, read_text
from curriculum_kit.formats.untrusted import cell_problem, clip, file_name_problem, text_problem

LINK = ("is a symbolic link; curriculum-kit reads only regular files inside the folder "
        "(copy the file here instead of linking to it)")


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"])
def test_characters_xml_cannot_hold(char):
    assert text_problem(f"Dana{char}Whitfield", 100) == (
        f"contains the control character U+{ord(char):04X}, which a Word or PowerPoint file cannot hold")


@pytest.mark.parametrize("text", ["Lan Nguyễn", "tab\there", "two\nlines", "emoji 🙂", "\u2028", "\x7f\x85"])
def test_characters_xml_holds(text):
    assert text_problem(text, 100) is None


@pytest.mark.parametrize("text", ["{{ck:contacts}}", "the {{ ck:x", "{{CK:stories}}"])
def test_marker_syntax(text):
    assert text_problem(text, 100) == ("contains marker syntax ({{ck:); markers belong in module documents, "
                                       "not in what goes into them")


@pytest.mark.parametrize("text", ["{ck:contacts}", "{{ not a marker }}", "ck: {{"])
def test_braces_that_are_no_marker(text):
    assert text_problem(text, 100) is None


def test_length_limit():
    assert text_problem("A" * 256, 255) == "is 256 characters long; at most 255 fit"
    assert text_problem("A" * 255, 255) is None


def test_cell_problem_names_the_column_and_shows_the_value():
    assert cell_problem("name", "Priya\x0bRaman") == ("column 'name' ('Priya\x0bRaman') contains the control "
                                                      "character U+000B, which a Word or PowerPoint file cannot hold")
    assert cell_problem("notes", "x" * 1001).startswith("column 'notes' ('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…') "
                                                         "is 1,001 characters long")


def test_file_name_in_bytes():
    assert file_name_problem("é" * 128) == "is 256 bytes long; a file name holds at most 255"
    assert file_name_problem("story.md") is None


def test_clip_keeps_document_properties_to_255():
    assert clip("A" * 300) == "A" * 254 + "…"
    assert clip("short") == "short"


def test_symlink_is_refused(tmp_path):
    target = tmp_path / "outside.md"
    target.write_text("secret")
    (tmp_path / "story.md").symlink_to(target)
    with pytest.raises(InputError) as caught:
        read_text(tmp_path / "story.md")
    assert caught.value.message == LINK
    assert read_text(tmp_path / "story.md", named=True) == "secret"  # a file named on the command line


def test_fifo_is_refused_without_hanging(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(InputError) as caught:
        read_text(tmp_path / "pipe.csv")
    assert caught.value.message == "is a named pipe (FIFO), not a regular file"


def test_device_is_refused_even_when_named(tmp_path):
    with pytest.raises(InputError) as caught:
        read_bytes(__import__("pathlib").Path("/dev/zero"), 100, named=True)
    assert caught.value.message == "is a device, not a regular file"


def test_socket_is_refused(tmp_path):
    path = tmp_path / "s.csv"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(InputError) as caught:
            read_text(path)
        assert caught.value.message == "is a socket, not a regular file"
    finally:
        server.close()


def test_folder_is_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        read_text(tmp_path)
    assert caught.value.message == "is a folder, expected a file"


def test_size_limit_names_the_kind_of_file(tmp_path):
    path = tmp_path / "story.md"
    path.write_bytes(b"x" * 2049)
    with pytest.raises(InputError) as caught:
        read_text(path, 1024, "a story")
    assert caught.value.message == "is 3 KB; a story may be at most 1 KB"
    path.write_bytes(b"x" * 1024)
    assert read_text(path, 1024, "a story") == "x" * 1024
