"""Hard county inputs: each gives a correct packet or a clear per-county error."""

from __future__ import annotations

import io
import random
import re
import shutil
import zipfile
from collections.abc import Callable

import docx
import pptx
import pytest
from docx.oxml.ns import qn
from PIL import Image
from pptx.shapes.picture import Picture

from curriculum_kit.generate.common import LOGO_MAX_WIDTH
from tests.acceptance.conftest import build_args, run
from tests.conftest import REPO
from tests.fixtures import rewrite_zip

MODULE = "coordinated-case-planning"


def county_copy(samples, tmp_path, slug="cypress-valley-county"):
    root = tmp_path / "copy"
    shutil.copytree(samples, root)
    return root, root / "county_overlays" / slug


def facilitator_files(out, slug):
    packet = next((out / slug / MODULE).glob("*_facilitator_*.zip"))
    with zipfile.ZipFile(packet) as package:
        return {name.split("/", 1)[1]: package.read(name) for name in package.namelist()}


def test_a_thousand_people_org_chart_splits_over_slides(samples, tmp_path):
    root, folder = county_copy(samples, tmp_path)
    rng = random.Random(7)
    rows = ["id,name,title,program,reports_to", "1,Ada Root,Agency Director,both,"]
    rows += [f"{i},Person Number{i},{rng.choice(['Social Worker III', 'Eligibility Supervisor'])},"
             f"{rng.choice(['cws', 'calworks'])},{rng.randrange(max(1, i - 30), i)}" for i in range(2, 1001)]
    (folder / "orgchart.csv").write_text("\n".join(rows) + "\n")
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--county", "cypress-valley-county", "--module", MODULE))
    assert result.exit_code == 0, result.output
    deck = pptx.Presentation(io.BytesIO(facilitator_files(out, "cypress-valley-county")["slides.pptx"]))
    boxes = [s for slide in deck.slides for s in slide.shapes if s.name.startswith("Org box:")]
    assert len({s.name for s in boxes}) == 1000
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.name == "Org line":
                continue  # a connector is drawn turned a quarter; its ends sit on the boxes
            assert 0 <= shape.left and shape.left + shape.width <= deck.slide_width
            assert 0 <= shape.top and shape.top + shape.height <= deck.slide_height


def test_contacts_with_commas_quotes_and_accents(samples, tmp_path):
    root, folder = county_copy(samples, tmp_path)
    with open(folder / "contacts.csv", "a", encoding="utf-8") as csv:
        csv.write('both,"Liaison, ""after hours""",Zoë Ñúñez-O\'Brien,"Supervisor, Intake",(559) 555-0188,'
                  'zoe@cypress.example.org,"Bldg 2, Rm 3",\n')
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--county", "cypress-valley-county", "--module", MODULE))
    assert result.exit_code == 0, result.output
    sheet = docx.Document(io.BytesIO(facilitator_files(out, "cypress-valley-county")["local-contacts.docx"]))
    cells = [c.text for t in sheet.tables for r in t.rows for c in r.cells]
    assert "Zoë Ñúñez-O'Brien\nSupervisor, Intake" in cells and 'Liaison, "after hours"' in cells


def test_huge_logo_is_scaled_down(samples, tmp_path):
    root, folder = county_copy(samples, tmp_path)
    Image.new("RGB", (6000, 6000), (200, 30, 30)).save(folder / "logos" / "dfcs.png")
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--county", "cypress-valley-county", "--module", MODULE))
    assert result.exit_code == 0, result.output
    sheet = docx.Document(io.BytesIO(facilitator_files(out, "cypress-valley-county")["agenda.docx"]))
    image = sheet.sections[0].header.part.related_parts
    sizes = [Image.open(io.BytesIO(part.blob)).size for part in image.values() if part.partname.endswith(".png")]
    assert sizes and max(max(size) for size in sizes) <= 800


