"""overlay.toml: every rule with one bad input (no modules needed, so only overlay findings).

The valid overlay of write_overlay() has overlay.toml lines:
1 slug, 2 county, 3 version, 5 [programs.cws], 6 name, 7 short_name, 8 logo, 9 color,
11 [programs.calworks], 12 name, 13 short_name, 15 [[trainers]], 16 name, 17 program,
19 [[trainers]], 20 name, 21 program.
"""

from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image

from tests.unit.formats.conftest import (
    OVERLAYS,
    edit,
    findings,
    library,
    overlay_toml,
    png_bytes,
    write_module,
    write_overlay,
)

TOML = "overlays/alder-county/overlay.toml"


def write_edited(old: str, new: str, slug: str = "alder-county") -> None:
    write_overlay(slug, toml=edit(overlay_toml(slug), old, new))


def test_valid_overlay_has_no_findings():
    write_overlay()
    assert findings() == []


def test_valid_overlay_loads_its_branding_and_trainers():
    write_overlay()
    overlay = library().overlay("alder-county")
    assert overlay.programs["cws"].label == "DCFS"
    assert overlay.programs["cws"].color == "#1F5FA8"
    assert overlay.programs["cws"].logo == OVERLAYS / "alder-county" / "logos" / "dcfs.png"
    assert overlay.programs["calworks"].logo is None
    assert [(t.name, t.program) for t in overlay.trainers] == [("Maria Lopez", "cws"), ("Luis Ortega", "calworks")]
    assert overlay.buildable is True


# --- TOML syntax and keys ----------------------------------------------------------------

def test_broken_toml_names_the_line():
    write_edited('version = "2.1.0"', 'version = 2.1.0"')
    found = findings()
    assert len(found) == 1 and found[0].startswith(f"{TOML}:3: error: is not valid TOML: ")


def test_a_dotted_key_of_a_thousand_parts_is_one_error_not_a_recursion_error():
    write_edited('version = "2.1.0"', 'version = "2.1.0"\n' + ".".join(["a"] * 1000) + " = 1")
    assert findings() == [f"{TOML}: error: 'a.a.a…' nests tables or lists more than 20 deep; "
                          "no field of an overlay or module is"]


def test_missing_required_keys():
    write_edited('county = "Alder County"\nversion = "2.1.0"\n', "")
    assert findings() == [f"{TOML}: error: missing required key 'county'",
                          f"{TOML}: error: missing required key 'version'"]


def test_unknown_key_suggests_the_known_one():
    write_edited('county = "Alder County"', 'countyy = "Alder County"')
    assert findings() == [f"{TOML}: error: missing required key 'county'",
                          f"{TOML}:2: error: unknown key 'countyy' (did you mean 'county'?)"]


def test_unknown_program_table_suggests_the_known_one():
    write_edited("[programs.calworks]", "[programs.calwork]")
    assert findings() == [f"{TOML}:11: error: unknown key 'calwork' in [programs] (did you mean 'calworks'?)"]


def test_unknown_key_in_a_program_table():
    write_edited('short_name = "DCFS"', 'shortname = "DCFS"')
    assert findings() == [f"{TOML}:7: error: unknown key 'shortname' in [programs.cws] "
                          "(did you mean 'short_name'?)"]


# --- values ----------------------------------------------------------------------------------

def test_slug_must_match_folder_name():
    write_overlay("alder-county", toml=overlay_toml("alder"))
    assert findings() == [f"{TOML}:1: error: slug 'alder' does not match the folder name 'alder-county'"]


def test_slug_must_be_lowercase_hyphenated():
    write_overlay("Alder_County", toml=overlay_toml("Alder_County"))
    assert findings() == ["overlays/Alder_County/overlay.toml:1: error: slug 'Alder_County' must be lowercase "
                          "letters, digits and hyphens"]


@pytest.mark.parametrize("version", ["2.1", "2.1.0.0", "two"])
def test_version_must_be_semantic(version):
    write_edited('version = "2.1.0"', f'version = "{version}"')
    assert findings() == [f"{TOML}:3: error: version: '{version}' is not a semantic version like 1.2.0"]


@pytest.mark.parametrize("color", ["blue", "#1F5FA", "1F5FA8", "#1F5FAG"])
def test_color_must_be_hex_rrggbb(color):
    write_edited('color = "#1F5FA8"', f'color = "{color}"')
    assert findings() == [f"{TOML}:9: error: 'programs.cws.color' = '{color}' must be a colour like \"#1F5FA8\""]


def test_empty_program_name():
    write_edited('short_name = "ETA"', 'short_name = " "')
    assert findings() == [f"{TOML}:13: error: 'programs.calworks.short_name' must be non-empty text"]


def test_buildable_must_be_true_or_false():
    write_edited('version = "2.1.0"\n', 'version = "2.1.0"\nbuildable = "no"\n')
    assert findings() == [f"{TOML}:4: error: 'buildable' must be true or false"]


# --- logos -------------------------------------------------------------------------------------

def test_logo_file_missing():
    write_overlay()
    (OVERLAYS / "alder-county" / "logos" / "dcfs.png").unlink()
    assert findings() == [f"{TOML}:8: error: 'programs.cws.logo' names 'logos/dcfs.png', which does not exist"]


def test_logo_that_is_not_an_image():
    write_overlay()
    (OVERLAYS / "alder-county" / "logos" / "dcfs.png").write_text("not a picture")
    assert findings() == [f"{TOML}:8: error: 'programs.cws.logo' = 'logos/dcfs.png': "
                          "logo is not a readable image (PNG, JPEG, GIF or BMP)"]


