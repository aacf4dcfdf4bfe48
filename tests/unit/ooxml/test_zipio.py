"""Deflating changed parts: standard raw deflate, the same bytes every time; the entries written."""

from __future__ import annotations

import io
import random
import zipfile
import zlib

import pytest

from curriculum_kit.errors import PackageError
from curriculum_kit.ooxml.package import Package
from curriculum_kit.ooxml.zipio import ZipWriter, deflate
from tests.fixtures import make_docx


@pytest.mark.parametrize("size", [0, 1, 5_000, (1 << 20) - 1, 3 << 20])
def test_deflate_reads_back_with_plain_zlib_and_is_deterministic(size):
    rng = random.Random(size)
    words = [b"<w:t>", b"Child Welfare Services", b"</w:t>", b" ", b"CalWORKs",
             bytes(rng.randrange(256) for _ in range(8))]
    data = b"".join(rng.choice(words) for _ in range(size // 8 + 1))[:size]
    raw = deflate(data)
    assert zlib.decompress(raw, -15) == data  # a large part is two halves that read as one stream
    assert deflate(data) == raw
    assert len(raw) <= len(zlib.compress(data, 6)) + 64  # as small as zlib's own level 6


def test_the_writers_directory_is_what_zipfile_reads_back():
    out = io.BytesIO()
    writer = ZipWriter(out)
    writer.add("word/document.xml", b"<w:document/>" * 500, (2026, 12, 6, 13, 7, 59))
    writer.add_raw("media/é.png", b"raw", zipfile.ZIP_STORED, zlib.crc32(b"raw"), 3)
    writer.close()
    read_back = zipfile.ZipFile(io.BytesIO(out.getvalue())).infolist()
    fields = ("filename", "flag_bits", "compress_type", "CRC", "compress_size", "file_size", "external_attr",
              "header_offset", "date_time")
    assert [[getattr(info, f) for f in fields] for info in writer.directory()] == \
        [[getattr(info, f) for f in fields] for info in read_back]


def test_a_writer_that_does_not_deflate_stores_what_it_is_given():
    out = io.BytesIO()
    writer = ZipWriter(out, deflating=False)
    small, large = b"<w:document/>" * 50, random.Random(6).randbytes(3 << 20)  # a large one is not halved either
    writer.add("word/document.xml", small)
    writer.add("word/media/big.bin", large)
    writer.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
        assert package.testzip() is None
        assert [info.compress_type for info in package.infolist()] == [zipfile.ZIP_STORED] * 2
        assert package.read("word/document.xml") == small and package.read("word/media/big.bin") == large


def test_an_entry_whose_start_is_cut_off_is_a_damaged_zip_in_memory_as_on_disk(tmp_path):
    """Bytes missing before the central directory make zipfile reckon an entry starts before
    the file: seeking there raised an OSError on disk but a ValueError in memory, which
    `check` (reading documents into memory) let out as a traceback."""
    data = make_docx(tmp_path / "guide.docx", "<w:p><w:r><w:t>Hello</w:t></w:r></w:p>").read_bytes()
    cut = data[:10] + data[200:]  # the first entry's header and some of its bytes gone
    with zipfile.ZipFile(io.BytesIO(cut)) as archive:
        assert min(info.header_offset for info in archive.infolist()) < 0
    (tmp_path / "cut.docx").write_bytes(cut)
    for opened in (lambda: Package(tmp_path / "cut.docx", cut), lambda: Package(tmp_path / "cut.docx")):
        with pytest.raises(PackageError) as caught:
            with opened() as package:
                package.xml(package.main_part)
        assert caught.value.message.startswith("is damaged: entry ")


@pytest.mark.parametrize("deflating", [True, False])
def test_an_entry_made_in_the_background_is_written_as_add_writes_it(deflating):
    large = b"<w:t>Child Welfare Services</w:t>" * (1 << 16)  # 2 MB: deflated in two halves
    outs = []
    for later in (False, True):
        out = io.BytesIO()
        writer = ZipWriter(out, deflating)
        writer.add("a.xml", b"<a/>")
        if later:
            writer.add_later("word/document.xml", lambda: large, (2026, 12, 8, 3, 0, 0))
        else:
            writer.add("word/document.xml", large, (2026, 12, 8, 3, 0, 0))
        writer.add("z.xml", b"<z/>")
        writer.close()
        outs.append(out.getvalue())
    assert outs[0] == outs[1]  # same bytes, same order
    assert zipfile.ZipFile(io.BytesIO(outs[1])).read("word/document.xml") == large


def test_an_error_making_an_entry_in_the_background_is_raised_by_the_writer():
    def fails() -> bytes:
        raise MemoryError("no room")

    writer = ZipWriter(io.BytesIO())
    with pytest.raises(MemoryError, match="no room"):  # when the next entry is written, at the latest
        writer.add_later("word/document.xml", fails)
        writer.close()
