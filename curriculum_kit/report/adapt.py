"""What `adapt` prints: counts per term and kind of part, terms never found, near misses."""

from __future__ import annotations

from pathlib import Path

from ..errors import display_path
from ..ooxml.adapt import AdaptResult
from ..wording import count_text


def adapt_summary(result: AdaptResult, dry_run: bool, output: Path | None, show_changes: bool) -> str:
    """What `adapt` prints: counts per term and kind of part, terms never found, near misses."""
    lines = []
    if show_changes:
        for change in result.changes:
            lines.append(f"{change.location}: '{change.original}' -> '{change.replacement}'")
    total = sum(result.occurrences().values())
    verb = "would replace" if dry_run else "replaced"
    target = "" if dry_run or output is None else f" -> {display_path(output)}"
    lines.append(f"{display_path(result.source)}{target}: {verb} {count_text(total, 'occurrence')}")
    for term, count in sorted(result.occurrences().items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:5}  {term}")
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(result.occurrences_by_kind().items()) if count)
    if kinds:
        lines.append(f"  by part: {kinds}")
    unused = result.unused_terms()
    if unused:
        lines.append(f"  terms never found ({len(unused)}): {', '.join(unused)}")
    misses = result.near_miss_count
    if misses:
        lines.append(f"  near misses: {misses} (places a term almost matched; see --report FILE.json)")
    kept = result.already_adapted_count
    if kept:
        lines.append(f"  already adapted: {kept} (places that already read as a replacement, left alone; "
                     "see --report FILE.json)")
    return "\n".join(lines)
