"""The `curriculum-kit` command: parse options, call one library function, print.

Errors raised by the library (:class:`CurriculumKitError`), and the file system's refusals
(OSError), are turned into a one-line message and exit code 1 here, and only here; click's
usage errors exit 2.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import CurriculumKitError, located


class _Group(click.Group):
    """A click group that prints library errors as one line and exits 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CurriculumKitError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except OSError as exc:  # the file system refused: a disk full, a file where a folder goes
            click.echo(f"Error: {located(exc.filename, None, exc.strerror or str(exc))}", err=True)
            ctx.exit(1)


modules_option = click.option("--modules", "modules_dir", type=click.Path(path_type=Path),
                              default=Path("base_modules"), show_default=True,
                              help="Folder of base modules.")
overlays_option = click.option("--overlays", "overlays_dir", type=click.Path(path_type=Path),
                               default=Path("county_overlays"), show_default=True,
                               help="Folder of county overlays.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curriculum-kit")
def main() -> None:
    """Adapt Regional Training Academy Linkages modules to a county and build co-branded
    training packets for Child Welfare Services and CalWORKs trainers."""


@main.command("list")
@modules_option
@overlays_option
@json_option
def list_command(modules_dir: Path, overlays_dir: Path, as_json: bool) -> None:
    """List the base modules and county overlays."""
    from .formats.library import Library
    from .report.listing import library_listing

    listing = library_listing(Library.load(modules_dir, overlays_dir))
    if as_json:
        click.echo(json.dumps(listing, indent=2))
        return
    click.echo("Modules:")
    for m in listing["modules"]:
        click.echo(f"  {m['id']:<38} {m['version']:<9} {m['level']:<15} {m['title']}")
    click.echo("Overlays:")
    for o in listing["overlays"]:
        parent = f"extends {o['extends']}" if o["extends"] else ""
        flag = "" if o["buildable"] else " (parent only)"
        click.echo(f"  {o['slug']:<38} {o['version']:<9} {o['county']}{flag}  {parent}".rstrip())
    for finding in listing["problems"]:
        click.echo(finding, err=True)
    if listing["problems"]:
        click.echo("Some folders have errors and are not listed; run 'curriculum-kit validate'.", err=True)


