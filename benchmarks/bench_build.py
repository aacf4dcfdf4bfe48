#!/usr/bin/env python3
"""Measure `curriculum-kit build` on a statewide set of inputs, in one run.

1. The whole statewide build (58 counties x the sample modules, --no-pdf), from scratch.
2. A rebuild with nothing changed (must do no document work).
3. PDFs: one packet's documents converted by curriculum-kit (one LibreOffice start per kind
   of file, in turn, and the same batches in as many LibreOffice processes at once as there
   are cores) against the sum of bare one-file `soffice --headless --convert-to pdf` runs of
   the same files, measured side by side.
4. Preflight's cost: the statewide --no-pdf build in this process without and with it, in
   turn, twice; the least CPU time of each side.
5. With --with-pdf: the statewide build with PDFs, from scratch (several minutes).

Usage: python benchmarks/bench_build.py [OUTDIR] [--preflight-only] [--with-pdf]
       (default OUTDIR: $TMPDIR/curriculum-kit-statewide)
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
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


def pdf_comparison(dist: Path, work: Path) -> tuple[float, float, float, int]:
    """(seconds in parallel processes, seconds one process at a time, sum of bare one-file
    seconds, number of files) for one facilitator packet."""
    packet = next(dist.glob("county-01/linkages-orientation/*_facilitator_*.zip"))
    files = work / "files"
    with zipfile.ZipFile(packet) as package:
        package.extractall(files)
    documents = sorted(p for p in files.rglob("*") if p.suffix in (".docx", ".pptx"))
    program = soffice()
    assert program is not None
    bare = 0.0
    for document in documents:
        with tempfile.TemporaryDirectory() as profile:
            start = time.perf_counter()
            subprocess.run([program, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(work / "bare"), str(document)],
                           capture_output=True, check=True)
            bare += time.perf_counter() - start
    cores = os.cpu_count() or 1
    seconds = []  # a process's first start sets up a profile; later starts copy it, as in a build's workers
    for round_, instances in enumerate((cores, 1, cores, 1)):
        start = time.perf_counter()
        convert(documents, work / f"batch-{round_}", "20260101000000", instances)
        seconds.append(time.perf_counter() - start)
    print(f"PDFs, first round (profile set up on the first start): {seconds[0]:.1f} s parallel, "
          f"{seconds[1]:.1f} s one at a time; bare {bare:.1f} s")
    return seconds[2], seconds[3], bare, len(documents)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: on a shared machine, wall time
    says more about the neighbours than about the build."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def preflight_cost(out: Path, rounds: int = 2) -> tuple[float, float]:
    """(CPU seconds without preflight, CPU seconds with it) of the statewide --no-pdf build,
    in this process and its workers, each from scratch: the two take turns ``rounds`` times
    and each side's least is kept (a spell of load on the machine only ever adds time)."""
    from curriculum_kit.formats.library import Library
    from curriculum_kit.pipeline import BuildOptions, build

    library = Library.load(out / "base_modules", out / "county_overlays")
    seconds: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for preflight in (False, True):
            with tempfile.TemporaryDirectory() as dist:
                start = _cpu_seconds()
                build(library, BuildOptions(out=Path(dist), jobs=os.cpu_count() or 1, preflight=preflight),
                      lambda o: None)
                seconds[preflight].append(_cpu_seconds() - start)
    return min(seconds[False]), min(seconds[True])


def main(out: Path, preflight_only: bool = False, with_pdf: bool = False) -> None:
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
    modules = len([d for d in (out / "base_modules").iterdir() if d.is_dir()])
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| measurement | result | target |\n|---|---:|---|")
    print(f"| statewide build, 58 counties x {modules} modules, --no-pdf | {cold:.1f} s | under 20 s |")
    print(f"| rebuild with nothing changed | {again:.2f} s | under 0.5 s |")
    print(f"| preflight's cost in the statewide build, CPU seconds without vs with | {without:.1f} s vs "
          f"{with_preflight:.1f} s = +{(with_preflight / without - 1) * 100:.0f}% | at most +10% |")
    if soffice():
        with tempfile.TemporaryDirectory() as work:
            parallel, serial, bare, count = pdf_comparison(out / "dist", Path(work))
        print(f"| PDFs of one facilitator packet ({count} files): {os.cpu_count()} LibreOffice processes at once "
              f"vs bare one-file runs | {parallel:.1f} s vs {bare:.1f} s = {parallel / bare:.2f}x | at most 0.3x |")
        print(f"| the same, one LibreOffice process per kind of file in turn | {serial:.1f} s = {serial / bare:.2f}x | |")
    if with_pdf and soffice():
        shutil.rmtree(out / "dist")
        with_pdfs, pdf_line = timed([sys.executable, "-m", "curriculum_kit", "build", "--pdf"], out)
        print(f"| statewide build with PDFs, from scratch | {with_pdfs:.0f} s | measured |")
        print(f"\n- build with PDFs: {pdf_line}")
    print(f"\n- first build: {cold_line}\n- rebuild: {again_line}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(arguments[0] if arguments else Path(tempfile.gettempdir()) / "curriculum-kit-statewide"),
         preflight_only="--preflight-only" in sys.argv, with_pdf="--with-pdf" in sys.argv)
