"""Hostile and broken county data, as an attacker or a careless user would try it: each
gives one line naming the file, never a traceback, never lost data, never a file from
outside. ``run`` lets any exception through, so a traceback fails the test."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from curriculum_kit.errors import display_path
from curriculum_kit.formats.library import Library
from curriculum_kit.pipeline import BuildOptions, build
from tests.acceptance.conftest import EPOCH, build_args, run
from tests.conftest import REPO

MODULE = "linkages-orientation"
SLUG = "cypress-valley-county"
LINK = ("is a symbolic link; curriculum-kit reads only regular files inside the folder "
        "(copy the file here instead of linking to it)")


@pytest.fixture
def root(samples, tmp_path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(samples, copy)
    return copy


def folder_args(root: Path) -> list[str]:
    return ["--modules", str(root / "base_modules"), "--overlays", str(root / "county_overlays")]


def overlay(root: Path, slug: str = SLUG) -> Path:
    return root / "county_overlays" / slug


def validate_lines(root: Path, slug: str = SLUG) -> list[str]:
    result = run(["validate", slug, *folder_args(root)])
    return [line for line in result.output.splitlines() if ": error: " in line]


def build_one(root: Path, *extra: str):
    return run(build_args(root, root / "dist", "--no-pdf", "--jobs", "1", "--county", SLUG, "--module", MODULE,
                          *extra))


def shown(path: Path) -> str:
    return display_path(path)


# 1. Text fields -------------------------------------------------------------------------

def test_control_character_in_a_contact_is_an_error_naming_file_line_and_column(root):
    path = overlay(root) / "contacts.csv"
    lines = path.read_text().split("\n")
    line = next(i for i, text in enumerate(lines) if i and text and not text.startswith("#"))
    name = lines[line].split(",")[2]
    path.write_text(path.read_text().replace(name, name.replace(" ", "\x0b", 1), 1))
    message = (f"{shown(path)}:{line + 1}: column 'name' ('{name.replace(' ', chr(92) + 'x0b', 1)}') contains the "
               "control character U+000B, which a Word or PowerPoint file cannot hold")
    assert validate_lines(root) == [message.replace(f":{line + 1}: ", f":{line + 1}: error: ", 1)]
    result = build_one(root)
    assert result.exit_code == 1
    assert f"FAILED {SLUG}: {message}" in result.output


@pytest.mark.parametrize(("key", "value"), [("county", "Cypress\\u0000Valley"),
                                            ("county", "C" * 300)])
def test_county_name_that_no_document_can_hold(root, key, value):
    path = overlay(root) / "overlay.toml"
    text = path.read_text()
    start = text.index(f"\n{key} = ") + 1
    end = text.index("\n", start)
    path.write_text(text[:start] + f'{key} = "{value}"' + text[end:])
    line = text[:start].count("\n") + 1
    problem = ("contains the control character U+0000, which a Word or PowerPoint file cannot hold"
               if "\\u" in value else "is 300 characters long; at most 255 fit")
    assert validate_lines(root) == [f"{shown(path)}:{line}: error: '{key}' {problem}"]


def test_control_character_in_a_trainer_and_an_org_chart_name(root):
    path = overlay(root) / "overlay.toml"
    text = path.read_text()
    first_trainer = text.index("[[trainers]]")
    name_at = text.index("name = ", first_trainer)
    path.write_text(text[:name_at] + 'name = "Ana\\u0001Ruiz"\n' + text[text.index("\n", name_at) + 1:])
    line = text[:name_at].count("\n") + 1
    assert validate_lines(root) == [f"{shown(path)}:{line}: error: 'trainers.0.name' contains the control "
                                    "character U+0001, which a Word or PowerPoint file cannot hold"]
    path.write_text(text)
    chart = overlay(root) / "orgchart.csv"
    rows = chart.read_text().splitlines()
    rows[1] = rows[1].replace(rows[1].split(",")[1], "Bad\x1fName", 1)
    chart.write_text("\n".join(rows) + "\n")
    assert validate_lines(root) == [f"{shown(chart)}:2: error: column 'name' ('Bad\\x1fName') contains the control "
                                    "character U+001F, which a Word or PowerPoint file cannot hold"]


def test_an_overlay_name_too_long_for_a_file_name(root):
    slug = "c" * 230
    shutil.copytree(overlay(root), overlay(root, slug))
    path = overlay(root, slug) / "overlay.toml"
    path.write_text(path.read_text().replace(f'slug = "{SLUG}"', f'slug = "{slug}"'))
    assert validate_lines(root, slug) == [f"{shown(path)}:3: error: slug is 230 characters long; at most 60 fit "
                                          "in the packets' file names"]
    result = run(build_args(root, root / "dist", "--no-pdf", "--county", slug))
    assert result.exit_code == 1 and f"FAILED {slug}: " in result.output
    assert not (root / "dist" / slug).exists()


def test_org_chart_limits_are_what_a_box_and_a_packet_hold(root):
    chart = overlay(root) / "orgchart.csv"
    chart.write_text("id,name,title,program,reports_to\n1,Ana Root," + "Supervisor " * 8 + ",both,\n")
    assert validate_lines(root) == [f"{shown(chart)}:2: error: title 'Supervisor Supervisor Supervis…' is 87 "
                                    "characters long; an org chart box holds a title of at most 80 (abbreviate it)"]
    people = ["id,name,title,program,reports_to", "1,Root,Director,both,"]
    people += [f"{i},Person {i},Worker,cws,1" for i in range(2, 2002)]
    chart.write_text("\n".join(people) + "\n")
    assert validate_lines(root) == [f"{shown(chart)}:2002: error: has more than 2,000 rows; an org chart (the units "
                                    "and managers staff call, not every employee) may have at most 2,000"]


def test_toml_nested_beyond_any_parser_is_an_error(root):
    path = overlay(root) / "overlay.toml"
    path.write_text(path.read_text() + "deep = " + "[" * 5000 + "]" * 5000 + "\n")
    assert validate_lines(root) == [f"{shown(path)}: error: is not valid TOML: arrays or tables nest too deeply"]


def test_a_huge_story_is_refused_and_a_long_one_is_a_warning(root):
    story = overlay(root) / "stories" / "long.md"
    story.write_text("# Long\nPrograms: CWS\n\n" + "The family met both programs. " * 4000)
    assert validate_lines(root) == [f"{shown(story)}: error: is 118 KB; a story may be at most 100 KB"]
    story.write_text("# Long\nPrograms: CWS\n\n" + "The family met both programs. " * 300)
    result = run(["validate", SLUG, *folder_args(root)])
    assert f"{shown(story)}: warning: story is 8,999 characters, about 7 slides in the deck; a story is told " \
           "in one to 4: shorten it or split it into several stories" in result.output
    built = build_one(root)
    assert built.exit_code == 0 and "(warning: long.md: story is 8,999 characters" in built.output


def test_a_sentence_taller_than_a_slide_is_cut_between_lines(root):
    story = overlay(root) / "stories" / "run-on.md"
    story.write_text("# Run on\nPrograms: CWS\n\n" + " and then".join(["the family met"] * 300) + "\n")
    assert build_one(root).exit_code == 0


# 2. Files ----------------------------------------------------------------------------------

def test_a_story_linked_to_a_file_outside_is_refused(root, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\nPrograms: CWS\n\nSalaries of everyone.\n")
    (overlay(root) / "stories" / "leak.md").symlink_to(secret)
    assert validate_lines(root) == [f"{shown(overlay(root) / 'stories' / 'leak.md')}: error: {LINK}"]
    result = build_one(root)
    assert result.exit_code == 1 and "Salaries" not in result.output


def test_links_to_devices_and_folders_and_a_fifo_never_hang_or_leak(root, tmp_path):
    folder = overlay(root)
    (folder / "stories" / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(folder / "stories" / "pipe.md")
    assert validate_lines(root) == [f"{shown(folder / 'stories' / 'pipe.md')}: error: is a named pipe (FIFO), "
                                    "not a regular file",
                                    f"{shown(folder / 'stories' / 'zero.md')}: error: {LINK}"]
    for name in ("zero.md", "pipe.md"):
        (folder / "stories" / name).unlink()
    shutil.move(folder / "stories", tmp_path / "stories")
    (folder / "stories").symlink_to(tmp_path / "stories")
    assert validate_lines(root) == [f"{shown(folder / 'stories')}: error: is a symbolic link to a folder; "
                                    "curriculum-kit reads only regular files inside the folder (copy the file "
                                    "here instead of linking to it)"]


def test_a_logo_through_a_linked_folder_is_refused(root, tmp_path):
    folder = overlay(root)
    shutil.move(folder / "logos", tmp_path / "logos")
    (folder / "logos").symlink_to(tmp_path / "logos")
    lines = validate_lines(root)
    assert lines and all(f"'logos' {LINK}" in line for line in lines)


def test_attendance_refuses_a_device(root):
    result = run(["attendance", "/dev/zero", *folder_args(root)])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: /dev/zero: is a device, not a regular file"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_snapshot_holding_a_symlink_is_refused_like_a_folder(root):
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                       check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "one")
    (overlay(root) / "stories" / "leak.md").symlink_to("/etc/passwd")
    (overlay(root) / "escape").symlink_to("../../../../../../..")
    git("add", "-A")
    git("commit", "-qm", "two")
    result = run(["overlay", "diff", f"{SLUG}@HEAD~1", f"{SLUG}@HEAD", "--overlays", str(root / "county_overlays")])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: HEAD:county_overlays/{SLUG}/stories/leak.md: {LINK}")


# 3. Outputs -----------------------------------------------------------------------------

def test_adapt_never_writes_over_an_input_or_into_the_overlays(root, tmp_path):
    guide = tmp_path / "guide.docx"
    shutil.copy(root / "base_modules" / MODULE / "facilitator-guide.docx", guide)
    terms = overlay(root) / "terminology.csv"
    handout = next((root / "base_modules" / MODULE).glob("handout*.docx"))
    before = {path: path.read_bytes() for path in (guide, terms, handout)}
    out = tmp_path / "out.docx"
    base = ["adapt", str(guide), "--county", SLUG, "--overlays", str(root / "county_overlays")]
    cases = {
        ("-o", str(out), "--report", str(guide)): (guide, "--report is INPUT; curriculum-kit never modifies "
                                                   "its input, write to another file"),
        ("-o", str(out), "--report", str(terms)): (terms, f"--report lies inside {shown(root / 'county_overlays')}, "
                                                   "which curriculum-kit only reads; write it elsewhere"),
        ("-o", str(out), "--report", str(tmp_path / "x" / ".." / "out.docx")): (
            tmp_path / "x" / ".." / "out.docx", "--report is the same file as OUTPUT; name two different files"),
        ("-o", str(tmp_path / "t.csv"), "--terms", str(tmp_path / "t.csv")): None,
        # a base module's own document, overwritten by an adapted copy of another file
        ("-o", str(handout),): (handout, f"OUTPUT lies inside {shown(handout.parent)}, which curriculum-kit only "
                                "reads; write it elsewhere"),
    }
    (tmp_path / "t.csv").write_text("term,replacement\nCWS,DCFS\n")
    for extra, expected in cases.items():
        result = run([*base, *extra])
        assert result.exit_code == 1, result.output
        if expected:
            assert result.output.strip() == f"Error: {shown(expected[0])}: {expected[1]}"
    assert {path: path.read_bytes() for path in (guide, terms, handout)} == before
    assert not out.exists()
    os.link(guide, tmp_path / "same.docx")
    result = run([*base, "-o", str(tmp_path / "same.docx")])
    assert result.exit_code == 1 and "OUTPUT is INPUT" in result.output


def test_an_input_that_cannot_be_read_is_one_line_naming_it(root, tmp_path):
    """click refused an unreadable INPUT itself: a usage error over four lines, exit 2."""
    guide = tmp_path / "guide.docx"
    shutil.copy(root / "base_modules" / MODULE / "facilitator-guide.docx", guide)
    guide.chmod(0)
    # root reads any file: take away the capability that lets it, when running as root
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    if drop and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux): every file is readable")
    result = subprocess.run([*drop, sys.executable, "-m", "curriculum_kit", "adapt", str(guide), "-o",
                             str(tmp_path / "out.docx"), "--terms", str(overlay(root) / "terminology.csv")],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Error: {guide}: cannot be read (Permission denied)\n"


@pytest.mark.parametrize("inside", ["base_modules", "county_overlays", f"county_overlays/{SLUG}/dist"])
def test_no_command_writes_into_the_folders_it_reads(root, inside):
    target = root / inside
    for args in (["build", "--no-pdf", "--out", str(target)],
                 ["plan", SLUG, "--year", "2027", "--out", str(target)],
                 ["attendance", str(REPO / "samples" / "signins-alder-county.csv"), "--out", str(target)]):
        result = run([*args, *folder_args(root)])
        assert result.exit_code == 1, result.output
        assert result.output.strip() == (f"Error: {shown(target)}: --out lies inside "
                                         f"{shown(root / inside.split('/')[0])}, which curriculum-kit only reads; "
                                         "write it elsewhere")


def test_attendance_never_writes_over_its_sign_in_file(root, tmp_path):
    signins = tmp_path / "sessions.csv"
    shutil.copy(REPO / "samples" / "signins-alder-county.csv", signins)
    before = signins.read_bytes()
    result = run(["attendance", str(signins), "--as-of", "2027-12-31", "--out", str(tmp_path), *folder_args(root)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {shown(signins)}: the output sessions.csv is SIGNINS.csv; "
                                     "curriculum-kit never modifies its input, write to another file")
    assert signins.read_bytes() == before


# 4. CSV written for spreadsheets -----------------------------------------------------------

def test_formula_cells_in_every_csv_are_neutralised(root, tmp_path):
    path = overlay(root) / "overlay.toml"
    text = path.read_text()
    first_trainer = text.index("[[trainers]]")
    name_at = text.index("name = ", first_trainer)
    path.write_text(text[:name_at] + 'name = "=HYPERLINK(\\"http://evil.example\\")"\n'
                    + text[text.index("\n", name_at) + 1:])
    out = tmp_path / "plan"
    assert run(["plan", SLUG, "--year", "2027", "--out", str(out), *folder_args(root)]).exit_code == 0
    cells = [cell for row in csv.reader((out / f"plan-{SLUG}-2027.csv").read_text("utf-8-sig").splitlines())
             for cell in row]
    assert "'=HYPERLINK(\"http://evil.example\")" in cells
    signins = tmp_path / "signins.csv"
    signins.write_text("name,program,module,date,session\n"
                       "=HYPERLINK(\"http://x\"),CWS,linkages-orientation,2027-03-09,=cmd|' /C calc'!A0\n"
                       "@Bob,CalWORKs,linkages-orientation,2027-03-09,-S1\n")
    report = tmp_path / "attendance"
    assert run(["attendance", str(signins), "--as-of", "2027-06-30", "--out", str(report),
                *folder_args(root)]).exit_code == 0
    for name in ("sessions.csv", "people.csv", "refreshers.csv"):
        for row in csv.reader((report / name).read_text("utf-8-sig").splitlines()):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), (name, row)
    people = (report / "people.csv").read_text("utf-8-sig")
    assert "'=HYPERLINK(\"\"http://x\"\")" in people and "'@Bob" in people


# 5. Processes ------------------------------------------------------------------------------

class _Unpicklable(Exception):
    """Like lxml's errors carrying an _ListErrorLog: cannot travel back from a worker."""

    def __init__(self) -> None:
        super().__init__("cannot travel")
        self.log = lambda: None

    def __reduce__(self):
        raise TypeError("cannot pickle '_ListErrorLog' object")


