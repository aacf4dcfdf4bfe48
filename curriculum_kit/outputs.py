"""Writing what the tool makes: whole or not at all, the same bytes from the same inputs.

Every command writes through here, so the rules hold everywhere: a file appears complete
or not at all (a temporary file in the same folder, then a rename), JSON and CSV reports
are written one way, and the build's moment (``Stamp``) comes from ``SOURCE_DATE_EPOCH``
when it is set. The ground floor: this module imports nothing of the project.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True)
class Stamp:
    """The build's moment: written into core properties and zip entries."""

    when: datetime

    @classmethod
    def from_epoch(cls, seconds: int) -> Stamp:
        return cls(datetime.fromtimestamp(seconds, tz=UTC).replace(tzinfo=None))

    @property
    def zip_time(self) -> tuple[int, int, int, int, int, int]:
        w = self.when
        return (w.year, w.month, w.day, w.hour, w.minute, w.second)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file that appears at ``path`` complete or not at all (temporary file, then rename)."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def write_json(path: Path, data: object) -> None:
    """A JSON report, written atomically."""
    with atomic_output(Path(path)) as stream:
        stream.write((json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def write_csv(path: Path, header: list[str], rows: Iterable[Sequence[object]]) -> None:
    """A CSV report, written atomically: UTF-8 with a byte-order mark and CRLF line ends, so
    Excel (what county staff open it with) shows names such as 'Lan Nguyễn' correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    with atomic_output(Path(path)) as stream:
        stream.write(buffer.getvalue().encode("utf-8-sig"))
