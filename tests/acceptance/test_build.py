"""`curriculum-kit build` end to end on the bundled samples."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pptx

from curriculum_kit.ooxml.reading import document_blocks
from tests.acceptance.conftest import build_args, run

COUNTIES = ["alder-county", "cypress-valley-county", "manzanita-county"]
MODULES = ["coordinated-case-planning", "families-experiencing-homelessness", "linkages-orientation",
           "supportive-services"]


def zips(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.rglob("*.zip"))}


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name.split("/", 1)[1]: package.read(name) for name in package.namelist()}


def test_every_county_and_module_gets_packets_and_a_manifest(built):
    assert sorted(p.name for p in built.iterdir() if p.is_dir()) == COUNTIES  # parents are not built
    for county in COUNTIES:
        for module in MODULES:
            folder = built / county / module
            manifest = json.loads((folder / "manifest.json").read_text())
            roles = [p["role"] for p in manifest["packets"]]
            assert roles[0] == "facilitator" and all(r.startswith("participant") for r in roles[1:])
            for packet in manifest["packets"]:
                path = folder / packet["file"]
                assert packet["file"].startswith(f"{county}_{module}_{packet['role']}_module-")
                assert hashlib.sha256(path.read_bytes()).hexdigest() == packet["sha256"]
                assert path.stat().st_size == packet["bytes"]
                inside = members(path)
                assert len(inside) == len(packet["contents"])
            assert manifest["module"]["files"] and manifest["overlay"]["chain"][0]["slug"] == county
            terminology = manifest["terminology"]
            assert terminology["occurrences"]
            # each near miss where it is (only counted before), for the review page
            assert len(terminology["near_miss_places"]) == terminology["near_misses"]
            facilitator = {c["path"].split("/", 1)[1] for c in manifest["packets"][0]["contents"]}
            assert {m["document"] for m in terminology["near_miss_places"]} <= facilitator
    places = json.loads((built / "alder-county/linkages-orientation/manifest.json").read_text())["terminology"][
        "near_miss_places"]
    assert places and all(m["place"] and m["term"] and m["reason"] for m in places)


def test_documents_open_and_hold_no_markers(built):
    for path in (built / "alder-county").rglob("*.zip"):
        for name, data in members(path).items():
            if name.endswith(".docx"):
                docx.Document(io.BytesIO(data))
            elif name.endswith(".pptx"):
                pptx.Presentation(io.BytesIO(data))
            else:
                continue
            assert not [b.text for b in document_blocks(Path(name), data) if "{{ck:" in b.text], name


def test_facilitator_guide_is_cobranded_and_localised(built):
    folder = built / "alder-county" / "linkages-orientation"
    packet = next(folder.glob("*_facilitator_*.zip"))
    guide = docx.Document(io.BytesIO(members(packet)["facilitator-guide.docx"]))
    text = "\n".join(p.text for p in guide.paragraphs)
    tables = "\n".join(c.text for t in guide.tables for r in t.rows for c in r.cells)
    assert "Alder County Department of Children and Family Services" in text + tables
    assert "Alder County Employment and Temporary Assistance" in text + tables
    assert ("Co-facilitators: one of Maria Lopez or Terrence Oduya (DCFS) with one of Hannah Kessler or Luis Ortega "
            "(ETA)") in text
    assert "For the DCFS co-facilitator: this part speaks to DCFS staff" in text
    assert "Child Welfare Services" not in text  # remapped everywhere
    assert "(707) 555-0101" in tables  # the local contacts table
    pictures = [s for s in guide.inline_shapes]
    assert len(pictures) >= 3 and all(s._inline.docPr.get("descr") for s in pictures)


def test_omitted_optional_section_is_gone_everywhere(built):
    manifest = json.loads((built / "alder-county" / "linkages-orientation" / "manifest.json").read_text())
    assert manifest["omitted_sections"] == ["optional icebreaker-bingo"]
    packet = next((built / "alder-county" / "linkages-orientation").glob("*_facilitator_*.zip"))
    files = members(packet)
    guide = "\n".join(p.text for p in docx.Document(io.BytesIO(files["facilitator-guide.docx"])).paragraphs)
    deck = pptx.Presentation(io.BytesIO(files["slides.pptx"]))
    slides = "\n".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    assert "Optional warm-up: Linkages Bingo" not in guide and "Warm-Up: Linkages Bingo" not in slides
    kept = json.loads((built / "cypress-valley-county" / "linkages-orientation" / "manifest.json").read_text())
    assert kept["omitted_sections"] == []
    files = members(next((built / "cypress-valley-county" / "linkages-orientation").glob("*_facilitator_*.zip")))
    guide = "\n".join(p.text for p in docx.Document(io.BytesIO(files["facilitator-guide.docx"])).paragraphs)
    assert "Optional warm-up: Linkages Bingo" in guide


def test_participant_packets_per_program_keep_only_their_section(built):
    folder = built / "alder-county" / "linkages-orientation"
    cws = members(next(folder.glob("*_participant-cws_*.zip")))
    calworks = members(next(folder.glob("*_participant-calworks_*.zip")))
    assert "facilitator-guide.docx" not in cws and "slides.pptx" not in cws
    handout = next(n for n in cws if n.startswith("handouts/"))
    cws_text = "\n".join(p.text for p in docx.Document(io.BytesIO(cws[handout])).paragraphs)
    cal_text = "\n".join(p.text for p in docx.Document(io.BytesIO(calworks[handout])).paragraphs)
    assert cws_text != cal_text and "{{ck" not in cws_text + cal_text


def test_deck_has_title_contacts_story_and_org_chart_slides(built):
    packet = next((built / "manzanita-county" / "coordinated-case-planning").glob("*_facilitator_*.zip"))
    deck = pptx.Presentation(io.BytesIO(members(packet)["slides.pptx"]))
    texts = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    assert "Manzanita County" in texts[0]
    assert any(t.startswith("Local contacts") for t in texts)
    assert sum("Org box" in s.name for slide in deck.slides for s in slide.shapes) >= 15
    for slide in deck.slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


def test_a_module_without_markers_gets_the_county_in_its_own_style(built):
    """supportive-services is published as the academy publishes: no marker anywhere."""
    packet = next((built / "alder-county" / "supportive-services").glob("*_facilitator_*.zip"))
    files = members(packet)
    deck = pptx.Presentation(io.BytesIO(files["slides.pptx"]))
    names = [slide.shapes.title.text if slide.shapes.title else "" for slide in deck.slides]
    assert names[:2] == ["Supportive Services for Linkages Families"] * 2  # co-branded, then the academy's
    assert "Alder County" in "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert names[-1] == "Questions and Evaluation" and names[-2] == "Back to work, back together"
    assert any(name.startswith("Local contacts") for name in names)
    layouts = {id(layout) for master in deck.slide_masters for layout in master.slide_layouts}
    assert all(id(slide.slide_layout) in layouts for slide in deck.slides)
    guide = docx.Document(io.BytesIO(files["facilitator-guide.docx"]))
    assert "Alder County" in guide.tables[0].rows[0].cells[1].text  # the cover comes first
    headings = [p.text for p in guide.paragraphs if p.style.name == "Heading 1"]
    assert headings[headings.index("Local information") + 1] == "Supplemental Handouts"
    readme = files["README.txt"].decode()
    assert ("  slides.pptx: title slide 1; contacts slides 9–10; org chart slides 11–13; stories slides 14–17\n"
            "  facilitator-guide.docx: co-branded cover page 1; contacts, org chart and stories: section "
            "'Local information', about page 14\n") in readme
    assert re.search(r"  facilitator-guide.docx: \d+ replacements\n  slides.pptx: \d+ replacements\n", readme)


def test_rebuild_with_nothing_changed_does_no_work(built, samples):
    before = {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()}
    result = run(build_args(samples, built, "--no-pdf"))
    assert result.exit_code == 0
    assert "0 built, 12 up to date, 0 failed (no document work needed)" in result.output
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()} == before


def test_same_inputs_give_byte_identical_packets(built, samples, tmp_path):
    again = tmp_path / "again"
    assert run(build_args(samples, again, "--no-pdf", "--jobs", "1")).exit_code == 0
    assert zips(again) == zips(built)
    assert (again / "index.html").read_bytes() == (built / "index.html").read_bytes()


def test_changing_one_overlay_or_module_rebuilds_only_that(samples, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(samples, root)
    out = tmp_path / "dist"
    assert run(build_args(root, out, "--no-pdf", "--module", "linkages-orientation")).exit_code == 0
    contacts = root / "county_overlays" / "cypress-valley-county" / "contacts.csv"
    contacts.write_text(contacts.read_text().replace("555-01", "555-01", 1) + "cws,Intake,New Person,Clerk,(559) 555-0199,np@cypress.example.org\n")
    result = run(build_args(root, out, "--no-pdf", "--module", "linkages-orientation"))
    assert "1 built, 2 up to date" in result.output and "built cypress-valley-county/" in result.output
    toml = root / "base_modules" / "linkages-orientation" / "module.toml"
    old = re.search(r'^version = "(.*)"', toml.read_text(), re.M).group(1)
    toml.write_text(toml.read_text().replace(f'version = "{old}"', 'version = "9.0.0"'))
    result = run(build_args(root, out, "--no-pdf", "--module", "linkages-orientation"))
    assert "3 built, 0 up to date" in result.output
    assert not list(out.rglob(f"*module-{old}_*.zip")), "old packets are replaced"


def test_one_broken_county_does_not_stop_the_others(samples, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(samples, root)
    (root / "county_overlays" / "alder-county" / "logos" / "dcfs.png").write_text("not an image")
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--module", "coordinated-case-planning"))
    assert result.exit_code == 1
    assert "2 built, 0 up to date, 1 failed" in result.output
    assert "FAILED alder-county: " in result.output and "logo is not a readable image" in result.output
    assert not (out / "alder-county").exists()
    assert "Traceback" not in result.output


def test_a_module_without_handouts_gives_participants_the_days_papers(samples, tmp_path):
    shutil.copytree(samples, tmp_path / "samples")
    toml = tmp_path / "samples" / "base_modules" / "supportive-services" / "module.toml"
    toml.write_text(re.sub(r"(?m)^handouts = .*$", "", toml.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "dist"
    result = run(build_args(tmp_path / "samples", out, "--no-pdf", "--module", "supportive-services",
                            "--county", "alder-county", "--strict"))
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "alder-county" / "supportive-services" / "manifest.json").read_text())
    participant = [p for p in manifest["packets"] if p["role"].startswith("participant")]
    assert len(participant) == 1  # no program-only handout sections to split by
    names = sorted(c["path"].split("/", 1)[1] for c in participant[0]["contents"])
    assert names == ["README.txt", "agenda.docx", "local-contacts.docx", "org-chart.docx"]
    facilitator = [c["path"] for c in manifest["packets"][0]["contents"]]
    assert not any("/handouts/" in path for path in facilitator)


def test_a_module_that_cannot_be_read_fails_alone(samples, tmp_path, monkeypatch):
    """One unreadable module document (no read permission) stopped the whole build."""
    from curriculum_kit import pipeline

    real = pipeline.module_sources

    def sources(module):
        if module.id == "linkages-orientation":
            raise PermissionError(13, "Permission denied", str(module.slides))
        return real(module)

    monkeypatch.setattr(pipeline, "module_sources", sources)
    out = tmp_path / "dist"
    result = run(build_args(samples, out, "--no-pdf", "--county", "alder-county", "--jobs", "1",
                            "--module", "linkages-orientation", "--module", "supportive-services"))
    assert result.exit_code == 1
    assert "1 built, 0 up to date, 1 failed" in result.output
    assert (f"FAILED alder-county/linkages-orientation: {samples / 'base_modules/linkages-orientation/slides.pptx'}: "
            "cannot be read (Permission denied)") in result.output


def test_a_packet_that_cannot_be_written_fails_alone_and_leaves_no_folder(samples, tmp_path, monkeypatch):
    """A full disk: each module said so naming another module's zip, as an 'internal error', and
    the folder it had begun was left holding its review page only."""
    from curriculum_kit import pipeline
    from curriculum_kit.errors import InputError

    real = pipeline.write_zip

    def write_zip(path, *args):
        if "linkages-orientation" in path.name:
            raise InputError("cannot be written (No space left on device)", path)
        return real(path, *args)

    monkeypatch.setattr(pipeline, "write_zip", write_zip)
    out = tmp_path / "dist"
    result = run(build_args(samples, out, "--no-pdf", "--county", "alder-county", "--jobs", "1",
                            "--module", "linkages-orientation", "--module", "supportive-services"))
    assert result.exit_code == 1 and "1 built, 0 up to date, 1 failed" in result.output
    failed = next(line for line in result.output.splitlines() if line.startswith("FAILED"))
    assert failed.startswith(f"FAILED alder-county/linkages-orientation: {out / 'alder-county/linkages-orientation'}/")
    assert failed.endswith(": cannot be written (No space left on device)") and "internal error" not in failed
    assert not (out / "alder-county" / "linkages-orientation").exists()
    assert (out / "alder-county" / "supportive-services" / "manifest.json").is_file()
    alone = tmp_path / "alone"  # the county's only packet: its folder, made for it, goes too
    result = run(build_args(samples, alone, "--no-pdf", "--county", "alder-county", "--jobs", "1",
                            "--module", "linkages-orientation"))
    assert result.exit_code == 1 and not (alone / "alder-county").exists()


def test_the_catalog_names_a_module_in_the_countys_words_as_its_cover_does(samples, tmp_path):
    """A module title holding a county's term showed the academy's wording on the download
    page and review.html, and the county's on the packet's cover."""
    shutil.copytree(samples, tmp_path / "samples")
    samples = tmp_path / "samples"
    terms = samples / "county_overlays" / "alder-county" / "terminology.csv"
    terms.write_text(terms.read_text(encoding="utf-8") + "Supportive Services,Family Support Services,,\n",
                     encoding="utf-8")
    out = tmp_path / "dist"
    result = run(build_args(samples, out, "--no-pdf", "--module", "supportive-services", "--county", "alder-county"))
    assert result.exit_code == 0, result.output
    folder = out / "alder-county" / "supportive-services"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["title"], manifest["module"]["title"]) == (
        "Family Support Services for Linkages Families", "Supportive Services for Linkages Families")
    assert "Family Support Services for Linkages Families" in (out / "alder-county" / "index.html").read_text()
    assert "<title>Review: Alder County · Family Support Services for Linkages Families</title>" in \
        (folder / "review.html").read_text()