def test_one_county_surprise_never_stops_the_others_and_index_names_it(root, monkeypatch):
    import curriculum_kit.packets as packets  # where the build finds it (imported when a county is built)

    real = packets.county_documents

    def documents(overlay_, stamp):
        if overlay_.slug == SLUG:
            raise _Unpicklable()
        return real(overlay_, stamp)

    out = root / "dist"
    assert run(build_args(root, out, "--no-pdf", "--jobs", "1", "--module", MODULE)).exit_code == 0
    monkeypatch.setattr(packets, "county_documents", documents)
    options = BuildOptions(out=out, jobs=2, modules=(MODULE,), epoch=int(EPOCH) + 86400)  # every pair stale
    outcomes = build(Library.load(root / "base_modules", root / "county_overlays"), options, lambda o: None)
    failed = [o for o in outcomes if o.status == "failed"]
    assert [(o.county, o.message) for o in failed] == [
        (SLUG, "internal error while building (_Unpicklable: cannot travel)")]
    assert sum(o.status == "built" for o in outcomes) == 2
    pages = "".join(page.read_text() for page in out.rglob("*.html"))
    assert (out / "index.html").is_file()
    assert "Last build failed" in pages and "_Unpicklable: cannot travel" in pages


def test_a_killed_build_leaves_no_worker_and_the_next_build_removes_its_part_files(root):
    out = root / "dist"
    command = [sys.executable, "-m", "curriculum_kit", *build_args(root, out, "--no-pdf", "--jobs", "2")]
    build_process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while not workers and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = _children(build_process.pid)
    assert workers, "the build started no worker"
    time.sleep(1.0)
    build_process.kill()
    build_process.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)
    stale = out / SLUG / MODULE / ".left-behind.zip.abc123.part"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"half a zip")
    result = run(build_args(root, out, "--no-pdf", "--jobs", "1", "--module", MODULE))
    assert result.exit_code == 0, result.output
    assert not list(out.glob(f"*/{MODULE}/.*.part")) and not list(out.glob(".*.part"))


