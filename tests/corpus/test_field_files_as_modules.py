"""Real files as a module's facilitator guide or slide deck: `build` makes packets that Word,
PowerPoint, python-docx and python-pptx open, or refuses the file in one line naming it.

LibreOffice spells a relationship type its own way, Word saves links to bookmarks as links
to missing parts, templates and macro-enabled files come with .docx names: each of these
once gave a packet with two entries of one name, or slides pointing at relationships that
python-pptx had dropped.
"""

from __future__ import annotations

import io
import posixpath
import shutil
import zipfile
from collections import Counter

import docx
import pptx
import pytest
from lxml import etree

from tests.acceptance.conftest import build_args, run
from tests.conftest import REPO, corpus_files, needs_corpus

MODULE = "linkages-orientation"
COUNTY = "cypress-valley-county"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def module_with(source, tmp_path):
    """The samples with ``source`` as the module's guide (Word) or slides (PowerPoint)."""
    root = tmp_path / "samples"
    shutil.copytree(REPO / "base_modules" / MODULE, root / "base_modules" / MODULE)
    shutil.copytree(REPO / "county_overlays", root / "county_overlays")
    word = source.suffix.startswith(".do")
    target = root / "base_modules" / MODULE / ("facilitator-guide.docx" if word else "slides.pptx")
    shutil.copyfile(source, target)
    return root, target