@main.command("validate")
@click.argument("slugs", nargs=-1)
@modules_option
@overlays_option
@json_option
def validate_command(slugs: tuple[str, ...], modules_dir: Path, overlays_dir: Path, as_json: bool) -> None:
    """Check modules and overlays; print every finding. Exit 1 if any is an error.

    With SLUGS, only those overlays (and every module) are checked.
    """
    from .formats.library import Library
    from .validate import validate

    library = Library.load(modules_dir, overlays_dir)
    findings = validate(library).items
    if slugs:
        folders: list[Path] = []
        for slug in slugs:
            if not (overlays_dir / slug).is_dir():
                library.overlay(slug)  # raises: no overlay 'x' (did you mean ...?)
            folders += [folder for folder in library.chain_folders(slug) if folder not in folders]
        findings = [f for f in findings
                    if not f.path.is_relative_to(overlays_dir) or any(f.path.is_relative_to(d) for d in folders)]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if as_json:
        click.echo(json.dumps({"errors": errors, "warnings": warnings,
                               "findings": [f.to_json() for f in findings]}, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        overlays = len(library.overlay_folders) if not slugs else len(slugs)
        checked = f"{_count(len(library.module_folders), 'module')}, {_count(overlays, 'overlay')}"
        click.echo(f"{_count(errors, 'error')}, {_count(warnings, 'warning')} ({checked} checked)")
    sys.exit(1 if errors else 0)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


@main.command("adapt")
@click.argument("source", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Adapted file to write.")
@click.option("--county", help="Take the terms of this overlay (and its parents).")
@overlays_option
@click.option("--overlay", "overlay_dir", type=click.Path(path_type=Path),
              help="Take the terms of the overlay in this folder.")
@click.option("--terms", "terms_csv", type=click.Path(path_type=Path),
              help="A terminology CSV whose rows override the overlay's.")
@click.option("--report", "report_path", type=click.Path(path_type=Path),
              help="Write every change and near miss to this JSON file.")
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would change.")
def adapt_command(source: Path, output: Path | None, county: str | None, overlays_dir: Path,
                  overlay_dir: Path | None, terms_csv: Path | None, report_path: Path | None,
                  dry_run: bool) -> None:
    """Remap every term in a .docx/.pptx (body, tables, headers, notes, masters, text boxes,
    SmartArt, charts, alt text) keeping all formatting; INPUT is never modified."""
    from .adapting import adapt_file
    from .formats.library import load_terms
    from .outputs import write_json
    from .report.adapt import adapt_summary

    if county and overlay_dir:
        raise click.UsageError("use either --county or --overlay, not both")
    if output is None and not dry_run:
        raise click.UsageError("missing -o OUTPUT (or use --dry-run)")
    terms = load_terms(overlays_dir, county, overlay_dir, terms_csv)
    result = adapt_file(source, None if dry_run else output, terms, details=bool(report_path or dry_run))
    if report_path is not None:
        write_json(report_path, result.to_json())
    click.echo(adapt_summary(result, dry_run, output, show_changes=dry_run))


@main.command("build")
@click.option("--module", "module_ids", multiple=True, metavar="ID", help="Only this module (repeatable).")
@click.option("--county", "counties", multiple=True, metavar="SLUG", help="Only this county (repeatable).")
@modules_option
@overlays_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Where packets and index.html go.")
@click.option("--pdf/--no-pdf", default=None, help="Add PDFs (default: when LibreOffice is installed).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Parallel workers (default: one per core).")
@click.option("--locked", is_flag=True, help="Fail a county whose modules.lock differs from a module (for CI).")
@click.option("--strict", is_flag=True, help="Fail (and ship no) packet with any preflight finding.")
@json_option
def build_command(module_ids: tuple[str, ...], counties: tuple[str, ...], modules_dir: Path, overlays_dir: Path,
                  out: Path, pdf: bool | None, jobs: int | None, locked: bool, strict: bool, as_json: bool) -> None:
    """Build facilitator and participant packets for every module x county, and index.html.

    Only what changed since the last build is rebuilt. SOURCE_DATE_EPOCH pins every date,
    so the same inputs give byte-identical packets.
    """
    import os

    from .formats.library import Library
    from .package.pdf import soffice
    from .pipeline import BuildOptions, build, planned_pairs
    from .report.build import build_line, build_summary

    options = BuildOptions(out=out, pdf=(soffice() is not None) if pdf is None else pdf,
                           jobs=jobs or os.cpu_count() or 1, modules=module_ids, counties=counties,
                           epoch=_source_date_epoch(), locked=locked, strict=strict)
    library = Library.load(modules_dir, overlays_dir)
    if sys.stdout.isatty() and not as_json:
        with click.progressbar(length=planned_pairs(library, options), label="Building packets") as bar:
            outcomes = build(library, options, lambda outcome: bar.update(1))
        for outcome in outcomes:
            if outcome.status == "failed" or outcome.warnings:
                click.echo(build_line(outcome))
    else:  # a log or a pipe: one plain line per county and module as it finishes
        outcomes = build(library, options, lambda outcome: None if as_json else click.echo(build_line(outcome)))
    summary = build_summary(outcomes, options)
    click.echo(json.dumps(summary, indent=2) if as_json else summary["text"])
    sys.exit(1 if summary["failed"] else 0)


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
def check_command(paths: tuple[Path, ...], as_json: bool) -> None:
    """Preflight documents: .docx/.pptx files, packet zips, a build's output folder or an
    academy module folder. Prints each finding with its place and fix; exit 1 if any."""
    from .preflight.files import check_paths
    from .report.check import check_report

    issues, checked = check_paths(list(paths))
    report = check_report(issues, checked)
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])
    sys.exit(1 if issues else 0)


@main.group("overlay")
def overlay_group() -> None:
    """Create a county overlay, or compare two versions of one."""


@overlay_group.command("new")
@click.argument("slug")
@click.option("--extends", "parent", metavar="PARENT", help="The overlay it builds on (e.g. california-statewide).")
@click.option("--county", metavar="NAME", help="The county's name (default: made from SLUG).")
@overlays_option
def overlay_new_command(slug: str, parent: str | None, county: str | None, overlays_dir: Path) -> None:
    """Create the folder SLUG in --overlays with every file a county fills in and a README for
    its staff. An existing folder is never overwritten."""
    from .errors import display_path
    from .versioning.scaffold import new_overlay

    folder = new_overlay(overlays_dir, slug, parent, county)
    names = ", ".join(p.name + "/" * p.is_dir() for p in sorted(folder.iterdir()))
    click.echo(f"Created {display_path(folder)}: {names}")
    click.echo(f"Fill in what says TODO (see README.md there), then run 'curriculum-kit validate {slug}'.")


@overlay_group.command("diff")
@click.argument("old")
@click.argument("new")
@overlays_option
@json_option
@click.option("--changelog", is_flag=True, help="Print an entry for the overlay's CHANGELOG.md instead.")
def overlay_diff_command(old: str, new: str, overlays_dir: Path, as_json: bool, changelog: bool) -> None:
    """What changed from OLD to NEW, and whether the version bump fits. Exit 1 if it does not.

    OLD and NEW are overlay folders, overlay names in --overlays, or NAME@GITREF: the overlay
    as it was at a git commit, tag or branch (read with git, nothing is checked out).
    """
    from .report.versioning import render_changelog, render_diff
    from .versioning.overlay_diff import diff_overlays

    if as_json and changelog:
        raise click.UsageError("use either --json or --changelog, not both")
    diff = diff_overlays(old, new, overlays_dir)
    if as_json:
        click.echo(json.dumps(diff.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_changelog(diff) if changelog else render_diff(diff))
    if changelog and not diff.bump.adequate:
        click.echo(diff.bump.message, err=True)
    sys.exit(0 if diff.bump.adequate else 1)


@main.command("lock")
@click.argument("slug")
@click.option("--module", "module_ids", multiple=True, metavar="ID", help="Only this module (repeatable).")
@modules_option
@overlays_option
def lock_command(slug: str, module_ids: tuple[str, ...], modules_dir: Path, overlays_dir: Path) -> None:
    """Lock SLUG to the current modules: writes SLUG/modules.lock and, for 'outdated', a
    snapshot of each module in SLUG/.lock/. Nothing else is written."""
    from .formats.library import Library
    from .report.versioning import render_lock
    from .versioning.lock import lock_overlay

    click.echo(render_lock(lock_overlay(Library.load(modules_dir, overlays_dir), slug, module_ids)))


@main.command("outdated")
@click.argument("slugs", nargs=-1)
@modules_option
@overlays_option
@json_option
def outdated_command(slugs: tuple[str, ...], modules_dir: Path, overlays_dir: Path, as_json: bool) -> None:
    """What changed upstream in the modules each county locked, and what it means for the county.

    Without SLUGS, every overlay with a modules.lock. Exit 1 if a locked module is gone.
    """
    from .formats.library import Library
    from .report.versioning import render_outdated
    from .versioning.outdated import outdated

    report = outdated(Library.load(modules_dir, overlays_dir), slugs)
    click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False) if as_json else render_outdated(report))
    for slug, module in report.deleted:
        click.echo(f"Error: {slug} locks {module}, which is no longer published", err=True)
    sys.exit(1 if report.deleted else 0)


