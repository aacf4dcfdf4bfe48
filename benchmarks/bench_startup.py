#!/usr/bin/env python3
"""Measure what `curriculum-kit adapt` costs before it does any work: its imports.

1. Import time of the command path, from ``python -X importtime``: the sum of the top-level
   imports `python -m curriculum_kit adapt SMALL.docx -o OUT.docx --terms TERMS.csv` makes
   after Python's own start-up (``site`` and what it loads are Python's, not the command's);
   the same with ``--county`` (which reads the overlay: TOML, contacts, org chart, logos);
   and ``--version`` (the command line alone).
2. Whole-process wall time of that adapt against ``python -c pass`` and against a process
   that imports what the floor of bench_adapt.py imports (lxml, zipfile).
3. Loading and checking a term list of 200 and of 2,000 rows (terms.csv and terms-2000.csv
   of make_large.py, in OUTDIR): reading the CSV with its row checks and duplicates, then
   the chain check `validate` adds, in one process after its imports.

Each figure is the minimum and the median of N fresh processes (a shared machine's load
only ever adds time, so the minimum is the cost and the median the experience).

Usage: python benchmarks/bench_startup.py [-n 21] [OUTDIR]   (run from the checkout's root;
       OUTDIR as for bench_adapt.py, default $TMPDIR/curriculum-kit-bench)
"""
from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's curriculum_kit, not an installed one
PYTHON_OWN = {"site", "encodings", "_frozen_importlib_external", "zipimport", "_signal", "io", "abc", "_abc",
              "codecs", "encodings.utf_8", "encodings.utf_8_sig", "encodings.aliases", "_codecs"}
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)")


def small_docx(path: Path) -> None:
    """A one-page document with a few terms (python-docx, fixed properties)."""
    import datetime as dt

    from docx import Document

    document = Document()
    document.core_properties.created = document.core_properties.modified = dt.datetime(2026, 1, 15)
    for _ in range(20):
        document.add_paragraph("Child Welfare Services and CalWORKs staff meet with the social worker.")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


# Compiled bytecode, as an installed package has it (pip compiles at install time; a checkout
# writes __pycache__ on its first run): kept out of the checkout, and used even where the
# environment says PYTHONDONTWRITEBYTECODE (which would compile every module on every start).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(), "curriculum-kit-pycache")}


def import_ms(args: list[str]) -> float:
    """Milliseconds of the top-level imports one run of the command makes, after site."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "curriculum_kit", *args],
                          capture_output=True, text=True, cwd=ROOT, env=ENV)
    total = 0
    for line in done.stderr.splitlines():
        found = _LINE.match(line)
        if found and len(found.group(3)) == 1 and found.group(4) not in PYTHON_OWN:
            total += int(found.group(2))
    return total / 1000


def wall_ms(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=ENV)
    return (time.perf_counter() - start) * 1000


def terms_ms(path: Path, runs: int) -> list[float]:
    """Milliseconds to read and check ``path`` (read_terminology) and look for chains."""
    from curriculum_kit.findings import Findings
    from curriculum_kit.formats.terms import chains, read_terminology

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        chains(read_terminology(path, Findings()))
        times.append((time.perf_counter() - start) * 1000)
    return times


def row(label: str, values: list[float]) -> str:
    return f"| {label} | {min(values):.1f} | {statistics.median(values):.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=21)
    parser.add_argument("outdir", nargs="?", type=Path, default=Path(tempfile.gettempdir()) / "curriculum-kit-bench")
    args = parser.parse_args()
    runs = args.n
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        small_docx(work / "small.docx")
        (work / "terms.csv").write_text("term,replacement\nChild Welfare Services,DCFS\nsocial worker,"
                                        "children's social worker\n", encoding="utf-8")
        adapt = ["adapt", str(work / "small.docx"), "-o", str(work / "out.docx")]
        commands = {
            "`adapt SMALL.docx -o OUT.docx --terms TERMS.csv`": adapt + ["--terms", str(work / "terms.csv")],
            "`adapt SMALL.docx -o OUT.docx --county alder-county`": adapt + ["--county", "alder-county"],
            "`--version`": ["--version"],
        }
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "curriculum_kit")], env=ENV,
                       check=True)  # the bytecode an installed package has
        imports = {label: [import_ms(args) for _ in range(runs)] for label, args in commands.items()}
        processes = {
            "`python -c pass`": [sys.executable, "-c", "pass"],
            "`python -c 'import lxml.etree, zipfile'` (the floor's imports)":
                [sys.executable, "-c", "import lxml.etree, zipfile"],
            "`python -m curriculum_kit adapt SMALL.docx -o OUT.docx --terms TERMS.csv`":
                [sys.executable, "-m", "curriculum_kit", *commands["`adapt SMALL.docx -o OUT.docx --terms TERMS.csv`"]],
        }
        walls: dict[str, list[float]] = {label: [] for label in processes}
        for _ in range(runs):  # interleaved, so that all see the same spells of load
            for label, command in processes.items():
                walls[label].append(wall_ms(command))
    print(f"Import time of the command path, ms (python -X importtime; {runs} runs)\n")
    print("| command | min | median |\n|---|---:|---:|")
    print("\n".join(row(label, values) for label, values in imports.items()))
    print(f"\nWhole process, wall ms ({runs} runs each, interleaved)\n")
    print("| process | min | median |\n|---|---:|---:|")
    print("\n".join(row(label, values) for label, values in walls.items()))
    lists = [args.outdir / name for name in ("terms.csv", "terms-2000.csv")]
    if all(path.exists() for path in lists):
        print(f"\nLoading and checking a term list, ms ({runs} runs each)\n")
        print("| list | min | median |\n|---|---:|---:|")
        print("\n".join(row(f"{path.name} (read, checked, chains)", terms_ms(path, runs)) for path in lists))
    else:
        print(f"\n(no term lists in {args.outdir}: run benchmarks/make_large.py {args.outdir} for them)")


if __name__ == "__main__":
    main()
