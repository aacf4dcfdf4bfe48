"""The `curriculum-kit` command: parse options, call one library function, print.

Errors raised by the library (:class:`CurriculumKitError`), and the file system's refusals
(OSError), are turned into a one-line message and exit code 1 here, and only here; click's
usage errors exit 2.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import CurriculumKitError, located
from .formats.folders import find_project_file
from .wording import count_text

if TYPE_CHECKING:
    from .versioning.module_diff import ModuleDiff


def _completion(name: str) -> Any:
    """A shell-completion callback that loads the completion module only on a Tab press."""
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> Any:
        from . import completion

        return getattr(completion, name)(ctx, param, incomplete)
    return complete


county_slugs, module_ids, module_versions, overlay_versions = (
    _completion(name) for name in ("county_slugs", "module_ids", "module_versions", "overlay_versions"))


class _Group(click.Group):
    """A click group that prints library errors as one line and exits 1, and takes the
    defaults of its options from the nearest curriculum-kit.toml."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        project, problem = None, None
        path = find_project_file(Path.cwd()) if parent is None and "default_map" not in extra else None
        if path is not None:  # the project machinery is loaded only for a project
            from .cli_settings import default_map
            from .formats.project import load_project

            try:
                project = load_project(path)
                extra["default_map"] = default_map(self, project)
            except CurriculumKitError as exc:  # reported when a command runs; --help still works
                problem = exc
        ctx = super().make_context(info_name, args, parent, **extra)
        ctx.meta["curriculum_kit.project"] = project
        ctx.meta["curriculum_kit.project_error"] = problem
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        # Stopped by a kill (`timeout`, a scheduler), unwind as after Ctrl+C: a file being
        # written is then removed, never left half-written beside the output. (Only this
        # process: a build's workers and LibreOffice's helpers stop as they always did.)
        previous = signal.signal(signal.SIGTERM, partial(_stopped, os.getpid()))
        try:
            problem = ctx.meta.get("curriculum_kit.project_error")
            if problem is not None:
                raise problem
            return super().invoke(ctx)
        except CurriculumKitError as exc:
            for line in exc.lines():
                click.echo(f"Error: {line}", err=True)
            ctx.exit(1)
        except OSError as exc:  # the file system refused: a disk full, a file where a folder goes
            click.echo(f"Error: {located(exc.filename, None, exc.strerror or str(exc))}", err=True)
            ctx.exit(1)
        finally:
            signal.signal(signal.SIGTERM, previous)


def _stopped(pid: int, signum: int, frame: object) -> None:
    if os.getpid() != pid:  # a forked worker: stop at once, as without this handler
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise SystemExit(128 + signum)


# A path as typed; the library opens it and says what is wrong in one line naming it (click's
# own check of an unreadable file was a usage error, exit 2, over four lines).
PATH = click.Path(path_type=Path, readable=False)
modules_option = click.option("--modules", "modules_dir", type=PATH,
                              default=Path("base_modules"), show_default=True, envvar="CURRICULUM_KIT_MODULES",
                              help="Folder of base modules (or 'modules' in curriculum-kit.toml).")
