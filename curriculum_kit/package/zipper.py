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

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

def write_zip(target: Path, entries: list[Entry], date_time: DateTime) -> None:
    with atomic_output(target) as stream:
        write_zip_bytes(stream, entries, date_time)


def write_zip_bytes(stream: BinaryIO, entries: list[Entry], date_time: DateTime) -> None:
    """The zip of ``entries`` into an open stream: sorted, pinned times, no partial state kept."""
    writer = ZipWriter(stream)
    for entry in sorted(entries, key=lambda e: e.path):
        if entry.path.lower().endswith(_STORED):
            writer.add_raw(entry.path, entry.data, 0, zlib.crc32(entry.data), len(entry.data), date_time)
        else:
            writer.add(entry.path, entry.data, date_time)
    writer.close()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
