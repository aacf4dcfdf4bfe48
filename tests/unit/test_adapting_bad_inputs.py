"""Hostile and damaged inputs: a one-line error naming the file, and no output."""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest

from curriculum_kit.adapting import adapt_file
from curriculum_kit.errors import PackageError
from curriculum_kit.formats.terms import Term
from tests.conftest import corpus_files, needs_corpus
from tests.fixtures import make_docx, rewrite_zip

TERMS = [Term("CWS", "DCFS")]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def good(tmp_path):
    return make_docx(tmp_path / "good.docx", "<w:p><w:r><w:t>CWS</w:t></w:r></w:p>")


def refuse(path, message, tmp_path):
    out = tmp_path / "out.docx"
    with pytest.raises(PackageError, match=message) as caught:
        adapt_file(path, out, TERMS)
    assert str(caught.value).count("\n") == 0 and path.name in str(caught.value)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")], "no temporary file left"


def test_empty_text_and_legacy_files(tmp_path):
    (tmp_path / "empty.docx").write_bytes(b"")
    refuse(tmp_path / "empty.docx", "is empty", tmp_path)
    (tmp_path / "text.docx").write_text("just some text")
    refuse(tmp_path / "text.docx", "not a Word or PowerPoint file", tmp_path)
    (tmp_path / "old.docx").write_bytes(OLE + b"\0" * 600 + "WordDocument".encode("utf-16-le"))
    refuse(tmp_path / "old.docx", "legacy binary Office file", tmp_path)
    (tmp_path / "locked.docx").write_bytes(OLE + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"))
    refuse(tmp_path / "locked.docx", "password-protected", tmp_path)


def test_a_folder_or_a_pipe_is_not_read(tmp_path):
    (tmp_path / "folder.docx").mkdir()
    refuse(tmp_path / "folder.docx", "is not a file", tmp_path)
    os.mkfifo(tmp_path / "pipe.docx")  # reading it would wait forever
    refuse(tmp_path / "pipe.docx", "is not a file", tmp_path)


def test_truncated_and_corrupt_zips(tmp_path):
    data = good(tmp_path).read_bytes()
    (tmp_path / "half.docx").write_bytes(data[: len(data) // 2])
    refuse(tmp_path / "half.docx", "not a complete zip archive", tmp_path)
    # flip a byte inside the compressed styles part: its CRC no longer matches
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo("word/styles.xml")
    offset = info.header_offset + 30 + len(info.filename) + 40
    broken = bytearray(data)
    broken[offset] ^= 0xFF
    (tmp_path / "crc.docx").write_bytes(bytes(broken))
    refuse(tmp_path / "crc.docx", "is damaged", tmp_path)


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    data = good(tmp_path).read_bytes()
    bomb = rewrite_zip(data, {"word/media/padding.bin": b"\0" * (40 << 20)})
    (tmp_path / "bomb.docx").write_bytes(bomb)
    refuse(tmp_path / "bomb.docx", "zip bomb", tmp_path)


def test_an_xml_part_larger_than_any_real_document_is_refused_before_parsing(tmp_path):
    """Plain paragraphs compress about 150-fold, under the bomb ratio, and parse to some 35
    times their size in memory: a 2.6 MB guide of 400 MB took 14 GB."""
    data = good(tmp_path).read_bytes()
    paragraphs = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * ((41 << 20) // 34)
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    (tmp_path / "huge.docx").write_bytes(rewrite_zip(data, {"word/document.xml": body + paragraphs + b"</w:body></w:document>"}))
    refuse(tmp_path / "huge.docx", "MB of XML, more than any real document holds", tmp_path)


def test_an_entry_that_inflates_past_its_declared_size_is_refused(tmp_path):
    """The bomb checks trust the declared sizes, so reading never inflates beyond them."""
    data = good(tmp_path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo("word/document.xml")
    for where in (info.header_offset + 22, _central_record(data, info.filename) + 24):
        data = data[:where] + (16).to_bytes(4, "little") + data[where + 4:]  # uncompressed size: 16 bytes
    (tmp_path / "liar.docx").write_bytes(data)
    refuse(tmp_path / "liar.docx", "is damaged: entry 'word/document.xml'", tmp_path)


def test_a_zip_version_python_cannot_read_is_refused(tmp_path):
    """A damaged "version needed to extract" makes zipfile raise NotImplementedError."""
    data = good(tmp_path).read_bytes()
    where = _central_record(data, "word/document.xml") + 6
    data = data[:where] + (226).to_bytes(2, "little") + data[where + 2:]  # needs zip 22.6
    (tmp_path / "future.docx").write_bytes(data)
    refuse(tmp_path / "future.docx", "zip feature this tool cannot read", tmp_path)


def _central_record(data: bytes, name: str) -> int:
    """Offset of an entry's central directory record (its name follows 46 bytes of header)."""
    return data.index(name.encode(), data.index(b"PK\x01\x02")) - 46


def test_doctype_and_entities_are_refused(tmp_path):
    data = good(tmp_path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = package.read("word/document.xml")
    evil = document.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY e "CWS">]>', 1)
    (tmp_path / "dtd.docx").write_bytes(rewrite_zip(data, {"word/document.xml": evil}))
    refuse(tmp_path / "dtd.docx", "DOCTYPE", tmp_path)


def test_absurdly_deep_nesting_is_refused_in_words_a_user_reads(tmp_path):
    data = good(tmp_path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = package.read("word/document.xml").decode()
    deep = "<w:smartTag>" * 3000 + "<w:r><w:t>CWS</w:t></w:r>" + "</w:smartTag>" * 3000
    document = document.replace("<w:r><w:t>CWS</w:t></w:r>", deep, 1)
    assert deep in document
    (tmp_path / "deep.docx").write_bytes(rewrite_zip(data, {"word/document.xml": document.encode()}))
    refuse(tmp_path / "deep.docx", "part 'word/document.xml' nests elements over 2,048 deep", tmp_path)


def test_not_ooxml_and_missing_main_part(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "hello")
    (tmp_path / "plain.docx").write_bytes(buffer.getvalue())
    refuse(tmp_path / "plain.docx", r"no \[Content_Types\].xml", tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:  # what LibreOffice saves by default
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
    (tmp_path / "module.odt").write_bytes(buffer.getvalue())
    refuse(tmp_path / "module.odt", r"is an OpenDocument file .* save it as Word \(.docx\)", tmp_path)
    data = good(tmp_path).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info))
    (tmp_path / "nomain.docx").write_bytes(out.getvalue())
    refuse(tmp_path / "nomain.docx", "no main document part", tmp_path)


@pytest.mark.parametrize("entry", ["../../evil.xml", "/etc/evil.xml", "word/../../evil.xml", "C:evil.xml"])
def test_an_entry_named_outside_the_document_is_refused(tmp_path, entry):
    """adapt copied such an entry into its output, where an unzip would write it outside."""
    path = tmp_path / "outside.docx"
    path.write_bytes(rewrite_zip(good(tmp_path).read_bytes(), {entry: b"<x/>"}))
    refuse(path, f"has a zip entry named '{re.escape(entry)}', a path outside the document", tmp_path)


@needs_corpus
@pytest.mark.parametrize("name, message", [
    ("legacy-word97.doc", "legacy binary"), ("legacy-doc-named-docm.docm", "legacy binary"),
    ("legacy-powerpoint97.ppt", "legacy binary"), ("encrypted-password-pass.docx", "password-protected"),
    ("encrypted.pptx", "password-protected"), ("truncated-upstream.docx", "not a complete zip"),
    ("truncated-half.docx", "not a complete zip"), ("corrupt-bad-crc.docx", "fails its CRC check"),
    ("strict-ooxml.docx", "Strict Open XML"), ("text-renamed.docx", "not a Word or PowerPoint file"),
    ("empty.docx", "is empty"), ("zip-not-ooxml.docx", "Content_Types"),
    ("missing-main-part.docx", "no main document part"),
])
def test_corpus_bad_files_are_refused(name, message, tmp_path):
    path = next(p for p in corpus_files("bad") if p.name == name)
    out = tmp_path / f"out{path.suffix}"
    with pytest.raises(PackageError, match=message):
        adapt_file(path, out, TERMS)
    assert not out.exists()


@pytest.mark.parametrize("depth, text, problem", [
    (150, "CWS", "nests elements over 256 deep"),
    (1, "C" * 10_000_001, "holds a text of over 10,000,000 characters"),
    (100, "C" * 1000, None),
], ids=["deep", "long text", "within"])
def test_what_the_engine_reads_and_python_docx_cannot_is_unbuildable(tmp_path, depth, text, problem):
    """adapt reads such a part (lxml's 'huge' parser); a packet is assembled by python-docx,
    whose parser stops there: validate says so, as build would. (``depth`` content controls,
    two elements each.)"""
    from curriculum_kit.ooxml.package import Package
    from curriculum_kit.validate import unbuildable

    body = ("<w:sdt><w:sdtContent>" * depth + f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
            + "</w:sdtContent></w:sdt>" * depth)
    document = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                f"{body}</w:body></w:document>").encode()
    source = tmp_path / "deep.docx"
    source.write_bytes(rewrite_zip(good(tmp_path).read_bytes(), {"word/document.xml": document}))
    adapt_file(source, tmp_path / "out.docx", [Term("CWS", "DCFS")])  # the engine reads it
    with Package(source, source.read_bytes()) as package:
        found = unbuildable(package)
    if problem is None:
        assert found == []
    else:
        assert found == [f"part 'word/document.xml' {problem}, more than python-docx and python-pptx read; "
                         "open it in Word or PowerPoint, simplify that part and save it again"]
