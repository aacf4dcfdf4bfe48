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
        click.echo(f"warning: {finding} (run 'curriculum-kit validate')", err=True)


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
        for slug in slugs:
            library.overlay(slug)
        chains = {str(l.folder) for s in slugs for l in library.overlays[s].chain}
        findings = [f for f in findings
                    if not str(f.path).startswith(str(overlays_dir)) or any(str(f.path).startswith(c) for c in chains)]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if as_json:
        click.echo(json.dumps({"errors": errors, "warnings": warnings,
                               "findings": [f.to_json() for f in findings]}, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        checked = f"{len(library.modules)} modules, {len(library.overlays) if not slugs else len(slugs)} overlays"
        click.echo(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} ({checked} checked)")
    sys.exit(1 if errors else 0)


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
    result = adapt_file(source, None if dry_run else output, terms)
    if report_path is not None:
        write_json(report_path, result.to_json())
    click.echo(adapt_summary(result, dry_run, output, show_changes=dry_run))
