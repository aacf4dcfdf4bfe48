"""`curriculum-kit check PATH...`: preflight for documents on disk.

A .docx/.pptx is checked on its own; a packet zip as the packet it is (its agendas
compared); an academy module folder (with module.toml) as given, its markers expected; any
other folder (a build's output, a county's folder) for every packet and document in it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputError, display_path
from .issues import Issue
from .run import DOCUMENT_SUFFIXES, GENERATED_DOCUMENTS, check_documents

MODULE_FILE = "module.toml"


def check_paths(paths: list[Path]) -> tuple[list[Issue], int]:
    """Every finding for ``paths`` (files named by their path, inside a zip as 'zip:name'),
    and how many documents were checked."""
    issues: list[Issue] = []
    checked = 0
    for path in paths:
        found, count = _check_path(path)
        issues += found
        checked += count
    return issues, checked


def _check_path(path: Path) -> tuple[list[Issue], int]:
    if not path.exists():
        raise InputError("does not exist", path)
    if path.is_dir():
        if (path / MODULE_FILE).is_file():
            documents = {display_path(p): p.read_bytes() for p in sorted(path.iterdir())
                         if p.suffix.lower() in DOCUMENT_SUFFIXES}
            return check_documents(documents, module_source=True), len(documents)
        issues, count = [], 0
        for child in sorted(path.iterdir()):
            if child.is_dir() or child.suffix.lower() in (*DOCUMENT_SUFFIXES, ".zip"):
                found, checked = _check_path(child)  # a module folder inside is checked as a module
                issues += found
                count += checked
        return issues, count
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _check_zip(path)
    if suffix not in DOCUMENT_SUFFIXES:
        raise InputError("is not a .docx, .pptx, packet .zip or folder; check takes those", path)
    return check_documents({display_path(path): path.read_bytes()}), 1


def _check_zip(path: Path) -> tuple[list[Issue], int]:
    try:
        with zipfile.ZipFile(path) as archive:
            documents = {name: archive.read(name) for name in archive.namelist()
                         if name.lower().endswith(DOCUMENT_SUFFIXES)}
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"is not a readable zip ({exc})", path) from None
    documents = _inside_packet_folder(documents)
    prefix = display_path(path)
    generated = {name for name in documents if name.rsplit("/", 1)[-1] in GENERATED_DOCUMENTS}
    issues = check_documents(documents, generated)
    return [Issue(f"{prefix}:{issue.file}", issue.place, issue.check, issue.message, issue.fix)
            for issue in issues], len(documents)


def _inside_packet_folder(documents: dict[str, bytes]) -> dict[str, bytes]:
    """Documents named as build names them ('facilitator-guide.docx', 'handouts/x.docx'):
    without the one folder a packet zip holds everything in, so a finding that names
    another document (an agenda's reference) reads the same in both."""
    folders = {name.split("/", 1)[0] if "/" in name else "" for name in documents}
    if len(folders) != 1 or folders == {""}:
        return documents
    return {name.split("/", 1)[1]: data for name, data in documents.items()}
