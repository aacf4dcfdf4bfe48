#!/usr/bin/env python3
"""Measure `curriculum-kit build` on a statewide set of inputs, in one run.

1. The whole statewide build (58 counties x the sample modules, --no-pdf), from scratch.
2. A rebuild with nothing changed (must do no document work; the first build kept the overlays
   parsed, formats/kept_layers.py), the least of five.
3. PDFs: one packet's documents converted by curriculum-kit (one LibreOffice start per kind
   of file, in turn, and the same batches in as many LibreOffice processes at once as there
   are cores) against the sum of bare one-file `soffice --headless --convert-to pdf` runs of
   the same files, measured side by side.
4. Preflight's cost: the statewide --no-pdf build without and with it, each in a fresh
   process, in turn (without-with-with-without, twice); the least CPU time of each side.
   With --instructions (needs valgrind): instead, the instructions of building four
   counties in one process without and with it (a count the machine's speed cannot move).
5. With --with-pdf: the statewide build with PDFs, from scratch (several minutes).
6. With --against=REV (a git revision of this checkout): instead, the statewide --no-pdf
   build from scratch by REV's code and by this checkout's, turn about, three pairs (the
   machine's speed drifts by a fifth within the hour: two codes are compared pair by pair).

Usage: python benchmarks/bench_build.py [OUTDIR] [--preflight-only | --instructions | --against=REV] [--with-pdf]
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
# Child processes run this checkout's code too, from compiled bytecode as an installed
# package would (even where the environment says PYTHONDONTWRITEBYTECODE, which would
# compile every module on every start), kept out of the checkout.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")])),
       "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(), "curriculum-kit-pycache"),
       # Overlays kept parsed between runs (formats/kept_layers.py) in a cache of the benchmark's
       # own, emptied before each build "from scratch".
       "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="curriculum-kit-bench-cache-")}
import make_statewide  # noqa: E402

from curriculum_kit.package.pdf import convert, soffice  # noqa: E402


def forget_kept_overlays() -> None:
    shutil.rmtree(ENV["XDG_CACHE_HOME"], ignore_errors=True)


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV)
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


_ONE_BUILD = """
import os, resource, sys, tempfile, time
from pathlib import Path
from curriculum_kit.formats.library import Library
from curriculum_kit.pipeline import BuildOptions, build
start = time.perf_counter()
out = Path(sys.argv[1])
library = Library.load(out / "base_modules", out / "county_overlays")
with tempfile.TemporaryDirectory() as dist:
    build(library, BuildOptions(out=Path(dist), jobs=os.cpu_count() or 1, preflight=sys.argv[2] == "on"),
          lambda outcome: None)
    wall = time.perf_counter() - start
own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime, wall)
"""


def preflight_cost(out: Path, rounds: int = 2) -> tuple[float, float, float, float]:
    """(CPU seconds without preflight, with it, wall seconds without, with) of the
    statewide --no-pdf build, from scratch, each build in a fresh process with its workers
    (a build left behind in a process makes the next one's workers inherit more memory).
    The two sides take turns in the order without-with-with-without, ``rounds`` times, and
    each side's least is kept (a spell of load on the machine only ever adds time)."""
    cpu: dict[str, list[float]] = {"off": [], "on": []}
    wall: dict[str, list[float]] = {"off": [], "on": []}
    for _ in range(rounds):
        for side in ("off", "on", "on", "off"):
            done = subprocess.run([sys.executable, "-c", _ONE_BUILD, str(out), side], capture_output=True,
                                  text=True, check=True, env=ENV)
            cpu_seconds, wall_seconds = map(float, done.stdout.split()[-2:])
            cpu[side].append(cpu_seconds)
            wall[side].append(wall_seconds)
    return min(cpu["off"]), min(cpu["on"]), min(wall["off"]), min(wall["on"])


# Counts instructions (valgrind's callgrind) of building counties 2..N+1 in one process,
# county 1 built first to warm up: a count does not drift with the machine's speed.
_COUNTED_BUILD = """
import os, subprocess, sys, tempfile
from pathlib import Path
from curriculum_kit.formats.library import Library
from curriculum_kit.pipeline import BuildOptions, build
out, side, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
library = Library.load(out / "base_modules", out / "county_overlays")
counties = [f"county-{number:02d}" for number in range(1, count + 2)]  # make_statewide's names
def counting(state):
    subprocess.run(["callgrind_control", "--instr=" + state, str(os.getpid())], capture_output=True, check=True)
with tempfile.TemporaryDirectory() as dist:
    options = dict(jobs=1, preflight=side == "on")
    build(library, BuildOptions(out=Path(dist) / "warm", counties=tuple(counties[:1]), **options), lambda o: None)
    counting("on")
    build(library, BuildOptions(out=Path(dist) / "counted", counties=tuple(counties[1:]), **options), lambda o: None)
    counting("off")
"""


def preflight_instructions(out: Path, counties: int = 4) -> tuple[int, int]:
    """(instructions without preflight, with it) of building ``counties`` statewide counties
    in one process; needs valgrind."""
    counted = {}
    for side in ("off", "on"):
        done = subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null",
                               sys.executable, "-c", _COUNTED_BUILD, str(out), side, str(counties)],
                              capture_output=True, text=True, check=True,
                              env={**ENV, "PYTHONHASHSEED": "0"})  # the same set orders, the same count
        counted[side] = int(next(line for line in done.stderr.splitlines() if "Collected" in line)
                            .split()[-1].replace(",", ""))
    return counted["off"], counted["on"]


