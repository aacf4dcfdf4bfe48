"""Counties version their overlays, end to end through the CLI, in real git repositories.

Each test works in a copy of the samples committed to a fresh repository (tag 'samples'),
from its root, so printed paths are short and the full output can be asserted.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.acceptance.conftest import run
from tests.gitrepo import change_alder, change_module, commit_all, git, needs_git, replace_line, sample_repo, tree_state

pytestmark = needs_git

ALDER = Path("county_overlays/alder-county")
DIFF_TEXT = """\
alder-county 2.0.0 -> 2.1.0 (from alder-county@samples to alder-county@alder-2.1.0)

Terminology
  changed   "hotline": replacement "Child Protection Hotline" -> "Child Abuse Hotline"
Contacts
  changed   Family Reunification (Child Welfare Services): phone "(707) 555-0112 x214" -> "(707) 555-0140"
Org chart
  moved     Rachel Stein: now reports to Keisha Morrow (was Dana Whitfield)

3 changes. Version check passed: 2.0.0 -> 2.1.0 is a minor bump, and terminology and org chart changes need \
at least a minor bump.
"""


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    root = sample_repo(tmp_path / "county-training")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def released(repo) -> Path:
    """Alder County 2.1.0 committed and tagged after the samples."""
    change_alder(repo)
    commit_all(repo, "Alder County 2.1.0", tag="alder-2.1.0", day="2026-03-02")
    return repo


def untouched(repo: Path):
    """A check that nothing in the folder or in git's state changed since it was made."""
    before = (tree_state(repo), git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD"))
    return lambda: (tree_state(repo), git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD")) == before


# --- overlay new --------------------------------------------------------------------------

def test_overlay_new_scaffolds_a_folder_whose_validate_names_what_to_fill_in(repo):
    result = run(["overlay", "new", "juniper-county", "--extends", "california-statewide"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Created county_overlays/juniper-county: README.md, contacts.csv, logos/, orgchart.csv, overlay.toml, "
        "stories/, terminology.csv\n"
        "Fill in what says TODO (see README.md there), then run 'curriculum-kit validate juniper-county'.\n")
    checked = run(["validate", "juniper-county"])
    assert checked.exit_code == 1, checked.output  # build would stop at each of these errors
    folder = "county_overlays/juniper-county"
    orgchart = (f"{folder}/orgchart.csv: error: module '{{}}' places the county's org chart, but orgchart.csv lists "
                "no one; add a row for each person (see docs/formats.md)")
    assert checked.output.splitlines() == [
        f"{folder}/overlay.toml: warning: no Child Welfare Services trainer in [[trainers]]: Linkages sessions are "
        "co-facilitated by one trainer from each program",
        f"{folder}/overlay.toml: warning: no CalWORKs trainer in [[trainers]]: Linkages sessions are co-facilitated "
        "by one trainer from each program",
        orgchart.format("coordinated-case-planning"),
        orgchart.format("families-experiencing-homelessness"),
        orgchart.format("linkages-orientation"),
        f"{folder}/overlay.toml:10: error: 'programs.cws.name' is still a placeholder: 'TODO: full name of the "
        "county's child welfare agency'",
        f"{folder}/overlay.toml:16: error: 'programs.calworks.name' is still a placeholder: 'TODO: full name of the "
        "county's CalWORKs agency'",
        "5 errors, 2 warnings (4 modules, 1 overlay checked)"]


def test_overlay_new_repeats_the_overlays_option_in_its_hint(repo):
    (repo / "county_overlays").rename(repo / "my overlays")
    result = run(["overlay", "new", "juniper-county", "--overlays", "my overlays"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == ("Fill in what says TODO (see README.md there), then run "
                                              "'curriculum-kit validate juniper-county --overlays 'my overlays''.")
    checked = run(["validate", "juniper-county", "--overlays", "my overlays"])  # found there; its TODOs are errors
    assert (checked.exit_code, checked.output.splitlines()[-1]) == (1, "11 errors, 2 warnings (4 modules, 1 overlay checked)")


def test_overlay_new_xlsx_scaffolds_a_workbook_to_type_into(repo):
    import openpyxl

    result = run(["overlay", "new", "juniper-county", "--xlsx"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == ("Created county_overlays/juniper-county: README.md, logos/, "
                                             "overlay.toml, overlay.xlsx, stories/")
    book = openpyxl.load_workbook(repo / ALDER.parent / "juniper-county" / "overlay.xlsx")
    assert book.sheetnames == ["Terminology", "Contacts", "Org chart"]
    contacts = book["Contacts"]
    assert [c.value for c in contacts[1]] == ["program", "role", "name", "title", "phone", "email", "location", "notes"]
    assert contacts.freeze_panes == "A2" and contacts["A1"].font.b
    assert contacts.column_dimensions["E"].width == 22
    [choices] = contacts.data_validations.dataValidation
    assert (choices.type, choices.formula1, str(choices.sqref)) == ("list", '"cws,calworks,both"', "A2:A2000")
    [cases] = book["Terminology"].data_validations.dataValidation
    assert cases.formula1 == '"auto,exact"' and str(cases.sqref) == "C2:C2000"
    assert str(book["Org chart"].data_validations.dataValidation[0].sqref) == "D2:D2000"
    assert "The lists are the sheets of `overlay.xlsx`" in (repo / ALDER.parent / "juniper-county" / "README.md").read_text()
    checked = run(["validate", "juniper-county"])
    assert checked.exit_code == 1  # build would stop at what is still to fill in, so validate names it
    assert checked.output.endswith("11 errors, 2 warnings (4 modules, 1 overlay checked)\n")


def test_overlay_new_never_overwrites(repo):
    check = untouched(repo)
    result = run(["overlay", "new", "alder-county"])
    assert (result.exit_code, result.output) == (1, "Error: county_overlays/alder-county: already exists; "
                                                    "curriculum-kit never overwrites an overlay (choose another "
                                                    "name, or delete the folder first)\n")
    assert check()


# --- overlay diff -------------------------------------------------------------------------

def test_diff_between_two_tags_lists_each_change_and_passes_the_bump_check(released):
    check = untouched(released)
    result = run(["overlay", "diff", "alder-county@samples", "alder-county@alder-2.1.0"])
    assert (result.exit_code, result.output) == (0, DIFF_TEXT)
    assert check()


def test_diff_json(released):
    result = run(["overlay", "diff", "alder-county@samples", "alder-county@alder-2.1.0", "--json"])
    data = json.loads(result.output)
    assert result.exit_code == 0
    assert data["old"] == {"overlay": "alder-county@samples", "version": "2.0.0"}
    assert data["new"] == {"overlay": "alder-county@alder-2.1.0", "version": "2.1.0"}
    assert data["date"] == "2026-03-02"
    assert [(c["group"], c["action"], c["subject"], c["needs"]) for c in data["changes"]] == [
        ("terms", "changed", '"hotline"', "minor"),
        ("contacts", "changed", "Family Reunification (Child Welfare Services)", "patch"),
        ("orgchart", "moved", "Rachel Stein", "minor")]
    assert data["bump"] == {"kind": "minor", "needed": "minor", "adequate": True,
                            "message": DIFF_TEXT.splitlines()[-1].removeprefix("3 changes. ")}


def test_diff_changelog_is_dated_by_the_new_commit(released):
    result = run(["overlay", "diff", "alder-county@samples", "alder-county@alder-2.1.0", "--changelog"])
    assert (result.exit_code, result.output) == (0, """\
## [2.1.0] - 2026-03-02

### Changed
- Terminology: "hotline": replacement "Child Protection Hotline" -> "Child Abuse Hotline"
- Contacts: Family Reunification (Child Welfare Services): phone "(707) 555-0112 x214" -> "(707) 555-0140"
- Org chart: Rachel Stein: now reports to Keisha Morrow (was Dana Whitfield)
""")


@pytest.mark.parametrize("version, exit_code, verdict", [
    ("2.0.1", 1, "Version check failed: terminology and org chart changes need at least a minor bump (to 2.1.0 "
                 "or higher), but 2.0.0 -> 2.0.1 is only a patch bump."),
    ("2.0.0", 1, "Version check failed: terminology and org chart changes need at least a minor bump (to 2.1.0 "
                 "or higher), but the version is still 2.0.0."),
    ("1.9.0", 1, "Version check failed: the version went down (2.0.0 -> 1.9.0); a new version must be higher."),
    ("3.0.0", 0, "Version check passed: 2.0.0 -> 3.0.0 is a major bump, and terminology and org chart changes "
                 "need at least a minor bump."),
])
def test_the_bump_check_decides_the_exit_code(repo, version, exit_code, verdict):
    change_alder(repo, version=version)  # the working folder against the tag
    result = run(["overlay", "diff", "alder-county@samples", "county_overlays/alder-county"])
    assert result.exit_code == exit_code
    assert result.output.splitlines()[-1] == f"3 changes. {verdict}"
    changelog = run(["overlay", "diff", "alder-county@samples", "alder-county", "--changelog"])
    assert changelog.exit_code == exit_code
    assert changelog.stderr == ("" if exit_code == 0 else verdict + "\n")


def test_contacts_only_needs_a_patch_bump_and_no_change_needs_none(repo):
    replace_line(repo / ALDER / "contacts.csv", "cws,Family Reunification,",
                 "cws,Family Reunification,Keisha Morrow,Social Work Supervisor II,(707) 555-0140,"
                 "kmorrow@alder.example.org,\"Redbank Regional Office, 40 Orchard Lane\",")
    result = run(["overlay", "diff", "alder-county@samples", "alder-county"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == ("1 change. Version check failed: contacts changes need at least a "
                                              "patch bump (to 2.0.1 or higher), but the version is still 2.0.0.")
    replace_line(repo / ALDER / "overlay.toml", "version =", 'version = "2.0.1"')
    assert run(["overlay", "diff", "alder-county@samples", "alder-county"]).exit_code == 0
    same = run(["overlay", "diff", "alder-county@samples", "alder-county@HEAD"])
    assert (same.exit_code, same.output.splitlines()[-2:]) == (
        0, ["No changes.", "0 changes. Version check passed: nothing here needs a new version."])


def test_diff_of_a_parent_change_and_a_new_parent_version(repo):
    replace_line(repo / "county_overlays/california-statewide/overlay.toml", "version =", 'version = "1.2.0"')
    commit_all(repo, "Statewide 1.2.0", tag="statewide-1.2.0")
    result = run(["overlay", "diff", "alder-county@samples", "alder-county@statewide-1.2.0"])
    assert result.exit_code == 0
    assert result.output.splitlines()[2:4] == [
        "Parent overlay",
        "  changed   california-statewide: 1.1.0 -> 1.2.0 (inherited changes; the parent's own version covers them)"]


@pytest.mark.parametrize("args, message", [
    (["alder-county@v9", "alder-county"],
     "Error: unknown git ref 'v9' (not a commit, tag or branch of this repository)\n"),
    (["alder-county@sample", "alder-county"], "Error: unknown git ref 'sample' (did you mean 'samples'?)\n"),
    (["alder-county@--all", "alder-county"], "Error: '--all' is not a git ref (a commit, tag or branch)\n"),
    (["alder-county@", "alder-county"], "Error: '' is not a git ref (a commit, tag or branch)\n"),
    (["base_modules/linkages-orientation", "alder-county"],
     "Error: base_modules/linkages-orientation: is not an overlay folder (no overlay.toml)\n"),
    (["alder-county@samples", "county_overlays/nowhere"], "Error: county_overlays/nowhere: folder not found\n"),
])
def test_bad_diff_arguments_are_one_line_errors(released, args, message):
    check = untouched(released)
    result = run(["overlay", "diff", *args])
    assert (result.exit_code, result.output) == (1, message)
    assert check()


def test_an_overlay_that_did_not_exist_at_a_ref(repo):
    assert run(["overlay", "new", "juniper-county"]).exit_code == 0
    commit_all(repo, "Juniper County starts")
    result = run(["overlay", "diff", "juniper-county@samples", "juniper-county"])
    commit = git(repo, "rev-parse", "--short=7", "samples").strip()
    assert (result.exit_code, result.output) == (
        1, f"Error: there is no overlay county_overlays/juniper-county at 'samples' (commit {commit})\n")


def test_diff_outside_a_repository(tmp_path, monkeypatch):
    shutil.copytree(Path(__file__).parents[2] / "county_overlays", tmp_path / "county_overlays")
    monkeypatch.chdir(tmp_path)
    result = run(["overlay", "diff", "alder-county@HEAD", "alder-county"])
    assert (result.exit_code, result.output) == (
        1, "Error: county_overlays/alder-county: is not in a git repository, so 'alder-county@HEAD' cannot be "
           "read; compare two folders instead\n")


# --- lock and build -----------------------------------------------------------------------

def test_lock_writes_a_stable_lock_and_locking_again_changes_nothing(repo):
    result = run(["lock", "alder-county"])
    assert (result.exit_code, result.output) == (0, """\
county_overlays/alder-county/modules.lock written: 4 modules locked
  new        coordinated-case-planning 2.0.1
  new        families-experiencing-homelessness 1.0.0
  new        linkages-orientation 1.2.0
  new        supportive-services 1.0.0
""")
    text = (repo / ALDER / "modules.lock").read_text()
    assert text.startswith("# written by curriculum-kit lock; do not edit\n")
    assert text.count("locked = 2026-01-01\n") == 4
    assert sorted(p.name for p in (repo / ALDER / ".lock").iterdir()) == [
        "coordinated-case-planning.json", "families-experiencing-homelessness.json", "linkages-orientation.json",
        "supportive-services.json"]
    check = untouched(repo)
    again = run(["lock", "alder-county"], epoch="1770000000")  # a later day: unchanged entries keep theirs
    assert again.output.splitlines()[1] == "  unchanged  coordinated-case-planning 2.0.1 (locked 2026-01-01)"
    assert check()


def test_a_hand_edited_lock_is_an_error_with_its_line(repo):
    run(["lock", "alder-county"])
    lock = repo / ALDER / "modules.lock"
    lock.write_text(lock.read_text().replace('sha256 = "', 'sha256 = "x', 1))
    result = run(["outdated", "alder-county"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: county_overlays/alder-county/modules.lock:6: sha256 'x")
    assert result.output.endswith("is not a SHA-256 hash (64 lowercase hexadecimal digits); modules.lock is "
                                  "written by 'curriculum-kit lock': do not edit it, run the command again "
                                  "(delete the file first to lock every module afresh)\n")
    lock.write_text("[modules.linkages-orientation\n")
    assert run(["lock", "alder-county"]).output.startswith(
        "Error: county_overlays/alder-county/modules.lock:1: is not valid TOML: ")


def test_build_warns_about_a_changed_module_and_fails_with_locked(repo, tmp_path):
    run(["lock", "alder-county"])
    change_module(repo)
    problem = ("county_overlays/alder-county/modules.lock: locks linkages-orientation 1.2.0, but the module is "
               "now 1.3.0; review it with 'curriculum-kit outdated alder-county', then run 'curriculum-kit lock "
               "alder-county'")
    args = ["build", "--module", "linkages-orientation", "--county", "alder-county", "--county",
            "cypress-valley-county", "--no-pdf", "--jobs", "1", "--out", str(tmp_path / "dist")]
    warned = run(args)
    assert warned.exit_code == 0, warned.output
    assert f"(warning: {problem})" in warned.output.splitlines()[0]
    assert "warning" not in warned.output.splitlines()[1]  # cypress-valley-county has no lock
    locked = run(args + ["--locked"])
    assert locked.exit_code == 1
    assert locked.output.splitlines()[0] == f"FAILED alder-county/linkages-orientation: {problem}"
    assert locked.output.splitlines()[1].startswith("up to date cypress-valley-county/linkages-orientation")
    alone = run(args[:5] + ["--no-pdf", "--jobs", "1", "--out", str(tmp_path / "dist"), "--locked"])
    assert alone.exit_code == 1  # alder-county alone: nothing was made, so nothing was checked
    assert "0 built, 0 up to date, 1 failed; preflight: nothing checked -> " in alone.output, alone.output
    run(["lock", "alder-county", "--module", "linkages-orientation"])
    assert run(args + ["--locked"]).exit_code == 0


# --- outdated -----------------------------------------------------------------------------

def test_outdated_reports_what_a_new_module_version_means_for_the_county(repo):
    run(["lock", "alder-county"])
    change_module(repo)
    check = untouched(repo)
    result = run(["outdated"])
    assert (result.exit_code, result.output) == (0, """\
alder-county (county_overlays/alder-county/modules.lock): 1 module to review
  coordinated-case-planning 2.0.1: current (locked 2026-01-01)
  families-experiencing-homelessness 1.0.0: current (locked 2026-01-01)
  linkages-orientation: 1.2.0 -> 1.3.0 (locked 2026-01-01)
    Documents
      facilitator-guide.docx: changed, 21 -> 22 pages
      handout-roles-at-a-glance.docx: re-saved, 1 page
      slides.pptx: re-saved, 20 slides
    Your terms (occurrences in the module)
      no longer found  "county welfare department"  3 -> 0
    Generic wording you do not map, now more often (consider a terminology row)
      "CFT"  10 -> 12
    To adopt it: review the packets, then run 'curriculum-kit lock alder-county --module linkages-orientation'
  supportive-services 1.0.0: current (locked 2026-01-01)
""")
    data = json.loads(run(["outdated", "alder-county", "--json"]).output)
    changed = data["counties"][0]["modules"][2]
    assert (changed["locked_version"], changed["version"], changed["terms"], changed["generic"]) == (
        "1.2.0", "1.3.0", [{"name": "county welfare department", "before": 3, "after": 0}],
        [{"name": "CFT", "before": 10, "after": 12}])
    assert check()


def test_outdated_without_the_old_module_files(repo):
    """The snapshot is all `outdated` needs: the old module is gone from the working folder
    and from git (a fresh repository holding only the current files)."""
    run(["lock", "alder-county"])
    change_module(repo)
    shutil.rmtree(repo / ".git")
    result = run(["outdated", "alder-county"])
    assert result.exit_code == 0
    assert '      no longer found  "county welfare department"  3 -> 0' in result.output.splitlines()


def test_a_module_deleted_upstream_while_locked(repo):
    run(["lock", "alder-county"])
    shutil.rmtree(repo / "base_modules" / "families-experiencing-homelessness")
    check = untouched(repo)
    result = run(["outdated"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2] == (
        "  families-experiencing-homelessness 1.0.0: locked on 2026-01-01 but no longer published (not in the "
        "modules folder); run 'curriculum-kit lock alder-county' to drop it from the lock")
    assert result.stderr == ("Error: alder-county locks families-experiencing-homelessness, which is no longer "
                             "published\n")
    assert check()
    assert run(["lock", "alder-county"]).output.splitlines()[2] == (
        "  dropped    families-experiencing-homelessness 1.0.0 (no longer published; removed from the lock)")
    assert not (repo / ALDER / ".lock" / "families-experiencing-homelessness.json").exists()
    assert run(["outdated"]).exit_code == 0


def test_outdated_for_a_county_without_a_lock(repo):
    result = run(["outdated", "cypress-valley-county"])
    assert (result.exit_code, result.output) == (
        1, "Error: county_overlays/cypress-valley-county: has no modules.lock; run 'curriculum-kit lock "
           "cypress-valley-county' first\n")


# --- coverage -----------------------------------------------------------------------------

def test_coverage_lists_dead_rows_and_candidates(repo):
    check = untouched(repo)
    result = run(["coverage", "alder-county", "--module", "linkages-orientation"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:3] == ["alder-county: terminology coverage in linkages-orientation", "",
                         "Rows never found in the module (5): check the spelling, or delete them"]
    assert lines[3] == ('  county_overlays/alder-county/terminology.csv:23  "Linkages coordinators" -> '
                        '"Linkages Program Coordinators"')
    assert lines[9:12] == [
        "Words you may want to map (5), most frequent first",
        "    10  \"CFT\" (acronym; mapped by cypress-valley-county)",
        "        e.g. \"…it in plain words' and add every acronym either program uses during the day: CWS, WTW, "
        "CFT, HSP and the rest.\""]
    data = json.loads(run(["coverage", "alder-county", "--json"]).output)
    assert [row["term"] for row in data["dead"]] == [
        "Linkages coordinators", "Juvenile Court", "Cal-Learn", "Linkages case conference", "Differential Response"]
    assert check()
