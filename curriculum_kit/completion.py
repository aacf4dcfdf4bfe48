"""Shell completion (bash, zsh, fish) of the things only curriculum-kit knows: county slugs,
module ids and git refs. click completes commands and options itself.

Completion runs on every Tab press, so it reads folder names only — never a module's
documents — and a problem (no folder, no git) completes nothing instead of failing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from .formats.folders import MODULE_FILE, OVERLAY_FILE


def _folder(ctx: click.Context, name: str, fallback: str) -> Path:
    value = ctx.params.get(name)
    if value is None:
        value = ctx.lookup_default(name) or fallback
    return Path(value)


def _names(folder: Path, marker: str) -> list[str]:
    try:
        return sorted(child.name for child in folder.iterdir() if (child / marker).is_file())
    except OSError:
        return []


def _refs(folder: Path) -> list[str]:
    """HEAD, the tags (newest first), then the branches, of the git repository holding ``folder``."""
    if shutil.which("git") is None or not folder.is_dir():
        return []
    refs = ["HEAD"]
    for kind, order in (("refs/tags", "-creatordate"), ("refs/heads", "-committerdate")):
        result = subprocess.run(["git", "-C", str(folder), "for-each-ref", f"--sort={order}",
                                 "--format=%(refname:short)", kind], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return []
        refs += result.stdout.split()
    return refs


def _items(names: list[str], incomplete: str, help: str | None = None) -> list[CompletionItem]:
    return [CompletionItem(name, help=help) for name in names if name.startswith(incomplete)]


def county_slugs(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Overlay folders in --overlays (or the project file's, or the default)."""
    return _items(_names(_folder(ctx, "overlays_dir", "county_overlays"), OVERLAY_FILE), incomplete)


def module_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Module folders in --modules."""
    return _items(_names(_folder(ctx, "modules_dir", "base_modules"), MODULE_FILE), incomplete)


def _versions(folder: Path, marker: str, incomplete: str) -> list[CompletionItem]:
    """NAME, or after 'NAME@' the git refs: the two ways to name a version of an overlay or module."""
    name, at, ref = incomplete.partition("@")
    if at:
        return _items([f"{name}@{r}" for r in _refs(folder)], incomplete)
    return _items(_names(folder, marker), incomplete)


def overlay_versions(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """An overlay slug, or SLUG@GITREF (`overlay diff`)."""
    return _versions(_folder(ctx, "overlays_dir", "county_overlays"), OVERLAY_FILE, incomplete)


def module_versions(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """A module id, or ID@GITREF (`module diff`)."""
    return _versions(_folder(ctx, "modules_dir", "base_modules"), MODULE_FILE, incomplete)
