"""`extends`: parents fold into a county's overlay key by key; broken chains are reported."""

from __future__ import annotations

from tests.unit.formats.conftest import OVERLAYS, edit, findings, library, write_overlay

PARENT = """\
slug = "california-statewide"
county = "California (statewide defaults)"
version = "1.0.0"
buildable = false
omit_sections = ["icebreaker-bingo"]

[programs.cws]
name = "Child Welfare Services"
logo = "logos/dcfs.png"

[programs.calworks]
name = "CalWORKs"
short_name = "CalWORKs"

[[trainers]]
name = "State Trainer"
program = "cws"
"""

CHILD = """\
slug = "alder-county"
county = "Alder County"
version = "2.1.0"
extends = "california-statewide"

[programs.cws]
short_name = "DCFS"
color = "#1F5FA8"

[[trainers]]
name = "Maria Lopez"
program = "cws"

[[trainers]]
name = "Luis Ortega"
program = "calworks"
"""

TOML = "overlays/alder-county/overlay.toml"


def write_family(child: str = CHILD, parent: str = PARENT, **child_files) -> None:
    write_overlay("california-statewide", toml=parent, terminology="term,replacement\nCWS,CWS Agency\n"
                  "social worker,caseworker\n", contacts=None, orgchart=None, stories={})
    write_overlay("alder-county", toml=child, **child_files)


def overlay():
    return library().overlay("alder-county")


# --- what is inherited ---------------------------------------------------------------------

def test_valid_parent_and_child_have_no_findings():
    write_family()
    assert findings() == []


def test_program_fields_override_field_by_field():
    write_family()
    cws = overlay().programs["cws"]
    assert (cws.name, cws.short_name, cws.color) == ("Child Welfare Services", "DCFS", "#1F5FA8")


def test_logo_is_relative_to_the_overlay_that_names_it():
    write_family()
    assert overlay().programs["cws"].logo == OVERLAYS / "california-statewide" / "logos" / "dcfs.png"


def test_trainers_and_omit_sections_are_replaced_as_whole_lists():
    write_family(child=edit(CHILD, 'extends = "california-statewide"\n',
                            'extends = "california-statewide"\nomit_sections = []\n'))
    result = overlay()
    assert [t.name for t in result.trainers] == ["Maria Lopez", "Luis Ortega"]
    assert result.omit_sections == ()


def test_omit_sections_are_inherited_when_not_set():
    write_family()
    assert overlay().omit_sections == ("icebreaker-bingo",)


def test_terms_merge_by_term_with_the_child_winning():
    write_family(terminology="term,replacement\nCWS,DCFS\n")
    assert {t.term: t.replacement for t in overlay().terms} == {"CWS": "DCFS", "social worker": "caseworker"}


def test_contacts_merge_by_program_and_role_with_the_child_winning():
    write_family(contacts="program,role,name,title,phone,email\n"
                          "cws,Linkages liaison,Dana Whitfield,Supervisor,555-555-0101,dana@example.org\n")
    (OVERLAYS / "california-statewide" / "contacts.csv").write_text(
        "program,role,name,title,phone,email\n"
        "CWS,Linkages Liaison,State Person,Analyst,555-555-0199,state@example.org\n"
        "calworks,Linkages liaison,Other Person,Analyst,555-555-0198,other@example.org\n")
    assert sorted((c.program, c.name) for c in overlay().contacts) == [
        ("calworks", "Other Person"), ("cws", "Dana Whitfield")]


def test_two_contacts_of_one_program_and_role_in_one_file_are_both_kept():
    write_family(contacts="program,role,name,title,phone,email\n"
                          "cws,Linkages liaison,Dana Whitfield,Supervisor,555-555-0101,dana@example.org\n"
                          "cws,Linkages Liaison ,Omar Haddad,Social Worker,555-555-0102,omar@example.org\n"
                          "calworks,Linkages liaison,Luis Ortega,Supervisor,555-555-0103,luis@example.org\n")
    (OVERLAYS / "california-statewide" / "contacts.csv").write_text(
        "program,role,name,title,phone,email\n"
        "CWS,Linkages Liaison,State Person,Analyst,555-555-0199,state@example.org\n"
        "CWS,Linkages Liaison,State Person Two,Analyst,555-555-0198,state2@example.org\n")
    assert [c.name for c in overlay().contacts] == ["Dana Whitfield", "Omar Haddad", "Luis Ortega"]


def test_an_org_chart_left_empty_in_the_child_leaves_the_parents():
    write_family(orgchart="id,name,title,program,reports_to\n# 100,Example Person,Director,both,\n")
    (OVERLAYS / "california-statewide" / "orgchart.csv").write_text(
        "id,name,title,program,reports_to\n1,Alicia Grant,Director,both,\n2,Ben Okafor,Deputy,cws,1\n")
    assert [person.name for person in overlay().orgchart.people] == ["Alicia Grant", "Ben Okafor"]


def test_stories_merge_by_file_name_with_the_child_winning():
    write_family(stories={"shared.md": "# Child version\nPrograms: CWS\n\nText.\n"})
    stories = OVERLAYS / "california-statewide" / "stories"
    stories.mkdir()
    (stories / "shared.md").write_text("# Parent version\nPrograms: CWS\n\nText.\n")
    (stories / "statewide.md").write_text("# Statewide story\nPrograms: CalWORKs\n\nText.\n")
    assert sorted((s.name, s.title) for s in overlay().stories) == [
        ("shared", "Child version"), ("statewide", "Statewide story")]