def test_logo_with_no_pixel_data_at_all():
    """A PNG of a header and an end, no image data: Pillow raised an IndexError reading it,
    which escaped validate (found by flipping, cutting and inserting bytes in logos)."""
    write_overlay()
    (OVERLAYS / "alder-county" / "logos" / "dcfs.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)) + _chunk(b"IEND", b""))
    assert findings() == [f"{TOML}:8: error: 'programs.cws.logo' = 'logos/dcfs.png': "
                          "logo is not a readable image (PNG, JPEG, GIF or BMP)"]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_logo_whose_pixels_are_cut_off():
    """A PNG whose chunks are whole but whose pixel data ends early passes Pillow's verify();
    build then failed drawing it (an internal error). validate now reads the pixels too."""
    write_overlay()
    header = struct.pack(">IIBBBBB", 400, 300, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 100)  # a few bytes of a 400 x 300 picture
    (OVERLAYS / "alder-county" / "logos" / "dcfs.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b""))
    assert findings() == [f"{TOML}:8: error: 'programs.cws.logo' = 'logos/dcfs.png': "
                          "logo is not a readable image (PNG, JPEG, GIF or BMP)"]


def test_a_logo_too_small_to_print_sharp_is_a_warning():
    """A 32 x 32 logo was enlarged to about 1.5 in on the cover and the title slide, blocky."""
    write_overlay()
    (OVERLAYS / "alder-county" / "logos" / "dcfs.png").write_bytes(png_bytes((32, 32)))
    assert findings() == [f"{TOML}:8: warning: 'programs.cws.logo' = 'logos/dcfs.png' is 32x32 pixels: printed on "
                          "the cover and the title slide it looks blocky; use one at least 300 pixels on its longer side"]
    (OVERLAYS / "alder-county" / "logos" / "dcfs.png").write_bytes(png_bytes((150, 40)))
    assert findings() == []


def test_logo_in_a_format_office_cannot_embed():
    write_overlay()
    Image.new("RGB", (8, 8)).save(OVERLAYS / "alder-county" / "logos" / "dcfs.png", "TIFF")
    assert findings() == [f"{TOML}:8: error: 'programs.cws.logo' = 'logos/dcfs.png': "
                          "logo is in TIFF format; use PNG, JPEG, GIF or BMP"]


@pytest.mark.parametrize("value", ["../x.png", "/tmp/x.png"])
def test_logo_outside_the_overlay_folder(value):
    write_edited('logo = "logos/dcfs.png"', f'logo = "{value}"')
    assert findings() == [f"{TOML}:8: error: 'programs.cws.logo' = '{value}' points outside the folder; "
                          "use a path inside it, without '..'"]


# --- trainers ------------------------------------------------------------------------------------

def test_trainer_with_unknown_program():
    write_edited('program = "calworks"', 'program = "eta"')
    assert findings() == [f"{TOML}:21: error: trainer 'Luis Ortega' has program 'eta'; use cws or calworks"]


@pytest.mark.parametrize("key, spelling", [("calworks", "CalWORKs"), ("calworks", "Cal Works"),
                                           ("cws", "Child Welfare"), ("cws", "CWS")])
def test_trainer_program_takes_the_spellings_contacts_take(key, spelling):
    write_edited(f'program = "{key}"', f'program = "{spelling}"')
    assert findings() == []
    assert [t.program for t in library().overlay("alder-county").trainers] == ["cws", "calworks"]


def test_trainer_of_both_programs_is_refused():
    write_edited('program = "calworks"', 'program = "both"')
    assert findings() == [f"{TOML}:21: error: trainer 'Luis Ortega' has program 'both'; use cws or calworks"]


def test_trainer_without_a_name():
    write_edited('name = "Luis Ortega"\n', "")
    assert findings() == [f"{TOML}:19: error: missing required key 'name' in [[trainers]] #2"]


def test_trainer_with_unknown_key_suggests_the_known_one():
    write_edited('name = "Luis Ortega"\n', 'name = "Luis Ortega"\nemial = "lortega@example.org"\n')
    [found] = findings()
    assert found.startswith(f"{TOML}:21: error: unknown key 'emial' in ")  # the table label: see above
    assert found.endswith(" (did you mean 'email'?)")


def test_missing_trainer_for_a_program_is_a_warning():
    write_edited('[[trainers]]\nname = "Luis Ortega"\nprogram = "calworks"\n', "")
    assert findings() == [f"{TOML}: warning: no CalWORKs trainer in [[trainers]]: Linkages sessions are "
                          "co-facilitated by one trainer from each program"]


# --- omit_sections --------------------------------------------------------------------------------

def test_omit_sections_naming_no_optional_section_is_a_warning():
    write_module()
    write_edited('version = "2.1.0"\n', 'version = "2.1.0"\nomit_sections = ["icebreaker-bingo", "trivia"]\n')
    assert findings() == [f"{TOML}:4: warning: omit_sections names 'trivia', which no module declares as "
                          "optional (known: icebreaker-bingo)"]


def test_omit_sections_must_be_a_list_of_names():
    write_edited('version = "2.1.0"\n', 'version = "2.1.0"\nomit_sections = "icebreaker-bingo"\n')
    assert findings() == [f"{TOML}:4: error: 'omit_sections' must be a list of optional section names"]


def test_folder_without_overlay_toml():
    write_overlay()
    (OVERLAYS / "notes").mkdir()
    assert findings() == ["overlays/notes: error: folder has no overlay.toml; every overlay folder needs one"]
