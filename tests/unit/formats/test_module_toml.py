"""module.toml: every rule with one bad input, reported as ``path[:line]: error: message``.

The valid module of write_module() has module.toml lines:
1 id, 2 title, 3 version, 4 level, 5 prerequisites, 6 duration_minutes, 7 programs,
9 [files], 10 facilitator_guide, 11 slides, 12 handouts, 14 [optional_sections], 15 icebreaker-bingo.
"""

from __future__ import annotations

import pytest

from curriculum_kit.findings import Findings
from curriculum_kit.formats.module import load_module
from tests.fixtures import make_docx
from tests.unit.formats.conftest import MODULES, edit, errors, findings, module_toml, para, write_module

TOML = "modules/intro/module.toml"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def write_edited(old: str, new: str, module_id: str = "intro") -> None:
    write_module(module_id, toml=edit(module_toml(module_id), old, new))


def test_valid_module_has_no_findings():
    write_module()
    assert findings() == []


def test_valid_module_loads_with_its_settings():
    folder = write_module(toml=edit(module_toml(), 'programs = ["cws", "calworks"]\n',
                                    'programs = ["cws", "calworks"]\nrefresh_months = 24\n'
                                    'new_hire_core = true\ndescription = "For catalogs."\n'))
    found = Findings()
    module = load_module(folder, found)
    assert found.items == []
    assert (module.id, str(module.version), module.level, module.duration_minutes) == \
        ("intro", "1.0.0", "orientation", 360)
    assert (module.refresh_months, module.new_hire_core, module.description) == (24, True, "For catalogs.")
    assert module.optional_sections == {"icebreaker-bingo": "Linkages bingo warm-up game (15 minutes)"}
    assert [p.name for p in module.documents] == ["guide.docx", "slides.pptx", "handout.docx"]


# --- TOML syntax and keys ----------------------------------------------------------------

def test_broken_toml_names_the_line():
    write_edited("[files]\n", "[files\n")
    assert errors() == [f"{TOML}:9: error: is not valid TOML: Expected ']' at the end of a table declaration"]


def test_missing_required_key():
    write_edited('title = "Linkages Orientation"\n', "")
    assert findings() == [f"{TOML}: error: missing required key 'title'"]


def test_unknown_key_suggests_the_known_one():
    write_edited('duration_minutes = 360', 'duration_minute = 360')
    assert findings() == [f"{TOML}: error: missing required key 'duration_minutes'",
                          f"{TOML}:6: error: unknown key 'duration_minute' (did you mean 'duration_minutes'?)"]


def test_unknown_key_in_files_table_suggests_the_known_one():
    write_edited('slides = "slides.pptx"', 'slide = "slides.pptx"')
    assert findings() == [f"{TOML}:9: error: missing required key 'slides' in [files]",
                          f"{TOML}:11: error: unknown key 'slide' in [files] (did you mean 'slides'?)"]


# --- values --------------------------------------------------------------------------------

@pytest.mark.parametrize("version", ["1.2", "v1.2.0", "1.02.0"])
def test_version_must_be_semantic(version):
    write_edited('version = "1.0.0"', f'version = "{version}"')
    assert findings() == [f"{TOML}:3: error: version: '{version}' is not a semantic version like 1.2.0"]


def test_id_must_match_folder_name():
    write_module("intro", toml=module_toml("orientation"))
    assert findings() == [f"{TOML}:1: error: id 'orientation' does not match the folder name 'intro'"]


def test_id_must_be_lowercase_hyphenated():
    write_module("Intro_1", toml=module_toml("Intro_1"))
    assert findings() == ["modules/Intro_1/module.toml:1: error: id 'Intro_1' must be lowercase "
                               "letters, digits and hyphens"]


def test_level_must_be_known():
    write_module(level="expert")
    assert findings() == [f"{TOML}:4: error: level 'expert' must be one of orientation, "
                               "nuts-and-bolts, advanced"]


@pytest.mark.parametrize("value, shown", [("0", "0"), ("-30", "-30"), ('"6 hours"', "'6 hours'"),
                                          ("90.5", "90.5"), ("true", "True"), ("10081", "10081")])
def test_duration_must_be_a_positive_whole_number(value, shown):
    write_edited("duration_minutes = 360", f"duration_minutes = {value}")
    assert findings() == [f"{TOML}:6: error: 'duration_minutes' must be a whole number from 1 to 10,080, not {shown}"]


@pytest.mark.parametrize("value, shown", [('["cws", "foster-care"]', "['cws', 'foster-care']"),
                                          ("[]", "[]"), ('"cws"', "'cws'")])
def test_programs_must_list_known_programs(value, shown):
    write_edited('programs = ["cws", "calworks"]', f"programs = {value}")
    assert findings() == [f"{TOML}:7: error: 'programs' must list one or both of cws, calworks, not {shown}"]


