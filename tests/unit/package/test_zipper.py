"""Packet zips: the same bytes for the same entries, with checksums worked out once."""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib

from curriculum_kit.package.zipper import Checksums, Entry, write_zip_bytes

WHEN = (2026, 12, 6, 0, 0, 0)


def test_checksums_are_worked_out_once_per_bytes_object_and_equal_the_plain_ones(monkeypatch):
    from curriculum_kit.package import zipper

    hashed: list[bytes] = []
    sha256 = hashlib.sha256
    monkeypatch.setattr(zipper.hashlib, "sha256", lambda data: hashed.append(data) or sha256(data))
    checksums = Checksums()
    data = b"PK" + bytes(range(256)) * 100
    copy = bytes(bytearray(data))  # equal bytes, another object
    assert checksums.sha256(data) == checksums.sha256(copy) == sha256(data).hexdigest()
    assert checksums.crc32(data) == zlib.crc32(data)
    assert len(hashed) == 2 and checksums.sha256(data) is checksums.sha256(data) and len(hashed) == 2


def test_a_zip_written_with_checksums_is_the_zip_written_without():
    document = b"PK\x03\x04 a .docx, stored as it is" * 50
    entries = [Entry("packet/guide.docx", document), Entry("packet/README.txt", b"read me"),
               Entry("packet/handouts/h.docx", document)]
    plain, checked = io.BytesIO(), io.BytesIO()
    write_zip_bytes(plain, entries, WHEN)
    write_zip_bytes(checked, entries, WHEN, Checksums())
    assert plain.getvalue() == checked.getvalue()
    with zipfile.ZipFile(checked) as archive:
        assert archive.testzip() is None and archive.read("packet/guide.docx") == document
