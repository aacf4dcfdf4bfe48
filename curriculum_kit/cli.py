"""The `curriculum-kit` command: parse options, call one library function, print.

Errors raised by the library (:class:`CurriculumKitError`) are turned into a one-line
message and exit code 1 here, and only here; click's usage errors exit 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import CurriculumKitError


class _Group(click.Group):
    """A click group that prints library errors as one line and exits 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CurriculumKitError as exc:
            click.echo(f"Error: {exc}", err=True)
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
    from .report import library_listing

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
            current = slug
            while current is not None and overlays_dir / current not in folders:  # the extends chain
                folders.append(overlays_dir / current)
                current = library.layers[current].extends if current in library.layers else None
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
    from .formats.library import load_terms
    from .ooxml.adapt import adapt_file
    from .report import adapt_summary, write_json

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
@json_option
def build_command(module_ids, counties, modules_dir, overlays_dir, out, pdf, jobs, as_json) -> None:
    """Build facilitator and participant packets for every module x county, and index.html.

    Only what changed since the last build is rebuilt. SOURCE_DATE_EPOCH pins every date,
    so the same inputs give byte-identical packets.
    """
    import os

    from .formats.library import Library
    from .package.pdf import soffice
    from .pipeline import BuildOptions, build
    from .report import build_line, build_summary

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip().isdigit():
        raise click.UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds")
    options = BuildOptions(out=out, pdf=(soffice() is not None) if pdf is None else pdf,
                           jobs=jobs or os.cpu_count() or 1, modules=module_ids, counties=counties,
                           epoch=int(epoch) if epoch is not None else None)
    library = Library.load(modules_dir, overlays_dir)
    interactive = sys.stdout.isatty() and not as_json
    seen = []

    def report(outcome) -> None:
        seen.append(outcome)
        if not as_json and not interactive:
            click.echo(build_line(outcome))

    if interactive:
        with click.progressbar(length=1, label="Building packets", show_pos=False) as bar:
            outcomes = build(library, options, report)
            bar.update(1)
        for outcome in outcomes:
            if outcome.status == "failed":
                click.echo(build_line(outcome))
    else:
        outcomes = build(library, options, report)
    summary = build_summary(outcomes, options)
    click.echo(json.dumps(summary, indent=2) if as_json else summary["text"])
    sys.exit(1 if summary["failed"] else 0)
