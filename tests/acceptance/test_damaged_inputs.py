"""Seeded damage to every kind of input a county or the academy hands the tool: each command
ends with exit 0 or 1 and no traceback, and build fails no module as an internal error.

The damage is what files meet on the way (an attribute rewritten, an element dropped or
doubled, bytes flipped, cut or inserted); the seeds are fixed, so a failure replays. Wider
runs of the same mutations found the faults these guard (see the commits that name them).
"""

from __future__ import annotations

import copy
import io
import random
import shutil
import traceback
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree
from PIL import Image

from curriculum_kit.cli import main
from curriculum_kit.errors import InputError
from curriculum_kit.formats.images import check_image
from tests.conftest import REPO

MODULE = "supportive-services"
VALUES = ["", "x", "-1", "1e999", "NaN", "rId999", "../../x.xml", "\u00b2", "true"]


def _mutated_xml(data: bytes, rng: random.Random) -> bytes:
    """The document with a few XML parts damaged: attributes rewritten, elements dropped,
    doubled or given other text."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if n.endswith((".xml", ".rels"))]
    targets = set(rng.sample(names, min(len(names), rng.randint(1, 3))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename in targets:
                root = etree.fromstring(body)
                for _ in range(rng.randint(1, 10)):
                    element = rng.choice(list(root.iter()))
                    parent, roll = element.getparent(), rng.random()
                    if roll < 0.55 and element.attrib:
                        element.set(rng.choice(list(element.attrib)), rng.choice(VALUES))
                    elif roll < 0.7 and parent is not None:
                        parent.remove(element)
                    elif roll < 0.8 and parent is not None:
                        element.addnext(copy.deepcopy(element))
                    else:
                        element.text = rng.choice(["", "TODO", "{{ck:", "the the", None])
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, body)
    return out.getvalue()


def _damaged_bytes(data: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at, roll = rng.randrange(len(damaged)), rng.random()
        if roll < 0.6:
            damaged[at] = rng.randrange(256)
        elif roll < 0.8:
            del damaged[at:at + rng.randint(1, 100)]
        else:
            damaged[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 20)))
    return bytes(damaged)


def _no_traceback(result) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail("".join(traceback.format_exception(result.exception)))
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output, result.output


@pytest.fixture
def copied(tmp_path) -> Path:
    for folder in ("base_modules", "county_overlays"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


@pytest.mark.parametrize("seed", range(6))
def test_damaged_module_documents_are_named_by_validate_build_and_check(copied, seed):
    rng = random.Random(seed)
    folder = copied / "base_modules" / MODULE
    victim = rng.choice(sorted(folder.glob("*.*x")))
    damage = _mutated_xml if seed % 2 == 0 else _damaged_bytes
    victim.write_bytes(damage(victim.read_bytes(), rng))
    paths = ["--modules", str(copied / "base_modules"), "--overlays", str(copied / "county_overlays")]
    runner = CliRunner()
    for args in (["validate", "alder-county", *paths],
                 ["build", "--county", "alder-county", "--module", MODULE, "--no-pdf", "--jobs", "1",
                  "--out", str(copied / "dist"), *paths],
                 ["check", str(victim)]):
        _no_traceback(runner.invoke(main, args))


@pytest.mark.parametrize("seed", range(6))
def test_damaged_overlay_workbooks_are_one_error(copied, seed):
    rng = random.Random(seed)
    folder = copied / "county_overlays" / "alder-county"
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in ("terminology", "contacts", "orgchart"):
        csv_lines = (folder / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        sheet = book.create_sheet(name)
        for line in csv_lines[:8]:
            sheet.append(line.split(","))
        (folder / f"{name}.csv").unlink()
    data = io.BytesIO()
    book.save(data)
    (folder / "overlay.xlsx").write_bytes(_damaged_bytes(data.getvalue(), rng) if seed % 2 else data.getvalue())
    if seed % 2 == 0:  # the zip whole, a sheet's XML damaged
        (folder / "overlay.xlsx").write_bytes(_mutated_xml((folder / "overlay.xlsx").read_bytes(), rng))
    result = CliRunner().invoke(main, ["validate", "alder-county", "--modules", str(copied / "base_modules"),
                                       "--overlays", str(copied / "county_overlays")])
    _no_traceback(result)


def test_damaged_logos_are_refused_as_unreadable(tmp_path):
    source = io.BytesIO()
    Image.new("RGBA", (64, 48), (200, 30, 30, 255)).save(source, "PNG")
    rng = random.Random(7)
    logo = tmp_path / "logo.png"
    refused = 0
    for _ in range(300):
        logo.write_bytes(_damaged_bytes(source.getvalue(), rng))
        try:
            check_image(logo)
        except InputError:
            refused += 1
    assert refused > 150  # most damage shows; what Pillow still reads whole is a usable picture