def unresolved_ids(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(part, id) for every r:... attribute that names no relationship of its part (an empty one
    names none on purpose)."""
    names = set(package.namelist())
    missing = []
    for name in names:
        if not name.endswith(".xml") or "_rels/" in name:
            continue
        folder, base = posixpath.split(name)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        ids = set()
        if rels in names:
            ids = {rel.get("Id") for rel in etree.fromstring(package.read(rels)).iter(f"{{{RELS_NS}}}Relationship")}
        for element in etree.fromstring(package.read(name)).iter():
            missing += [(name, value) for key, value in element.attrib.items()
                        if key.startswith(f"{{{R_NS}}}") and value and value not in ids]
    return missing


@needs_corpus
@pytest.mark.parametrize("source", corpus_files("docx", "pptx"), ids=lambda p: p.name)
def test_a_field_file_builds_into_packets_that_open(source, tmp_path):
    root, _ = module_with(source, tmp_path)
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--jobs", "1", "--county", COUNTY, "--module", MODULE))
    assert result.exit_code == 0, result.output
    packet = next((out / COUNTY / MODULE).glob("*_facilitator_*.zip"))
    with zipfile.ZipFile(packet) as outer:
        documents = {name: outer.read(name) for name in outer.namelist() if name.endswith((".docx", ".pptx"))}
    assert any(name.endswith("slides.pptx") for name in documents)
    for name, data in documents.items():
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            twice = [entry for entry, count in Counter(package.namelist()).items() if count > 1]
            assert not twice, f"{name}: entries written twice: {twice}"
            assert not unresolved_ids(package), f"{name}: ids with no relationship"
            core = package.read("docProps/core.xml")
        assert b"<cp:lastModifiedBy>curriculum-kit</cp:lastModifiedBy>" in core, name
        open_with = docx.Document if name.endswith(".docx") else pptx.Presentation
        open_with(io.BytesIO(data))  # raises on a package either library cannot read


@needs_corpus
@pytest.mark.parametrize("source", corpus_files("bad"), ids=lambda p: p.name)
def test_a_damaged_or_unusual_field_file_gives_a_packet_or_one_clear_line(source, tmp_path):
    root, target = module_with(source, tmp_path)
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--jobs", "1", "--county", COUNTY, "--module", MODULE))
    if result.exit_code == 0:  # a file Word saved with a link to a missing part: the link is kept
        assert source.name == "broken-relationship-target.docx", result.output
        packet = next((out / COUNTY / MODULE).glob("*_facilitator_*.zip"))
        with zipfile.ZipFile(packet) as outer:
            guide = outer.read(next(n for n in outer.namelist() if n.endswith("facilitator-guide.docx")))
        with zipfile.ZipFile(io.BytesIO(guide)) as package:
            assert not unresolved_ids(package)
            assert b'Target="#_THIS_WEEK_IN" TargetMode="External"' in package.read("word/_rels/document.xml.rels")
        return
    assert result.exit_code == 1
    failed = {line for line in result.output.splitlines() if line.startswith("FAILED")}  # progress and summary
    assert len(failed) == 1 and str(target.relative_to(root)) in failed.pop(), result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert not list(out.glob(f"{COUNTY}/{MODULE}/*.zip"))


# --- Field files as modules without markers ---------------------------------------------
#
# An academy module arrives without markers. Each real file that `validate` accepts, as the
# guide or the deck of the markerless sample module, builds for every sample county with
# the co-branded title slide or cover and the county's local material in it, and every
# paragraph and slide of the file is still there, in order, exactly as `adapt` alone makes it.

MARKERLESS = "supportive-services"
COUNTIES = ["alder-county", "cypress-valley-county", "manzanita-county"]


def markerless_module_with(source, tmp_path):
    root = tmp_path / "samples"
    shutil.copytree(REPO / "base_modules" / MARKERLESS, root / "base_modules" / MARKERLESS)
    shutil.copytree(REPO / "base_modules" / "linkages-orientation", root / "base_modules" / "linkages-orientation")
    shutil.copytree(REPO / "county_overlays", root / "county_overlays")
    word = source.suffix.startswith(".do")
    target = root / "base_modules" / MARKERLESS / ("facilitator-guide.docx" if word else "slides.pptx")
    shutil.copyfile(source, target)
    return root, target


def exact(elements) -> list[bytes]:
    return [etree.tostring(element, method="c14n", exclusive=True) for element in elements]


def in_order(wanted: list[bytes], found: list[bytes]) -> bool:
    """Whether ``wanted`` occurs in ``found`` in the same order (other items between)."""
    remaining = iter(found)
    return all(any(item == candidate for candidate in remaining) for item in wanted)


@needs_corpus
@pytest.mark.parametrize("source", corpus_files("docx", "pptx"), ids=lambda p: p.name)
def test_a_field_file_builds_as_a_markerless_module_for_every_county(source, tmp_path):
    from curriculum_kit.adapting import adapt_file
    from curriculum_kit.formats.library import Library

    root, target = markerless_module_with(source, tmp_path)
    modules, overlays = root / "base_modules", root / "county_overlays"
    checked = run(["validate", "--modules", str(modules), "--overlays", str(overlays)])
    if checked.exit_code != 0:
        pytest.skip(f"validate refuses it: {checked.output.splitlines()[0]}")
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--jobs", "1", "--module", MARKERLESS))
    assert result.exit_code == 0, result.output
    library = Library.load(modules, overlays)
    for county in COUNTIES:
        overlay = library.overlay(county)
        packet = next((out / county / MARKERLESS).glob("*_facilitator_*.zip"))
        with zipfile.ZipFile(packet) as outer:
            files = {name.split("/", 1)[1]: outer.read(name) for name in outer.namelist()}
        adapted = tmp_path / f"adapted-{county}{source.suffix}"
        adapt_file(target, adapted, overlay.terms)
        if target.name.endswith(".docx"):
            guide = docx.Document(io.BytesIO(files["facilitator-guide.docx"]))
            body = guide.element.body
            assert overlay.county in "".join(body[0].itertext())  # the cover comes first
            assert "Local information" in [p.text for p in guide.paragraphs]
            assert overlay.contacts[0].name in "".join(body.itertext())
            assert in_order(exact(docx.Document(adapted).element.body[:-1]), exact(body))
        else:
            deck = pptx.Presentation(io.BytesIO(files["slides.pptx"]))
            first = "".join(deck.slides[0]._element.itertext())
            assert overlay.county in first and library.module(MARKERLESS).title in first
            titles = "".join(t for slide in deck.slides for t in slide._element.itertext())
            assert "Local contacts" in titles and overlay.stories[0].title in titles
            assert in_order(exact(s._element for s in pptx.Presentation(adapted).slides),
                            exact(s._element for s in deck.slides))
