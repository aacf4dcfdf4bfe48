#!/usr/bin/env python3
"""Measure `adapt` against the floor, side by side, on large and dense generated inputs.

The floor is the least any lxml-based rewrite of a package must do: unzip, parse every XML
part, serialise it, write a new deflated zip. `adapt` does the terminology work on top of
that, but copies untouched entries (images, styles, ...) as their compressed bytes.

Comparisons (each on inputs made by make_large.py, generated when missing):
- floor vs adapt with 200 terms, on the large guide and deck (about a third of paragraphs,
  slides and notes hold a term) and on the dense ones (most paragraphs, every slide and
  every notes page hold several);
- adapt with 200 terms vs adapt with 2,000 terms (the same 200 first) on the dense inputs:
  the cost of a long term list.

Each measurement runs in a fresh subprocess (so its peak RSS is its own), the two sides of a
comparison in pairs, back to back, taking turns to go first, and a ratio is the median of
the pairs' ratios (a shared VM drifts between faster and slower spells; both runs of a pair
see the same one). Two times are taken: the *work* (wall clock inside the process, from
before the input is opened until the output is closed; for adapt it includes reading the
terms and preparing the matcher), and the *whole process* (wall clock around the
subprocess: interpreter start, imports, work; the floor imports only lxml and zipfile,
adapt what `curriculum-kit adapt` imports). CPU time of the work counts adapt's deflate
threads too. Peak RSS is ru_maxrss after the work.

Usage: python benchmarks/bench_adapt.py [--repeat 21] [--only NAME] [--profile] [OUTDIR]
       (OUTDIR defaults to $TMPDIR/curriculum-kit-bench)
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

HERE = Path(__file__).resolve().parent
# Compiled bytecode, as an installed package has it, even where the environment says
# PYTHONDONTWRITEBYTECODE (every module compiled on every start), kept out of the checkout.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(), "curriculum-kit-pycache")}
TERMS, TERMS_2000 = "terms.csv", "terms-2000.csv"
# (label, input, side A as (mode, terms), side B): the ratio reported is B / A
COMPARISONS = [
    ("large guide", "large-guide.docx", ("floor", TERMS), ("adapt", TERMS)),
    ("large deck", "large-deck.pptx", ("floor", TERMS), ("adapt", TERMS)),
    ("dense guide", "dense-guide.docx", ("floor", TERMS), ("adapt", TERMS)),
    ("dense deck", "dense-deck.pptx", ("floor", TERMS), ("adapt", TERMS)),
    ("dense guide, 2,000 terms", "dense-guide.docx", ("adapt", TERMS), ("adapt", TERMS_2000)),
    ("dense deck, 2,000 terms", "dense-deck.pptx", ("adapt", TERMS), ("adapt", TERMS_2000)),
]
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def max_rss_mb() -> float:
    """The process's peak resident set so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


# -- the two workloads ----------------------------------------------------------------------
def floor(source: Path, output: Path) -> None:
    """Unzip, parse every XML part with lxml, serialise it, write a new zip (ZIP_DEFLATED)."""
    from lxml import etree

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


def adapt(source: Path, output: Path, terms_path: Path):
    """What `curriculum-kit adapt SOURCE -o OUTPUT --terms TERMS` does, without printing."""
    from curriculum_kit.adapting import adapt_file
    from curriculum_kit.formats.term_sources import load_terms

    return adapt_file(source, output, load_terms(Path("."), terms_csv=terms_path))


def worker(mode: str, source: Path, output: Path, terms_path: Path) -> None:
    """One measured run; prints a JSON line. The floor imports only lxml; adapt imports what
    the `adapt` command imports, before the clock starts."""
    if mode == "adapt":
        import curriculum_kit.adapting  # noqa: F401
        import curriculum_kit.cli  # noqa: F401
        import curriculum_kit.formats.library  # noqa: F401
        import curriculum_kit.report.adapt  # noqa: F401
    else:
        from lxml import etree  # noqa: F401
    baseline = max_rss_mb()
    start, cpu_start = time.perf_counter(), time.process_time()
    result = adapt(source, output, terms_path) if mode == "adapt" else floor(source, output)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    peak = max_rss_mb()
    print(json.dumps({
        "seconds": seconds, "cpu_seconds": cpu_seconds,
        "peak_mb": peak, "baseline_mb": baseline, "increase_mb": peak - baseline,
        "output_bytes": output.stat().st_size, "terms": len(result.terms) if result is not None else None,
        "replacements": sum(result.occurrences().values()) if result is not None else None,
        "near_misses": result.near_miss_count if result is not None else None,
    }))


def profile(source: Path, output: Path, terms_path: Path, top: int = 30) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(adapt, source, output, terms_path)
    for order in ("cumulative", "tottime"):
        print(f"\n### {source.name}: top {top} by {order}\n")
        pstats.Stats(profiler).strip_dirs().sort_stats(order).print_stats(top)


def split_share(source: Path, terms_path: Path) -> tuple[int, int]:
    """(replacements, how many of them span several runs) in ``source``: how dense it is."""
    from bisect import bisect_right

    from curriculum_kit.formats.term_sources import load_terms
    from curriculum_kit.ooxml.matcher import Matcher
    from curriculum_kit.ooxml.package import Package
    from curriculum_kit.ooxml.textview import read_part

    matcher, total, split = Matcher(load_terms(Path("."), terms_csv=terms_path)), 0, 0
    with Package(source) as package:
        for name in package.text_parts():
            view = read_part(package.xml(name))
            matches, _ = matcher.scan(view.text, view.barriers, view.barrier_kinds)
            total += len(matches)
            split += sum(bisect_right(view.seg_starts, m.start) != bisect_right(view.seg_starts, m.end - 1)
                         for m in matches)
    return total, split