overlays_option = click.option("--overlays", "overlays_dir", type=PATH,
                               default=Path("county_overlays"), show_default=True,
                               envvar="CURRICULUM_KIT_OVERLAYS",
                               help="Folder of county overlays (or 'overlays' in curriculum-kit.toml).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
html_option = click.option("--html", "html_path", type=PATH, metavar="FILE",
                           help="Also write the comparison as a page to read in a browser (with --diff).")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curriculum-kit")
def main() -> None:
    """Adapt Regional Training Academy Linkages modules to a county and build co-branded
    training packets for Child Welfare Services and CalWORKs trainers."""


@main.command("list")
@modules_option
@overlays_option
@json_option
@click.pass_context
def list_command(ctx: click.Context, modules_dir: Path, overlays_dir: Path, as_json: bool) -> None:
    """List the base modules and county overlays, and which project file and folders are in use."""
    from .cli_settings import settings_in_use
    from .formats.library import Library
    from .report.listing import library_listing

    listing = library_listing(Library.load(modules_dir, overlays_dir))
    listing["settings"] = settings_in_use(ctx)
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
    for row in listing["settings"]:
        source = f"  ({row['source']})" if row["source"] else ""
        click.echo(f"{row['setting'] + ':':<17} {row['value']}{source}")
    for finding in listing["problems"]:
        click.echo(finding, err=True)
    if listing["problems"]:
        click.echo("Some folders have errors and are not listed; run 'curriculum-kit validate'.", err=True)


@main.command("validate")
@click.argument("slugs", nargs=-1, shell_complete=county_slugs)
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
        checked = f"{count_text(len(library.module_folders), 'module')}, {count_text(overlays, 'overlay')}"
        click.echo(f"{count_text(errors, 'error')}, {count_text(warnings, 'warning')} ({checked} checked)")
    sys.exit(1 if errors else 0)


@main.command("adapt")
@click.argument("source", metavar="INPUT", type=PATH)
@click.option("-o", "--output", type=PATH, help="Adapted file to write.")
@click.option("--county", help="Take the terms of this overlay (and its parents).", shell_complete=county_slugs)
@overlays_option
@click.option("--overlay", "overlay_dir", type=PATH,
              help="Take the terms of the overlay in this folder.")
@click.option("--terms", "terms_csv", type=PATH,
              help="A terminology CSV whose rows override the overlay's.")
@click.option("--report", "report_path", type=PATH,
              help="Write every change and near miss to this JSON file.")
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would change.")
def adapt_command(source: Path, output: Path | None, county: str | None, overlays_dir: Path,
                  overlay_dir: Path | None, terms_csv: Path | None, report_path: Path | None,
                  dry_run: bool) -> None:
    """Remap every term in a .docx/.pptx (body, tables, headers, notes, masters, text boxes,
    SmartArt, charts, alt text) keeping all formatting; INPUT is never modified."""
    from .adapting import adapt_file
    from .formats.term_sources import load_terms
    from .report.adapt import adapt_summary

    if county and overlay_dir:
        raise click.UsageError("use either --county or --overlay, not both")
    if output is None and not dry_run:
        raise click.UsageError("missing -o OUTPUT (or use --dry-run)")
    terms = load_terms(overlays_dir, county, overlay_dir, terms_csv)
    read_only = [overlay_dir] if overlay_dir else [overlays_dir] if county else []
    result = adapt_file(source, None if dry_run else output, terms, details=dry_run, report=report_path,
                        inputs=[("--terms", terms_csv)] if terms_csv else [], read_only=read_only)
    click.echo(adapt_summary(result, dry_run, output, show_changes=dry_run))


@main.command("build")
@click.option("--module", "module_ids", multiple=True, metavar="ID", help="Only this module (repeatable).",
              shell_complete=module_ids)
@click.option("--county", "counties", multiple=True, metavar="SLUG", help="Only this county (repeatable).",
              shell_complete=county_slugs)
@modules_option
@overlays_option
@click.option("--out", type=PATH, default=Path("dist"), show_default=True,
              envvar="CURRICULUM_KIT_OUT", help="Where packets and index.html go.")
@click.option("--pdf/--no-pdf", default=None, envvar="CURRICULUM_KIT_PDF",
              help="Add PDFs (default: when LibreOffice is installed).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, envvar="CURRICULUM_KIT_JOBS",
              help="Parallel workers (default: one per core).")
@click.option("--locked", is_flag=True, help="Fail a county whose modules.lock differs from a module (for CI).")
@click.option("--plan", "plan_csv", type=PATH, metavar="PLAN.csv",
              help="Packets for each session of this plan (from 'plan'): its date, room and co-facilitators.")
@click.option("--session", metavar="ID", help="With --plan: only this session (e.g. 2027-core1-linkages-orientation).")
@click.option("--export", is_flag=True,
              help="Also package the participant material for learning management systems (Common Cartridge, SCORM 1.2).")
@click.option("--strict", is_flag=True, help="Fail (and ship no) packet with any preflight finding.")
@json_option
def build_command(module_ids: tuple[str, ...], counties: tuple[str, ...], modules_dir: Path, overlays_dir: Path,
                  out: Path, pdf: bool | None, jobs: int | None, locked: bool, plan_csv: Path | None,
                  session: str | None, export: bool, strict: bool, as_json: bool) -> None:
    """Build facilitator and participant packets for every module x county, and index.html.

    With --plan, one facilitator and participant packet per planned session instead, in
    OUT/COUNTY/sessions/SESSION_ID/. Only what changed since the last build is rebuilt.
    SOURCE_DATE_EPOCH pins every date, so the same inputs give byte-identical packets.
    """
    from .formats.library import Library
    from .package.pdf import soffice
    from .pipeline import BuildOptions, build, planned_pairs
    from .report.build import build_line, build_summary

    options = BuildOptions(out=out, pdf=(soffice() is not None) if pdf is None else pdf,
                           jobs=jobs or os.cpu_count() or 1, modules=module_ids, counties=counties,
                           epoch=_source_date_epoch(), locked=locked, plan=plan_csv, session=session,
                           export=export, strict=strict)
    if session and plan_csv is None:
        raise click.UsageError("--session needs --plan PLAN.csv")
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


@main.command("export")
@click.argument("slug")
@click.option("--module", "module_id", required=True, metavar="ID", help="The module to export.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["cc", "scorm12"]),
              help="cc: IMS Common Cartridge 1.3 (.imscc); scorm12: SCORM 1.2 (.zip). Repeatable; default both.")
@modules_option
@overlays_option
@click.option("--out", type=PATH, default=Path("."), show_default=True,
              help="Folder the packages are written to.")
@click.option("--pdf/--no-pdf", default=None, help="Add PDFs of the documents (default: when LibreOffice is installed).")
def export_command(slug: str, module_id: str, formats: tuple[str, ...], modules_dir: Path, overlays_dir: Path,
                   out: Path, pdf: bool | None) -> None:
    """Package a module's participant material for the county SLUG for a learning management
    system: handouts, agenda, contacts and org chart behind a start page in the county's words."""
    from .errors import display_path
    from .formats.library import Library
    from .package.lms_content import FORMATS
    from .package.pdf import soffice
    from .pipeline import export_module

    library = Library.load(modules_dir, overlays_dir)
    chosen = tuple(f for f in FORMATS if f in formats) if formats else tuple(FORMATS)
    written = export_module(library, slug, module_id, chosen, out,
                            (soffice() is not None) if pdf is None else pdf, _source_date_epoch())
    for path in written:
        click.echo(f"Wrote {display_path(path)}")


@main.group("module")
def module_group() -> None:
    """Work with base modules: start a module.toml for an academy module, compare two versions."""


@module_group.command("init")
@click.argument("folder", type=PATH)
@click.option("--id", "module_id", metavar="ID", help="The module's id (default: made from the folder's name).")
@click.option("--level", type=click.Choice(["orientation", "nuts-and-bolts", "advanced"]),
              help="The module's level in the Linkages sequence (lesson 2).")
@click.option("--title", metavar="TITLE", help="The module's title (default: the deck's first slide title).")
def module_init_command(folder: Path, module_id: str | None, level: str | None, title: str | None) -> None:
    """Write FOLDER/module.toml from the academy's Word and PowerPoint files in FOLDER: the deck,
    the facilitator guide, the handouts, title, version and length. Prints what it guessed and
    what to check. An existing module.toml is never overwritten."""
    from .report.modules import render_module_init
    from .versioning.module_init import init_module

    click.echo(render_module_init(init_module(folder, module_id, level, title)))


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=PATH)
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
@click.option("--extends", "parent", metavar="PARENT", help="The overlay it builds on (e.g. california-statewide).",
              shell_complete=county_slugs)
