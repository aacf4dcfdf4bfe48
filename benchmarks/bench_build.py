#!/usr/bin/env python3
"""Measure `curriculum-kit build` on a statewide set of inputs, in one run.

1. The whole statewide build (58 counties x the sample modules, --no-pdf), from scratch.
2. A rebuild with nothing changed (must do no document work).
3. PDFs: one packet's documents converted by curriculum-kit's batch conversion (one
   LibreOffice start per kind of file) against the sum of bare one-file
   `soffice --headless --convert-to pdf` runs of the same files, measured side by side.

4. Preflight's cost: the statewide --no-pdf build in this process without and with it.

Usage: python benchmarks/bench_build.py [OUTDIR] [--preflight-only]   (default: $TMPDIR/curriculum-kit-statewide)
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # this checkout's curriculum_kit, not an installed one
import make_statewide  # noqa: E402

from curriculum_kit.package.pdf import convert, soffice  # noqa: E402


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return seconds, result.stdout.strip().splitlines()[-1]


def pdf_comparison(dist: Path, work: Path) -> tuple[float, float, int]:
    """(batch seconds, sum of bare one-file seconds, number of files) for one packet."""
    packet = next(dist.glob("county-01/linkages-orientation/*_facilitator_*.zip"))
    files = work / "files"
    with zipfile.ZipFile(packet) as package:
        package.extractall(files)
    documents = sorted(p for p in files.rglob("*") if p.suffix in (".docx", ".pptx"))
    bare = 0.0
    for document in documents:
        with tempfile.TemporaryDirectory() as profile:
            start = time.perf_counter()
            subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(work / "bare"), str(document)],
                           capture_output=True, check=True)
            bare += time.perf_counter() - start
    start = time.perf_counter()
    convert(documents, work / "batch", "20260101000000")
    return time.perf_counter() - start, bare, len(documents)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: on a shared machine, wall time
    says more about the neighbours than about the build."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def preflight_cost(out: Path) -> tuple[float, float]:
    """(CPU seconds without preflight, CPU seconds with it) of the statewide --no-pdf build,
    in this process and its workers, one after the other, each from scratch."""
    from curriculum_kit.formats.library import Library
    from curriculum_kit.pipeline import BuildOptions, build

    library = Library.load(out / "base_modules", out / "county_overlays")
    seconds = []
    for preflight in (False, True):
        with tempfile.TemporaryDirectory() as dist:
            start = _cpu_seconds()
            build(library, BuildOptions(out=Path(dist), jobs=os.cpu_count() or 1, preflight=preflight), lambda o: None)
            seconds.append(_cpu_seconds() - start)
    return seconds[0], seconds[1]


def main(out: Path, preflight_only: bool = False) -> None:
    make_statewide.main(out)
    if preflight_only:
        without, with_preflight = preflight_cost(out)
        print(f"| preflight's cost in the statewide build, CPU seconds without vs with | {without:.1f} s vs "
              f"{with_preflight:.1f} s = +{(with_preflight / without - 1) * 100:.0f}% | at most +10% |")
        return
    # This checkout's code (python -m), not whichever curriculum-kit is first on PATH.
    command = [sys.executable, "-m", "curriculum_kit", "build", "--no-pdf"]
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")]))
    cold, cold_line = timed(command, out)
    again, again_line = timed(command, out)
    without, with_preflight = preflight_cost(out)
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}\n")
    print("| measurement | result | target |\n|---|---:|---|")
    modules = sum(1 for folder in (out / "base_modules").iterdir() if (folder / "module.toml").is_file())
    print(f"| statewide build, 58 counties x {modules} modules, --no-pdf | {cold:.1f} s | under 60 s |")
    print(f"| rebuild with nothing changed | {again:.2f} s | under 2 s |")
    print(f"| preflight's cost in the statewide build, CPU seconds without vs with | {without:.1f} s vs "
          f"{with_preflight:.1f} s = +{(with_preflight / without - 1) * 100:.0f}% | at most +10% |")
    if soffice():
        with tempfile.TemporaryDirectory() as work:
            batch, bare, count = pdf_comparison(out / "dist", Path(work))
        print(f"| PDFs of one facilitator packet ({count} files): batch vs bare one-file runs | "
              f"{batch:.1f} s vs {bare:.1f} s = {batch / bare:.2f}x | at most 0.5x |")
    print(f"\n- first build: {cold_line}\n- rebuild: {again_line}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(arguments[0] if arguments else Path(tempfile.gettempdir()) / "curriculum-kit-statewide"),
         preflight_only="--preflight-only" in sys.argv)
