#!/usr/bin/env python3
"""Measure `adapt` against the floor, side by side, on the large generated inputs.

The floor is the least any lxml-based rewrite of a package must do: unzip, parse every XML
part, serialise it, write a new deflated zip. `adapt` does the terminology work on top of
that, but copies untouched entries (images, styles, ...) as their compressed bytes.

Each measurement runs in a fresh subprocess (so its peak RSS is its own), floor and adapt
in pairs, back to back, taking turns to go first, and a ratio is the median of the pairs'
ratios (a shared VM drifts between faster and slower spells; both runs of a pair see the
same one). Only the work is timed (wall clock, plus CPU time, which counts adapt's second
deflate thread too): interpreter start, imports (lxml, curriculum_kit) and loading the 200
terms happen before the clock starts. Peak RSS is
ru_maxrss after the work; "RSS increase" is that peak minus ru_maxrss read just before the
clock (after the imports).

Usage: python benchmarks/bench_adapt.py [--repeat 21] [--profile] [OUTDIR]
       (OUTDIR defaults to $TMPDIR/curriculum-kit-bench; inputs are generated there if missing)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

import curriculum_kit
from curriculum_kit.adapting import adapt_file
from curriculum_kit.findings import Findings
from curriculum_kit.formats.terms import read_terminology

HERE = Path(__file__).resolve().parent
INPUTS = ("large-guide.docx", "large-deck.pptx")
TERMS = "terms.csv"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def max_rss_mb() -> float:
    """The process's peak resident set so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