def test_refresh_months_must_be_a_whole_number():
    write_edited('programs = ["cws", "calworks"]\n', 'programs = ["cws", "calworks"]\nrefresh_months = "24"\n')
    assert findings() == [f"{TOML}:8: error: 'refresh_months' must be a whole number from 1 to 120, not '24'"]


@pytest.mark.parametrize("value, shown", [("0", "0"), ("-6", "-6"), ("12.5", "12.5"), ("true", "True"),
                                          ("100000", "100000")])  # past the calendar's year 9999
def test_refresh_months_must_be_above_zero_and_at_most_ten_years(value, shown):
    write_edited('programs = ["cws", "calworks"]\n', f'programs = ["cws", "calworks"]\nrefresh_months = {value}\n')
    assert findings() == [f"{TOML}:8: error: 'refresh_months' must be a whole number from 1 to 120, not {shown}"]


@pytest.mark.parametrize("typo, known", [("refresh_month = 24", "refresh_months"),
                                         ("new_hire = true", "new_hire_core")])
def test_misspelt_planning_keys_suggest_the_known_one(typo, known):
    write_edited('programs = ["cws", "calworks"]\n', f'programs = ["cws", "calworks"]\n{typo}\n')
    assert findings() == [f"{TOML}:8: error: unknown key '{typo.split()[0]}' (did you mean '{known}'?)"]


def test_new_hire_core_module_cannot_require_a_module_outside_the_core():
    write_module("intro")
    write_module("case-planning", level="nuts-and-bolts", prerequisites='["intro"]',
                 toml=edit(module_toml("case-planning", level="nuts-and-bolts", prerequisites='["intro"]'),
                           'programs = ["cws", "calworks"]\n', 'programs = ["cws", "calworks"]\nnew_hire_core = true\n'))
    assert findings() == ["modules/case-planning/module.toml:5: error: module 'case-planning' is new-hire core but "
                          "requires 'intro', which is not (set new_hire_core = true in intro/module.toml, or drop "
                          "the prerequisite)"]


def test_new_hire_core_must_be_true_or_false():
    write_edited('programs = ["cws", "calworks"]\n', 'programs = ["cws", "calworks"]\nnew_hire_core = "yes"\n')
    assert findings() == [f"{TOML}:8: error: 'new_hire_core' must be true or false"]


def test_optional_section_name_must_be_lowercase_hyphenated():
    write_edited("icebreaker-bingo =", "Icebreaker_Bingo =")
    assert findings() == [f"{TOML}:15: error: optional section 'Icebreaker_Bingo' needs a "
                               "lowercase-hyphenated name and a description in quotes"]


def test_optional_section_needs_a_description_in_quotes():
    write_edited('icebreaker-bingo = "Linkages bingo warm-up game (15 minutes)"', "icebreaker-bingo = 15")
    assert findings() == [f"{TOML}:15: error: optional section 'icebreaker-bingo' needs a "
                               "lowercase-hyphenated name and a description in quotes"]


# --- files -----------------------------------------------------------------------------------

def test_file_that_does_not_exist():
    write_module()
    (MODULES / "intro" / "guide.docx").unlink()
    assert findings() == [f"{TOML}:10: error: 'files.facilitator_guide' names 'guide.docx', "
                               "which does not exist"]


@pytest.mark.parametrize("value", ["../guide.docx", "/tmp/guide.docx", "..\\\\guide.docx"])
def test_file_outside_the_module_folder(value):
    write_edited('facilitator_guide = "guide.docx"', f'facilitator_guide = "{value}"')
    shown = value.replace("\\\\", "\\")
    assert findings() == [f"{TOML}:10: error: 'files.facilitator_guide' = '{shown}' points outside "
                               "the folder; use a path inside it, without '..'"]


def test_handouts_are_a_list():
    write_edited('handouts = ["handout.docx"]', 'handouts = "handout.docx"')
    assert findings() == [f"{TOML}:12: error: 'files.handouts' must be a list of .docx files (or left out)"]


@pytest.mark.parametrize("line", ["handouts = []", ""])
def test_a_module_may_have_no_handouts(line):
    """The academy publishes some modules as a guide and a deck only."""
    write_edited('handouts = ["handout.docx"]', line)
    assert findings() == []


def test_slides_must_have_a_pptx_name():
    write_edited('slides = "slides.pptx"', 'slides = "slides.docx"')
    make_docx(MODULES / "intro" / "slides.docx", para("Agenda"))
    assert findings() == [f"{TOML}:11: error: 'files.slides' = 'slides.docx' must be a .pptx file"]


def test_guide_that_is_a_text_file_renamed_docx():
    write_module()
    (MODULES / "intro" / "guide.docx").write_text("Facilitator guide, typed in Notepad")
    assert errors() == ["modules/intro/guide.docx: error: is not a Word or PowerPoint file (.docx/.pptx "
                        "files are zip archives)"]