# -- driver ---------------------------------------------------------------------------------
def measure(mode: str, source: Path, output: Path, terms: Path) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, str(source), str(output), str(terms)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=ENV)
    whole = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{mode} on {source.name} failed:\n{done.stderr}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "whole_seconds": whole}


def machine() -> str:
    from lxml import etree

    import curriculum_kit

    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            model = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{model}; {os.cpu_count()} CPUs ({affinity} usable); load average at the end {load}; "
            f"{platform.platform()}; Python {platform.python_version()} ({platform.python_implementation()}); "
            f"lxml {'.'.join(map(str, etree.LXML_VERSION))} (libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}); "
            f"curriculum-kit {curriculum_kit.__version__}")


def cell(values: list[float], digits: int) -> str:
    """Median, with the spread of the repeats when there are several."""
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f}"
    return f"{median:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def side_name(side: tuple[str, str]) -> str:
    mode, terms = side
    return "floor" if mode == "floor" else f"adapt ({'2,000' if terms == TERMS_2000 else '200'} terms)"


def report(results: dict, outdir: Path, repeat: int) -> str:
    lines = [f"Machine: {machine()}", "",
             f"Median of {repeat} runs per side (min–max in brackets), each a fresh process, run in pairs "
             "(the two sides back to back, taking turns to go first). B / A is the median of the pairs' "
             "ratios: a shared VM drifts between faster and slower spells, and both runs of a pair see the "
             "same spell.", "",
             "| comparison | measure | A | B | B / A |", "|---|---|---|---:|---:|"]
    notes = []
    for (label, name, side_a, side_b), runs in results.items():
        source = outdir / name
        with zipfile.ZipFile(source) as package:
            infos = package.infolist()
        xml = sum(1 for i in infos if i.filename.endswith((".xml", ".rels")))
        head = f"{label}: {name} ({source.stat().st_size / 1e6:.2f} MB, {len(infos)} entries, {xml} XML)"
        rows = [("work, wall (s)", "seconds", 3), ("whole process, wall (s)", "whole_seconds", 3),
                ("work, CPU (s)", "cpu_seconds", 3), ("peak RSS (MB)", "peak_mb", 1),
                ("output size (MB)", "output_bytes", 2)]
        for index, (title, key, digits) in enumerate(rows):
            scale = 1e6 if key == "output_bytes" else 1
            a_values = [run[key] / scale for run in runs["a"]]
            b_values = [run[key] / scale for run in runs["b"]]
            ratio = statistics.median(b / a for b, a in zip(b_values, a_values) if a)
            names = f"{head}<br>A = {side_name(side_a)}, B = {side_name(side_b)}" if index == 0 else ""
            lines.append(f"| {names} | {title} | {cell(a_values, digits)} | {cell(b_values, digits)} | "
                         f"**{ratio:.2f}x** |")
        ratios = [b["seconds"] / a["seconds"] for a, b in zip(runs["a"], runs["b"])]
        spread = ""
        if len(ratios) >= 4:
            low, _, high = statistics.quantiles(ratios, n=4)
            spread = (f"; work wall-time ratios of the pairs: quartiles {low:.2f}–{high:.2f}, B faster in "
                      f"{sum(r < 1 for r in ratios)} of {len(ratios)}")
        adapted = runs["b"][0]
        total, split = split_share(source, outdir / side_b[1])
        notes.append(f"- {label}: {adapted['replacements']} replacements with {adapted['terms']} terms "
                     f"({split} of the {total} made with 200 terms span several runs, {split / max(total, 1):.0%}; "
                     f"{adapted['near_misses']} near misses){spread}")
    return "\n".join(lines + [""] + notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=Path(tempfile.gettempdir()) / "curriculum-kit-bench")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--only", action="append", metavar="LABEL", help="only comparisons whose label starts so")
    parser.add_argument("--profile", action="store_true", help="then profile adapt once per input (cProfile)")
    parser.add_argument("--worker", nargs=4, metavar=("MODE", "SOURCE", "OUTPUT", "TERMS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        mode, *paths = args.worker
        return worker(mode, *map(Path, paths))
    outdir = args.outdir
    comparisons = [c for c in COMPARISONS if not args.only or any(c[0].startswith(o) for o in args.only)]
    if not all((outdir / name).exists() for name in (*{c[1] for c in COMPARISONS}, TERMS, TERMS_2000)):
        print(f"generating inputs in {outdir} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "make_large.py"), str(outdir)], check=True, stdout=sys.stderr)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "curriculum_kit")], env=ENV,
                   check=True)  # the bytecode an installed package has
    (outdir / "out").mkdir(exist_ok=True)
    results = {}
    for comparison in comparisons:
        label, name, side_a, side_b = comparison
        runs = results[comparison] = {"a": [], "b": []}
        for attempt in range(args.repeat):
            for key in ("a", "b") if attempt % 2 == 0 else ("b", "a"):
                mode, terms = side_a if key == "a" else side_b
                run = measure(mode, outdir / name, outdir / "out" / f"{key}-{name}", outdir / terms)
                runs[key].append(run)
                print(f"{label} {side_name((mode, terms))} #{attempt + 1}: {run['seconds']:.3f} s "
                      f"(whole {run['whole_seconds']:.3f} s), peak {run['peak_mb']:.1f} MB", file=sys.stderr)
    print(report(results, outdir, args.repeat))
    if args.profile:
        for name in dict.fromkeys(c[1] for c in comparisons):
            profile(outdir / name, outdir / "out" / f"profile-{name}", outdir / TERMS)


if __name__ == "__main__":
    main()
