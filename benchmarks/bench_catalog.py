#!/usr/bin/env python3
"""Measure the catalog (index.html and one page per county) on the statewide build.

1. Builds the statewide inputs (58 counties x the sample modules, --no-pdf --export) once,
   unless OUTDIR/dist already holds that build.
2. Writes the catalog from scratch (pages removed first) and again with nothing changed;
   the second write must leave every page's bytes and time alone.
3. The same with each county offering 30 modules: every county's module folders copied
   under new ids (manifests only), the size a state with a few dozen modules reaches.

Usage: python benchmarks/bench_catalog.py [OUTDIR]   (default: $TMPDIR/curriculum-kit-statewide)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # this checkout's curriculum_kit, not an installed one
import make_statewide  # noqa: E402

from curriculum_kit.package.catalog_page import write_catalog  # noqa: E402

ORDER = ("linkages-orientation", "coordinated-case-planning", "families-experiencing-homelessness")


def measure(dist: Path, order: tuple[str, ...]) -> tuple[float, float, int, bool]:
    """(seconds from scratch, seconds with nothing changed, bytes of index.html, untouched?)"""
    for page in dist.rglob("index.html"):
        page.unlink()
    start = time.perf_counter()
    write_catalog(dist, order)
    cold = time.perf_counter() - start
    pages = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in dist.rglob("index.html")}
    start = time.perf_counter()
    write_catalog(dist, order)
    warm = time.perf_counter() - start
    untouched = pages == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in dist.rglob("index.html")}
    return cold, warm, (dist / "index.html").stat().st_size, untouched


def widen(dist: Path, wide: Path, modules: int) -> tuple[str, ...]:
    """A copy of ``dist``'s manifests in which each county has ``modules`` modules."""
    shutil.rmtree(wide, ignore_errors=True)
    order = []
    for county in sorted(p for p in dist.iterdir() if p.is_dir()):
        for number in range(modules):
            source = county / ORDER[number % len(ORDER)]
            module_id = f"{source.name}-{number:02d}"
            manifest = json.loads((source / "manifest.json").read_text())
            manifest["module"] = {**manifest["module"], "id": module_id,
                                  "title": f"{manifest['module']['title']} ({number})"}
            target = wide / county.name / module_id
            target.mkdir(parents=True)
            (target / "manifest.json").write_text(json.dumps(manifest))
            if county.name == "county-01":
                order.append(module_id)
    return tuple(sorted(order, key=lambda m: (ORDER.index(m.rsplit("-", 1)[0]), m)))


def main(out: Path) -> None:
    dist = out / "dist"
    if not (dist / "county-58").is_dir():
        make_statewide.main(out)
        subprocess.run([sys.executable, "-m", "curriculum_kit", "build", "--no-pdf", "--export"], cwd=out,
                       capture_output=True, check=False, env={**os.environ, "PYTHONPATH": str(HERE.parent)})
    counties = len([p for p in dist.iterdir() if p.is_dir()])
    modules = len(list(dist.glob("*/*/manifest.json")))
    print("| catalog | written from scratch | again, nothing changed | index.html | pages untouched | target |")
    print("|---|---:|---:|---:|---|---|")
    cold, warm, size, untouched = measure(dist, ORDER)
    print(f"| statewide build: {counties} counties, {modules} county modules, with exports | {cold:.2f} s | "
          f"{warm:.2f} s | {size / 1048576:.2f} MB | {'yes' if untouched else 'NO'} | under 1 s, under 2 MB |")
    with tempfile.TemporaryDirectory() as temp:
        order = widen(dist, Path(temp) / "wide", 30)
        cold, warm, size, untouched = measure(Path(temp) / "wide", order)
    print(f"| {counties} counties x 30 modules | {cold:.2f} s | {warm:.2f} s | {size / 1048576:.2f} MB | "
          f"{'yes' if untouched else 'NO'} | under 2 MB |")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "curriculum-kit-statewide"))
