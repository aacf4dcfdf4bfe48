"""Reading the text files that people edit by hand: TOML settings and Excel-saved CSV.

Everything here turns a malformed file into an :class:`InputError` naming the file and the
line, and reports unknown keys or columns with the closest known name ("did you mean").
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from ..errors import InputError, Location
from ..findings import Findings
from .untrusted import (
    CELL_CHARS,
    LONG_TEXT_CHARS,
    MARKER_SYNTAX,
    NOT_IN_XML,
    SHORT_TEXT_CHARS,
    cell_problem,
    file_name_problem,
    text_problem,
)

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")
_TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY_LINE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\- ]+?)\s*=""")


# How much is read from one file (docs/formats.md, "Limits"): generous for what counties
# write, small enough that a wrong file (a video renamed .md, /dev/zero) is refused at once.
TEXT_BYTES = 1 << 20  # overlay.toml, module.toml, modules.lock: a few KB in real use
CSV_BYTES = 5 << 20  # terminology, contacts, org chart: a 5,000-person HR export is ~400 KB
STORY_BYTES = 100 << 10  # a story is told in a few minutes: one to three pages, 2-10 KB
SIGNIN_BYTES = 25 << 20  # an LMS export of years of sessions: ~100 bytes a row
CSV_ROWS = 2000  # terminology, contacts, org chart: counties write tens to hundreds of rows
# The largest county's Linkages sign-ins over a decade are some 100,000 rows; the analysis
# holds ~5.6 KB a row (990,000 rows took 5.6 GB)
SIGNIN_ROWS = 250_000

