"""manifest.json: where a packet came from (copier's answers file is the model).

It records the tool, the module and every overlay of the chain with the sha256 of their
files, each packet with the sha256 of every file inside it, and what terminology did.
Its ``inputs_sha256`` is also the key that makes rebuilds incremental.
"""

from __future__ import annotations

import hashlib
import json
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


def overlay_sources(overlay: Overlay) -> list[dict[str, Any]]:
    return [{"slug": layer.slug, "version": str(layer.version),
             "files": file_hashes(layer.source_files, layer.folder)} for layer in overlay.chain]


def inputs_key(module_info: dict[str, Any], chain_info: list[dict[str, Any]], options: dict[str, Any]) -> str:
    """One hash of everything that shapes a county's packets for a module."""
    blob = json.dumps({"tool": __version__, "module": module_info, "overlays": chain_info,
                       "options": options}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


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