def test_story_without_title_and_missing_logo_fail_only_that_county(samples, tmp_path):
    root, folder = county_copy(samples, tmp_path)
    story = next((folder / "stories").glob("*.md"))
    story.write_text("Programs: CWS\n\nA story with no title line.\n")
    (root / "county_overlays" / "alder-county" / "logos" / "dcfs.png").unlink()
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--module", MODULE))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-3].startswith("1 built, 0 up to date, 2 failed")
    assert f"FAILED cypress-valley-county: {story.relative_to(root).as_posix()}:1: story has no title" in \
        result.output.replace(str(root) + "/", "")
    assert "FAILED alder-county: " in result.output and "logos/dcfs.png', which does not exist" in result.output
    assert (out / "manzanita-county" / MODULE / "manifest.json").is_file()
    assert not (out / "cypress-valley-county").exists() and not (out / "alder-county").exists()


def test_a_story_with_a_long_link_breaks_it_across_lines_as_powerpoint_does(samples, tmp_path):
    root, folder = county_copy(samples, tmp_path)
    story = next((folder / "stories").glob("*.md"))
    link = "https://www.cypress-valley.example.gov/" + "/".join(["children-and-family-services"] * 6) + "/story.pdf"
    title, programs, rest = story.read_text(encoding="utf-8").split("\n", 2)
    story.write_text(f"{title}\n{programs}\n\nThe full case study: {link} (ask for a copy).\n{rest}",
                     encoding="utf-8")  # first, so the story's slide shows it
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--county", "cypress-valley-county", "--module", MODULE))
    assert result.exit_code == 0, result.output
    deck = pptx.Presentation(io.BytesIO(facilitator_files(out, "cypress-valley-county")["slides.pptx"]))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert any(link in text for text in texts)
    assert any(link in slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide)


