"""An overlay as it is in a folder, or as it was at a git commit, tag or branch.

``SLUG@REF`` (or ``FOLDER@REF``) is read with ``git archive`` into a temporary folder —
never by checking anything out, so the county's working copy is not touched — and then
loaded with the normal loaders. Its parent overlay (``extends``) is read at the same ref.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import CurriculumKitError, GitError, InputError
from ..findings import Findings
from ..formats.folders import OVERLAY_FILE
from ..formats.module import ID_PATTERN
from ..formats.overlay import Layer, load_layer
from ..formats.sources import suggest


@dataclass(frozen=True)
class OverlayVersion:
    label: str  # what the user typed: 'alder-county@v2.1.0' or a folder
    layer: Layer
    parent: Layer | None  # the parent overlay at the same place and ref, when there is one
    day: date | None  # the commit's date, for a git ref


@contextmanager
def overlay_version(spec: str, overlays_dir: Path) -> Iterator[OverlayVersion]:
    """The overlay named by ``spec``; files of a git ref live only while the context is open."""
    name, at, ref = spec.partition("@")
    folder = Path(name) if Path(name).is_dir() or not ID_PATTERN.fullmatch(name) else overlays_dir / name
    if not at:
        layer = _load(folder)
        yield OverlayVersion(spec, layer, _parent(layer), None)
        return
    repo = _repository(folder, spec)
    commit = _commit(repo, ref)
    relative = folder.resolve().relative_to(repo)
    with tempfile.TemporaryDirectory(prefix="ck-git-") as temp:
        root = Path(temp)
        if not _extract(repo, commit, relative, root):
            raise GitError(f"there is no overlay {relative.as_posix()} at '{ref}' (commit {commit[:7]})")
        try:
            layer = _load(root / relative)
            if layer.extends:
                _extract(repo, commit, relative.parent / layer.extends, root)
            parent = _parent(layer)
        except CurriculumKitError as exc:
            if exc.path is not None and Path(exc.path).is_relative_to(root):
                exc.path = f"{ref}:{Path(exc.path).relative_to(root).as_posix()}"
            raise
        day = date.fromisoformat(_git(repo, "show", "-s", "--format=%cI", commit).decode()[:10])
        yield OverlayVersion(spec, layer, parent, day)


def _load(folder: Path) -> Layer:
    """A valid overlay folder; anything else is an error naming it."""
    if not (folder / OVERLAY_FILE).is_file():
        what = "folder not found" if not folder.is_dir() else f"is not an overlay folder (no {OVERLAY_FILE})"
        raise InputError(what, folder)
    findings = Findings()
    layer = load_layer(folder, findings, check_folder_name=False)  # the slug is in overlay.toml
    findings.raise_if_errors()
    assert layer is not None  # load_layer gives None only with an error, raised just above
    return layer


def _parent(layer: Layer) -> Layer | None:
    """The overlay ``layer`` extends, from the folder next to it; None when it has none there."""
    if not layer.extends or not (layer.folder.parent / layer.extends / OVERLAY_FILE).is_file():
        return None
    return _load(layer.folder.parent / layer.extends)


def _git(repo: Path, *args: str) -> bytes:
    """git's output; a failure is a GitError with git's own last line."""
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {args[0]} failed", repo)
    return result.stdout


def _repository(folder: Path, spec: str) -> Path:
    if shutil.which("git") is None:
        raise GitError(f"git is not installed; it is needed to read '{spec}'")
    anchor = folder.resolve()
    while not anchor.is_dir():
        anchor = anchor.parent
    try:
        repo = Path(_git(anchor, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    except GitError as exc:
        why = "" if "not a git repository" in exc.message else f" ({exc.message})"
        raise GitError(f"is not in a git repository, so '{spec}' cannot be read{why}; "
                       "compare two folders instead", anchor) from None
    if not folder.resolve().is_relative_to(repo):
        raise GitError(f"is outside the git repository {repo}", folder)
    return repo


def _commit(repo: Path, ref: str) -> str:
    if ref.startswith("-") or not ref.strip():
        raise GitError(f"'{ref}' is not a git ref (a commit, tag or branch)")
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        known = _git(repo, "for-each-ref", "--format=%(refname:short)").decode().split()
        raise GitError(f"unknown git ref '{ref}'"
                       f"{suggest(ref, known) or ' (not a commit, tag or branch of this repository)'}") from None


@contextmanager
def folder_at(folder: Path, ref: str, spec: str, marker: str) -> Iterator[tuple[Path, date]]:
    """``folder`` as it was at git ``ref`` (extracted to a temporary folder while the context
    is open) and the commit's date; an error when it had no ``marker`` file there."""
    repo = _repository(folder, spec)
    commit = _commit(repo, ref)
    relative = folder.resolve().relative_to(repo)
    with tempfile.TemporaryDirectory(prefix="ck-git-") as temp:
        if not _extract(repo, commit, relative, Path(temp), marker):
            raise GitError(f"there is no {relative.as_posix()}/{marker} at '{ref}' (commit {commit[:7]})")
        day = date.fromisoformat(_git(repo, "show", "-s", "--format=%cI", commit).decode()[:10])
        yield Path(temp) / relative, day


# The most a folder read from git may hold: an overlay's files are each far under their own
# limits (a workbook 20 MB, a list 5 MB), logos and stories included.
MAX_SNAPSHOT_BYTES = 200 << 20


def _extract(repo: Path, commit: str, folder: Path, into: Path, marker: str = OVERLAY_FILE) -> bool:
    """Write ``folder`` as it is in ``commit`` under ``into``; False if it has no ``marker`` there."""
    try:
        _git(repo, "cat-file", "-e", f"{commit}:{(folder / marker).as_posix()}")
    except GitError:
        return False
    listing = _git(repo, "ls-tree", "-r", "-l", commit, "--", folder.as_posix()).decode("utf-8", "replace")
    size = sum(int(fields[3]) for line in listing.splitlines()
               if len(fields := line.split("\t", 1)[0].split()) == 4 and fields[3].isdigit())
    if size > MAX_SNAPSHOT_BYTES:  # read before it is unpacked: a commit may hold a 1.5 GB file
        raise GitError(f"{folder.as_posix()} at commit {commit[:7]} holds {size >> 20} MB; a folder of "
                       f"overlay or module files is far smaller (limit {MAX_SNAPSHOT_BYTES >> 20} MB)")
    archive = _git(repo, "archive", "--format=tar", commit, "--", folder.as_posix())
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = tar.getmembers()
        tar.extractall(into, members=[m for m in members if m.isfile() or m.isdir()], filter="data")
    for member in members:
        # A link is written as a link, never followed: the loaders then refuse it exactly as they
        # refuse one in a folder on disk (sources.not_regular), naming the file.
        target = into / member.name
        if member.issym() and not Path(member.name).is_absolute() and ".." not in Path(member.name).parts:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not os.path.lexists(target):
                os.symlink(member.linkname, target)
    return True