@main.command("coverage")
@click.argument("slug")
@click.option("--module", "module_ids", multiple=True, metavar="ID", help="Only this module (repeatable).")
@modules_option
@overlays_option
@json_option
def coverage_command(slug: str, module_ids: tuple[str, ...], modules_dir: Path, overlays_dir: Path,
                     as_json: bool) -> None:
    """Terminology rows of SLUG never found in the modules, and words it may want to map."""
    from .formats.library import Library
    from .report.versioning import render_coverage
    from .versioning.coverage import coverage

    report = coverage(Library.load(modules_dir, overlays_dir), slug, module_ids)
    click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False) if as_json else render_coverage(report))


def _source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH in seconds, None when unset: it pins every date written into outputs."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip().isdigit():
        raise click.UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds")
    return int(epoch) if epoch is not None else None


@main.command("plan")
@click.argument("slug")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="The plan's calendar year.")
@click.option("--sessions-per-month", type=click.IntRange(min=1), default=2, show_default=True,
              help="At most this many Linkages sessions in a month (up to 8).")
@click.option("--new-hire-every", type=click.IntRange(min=1), default=3, show_default=True, metavar="N-MONTHS",
              help="Start a new-hire core cohort every N months (up to 12).")
@click.option("--start-time", type=click.DateTime(["%H:%M"]), default="09:00", show_default=True,
              help="When sessions start (HH:MM, Pacific time).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: ./plan-SLUG-YEAR/).")
@modules_option
@overlays_option
def plan_command(slug: str, year: int, sessions_per_month: int, new_hire_every: int, start_time: datetime,
                 out: Path | None, modules_dir: Path, overlays_dir: Path) -> None:
    """The county's annual Linkages training plan: sessions in teaching order, the new-hire core
    repeated, refreshers, co-facilitator pairs, dates on working days. Writes a Word plan to
    sign, a CSV and an iCalendar file (SOURCE_DATE_EPOCH pins their dates)."""
    from .planning.plan import plan_year
    from .planning.schedule import PlanOptions
    from .report.planning import plan_summary

    options = PlanOptions(year, sessions_per_month, new_hire_every, start_time.time())
    click.echo(plan_summary(plan_year(modules_dir, overlays_dir, slug, options, out, _source_date_epoch())))


@main.command("attendance")
@click.argument("signins", metavar="SIGNINS.csv", type=click.Path(path_type=Path))
@click.option("--county", metavar="SLUG", help="Read this county's program names (DCFS, ETA) and colours.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Report as of this date (default: today).")
@click.option("--threshold", type=click.FloatRange(0, 0.5, min_open=True), default=0.3, show_default=True,
              help="Flag a session where one program has a smaller share of the attendees.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: ./attendance-COUNTY-DATE/).")
@modules_option
@overlays_option
@json_option
def attendance_command(signins: Path, county: str | None, as_of: datetime | None, threshold: float, out: Path | None,
                       modules_dir: Path, overlays_dir: Path, as_json: bool) -> None:
    """Who attended Linkages training, from sign-in records (name,program,module,date and optional
    session,email,hire_date): sessions with one program missing or under the threshold, new hires
    without the orientation, refreshers due. Rows that cannot be counted are listed as warnings."""
    from datetime import date

    from .planning.attendance_report import attendance_report
    from .report.planning import attendance_summary

    result = attendance_report(signins, modules_dir, overlays_dir, county,
                               as_of.date() if as_of else date.today(), threshold, out)
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    click.echo(json.dumps(result.data, indent=2, ensure_ascii=False) if as_json else attendance_summary(result))