def test_guide_that_is_a_legacy_word_97_file():
    write_module()
    (MODULES / "intro" / "guide.docx").write_bytes(OLE + b"\0" * 600 + "WordDocument".encode("utf-16-le"))
    assert errors() == ["modules/intro/guide.docx: error: is a legacy binary Office file (Word 97-2003 .doc "
                        "or PowerPoint .ppt); open it and save it as .docx or .pptx"]


def test_guide_that_is_empty():
    write_module()
    (MODULES / "intro" / "guide.docx").write_bytes(b"")
    assert errors() == ["modules/intro/guide.docx: error: is empty (0 bytes)"]


def test_slides_that_are_a_word_file():
    write_module()
    make_docx(MODULES / "intro" / "slides.pptx", para("Agenda"))
    assert errors() == ["modules/intro/slides.pptx: error: is a Word file, but module.toml lists it as a "
                        "PowerPoint file"]


def test_guide_that_is_a_powerpoint_file():
    write_module()
    (MODULES / "intro" / "guide.docx").write_bytes((MODULES / "intro" / "slides.pptx").read_bytes())
    assert errors() == ["modules/intro/guide.docx: error: is a PowerPoint file, but module.toml lists it as a "
                        "Word file"]


# --- prerequisites -----------------------------------------------------------------------------

def test_unknown_prerequisite():
    write_module(prerequisites='["linkages-basics"]')
    assert findings() == [f"{TOML}:5: error: prerequisite 'linkages-basics' is not a module in modules"]


def test_module_cannot_require_itself():
    write_module(prerequisites='["intro"]')
    assert findings() == [f"{TOML}:5: error: module 'intro' lists itself as a prerequisite"]


def test_prerequisite_cycle_is_reported_once():
    write_module("alpha", prerequisites='["beta"]')
    write_module("beta", prerequisites='["alpha"]')
    assert findings() == ["modules/alpha/module.toml:5: error: prerequisites form a cycle: "
                               "alpha -> beta -> alpha"]


def test_module_cannot_require_a_higher_level_module():
    write_module("case-planning", level="nuts-and-bolts", prerequisites='["joint-staffing"]')
    write_module("joint-staffing", level="advanced")
    assert findings() == ["modules/case-planning/module.toml:5: error: a nuts-and-bolts module cannot "
                               "require 'joint-staffing', which is advanced (training goes from orientation "
                               "to nuts-and-bolts to advanced)"]


def test_higher_level_message_reads_an_orientation_module():
    write_module("intro", prerequisites='["case-planning"]')
    write_module("case-planning", level="nuts-and-bolts")
    assert findings() == [f"{TOML}:5: error: an orientation module cannot require 'case-planning', "
                               "which is nuts-and-bolts (training goes from orientation to nuts-and-bolts "
                               "to advanced)"]


def test_module_may_require_a_lower_level_module():
    write_module("intro")
    write_module("case-planning", level="nuts-and-bolts", prerequisites='["intro"]')
    assert findings() == []


def test_folder_without_module_toml():
    write_module()
    (MODULES / "notes").mkdir()
    assert errors()[0] == "modules/notes: error: folder has no module.toml; every module folder needs one"


# --- the schedule: start_time and [[agenda]] ---------------------------------------------

AGENDA = ('\n[[agenda]]\ntitle = "Segment 1: Welcome"\nminutes = 300\n'
          '\n[[agenda]]\ntitle = "Lunch: time to connect"\nminutes = 60\nkind = "lunch"\n')


def test_a_schedule_that_fills_the_session_loads():
    folder = write_module(toml=edit(module_toml(), 'programs = ["cws", "calworks"]\n',
                                    'programs = ["cws", "calworks"]\nstart_time = "8:30"\n') + AGENDA)
    found = Findings()
    module = load_module(folder, found)
    assert found.items == [] and module.start_time == (8, 30)
    assert [(row.title, row.minutes, row.kind) for row in module.agenda] == [
        ("Segment 1: Welcome", 300, "segment"), ("Lunch: time to connect", 60, "lunch")]


@pytest.mark.parametrize("agenda, message", [
    (AGENDA.replace("300", "290"), "the agenda adds up to 350 minutes, but duration_minutes is 360"),
    (AGENDA.replace('"lunch"', '"nap"'), "agenda row 2 ('Lunch: time to connect') has kind 'nap'; use one of "
                                         "segment, break, lunch"),
    (AGENDA.replace("minutes = 60", "minutes = 0"), "agenda row 2 ('Lunch: time to connect') needs minutes above 0"),
])
def test_a_schedule_that_does_not_add_up_is_an_error(agenda, message):
    write_module(toml=module_toml() + agenda)
    assert [e.split(": error: ")[1] for e in errors()] == [message]


def test_a_start_time_that_is_not_a_time_is_an_error():
    write_edited('programs = ["cws", "calworks"]\n', 'programs = ["cws", "calworks"]\nstart_time = "9am"\n')
    assert errors() == [f"{TOML}:8: error: 'start_time' must be a 24-hour time such as \"9:00\" or \"13:30\", "
                        "not '9am'"]
