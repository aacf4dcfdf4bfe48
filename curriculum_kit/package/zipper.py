"""Packet zips that are the same bytes for the same inputs: sorted entries, pinned times
and modes, written to a temporary name and renamed (no partial zip is ever left)."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..ooxml.zipio import DateTime, ZipWriter
from ..outputs import atomic_output

# Files Office formats already compress gain nothing from deflating again.
_STORED = (".docx", ".pptx", ".png", ".jpg", ".jpeg", ".zip")


@dataclass(frozen=True)
class Entry:
    path: str  # inside the zip, '/'-separated
    data: bytes


class Checksums:
    """The sha256 and CRC-32 of documents that go into several packets, each worked out once:
    a county's contacts and org chart are in every packet of every module, a module's
    handouts and agenda in each of its packets (hashing them again and again was a tenth of
    building a county). Known by the identity of the bytes, which are kept meanwhile."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int], tuple[bytes, str | int]] = {}

    def sha256(self, data: bytes) -> str:
        return str(self._once("sha256", data))

    def crc32(self, data: bytes) -> int:
        return int(self._once("crc32", data))

    def _once(self, what: str, data: bytes) -> str | int:
        known = self._known.get((what, id(data)))
        if known is None or known[0] is not data:
            value = hashlib.sha256(data).hexdigest() if what == "sha256" else zlib.crc32(data)
            known = self._known[(what, id(data))] = (data, value)
        return known[1]


def write_zip(target: Path, entries: list[Entry], date_time: DateTime, checksums: Checksums | None = None) -> None:
    with atomic_output(target) as stream:
        write_zip_bytes(stream, entries, date_time, checksums)


def write_zip_bytes(stream: BinaryIO, entries: list[Entry], date_time: DateTime,
                    checksums: Checksums | None = None) -> None:
    """The zip of ``entries`` into an open stream: sorted, pinned times, no partial state kept."""
    writer = ZipWriter(stream)
    crc32 = checksums.crc32 if checksums is not None else zlib.crc32
    for entry in sorted(entries, key=lambda e: e.path):
        if entry.path.lower().endswith(_STORED):
            writer.add_raw(entry.path, entry.data, 0, crc32(entry.data), len(entry.data), date_time)
        else:
            writer.add(entry.path, entry.data, date_time)
    writer.close()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