def test_orgchart_of_the_child_replaces_the_parents_entirely():
    write_family(orgchart="id,name,title,program,reports_to\n1,Alicia Grant,Director,both,\n")
    (OVERLAYS / "california-statewide" / "orgchart.csv").write_text(
        "id,name,title,program,reports_to\n9,State Director,Director,both,\n10,State Deputy,Deputy,cws,9\n")
    assert [p.name for p in overlay().orgchart.people] == ["Alicia Grant"]


def test_buildable_false_is_not_inherited():
    write_family()
    assert overlay().buildable is True
    assert library().overlay("california-statewide").buildable is False


def test_parent_only_overlay_needs_no_trainers():
    write_family(parent=edit(PARENT, '[[trainers]]\nname = "State Trainer"\nprogram = "cws"\n', ""))
    assert findings() == []


# --- broken chains -------------------------------------------------------------------------

def test_extends_naming_a_missing_overlay():
    write_overlay(toml=CHILD)
    assert findings() == [f"{TOML}:4: error: extends 'california-statewide', but there is no overlay folder "
                          "of that name"]


def test_extends_naming_an_overlay_with_errors_does_not_call_it_missing():
    write_family(parent=edit(PARENT, 'version = "1.0.0"', 'version = "1.0"'))
    found = findings()
    assert "overlays/california-statewide/overlay.toml:3: error: version: '1.0' is not a semantic version " \
           "like 1.2.0" in found
    child = [f for f in found if f.startswith(TOML)]
    assert len(child) == 1 and "california-statewide" in child[0] and "no overlay folder" not in child[0]


def test_extends_cycle():
    write_overlay("alder-county", toml=edit(CHILD, '"california-statewide"', '"cedar-county"'))
    write_overlay("cedar-county", toml=edit(edit(CHILD, '"california-statewide"', '"alder-county"'),
                                            'slug = "alder-county"', 'slug = "cedar-county"'))
    assert findings() == [
        f"{TOML}:4: error: 'extends' forms a cycle: alder-county -> cedar-county -> alder-county",
        "overlays/cedar-county/overlay.toml:4: error: 'extends' forms a cycle: cedar-county -> alder-county "
        "-> cedar-county",
    ]


def test_extends_itself():
    write_overlay(toml=edit(CHILD, '"california-statewide"', '"alder-county"'))
    assert findings() == [f"{TOML}:4: error: 'extends' forms a cycle: alder-county -> alder-county"]


def test_program_name_missing_after_inheritance():
    write_family(parent=edit(PARENT, '[programs.calworks]\nname = "CalWORKs"\n', '[programs.calworks]\n'))
    assert findings() == [
        f"{TOML}: error: no name for the CalWORKs program: add [programs.calworks] name = \"...\" "
        "(here or in a parent overlay)",
        "overlays/california-statewide/overlay.toml:11: error: no name for the CalWORKs program: add "
        "[programs.calworks] name = \"...\" (here or in a parent overlay)",
    ]


def test_program_name_missing_in_an_overlay_without_parent():
    write_overlay(toml=edit(edit(CHILD, 'extends = "california-statewide"\n', ""),
                            'short_name = "DCFS"', 'name = "DCFS"'))
    assert findings() == [f"{TOML}: error: no name for the CalWORKs program: add [programs.calworks] "
                          "name = \"...\" (here or in a parent overlay)"]


def test_error_in_a_parent_file_is_reported_in_the_parent():
    write_family()
    (OVERLAYS / "california-statewide" / "terminology.csv").write_text("term,replacement\nCWS,\n")
    assert "overlays/california-statewide/terminology.csv:2: error: term 'CWS' has an empty replacement" \
        in findings()


def test_extends_is_a_name_never_a_path_outside_the_overlays(tmp_path):
    """'../elsewhere' or '/etc' would read an overlay folder (and print its files' lines in
    messages) from outside the overlays folder."""
    for parent in ("../elsewhere", "/etc", "california-statewide/../../x"):
        write_family(child=edit(CHILD, 'extends = "california-statewide"', f'extends = "{parent}"'))
        assert f"{TOML}:4: error: 'extends' must be the slug of another overlay (a name, not a path)" in findings()
    from curriculum_kit.errors import InputError
    from curriculum_kit.versioning.scaffold import new_overlay
    try:
        new_overlay(OVERLAYS, "birch-county", extends="../overlays/california-statewide")
    except InputError as exc:
        assert "no such overlay" in exc.message
    else:
        raise AssertionError("an --extends path was taken")
    assert not (OVERLAYS / "birch-county").exists()


def test_an_overlay_or_module_folder_that_is_a_link_is_refused(tmp_path):
    """Like a linked file inside an overlay: git stores the link, not the folder."""
    write_family()
    elsewhere = tmp_path / "elsewhere"
    (OVERLAYS / "alder-county").rename(elsewhere)
    (OVERLAYS / "alder-county").symlink_to(elsewhere, target_is_directory=True)
    assert findings() == ["overlays/alder-county: error: is a symbolic link to a folder; curriculum-kit reads only "
                          "overlay folders inside the folder (move or copy the folder here instead of linking to it)"]