@click.option("--county", metavar="NAME", help="The county's name (default: made from SLUG).")
@click.option("--xlsx", "workbook", is_flag=True,
              help="Keep terminology, contacts and org chart as the sheets of one overlay.xlsx instead of CSV files.")
@overlays_option
@click.pass_context
def overlay_new_command(ctx: click.Context, slug: str, parent: str | None, county: str | None, workbook: bool,
                        overlays_dir: Path) -> None:
    """Create the folder SLUG in --overlays with every file a county fills in and a README for
    its staff. An existing folder is never overwritten."""
    from .errors import display_path
    from .versioning.scaffold import new_overlay

    folder = new_overlay(overlays_dir, slug, parent, county, workbook)
    names = ", ".join(p.name + "/" * p.is_dir() for p in sorted(folder.iterdir()))
    click.echo(f"Created {display_path(folder)}: {names}")
    given = _given_on_command_line(ctx, ("overlays_dir",))
    click.echo(f"Fill in what says TODO (see README.md there), then run 'curriculum-kit validate {slug}{given}'.")


def _given_on_command_line(ctx: click.Context, names: tuple[str, ...]) -> str:
    """' --overlays DIR' for each of ``names`` typed on the command line, to repeat in a hint."""
    import shlex

    from click.core import ParameterSource

    given = ""
    for param in ctx.command.params:
        if param.name in names and ctx.get_parameter_source(param.name) == ParameterSource.COMMANDLINE:
            given += f" {param.opts[0]} {shlex.quote(str(ctx.params[param.name]))}"
    return given


@overlay_group.command("diff")
@click.argument("old", shell_complete=overlay_versions)
@click.argument("new", shell_complete=overlay_versions)
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
@click.argument("slug", shell_complete=county_slugs)
@click.option("--module", "module_ids", multiple=True, metavar="ID", help="Only this module (repeatable).",
              shell_complete=module_ids)
