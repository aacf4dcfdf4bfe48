"""A module document's text parts kept parsed from county to county: each county's changes
are written, serialised and undone, so every county's document is what a fresh adapt makes."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from lxml import etree

from curriculum_kit.formats.terms import Term
from curriculum_kit.ooxml.adapt import KeptTrees, adapt_package
from curriculum_kit.ooxml.matcher import Matcher
from curriculum_kit.ooxml.package import Package
from curriculum_kit.ooxml.rewrite import Undo, apply, undo
from curriculum_kit.ooxml.textview import read_part
from tests.fixtures import fragment
from tests.unit.ooxml.test_run_splits import TERMS, split_paragraphs


@settings(max_examples=200, deadline=None)
@given(split_paragraphs())
def test_undo_puts_back_every_node_apply_wrote(example):
    _, xml = example
    paragraph = fragment(xml)[0]
    before = etree.tostring(paragraph)
    view = read_part(paragraph)
    matches, _ = Matcher(TERMS).scan(view.text, view.barriers, view.barrier_kinds)
    written: Undo = []
    apply(view, matches, written)
    undo(written)
    assert etree.tostring(paragraph) == before


def test_undo_takes_back_the_space_it_kept_and_the_alt_text_it_wrote():
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(f'<w:body xmlns:w="{W}" xmlns:wp="urn:wp"><w:p><w:r><w:t>CWS</w:t></w:r></w:p>'
                            '<w:p><wp:docPr id="1" name="Picture" descr="CWS chart"/></w:p></w:body>')
    before = etree.tostring(root)
    view = read_part(root)
    matches, _ = Matcher([Term("CWS", " DCFS ")]).scan(view.text, view.barriers, view.barrier_kinds)
    written: Undo = []
    apply(view, matches, written)
    assert b'xml:space="preserve"' in etree.tostring(root) and b'descr=" DCFS  chart"' in etree.tostring(root)
    undo(written)
    assert etree.tostring(root) == before


def guide(path: Path) -> Path:
    document = docx.Document()
    for text in ["Child Welfare Services and CalWORKs", "A social worker from CWS", "Nothing to change",
                 "CalWORKs social workers"]:
        document.add_paragraph(text)
    document.sections[0].header.paragraphs[0].text = "CWS and CalWORKs"
    document.save(path)
    return path


def adapted(path: Path, terms: list[Term], kept: KeptTrees | None) -> bytes:
    out = io.BytesIO()
    with Package(path) as package:
        adapt_package(package, terms, out, deflating=False, kept_trees=kept)
    return out.getvalue()


def test_a_kept_package_adapts_each_county_as_a_fresh_one_does(tmp_path):
    path = guide(tmp_path / "guide.docx")
    counties = [TERMS, [Term("CWS", "Children's Services"), Term("CalWORKs", "WorkBridge")], [],
                [Term("social worker", "case carrying social worker")], TERMS]
    kept: KeptTrees = {}
    for terms in counties:
        assert adapted(path, terms, kept) == adapted(path, terms, None)
    assert set(kept) >= {"word/document.xml", "word/header1.xml"}  # read once, kept
    with Package(path) as package:  # and as they were read
        for name, (root, _) in kept.items():
            assert etree.tostring(root) == etree.tostring(package.xml(name))


def test_kept_trees_are_never_handed_on():
    with pytest.raises(ValueError):
        adapt_package(None, [], None, changed_trees={}, kept_trees={})  # type: ignore[arg-type]


def test_a_kept_tree_is_put_back_when_writing_fails_halfway(tmp_path):
    """A replacement lxml refuses (a control character) stops the writing after the first
    node: the next county still gets the document as a fresh adapt gives it."""
    path = guide(tmp_path / "guide.docx")
    kept: KeptTrees = {}
    adapted(path, TERMS, kept)
    with pytest.raises(ValueError):
        adapted(path, [Term("CWS", "DCFS"), Term("CalWORKs", "Work\x0bBridge")], kept)
    terms = [Term("CalWORKs", "WorkBridge")]
    assert adapted(path, terms, kept) == adapted(path, terms, None)


def test_a_worker_keeps_its_first_documents_and_reads_a_changed_one_anew(tmp_path, monkeypatch):
    from curriculum_kit import packets

    monkeypatch.setattr(packets, "_SOURCES", {})
    monkeypatch.setattr(packets, "_SOURCES_KEPT", 1)
    first, second = guide(tmp_path / "first.docx"), guide(tmp_path / "second.docx")
    with packets._source(first) as (package, kept):
        assert kept == {}
    with packets._source(second) as (other, not_kept):
        assert not_kept is None  # past what a worker keeps: opened for this once
    with packets._source(first) as (again, kept_again):
        assert again is package and kept_again is kept
    document = docx.Document(first)
    document.add_paragraph("One more paragraph")
    document.save(first)  # changed on disk
    with packets._source(first) as (changed, kept_changed):
        assert changed is not package and kept_changed == {}
    with pytest.raises(Exception, match="file not found"):
        with packets._source(tmp_path / "gone.docx"):
            pass
