"""`module init`: a module.toml from an academy module's files as downloaded, every guess said.

The folders are made by code: the bundled markerless sample's files, or python-docx and
python-pptx documents written for one rule.
"""

from __future__ import annotations

import os
import shutil
import tomllib
import zipfile
from pathlib import Path

import docx
import pptx
import pytest
from click.testing import CliRunner

from curriculum_kit.cli import main
from curriculum_kit.errors import InputError
from curriculum_kit.findings import Findings
from curriculum_kit.formats.module import load_module
from curriculum_kit.versioning.module_init import DURATION_TODO, init_module
from tests.conftest import REPO

SAMPLE = REPO / "base_modules" / "supportive-services"


def academy_folder(tmp_path: Path, name: str = "supportive-services") -> Path:
    folder = tmp_path / "academy" / name
    folder.mkdir(parents=True)
    for path in SAMPLE.iterdir():
        if path.suffix in (".docx", ".pptx"):
            shutil.copyfile(path, folder / path.name)
    return folder


def test_the_sample_module_files_give_its_module_toml(tmp_path):
    folder = academy_folder(tmp_path)
    draft = init_module(folder, level="nuts-and-bolts")
    written = tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))
    published = tomllib.loads((SAMPLE / "module.toml").read_text(encoding="utf-8"))
    for key in ("id", "title", "version", "level", "duration_minutes", "start_time", "programs", "files", "agenda"):
        assert written[key] == published[key], key  # the agenda as the guide prints it: preflight finds them agreeing
    assert "duration_minutes: 180 (the guide's agenda table)" in draft.guessed
    assert "agenda: 6 rows (the guide's agenda table, as it prints them)" in draft.guessed
    found = Findings()
    assert load_module(folder, found) is not None and found.items == []


@pytest.mark.parametrize("name, data, message", [
    ("slides.pptx", b"PK\x03\x04junk", "is damaged: not a complete zip archive (truncated or corrupt); open it in "
                                       "Word or PowerPoint and save it again"),
    ("guide.docx", b"\x00\x01", "is not a Word or PowerPoint file (.docx/.pptx files are zip archives)"),
])
def test_a_document_that_cannot_be_opened_is_refused_and_nothing_is_written(tmp_path, name, data, message):
    folder = academy_folder(tmp_path)
    (folder / name).write_bytes(data)
    with pytest.raises(InputError) as caught:
        init_module(folder)
    assert caught.value.path == folder / name and caught.value.message == message
    assert not (folder / "module.toml").exists()


def test_a_document_that_validate_would_refuse_is_refused_and_nothing_is_written(tmp_path):
    folder = academy_folder(tmp_path)
    guide = folder / "facilitator-guide.docx"
    with zipfile.ZipFile(guide) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")  # a .dotx renamed .docx
    with zipfile.ZipFile(guide, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    with pytest.raises(InputError) as caught:
        init_module(folder)
    assert caught.value.path == guide and caught.value.message.startswith("is a Word template")
    shutil.copyfile(folder / "slides.pptx", guide)  # a deck under a guide's name
    with pytest.raises(InputError, match="holds a PowerPoint document, not what its name says"):
        init_module(folder)
    assert not (folder / "module.toml").exists()


@pytest.mark.parametrize("title, problem", [
    ("Linkages {{ck:contacts}}", "contains marker syntax ({{ck:); markers belong in module documents, not in what "
                                 "goes into them"),
    ("x" * 300, "is 300 characters long; at most 255 fit"),
])
def test_a_title_that_module_toml_cannot_hold_is_refused(tmp_path, title, problem):
    folder = academy_folder(tmp_path)
    with pytest.raises(InputError) as caught:
        init_module(folder, title=title)
    assert caught.value.message == f"--title {problem}"
    assert not (folder / "module.toml").exists()


def test_an_existing_module_toml_is_never_overwritten(tmp_path):
    folder = academy_folder(tmp_path)
    (folder / "module.toml").write_text("# mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["module", "init", str(folder)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {folder}/module.toml: module.toml already exists; curriculum-kit never "
                             "overwrites it (edit it, or remove it to start again)\n")
    assert (folder / "module.toml").read_text(encoding="utf-8") == "# mine\n"


def test_old_formats_get_the_advice_to_save_them_again(tmp_path):
    folder = academy_folder(tmp_path)
    (folder / "Handout 2.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "Extra deck.odp").write_bytes(b"PK")
    draft = init_module(folder)
    assert draft.advice == [
        "Extra deck.odp: save it as a .pptx file (File > Save As) and run 'curriculum-kit module init' again",
        "Handout 2.doc: save it as a .docx file (File > Save As) and run 'curriculum-kit module init' again"]


def test_a_link_or_a_pipe_is_no_module_file_and_is_said_so(tmp_path):
    """A handout linked from elsewhere was listed in [files], and validate then refused it;
    a pipe was passed over in silence. Neither is taken; a link or pipe named like a
    document is named in the advice."""
    folder = academy_folder(tmp_path)
    (folder / "linked handout.docx").symlink_to(SAMPLE / "facilitator-guide.docx")
    os.mkfifo(folder / "pipe.docx")
    draft = init_module(folder)
    written = tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))
    assert "linked handout.docx" not in written["files"]["handouts"]
    assert [line.split(":")[0] for line in draft.advice] == ["linked handout.docx", "pipe.docx"]
    assert draft.advice[0].startswith("linked handout.docx: is a symbolic link")


