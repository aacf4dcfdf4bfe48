"""The one exception tree of curriculum-kit.

The library raises these; only the CLI turns them into a message and an exit code, so
every error a user sees has the same shape: ``path[:line]: message``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol


def display_path(path: str | os.PathLike[str] | None) -> str:
    """A path as a user wants to read it: relative to the working folder when inside it."""
    if path is None:
        return ""
    text = os.fspath(path)
    try:
        rel = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if rel.startswith("..") else rel


# Control characters, and the others that end a line for str.splitlines, shown as escapes:
# a message quotes what a county typed, and must stay one line.
_VISIBLE = str.maketrans({c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]}
                         | {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"})


# Where in a file: a line number of a text file, or a cell of a workbook ('Contacts!E7').
Location = int | str | None


def located(path: str | os.PathLike[str] | None, line: Location, message: str) -> str:
    """``path:line: message`` (``book.xlsx: Sheet!E7: message`` for a cell) on one line,
    leaving out what is unknown."""
    where = display_path(path)
    if where and isinstance(line, str):
        where = f"{where}: {line}"
    elif where and line:
        where = f"{where}:{line}"
    return (f"{where}: {message}" if where else message).translate(_VISIBLE)


class CurriculumKitError(Exception):
    """Base of every error the library raises on purpose; carries the file and line."""

    def __init__(self, message: str, path: str | Path | None = None, line: Location = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        return located(self.path, self.line, self.message)

    def lines(self) -> list[str]:
        """What the CLI prints, one line each (one for most errors)."""
        return [str(self)]


class InputError(CurriculumKitError):
    """An input file or folder is missing, unreadable or malformed."""


class PackageError(InputError):
    """A file is not a usable Word or PowerPoint package (legacy, encrypted, damaged, hostile)."""


class LocatedMessage(Protocol):
    """What :class:`InvalidInputs` needs of a finding (``findings.Finding`` sits a floor above)."""

    @property
    def path(self) -> Path: ...
    @property
    def line(self) -> Location: ...
    @property
    def message(self) -> str: ...


class InvalidInputs(CurriculumKitError):
    """Validation found errors; carries every finding so callers can show them all."""

    def __init__(self, findings: Sequence[LocatedMessage], message: str | None = None):
        first = findings[0]
        more = f" (and {len(findings) - 1} more; run 'curriculum-kit validate')" if len(findings) > 1 else ""
        super().__init__(message or f"{first.message}{more}", first.path, first.line)
        self.findings = findings


class PlanEditErrors(InvalidInputs):
    """An edited plan breaks rules on some rows: every one is shown, so staff fix them in one pass."""

    def __init__(self, findings: Sequence[LocatedMessage]):
        super().__init__(findings, f"{findings[0].message}" + (f" (and {len(findings) - 1} more)"
                                                               if len(findings) > 1 else ""))

    def lines(self) -> list[str]:
        return [located(f.path, f.line, f.message) for f in self.findings]


class BuildError(CurriculumKitError):
    """A packet could not be built for a county (one county's failure does not stop the others)."""


class PlanError(CurriculumKitError):
    """A training plan cannot be made as asked (too little room in the year, no free trainer on a day)."""


class GitError(CurriculumKitError):
    """git could not give the requested version of a file (unknown ref, not a repository)."""
