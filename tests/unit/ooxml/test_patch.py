"""Patching text into a part's bytes: the same document as serialising the tree, every
other byte as it was, and a refusal (None) whenever the bytes are not plain enough."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from curriculum_kit.formats.terms import Term
from curriculum_kit.ooxml.adapt import adapt_file
from curriculum_kit.ooxml.matcher import Matcher
from curriculum_kit.ooxml.package import serialize
from curriculum_kit.ooxml.patch import PATCH_MIN_BYTES, patch_texts, text_edits
from curriculum_kit.ooxml.rewrite import apply, new_texts
from curriculum_kit.ooxml.textview import read_part
from tests.fixtures import make_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
TERMS = Matcher([Term("CWS", "DCFS"), Term("social worker", " caseworker & co ")])


def part(body: str, declarations: str = f'xmlns:w="{W}"', declaration: bytes = DECLARATION) -> bytes:
    return declaration + f"<w:document {declarations}><w:body>{body}</w:body></w:document>".encode()


def both_ways(data: bytes) -> tuple[bytes | None, bytes]:
    """(the patched bytes or None, the serialised tree) for TERMS applied to ``data``."""
    root = etree.fromstring(data)
    view = read_part(root)
    matches, _ = TERMS.scan(view.text, view.barriers, view.barrier_kinds)
    texts = new_texts(view, matches)
    edits = text_edits(view, texts)
    patched = patch_texts(data, edits, view.text_elements) if edits is not None else None
    apply(view, texts)
    return patched, serialize(root)


def same_document(a: bytes, b: bytes) -> bool:
    return etree.tostring(etree.fromstring(a), method="c14n") == etree.tostring(etree.fromstring(b), method="c14n")


def test_text_split_across_runs_is_patched_and_reads_as_the_serialised_tree():
    data = part('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>A social </w:t></w:r><w:proofErr w:type="spellStart"/>'
                '<w:r><w:t xml:space="preserve">worker  and  CWS</w:t></w:r></w:p>'
                '<w:p><w:r><w:t>No terms here</w:t></w:r><w:r><w:tab/><w:t>CWS</w:t></w:r></w:p>')
    patched, serialised = both_ways(data)
    assert patched is not None and same_document(patched, serialised)
    assert patched.startswith(DECLARATION), "the declaration is kept byte for byte"
    assert b'<w:t>No terms here</w:t>' in patched and b'<w:proofErr w:type="spellStart"/>' in patched
    # the replacement starts and ends with a space: Word needs xml:space to keep them
    assert b'<w:t xml:space="preserve">A  caseworker &amp; co </w:t>' in patched
    assert b'<w:t xml:space="preserve">  and  DCFS</w:t>' in patched


def test_references_in_the_original_text_are_read_back_before_patching():
    data = part('<w:p><w:r><w:t>R&amp;D &#x2019;CWS&#8217; &lt;x&gt; &quot;q&apos;</w:t></w:r></w:p>')
    patched, serialised = both_ways(data)
    assert patched is not None and same_document(patched, serialised)
    assert "R&amp;D \u2019DCFS\u2019 &lt;x&gt; \"q'".encode() in patched


def test_text_in_drawingml_and_word_in_one_part():
    data = part(f'<w:p><w:r><w:t>CWS</w:t></w:r></w:p><w:p><w:r><w:drawing><a:graphic xmlns:a="{A}"><a:p><a:r>'
                f'<a:t>CWS office</a:t></a:r></a:p></a:graphic></w:drawing></w:r></w:p>'
                f'<w:p><w:r><w:t>CWS</w:t></w:r></w:p>')
    patched, serialised = both_ways(data)
    assert patched is not None and same_document(patched, serialised)
    assert patched.count(b"DCFS") == 3


@pytest.mark.parametrize("data", [
    part('<w:p><w:r><w:t>CWS</w:t></w:r></w:p><!-- a comment -->'),
    part('<w:p><w:r><w:t>CWS<![CDATA[ more]]></w:t></w:r></w:p>'),
    part('<w:p><?mso-pi x?><w:r><w:t>CWS</w:t></w:r></w:p>'),
    part('<w:p><w:r><w:t>CWS</w:t></w:r></w:p>', declaration=b'<?xml version="1.0" encoding="ISO-8859-1"?>'),
    part('<w:p><w:r><w:t>CWS\r\n</w:t></w:r></w:p>'),
    part(f'<w:p><w:r><x:t xmlns:x="{W}">CWS</x:t></w:r></w:p>'),  # the Word namespace under two prefixes
    part(f'<w:p><w:r><w:t>CWS</w:t></w:r></w:p><q xmlns:w="urn:other"><w:t>CWS</w:t></q>'),  # 'w' rebound
    part(f'<w:p><w:r><t xmlns="{W}">CWS</t></w:r></w:p>'),  # the Word namespace as a default
    part('<w:p><w:r><w:t xml:space="default">social worker</w:t></w:r></w:p>'),
], ids=["comment", "cdata", "processing-instruction", "latin-1", "carriage-return", "two-prefixes",
        "prefix-rebound", "default-namespace", "xml-space-default"])
def test_unusual_parts_are_left_to_the_serialiser(data):
    patched, serialised = both_ways(data)
    assert patched is None
    assert b"DCFS" in serialised or b"caseworker" in serialised


def test_a_count_that_does_not_add_up_is_refused():
    data = part('<w:p><w:r><w:t>CWS</w:t></w:r></w:p>')
    root = etree.fromstring(data)
    view = read_part(root)
    matches, _ = TERMS.scan(view.text, view.barriers, view.barrier_kinds)
    edits = text_edits(view, new_texts(view, matches))
    assert patch_texts(data, edits, view.text_elements) is not None
    assert patch_texts(data, edits, view.text_elements + 1) is None


def test_alt_text_is_not_a_text_element():
    data = part('<w:p><w:r><w:drawing><wp:docPr xmlns:wp="urn:wp" id="1" name="x" descr="CWS logo"/>'
                '</w:drawing></w:r></w:p>')
    root = etree.fromstring(data)
    view = read_part(root)
    matches, _ = TERMS.scan(view.text, view.barriers, view.barrier_kinds)
    assert matches and text_edits(view, new_texts(view, matches)) is None


def test_adapt_patches_a_large_part_leaving_every_other_byte_alone(tmp_path):
    body = "".join(f'<w:p w:rsidR="00A1{i:04X}"><w:r><w:t xml:space="preserve">Paragraph {i} of the CWS guide. </w:t>'
                   f'</w:r></w:p>' for i in range(1500))
    source = make_docx(tmp_path / "big.docx", body)
    with zipfile.ZipFile(source) as package:
        before = package.read("word/document.xml")
    assert len(before) >= PATCH_MIN_BYTES
    adapt_file(source, tmp_path / "out.docx", list(TERMS.terms))
    with zipfile.ZipFile(tmp_path / "out.docx") as package:
        after = package.read("word/document.xml")
    assert after == before.replace(b" CWS guide", b" DCFS guide")