# -- the two workloads ----------------------------------------------------------------------
def floor(source: Path, output: Path) -> None:
    """Unzip, parse every XML part with lxml, serialise it, write a new zip (ZIP_DEFLATED)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as zout:
        types = etree.fromstring(zin.read("[Content_Types].xml"))
        defaults = {el.get("Extension", "").lower(): el.get("ContentType", "") for el in types.iter(f"{CT_NS}Default")}
        overrides = {el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
                     for el in types.iter(f"{CT_NS}Override")}
        for info in zin.infolist():
            data = zin.read(info)
            name = info.filename
            content_type = overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower(), "")
            if name.endswith((".xml", ".rels")) or content_type.endswith("xml"):
                data = etree.tostring(etree.fromstring(data))
            zout.writestr(zipfile.ZipInfo(name, info.date_time), data, zipfile.ZIP_DEFLATED)


def worker(mode: str, source: Path, output: Path, terms_path: Path) -> None:
    """One measured run; prints a JSON line. Everything above the clock is already imported."""
    findings = Findings()
    terms = read_terminology(terms_path, findings)
    if findings.errors:
        raise SystemExit("\n".join(map(str, findings.errors)))
    baseline = max_rss_mb()
    start, cpu_start = time.perf_counter(), time.process_time()
    result = adapt_file(source, output, terms) if mode == "adapt" else floor(source, output)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    peak = max_rss_mb()
    print(json.dumps({
        "seconds": seconds, "cpu_seconds": cpu_seconds,
        "peak_mb": peak, "baseline_mb": baseline, "increase_mb": peak - baseline,
        "output_bytes": output.stat().st_size, "terms": len(terms),
        "replacements": sum(result.occurrences().values()) if result is not None else None,
        "near_misses": result.near_miss_count if result is not None else None,
    }))


def profile(source: Path, output: Path, terms_path: Path, top: int = 30) -> None:
    import cProfile
    import pstats
    terms = read_terminology(terms_path, Findings())
    profiler = cProfile.Profile()
    profiler.runcall(adapt_file, source, output, terms)
    for order in ("cumulative", "tottime"):
        print(f"\n### {source.name}: top {top} by {order}\n")
        pstats.Stats(profiler).strip_dirs().sort_stats(order).print_stats(top)


# -- driver ---------------------------------------------------------------------------------
def measure(mode: str, source: Path, output: Path, terms: Path) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, str(source), str(output), str(terms)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{mode} on {source.name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            model = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{model}; {os.cpu_count()} CPUs ({affinity} usable); {platform.platform()}; "
            f"Python {platform.python_version()} ({platform.python_implementation()}); "
            f"lxml {'.'.join(map(str, etree.LXML_VERSION))} (libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}); "
            f"curriculum-kit {curriculum_kit.__version__}")


def cell(values: list[float], digits: int) -> str:
    """Median, with the spread of the repeats when there are several."""
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f}"
    return f"{median:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def report(results: dict, outdir: Path, repeat: int) -> str:
    lines = [f"Machine: {machine()}", "",
             f"Median of {repeat} runs per side (min–max in brackets), each a fresh process, run in pairs "
             "(floor and adapt back to back, taking turns to go first). adapt / floor is the median of the "
             "pairs' ratios: this shared VM drifts between faster and slower spells, and both runs of a pair "
             "see the same spell.", "",
             "| input | measure | floor | adapt | adapt / floor |", "|---|---|---:|---:|---:|"]
    notes = []
    for name, runs in results.items():
        source = outdir / name
        with zipfile.ZipFile(source) as package:
            infos = package.infolist()
        xml = sum(1 for i in infos if i.filename.endswith((".xml", ".rels")))
        label = f"{name} ({source.stat().st_size / 1e6:.2f} MB, {len(infos)} entries, {xml} XML)"
        rows = [("wall time (s)", "seconds", 3), ("CPU time (s)", "cpu_seconds", 3), ("peak RSS (MB)", "peak_mb", 1),
                ("RSS increase over post-import (MB)", "increase_mb", 1), ("output size (MB)", "output_bytes", 2)]
        for index, (title, key, digits) in enumerate(rows):
            scale = 1e6 if key == "output_bytes" else 1
            floor_values = [run[key] / scale for run in runs["floor"]]
            adapt_values = [run[key] / scale for run in runs["adapt"]]
            ratio = statistics.median(a / f for a, f in zip(adapt_values, floor_values) if f)
            lines.append(f"| {label if index == 0 else ''} | {title} | {cell(floor_values, digits)} | "
                         f"{cell(adapt_values, digits)} | **{ratio:.2f}x** |")
        first = runs["adapt"][0]
        ratios = [a["seconds"] / f["seconds"] for a, f in zip(runs["adapt"], runs["floor"])]
        spread = ""
        if len(ratios) >= 4:
            low, _, high = statistics.quantiles(ratios, n=4)
            spread = (f"; wall-time ratios of the pairs: quartiles {low:.2f}–{high:.2f}, adapt faster in "
                      f"{sum(r < 1 for r in ratios)} of {len(ratios)}")
        notes.append(f"- {name}: adapt made {first['replacements']} replacements with {first['terms']} terms "
                     f"({first['near_misses']} near misses reported); post-import baseline RSS "
                     f"{statistics.median(r['baseline_mb'] for r in runs['adapt']):.1f} MB{spread}")
    return "\n".join(lines + [""] + notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=Path(tempfile.gettempdir()) / "curriculum-kit-bench")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--profile", action="store_true", help="then profile adapt once per input (cProfile)")
    parser.add_argument("--worker", nargs=4, metavar=("MODE", "SOURCE", "OUTPUT", "TERMS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        mode, *paths = args.worker
        return worker(mode, *map(Path, paths))
    outdir = args.outdir
    if not all((outdir / name).exists() for name in (*INPUTS, TERMS)):
        print(f"generating inputs in {outdir} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "make_large.py"), str(outdir)], check=True, stdout=sys.stderr)
    (outdir / "out").mkdir(exist_ok=True)
    results = {}
    for name in INPUTS:
        runs = results[name] = {"floor": [], "adapt": []}
        for attempt in range(args.repeat):
            for mode in ("floor", "adapt") if attempt % 2 == 0 else ("adapt", "floor"):
                run = measure(mode, outdir / name, outdir / "out" / f"{mode}-{name}", outdir / TERMS)
                runs[mode].append(run)
                print(f"{name} {mode} #{attempt + 1}: {run['seconds']:.3f} s, peak {run['peak_mb']:.1f} MB",
                      file=sys.stderr)
    print(report(results, outdir, args.repeat))
    if args.profile:
        for name in INPUTS:
            profile(outdir / name, outdir / "out" / f"profile-{name}", outdir / TERMS)


if __name__ == "__main__":
    main()