@click.option("--allow-downgrade", is_flag=True, help="Accept a module older than the one locked.")
@modules_option
@overlays_option
def lock_command(slug: str, module_ids: tuple[str, ...], allow_downgrade: bool, modules_dir: Path,
                 overlays_dir: Path) -> None:
    """Lock SLUG to the current modules: writes SLUG/modules.lock and, for 'outdated', a
    snapshot of each module (with its text) in SLUG/.lock/. Nothing else is written."""
    from .formats.library import Library
    from .report.versioning import render_lock
    from .versioning.lock import lock_overlay

    library = Library.load(modules_dir, overlays_dir)
    click.echo(render_lock(lock_overlay(library, slug, module_ids, allow_downgrade)))


@main.command("outdated")
@click.argument("slugs", nargs=-1, shell_complete=county_slugs)
@click.option("--diff", "show_diff", is_flag=True,
              help="Show what changed, paragraph by paragraph and slide by slide (one SLUG).")
@html_option
@modules_option
@overlays_option
@json_option
def outdated_command(slugs: tuple[str, ...], show_diff: bool, html_path: Path | None, modules_dir: Path,
                     overlays_dir: Path, as_json: bool) -> None:
    """What changed upstream in the modules each county locked, and what it means for the county.

    Without SLUGS, every overlay with a modules.lock. Exit 1 if a locked module is gone.
    With --diff, the text of each changed module compared with the one locked.
    """
    from .formats.library import Library
    from .report.versioning import render_outdated
    from .versioning.outdated import outdated

    if show_diff or html_path:
        if len(slugs) != 1 or not show_diff:
            raise click.UsageError("--diff takes exactly one SLUG (and --html needs --diff)")
        from .versioning.module_review import review_lock

        _check_html(html_path, modules_dir, overlays_dir)
        _show_module_diffs(review_lock(Library.load(modules_dir, overlays_dir), slugs[0]), html_path, as_json,
                           f"{slugs[0]}: every locked module is current")
        return
    report = outdated(Library.load(modules_dir, overlays_dir), slugs)
    click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False) if as_json else render_outdated(report))
    for slug, module in report.deleted:
        click.echo(f"Error: {slug} locks {module}, which is no longer published", err=True)
    sys.exit(1 if report.deleted else 0)


@main.command("coverage")
@click.argument("slug", shell_complete=county_slugs)
@click.option("--module", "module_ids", multiple=True, metavar="ID", help="Only this module (repeatable).",
              shell_complete=module_ids)
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


@module_group.command("diff")
@click.argument("old", shell_complete=module_versions)
@click.argument("new", shell_complete=module_versions)
@click.option("--county", metavar="SLUG", shell_complete=county_slugs,
              help="Also say which of this county's terms and placements the changes touch.")
@html_option
@modules_option
@overlays_option
@json_option
def module_diff_command(old: str, new: str, county: str | None, html_path: Path | None, modules_dir: Path,
                        overlays_dir: Path, as_json: bool) -> None:
    """What changed from OLD to NEW, paragraph by paragraph and slide by slide (speaker notes
    included), with the changed words marked.

    OLD and NEW are module folders, module ids in --modules, or ID@GITREF: the module as it
    was at a git commit, tag or branch (read with git, nothing is checked out).
    """
    from .formats.library import Library
    from .versioning.module_review import review_module

    _check_html(html_path, modules_dir, overlays_dir)
    library = Library.load(modules_dir, overlays_dir, modules=False) if county else None
    _show_module_diffs([review_module(old, new, modules_dir, library, county)], html_path, as_json, "")


def _check_html(html_path: Path | None, modules_dir: Path, overlays_dir: Path) -> None:
    """--html may not land in the folders the command reads (it replaced a module's deck)."""
    if html_path is not None:
        from .outputs import check_outputs

        check_outputs([("--html", html_path)], read_only=[modules_dir, overlays_dir])


def _show_module_diffs(diffs: list[ModuleDiff], html_path: Path | None, as_json: bool, when_none: str) -> None:
    from .errors import display_path
    from .outputs import atomic_output
    from .report.module_diff import module_diff_html, render_module_diff

    if html_path is not None:
        with atomic_output(html_path) as stream:
            stream.write(module_diff_html(diffs).encode("utf-8"))
    if as_json:
        click.echo(json.dumps([d.to_json() for d in diffs], indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(render_module_diff(d) for d in diffs) or when_none)
        if html_path is not None:
            click.echo(f"Wrote {display_path(html_path)}")


def _source_date_epoch() -> int | None:
    from .outputs import source_date_epoch  # here: `--version` and `adapt` start without it

    return source_date_epoch()


@main.command("plan")
@click.argument("slug", shell_complete=county_slugs)
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="The plan's calendar year.")
@click.option("--sessions-per-month", type=click.IntRange(min=1), default=2, show_default=True,
              help="At most this many Linkages sessions in a month (up to 8).")
