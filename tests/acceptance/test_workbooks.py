"""Overlays kept in Excel workbooks build exactly the packets their CSV files build."""

from __future__ import annotations

import shutil

from tests.acceptance.conftest import build_args, run
from tests.conftest import REPO
from tests.workbooks import csvs_to_workbooks


def test_every_sample_overlay_from_workbooks_gives_byte_identical_packets(tmp_path):
    csv_root, xlsx_root = tmp_path / "csv", tmp_path / "xlsx"
    for root in (csv_root, xlsx_root):
        shutil.copytree(REPO / "base_modules", root / "base_modules")
        shutil.copytree(REPO / "county_overlays", root / "county_overlays")
    replaced = {}
    for index, folder in enumerate(sorted((xlsx_root / "county_overlays").iterdir())):
        # alternate the two layouts: one overlay.xlsx with a sheet per list, one workbook per list
        replaced[folder.name] = csvs_to_workbooks(folder, combined=index % 2 == 0)
    assert all(replaced.values()), replaced
    assert not list((xlsx_root / "county_overlays").glob("*/*.csv"))

    for root in (csv_root, xlsx_root):
        result = run(build_args(root, root / "dist", "--no-pdf", "--jobs", "2"))
        assert result.exit_code == 0, result.output
        assert "9 built, 0 up to date, 0 failed" in result.output

    csv_zips = sorted(p.relative_to(csv_root / "dist") for p in (csv_root / "dist").rglob("*.zip"))
    xlsx_zips = sorted(p.relative_to(xlsx_root / "dist") for p in (xlsx_root / "dist").rglob("*.zip"))
    assert csv_zips == xlsx_zips and len(csv_zips) >= 9
    different = [str(p) for p in csv_zips if (csv_root / "dist" / p).read_bytes() != (xlsx_root / "dist" / p).read_bytes()]
    assert different == []
