"""`curriculum-kit validate` and `list`: exit codes and the exact lines printed.

Exit 0 when there are only warnings, 1 on any error; library errors are one line
"Error: ..." (never a traceback).
"""

from __future__ import annotations

import io
import json
import zipfile

from tests.fixtures import rewrite_zip, with_appended
from tests.unit.formats.conftest import (
    MODULES,
    OVERLAYS,
    edit,
    module_toml,
    overlay_toml,
    run_cli,
    validate_cli,
    write_module,
    write_overlay,
)

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
GUIDE_RELS = "word/_rels/document.xml.rels"


def zip_entry(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def lines(result) -> list[str]:
    return result.output.splitlines()


def no_traceback(result) -> bool:
    return isinstance(result.exception, SystemExit) and "Traceback" not in result.output


# --- good inputs ---------------------------------------------------------------------------------

def test_valid_module_and_overlay_exit_0():
    write_module()
    write_overlay()
    result = validate_cli()
    assert result.exit_code == 0
    assert len(lines(result)) == 1 and lines(result)[0].startswith("0 errors, 0 warnings (")


def test_valid_modules_and_overlays_summary():
    write_module()
    write_module("case-planning", level="nuts-and-bolts", prerequisites='["intro"]')
    write_overlay()
    write_overlay("cedar-county")
    result = validate_cli()
    assert (result.exit_code, lines(result)) == (0, ["0 errors, 0 warnings (2 modules, 2 overlays checked)"])


def test_summary_uses_singular_for_one():
    write_module()
    write_overlay()
    assert lines(validate_cli()) == ["0 errors, 0 warnings (1 module, 1 overlay checked)"]


def test_only_warnings_exit_0():
    write_overlay(toml=edit(overlay_toml(), '[[trainers]]\nname = "Luis Ortega"\nprogram = "calworks"\n', ""))
    result = validate_cli()
    assert result.exit_code == 0
    assert lines(result)[0] == ("overlays/alder-county/overlay.toml: warning: no CalWORKs trainer in "
                                "[[trainers]]: Linkages sessions are co-facilitated by one trainer from each "
                                "program")
    assert lines(result)[1].startswith("0 errors, 1 warning (")
    assert len(lines(result)) == 2


# --- errors ------------------------------------------------------------------------------------------

def test_module_error_exits_1_and_prints_the_finding():
    write_module(level="expert")
    write_overlay()
    result = validate_cli()
    assert result.exit_code == 1
    assert lines(result)[0] == ("modules/intro/module.toml:4: error: level 'expert' must be one of "
                                "orientation, nuts-and-bolts, advanced")
    assert lines(result)[1].startswith("1 error, 0 warnings (")
    assert len(lines(result)) == 2


def test_a_template_or_macro_enabled_file_must_be_saved_as_a_plain_document():
    """Packets hand trainers .docx/.pptx files; a .dotx or .pptm inside one would not open."""
    folder = write_module()
    write_overlay()
    swaps = {"guide.docx": (b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"),
             "slides.pptx": (b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                             b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")}
    for name, (plain, variant) in swaps.items():
        data = (folder / name).read_bytes()
        types = zip_entry(data, "[Content_Types].xml")
        assert plain in types
        (folder / name).write_bytes(rewrite_zip(data, {"[Content_Types].xml": types.replace(plain, variant)}))
    result = validate_cli()
    assert result.exit_code == 1
    assert lines(result)[:2] == [
        "modules/intro/guide.docx: error: is a Word template (.dotx); open it and save it as a Word Document (.docx)",
        "modules/intro/slides.pptx: error: is a macro-enabled PowerPoint presentation (.pptm); open it and save "
        "it as a PowerPoint Presentation (.pptx)"]


def test_a_part_referring_to_a_missing_part_is_an_error_but_a_link_is_not():
    folder = write_module()
    write_overlay()
    data = (folder / "guide.docx").read_bytes()
    link = f'<Relationship Id="rId91" Target="#_Toc1" Type="{RT}hyperlink"/>'
    (folder / "guide.docx").write_bytes(with_appended(data, {GUIDE_RELS: link}))
    assert validate_cli().exit_code == 0
    image = f'<Relationship Id="rId90" Target="media/gone.png" Type="{RT}image"/>'
    (folder / "guide.docx").write_bytes(with_appended(data, {GUIDE_RELS: image}))
    result = validate_cli()
    assert result.exit_code == 1
    assert lines(result)[0] == ("modules/intro/guide.docx: error: word/document.xml refers (rId90) to "
                                "'word/media/gone.png', a part the file does not have; open it in Word or "
                                "PowerPoint and save it again")


def test_a_part_without_a_content_type_is_an_error():
    """python-docx and python-pptx refuse a file whose [Content_Types].xml gives a part no
    type (Word repairs it): validate names the part, as build would fail on it."""
    folder = write_module()
    write_overlay()
    data = (folder / "guide.docx").read_bytes()
    thumbnail = f'<Relationship Id="rId90" Target="docProps/thumbnail.emz" Type="{RT}metadata/thumbnail"/>'
    (folder / "guide.docx").write_bytes(with_appended(data, {"_rels/.rels": thumbnail},
                                                      {"docProps/thumbnail.emz": "a picture"}))
    result = validate_cli()
    assert result.exit_code == 1
    assert lines(result)[0] == ("modules/intro/guide.docx: error: part 'docProps/thumbnail.emz' has no content "
                                "type in [Content_Types].xml; open it in Word or PowerPoint and save it again")
    typed = '<Default Extension="emz" ContentType="image/x-emz"/>'
    (folder / "guide.docx").write_bytes(with_appended((folder / "guide.docx").read_bytes(),
                                                      {"[Content_Types].xml": typed}))
    assert validate_cli().exit_code == 0


def test_a_deck_listing_a_slide_it_does_not_have_is_an_error_not_a_traceback():
    """The presentation's slide list names a relationship whose part is missing: named as a
    broken reference (reading the deck's text for markers once stopped on it)."""
    folder = write_module()
    write_overlay()
    data = (folder / "slides.pptx").read_bytes()
    presentation = zip_entry(data, "ppt/presentation.xml").decode()
    listed = presentation.replace("</p:sldIdLst>", '<p:sldId id="999" r:id="rId99"/></p:sldIdLst>')
    assert listed != presentation
    gone = f'<Relationship Id="rId99" Target="slides/gone.xml" Type="{RT}slide"/>'
    (folder / "slides.pptx").write_bytes(with_appended(rewrite_zip(data, {"ppt/presentation.xml": listed.encode()}),
                                                       {"ppt/_rels/presentation.xml.rels": gone}))
    result = validate_cli()
    assert result.exit_code == 1 and no_traceback(result), result.output
    assert lines(result)[0] == ("modules/intro/slides.pptx: error: ppt/presentation.xml refers (rId99) to "
                                "'ppt/slides/gone.xml', a part the file does not have; open it in Word or "
                                "PowerPoint and save it again")


def test_a_damaged_part_the_text_engine_would_copy_is_named():
    folder = write_module()
    write_overlay()
    data = (folder / "slides.pptx").read_bytes()
    theme = zip_entry(data, "ppt/theme/theme1.xml")
    (folder / "slides.pptx").write_bytes(rewrite_zip(data, {"ppt/theme/theme1.xml": theme[: len(theme) // 2]}))
    result = validate_cli()
    assert result.exit_code == 1
    assert lines(result)[0].startswith("modules/intro/slides.pptx: error: part 'ppt/theme/theme1.xml' is not "
                                       "well-formed XML (")


def test_a_picture_is_not_parsed_so_an_svg_may_carry_a_doctype():
    """Illustrator writes SVGs with a DOCTYPE; Word stores them as they are."""
    folder = write_module()
    write_overlay()
    svg = ('<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>')
    (folder / "guide.docx").write_bytes(with_appended(
        (folder / "guide.docx").read_bytes(),
        {GUIDE_RELS: f'<Relationship Id="rId90" Target="media/logo.svg" Type="{RT}image"/>',
         "[Content_Types].xml": '<Default Extension="svg" ContentType="image/svg+xml"/>'},
        {"word/media/logo.svg": svg}))
    result = validate_cli()
    assert result.exit_code == 0, result.output


def test_every_finding_is_printed():
    write_module(toml=edit(module_toml(), 'version = "1.0.0"', 'version = "1.0"'))
    write_overlay(toml=edit(overlay_toml(), 'color = "#1F5FA8"', 'color = "blue"'))
    result = validate_cli()
    assert result.exit_code == 1
    assert lines(result)[:2] == [
        "modules/intro/module.toml:3: error: version: '1.0' is not a semantic version like 1.2.0",
        "overlays/alder-county/overlay.toml:9: error: 'programs.cws.color' = 'blue' must be a colour like "
        "\"#1F5FA8\"",
    ]
    assert lines(result)[2].startswith("2 errors, 0 warnings (")


def test_summary_counts_folders_with_errors():
    write_module(level="expert")
    write_module("case-planning", level="expert")
    write_overlay()
    write_overlay("cedar-county")
    assert lines(validate_cli())[-1] == "2 errors, 0 warnings (2 modules, 2 overlays checked)"


def test_json_output():
    write_module(level="expert")
    OVERLAYS.mkdir()
    result = run_cli("validate", "--json", "--modules", "modules", "--overlays", "overlays")
    assert result.exit_code == 1
    assert json.loads(result.output) == {"errors": 1, "warnings": 0, "findings": [
        {"path": "modules/intro/module.toml", "line": 4, "severity": "error",
         "message": "level 'expert' must be one of orientation, nuts-and-bolts, advanced"}]}


def test_missing_modules_folder():
    OVERLAYS.mkdir()
    result = run_cli("validate", "--modules", "base_modulez", "--overlays", "overlays")
    assert result.exit_code == 1 and no_traceback(result)
    assert result.output == "Error: base_modulez: module folder not found (use --modules DIR)\n"


def test_missing_overlays_folder():
    MODULES.mkdir()
    result = run_cli("validate", "--modules", "modules", "--overlays", "county_overlayz")
    assert result.exit_code == 1 and no_traceback(result)
    assert result.output == "Error: county_overlayz: overlay folder not found (use --overlays DIR)\n"


# --- validate SLUG -----------------------------------------------------------------------------

def test_unknown_slug_suggests_the_known_one():
    write_overlay()
    result = validate_cli("alder-countyy")
    assert result.exit_code == 1 and no_traceback(result)
    assert result.output == "Error: no overlay 'alder-countyy' in overlays (did you mean 'alder-county'?)\n"


def test_slug_leaves_out_other_overlays_findings():
    write_overlay()
    write_overlay("cedar-county", toml=edit(overlay_toml("cedar-county"), 'color = "#1F5FA8"', 'color = "blue"'))
    result = validate_cli("alder-county")
    assert result.exit_code == 0
    assert len(lines(result)) == 1 and lines(result)[0].startswith("0 errors, 0 warnings (")


def test_slug_leaves_out_an_overlay_whose_name_starts_the_same():
    write_overlay()
    write_overlay("alder-county-east",
                  toml=edit(overlay_toml("alder-county-east"), 'color = "#1F5FA8"', 'color = "blue"'))
    result = validate_cli("alder-county")
    assert result.exit_code == 0
    assert not [line for line in lines(result) if "alder-county-east" in line]


def test_slug_with_errors_prints_every_finding():
    write_overlay(toml=edit(overlay_toml(), 'color = "#1F5FA8"', 'color = "blue"'))
    (OVERLAYS / "alder-county" / "logos" / "dcfs.png").unlink()
    result = validate_cli("alder-county")
    assert result.exit_code == 1
    assert lines(result)[:2] == [
        "overlays/alder-county/overlay.toml:9: error: 'programs.cws.color' = 'blue' must be a colour like "
        "\"#1F5FA8\"",
        "overlays/alder-county/overlay.toml:8: error: 'programs.cws.logo' names 'logos/dcfs.png', which "
        "does not exist",
    ]
    assert lines(result)[2].startswith("2 errors, 0 warnings (")


# --- list ------------------------------------------------------------------------------------------

def test_list_shows_modules_and_overlays():
    write_module()
    write_overlay()
    result = run_cli("list", "--modules", "modules", "--overlays", "overlays")
    assert result.exit_code == 0
    assert [" ".join(line.split()) for line in lines(result)] == [
        "Modules:", "intro 1.0.0 orientation Linkages Orientation",
        "Overlays:", "alder-county 2.1.0 Alder County",
        "Project file: none (no curriculum-kit.toml here or in a parent folder)",
        "Modules folder: modules (from --modules)", "Overlays folder: overlays (from --overlays)"]


def test_list_mentions_a_broken_overlay_and_exits_0():
    write_module()
    write_overlay(toml=edit(overlay_toml(), 'color = "#1F5FA8"', 'color = "blue"'))
    result = run_cli("list", "--modules", "modules", "--overlays", "overlays")
    assert result.exit_code == 0
    assert lines(result)[-2:] == [
        "overlays/alder-county/overlay.toml:9: error: 'programs.cws.color' = 'blue' must be a colour like \"#1F5FA8\"",
        "Some folders have errors and are not listed; run 'curriculum-kit validate'."]
    assert "alder-county" not in result.stdout