@click.option("--new-hire-every", type=click.IntRange(min=1), default=3, show_default=True, metavar="N-MONTHS",
              help="Start a new-hire core cohort every N months (up to 12).")
@click.option("--start-time", type=click.DateTime(["%H:%M"]), default="09:00", show_default=True,
              help="When sessions start (HH:MM, Pacific time).")
@click.option("--out", type=PATH, help="Output folder (default: ./plan-SLUG-YEAR/).")
@click.option("--from", "edited", type=PATH, metavar="PLAN.csv",
              help="Regenerate the Word plan and calendar from this plan CSV, as staff edited it.")
@click.option("--previous", type=PATH, metavar="PLAN.ics",
              help="The calendar sent out before (default: the .ics in --out), for SEQUENCE and cancellations.")
@modules_option
@overlays_option
def plan_command(slug: str, year: int, sessions_per_month: int, new_hire_every: int, start_time: datetime,
                 out: Path | None, edited: Path | None, previous: Path | None, modules_dir: Path,
                 overlays_dir: Path) -> None:
    """The county's annual Linkages training plan: sessions in teaching order, the new-hire core
    repeated, refreshers, co-facilitator pairs, dates on working days. Writes a Word plan to
    sign, a CSV staff may edit and an iCalendar file (SOURCE_DATE_EPOCH pins their dates).
    With --from, the plan comes from the edited CSV, every row checked; nothing is written
    when a row breaks a rule."""
    from .planning.plan import plan_year
    from .planning.schedule import PlanOptions
    from .report.planning import plan_summary

    options = PlanOptions(year, sessions_per_month, new_hire_every, start_time.time())
    click.echo(plan_summary(plan_year(modules_dir, overlays_dir, slug, options, out, _source_date_epoch(),
                                      edited, previous)))


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """--as-of in any date format a sign-in file may use."""
    from .planning.signins import parse_day  # imported here: only `attendance` needs it

    if value is None:
        return None
    day = parse_day(value)
    if day is None:
        raise click.BadParameter(f"'{value}' is not a date (write 2027-03-02 or 3/2/2027)")
    return day


def _share(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """--threshold: a share; 'nan' passes click's range (every comparison with it is false)
    and would turn the check off unseen."""
    if value != value:
        raise click.BadParameter("'nan' is not a share; give a number such as 0.3")
    return value


@main.command("attendance")
@click.argument("signins", metavar="SIGNINS.csv", type=PATH)
@click.option("--county", metavar="SLUG", help="Read this county's program names (DCFS, ETA) and colours.",
              shell_complete=county_slugs)
@click.option("--as-of", callback=_as_of, metavar="DATE",
              help="Report as of this date, written as in the file: 2027-06-30, 6/30/2027 (default: today).")
@click.option("--plan", "plan_csv", type=PATH, metavar="PLAN.csv",
              help="Report each session of the county's plan: who came, which had no sign-ins, who co-facilitated.")
@click.option("--threshold", type=click.FloatRange(0, 0.5, min_open=True), default=0.3, show_default=True, callback=_share,
              help="Flag a session where one program has a smaller share of the attendees.")
@click.option("--out", type=PATH, help="Output folder (default: ./attendance-COUNTY-DATE/).")
@modules_option
@overlays_option
@json_option
def attendance_command(signins: Path, county: str | None, as_of: date | None, plan_csv: Path | None,
                       threshold: float, out: Path | None, modules_dir: Path, overlays_dir: Path,
                       as_json: bool) -> None:
    """Who attended Linkages training, from sign-in records (name,program,module,date and optional
    session,email,hire_date): sessions with one program missing or under the threshold, new hires
    without the orientation, refreshers due. Rows that cannot be counted are listed as warnings."""
    from .planning.attendance_report import attendance_report
    from .report.planning import attendance_summary

    result = attendance_report(signins, modules_dir, overlays_dir, county, as_of or date.today(), threshold, out,
                               plan_csv)
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    click.echo(json.dumps(result.data, indent=2, ensure_ascii=False) if as_json else attendance_summary(result))
