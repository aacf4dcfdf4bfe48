"""`curriculum-kit adapt` from the command line: summaries, reports, clear refusals."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.acceptance.conftest import run
from tests.conftest import REPO
from tests.fixtures import make_docx

GUIDE = REPO / "base_modules" / "linkages-orientation" / "facilitator-guide.docx"


def test_summary_and_report(tmp_path):
    out, report = tmp_path / "guide.docx", tmp_path / "report.json"
    result = run(["adapt", str(GUIDE), "-o", str(out), "--county", "alder-county",
                  "--overlays", str(REPO / "county_overlays"), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "replaced" in result.output and "terms never found" in result.output
    data = json.loads(report.read_text())
    assert data["changes"] and {"part", "location", "original", "replacement", "before", "after"} <= data["changes"][0].keys()
    assert data["near_misses"] and data["near_misses"][0]["reason"]
    # every change is counted once, a text box's copy for older readers (VML) with its box
    assert sum(data["occurrences"].values()) == len([c for c in data["changes"] if "(VML copy)" not in c["location"]])


def test_places_already_adapted_are_left_alone_and_reported(tmp_path):
    terms, report = tmp_path / "terms.csv", tmp_path / "report.json"
    terms.write_text("term,replacement\nCCR,Continuum of Care Reform (CCR)\n"
                     "Department of Social Services,California Department of Social Services\n")
    source = make_docx(tmp_path / "in.docx",
                       "<w:p><w:r><w:t xml:space='preserve'>The California Department </w:t></w:r>"
                       "<w:r><w:rPr><w:b/></w:rPr><w:t>of Social Services leads CCR.</w:t></w:r></w:p>"
                       "<w:p><w:r><w:t>Continuum of Care Reform (CCR) began in 2017.</w:t></w:r></w:p>")
    result = run(["adapt", str(source), "-o", str(tmp_path / "out.docx"), "--terms", str(terms),
                  "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == ("  already adapted: 2 (places that already read as a replacement, "
                                              "left alone; see --report FILE.json)")
    data = json.loads(report.read_text())
    assert [(c["original"], c["replacement"]) for c in data["changes"]] == [("CCR", "Continuum of Care Reform (CCR)")]
    assert data["already_adapted"] == [
        {"part": "word/document.xml", "location": "body, paragraph 1", "term": "Department of Social Services",
         "text": "California Department of Social Services",
         "paragraph": "The California Department of Social Services leads CCR."},
        {"part": "word/document.xml", "location": "body, paragraph 2", "term": "CCR",
         "text": "Continuum of Care Reform (CCR)", "paragraph": "Continuum of Care Reform (CCR) began in 2017."}]


def test_dry_run_lists_changes_and_writes_nothing(tmp_path):
    terms = tmp_path / "terms.csv"
    terms.write_text("term,replacement\nCWS,DCFS\n")
    result = run(["adapt", str(GUIDE), "--dry-run", "--terms", str(terms)])
    assert result.exit_code == 0
    assert "'CWS' -> 'DCFS'" in result.output and "would replace" in result.output
    assert list(tmp_path.iterdir()) == [terms]


def test_a_terms_file_named_on_the_command_line_may_be_a_link(tmp_path):
    """As docs/formats.md says of an adapt INPUT and a --terms CSV (links are refused only
    inside overlay and module folders)."""
    (tmp_path / "terms.csv").write_text("term,replacement\nCWS,DCFS\n")
    (tmp_path / "linked.csv").symlink_to(tmp_path / "terms.csv")
    result = run(["adapt", str(GUIDE), "--dry-run", "--terms", str(tmp_path / "linked.csv")])
    assert result.exit_code == 0 and "'CWS' -> 'DCFS'" in result.output


def test_refusals_are_one_line_and_leave_no_output(tmp_path):
    terms = tmp_path / "terms.csv"
    terms.write_text("term,replacement\nCWS,DCFS\n")
    (tmp_path / "bad.docx").write_text("not a document")
    result = run(["adapt", str(tmp_path / "bad.docx"), "-o", str(tmp_path / "out.docx"), "--terms", str(terms)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and result.output.startswith("Error: ")
    assert "bad.docx: is not a Word or PowerPoint file" in result.output
    empty = tmp_path / "empty-term.csv"
    empty.write_text("term,replacement\n,DCFS\n")
    source = make_docx(tmp_path / "in.docx", "<w:p><w:r><w:t>CWS</w:t></w:r></w:p>")
    result = run(["adapt", str(source), "-o", str(tmp_path / "out.docx"), "--terms", str(empty)])
    assert result.exit_code == 1
    assert result.output.strip().endswith("empty-term.csv:2: empty term (every row needs a term and its replacement)")
    assert not (tmp_path / "out.docx").exists()
    assert run(["adapt", str(source), "-o", str(tmp_path / "out.docx")]).exit_code == 1  # no terms at all
    folder = run(["adapt", str(source), "-o", str(tmp_path), "--terms", str(terms)])
    assert folder.exit_code == 1 and "OUTPUT is a folder; name the file to write" in folder.output
    assert run(["adapt", str(source), "--terms", str(terms)]).exit_code == 2  # neither -o nor --dry-run


@pytest.mark.parametrize("where", ["folder", "missing folder", "pipe", "link to a pipe"])
def test_a_report_that_cannot_be_a_file_is_refused_before_anything_is_written(tmp_path, where):
    """`--report /dev/null` put a regular file in the device's place (the report is written
    beside it and renamed over it); a report in a missing folder was refused only after the
    adapted document had been written, naming a temporary file."""
    terms = tmp_path / "terms.csv"
    terms.write_text("term,replacement\nCWS,DCFS\n")
    source = make_docx(tmp_path / "in.docx", "<w:p><w:r><w:t>CWS</w:t></w:r></w:p>")
    report = {"folder": tmp_path / "reports", "missing folder": tmp_path / "nowhere" / "report.json",
              "pipe": tmp_path / "pipe", "link to a pipe": tmp_path / "link.json"}[where]
    if where == "folder":
        report.mkdir()
    elif where != "missing folder":
        os.mkfifo(tmp_path / "pipe")
        if where == "link to a pipe":
            report.symlink_to(tmp_path / "pipe")
    result = run(["adapt", str(source), "-o", str(tmp_path / "out.docx"), "--terms", str(terms),
                  "--report", str(report)])
    assert result.exit_code == 1 and result.output.strip().count("\n") == 0, result.output
    assert result.output.startswith(f"Error: {report}: ") and ".part" not in result.output
    assert not (tmp_path / "out.docx").exists() and not list(tmp_path.rglob("*.part"))
    if where != "folder" and where != "missing folder":
        assert stat.S_ISFIFO(os.stat(report).st_mode)  # still the pipe it was


def test_a_long_paragraph_is_reported_by_the_text_around_each_change(tmp_path):
    """Each change carries its paragraph before and after: for 2,000 changes in one paragraph
    that made the report grow with the square of them; a long paragraph is now cut to the
    text around each change."""
    terms = tmp_path / "terms.csv"
    terms.write_text("term,replacement\nCWS,Department of Children and Family Services\n")
    source = make_docx(tmp_path / "in.docx", "<w:p><w:r><w:t>" + "CWS and " * 2000 + "the end.</w:t></w:r></w:p>")
    report = tmp_path / "report.json"
    result = run(["adapt", str(source), "-o", str(tmp_path / "out.docx"), "--terms", str(terms),
                  "--report", str(report)])
    assert result.exit_code == 0, result.output
    changes = json.loads(report.read_text())["changes"]
    assert len(changes) == 2000 and report.stat().st_size < 2_000_000
    first, middle = changes[0], changes[1000]
    assert first["before"].startswith("CWS and CWS") and first["before"].endswith("…")
    assert first["after"].startswith("Department of Children and Family Services and Department")
    assert middle["before"].startswith("…") and middle["before"].endswith("…") and len(middle["before"]) < 400
    # after all the paragraph's changes, around the same place
    assert middle["after"].startswith("…") and "CWS" not in middle["after"] and len(middle["after"]) < 700


def test_what_a_county_typed_is_quoted_on_one_line(tmp_path):
    """A cell with a line break, a record separator or a line separator still gives one line."""
    source = make_docx(tmp_path / "in.docx", "<w:p><w:r><w:t>CWS</w:t></w:r></w:p>")
    cases = {"header.csv": '"te\nrm",replacement\nCWS,DCFS\n',
             "control.csv": "term,replacement\nC\x1eWS,DCFS\nsocial\u2028worker,SW\n"}
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = run(["adapt", str(source), "-o", str(tmp_path / "out.docx"), "--terms", str(tmp_path / name)])
        assert result.exit_code == 1
        assert len(result.output.strip().splitlines()) == 1 and name in result.output, result.output
    assert "unknown column 'te\\nrm'" in run(["adapt", str(source), "-o", str(tmp_path / "out.docx"),
                                               "--terms", str(tmp_path / "header.csv")]).output