_KINDS = ((stat.S_ISDIR, "is a folder, expected a file"), (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
          (stat.S_ISCHR, "is a device, not a regular file"),
          (stat.S_ISBLK, "is a device, not a regular file"), (stat.S_ISSOCK, "is a socket, not a regular file"))
SYMLINK = ("is a symbolic link; curriculum-kit reads only regular files inside the folder "
           "(copy the file here instead of linking to it)")


def _size(count: int) -> str:
    return f"{count / 1048576:.1f} MB" if count >= 1048576 else f"{-(-count // 1024)} KB"


def not_regular(path: Path, *, named: bool = False) -> str | None:
    """Why ``path`` is not a regular file that may be read, or None.

    A symbolic link is refused unless the user ``named`` the file on the command line: a link
    inside an overlay or module folder would ship a file from outside it (or /dev/zero) in a
    packet, and git stores the link, not the file, so the folder would not travel whole.
    A FIFO, a device or a socket is never read (a FIFO hangs, a device never ends).
    """
    try:
        info = path.stat() if named else path.lstat()
    except FileNotFoundError:
        return "file not found"
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return SYMLINK
    for test, problem in _KINDS:
        if test(info.st_mode):
            return problem
    return None


def read_bytes(path: Path, max_bytes: int, what: str = "a file of this kind", *, named: bool = False) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (see :func:`not_regular`)."""
    problem = not_regular(path, named=named)
    if problem:
        raise InputError(problem, path)
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if named else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:  # replaced since the check: refuse rather than follow
        raise InputError(SYMLINK if exc.errno == errno.ELOOP else f"cannot be read ({exc.strerror})",
                         path) from None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("is not a regular file", path)
        try:
            data = stream.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror})", path) from None
    if len(data) > max_bytes:
        size, limit = _size(max(info.st_size, len(data))), _size(max_bytes)
        if size == limit:  # just over: 'is 50.0 MB; … at most 50.0 MB' said nothing
            size, limit = f"{max(info.st_size, len(data)):,} bytes", f"{max_bytes:,} bytes"
        raise InputError(f"is {size}; {what} may be at most {limit}", path)
    return data


def read_text(path: Path, max_bytes: int = TEXT_BYTES, what: str = "a file of this kind", *,
              named: bool = False) -> str:
    """The file's text, UTF-8 with or without a byte-order mark."""
    data = read_bytes(path, max_bytes, what, named=named)
    if data.startswith(b"PK\x03\x04"):  # an .xlsx given (or renamed) where a CSV goes: all of it decodes
        raise InputError("is a zip file (an Excel workbook or an Office document), not text; save it as text "
                         "(in Excel: Save As > 'CSV UTF-8 (Comma delimited)')", path)
    how = ("in Excel: Save As > 'CSV UTF-8 (Comma delimited)'" if path.suffix.lower() in (".csv", ".tsv", ".txt")
           else "in a text editor: Save As, encoding UTF-8")
    head = data[:200]  # UTF-16 text without its byte-order mark: a NUL beside each ASCII character
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") * 3 > len(head):
        raise InputError(f"is UTF-16 text ('Unicode Text'), not UTF-8; save it as UTF-8 ({how})", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"is not UTF-8 text (byte 0x{data[exc.start]:02X}); save it as UTF-8 ({how})",
                         path, line) from None


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a likely typo, else ''."""
    import difflib  # here: only a misspelt name needs it

    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""

# Where a value sits in a TOML file: keys and array indexes, e.g. ('trainers', 0, 'name').
KeyPath = tuple[str | int, ...]


def suggest_named(word: str, choices: Iterable[str]) -> str:
    """Like :func:`suggest` for names written in capitals ('Maria Lopez'), compared in any case."""
    import difflib  # here: only a misspelt name needs it

    by_key = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(by_key), n=1, cutoff=0.6)
    return f" (did you mean '{by_key[close[0]]}'?)" if close else ""


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
    import tomllib  # here: `adapt --terms` reads a CSV only

    text = read_text(path)
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib parses nested arrays and tables by recursion
        raise InputError("is not valid TOML: arrays or tables nest too deeply", path) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        line = int(found.group(1)) if found and found.group(1) else None
        message = _TOML_POSITION.sub("", message).rstrip(".")
        raise InputError(f"is not valid TOML: {message}", path, line) from None
    doc = TomlDocument(path, data, _key_lines(text))
    _check_strings(doc, data, ())
    return doc


def shown_value(value: object) -> str:
    """A TOML value in a message as a person wrote it: a date-time as 2027-03-12T10:00:00,
    true as true, text quoted. Python's repr (``datetime.datetime(2027, 3, 12, 10, 0)``)
    means nothing to county staff."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, time)):  # a datetime is a date
        return value.isoformat()
    return repr(value)


_DEEPEST = 20  # the deepest key path a file of ours has is 3 ([programs.cws] name); a dotted key
# of a thousand parts would otherwise take this walk past Python's recursion limit


def _check_strings(doc: TomlDocument, value: object, keys: KeyPath) -> None:
    """Every key and text value of the file, checked before any field is read: one that a
    document cannot hold is an error naming the file, the line and the field."""
    if len(keys) > _DEEPEST:
        label = ".".join(str(k) for k in keys[:3])
        raise InputError(f"'{label}…' nests tables or lists more than {_DEEPEST} deep; no field of "
                         "an overlay or module is", doc.path, doc.line_of(*keys[:1]))
    if isinstance(value, dict):
        for key, item in value.items():
            _check_strings(doc, key, keys + (key,))
            _check_strings(doc, item, keys + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strings(doc, item, keys + (index,))
    elif isinstance(value, str):
        named = [k for k in keys if isinstance(k, str)]
        problem = text_problem(value, LONG_TEXT_CHARS if named[-1:] == ["description"] else SHORT_TEXT_CHARS)
        if problem:
            label = ".".join(str(k) for k in keys)
            raise InputError(f"'{label}' {problem}", doc.path, doc.line_of(*keys))


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
                lines.setdefault(name, number)  # an unknown [[name]] is reported at its first table
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
    """One row of a table: a line of a CSV file, or a row of a workbook's sheet."""

    number: int  # the CSV line where the row starts, or the sheet's row number
    cells: dict[str, str]
    sheet: str | None = None  # the sheet of a workbook; None for a CSV file
    columns: tuple[str, ...] = ()  # the header, to name a cell of a sheet ('Contacts!E7')

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    @property
    def line(self) -> Location:
        """Where the row is: its line in a CSV file, its first cell in a sheet."""
        return self.at(self.columns[0] if self.columns else None)

    def at(self, column: str | None) -> Location:
        """Where one of the row's values is: the line, or the cell in a sheet ('Contacts!E7')."""
        if self.sheet is None:
            return self.number
        from .workbook import cell_ref

        return cell_ref(self.sheet, self.columns.index(column) if column in self.columns else 0, self.number)


def first_at(location: Location) -> str:
    """'on line 7' or 'at Contacts!A7': where an earlier row was, for 'duplicate' messages."""
    return f"at {location}" if isinstance(location, str) else f"on line {location}"


def read_table(path: Path, required: list[str], optional: list[str], sheet: str | None = None,
               on_bad_row: Callable[[InputError], None] | None = None, *, max_rows: int = CSV_ROWS,
               what: str = "a list", named: bool = False) -> list[CsvRow]:
    """Rows of a CSV file, or of one sheet of an .xlsx workbook (the only sheet when
    ``sheet`` is None), with the same checks and messages naming the cell; ``named`` for a
    file named on the command line (see read_bytes)."""
    if path.suffix.lower() != ".xlsx":
        return read_csv(path, required, optional, on_bad_row, max_rows=max_rows, what=what, named=named)
    from .workbook import read_sheet

    problem = not_regular(path, named=named)  # the rules of every file read from a folder (see read_bytes)
    if problem:
        raise InputError(problem, path)
    book = read_sheet(path, sheet)
    return _table_rows(path, iter(enumerate(book.rows, start=1)), required, optional, on_bad_row, book.title,
                       max_rows, what)


def read_csv(path: Path, required: list[str], optional: list[str],
             on_bad_row: Callable[[InputError], None] | None = None, *,
             max_bytes: int = CSV_BYTES, max_rows: int = CSV_ROWS, what: str = "a CSV file",
             named: bool = False) -> list[CsvRow]:
    """Rows of a spreadsheet-edited CSV file, keyed by lowercase column name.

    Accepts what Excel and LibreOffice write: a byte-order mark, ',' ';' or tab separators,
    CRLF, quoted cells with commas or line breaks, and trailing empty columns. Cells are
    trimmed; blank rows and rows whose first cell starts with '#' are skipped.
    A row with the wrong number of cells is an error; with ``on_bad_row`` it is handed
    over instead and reading goes on (sign-in exports: one typo must not hide 500 rows).
    A cell a document cannot hold (see :mod:`.untrusted`) makes its row such a row.
    """
    text = read_text(path, max_bytes, what, named=named)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line.strip() else ","
    return _table_rows(path, _csv_records(path, text, delimiter), required, optional, on_bad_row, None,
                       max_rows, what)


def _csv_records(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells) for each record of a CSV text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 0
    while True:
        start = line + 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            raise InputError(f"is not a readable CSV {'file' if start == 1 else 'row'}: {exc}", path, start) from None
        if cells is None:
            return
        line = reader.line_num
        if line - start >= _RUNAWAY_LINES and any(_runaway(cell, delimiter) for cell in cells):
            raise InputError(f'has a quoted cell that runs on to line {line}, swallowing the rows between '
                             '(a lone " typed in a cell?); close the quote, or double it ("")', path, start)
        yield start, cells


_RUNAWAY_LINES = 5  # a cell of a contact's notes may break a line or two; not five, each like a row


def _runaway(cell: str, delimiter: str) -> bool:
    """Whether a cell holds lines that read as rows of the file (separators in most of them):
    what an opening quote that is never closed makes of the rows after it."""
    lines = cell.split("\n")
    return len(lines) > _RUNAWAY_LINES and sum(delimiter in row for row in lines) > len(lines) // 2


def _table_rows(path: Path, records: Iterator[tuple[int, list[str]]], required: list[str],
                optional: list[str], on_bad_row: Callable[[InputError], None] | None,
                sheet: str | None, max_rows: int = CSV_ROWS, what: str = "a list") -> list[CsvRow]:
    """The header checked against the known columns, then the rows that fit it."""
    def where(number: int, column: int = 0) -> Location:
        if sheet is None:
            return number
        from .workbook import cell_ref

        return cell_ref(sheet, column, number)

    first = next(records, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        raise InputError(f"is empty; the first {'row' if sheet else 'line'} must be the header: "
                         f"{','.join(required)}", path, where(1))
    header = [cell.strip().lower() for cell in first[1]]
    while header and header[-1] == "":
        header.pop()
    known = required + optional
    for index, name in enumerate(header):
        if name not in known:
            shown = name if len(name) <= 40 else name[:40] + "…"
            raise InputError(f"unknown column '{shown}'{suggest(name, known)}; "
                             f"the header must be {','.join(required)}"
                             f"{' with optional ' + ','.join(optional) if optional else ''}", path,
                             where(first[0], index))
        if header.count(name) > 1:
            raise InputError(f"column '{name}' appears twice in the header", path,
                             where(first[0], len(header) - 1 - header[::-1].index(name)))
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(f"missing column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(repr(m) for m in missing)}; the header must start "
                         f"{','.join(required)}", path, where(first[0]))
    rows: list[CsvRow] = []
    counted = 0
    columns = tuple(header)
    for start, raw in records:
        cells = [cell.strip().replace("\ufeff", "") for cell in raw]
        if sheet is not None and len(cells) < len(header):  # a sheet's row ends at its last value
            cells += [""] * (len(header) - len(cells))
        if not any(cells) or cells[0].startswith("#"):
            continue
        counted += 1
        if counted > max_rows:
            raise InputError(f"has more than {max_rows:,} rows; {what} may have at most {max_rows:,}", path,
                             where(start))
        found = _row_problem(header, required, cells, sheet is not None)
        if found is None:
            rows.append(CsvRow(start, dict(zip(header, cells)), sheet, columns))
        else:
            problem, column = found
            error = InputError(problem, path, where(start, column))
            if on_bad_row is None:
                raise error
            on_bad_row(error)
    return rows


def _row_problem(header: list[str], required: list[str], cells: list[str], sheet: bool) -> tuple[str, int] | None:
    """Why a row does not fit the header or holds a cell no document can, and the column (a
    workbook's message names the cell), or None."""
    misfit = _misfit(header, required, cells, sheet) if len(cells) != len(header) else None
    if misfit:  # the usual row has a cell for each column
        return misfit, _first_extra(header, cells)
    joined = "\n".join(cells)
    if (NOT_IN_XML.search(joined) is None and ("{" not in joined or MARKER_SYNTAX.search(joined) is None)
            and max(map(len, cells), default=0) <= CELL_CHARS):
        return None  # the whole row at once (thousands of rows a build): every cell fits
    for index, (column, cell) in enumerate(zip(header, cells)):
        problem = cell_problem(column, cell)
        if problem:
            return problem, index
    return None


def _first_extra(header: list[str], cells: list[str]) -> int:
    """The column of a row's first value beyond the header's columns (else the one after them)."""
    return next((index for index in range(len(header), len(cells)) if cells[index]), len(header))


def _misfit(header: list[str], required: list[str], cells: list[str], sheet: bool) -> str | None:
    """A value beyond the header's columns, or a required column the row has no cell for."""
    if any(cells[len(header):]):
        if sheet:
            from .workbook import column_letter

            return f"a value in column {column_letter(_first_extra(header, cells))}, which has no header"
        return f"row has {_cells(len(cells))} but the header has {len(header)} (an unquoted comma?)"
    absent = [name for name in required if header.index(name) >= len(cells)]
    if absent:
        return (f"row has {_cells(len(cells))} but the header has {len(header)} "
                f"(no value for {', '.join(absent)})")
    return None


def inside_folder(folder: Path, value: object, doc: TomlDocument, keys: KeyPath,
                  findings: Findings) -> Path | None:
    """The file a TOML value names, if it is a relative path to a regular file inside ``folder``.

    A path with '..', an absolute path or one through a symbolic link is refused: an overlay
    or module must be a self-contained folder that can be copied, versioned and checked on
    its own, and what it names must never be a file from elsewhere.
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
    path = folder
    for index, part in enumerate(relative.parts):
        path = path / part
        last = index == len(relative.parts) - 1
        problem = file_name_problem(part) or (not_regular(path) if last else _through_link(path))
        if problem == "file not found" or (problem is None and not last and not path.is_dir()):
            findings.error(doc.path, f"'{label}' names '{value}', which does not exist", line)
            return None
        if problem:
            findings.error(doc.path, f"'{label}' = '{value}': '{path.relative_to(folder).as_posix()}' {problem}",
                           line)
            return None
    return path


def _through_link(path: Path) -> str | None:
    """Why a folder on the way to a file may not be walked through, or None."""
    try:
        return SYMLINK if path.is_symlink() else None
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"


def _cells(count: int) -> str:
    return f"{count} cell{'s' * (count != 1)}"  # (wording.count_text's rule: wording sits above formats)