def test_a_folder_with_only_old_files_is_one_line(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "guide.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "deck.ppt").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError) as caught:
        init_module(folder)
    assert caught.value.message == (
        "has no PowerPoint deck (.pptx); a module needs a facilitator guide and a slide deck; deck.ppt: save it "
        "as a .pptx file (File > Save As) and run 'curriculum-kit module init' again")


def write_guide(path: Path, agenda: list[list[str]] | None, title: str = "", heading: str = "") -> None:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    if heading:
        document.add_heading(heading, level=1)
    document.add_paragraph("Guide text. " * 50)
    if agenda:
        table = document.add_table(rows=len(agenda), cols=len(agenda[0]))
        for row, values in zip(table.rows, agenda):
            for cell, value in zip(row.cells, values):
                cell.text = value
    document.save(path)


def write_deck(path: Path, first_title: str | None, version: str = "") -> None:
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[0 if first_title is not None else 6])
    if first_title is not None:
        slide.shapes.title.text = first_title
    if version:
        presentation.core_properties.version = version
    presentation.save(path)


def test_a_title_left_to_do_is_an_error_in_validate(tmp_path):
    folder = tmp_path / "intro"
    folder.mkdir()
    write_guide(folder / "guide.docx", [["Segment", "Minutes"], ["Welcome", "30"], ["Practice", "60"]])
    write_guide(folder / "handout.docx", None)
    write_deck(folder / "deck.pptx", None)  # no title anywhere: init writes 'TODO: ...'
    init_module(folder)
    written = tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))
    found = Findings()
    assert load_module(folder, found) is None
    assert [f.message for f in found.errors] == [
        f"'title' is still to be filled in ('{written['title']}'): write it"]


def test_a_guides_title_paragraph_comes_before_its_first_heading(tmp_path):
    """A deck whose title is in a text box, a guide whose title page is a Title paragraph
    above 'Introduction': the module is the title's, not 'Introduction'."""
    folder = tmp_path / "intro"
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph("Working Together for Shared Families", style="Title")
    document.add_heading("Introduction", level=1)
    document.add_paragraph("Guide text. " * 50)
    document.save(folder / "guide.docx")
    write_deck(folder / "deck.pptx", None)
    draft = init_module(folder)
    assert tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))["title"] == \
        "Working Together for Shared Families"
    assert ('title: "Working Together for Shared Families" (the guide\'s properties, Title paragraph or first '
            "heading)") in draft.guessed


def test_guide_by_name_else_longest_and_times_give_the_length(tmp_path):
    folder = tmp_path / "Módulo 4 - Fiscal"
    folder.mkdir()
    write_guide(folder / "Trainer Notes.docx", [["Time", "Activity"], ["9:00 a.m.", "Welcome"],
                                               ["10:30 a.m.", "Break"], ["1:15 p.m.", "Adjourn"]])
    document = docx.Document()
    document.add_paragraph("A much longer handout. " * 400)
    document.save(folder / "handout.docx")
    write_deck(folder / "deck.pptx", None, version="2.1")
    draft = init_module(folder)
    written = tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))
    assert written["files"] == {"facilitator_guide": "Trainer Notes.docx", "slides": "deck.pptx",
                                "handouts": ["handout.docx"]}
    assert (written["id"], written["duration_minutes"], written["version"]) == ("m-dulo-4-fiscal", 255, "2.1.0")
    assert (written["start_time"], written["agenda"]) == ("9:00", [  # each row lasts until the next starts
        {"title": "Welcome", "minutes": 90}, {"title": "Break", "minutes": 165, "kind": "break"}])
    assert "version: 2.1.0 (the version property of deck.pptx)" in draft.guessed


def test_a_guide_without_an_agenda_table_leaves_it_to_the_decks_agenda_slide(tmp_path):
    folder = tmp_path / "supportive-services"
    folder.mkdir()
    write_guide(folder / "guide.docx", None)
    shutil.copyfile(SAMPLE / "slides.pptx", folder / "slides.pptx")
    draft = init_module(folder)
    written = tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))
    published = tomllib.loads((SAMPLE / "module.toml").read_text(encoding="utf-8"))
    for key in ("duration_minutes", "start_time", "agenda"):
        assert written[key] == published[key], key
    assert "agenda: 6 rows (the deck's agenda slide, as it prints them)" in draft.guessed


