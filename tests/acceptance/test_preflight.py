"""Preflight end to end: what build records, review.html, check, build --strict, and
validate failing first with the words build would fail with."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pptx
import pytest

from curriculum_kit.formats.library import Library
from curriculum_kit.formats.sources import SYMLINK
from curriculum_kit.pipeline import BuildOptions, build
from curriculum_kit.preflight.agenda import find_agendas
from curriculum_kit.preflight.document import open_document
from curriculum_kit.validate import validate
from tests.acceptance.conftest import build_args, run
from tests.acceptance.test_build import COUNTIES, MODULES, members
from tests.conftest import REPO


def test_the_bundled_packets_have_no_findings(built):
    for county in COUNTIES:
        for module in MODULES:
            manifest = json.loads((built / county / module / "manifest.json").read_text())
            assert [f for packet in manifest["packets"] for f in packet["findings"]] == [], (county, module)
            assert manifest["preflight"] == {"findings": 0, "review": "review.html"}


def test_builds_findings_are_what_check_reads_in_the_packets_it_wrote(samples, tmp_path):
    """Build checks the trees python-docx and python-pptx saved (shared between documents,
    modules and, in one worker, counties); check reads the written zips from scratch: they
    must agree exactly."""
    root = tmp_path / "samples"
    shutil.copytree(samples, root)
    counties = ("alder-county", "cypress-valley-county")  # one worker: the second meets the first's parts
    for county in counties:
        terms = root / "county_overlays" / county / "terminology.csv"
        terms.write_text(terms.read_text(encoding="utf-8-sig")
                         + "CalWORKs,CalWORKs CalWORKs,,\n", encoding="utf-8")
    # Slide findings worked out once for a slide both counties' decks hold: an untitled
    # slide, an agenda slide that disagrees with the guide (places are each deck's own).
    deck_path = root / "base_modules" / "linkages-orientation" / "slides.pptx"
    deck = pptx.Presentation(str(deck_path))
    deck.slides[2].shapes.title.text_frame.text = ""
    deck.slides[1].shapes[1].table.cell(1, 0).text_frame.text = "9:05 a.m."
    box = deck.slides[2].shapes.add_textbox(pptx.util.Inches(1), pptx.util.Inches(5), pptx.util.Inches(3),
                                           pptx.util.Inches(0.3))  # text past its box on the academy's own slide
    box.text_frame.word_wrap = True
    box.text_frame.text = " ".join(["Families served by both programs need one plan."] * 6)
    deck.save(str(deck_path))
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--jobs", "1", *(f"--county={c}" for c in counties)))
    assert result.exit_code == 0, result.output
    for county in counties:
        manifest = json.loads((out / county / "linkages-orientation" / "manifest.json").read_text())
        checks = {f["check"] for packet in manifest["packets"] for f in packet["findings"]}
        assert {"accessibility/slide-title", "agenda/disagree"} <= checks, county
        assert "layout/overflow" not in checks, county  # the academy's layout: only the tool's slides must fit
    for county, module in ((county, module) for county in counties for module in MODULES):
        folder = out / county / module
        manifest = json.loads((folder / "manifest.json").read_text())
        for packet in manifest["packets"]:
            built_findings = sorted((f["file"], f["place"], f["check"], f["message"]) for f in packet["findings"])
            checked = json.loads(run(["check", str(folder / packet["file"]), "--json"]).output)
            read_findings = sorted((f["file"].split(".zip:", 1)[1], f["place"], f["check"], f["message"])
                                   for f in checked["findings"])
            assert built_findings, (county, module, packet["file"])  # 'CalWORKs CalWORKs' is in every packet
            assert built_findings == read_findings, (county, module, packet["file"])


def test_the_slides_the_tool_makes_are_named_so_and_the_academys_are_not(built):
    """Preflight, in build and in a later check, holds to fit the slides the tool made; it
    knows them by their name."""
    from curriculum_kit.ooxml.names import MADE_SLIDE_NAME

    for module in MODULES:
        packet = next((built / COUNTIES[0] / module).glob("*_facilitator_*.zip"))
        with zipfile.ZipFile(packet) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".pptx"))
            deck = pptx.Presentation(io.BytesIO(archive.read(name)))
        source = pptx.Presentation(str(REPO / "base_modules" / module / "slides.pptx"))
        made = [slide for slide in deck.slides if slide.name.startswith(MADE_SLIDE_NAME)]
        assert 0 < len(deck.slides) - len(made) <= len(source.slides), module  # the academy's, marker slides gone
        assert len({slide.name for slide in made}) == len(made), module  # each its own name
        assert made and made[0] == deck.slides[0], module  # the co-branded title slide, at least
        titles = [slide.shapes.title.text_frame.text for slide in made if slide.shapes.title is not None]
        assert any(title.startswith("Local contacts") for title in titles), module
        for slide in deck.slides:
            if not slide.name.startswith(MADE_SLIDE_NAME):
                assert slide.shapes.title is None or "Local contacts" not in slide.shapes.title.text_frame.text


@pytest.mark.parametrize("module", MODULES)
def test_the_agenda_document_the_agenda_slide_and_the_guides_agenda_agree(built, module):
    packet = next((built / "alder-county" / module).glob("*_facilitator_*.zip"))
    documents = members(packet)
    agendas = {name: next(find_agendas(open_document(name, documents[name]))).rows
               for name in ("facilitator-guide.docx", "slides.pptx", "agenda.docx")}
    assert agendas["agenda.docx"] == agendas["facilitator-guide.docx"] == agendas["slides.pptx"]
    assert len(agendas["agenda.docx"]) >= 5 and agendas["agenda.docx"][-1][1] == "adjourn"
    assert any(label.startswith(("break", "lunch")) for _, label in agendas["agenda.docx"])


def test_review_html_shows_the_findings_and_the_terminology_and_escapes_the_county(built):
    html = (built / "alder-county" / "linkages-orientation" / "review.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "<h2>Terminology</h2>" in html
    assert "<h2>facilitator-guide.docx</h2>" in html and "<h2>agenda.docx</h2>" in html
    assert "No thumbnails (build with PDFs to see every page here)." in html


def test_check_reports_a_packet_with_place_and_fix_and_exits_1(built, tmp_path):
    packet = next((built / "alder-county" / "linkages-orientation").glob("*_facilitator_*.zip"))
    with zipfile.ZipFile(packet) as source, zipfile.ZipFile(tmp_path / "packet.zip", "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("/local-contacts.docx"):
                data = _with_text(data, "TODO: the intake line")
            target.writestr(info, data)
    result = run(["check", str(tmp_path / "packet.zip"), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    todo = [f for f in report["findings"] if f["check"] == "text/placeholder"]
    assert [(f["file"].split(":", 1)[1], f["place"]) for f in todo] == [("local-contacts.docx", "body, paragraph 1")]
    assert todo[0]["fix"] == "replace it with the real text (in the overlay or the module) and build again"


def _with_text(data: bytes, text: str) -> bytes:
    import io

    import docx
    document = docx.Document(io.BytesIO(data))
    document.paragraphs[0].insert_paragraph_before(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_check_passes_the_academy_modules_as_given_and_refuses_what_it_cannot_read(tmp_path):
    result = run(["check", "base_modules"])
    assert (result.exit_code, result.output) == (0, "no findings in 12 documents\n")
    (tmp_path / "notes.txt").write_text("hello")
    result = run(["check", str(tmp_path / "notes.txt")])
    assert result.exit_code == 1
    assert result.output.endswith("notes.txt: is not a .docx, .pptx, packet .zip or folder; check takes those\n")


@contextmanager
def _stopped_after(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when what runs inside takes longer than ``seconds``."""
    def stop(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_check_walks_a_folder_without_following_links_or_opening_pipes(tmp_path):
    """A FIFO in a folder hung `check` (it was read), a link to a folder above it made the
    walk go round until names grew too long, and a link to a file outside was read. Each is
    now a finding, and the walk goes on; named on the command line, a FIFO is an error."""
    folder = tmp_path / "packets"
    folder.mkdir()
    shutil.copy(REPO / "base_modules" / "linkages-orientation" / "handout-roles-at-a-glance.docx", folder / "a.docx")
    os.mkfifo(folder / "pipe.docx")
    (folder / "outside.docx").symlink_to(REPO / "base_modules" / "linkages-orientation" / "slides.pptx")
    (folder / "again").symlink_to(folder)
    with _stopped_after(30):  # reading the pipe would wait for a writer for ever
        result = run(["check", str(folder), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    unreadable = sorted((Path(f["file"]).name, f["message"]) for f in report["findings"]
                        if f["check"] == "file/unreadable")
    assert unreadable == [("again", SYMLINK), ("outside.docx", SYMLINK),
                          ("pipe.docx", "is a named pipe (FIFO), not a regular file")]
    assert report["documents"] == 4  # a.docx checked as well, the walk went on
    with _stopped_after(30):
        named = run(["check", str(folder / "pipe.docx")])
    assert named.exit_code == 1 and named.output.endswith("pipe.docx: is a named pipe (FIFO), not a regular file\n")


def test_check_names_a_folder_too_deep_to_search_and_goes_on(tmp_path):
    """Folders nested 1,100 deep took `check` past Python's recursion limit (a traceback)."""
    deep = tmp_path / "packets"
    (deep / "a.docx").parent.mkdir()
    shutil.copy(REPO / "base_modules" / "linkages-orientation" / "handout-roles-at-a-glance.docx", deep / "a.docx")
    inner = deep
    for _ in range(40):
        inner = inner / "d"
    inner.mkdir(parents=True)
    result = run(["check", str(deep), "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert [f["message"] for f in report["findings"] if f["check"] == "file/unreadable"] == [
        "lies more than 32 folders deep; not searched"]
    assert report["documents"] == 2  # a.docx checked as well


def test_a_packet_zip_of_inflating_zeros_is_named_not_read(tmp_path):
    """Forty 500 MB 'documents' of zeros in a 20 MB zip: each under the size a document may
    have, all inflated at once (12 GB, still running after two minutes). A document is a zip
    itself and hardly shrinks: one that would inflate a thousandfold is named and not read."""
    packet = tmp_path / "packet.zip"
    with zipfile.ZipFile(packet, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("packet/guide.docx", bytes(24 << 20))
        archive.write(REPO / "base_modules" / "linkages-orientation" / "handout-roles-at-a-glance.docx",
                      "packet/handout.docx")
    result = run(["check", str(packet), "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    bombs = [f for f in report["findings"] if f["check"] == "file/unreadable"]
    assert len(bombs) == 1 and bombs[0]["file"].endswith("packet.zip:packet/guide.docx")
    assert "a likely zip bomb, not read" in bombs[0]["message"] and report["documents"] == 2


def test_a_finding_in_a_shape_of_many_runs_names_the_shape(tmp_path):
    """The shape's name is read from its non-visual properties, not searched for (a search
    walked the whole shape for each finding: a minute for one long paragraph)."""
    deck = pptx.Presentation()
    box = deck.slides.add_slide(deck.slide_layouts[6]).shapes.add_textbox(0, 0, 9144000, 914400)
    box.name = "Long box"
    paragraph = box.text_frame.paragraphs[0]
    for word in ("the", " ", "the", " ", "end") * 2000:
        paragraph.add_run().text = word
    path = tmp_path / "long.pptx"
    deck.save(path)
    result = run(["check", str(path), "--json"])
    doubled = [f for f in json.loads(result.output)["findings"] if f["check"] == "text/doubled"]
    assert doubled and all(f["place"].startswith("slide 1, shape 'Long box'") for f in doubled)


def test_check_names_a_document_damaged_inside_a_packet_once(tmp_path):
    packet = tmp_path / "packet.zip"
    with zipfile.ZipFile(packet, "w") as archive:
        archive.writestr("guide.docx", b"PK\x03\x04 cut short")
    result = run(["check", str(packet)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].endswith(
        "packet.zip:guide.docx: file: is damaged: not a complete zip archive (truncated or corrupt); "
        "open it in Word or PowerPoint and save it again")


def test_a_mac_zipped_packet_and_a_packet_zipped_again_are_checked(built, tmp_path):
    """Finder's '__MACOSX/._name' copies were findings ('not a Word or PowerPoint file'), and a
    packet zip inside a zip was passed over: 'no findings' though its handout had a TODO."""
    packet = next((built / "alder-county" / "linkages-orientation").glob("*_facilitator_*.zip"))
    inner = io.BytesIO()
    with zipfile.ZipFile(packet) as source, zipfile.ZipFile(inner, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("/local-contacts.docx"):
                data = _with_text(data, "TODO: the intake line")
            target.writestr(info, data)
            target.writestr(f"__MACOSX/{info.filename.rsplit('/', 1)[0]}/._{info.filename.rsplit('/', 1)[-1]}",
                            b"\x00\x05\x16\x07 Mac OS X metadata")
    with zipfile.ZipFile(tmp_path / "outer.zip", "w") as outer:
        outer.writestr("from-the-lms/packet.zip", inner.getvalue())
    report = json.loads(run(["check", str(tmp_path / "outer.zip"), "--json"]).output)
    assert [(f["file"].split(":", 1)[1], f["check"]) for f in report["findings"]] == [
        ("from-the-lms/packet.zip:local-contacts.docx", "text/placeholder")]
    with zipfile.ZipFile(packet) as source:
        assert report["documents"] == sum(name.endswith((".docx", ".pptx")) for name in source.namelist())


def test_a_document_with_a_part_that_fails_its_checksum_is_a_finding(tmp_path):
    """A part no check reads (a theme) failing its CRC passed as 'no findings': Word calls
    the file corrupt."""
    source = REPO / "base_modules" / "linkages-orientation" / "handout-roles-at-a-glance.docx"
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        theme = archive.getinfo("word/theme/theme1.xml")
    crc_at = theme.header_offset + 14  # the local header's CRC-32
    data[crc_at] ^= 0xFF
    central = bytes(data).rfind(b"word/theme/theme1.xml") - 46 + 16  # the central directory's copy
    data[central] ^= 0xFF
    (tmp_path / "damaged.docx").write_bytes(bytes(data))
    result = run(["check", str(tmp_path / "damaged.docx")])
    assert result.exit_code == 1
    assert "damaged.docx: file: is damaged: its part word/theme/theme1.xml fails its checksum; open it in Word " \
        "or PowerPoint, let it repair the file, and save it again" in result.output
    shutil.copy(source, tmp_path / "whole.docx")
    assert "is damaged" not in run(["check", str(tmp_path / "whole.docx")]).output


def _locked(data: bytes) -> bytes:
    """A zip whose entries say they are encrypted (the flag a password sets)."""
    locked = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = locked.find(signature)
        locked[start + flag_at] |= 1
    return bytes(locked)


def test_a_packet_zip_check_cannot_read_is_one_line_named_or_one_finding_in_a_folder(tmp_path):
    """A packet zip with a password raised a traceback out of `check`; a damaged packet met
    in a folder stopped the walk. Named, each is a one-line error; in a folder, a finding,
    and the walk goes on."""
    folder = tmp_path / "packets"
    folder.mkdir()
    packet = io.BytesIO()
    with zipfile.ZipFile(packet, "w") as archive:
        archive.writestr("guide.docx", b"a document")
    (folder / "locked.zip").write_bytes(_locked(packet.getvalue()))
    (folder / "cut.zip").write_bytes(packet.getvalue()[:40])
    shutil.copy(REPO / "base_modules" / "linkages-orientation" / "handout-roles-at-a-glance.docx", folder / "a.docx")
    for name, why in (("locked.zip", "has encrypted entries"), ("cut.zip", "is not a readable zip")):
        named = run(["check", str(folder / name)])
        assert named.exit_code == 1 and named.output.count("\n") == 1, named.output
        assert f"{name}: {why}" in named.output
    result = run(["check", str(folder), "--json"])
    report = json.loads(result.output)
    assert result.exit_code == 1 and report["documents"] == 3
    assert sorted((Path(f["file"]).name, f["message"].split(" (")[0]) for f in report["findings"]
                  if f["check"] == "file/unreadable") == [
        ("cut.zip", "is not a readable zip"),
        ("locked.zip", "has encrypted entries; remove the password and zip it again")]


def test_build_strict_ships_no_packet_with_a_finding(samples, tmp_path):
    root = tmp_path / "samples"
    shutil.copytree(samples, root)
    story = next((root / "county_overlays" / "alder-county" / "stories").glob("*.md"))
    story.write_text(story.read_text() + "\nTODO: add the supervisor's quote.\n")
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--jobs", "1", "--county", "alder-county",
                            "--module", "linkages-orientation", "--strict"))
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if line.startswith("FAILED"))
    assert line.startswith("FAILED alder-county/linkages-orientation: ")
    assert "preflight finding" in line and "(--strict ships no packet with findings; see review.html)" in line
    assert not list((out / "alder-county" / "linkages-orientation").glob("*.zip"))
    assert (out / "alder-county" / "linkages-orientation" / "review.html").is_file()


# --- validate fails first, with build's words -------------------------------------------

def _header_only(path: Path) -> None:
    path.write_text(path.read_text().splitlines()[0] + "\n")


def _todo_county(path: Path) -> None:
    toml = path.read_text().splitlines()
    path.write_text("\n".join('county = "TODO: full name of the county"' if line.startswith("county =") else line
                              for line in toml) + "\n")


# Each mutation, and whether build fails on it (contacts and stories are inherited from
# the statewide parent, so a county without its own still builds).
MUTATIONS = {
    "org chart with only its header": (lambda folder: _header_only(folder / "orgchart.csv"), True),
    "contacts with only their header": (lambda folder: _header_only(folder / "contacts.csv"), False),
    "no stories": (lambda folder: [story.unlink() for story in (folder / "stories").glob("*.md")], False),
    "county name still TODO": (lambda folder: _todo_county(folder / "overlay.toml"), True),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_whenever_build_fails_validate_failed_first_with_the_same_cause(samples, tmp_path, mutation):
    root = tmp_path / "samples"
    shutil.copytree(samples, root)
    for county in COUNTIES:
        MUTATIONS[mutation][0](root / "county_overlays" / county)
    library = Library.load(root / "base_modules", root / "county_overlays")
    errors = {str(f).replace(": error:", ":", 1) for f in validate(library).errors}
    outcomes = build(library, BuildOptions(out=tmp_path / "dist", modules=("linkages-orientation",)), lambda o: None)
    failed = [o for o in outcomes if o.status == "failed"]
    for outcome in failed:
        assert outcome.message in errors, (mutation, outcome.message, errors)
    assert bool(failed) == MUTATIONS[mutation][1]
