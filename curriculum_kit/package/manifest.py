"""manifest.json: where a packet came from (copier's answers file is the model).

It records the tool, the module and every overlay of the chain with the sha256 of their
files, each packet with the sha256 of every file inside it, and what terminology did.
Its ``inputs_sha256`` is also the key that makes rebuilds incremental.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .. import __version__
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..formats.session_day import SessionDay
from .zipper import sha256_file

MANIFEST = "manifest.json"


def packet_name(overlay: Overlay, module: Module, role: str, session: SessionDay | None = None) -> str:
    """A file name that explains itself once downloaded (a session packet's names its session)."""
    which = session.session_id if session else module.id
    return f"{overlay.slug}_{which}_{role}_module-{module.version}_overlay-{overlay.version}.zip"


def file_hashes(files: list[Path], root: Path) -> list[dict[str, Any]]:
    return [{"path": path.relative_to(root).as_posix(), "sha256": sha256_file(path),
             "bytes": path.stat().st_size} for path in files]


def module_sources(module: Module) -> dict[str, Any]:
    files = [module.toml_path, *module.documents]
    return {"id": module.id, "title": module.title, "version": str(module.version),
            "files": file_hashes(files, module.folder)}


def overlay_sources(overlay: Overlay, known: dict[Path, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Each layer of the chain with its files' hashes. ``known`` keeps the layers already
    hashed during one build: a statewide parent is then read once, not once per county."""
    known = {} if known is None else known
    for layer in overlay.chain:
        if layer.folder not in known:
            known[layer.folder] = {"slug": layer.slug, "version": str(layer.version),
                                   "files": file_hashes(layer.source_files, layer.folder)}
    return [known[layer.folder] for layer in overlay.chain]


def inputs_key(module_info: dict[str, Any], chain_info: list[dict[str, Any]], options: dict[str, Any]) -> str:
    """One hash of everything that shapes a county's packets for a module."""
    blob = json.dumps({"tool": __version__, "module": module_info, "overlays": chain_info,
                       "options": options}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The folder's manifest, or None. A build reads each one three times (is it current,
    its findings, the catalog): a manifest is parsed once while its file stays the same
    (a rewrite replaces the file, so its inode, size or time changes). Callers only read it."""
    path = folder / MANIFEST
    try:
        status = os.stat(path)
        stamp = (status.st_ino, status.st_size, status.st_mtime_ns)
        known = _READ.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    if len(_READ) >= 1024:  # about 40 kB each: a statewide build's several times over, then afresh
        _READ.clear()
    _READ[path] = (stamp, data)
    return data


_READ: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}


def is_current(folder: Path, key: str) -> bool:
    """True when the folder holds a complete build of exactly these inputs."""
    manifest = read_manifest(folder)
    if not manifest or manifest.get("inputs_sha256") != key:
        return False
    for packet in [*manifest.get("packets", []), *manifest.get("exports", [])]:
        path = folder / packet["file"]
        if not path.is_file() or path.stat().st_size != packet["bytes"]:
            return False
    return True