def test_an_agenda_table_whose_rows_do_not_add_up_gives_the_length_and_advice(tmp_path):
    folder = tmp_path / "intro"
    folder.mkdir()
    write_guide(folder / "guide.docx", [["Segment", "Minutes"], ["Welcome", "20"], ["Lunch", "30"],
                                        ["Practice", "40"], ["Total", "120"]])
    write_deck(folder / "deck.pptx", "Intro")
    draft = init_module(folder)
    written = tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))
    assert written["duration_minutes"] == 120 and "agenda" not in written and "start_time" not in written
    assert any(item.startswith("agenda: the guide's agenda table was not read row by row") for item in draft.to_check)


def test_without_an_agenda_the_length_is_a_todo_that_validate_reports(tmp_path):
    folder = tmp_path / "intro"
    folder.mkdir()
    write_guide(folder / "a.docx", None, heading="Linkages Basics")
    write_guide(folder / "b.docx", None)
    write_deck(folder / "deck.pptx", None)
    draft = init_module(folder, title=None)
    written = tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))
    assert written["duration_minutes"] == DURATION_TODO and written["title"] == "Linkages Basics"
    assert any(item.startswith("duration_minutes: no agenda table") for item in draft.to_check)
    found = Findings()
    load_module(folder, found)
    assert [f.message for f in found.errors] == [
        f"'duration_minutes' is still to be filled in ('{DURATION_TODO}'): write a whole number"]


def test_advice_names_an_untitled_slide_so_and_a_missing_agenda_its_consequence(tmp_path):
    """'before slide 2 ''' quoted an empty title; without an agenda the generic day went unsaid."""
    folder = tmp_path / "intro"
    folder.mkdir()
    write_guide(folder / "guide.docx", None, heading="Linkages Basics")
    write_guide(folder / "handout.docx", None)
    presentation = pptx.Presentation()
    for _ in range(2):
        presentation.slides.add_slide(presentation.slide_layouts[6])  # blank: no title
    presentation.save(folder / "deck.pptx")
    draft = init_module(folder, title=None)
    assert any("stories before slide 2 (untitled) (choose" in item for item in draft.to_check), draft.to_check
    assert any("without them the packet's agenda is a generic day ('Learning segments, part 1 of 3')" in item
               for item in draft.to_check)


def test_a_deck_passed_over_is_named(tmp_path):
    """Of two decks the one with most slides is taken (by name on a tie), and the other was
    never mentioned."""
    folder = tmp_path / "intro"
    folder.mkdir()
    write_guide(folder / "guide.docx", [["Segment", "Minutes"], ["Welcome", "30"], ["Practice", "60"]])
    write_guide(folder / "handout.docx", None)
    write_deck(folder / "a.pptx", "Intro")
    write_deck(folder / "b.pptx", "Intro, again")
    draft = init_module(folder, title=None)
    assert any(item.startswith("slides: b.pptx (the PowerPoint file, the one with most slides)") for item in draft.guessed)
    assert "slides: a.pptx not used (a module has one deck); if another is the module's deck, name it as slides" \
        in draft.to_check


def test_a_module_published_as_a_guide_and_a_deck_only_is_buildable(tmp_path):
    folder = academy_folder(tmp_path)
    for path in folder.glob("handout*.docx"):
        path.unlink()
    draft = init_module(folder, level="nuts-and-bolts")
    written = tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))
    assert written["files"]["handouts"] == []
    assert any(line.startswith("files.handouts: none") and "day's papers only" in line for line in draft.to_check)
    found = Findings()
    assert load_module(folder, found) is not None and found.items == []


def test_the_optional_sections_the_markers_name_are_declared(tmp_path):
    """A folder marked up earlier: module init wrote a module.toml whose markers validate refused
    ('names a section that module.toml does not declare')."""
    from curriculum_kit.validate import check_module

    folder = tmp_path / "academy" / "orientation"
    shutil.copytree(REPO / "base_modules" / "linkages-orientation", folder)
    (folder / "module.toml").unlink()
    draft = init_module(folder, level="orientation")
    written = tomllib.loads((folder / "module.toml").read_text(encoding="utf-8"))
    assert written["optional_sections"] == {"icebreaker-bingo": "Icebreaker bingo"}
    assert any(line.startswith("optional_sections: icebreaker-bingo") for line in draft.to_check)
    found = Findings()
    module = load_module(folder, found)
    assert module is not None
    check_module(module, {module.id: module}, found)
    assert [str(item) for item in found.errors] == []


def test_a_linked_folder_is_refused_as_build_refuses_it(tmp_path):
    folder = academy_folder(tmp_path)
    link = tmp_path / "linked"
    link.symlink_to(folder)
    with pytest.raises(InputError) as caught:
        init_module(link)
    assert caught.value.message.startswith("is a symbolic link to a folder;")
    assert not (folder / "module.toml").exists()
