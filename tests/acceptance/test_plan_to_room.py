"""From the plan to the room, end to end on the samples: plan -> edit the plan CSV -> plan --from
-> build --plan -> attendance --plan, as the README walks a staff developer through it."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pptx
import pytest

from tests.acceptance.conftest import run
from tests.acceptance.test_plan_edits import edit_plan
from tests.conftest import REPO

SLUG, YEAR = "alder-county", 2027
PLAN = f"plan-{SLUG}-{YEAR}"
CSV = f"{PLAN}/{PLAN}.csv"
FIRST, MOVED = "2027-core1-linkages-orientation", "2027-core2-linkages-orientation"


@pytest.fixture(scope="module")
def walked(tmp_path_factory) -> Path:
    """The walk-through done once in a copy of the samples: the second cohort's orientation moved
    to April 9 in room two with another trainer, the November refresher cancelled."""
    root = tmp_path_factory.mktemp("room")
    for folder in ("base_modules", "county_overlays", "samples"):
        shutil.copytree(REPO / folder, root / folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        assert run(["plan", SLUG, "--year", str(YEAR)]).exit_code == 0
        edit_plan(Path(CSV), Path(CSV), {
            MOVED: {"date": "4/9/2027", "room": "Eastside Family Resource Center", "calworks_trainer": "Luis Ortega"},
            "2027-ref1-families-experiencing-homelessness": {"status": "cancelled"}})
        for args in (["plan", SLUG, "--year", str(YEAR), "--from", CSV],
                     ["build", "--plan", CSV, "--no-pdf", "--session", FIRST],
                     ["build", "--plan", CSV, "--no-pdf", "--session", MOVED]):
            result = run(args)
            assert result.exit_code == 0, (args, result.output)
    return root


def packet(root: Path, session: str, role: str = "facilitator") -> dict[str, bytes]:
    folder = root / "dist" / SLUG / "sessions" / session
    with zipfile.ZipFile(next(folder.glob(f"*_{role}_*.zip"))) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join([p.text for p in document.paragraphs] + [document.sections[0].footer.paragraphs[0].text])


def test_session_packets_carry_the_edited_session(walked):
    moved = packet(walked, MOVED)
    assert sorted(p.name for p in (walked / "dist" / SLUG / "sessions" / MOVED).iterdir()) == [
        f"{SLUG}_{MOVED}_facilitator_module-1.3.0_overlay-2.1.0.zip",
        f"{SLUG}_{MOVED}_participant-calworks_module-1.3.0_overlay-2.1.0.zip",
        f"{SLUG}_{MOVED}_participant-cws_module-1.3.0_overlay-2.1.0.zip", "manifest.json", "review.html"]
    review = (walked / "dist" / SLUG / "sessions" / MOVED / "review.html")
    back = re.findall(r'<nav><a href="([^"]+)">.*?<a href="([^"]+)">', review.read_text())[0]
    assert [(review.parent / href).resolve() for href in back] == [
        (walked / "dist" / SLUG / "index.html").resolve(), (walked / "dist" / "index.html").resolve()]
    assert all((review.parent / href).is_file() for href in back)
    cover = text(moved["facilitator-guide.docx"])
    for line in ("Friday, April 9, 2027 · 9:00 AM – 3:00 PM",
                 "Eastside Family Resource Center, 455 Cedar Avenue, Alder, CA 95503",
                 "Co-facilitators: Maria Lopez (DCFS) and Luis Ortega (ETA)", f"Session {MOVED}"):
        assert line in cover.splitlines(), line
    slide = pptx.Presentation(io.BytesIO(moved["slides.pptx"])).slides[0]
    slide_text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Friday, April 9, 2027 · 9:00 AM – 3:00 PM" in slide_text and "Luis Ortega (ETA)" in slide_text
    signin = text(moved["sign-in-sheet.docx"])
    assert (f"Session: {MOVED}      Date: Friday, April 9, 2027      Location: Eastside Family Resource Center, "
            "455 Cedar Avenue, Alder, CA 95503") in signin
    assert f"session: {MOVED}" in signin
    assert f"Session: {MOVED}" in text(moved["evaluation-form.docx"])
    agenda = docx.Document(io.BytesIO(moved["agenda.docx"]))
    assert agenda.tables[0].rows[-1].cells[0].text.endswith("3:00 PM")
    manifest = json.loads((walked / "dist" / SLUG / "sessions" / MOVED / "manifest.json").read_text())
    assert manifest["session"] == {"id": MOVED, "date": "2027-04-09", "start": "09:00", "end": "15:00",
                                   "room": "Eastside Family Resource Center",
                                   "location": "Eastside Family Resource Center, 455 Cedar Avenue, Alder, CA 95503",
                                   "co_facilitators": ["Maria Lopez", "Luis Ortega"]}
    participant = packet(walked, MOVED, "participant-cws")
    assert "Date: Friday, April 9, 2027      Location: Eastside Family Resource Center" in text(participant["agenda.docx"])


def test_the_catalog_lists_upcoming_sessions_with_their_packets(walked):
    page = (walked / "dist" / "index.html").read_text(encoding="utf-8")
    assert "Upcoming sessions" in page
    assert page.index(FIRST) < page.index(MOVED)  # by date
    assert f'href="{SLUG}/sessions/{MOVED}/{SLUG}_{MOVED}_facilitator_module-1.3.0_overlay-2.1.0.zip"' in page


def test_a_session_packet_is_rebuilt_only_when_its_row_changes(walked, monkeypatch):
    monkeypatch.chdir(walked)
    again = run(["build", "--plan", CSV, "--no-pdf", "--session", FIRST])
    assert again.output.splitlines()[0] == f"up to date {SLUG}/{FIRST}"
    before = {p.name: p.read_bytes() for p in (walked / "dist" / SLUG / "sessions" / MOVED).iterdir()}
    edit_plan(Path(CSV), Path("room-change.csv"), {FIRST: {"room": "Eastside Family Resource Center"}})
    moved_again = run(["build", "--plan", "room-change.csv", "--county", SLUG, "--no-pdf", "--session", MOVED])
    assert moved_again.output.splitlines()[0] == f"up to date {SLUG}/{MOVED}"  # its own row did not change
    first_again = run(["build", "--plan", "room-change.csv", "--county", SLUG, "--no-pdf", "--session", FIRST])
    assert first_again.output.splitlines()[0].startswith(f"built {SLUG}/{FIRST}: ")
    assert {p.name: p.read_bytes() for p in (walked / "dist" / SLUG / "sessions" / MOVED).iterdir()} == before
    assert "Eastside Family Resource Center" in text(packet(walked, FIRST)["sign-in-sheet.docx"])


def test_an_invalid_plan_builds_nothing(walked, monkeypatch, tmp_path):
    monkeypatch.chdir(walked)
    edit_plan(Path(CSV), Path("saturday.csv"), {FIRST: {"date": "1/9/2027"}})
    result = run(["build", "--plan", "saturday.csv", "--county", SLUG, "--no-pdf", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == "Error: saturday.csv:2: 2027-01-09 is a Saturday; sessions are held on working days\n"
    assert not (tmp_path / "out").exists()


def test_session_packets_are_reproducible(walked, tmp_path, monkeypatch):
    monkeypatch.chdir(walked)
    assert run(["build", "--plan", CSV, "--no-pdf", "--session", MOVED, "--out", str(tmp_path)]).exit_code == 0
    ours = tmp_path / SLUG / "sessions" / MOVED
    theirs = walked / "dist" / SLUG / "sessions" / MOVED
    assert {p.name: p.read_bytes() for p in ours.glob("*.zip")} == {p.name: p.read_bytes() for p in theirs.glob("*.zip")}


def test_attendance_against_the_plan(walked, monkeypatch):
    monkeypatch.chdir(walked)
    result = run(["attendance", "samples/signins-alder-county-2027.csv", "--plan", CSV, "--as-of", "4/15/2027"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Against the plan")))
    assert lines[start:start + 7] == [
        "Against the plan: 13 planned sessions, 4 with sign-ins, 1 without, 8 upcoming; 1 session signed in that "
        "is not on the plan",
        "  no sign-ins: 2027-ref1-linkages-orientation (2027-02-22)",
        "  not on the plan: 2027-03-23 linkages-orientation (session 'makeup-march'): 7 sign-ins, "
        "lines 32, 33, 34, 35, 36, 37, 38",
        "  2027-seq1-supportive-services: only DCFS staff attended",
        "  2027-core1-coordinated-case-planning: co-facilitated by Terrence Oduya + Hannah Kessler (planned "
        "Terrence Oduya + Luis Ortega)",
        f"  {MOVED}: co-facilitated by Maria Lopez + Hannah Kessler (planned Maria Lopez + Luis Ortega)",
        "Co-facilitated: Maria Lopez + Hannah Kessler 2, Maria Lopez + Luis Ortega 1, Terrence Oduya + Hannah "
        "Kessler 1"]
    data = json.loads((walked / "attendance-alder-county-2027-04-15" / "attendance.json").read_text())
    first = next(s for s in data["plan"]["sessions"] if s["session"] == FIRST)
    assert (first["cws"], first["calworks"], first["status"]) == (6, 5, "held")  # trainers are not attendees
    rows = list(csv.DictReader(io.StringIO(
        (walked / "attendance-alder-county-2027-04-15" / "plan-sessions.csv").read_text(encoding="utf-8-sig"))))
    assert [r["status"] for r in rows].count("not on the plan") == 1
    assert rows[0]["DCFS co-facilitator signed in"] == "Maria Lopez"
    page = (walked / "attendance-alder-county-2027-04-15" / "attendance-summary.html").read_text(encoding="utf-8")
    assert ('<h2>The plan: sessions to follow up (5)</h2>' in page
            and '<td class="when">2027-03-23</td><td>makeup-march</td><td>not on the plan (7 sign-ins)</td>' in page)


@pytest.mark.parametrize("args, error", [
    (["build", "--plan", "nowhere.csv", "--county", SLUG], "Error: nowhere.csv: file not found"),
    (["build", "--plan", CSV, "--session", "2027-core9-linkages-orientation"],
     f"Error: {CSV}: has no session '2027-core9-linkages-orientation' (did you mean "
     "'2027-core4-linkages-orientation'?)"),
    (["build", "--session", FIRST], "Error: --session needs --plan PLAN.csv"),
    (["build", "--plan", "edited.csv"], "Error: edited.csv: cannot tell which county this plan is for; say it with "
                                        "--county SLUG"),
    (["attendance", "samples/signins-alder-county-2027.csv", "--as-of", "13/45/2027"],
     "Error: Invalid value for '--as-of': '13/45/2027' is not a date (write 2027-03-02 or 3/2/2027)"),
])
def test_bad_plan_options_are_one_line(walked, monkeypatch, args, error):
    monkeypatch.chdir(walked)
    result = run(args)
    assert result.exit_code in (1, 2)
    assert result.output.splitlines()[-1] == error


def test_the_whole_plan_then_a_cancellation(walked, monkeypatch):
    monkeypatch.chdir(walked)
    first = run(["build", "--plan", CSV, "--no-pdf", "--out", "full"])
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1] == "13 built, 0 up to date, 0 failed; preflight: no findings -> full/index.html"
    edit_plan(Path(CSV), Path("cancelled.csv"), {MOVED: {"status": "cancelled"}})
    again = run(["build", "--plan", "cancelled.csv", "--county", SLUG, "--no-pdf", "--out", "full"])
    assert again.output.splitlines()[-1] == ("0 built, 12 up to date, 0 failed (no document work needed); preflight: no findings -> "
                                             "full/index.html")
    assert sorted(p.name for p in (walked / "full" / SLUG / "sessions").iterdir()) == sorted(
        line.split(",")[0] for line in Path(CSV).read_text(encoding="utf-8-sig").splitlines()[1:]
        if ",cancelled," not in line and not line.startswith(MOVED))
    assert MOVED not in (walked / "full" / "index.html").read_text(encoding="utf-8")
