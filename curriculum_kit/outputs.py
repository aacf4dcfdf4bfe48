"""Writing what the tool makes: whole or not at all, the same bytes from the same inputs.

Every command writes through here, so the rules hold everywhere: a file appears complete
or not at all (a temporary file in the same folder, then a rename), JSON and CSV reports
are written one way, and the build's moment (``Stamp``) comes from ``SOURCE_DATE_EPOCH``
when it is set. No output may be an input, another output of the same command, or lie in
a folder the command only reads (``check_outputs``). The ground floor: this module
imports nothing of the project but the exception tree.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, display_path


@dataclass(frozen=True)
class Stamp:
    """The build's moment: written into core properties and zip entries."""

    when: datetime

    @classmethod
    def from_epoch(cls, seconds: int) -> Stamp:
        return cls(datetime.fromtimestamp(seconds, tz=UTC).replace(tzinfo=None))

    @property
    def zip_time(self) -> tuple[int, int, int, int, int, int]:
        """The moment as a zip entry holds it: none before 1980 (SOURCE_DATE_EPOCH=0 is
        common), as other reproducible builds do."""
        w = max(self.when, _FIRST_ZIP_TIME)
        return (w.year, w.month, w.day, w.hour, w.minute, w.second)


_FIRST_ZIP_TIME = datetime(1980, 1, 1)
_LAST_EPOCH = 4354819199  # 2107-12-31 23:59:59 UTC, the last moment a zip entry holds


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH in seconds, None when unset or empty (as reproducible-builds.org asks:
    a CI file's `SOURCE_DATE_EPOCH=` means none): it pins every date written into outputs, so
    the same inputs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    if not (epoch.strip().isdigit() and int(epoch) <= _LAST_EPOCH):
        raise InputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, at most {_LAST_EPOCH} "
                         "(the end of 2107, the last date a zip file holds)")
    return int(epoch)


_TERMINATION_HELD = getattr(signal, "pthread_sigmask", None)  # (not on Windows)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file that appears at ``path`` complete or not at all (temporary file, then rename)."""
    path = Path(path)
    check_file_output(path)
    # A kill (SIGTERM: the CLI unwinds on it) waits while the temporary file is made and
    # comes once its removal is sure; delivered inside mkstemp, it left the file behind.
    held = _TERMINATION_HELD(signal.SIG_BLOCK, {signal.SIGTERM}) if _TERMINATION_HELD else None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except BaseException as exc:
        _release(held)
        if isinstance(exc, OSError):  # named as the user typed it, not as the temporary file
            raise InputError(f"cannot be written ({exc.strerror or exc})", path) from exc
        raise
    try:
        _release(held)  # a kill that came meanwhile is delivered here, where the file is removed
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and exc.filename is None:  # a full disk names no file: name ours
            raise InputError(f"cannot be written ({exc.strerror or exc})", path) from exc
        raise


def _release(held: set[signal.Signals] | None) -> None:
    if held is not None and _TERMINATION_HELD is not None:
        _TERMINATION_HELD(signal.SIG_SETMASK, held)


