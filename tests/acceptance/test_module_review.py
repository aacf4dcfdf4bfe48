"""Reviewing an academy update through the CLI: `outdated SLUG --diff`, `module diff OLD NEW`,
and the versioning papercuts around them (a lock never silently goes back, folders of any
name compare)."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pptx
import pytest
from PIL import Image

from curriculum_kit.versioning.snapshot import document_text
from tests.acceptance.conftest import run
from tests.fixtures import rewrite_zip
from tests.gitrepo import change_alder, change_module, commit_all, needs_git, sample_repo

pytestmark = needs_git
MODULE = Path("base_modules/linkages-orientation")


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    root = sample_repo(tmp_path / "county-training")
    monkeypatch.chdir(root)
    return root


def new_release(root: Path) -> None:
    """change_module's 1.3.0, plus a speaker note of slide 2 reworded."""
    change_module(root)
    deck = pptx.Presentation(str(root / MODULE / "slides.pptx"))
    notes = deck.slides[1].notes_slide.notes_text_frame
    run_ = notes.paragraphs[0].runs[0]
    run_.text = run_.text.replace("the two breaks", "the two breaks, the CFT handout")
    deck.save(str(root / MODULE / "slides.pptx"))


def test_outdated_diff_shows_each_changed_paragraph_and_note_and_what_it_means(repo):
    assert run(["lock", "alder-county"]).exit_code == 0
    new_release(repo)
    result = run(["outdated", "alder-county", "--diff", "--html", "review.html"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("linkages-orientation 1.2.0 -> 1.3.0 (from linkages-orientation 1.2.0 (locked 2026-01-01) "
                        "to linkages-orientation 1.3.0)")
    assert lines[lines.index("    body, paragraph 589: added"):] == [
        "    body, paragraph 589: added",
        "      Hand out the CFT checklist: each CFT ends with one plan for the family.",
        '      ! generic "CFT" now occurs here (0 -> 2); you have no terminology row for it',
        "  handout-roles-at-a-glance.docx: unchanged",
        "  slides.pptx: changed, 1 change",
        "    slide 2 notes: changed",
        "      CalWORKs co-facilitator: Walk through the day and point out the two breaks{+, the CFT handout+} "
        "and the lunch hour, which is planned as time to connect.",
        '      ! generic "CFT" now occurs here (0 -> 1); you have no terminology row for it',
        "  alder-county's terms (occurrences in the module)",
        '    no longer found  "county welfare department"  3 -> 0',
        "  Generic wording you do not map, now more often (consider a terminology row)",
        '    "CFT"  10 -> 13',
        "5 changes.",
        "Wrote review.html"]
    assert "      ! your term \"county welfare department\" is gone from this paragraph (1 -> 0)" in lines
    page = (repo / "review.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<ins><span class=\"said\">added: </span>human services agency</ins>" in page


def test_outdated_diff_with_every_module_current(repo):
    run(["lock", "alder-county"])
    result = run(["outdated", "alder-county", "--diff"])
    assert (result.exit_code, result.output) == (0, "alder-county: every locked module is current\n")


def test_outdated_diff_fails_as_outdated_does_when_a_locked_module_is_gone(repo):
    """It said 'every locked module is current' with exit 0, where `outdated` fails."""
    run(["lock", "alder-county"])
    shutil.rmtree(repo / "base_modules" / "supportive-services")
    result = run(["outdated", "alder-county", "--diff"])
    assert result.exit_code == 1
    assert result.output == ("Error: county_overlays/alder-county/modules.lock: locks supportive-services, which is "
                             "no longer published; run 'curriculum-kit lock alder-county' to drop it from the lock\n")


def test_outdated_diff_of_a_module_that_does_not_load_says_why_as_outdated_does(repo):
    """It said the module was 'no longer published' and advised locking again, which would
    drop it from the lock."""
    run(["lock", "alder-county"])
    (repo / "base_modules/supportive-services/module.toml").write_text("")
    plain, diff = run(["outdated", "alder-county"]), run(["outdated", "alder-county", "--diff"])
    assert (diff.exit_code, diff.output) == (plain.exit_code, plain.output) == (
        1, "Error: base_modules/supportive-services/module.toml: missing required key 'id' (and 7 more; run "
        "'curriculum-kit validate')\n")


def test_html_is_never_written_into_the_folders_read(repo):
    """`module diff ... --html base_modules/.../slides.pptx` replaced the module's deck with
    the HTML page (exit 0), and `outdated --diff --html` the county's modules.lock."""
    run(["lock", "alder-county"])
    deck, lock = MODULE / "slides.pptx", Path("county_overlays/alder-county/modules.lock")
    before = deck.read_bytes(), lock.read_bytes()
    diff = run(["module", "diff", "linkages-orientation", "coordinated-case-planning", "--html", str(deck)])
    outdated = run(["outdated", "alder-county", "--diff", "--html", str(lock)])
    assert diff.exit_code == outdated.exit_code == 1
    assert diff.output == (f"Error: {deck}: --html lies inside base_modules, which curriculum-kit only reads; "
                           "write it elsewhere\n")
    assert outdated.output.endswith("--html lies inside county_overlays, which curriculum-kit only reads; "
                                    "write it elsewhere\n")
    assert (deck.read_bytes(), lock.read_bytes()) == before


def test_outdated_diff_needs_one_county(repo):
    result = run(["outdated", "--diff"])
    assert result.exit_code == 2 and "--diff takes exactly one SLUG (and --html needs --diff)" in result.output


def test_a_snapshot_without_text_says_how_to_compare_instead(repo):
    run(["lock", "alder-county"])
    snapshot = repo / "county_overlays/alder-county/.lock/linkages-orientation.json"
    data = json.loads(snapshot.read_text())
    for facts in data["documents"].values():
        del facts["text"]
    snapshot.write_text(json.dumps(data))
    new_release(repo)
    result = run(["outdated", "alder-county", "--diff"])
    assert (result.exit_code, result.output) == (1, (
        "Error: county_overlays/alder-county/modules.lock: the snapshot of linkages-orientation was written before "
        "`lock` kept the modules' text; compare with 'curriculum-kit module diff linkages-orientation@GITREF "
        "linkages-orientation' (GITREF: the commit you locked)\n"))


def test_two_different_modules_are_not_compared(repo):
    """It printed 809 changes under one module's name and version, exit 0."""
    result = run(["module", "diff", "supportive-services", "linkages-orientation"])
    assert (result.exit_code, result.output) == (1, (
        "Error: linkages-orientation: is module linkages-orientation, and supportive-services is module "
        "supportive-services: `module diff` compares two versions of one module\n"))


def test_a_lock_of_format_1_is_compared_as_it_was_read(repo):
    """A format 1 snapshot kept each Word text box twice (with the copy Word writes for older
    readers) and, before documents' properties were read, no properties: compared with
    today's reading, every document showed its title as added and a text box's paragraphs
    as removed. Such a lock reviews as a lock of today does."""
    run(["lock", "alder-county"])
    snapshot = repo / "county_overlays/alder-county/.lock/linkages-orientation.json"
    today = snapshot.read_text()
    old = json.loads(today)
    old["format"] = 1
    for name, facts in old["documents"].items():
        facts["text"] = [[where, text] for where, text in document_text(MODULE / name, copies=True)
                         if where != "properties"]
    guide = old["documents"]["facilitator-guide.docx"]["text"]
    assert guide != json.loads(today)["documents"]["facilitator-guide.docx"]["text"]  # a text box, a title
    new_release(repo)
    expected = run(["outdated", "alder-county", "--diff"]).output
    snapshot.write_text(json.dumps(old))
    result = run(["outdated", "alder-county", "--diff"])
    # the same changes, numbered as the old reading numbered paragraphs (a text box's twice)
    assert (result.exit_code, re.sub(r"paragraph \d+", "paragraph N", result.output)) == (
        0, re.sub(r"paragraph \d+", "paragraph N", expected))
    assert "5 changes." in expected


def test_module_diff_of_a_git_ref_and_of_folders_of_any_name(repo):
    new_release(repo)
    by_ref = run(["module", "diff", "linkages-orientation@samples", "linkages-orientation", "--county", "alder-county"])
    assert by_ref.exit_code == 0, by_ref.output
    assert by_ref.output.splitlines()[0] == ("linkages-orientation 1.2.0 -> 1.3.0 (from linkages-orientation@samples "
                                             "to linkages-orientation)")
    commit_all(repo, "1.3.0")
    shutil.copytree(repo / MODULE, repo / "lo-new")
    old_copy = repo / "lo-old"
    from tests.gitrepo import git
    git(repo, "worktree", "add", "-q", str(repo.parent / "old"), "samples")
    shutil.copytree(repo.parent / "old" / MODULE, old_copy)
    by_folder = run(["module", "diff", "lo-old", "lo-new", "--county", "alder-county"])
    assert by_folder.exit_code == 0, by_folder.output
    assert by_folder.output.replace("lo-old", "linkages-orientation@samples").replace("lo-new", "linkages-orientation") \
        == by_ref.output


def picture(path: Path, colour: str) -> Path:
    Image.new("RGB", (40, 30), colour).save(path)
    return path


def test_a_picture_added_or_replaced_is_a_change_and_a_document_saved_again_is_not(repo):
    """A picture replaced showed as 'unchanged, 0 changes' (only text was compared), while
    plain `outdated` called a document Word had merely saved again 'changed'."""
    run(["lock", "alder-county"])
    handout = MODULE / "handout-roles-at-a-glance.docx"
    shutil.copytree(MODULE, "lo-old")
    docx.Document(str(handout)).save(str(handout))  # saved again: other bytes, the same text
    assert "handout-roles-at-a-glance.docx: re-saved, 1 page" in run(["outdated", "alder-county"]).output
    assert "handout-roles-at-a-glance.docx: unchanged" in run(["outdated", "alder-county", "--diff"]).output
    document = docx.Document(str(handout))
    document.add_picture(str(picture(repo / "blue.png", "blue")))
    document.save(str(handout))
    shutil.copytree(MODULE, "lo-blue")
    added = run(["module", "diff", "lo-old", "lo-blue"]).output
    assert "  handout-roles-at-a-glance.docx: changed, 1 change\n    body, picture 1: added\n      (picture " in added
    blue = handout.read_bytes()
    with zipfile.ZipFile(io.BytesIO(blue)) as package:
        media = next(name for name in package.namelist() if name.startswith("word/media/"))
    handout.write_bytes(rewrite_zip(blue, {media: picture(repo / "red.png", "red").read_bytes()}))
    replaced = run(["module", "diff", "lo-blue", str(MODULE)]).output
    assert "    body, picture 1: changed\n      (picture [-" in replaced
    assert "handout-roles-at-a-glance.docx: changed" in run(["outdated", "alder-county"]).output


def hide_slide(deck_path: Path, number: int, hidden: bool = True) -> None:
    deck = pptx.Presentation(str(deck_path))
    slide = deck.slides[number - 1]._element
    if hidden:
        slide.set("show", "0")
    else:
        slide.attrib.pop("show", None)
    deck.save(str(deck_path))


def test_a_slide_hidden_or_shown_again_is_a_change(repo):
    """The academy retiring a slide (hidden from the slide show, its text untouched) showed
    as no change at all."""
    shutil.copytree(MODULE, "lo-old")
    hide_slide(MODULE / "slides.pptx", 3)
    shutil.copytree(MODULE, "lo-hidden")
    hidden = run(["module", "diff", "lo-old", "lo-hidden"])
    assert hidden.exit_code == 0, hidden.output
    assert "  slides.pptx: changed, 1 change\n    slide 3: added\n      (hidden from the slide show: Learning Objectives)\n" \
        in hidden.output
    hide_slide(MODULE / "slides.pptx", 3, hidden=False)
    shown = run(["module", "diff", "lo-hidden", str(MODULE)]).output
    assert "  slides.pptx: changed, 1 change\n    slide 3: removed\n      (hidden from the slide show: Learning Objectives)\n" \
        in shown


def test_a_lock_of_format_2_is_compared_as_it_was_read(repo):
    """A format 2 snapshot did not mark hidden slides: a module with one, saved again since
    the lock, is re-saved and unchanged, not a hidden slide added."""
    hide_slide(MODULE / "slides.pptx", 3)
    run(["lock", "alder-county"])
    snapshot = repo / "county_overlays/alder-county/.lock/linkages-orientation.json"
    old = json.loads(snapshot.read_text())
    deck = old["documents"]["slides.pptx"]
    mark = ["slide 3", "(hidden from the slide show: Learning Objectives)"]
    assert mark in deck["text"]
    old["format"] = 2
    deck["text"] = [line for line in deck["text"] if line != mark]
    snapshot.write_text(json.dumps(old))
    deck_bytes = (MODULE / "slides.pptx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as package:  # saved again: other bytes, the same slides
        (MODULE / "slides.pptx").write_bytes(rewrite_zip(deck_bytes, {n: package.read(n) + b" " for n in
                                                                      package.namelist() if n.endswith("app.xml")}))
    assert "slides.pptx: re-saved" in run(["outdated", "alder-county"]).output
    assert "  slides.pptx: unchanged" in run(["outdated", "alder-county", "--diff"]).output.splitlines()


def test_a_renamed_deck_is_compared_with_its_old_self(repo):
    """A deck renamed in a new release was diffed as a new document: every line of it added,
    every line of the old one removed (298 changes for no change)."""
    shutil.copytree(MODULE, "lo-old")
    shutil.copytree(MODULE, "lo-new")
    Path("lo-new/slides.pptx").rename("lo-new/slides-2027.pptx")
    toml = Path("lo-new/module.toml")
    toml.write_text(toml.read_text().replace('slides = "slides.pptx"', 'slides = "slides-2027.pptx"'))
    result = run(["module", "diff", "lo-old", "lo-new"])
    assert result.exit_code == 0, result.output
    assert "  slides-2027.pptx (was slides.pptx): unchanged" in result.output.splitlines()
    assert result.output.endswith("\n0 changes.\n")


def test_module_diff_of_an_unknown_ref_or_folder(repo):
    result = run(["module", "diff", "linkages-orientation@v9", "linkages-orientation"])
    assert (result.exit_code, result.output) == (
        1, "Error: unknown git ref 'v9' (not a commit, tag or branch of this repository)\n")
    result = run(["module", "diff", "nowhere/", "linkages-orientation"])
    assert (result.exit_code, result.output) == (1, "Error: nowhere: folder not found\n")


def test_lock_refuses_an_older_module_unless_allowed(repo):
    new_release(repo)
    assert run(["lock", "alder-county"]).exit_code == 0
    lock = (repo / "county_overlays/alder-county/modules.lock").read_bytes()
    from tests.gitrepo import git
    git(repo, "worktree", "add", "-q", str(repo.parent / "old"), "samples")
    old_modules = str(repo.parent / "old" / "base_modules")
    result = run(["lock", "alder-county", "--modules", old_modules])
    assert (result.exit_code, result.output) == (1, (
        "Error: county_overlays/alder-county/modules.lock: would move the lock to an older module version "
        "(linkages-orientation 1.3.0 -> 1.2.0); check --modules (it may be an old copy), or use "
        "--allow-downgrade if that is what you mean\n"))
    assert (repo / "county_overlays/alder-county/modules.lock").read_bytes() == lock
    result = run(["lock", "alder-county", "--modules", old_modules, "--allow-downgrade"])
    assert result.exit_code == 0 and "updated    linkages-orientation 1.3.0 -> 1.2.0" in result.output


def test_overlay_diff_of_folders_named_otherwise_than_the_slug(repo):
    shutil.copytree(repo / "county_overlays/alder-county", repo / "sp-old")
    change_alder(repo)
    result = run(["overlay", "diff", "sp-old", "county_overlays/alder-county"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "alder-county 2.0.0 -> 2.1.0 (from sp-old to county_overlays/alder-county)"


def test_moving_an_overlay_from_csv_to_excel_is_no_change(repo):
    from tests.workbooks import csvs_to_workbooks

    shutil.copytree(repo / "county_overlays/alder-county", repo / "alder-in-excel")
    csvs_to_workbooks(repo / "alder-in-excel", combined=True)
    result = run(["overlay", "diff", "county_overlays/alder-county", "alder-in-excel"])
    assert (result.exit_code, result.output.splitlines()[-2:]) == (
        0, ["No changes.", "0 changes. Version check passed: nothing here needs a new version."])