def _children(parent: int) -> list[int]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat_file.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie waiting for a parent that no longer reaps."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


# 6. Everything reported --------------------------------------------------------------------

def test_a_module_with_an_error_fails_by_name(root):
    path = root / "base_modules" / "coordinated-case-planning" / "module.toml"
    path.write_text(path.read_text().replace('level = "nuts-and-bolts"', 'level = "expert"'))
    result = run(build_args(root, root / "dist", "--no-pdf", "--county", SLUG))
    assert result.exit_code == 1
    assert (f"FAILED coordinated-case-planning: {shown(path)}:4: level 'expert' must be one of orientation, "
            "nuts-and-bolts, advanced") in result.output


def test_build_of_a_county_with_an_error_shows_that_error(root):
    path = overlay(root) / "overlay.toml"
    path.write_text(path.read_text().replace('extends = "california-statewide"', 'extends = "california-statwide"'))
    result = run(build_args(root, root / "dist", "--no-pdf", "--county", SLUG))
    assert result.exit_code == 1
    assert (f"FAILED {SLUG}: {shown(path)}:6: extends 'california-statwide', but there is no overlay folder of "
            "that name (did you mean 'california-statewide'?)") in result.output
    assert (root / "dist" / "index.html").is_file()


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-06-30"])
def test_as_of_outside_the_years_people_train(root, as_of):
    result = run(["attendance", str(REPO / "samples" / "signins-alder-county.csv"), "--as-of", as_of,
                  *folder_args(root)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: --as-of {as_of}: use a date between 1900 and 2100"


def test_sign_in_dates_outside_the_years_are_reported(root, tmp_path):
    signins = tmp_path / "s.csv"
    signins.write_text("name,program,module,date,hire_date\n"
                       "Ana,CWS,linkages-orientation,2027-03-09,0001-06-30\n"
                       "Bob,CalWORKs,linkages-orientation,0001-03-09,\n")
    result = run(["attendance", str(signins), "--as-of", "2027-06-30", "--out", str(tmp_path / "a"),
                  *folder_args(root)])
    assert result.exit_code == 0
    assert (f"{shown(signins)}:2: warning: hire_date 0001-06-30 is not between 1900 and 2100 (a typo in the "
            "year?); the hire date is ignored") in result.output
    assert (f"{shown(signins)}:3: warning: date 0001-03-09 is not between 1900 and 2100 (a typo in the year?); "
            "row not counted") in result.output


def test_overlay_new_escapes_what_it_writes(root):
    result = run(["overlay", "new", "evil", "--county", 'Evil\nbuildable = false\n# "x" \\',
                  "--overlays", str(root / "county_overlays")])
    assert result.exit_code == 0, result.output
    import tomllib

    data = tomllib.loads((overlay(root, "evil") / "overlay.toml").read_text())
    assert "buildable" not in data
    assert data["county"] == 'Evil\nbuildable = false\n# "x" \\'
    refused = run(["overlay", "new", "evil2", "--county", "Evil\x00", "--overlays", str(root / "county_overlays")])
    assert refused.exit_code == 1
    assert refused.output.strip() == ("Error: --county: the county's name contains the control character U+0000, "
                                      "which a Word or PowerPoint file cannot hold")


def test_a_killed_adapt_leaves_no_half_written_file(tmp_path):
    """`timeout` and schedulers stop a command with SIGTERM: the file being written goes too."""
    from tests.fixtures import make_docx

    body = "".join(f"<w:p><w:r><w:t>The CWS social worker, paragraph {n}</w:t></w:r></w:p>" for n in range(150_000))
    source = make_docx(tmp_path / "long.docx", body)
    terms = tmp_path / "terms.csv"
    terms.write_text("term,replacement\nCWS,DCFS\n")
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "curriculum_kit", "adapt", str(source), "-o",
                                str(out / "long.docx"), "--terms", str(terms)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(out.iterdir()) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)  # until the output's temporary file exists
    process.terminate()
    process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("adapt finished before it could be stopped")
    assert process.returncode == 143 and list(out.iterdir()) == []