def write_json(path: Path, data: object) -> None:
    """A JSON report, written atomically."""
    with atomic_output(Path(path)) as stream:
        stream.write((json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A cell Excel and LibreOffice show as the text it is: a text starting like a formula
    (a trainer named '=HYPERLINK(...)', a session '=cmd|...') gets a leading apostrophe, as
    OWASP advises; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def spreadsheet_text(cell: str) -> str:
    """A cell of a CSV file the tool wrote, read back as the text it was: the apostrophe
    :func:`spreadsheet_cell` put before a formula's first character taken off (kept, it grew
    one more at each round trip and showed in the documents made from the file)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


def write_csv(path: Path, header: list[str], rows: Iterable[Sequence[object]]) -> None:
    """A CSV report, written atomically: UTF-8 with a byte-order mark and CRLF line ends, so
    Excel (what county staff open it with) shows names such as 'Lan Nguyễn' correctly, and
    no cell that a spreadsheet would run as a formula. Every CSV the tool writes comes here."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    with atomic_output(Path(path)) as stream:
        stream.write(buffer.getvalue().encode("utf-8-sig"))


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string: quotes, backslashes and every control character
    escaped, so nothing a user typed can end the string (or a comment) and add a key."""
    escaped = []
    for char in value:
        code = ord(char)
        if char in '"\\':
            escaped.append("\\" + char)
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or char in "\u2028\u2029":
            escaped.append(f"\\u{code:04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def toml_comment(text: str) -> str:
    """``text`` for a '# ...' line: on one line whatever it holds (a line break in it would
    end the comment and start a line TOML reads)."""
    return toml_string(text)[1:-1]


def check_file_output(path: Path) -> None:
    """Refuse a file output that cannot be one: its folder missing, or a folder, a device
    or a pipe already there. The file is written elsewhere and renamed over ``path``, so
    without this, ``--report /dev/null`` would put a regular file in the device's place."""
    if not path.parent.is_dir():
        raise InputError(f"cannot be written: the folder {display_path(path.parent)} does not exist", path)
    with suppress(OSError):
        kind = os.stat(path).st_mode  # through a symbolic link: what it points to
        if stat.S_ISDIR(kind):
            raise InputError("is a folder; name a file to write", path)
        if not stat.S_ISREG(kind):
            raise InputError("is a device or a pipe, not a file; name a file to write", path)


def check_file_outputs(paths: Iterable[Path]) -> None:
    """Refuse, before any of a command's files is written, one that cannot be (a folder or a
    device in its place): the command then writes all of them or none. A file whose folder
    does not exist yet is made with it."""
    for path in paths:
        if path.parent.is_dir():
            check_file_output(path)


def _identity(path: Path) -> tuple[str, tuple[int, int] | None]:
    """The real path of ``path`` and, when it exists, its (device, inode): a second name of the
    same file (a symbolic or hard link, '..', another spelling) has the same identity."""
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError:
        return real, None
    return real, (info.st_dev, info.st_ino)


def _same(a: tuple[str, tuple[int, int] | None], b: tuple[str, tuple[int, int] | None]) -> bool:
    return a[0] == b[0] or (a[1] is not None and a[1] == b[1])


def check_output_folder(path: Path) -> None:
    """Refuse an --out folder that is a file: making it a folder failed with 'File exists',
    naming no cause (and `build` first reported each county failed)."""
    if path.exists() and not path.is_dir():
        raise InputError("is a file; --out names a folder to write into", path)


def check_outputs(outputs: Sequence[tuple[str, Path]], inputs: Sequence[tuple[str, Path]] = (),
                  read_only: Sequence[Path] = ()) -> None:
    """Refuse, before anything is written, an output (a file, or a folder of outputs) that is
    one of the ``inputs``, the same file as another output, or lies inside one of the
    ``read_only`` folders (``--modules``, ``--overlays``). Each item is (what the user typed
    it as, path), e.g. ('--report', Path('report.json')); checked by real path and inode."""
    sources = [(label, _identity(path)) for label, path in inputs]
    folders = [(folder, os.path.realpath(folder)) for folder in read_only]
    seen: list[tuple[str, tuple[str, tuple[int, int] | None]]] = []
    for label, path in outputs:
        identity = _identity(path)
        for source_label, source in sources:
            if _same(identity, source):
                raise InputError(f"{label} is {source_label}; curriculum-kit never modifies its input, "
                                 "write to another file", path)
        for other_label, other in seen:
            if _same(identity, other):
                raise InputError(f"{label} is the same file as {other_label}; name two different files", path)
        for folder, real in folders:
            if identity[0] == real or identity[0].startswith(real.rstrip(os.sep) + os.sep):
                raise InputError(f"{label} lies inside {display_path(folder)}, which curriculum-kit only "
                                 "reads; write it elsewhere", path)
        seen.append((label, identity))
