"""Overlay folders read before, kept parsed from one run to the next.

Reading an overlay checks every row of its lists, every logo and every story: about 4 ms a
county, half of a statewide rebuild that has nothing to do. A folder read without errors is
kept, pickled, in the user's cache folder ($XDG_CACHE_HOME, else ~/.cache, then
curriculum-kit/), with a fingerprint of all that can shape the reading: the bytes of every
file under the folder (and the target of every link), their names, the folder's path, and
the code that reads it (formats/, findings, errors) with the Python running it. Any change
to any of them, a file added or removed, misses, and the folder is read afresh: a kept layer
is always what reading the folder now gives, with the same warnings. Reading depends on
nothing else (no date, no setting, no file outside the folder: links out are refused).

The cache is only a shortcut: one that cannot be read, written or trusted to fit is ignored.
It is the user's own folder, as pip's and mypy's caches are (a pickle runs what it names).
A folder holding more than 64 MB or 10,000 entries is not fingerprinted (reading it all
would cost more than the reading it saves), nor is a FIFO or a device ever opened.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from .. import __version__
from ..findings import Finding, Findings
from ..outputs import atomic_output
from .overlay import Layer, load_layer

_MAX_BYTES = 64 * 1024 * 1024
_MAX_ENTRIES = 10_000
_CODE = Path(__file__).resolve().parent


def load_kept_layer(folder: Path, findings: Findings) -> Layer | None:
    """``load_layer(folder, findings)``, from the cache when the folder is as it was."""
    fingerprint = _fingerprint(folder)
    cache = _cache_file(folder)
    if fingerprint is not None and cache is not None:
        kept = _read(cache, fingerprint)
        if kept is not None:
            findings.items.extend(kept[1])
            return kept[0]
    start = len(findings.items)
    layer = load_layer(folder, findings)
    if layer is not None and fingerprint is not None and cache is not None:
        _write(cache, fingerprint, layer, findings.items[start:])
    return layer


def _cache_file(folder: Path) -> Path | None:
    home = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache"))
    if not os.path.isabs(home):  # no home to keep it in ('~' left as it is)
        return None
    name = hashlib.sha256(os.fsencode(f"{folder}\0{folder.absolute()}")).hexdigest()[:32]
    return Path(home) / "curriculum-kit" / "layers" / f"{name}.pickle"


def _fingerprint(folder: Path) -> bytes | None:
    """A digest of the folder's whole tree and of the code that reads it, or None when the
    folder is too big to be worth it or cannot be walked."""
    size = 0
    try:
        digest = hashlib.sha256(_code_digest())
        digest.update(os.fsencode(f"{folder}\0{folder.absolute()}\0"))  # (a name may be any bytes)
        for count, (name, info, path) in enumerate(_tree(folder), start=1):
            if count > _MAX_ENTRIES:
                return None
            if stat.S_ISLNK(info.st_mode):
                digest.update(os.fsencode(f"L{name}\0{os.readlink(path)}\0"))
            elif stat.S_ISDIR(info.st_mode):
                digest.update(os.fsencode(f"D{name}\0"))
            elif stat.S_ISREG(info.st_mode):
                size += info.st_size
                if size > _MAX_BYTES:
                    return None
                with open(path, "rb") as stream:
                    digest.update(os.fsencode(f"F{name}\0{info.st_size}\0"))
                    digest.update(hashlib.file_digest(stream, "sha256").digest())
            else:  # a FIFO, a socket, a device: never opened (reading refuses it too)
                digest.update(os.fsencode(f"O{name}\0{stat.S_IFMT(info.st_mode)}\0"))
    except (OSError, RecursionError):
        return None
    return digest.digest()


def _tree(folder: Path | str, prefix: str = "") -> Iterator[tuple[str, os.stat_result, str]]:
    """(name under the folder, lstat, path) of everything under ``folder``, in name order,
    links not followed."""
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            info = entry.stat(follow_symlinks=False)
            yield prefix + entry.name, info, entry.path
            if stat.S_ISDIR(info.st_mode):
                yield from _tree(entry.path, f"{prefix}{entry.name}/")


_CODE_DIGEST: list[bytes] = []


def _code_digest() -> bytes:
    """The reading code's sources, this tool's version and the Python that runs it, once a
    process."""
    if not _CODE_DIGEST:
        digest = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
        for path in [*sorted(_CODE.glob("*.py")), _CODE.parent / "findings.py", _CODE.parent / "errors.py"]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        _CODE_DIGEST.append(digest.digest())
    return _CODE_DIGEST[0]


def _read(cache: Path, fingerprint: bytes) -> tuple[Layer, list[Finding]] | None:
    try:
        with open(cache, "rb") as stream:
            kept = pickle.load(stream)
    except Exception:  # noqa: BLE001 - missing, cut short, or from other code: read the folder
        return None
    if not (isinstance(kept, tuple) and len(kept) == 3 and kept[0] == fingerprint
            and isinstance(kept[1], Layer) and isinstance(kept[2], list)):
        return None
    return kept[1], kept[2]


def _write(cache: Path, fingerprint: bytes, layer: Layer, found: list[Finding]) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(cache) as stream:
            pickle.dump((fingerprint, layer, found), stream, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - a cache that cannot be written: the next run reads the folder again
        pass
