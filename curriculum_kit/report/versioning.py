"""What `coverage`, `lock`, `outdated` and `overlay diff` print, as a county's staff developer reads it."""

from __future__ import annotations

from ..errors import display_path
from ..versioning.changes import GROUPS
from ..versioning.coverage import CoverageReport
from ..versioning.lock import LockResult
from ..versioning.outdated import DocumentChange, ModuleImpact, OutdatedReport
from ..versioning.overlay_diff import OverlayDiff
from ..wording import count_text

_SECTIONS = {"added": "Added", "removed": "Removed"}  # a changelog's sections; everything else is "Changed"


def render_coverage(report: CoverageReport) -> str:
    lines = [f"{report.slug}: terminology coverage in {', '.join(report.modules)}", ""]
    if report.dead:
        where = "the module" if len(report.modules) == 1 else "any of these modules"
        lines.append(f"Rows never found in {where} ({len(report.dead)}): check the spelling, or delete them")
        lines += [f"  {row.path}{':' if isinstance(row.line, int) else ': '}{row.line}  \"{row.term}\" -> "
                  f"\"{row.replacement}\"" for row in report.dead]  # a line, or a cell of a workbook
    else:
        lines.append("Every terminology row of this county is found in the modules.")
    lines.append("")
    if report.candidates:
        lines.append(f"Words you may want to map ({len(report.candidates)}), most frequent first")
        for c in report.candidates:
            lines.append(f"  {c.occurrences:4}  \"{c.term}\" ({c.kind}; {c.source})")
            lines.append(f"        e.g. \"{c.example}\"")
    else:
        lines.append("No candidate words found.")
    return "\n".join(lines)


def render_lock(result: LockResult) -> str:
    """What `lock` prints: one line per module."""
    count = sum(change.action != "dropped" for change in result.changes)
    lines = [f"{display_path(result.path)} written: {count_text(count, 'module')} locked"]
    for change in result.changes:
        entry, previous = change.entry, change.previous
        detail = {"updated": f"{previous and previous.version} -> {entry.version}",
                  "dropped": f"{entry.version} (no longer published; removed from the lock)",
                  "unchanged": f"{entry.version} (locked {entry.locked})"}.get(change.action, str(entry.version))
        lines.append(f"  {change.action:<9}  {change.module} {detail}")
    return "\n".join(lines)


def render_outdated(report: OutdatedReport) -> str:
    """The report as a county's staff developer reads it."""
    lines: list[str] = []
    for county in report.counties:
        changed = [m for m in county.modules if m.status != "current"]
        summary = "all locked modules are current" if not changed else f"{count_text(len(changed), 'module')} to review"
        lines += [f"{county.slug} ({display_path(county.lock)}): {summary}"]
        for impact in county.modules:
            lines += _module_lines(county.slug, impact)
        lines.append("")
    return "\n".join(lines).rstrip()


def _module_lines(slug: str, impact: ModuleImpact) -> list[str]:
    name = impact.module
    if impact.status == "current":
        return [f"  {name} {impact.version}: current (locked {impact.locked_on})"]
    if impact.status == "unlocked":
        return [f"  {name} {impact.version}: new upstream, not locked; review it, then run "
                f"'curriculum-kit lock {slug} --module {name}'"]
    if impact.status == "deleted":
        return [f"  {name} {impact.locked_version}: locked on {impact.locked_on} but no longer published "
                f"(not in the modules folder); run 'curriculum-kit lock {slug}' to drop it from the lock"]
    step = f"{impact.locked_version} -> {impact.version}" if impact.locked_version != impact.version else \
        f"{impact.version}, same version but its files changed"
    lines = [f"  {name}: {step} (locked {impact.locked_on})"]
    lines.append("    Documents")
    for doc in impact.documents:
        lines.append(f"      {doc.file}: {doc.status}, {_size(doc)}")
        for marker in doc.markers:
            how = "added" if not marker.before else "removed" if not marker.after else "count changed"
            lines.append(f"        marker {how:<13} {marker.name}  {marker.before} -> {marker.after}")
    if impact.terms:
        lines.append("    Your terms (occurrences in the module)")
        for shift in impact.terms:
            how = "no longer found" if not shift.after else "more often" if shift.after > shift.before else \
                "less often"
            lines.append(f"      {how:<16} \"{shift.name}\"  {shift.before} -> {shift.after}")
    else:
        lines.append("    Your terms: every term occurs as often as before")
    if impact.generic:
        lines.append("    Generic wording you do not map, now more often (consider a terminology row)")
        lines += [f"      \"{shift.name}\"  {shift.before} -> {shift.after}" for shift in impact.generic]
    lines.append(f"    To adopt it: review the packets, then run 'curriculum-kit lock {slug} --module {name}'")
    return lines


def _size(doc: DocumentChange) -> str:
    """'30 slides', '21 -> 22 pages': pages are counted from explicit page breaks."""
    counts = [n for n in (doc.before, doc.after) if n is not None]
    if len(counts) == 2 and counts[0] == counts[1]:
        counts = counts[1:]
    unit = doc.unit if counts[-1] != 1 else doc.unit.removesuffix("s")
    return f"{' -> '.join(map(str, counts))} {unit}"


def render_diff(diff: OverlayDiff) -> str:
    """The change list grouped by kind, then the version check."""
    lines = [f"{diff.new_slug} {diff.old_version} -> {diff.new_version} "
             f"(from {diff.old_label} to {diff.new_label})", ""]
    group = None
    for change in diff.changes:
        if change.group != group:
            group = change.group
            lines.append(GROUPS[group])
        lines.append(f"  {change.action:<9} {change.text}")
    count = len(diff.changes)
    lines += ["" if count else "No changes.", f"{count_text(count, 'change')}. {diff.bump.message}"]
    return "\n".join(lines)


def render_changelog(diff: OverlayDiff) -> str:
    """A Keep a Changelog entry for the overlay's CHANGELOG.md."""
    lines = [f"## [{diff.new_version}] - {diff.day.isoformat()}"]
    sections: dict[str, list[str]] = {"Added": [], "Changed": [], "Removed": []}
    for change in diff.changes:
        sections[_SECTIONS.get(change.action, "Changed")].append(f"- {GROUPS[change.group]}: {change.text}")
    if not diff.changes:
        sections["Changed"].append("- New version only; no changes to the overlay's content.")
    for title, items in sections.items():
        if items:
            lines += ["", f"### {title}", *items]
    return "\n".join(lines)
