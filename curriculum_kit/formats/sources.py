"""Reading the text files that people edit by hand: TOML settings and Excel-saved CSV.

Everything here turns a malformed file into an :class:`InputError` naming the file and the
line, and reports unknown keys or columns with the closest known name ("did you mean").
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..findings import Findings

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")
_TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY_LINE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\- ]+?)\s*=""")


def read_text(path: Path) -> str:
    """The file's text, UTF-8 with or without a byte-order mark."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a file", path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02X}); save it as UTF-8 "
            "(in Excel: Save As > 'CSV UTF-8 (Comma delimited)')",
            path,
            line,
        ) from None


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a likely typo, else ''."""
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""

# Where a value sits in a TOML file: keys and array indexes, e.g. ('trainers', 0, 'name').
KeyPath = tuple[str | int, ...]


@dataclass
class TomlDocument:
    """A parsed TOML file that still knows on which line each key was written."""

    path: Path
    data: dict[str, Any]
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, *keys: str | int) -> int | None:
        """The line of a key path such as ('programs', 'cws', 'name') or ('trainers', 0)."""
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return None


def load_toml(path: Path) -> TomlDocument:
    text = read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        line = int(found.group(1)) if found and found.group(1) else None
        message = _TOML_POSITION.sub("", message).rstrip(".")
        raise InputError(f"is not valid TOML: {message}", path, line) from None
    return TomlDocument(path, data, _key_lines(text))


def _key_lines(text: str) -> dict[KeyPath, int]:
    """Where each key and table header stands; good enough for the files people write."""
    lines: dict[KeyPath, int] = {}
    table: KeyPath = ()
    array_counts: dict[KeyPath, int] = {}
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"""') % 2 or line.count("'''") % 2:
            in_multiline = not in_multiline
            if not in_multiline:
                continue
        if in_multiline and not _KEY_LINE.match(line):
            continue
        header = _TABLE_HEADER.match(line)
        if header:
            name = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = array_counts.get(name, 0)
                array_counts[name] = index + 1
                table = name + (index,)
            else:
                table = name
            lines.setdefault(table, number)
            continue
        key = _KEY_LINE.match(line)
        if key:
            parts = tuple(p.strip().strip("\"'") for p in key.group(1).split("."))
            lines.setdefault(table + parts, number)
    return lines


def check_keys(
    doc: TomlDocument,
    table: dict[str, Any],
    where: KeyPath,
    required: Iterable[str],
    optional: Iterable[str],
    findings: Findings,
) -> None:
    """Report missing required keys and unknown keys (with a suggestion) of one table."""
    required, optional = list(required), list(optional)
    known = required + optional
    if where and isinstance(where[-1], int):  # one table of an array of tables: [[trainers]] #2
        label = f"[[{'.'.join(str(w) for w in where[:-1])}]] #{where[-1] + 1}"
    else:
        label = f"[{'.'.join(str(w) for w in where)}]" if where else ""
    for key in required:
        if key not in table:
            findings.error(doc.path, f"missing required key '{key}'{' in ' + label if label else ''}",
                           doc.line_of(*where))
    for key in table:
        if key not in known:
            findings.error(doc.path, f"unknown key '{key}'{' in ' + label if label else ''}"
                           f"{suggest(key, known)}", doc.line_of(*where, key))


@dataclass(frozen=True)
class CsvRow:
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


def read_csv(path: Path, required: list[str], optional: list[str],
             on_bad_row: Callable[[InputError], None] | None = None) -> list[CsvRow]:
    """Rows of a spreadsheet-edited CSV file, keyed by lowercase column name.

    Accepts what Excel and LibreOffice write: a byte-order mark, ',' ';' or tab separators,
    CRLF, quoted cells with commas or line breaks, and trailing empty columns. Cells are
    trimmed; blank rows and rows whose first cell starts with '#' are skipped.
    A row with the wrong number of cells is an error; with ``on_bad_row`` it is handed
    over instead and reading goes on (sign-in exports: one typo must not hide 500 rows).
    """
    text = read_text(path)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line.strip() else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_cells = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"is not a readable CSV file: {exc}", path, 1) from None
    if header_cells is None or not any(cell.strip() for cell in header_cells):
        raise InputError(f"is empty; the first line must be the header: {','.join(required)}", path, 1)
    header = [cell.strip().lower() for cell in header_cells]
    while header and header[-1] == "":
        header.pop()
    known = required + optional
    for name in header:
        if name not in known:
            shown = name if len(name) <= 40 else name[:40] + "…"
            raise InputError(f"unknown column '{shown}'{suggest(name, known)}; "
                             f"the header must be {','.join(required)}"
                             f"{' with optional ' + ','.join(optional) if optional else ''}", path, 1)
        if header.count(name) > 1:
            raise InputError(f"column '{name}' appears twice in the header", path, 1)
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(f"missing column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(repr(m) for m in missing)}; the header must start "
                         f"{','.join(required)}", path, 1)
    rows: list[CsvRow] = []
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            raise InputError(f"is not a readable CSV row: {exc}", path, start) from None
        if cells is None:
            return rows
        line = reader.line_num
        cells = [cell.strip().replace("\ufeff", "") for cell in cells]
        if not any(cells) or cells[0].startswith("#"):
            continue
        problem = _row_problem(header, required, cells)
        if problem is None:
            rows.append(CsvRow(start, dict(zip(header, cells))))
        elif on_bad_row is None:
            raise InputError(problem, path, start)
        else:
            on_bad_row(InputError(problem, path, start))


def _row_problem(header: list[str], required: list[str], cells: list[str]) -> str | None:
    """Why a row does not fit the header, or None when it does."""
    if any(cells[len(header):]):
        return f"row has {_cells(len(cells))} but the header has {len(header)} (an unquoted comma?)"
    absent = [name for name in required if header.index(name) >= len(cells)]
    if absent:
        return (f"row has {_cells(len(cells))} but the header has {len(header)} "
                f"(no value for {', '.join(absent)})")
    return None


def inside_folder(folder: Path, value: object, doc: TomlDocument, keys: KeyPath,
                  findings: Findings) -> Path | None:
    """The file a TOML value names, if it is a relative path that stays inside ``folder``.

    A path with '..' or an absolute path is refused: an overlay or module must be a
    self-contained folder that can be copied, versioned and checked on its own.
    """
    line = doc.line_of(*keys)
    label = ".".join(str(k) for k in keys)
    if not isinstance(value, str) or not value.strip():
        findings.error(doc.path, f"'{label}' must be a file name (text)", line)
        return None
    relative = Path(value.strip().replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        findings.error(doc.path, f"'{label}' = '{value}' points outside the folder; "
                       "use a path inside it, without '..'", line)
        return None
    path = folder / relative
    if not path.is_file():
        findings.error(doc.path, f"'{label}' names '{value}', which does not exist", line)
        return None
    return path


def _cells(count: int) -> str:
    return f"{count} cell{'s' * (count != 1)}"
