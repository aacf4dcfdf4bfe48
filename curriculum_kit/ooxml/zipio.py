"""Zip entries read safely and written byte for byte.

Python's zipfile recompresses whatever it writes. Here an untouched entry is copied as
its original compressed bytes (no inflating, no re-deflating: faster, and the part is
exactly what the author's application saved), and changed entries are deflated anew —
with zlib-ng, which writes the same standard deflate streams as zlib at about twice the
speed and a slightly better ratio (deflating a changed 8 MB document part was the
largest single cost of `adapt` after parsing).
The same writer serves the deterministic packet zips: fixed times, fixed modes.

A large changed entry is deflated on two background threads while the caller goes on
(with the next part, or freeing the tree it came from); an entry may even be made on a
background thread (`add_later`: lxml serialises a large tree without holding the GIL).
Entries are still written in the order they were given.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import zipfile
from collections import deque
from collections.abc import Callable
from typing import BinaryIO

from zlib_ng import zlib_ng

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL_HEADER = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END_RECORD = struct.Struct("<4sHHHHIIH")
DateTime = tuple[int, int, int, int, int, int]  # a zip entry's (year, month, day, h, m, s)
_DOS_EPOCH: DateTime = (1980, 1, 1, 0, 0, 0)
_UTF8_FLAG = 0x800
_WINDOW = 32 << 10  # how far back deflate looks
_TWO_HALVES_MIN = 1 << 20  # below this, a thread costs more than it saves


def dos_time(date_time: DateTime) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def raw_entry(source: BinaryIO, info: zipfile.ZipInfo) -> bytes:
    """The compressed bytes of an entry exactly as stored, read from its local header."""
    if info.header_offset < 0:  # zipfile's reckoning when bytes are missing before the directory
        raise zipfile.BadZipFile(f"{info.filename} starts before the file does")
    source.seek(info.header_offset)
    header = source.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    fields = _LOCAL_HEADER.unpack(header)
    source.seek(fields[9] + fields[10], os.SEEK_CUR)
    data = source.read(info.compress_size)
    if len(data) != info.compress_size:
        raise zipfile.BadZipFile(f"{info.filename} is truncated")
    return data


class _Deflation:
    """A large entry deflated in two halves on two threads, as pigz does: the first half ends
    on a byte boundary (a sync flush) and the second is deflated with the 32 KB before it as
    its dictionary, so the two streams read as one. zlib-ng releases the GIL while it works,
    and the halves are the same on any machine."""

    def __init__(self, data: bytes, level: int):
        view, half = memoryview(data), len(data) // 2
        self._halves: list[bytes | BaseException | None] = [None, None]
        self._threads = [threading.Thread(target=self._run, args=(0, level, view[:half], None)),
                         threading.Thread(target=self._run, args=(1, level, view[half:], view[half - _WINDOW:half]))]
        for thread in self._threads:
            thread.start()

    def _run(self, index: int, level: int, chunk: memoryview, zdict: memoryview | None) -> None:
        try:
            if zdict is None:
                compressor = zlib_ng.compressobj(level, zlib_ng.DEFLATED, -15)
                self._halves[index] = compressor.compress(chunk) + compressor.flush(zlib_ng.Z_SYNC_FLUSH)
            else:
                compressor = zlib_ng.compressobj(level, zlib_ng.DEFLATED, -15, zdict=zdict)
                self._halves[index] = compressor.compress(chunk) + compressor.flush()
        except BaseException as exc:  # handed to the thread that writes the entry
            self._halves[index] = exc

    def done(self) -> bool:
        return not any(thread.is_alive() for thread in self._threads)

    def result(self) -> bytes:
        for thread in self._threads:
            thread.join()
        first, second = self._halves
        for half in (first, second):
            if isinstance(half, BaseException):
                raise half
        assert isinstance(first, bytes) and isinstance(second, bytes)
        return first + second


class _Later:
    """An entry made, checksummed and deflated on a background thread: ``produce`` (a large
    part's serialisation) runs while the caller goes on with the next part. What ``produce``
    holds (the part's tree) is let go of while the entry is deflated, so that freeing it (with
    the GIL held) and deflating (without) happen at once."""

    def __init__(self, produce: Callable[[], bytes], deflating: bool):
        self._produce: Callable[[], bytes] | None = produce  # the only reference the writer keeps
        self._made: tuple[bytes, int, int] | BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(deflating,))
        self._thread.start()

    def _run(self, deflating: bool) -> None:
        try:
            produce, self._produce = self._produce, None
            assert produce is not None
            data = produce()
            halves = _Deflation(data, 6) if deflating and len(data) >= _TWO_HALVES_MIN else None
            del produce  # (the tree goes while the halves are deflated)
            raw = halves.result() if halves is not None else deflate(data) if deflating else data
            self._made = (raw, zlib_ng.crc32(data), len(data))
        except BaseException as exc:  # handed to the thread that writes the entry
            self._made = exc

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> tuple[bytes, int, int]:
        """(the entry's stored bytes, its CRC, its size)."""
        self._thread.join()
        if isinstance(self._made, BaseException):
            raise self._made
        assert self._made is not None
        return self._made


_Entry = tuple[str, "bytes | _Deflation | _Later", int, int, int, DateTime, int]


class ZipWriter:
    """Writes a zip entry by entry, in the order given; `close` adds the central directory."""

    def __init__(self, stream: BinaryIO, deflating: bool = True):
        self._stream = stream
        self._deflating = deflating  # False: `add` stores (a zip that is read once, right away)
        self._central: list[bytes] = []
        self._pending: deque[_Entry] = deque()  # entries waiting behind one being deflated

    def add_raw(self, name: str, raw: bytes, method: int, crc: int, size: int,
                date_time: DateTime = _DOS_EPOCH,
                external_attr: int = 0o644 << 16) -> None:
        """Store already-compressed bytes (``method`` 0 stored or 8 deflated)."""
        self._queue((name, raw, method, crc, size, date_time, external_attr))

    def copy(self, info: zipfile.ZipInfo, raw: bytes) -> None:
        """An entry of another zip, as its compressed bytes, with its name, time and mode."""
        self.add_raw(info.filename, raw, info.compress_type, info.CRC, info.file_size,
                     info.date_time, info.external_attr)

    def add(self, name: str, data: bytes, date_time: DateTime = _DOS_EPOCH) -> None:
        """Deflate and store ``data`` (a large one in the background); store it as it is
        when the writer is not deflating."""
        crc = zlib_ng.crc32(data)
        if not self._deflating:
            self._queue((name, data, zipfile.ZIP_STORED, crc, len(data), date_time, 0o644 << 16))
            return
        packed: bytes | _Deflation = _Deflation(data, 6) if len(data) >= _TWO_HALVES_MIN else deflate(data)
        self._queue((name, packed, zipfile.ZIP_DEFLATED, crc, len(data), date_time, 0o644 << 16))

    def add_later(self, name: str, produce: Callable[[], bytes], date_time: DateTime = _DOS_EPOCH) -> None:
        """What ``add(name, produce(), date_time)`` writes, with ``produce`` run on a background
        thread (it must not touch what the caller goes on to change)."""
        method = zipfile.ZIP_DEFLATED if self._deflating else zipfile.ZIP_STORED
        self._queue((name, _Later(produce, self._deflating), method, 0, 0, date_time, 0o644 << 16))

    def directory(self) -> list[zipfile.ZipInfo]:
        """The entries written so far, as zipfile would read them from the central directory
        (what a reader of the zip needs: name, sizes, CRC, method, flags, time, offset)."""
        infos = []
        for record in self._central:
            fields = _CENTRAL_HEADER.unpack_from(record)
            info = zipfile.ZipInfo(record[_CENTRAL_HEADER.size:].decode("utf-8"))
            info.flag_bits, info.compress_type, info.CRC = fields[3], fields[4], fields[7]
            info.compress_size, info.file_size, info.external_attr, info.header_offset = (
                fields[8], fields[9], fields[15], fields[16])
            time, date = fields[5], fields[6]
            info.date_time = ((date >> 9) + 1980, (date >> 5) & 0xF, date & 0x1F,
                              time >> 11, (time >> 5) & 0x3F, (time & 0x1F) * 2)
            infos.append(info)
        return infos

    def close(self) -> None:
        self._write_ready(wait=True)
        start = self._stream.tell()
        for record in self._central:
            self._stream.write(record)
        size = self._stream.tell() - start
        count = len(self._central)
        self._stream.write(_END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, size, start, 0))

    def _queue(self, entry: _Entry) -> None:
        self._pending.append(entry)
        self._write_ready(wait=False)

    def _write_ready(self, wait: bool) -> None:
        """Write pending entries in order, up to the first still being deflated (unless ``wait``)."""
        while self._pending:
            packed = self._pending[0][1]
            if not isinstance(packed, bytes) and not (wait or packed.done()):
                return
            name, _, method, crc, size, date_time, external_attr = self._pending.popleft()
            if isinstance(packed, _Later):
                raw, crc, size = packed.result()
            else:
                raw = packed.result() if isinstance(packed, _Deflation) else packed
            self._write(name, raw, method, crc, size, date_time, external_attr)

    def _write(self, name: str, raw: bytes, method: int, crc: int, size: int,
               date_time: DateTime, external_attr: int) -> None:
        if size >= 0xFFFFFFFF or len(raw) >= 0xFFFFFFFF or len(self._central) >= 0xFFFF:
            raise ValueError("zip64 archives are not supported")
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else _UTF8_FLAG
        time, date = dos_time(date_time)
        offset = self._stream.tell()
        self._stream.write(_LOCAL_HEADER.pack(b"PK\x03\x04", 20, flags, method, time, date,
                                              crc, len(raw), size, len(encoded), 0))
        self._stream.write(encoded)
        self._stream.write(raw)
        self._central.append(_CENTRAL_HEADER.pack(
            b"PK\x01\x02", 20, 20, flags, method, time, date, crc, len(raw), size,
            len(encoded), 0, 0, 0, 0, external_attr, offset) + encoded)


def deflate(data: bytes, level: int = 6) -> bytes:
    """A raw deflate stream of ``data``; a large one made in two halves at once (see
    :class:`_Deflation`)."""
    if len(data) >= _TWO_HALVES_MIN:
        return _Deflation(data, level).result()
    compressor = zlib_ng.compressobj(level, zlib_ng.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def restamp(data: bytes, date_time: DateTime) -> bytes:
    """The same zip, every entry's time set to ``date_time`` and modes fixed.

    python-docx and python-pptx stamp the current time into every entry; this makes
    their output reproducible without recompressing anything.
    """
    date_time = max(date_time, _DOS_EPOCH)
    source = io.BytesIO(data)
    out = io.BytesIO()
    writer = ZipWriter(out)
    with zipfile.ZipFile(source) as package:
        for info in package.infolist():
            writer.add_raw(info.filename, raw_entry(source, info), info.compress_type, info.CRC,
                           info.file_size, date_time)
    writer.close()
    return out.getvalue()