def print_preflight_cost(cpu_off: float, cpu_on: float, wall_off: float, wall_on: float) -> None:
    for measure, off, on in (("CPU", cpu_off, cpu_on), ("wall", wall_off, wall_on)):
        print(f"| preflight's cost in the statewide build, {measure} seconds without vs with | {off:.1f} s vs "
              f"{on:.1f} s = +{(on / off - 1) * 100:.0f}% | at most +10% |")


def side_by_side(out: Path, revision: str, rounds: int = 3) -> None:
    """The statewide --no-pdf build from scratch by ``revision``'s code (a git worktree) and by
    this checkout's, in turn, ``rounds`` pairs: wall and CPU seconds of each."""
    with tempfile.TemporaryDirectory() as work:
        other = Path(work) / "code"
        subprocess.run(["git", "-C", str(HERE.parent), "worktree", "add", "--detach", str(other), revision],
                       check=True, capture_output=True)
        try:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(other / "curriculum_kit")], env=ENV, check=True)
            print(f"| statewide build, --no-pdf, from scratch | {revision} | this checkout | ratio |\n|---|---:|---:|---:|")
            for _ in range(rounds):
                seconds = [_one_cli_build(out, code, Path(work) / "dist") for code in (other, HERE.parent)]
                (wall_a, cpu_a), (wall_b, cpu_b) = seconds
                print(f"| wall (CPU) | {wall_a:.1f} s ({cpu_a:.1f} s) | {wall_b:.1f} s ({cpu_b:.1f} s) | "
                      f"{wall_b / wall_a:.2f}x ({cpu_b / cpu_a:.2f}x) |")
        finally:
            subprocess.run(["git", "-C", str(HERE.parent), "worktree", "remove", "--force", str(other)],
                           check=True, capture_output=True)


def _one_cli_build(out: Path, code: Path, dist: Path) -> tuple[float, float]:
    """(wall, CPU seconds of the build and its workers) of `curriculum-kit build --no-pdf` by the
    code in ``code``, into a new ``dist``."""
    forget_kept_overlays()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "curriculum_kit", "build", "--no-pdf", "--out", str(dist)], cwd=out,
                   env={**ENV, "PYTHONPATH": str(code)}, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(dist)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main(out: Path, preflight_only: bool = False, with_pdf: bool = False, instructions: bool = False,
         against: str | None = None) -> None:
    make_statewide.main(out)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "curriculum_kit")],
                   env=ENV, check=True)  # the bytecode an installed package has
    if against:
        side_by_side(out, against)
        return
    if preflight_only:
        print_preflight_cost(*preflight_cost(out))
        return
    if instructions:
        if not shutil.which("valgrind"):
            raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
        plain, checked = preflight_instructions(out)
        print(f"| preflight's cost in instructions, 4 counties built in one process (callgrind) | "
              f"{plain / 1e9:.1f} G vs {checked / 1e9:.1f} G = +{(checked / plain - 1) * 100:.1f}% | at most +10% |")
        return
    # This checkout's code (python -m), not whichever curriculum-kit is first on PATH.
    command = [sys.executable, "-m", "curriculum_kit", "build", "--no-pdf"]
    forget_kept_overlays()
    cold, cold_line = timed(command, out)
    rebuilds = [timed(command, out) for _ in range(5)]  # short: the least of five, as a spell of load only adds
    again, again_line = min(rebuilds)
    cost = preflight_cost(out)
    modules = len([d for d in (out / "base_modules").iterdir() if d.is_dir()])
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| measurement | result | target |\n|---|---:|---|")
    print(f"| statewide build, 58 counties x {modules} modules, --no-pdf | {cold:.1f} s | under 20 s |")
    print(f"| rebuild with nothing changed (least of 5) | {again:.2f} s | under 0.5 s |")
    print_preflight_cost(*cost)
    if soffice():
        with tempfile.TemporaryDirectory() as work:
            parallel, serial, bare, count = pdf_comparison(out / "dist", Path(work))
        print(f"| PDFs of one facilitator packet ({count} files): {os.cpu_count()} LibreOffice processes at once "
              f"vs bare one-file runs | {parallel:.1f} s vs {bare:.1f} s = {parallel / bare:.2f}x | at most 0.3x |")
        print(f"| the same, one LibreOffice process per kind of file in turn | {serial:.1f} s = {serial / bare:.2f}x | |")
    if with_pdf and soffice():
        shutil.rmtree(out / "dist")
        forget_kept_overlays()
        with_pdfs, pdf_line = timed([sys.executable, "-m", "curriculum_kit", "build", "--pdf"], out)
        print(f"| statewide build with PDFs, from scratch | {with_pdfs:.0f} s | measured |")
        print(f"\n- build with PDFs: {pdf_line}")
    print(f"\n- first build: {cold_line}\n- rebuild: {again_line}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(arguments[0] if arguments else Path(tempfile.gettempdir()) / "curriculum-kit-statewide"),
         preflight_only="--preflight-only" in sys.argv, with_pdf="--with-pdf" in sys.argv,
         instructions="--instructions" in sys.argv,
         against=next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--against=")), None))
