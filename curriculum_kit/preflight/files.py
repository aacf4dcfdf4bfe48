"""`curriculum-kit check PATH...`: preflight for documents on disk.

A .docx/.pptx is checked on its own; a packet zip as the packet it is (its agendas
compared); an academy module folder (with module.toml) as given, its markers expected; any
other folder (a build's output, a county's folder) for every packet and document in it.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError, display_path
from ..formats.sources import SYMLINK, read_bytes
from ..ooxml.package import MAX_TOTAL_BYTES, inflation
from .issues import Issue
from .run import DOCUMENT_SUFFIXES, GENERATED_DOCUMENTS, check_documents

MODULE_FILE = "module.toml"
MAX_FILE_BYTES = 512 << 20  # a guide with its photos is tens of MB; more is not a document


def check_paths(paths: list[Path]) -> tuple[list[Issue], int]:
    """Every finding for ``paths`` (files named by their path, inside a zip as 'zip:name'),
    and how many documents were checked."""
    issues: list[Issue] = []
    checked = 0
    for path in paths:
        found, count = _check_path(path, named=True)
        issues += found
        checked += count
    return issues, checked


_DEEPEST = 32  # folders below a folder given to check; deeper ones are named, not searched


def _check_path(path: Path, named: bool, depth: int = 0) -> tuple[list[Issue], int]:
    """A path given on the command line (``named``: a link is followed, as the user meant
    it) or met in a folder (a link is not followed, a FIFO or device never opened: each is
    a finding, and the walk goes on)."""
    if named and not path.exists():
        raise InputError("does not exist", path)
    if path.is_dir() and (named or not path.is_symlink()):
        if depth > _DEEPEST:
            return [_unreadable(path, f"lies more than {_DEEPEST} folders deep; not searched",
                                "name that folder itself to check what is in it")], 1
        if (path / MODULE_FILE).is_file():
            documents = {}
            issues: list[Issue] = []
            for child in sorted(path.iterdir()):
                if child.suffix.lower() in DOCUMENT_SUFFIXES:
                    try:
                        documents[display_path(child)] = _document_bytes(child, named=False)
                    except InputError as exc:
                        issues.append(_unreadable(child, exc.message))
            return issues + check_documents(documents, module_source=True), len(documents) + len(issues)
        issues, count = [], 0
        for child in sorted(path.iterdir()):
            if child.is_dir() or child.suffix.lower() in (*DOCUMENT_SUFFIXES, ".zip"):
                found, checked = _check_path(child, False, depth + 1)  # a module folder inside is checked as a module
                issues += found
                count += checked
        return issues, count
    suffix = path.suffix.lower()
    if suffix not in (*DOCUMENT_SUFFIXES, ".zip"):
        if named:
            raise InputError("is not a .docx, .pptx, packet .zip or folder; check takes those", path)
        return [_unreadable(path, SYMLINK)], 1  # a link to a folder, not followed
    try:
        data = _document_bytes(path, named)
    except InputError as exc:
        if named:
            raise
        return [_unreadable(path, exc.message)], 1
    if suffix != ".zip":
        return _damage(display_path(path), data) + check_documents({display_path(path): data}), 1
    try:
        return _check_zip(path, data)
    except InputError as exc:
        if named:
            raise
        return [_unreadable(path, exc.message, _AS_BUILT)], 1


def _document_bytes(path: Path, named: bool) -> bytes:
    return read_bytes(path, MAX_FILE_BYTES, "a document or packet", named=named)


_ONLY_FILES = "only regular files in a folder are checked; name a linked document itself to check it"
_AS_BUILT = "check the packet as build wrote it"


def _unreadable(path: Path, why: str, fix: str = _ONLY_FILES) -> Issue:
    """A file met in a folder that is not read (a link, a pipe, too large, a zip that is not
    one): a finding."""
    return Issue(display_path(path), "file", "file/unreadable", why, fix)


def _damage(name: str, data: bytes) -> list[Issue]:
    """A finding for a document whose zip holds a part that fails its checksum (Word and
    PowerPoint call such a file corrupt and offer to repair it), though no check reads that
    part: the packet would not open cleanly in the room."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, ValueError):
        return []  # not a zip at all: opening it says so
    if bad is None:
        return []
    return [Issue(name, "file", "file/unreadable", f"is damaged: its part {bad} fails its checksum",
                  "open it in Word or PowerPoint, let it repair the file, and save it again")]


