"""Finding the modules and overlays in their folders (``--modules`` and ``--overlays``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, InvalidInputs
from ..findings import Finding, Findings
from .folders import MODULE_FILE, OVERLAY_FILE
from .kept_layers import load_kept_layer
from .module import Module, load_module
from .overlay import Layer, Overlay, resolve
from .sources import suggest


def _subfolders(root: Path, marker: str, what: str, option: str, findings: Findings) -> list[Path]:
    if not root.is_dir():
        raise InputError(f"{what} folder not found (use {option} DIR)", root)
    folders = []
    for child in sorted(root.iterdir()):
        if not child.is_dir() or child.name.startswith((".", "_")):
            continue
        if child.is_symlink():  # as a link to a file is: the folder would not travel whole in git
            findings.error(child, f"is a symbolic link to a folder; curriculum-kit reads only {what} folders "
                           "inside the folder (move or copy the folder here instead of linking to it)")
            continue
        if (child / marker).is_file():
            folders.append(child)
        else:
            findings.error(child, f"folder has no {marker}; every {what} folder needs one")
    return folders


@dataclass
class Library:
    """All modules and overlays found under the two folders, with what was wrong."""

    modules_dir: Path
    overlays_dir: Path
    findings: Findings = field(default_factory=Findings)
    modules: dict[str, Module] = field(default_factory=dict)
    layers: dict[str, Layer] = field(default_factory=dict)
    overlays: dict[str, Overlay] = field(default_factory=dict)
    module_folders: list[Path] = field(default_factory=list)
    overlay_folders: list[Path] = field(default_factory=list)

    @classmethod
    def load(cls, modules_dir: Path, overlays_dir: Path, *, modules: bool = True,
             overlays: bool = True) -> Library:
        library = cls(Path(modules_dir), Path(overlays_dir))
        if modules:
            library._load_modules()
        if overlays:
            library._load_overlays()
        return library

    def _load_modules(self) -> None:
        self.module_folders = _subfolders(self.modules_dir, MODULE_FILE, "module", "--modules", self.findings)
        for folder in self.module_folders:
            try:
                module = load_module(folder, self.findings)
            except InputError as exc:
                self.findings.error(exc.path or folder / MODULE_FILE, exc.message, exc.line)
                continue
            if module is not None:
                self.modules[module.id] = module

    def _load_overlays(self) -> None:
        self.overlay_folders = _subfolders(self.overlays_dir, OVERLAY_FILE, "overlay", "--overlays",
                                           self.findings)
        for folder in self.overlay_folders:
            layer = load_kept_layer(folder, self.findings)
            if layer is not None:
                self.layers[layer.slug] = layer
        for slug in self.layers:
            overlay = resolve(slug, self.layers, self.findings)
            if overlay is not None:
                self.overlays[slug] = overlay

    def module(self, module_id: str) -> Module:
        """A loaded module, or an error: its own problems (an invalid module.toml), or that
        there is no such module."""
        if module_id not in self.modules:
            problems = [f for f in self.findings.errors if f.path.is_relative_to(self.modules_dir / module_id)]
            if problems and module_id not in (".", "..") and "/" not in module_id:
                raise InvalidInputs(problems)
            raise InputError(f"no module '{module_id}' in {self.modules_dir}"
                             f"{known_hint(module_id, self.modules)}")
        return self.modules[module_id]

    def module_errors(self) -> list[Finding]:
        """The errors found in the modules folder: commands that read every module stop on them."""
        return [f for f in self.findings.errors if f.path.is_relative_to(self.modules_dir)]

    def require_modules(self) -> None:
        """Stop (InvalidInputs) when any module has an error, naming each."""
        problems = self.module_errors()
        if problems:
            raise InvalidInputs(problems)

    def chain_folders(self, slug: str) -> list[Path]:
        """The folders of an overlay and of every overlay it extends, nearest first (a cycle
        ends the walk: it is reported by ``resolve``)."""
        folders: list[Path] = []
        current: str | None = slug
        while current is not None and self.overlays_dir / current not in folders:
            folders.append(self.overlays_dir / current)
            current = self.layers[current].extends if current in self.layers else None
        return folders

    def overlay(self, slug: str) -> Overlay:
        """A resolved overlay, or an error: its own problems, or those of its parents."""
        if slug in self.overlays:
            return self.overlays[slug]
        folders = self.chain_folders(slug)
        problems = [f for f in self.findings.errors if any(f.path.is_relative_to(d) for d in folders)]
        if problems:
            raise InvalidInputs(problems)
        if (self.overlays_dir / folders[0].name).is_dir():
            raise InputError(f"overlay folder has no {OVERLAY_FILE}", self.overlays_dir / folders[0].name)
        raise InputError(f"no overlay '{folders[0].name}' in {self.overlays_dir}"
                         f"{known_hint(folders[0].name, self.overlays)}")


def known_hint(name: str, known: Mapping[str, object]) -> str:
    hint = suggest(name, known)
    return hint or (f" (known: {', '.join(sorted(known))})" if known else "")
