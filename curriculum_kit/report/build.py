"""What `build` prints: a line per county and module, then the counts and the failures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import display_path
from ..package.pdf_fonts import replaced_fonts_notice
from ..pipeline import BuildOptions, Outcome
from ..wording import count_text


def build_line(outcome: Outcome) -> str:
    where = "/".join(x for x in (outcome.county, outcome.module) if x)
    if outcome.status == "failed":
        return f"FAILED {where}: {outcome.message}"
    extra = "".join(f" (warning: {w})" for w in outcome.warnings)
    if outcome.findings:
        extra += (f" ({count_text(len(outcome.findings), 'preflight finding')}: "
                  f"{outcome.findings[0]}{' …' if len(outcome.findings) > 1 else ''}; see review.html)")
    if outcome.status == "current":
        return f"up to date {where}{extra}"
    return f"built {where}: {', '.join(outcome.files)}{extra}"


def build_summary(outcomes: Sequence[Outcome], options: BuildOptions) -> dict[str, Any]:
    counts = {status: sum(o.status == status for o in outcomes) for status in ("built", "current", "failed")}
    text = (f"{counts['built']} built, {counts['current']} up to date, {counts['failed']} failed"
            f"{' (no document work needed)' if counts['current'] and not counts['built'] and not counts['failed'] else ''}"
            f"; preflight: {_findings_text(outcomes)} -> {display_path(options.out / 'index.html')}")
    replaced = {font: family for o in outcomes for font, family in o.fonts_replaced.items()}
    if replaced:  # the machine's, the same for every packet: said once
        text += "\n" + replaced_fonts_notice(replaced)
    failures = [build_line(o) for o in outcomes if o.status == "failed"]
    if failures:
        text += "\n" + "\n".join(failures)
    return {"text": text, **counts, "pdf": options.pdf, "findings": sum(len(o.findings) for o in outcomes),
            "pdf_fonts_replaced": dict(sorted(replaced.items())),
            "outcomes": [{"county": o.county, "module": o.module, "status": o.status, "message": o.message,
                          "files": o.files, "warnings": o.warnings, "findings": o.findings} for o in outcomes]}


def _findings_text(outcomes: Sequence[Outcome]) -> str:
    count = sum(len(o.findings) for o in outcomes)
    packets = sum(bool(o.findings) for o in outcomes)
    if not any(o.status != "failed" or o.findings for o in outcomes):
        return "nothing checked"  # every pair failed before its packets were made: 'no findings' misled
    if not count:
        return "no findings"
    return f"{count_text(count, 'finding')} in {count_text(packets, 'module')}"