def _check_zip(path: Path, data: bytes, depth: int = 0) -> tuple[list[Issue], int]:
    prefix = display_path(path)
    issues: list[Issue] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            documents = {}
            # a Mac's Finder adds '__MACOSX/._name' beside every file it zips: its metadata, no document
            entries = [info for info in archive.infolist() if info.filename.lower().endswith((*DOCUMENT_SUFFIXES, ".zip"))
                       and not info.filename.startswith("__MACOSX/") and not info.filename.rsplit("/", 1)[-1].startswith("._")]
            total = sum(info.file_size for info in entries)
            if total > MAX_TOTAL_BYTES:  # every document is held at once: refused before any is read
                raise InputError(f"holds documents that would inflate to {total >> 20} MB; refusing (limit "
                                 f"{MAX_TOTAL_BYTES >> 20} MB, a likely zip bomb)", path)
            for info in entries:
                if info.flag_bits & 0x1:  # zipfile would ask for the password
                    raise InputError("has encrypted entries; remove the password and zip it again", path)
                ratio = inflation(info)  # the engine's own zip-bomb rule
                if ratio is not None:
                    issues.append(Issue(f"{prefix}:{info.filename}", "file", "file/unreadable",
                                        f"would inflate {ratio:.0f}-fold to "
                                        f"{info.file_size >> 20} MB; a document (itself a zip) hardly shrinks: "
                                        "a likely zip bomb, not read", _AS_BUILT))
                    continue
                if info.file_size > MAX_FILE_BYTES:  # read only what a document can be (a zip bomb is not)
                    issues.append(Issue(f"{prefix}:{info.filename}", "file", "file/unreadable",
                                        f"is {info.file_size >> 20} MB; a document may be at most "
                                        f"{MAX_FILE_BYTES >> 20} MB", _AS_BUILT))
                    continue
                documents[info.filename] = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, ValueError) as exc:
        raise InputError(f"is not a readable zip ({exc})", path) from None
    nested: list[Issue] = []  # findings in a zip inside, and of damaged documents (not documents unread)
    count = 0
    for name in [name for name in documents if name.lower().endswith(".zip")]:  # a packet zipped again
        inner = documents.pop(name)
        if depth >= 1:
            nested.append(Issue(f"{prefix}:{name}", "file", "file/unreadable", "is a zip in a zip in a zip; not read",
                                "unzip it and check what is in it"))
            count += 1
            continue
        try:
            found, checked = _check_zip(Path(f"{prefix}:{name}"), inner, depth + 1)
        except InputError as exc:
            found, checked = [Issue(f"{prefix}:{name}", "file", "file/unreadable", exc.message, _AS_BUILT)], 1
        nested += found
        count += checked
    for name, document in documents.items():
        nested += _damage(f"{prefix}:{name}", document)
    documents = _inside_packet_folder(documents)
    generated = {name for name in documents if name.rsplit("/", 1)[-1] in GENERATED_DOCUMENTS}
    found = check_documents(documents, generated)
    return issues + nested + [Issue(f"{prefix}:{issue.file}", issue.place, issue.check, issue.message, issue.fix)
                              for issue in found], len(documents) + len(issues) + count


def _inside_packet_folder(documents: dict[str, bytes]) -> dict[str, bytes]:
    """Documents named as build names them ('facilitator-guide.docx', 'handouts/x.docx'):
    without the one folder a packet zip holds everything in, so a finding that names
    another document (an agenda's reference) reads the same in both."""
    folders = {name.split("/", 1)[0] if "/" in name else "" for name in documents}
    if len(folders) != 1 or folders == {""}:
        return documents
    return {name.split("/", 1)[1]: data for name, data in documents.items()}
