"""Build output folders for catalog tests without building documents: a manifest.json in the
shape the pipeline writes and small files in place of the packets."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DEFAULT_PROGRAMS = {"cws": {"name": "Department of Children and Family Services", "short_name": "DCFS"},
                    "calworks": {"name": "Employment and Temporary Assistance", "short_name": "ETA"}}


def fake_module_folder(out: Path, slug: str, module_id: str, *, county: str = "", title: str = "",
                       level: str = "orientation", prerequisites: tuple[str, ...] = (), minutes: int = 360,
                       roles: tuple[str, ...] = ("facilitator", "participant"), programs: dict | None = None,
                       exports: tuple[str, ...] = (), built_at: str = "2026-01-01T00:00:00Z",
                       module_version: str = "1.0.0", overlay_version: str = "1.0.0", write_files: bool = True) -> Path:
    """``out/slug/module_id`` with a manifest and one small file per packet and export."""
    folder = out / slug / module_id
    folder.mkdir(parents=True, exist_ok=True)
    packets, listed_exports = [], []
    for role in roles:
        name = f"{slug}_{module_id}_{role}_module-{module_version}_overlay-{overlay_version}.zip"
        packets.append(_file(folder, name, {"role": role, "label": role}, write_files))
    for label in exports:
        name = f"{slug}_{module_id}_{label.split()[0].lower()}.imscc"
        listed_exports.append(_file(folder, name, {"label": label}, write_files))
    manifest = {
        "tool": {"name": "curriculum-kit", "version": "test"}, "built_at": built_at, "inputs_sha256": "0" * 64,
        "module": {"id": module_id, "title": title or module_id.replace("-", " ").title(), "version": module_version,
                   "files": []},
        "teaching": {"level": level, "prerequisites": list(prerequisites), "duration_minutes": minutes,
                     "programs": ["cws", "calworks"]},
        "overlay": {"slug": slug, "county": county or slug.replace("-", " ").title(), "version": overlay_version,
                    "programs": DEFAULT_PROGRAMS if programs is None else programs, "chain": []},
        "options": {"pdf": False, "export": bool(exports)}, "packets": packets, "exports": listed_exports,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def _file(folder: Path, name: str, fields: dict, write: bool) -> dict:
    data = f"stand-in for {name}\n".encode()
    if write:
        (folder / name).write_bytes(data)
    return {**fields, "file": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def fake_session_folder(out: Path, session: str, day: str, slug: str = "alder-county") -> Path:
    """``out/slug/sessions/session`` as `build --plan` leaves it: a manifest and one packet."""
    folder = out / slug / "sessions" / session
    folder.mkdir(parents=True)
    manifest = {"overlay": {"county": "Alder County"}, "module": {"title": "Linkages Orientation"},
                "session": {"id": session, "date": day, "start": "09:00", "end": "15:00", "room": "Room B",
                            "co_facilitators": ["Maria Lopez", "Luis Ortega"]},
                "packets": [{"label": "Facilitator packet", "file": f"{session}.zip"}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / f"{session}.zip").write_bytes(b"stand-in")
    return folder