def test_a_marker_left_in_an_output_fails_that_module(samples, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(samples, root)
    deck_path = root / "base_modules" / MODULE / "slides.pptx"
    deck = pptx.Presentation(deck_path)
    table = deck.slides[1].shapes.add_table(1, 1, 0, 0, 914400, 914400).table
    table.cell(0, 0).text = "{{ck:contacts}}"  # a placeholder inside a table is never filled
    deck.save(deck_path)
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--county", "manzanita-county", "--module", MODULE))
    assert result.exit_code == 1
    assert ("FAILED manzanita-county/coordinated-case-planning: " in result.output
            and "slides.pptx: marker {{ck:contacts}} is left on slide 2" in result.output)
    assert not list(out.rglob("*.zip"))


def test_an_output_folder_that_is_a_file_is_one_line_not_a_traceback(samples, tmp_path):
    """The file system's refusals (a file where a folder goes, a full disk) end the command
    with one line naming the path, like every other error."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("in the way")
    modules, overlays = str(samples / "base_modules"), str(samples / "county_overlays")
    commands = [build_args(samples, blocker, "--no-pdf", "--county", "alder-county", "--module", MODULE),
                ["plan", "alder-county", "--year", "2027", "--out", str(blocker), "--modules", modules,
                 "--overlays", overlays],
                ["attendance", str(REPO / "samples" / "signins-alder-county.csv"), "--as-of", "2026-01-01",
                 "--out", str(blocker), "--modules", modules, "--overlays", overlays]]
    for args in commands:
        result = run(args)  # run() lets any exception through: a traceback fails the test
        assert result.exit_code == 1, (args[0], result.output)
        errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and "not-a-folder" in errors[0], (args[0], result.output)
    assert blocker.read_text() == "in the way"


def build_with_edited_part(samples, tmp_path, document: str, part: str, edit: Callable[[bytes], bytes],
                           added: dict[str, bytes] | None = None):
    """Build one county's MODULE after ``edit`` changed ``part`` of the module's ``document``
    (and ``added`` entries were put in it)."""
    root, _ = county_copy(samples, tmp_path)
    path = root / "base_modules" / MODULE / document
    with zipfile.ZipFile(path) as package:
        before = package.read(part)
    after = edit(before)
    assert after != before
    path.write_bytes(rewrite_zip(path.read_bytes(), {part: after, **(added or {})}))
    return run(build_args(root, tmp_path / "dist", "--no-pdf", "--county", "cypress-valley-county", "--module", MODULE))


def assert_fails_naming(result, message: str) -> None:
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert "internal error" not in result.output


def test_a_deck_whose_xml_breaks_the_office_schema_is_named(samples, tmp_path):
    """Well-formed XML python-pptx still refuses (a run whose text element is in another
    namespace) fails that module with the deck's name, not as an internal error."""
    result = build_with_edited_part(samples, tmp_path, "slides.pptx", "ppt/notesSlides/notesSlide2.xml",
                                    lambda notes: notes.replace(b"<a:t>", b'<a:t xmlns:a="urn:not-drawingml">', 1))
    assert_fails_naming(result, "slides.pptx: holds XML the Office schema does not allow")


def test_a_deck_python_pptx_cannot_work_with_is_named_not_an_internal_error(samples, tmp_path):
    """A slide id that is not a number passes the engine (which never reads it) but stops
    python-pptx adding a slide: that module fails with the deck's name and the library's
    words, not as an internal error (found by mutating the sample modules' XML)."""
    result = build_with_edited_part(samples, tmp_path, "slides.pptx", "ppt/presentation.xml",
                                    lambda xml: re.sub(rb'(<p:sldId id=")\d+', rb"\g<1>x2", xml, count=1))
    assert_fails_naming(result, "slides.pptx: is built in a way python-pptx cannot work with (ValueError: invalid "
                                "literal for int() with base 10: 'x2'); open it in Word or PowerPoint and save it again")


def test_a_part_without_a_content_type_fails_its_module_with_the_part_named(samples, tmp_path):
    """python-docx refuses a part [Content_Types].xml gives no type (a KeyError inside it);
    build names the part, as validate does."""
    thumbnail = ('<Relationship Id="rId90" Target="docProps/thumbnail.emz" '
                 'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"/>')
    result = build_with_edited_part(samples, tmp_path, "facilitator-guide.docx", "_rels/.rels",
                                    lambda rels: rels.replace(b"</Relationships>", thumbnail.encode() + b"</Relationships>"),
                                    {"docProps/thumbnail.emz": b"x"})
    assert_fails_naming(result, "facilitator-guide.docx: part 'docProps/thumbnail.emz' has no content type in "
                                "[Content_Types].xml; open it in Word or PowerPoint and save it again")


def test_a_styles_part_of_another_type_fails_its_module_with_the_guide_named(samples, tmp_path):
    """A styles part typed as plain XML: python-docx reads it as a part without styles and
    fails inside itself (an AttributeError); the module fails with the guide's name."""
    result = build_with_edited_part(samples, tmp_path, "facilitator-guide.docx", "[Content_Types].xml",
                                    lambda types: re.sub(rb'<Override[^>]*PartName="/word/styles.xml"[^>]*/>', b"", types))
    assert_fails_naming(result, "facilitator-guide.docx: is built in a way python-docx cannot work with "
                                "(AttributeError: 'Part' object has no attribute 'styles')")


def test_a_story_with_marker_syntax_fails_its_county_in_build_and_export_with_the_story_named(samples, tmp_path):
    """'{{ck:x}}' typed into a story was placed in the guide and read there as a marker: build
    failed each module with an internal error, export with a traceback."""
    root, folder = county_copy(samples, tmp_path)
    story = next((folder / "stories").glob("*.md"))
    story.write_text(story.read_text(encoding="utf-8") + "\nShe kept the {{ck:x}} placement.\n", encoding="utf-8")
    out = tmp_path / "dist"
    built = run(build_args(root, out, "--no-pdf", "--county", "cypress-valley-county", "--module", MODULE))
    exported = run(["export", "cypress-valley-county", "--module", MODULE, "--out", str(tmp_path / "lms"),
                    "--modules", str(root / "base_modules"), "--overlays", str(root / "county_overlays")])
    for result in (built, exported):
        assert_fails_naming(result, f"{story.name}:")
        assert "contains marker syntax ({{ck:)" in result.output, result.output


def logos_in_deck(data: bytes) -> list[tuple[str, int, int]]:
    """(alt text, width, height) of every program logo on the slides."""
    deck = pptx.Presentation(io.BytesIO(data))
    return [(alt, s.width, s.height) for slide in deck.slides for s in slide.shapes if isinstance(s, Picture)
            for alt in [s._element.nvPicPr.cNvPr.get("descr") or ""] if alt.startswith("Logo of")]


def logos_in_word(data: bytes) -> list[tuple[str, int, int]]:
    """(alt text, width, height) of every program logo in the body and the page headers."""
    document = docx.Document(io.BytesIO(data))
    parts = [document.element, *(section.header._element for section in document.sections)]
    return [(alt, int(inline.find(qn("wp:extent")).get("cx")), int(inline.find(qn("wp:extent")).get("cy")))
            for part in parts for inline in part.iter(qn("wp:inline"))
            for alt in [inline.find(qn("wp:docPr")).get("descr", "")] if alt.startswith("Logo of")]


def test_a_wide_wordmark_logo_keeps_its_proportions(samples, tmp_path):
    """A 4:1 wordmark is neither stretched into the slide's square logo box nor run off the
    Word page; the other program's square seal stays square."""
    root, folder = county_copy(samples, tmp_path)
    Image.new("RGB", (1200, 300), (31, 95, 168)).save(folder / "logos" / "dfcs.png")  # the CWS logo
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--county", "cypress-valley-county", "--module", MODULE))
    assert result.exit_code == 0, result.output
    files = facilitator_files(out, "cypress-valley-county")
    on_slides = logos_in_deck(files["slides.pptx"])
    in_word = [logo for name, data in files.items() if name.endswith(".docx") for logo in logos_in_word(data)]
    assert len(on_slides) == 2 and len(in_word) >= 4
    for alt, width, height in on_slides + in_word:
        expected = 4 if "Family and Children" in alt else 1
        assert width / height == pytest.approx(expected, rel=0.02), (alt, width, height)
    assert max(width for _, width, _ in in_word) <= LOGO_MAX_WIDTH


@pytest.mark.parametrize("row", ["contacts,resources", "program,service", "cws,dcfs", "end,finish"])
def test_terminology_rows_on_marker_words_leave_the_markers_alone(samples, tmp_path, row):
    """A county's everyday all-lowercase row ('contacts' -> 'resources') meets the module's
    {{ck:contacts}} and {{ck:program cws}} markers too: they stay markers, and are filled."""
    root, folder = county_copy(samples, tmp_path)
    (folder / "terminology.csv").write_text(f"term,replacement,case,note\n{row},,\n", encoding="utf-8")
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--county", "cypress-valley-county", "--module", MODULE))
    assert result.exit_code == 0, result.output
    files = facilitator_files(out, "cypress-valley-county")
    deck = pptx.Presentation(io.BytesIO(next(data for name, data in files.items() if name.endswith(".pptx"))))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert not any("{{" in text for text in texts)
    assert any("Local contacts" in text or "Contacts" in text for text in texts)  # the placeholder was filled


@pytest.mark.parametrize("edit", [
    lambda xml: re.sub(rb"<w:body>.*</w:body>", b"", xml, flags=re.DOTALL),  # a document without a body
    lambda xml: b'<?xml version="1.0"?><html><body>CWS</body></html>',  # another kind of XML
])
def test_a_guide_whose_main_part_is_no_word_body_is_named_by_build_and_check(samples, tmp_path, edit):
    """A guide whose word/document.xml holds no body, or is some other XML, passed validate
    and check and failed build as an internal error inside the outline reader."""
    result = build_with_edited_part(samples, tmp_path, "facilitator-guide.docx", "word/document.xml", edit)
    assert_fails_naming(result, "facilitator-guide.docx: its main part (word/document.xml) is not a Word document "
                                "with a body")
    guide = tmp_path / "copy" / "base_modules" / MODULE / "facilitator-guide.docx"
    checked = run(["check", str(guide)])
    assert checked.exit_code == 1 and "is not a Word document with a body" in checked.output


@pytest.mark.parametrize("command", [
    ["build", "--county", "alder-county", "--module", MODULE, "--no-pdf"],
    ["plan", "alder-county", "--year", "2027"],
    ["attendance", "samples/signins-alder-county.csv", "--county", "alder-county"],
    ["export", "alder-county", "--module", MODULE, "--no-pdf"],
])
def test_an_out_folder_that_is_a_file_is_one_line(tmp_path, monkeypatch, command):
    """'Error: dist: File exists' (build first printed each county FAILED: 'Not a directory')."""
    monkeypatch.chdir(REPO)
    taken = tmp_path / "dist"
    taken.write_text("a file")
    result = run([*command, "--out", str(taken)])
    assert (result.exit_code, result.output) == (1, f"Error: {taken}: is a file; --out names a folder to write into\n")
    assert taken.read_text() == "a file"
