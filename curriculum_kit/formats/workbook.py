"""Reading the Excel workbooks (.xlsx) a county keeps its terms, contacts and org chart in.

A county's staff type these lists in Excel; reading the workbook itself spares them the
"Save As CSV" step and its encoding traps. Every cell is read as the text a person sees in
Excel: a phone number typed as a number keeps its digits (and its display format), a date
reads as it is shown, TRUE stays TRUE. Formulas give the value Excel saved with them;
nothing is calculated and links to other workbooks are never followed.

A workbook comes from outside, so it is checked before openpyxl parses it: its size, the
size of its zip entries once inflated (a zip bomb), and no XML part may declare a DOCTYPE
(the door to entity expansion).
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..errors import InputError

MAX_FILE_BYTES = 20 << 20  # a county's lists are kilobytes; a larger file is not one
MAX_INFLATED_BYTES = 200 << 20
# A part that inflates more than this many times its stored size, past a megabyte: Excel's XML
# compresses some tenfold; a million empty shared strings in 35 KB kept openpyxl busy 30 s.
MAX_RATIO, MAX_RATIO_FLOOR = 100, 1 << 20
MAX_ENTRIES = 2000
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000  # cells openpyxl hands out, empty ones before a row's last value included
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


@dataclass(frozen=True)
class Sheet:
    """One sheet's rows as text, each up to its last cell that holds something (a stray
    value in column XFD does not make every row 16,384 cells wide); ``title`` as Excel
    shows it."""

    title: str
    rows: list[list[str]]


def column_letter(index: int) -> str:
    """'A' for 0, 'Z' for 25, 'AA' for 26: the column's name in Excel."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(sheet: str, column: int, row: int) -> str:
    """'Contacts!E7', the sheet quoted as Excel quotes it when needed ('Org chart'!A2)."""
    name = sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letter(column)}{row}"


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheets, in the order of their tabs."""
    with _open(path) as book:
        return list(book.sheetnames)


def read_sheet(path: Path, name: str | None) -> Sheet:
    """The sheet called ``name`` (or the only sheet when None) as text rows."""
    with _open(path) as book:
        if name is None:
            if len(book.sheetnames) != 1:
                raise InputError(f"has {len(book.sheetnames)} sheets ({', '.join(book.sheetnames)}); "
                                 "keep only the one to read", path)
            name = book.sheetnames[0]
        try:  # openpyxl reads a sheet's XML only now, row by row (and warns of what it cannot read)
            sheet = book[name]
            sheet.reset_dimensions()  # a writer's stated size may be wrong; read what is there
            with warnings.catch_warnings(record=True) as noted:
                warnings.simplefilter("always")
                rows = _rows(sheet, name, path, noted)
        except _UNREADABLE as exc:
            raise _unreadable(path, exc) from None
        return Sheet(name, rows)


# What openpyxl warns of a cell formatted as a date whose number no date is (it reads #VALUE!).
_NO_DATE = re.compile(r"Cell (\w+) is marked as a date but the serial value (\S+) is outside the limits for dates")


def _rows(sheet: Any, name: str, path: Path, noted: list[warnings.WarningMessage]) -> list[list[str]]:
    """A sheet's rows as text; ``noted``: what openpyxl warns of while it reads them."""
    rows: list[list[str]] = []
    cells = 0
    for number, row in enumerate(sheet.iter_rows(), start=1):
        for warning in noted:
            found = _NO_DATE.search(str(warning.message))
            if found:
                raise InputError(f"{name}!{found.group(1)} is formatted as a date but holds {found.group(2)}, "
                                 "which is no date Excel shows; type the date again, or the value without a "
                                 "date format", path)
        noted.clear()
        if number > MAX_ROWS:
            raise InputError(f"sheet '{name}' has more than {MAX_ROWS:,} rows", path)
        cells += len(row)
        if cells > MAX_CELLS:
            raise InputError(f"sheet '{name}' holds cells far beyond any list (row {number} reaches "
                             f"column {column_letter(len(row) - 1)}); delete the rows and columns "
                             "after the list in Excel", path)
        texts = [_shown(cell, name, number, path) for cell in row]
        while texts and texts[-1] == "":
            texts.pop()
        rows.append(texts)
    return rows


def _shown(cell: Any, sheet: str, row: int, path: Path) -> str:
    """A cell's text as Excel shows it. A formula that failed (#N/A, #REF!, #NAME?) is refused:
    its error would be printed as the county's word. What Excel escaped in the file is read as
    typed ('_x000D_': a carriage return pasted into a cell), a carriage return as a line break."""
    if getattr(cell, "data_type", None) == "e":
        raise InputError(f"{cell_ref(sheet, cell.column - 1, row)} holds Excel's error {cell.value} (a formula that "
                         "failed); fix the formula or type the value", path)
    value = cell.value
    if isinstance(value, str) and "_x" in value:
        from openpyxl.utils.escape import unescape

        value = unescape(value)
    text = cell_text(value, getattr(cell, "number_format", None))
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# What zipfile and openpyxl raise on a workbook they cannot read: a damaged zip (an entry that
# does not inflate, a bad CRC, a compression method zipfile lacks), XML that does not parse
# (ElementTree's ParseError is a SyntaxError), or values where the schema wants others (a
# cell reference, row number or type that is not one: ValueError, TypeError, KeyError, ...).
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, SyntaxError, KeyError,
               IndexError, ValueError, TypeError, AttributeError)


def _unreadable(path: Path, exc: Exception) -> InputError:
    return InputError(f"is not a readable Excel workbook ({type(exc).__name__}: {exc}); "
                      "open it in Excel and save it again as .xlsx", path)


class _open:
    """The checked workbook, open read-only with cached formula values and no external links."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> Any:
        import openpyxl  # imported here: only counties with workbooks pay for it

        _check_package(self.path)
        try:
            with warnings.catch_warnings():  # "extension not supported" notes are for developers
                warnings.simplefilter("ignore")
                self.book = openpyxl.load_workbook(self.path, read_only=True, data_only=True, keep_links=False)
        except _UNREADABLE as exc:
            raise _unreadable(self.path, exc) from None
        return self.book

    def __exit__(self, *exc: object) -> None:
        self.book.close()


# How a part in UTF-16 starts: its byte-order mark, or '<' and a zero byte in either order.
_UTF16 = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16", b"<\0": "utf-16-le", b"\0<": "utf-16-be"}


def _declares_doctype(data: bytes) -> bool:
    """Whether XML declares a DOCTYPE, in UTF-8 or UTF-16 (which an XML parser reads too)."""
    encoding = _UTF16.get(data[:2])
    return _DOCTYPE.search(data.decode(encoding, "replace").encode() if encoding else data) is not None


def _check_package(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path) from None
    if size > MAX_FILE_BYTES:
        raise InputError(f"is {size >> 20} MB; a workbook of terms, contacts or an org chart is far smaller "
                         f"(limit {MAX_FILE_BYTES >> 20} MB)", path)
    if not zipfile.is_zipfile(path):
        if _starts_as_compound_file(path):
            raise InputError("is a workbook with a password (Excel then saves it encrypted) or an old .xls; "
                             "in Excel: remove the password (File > Info > Protect Workbook), then "
                             "Save As > 'Excel Workbook (.xlsx)'", path)
        raise InputError("is not an .xlsx workbook (an old .xls, or a CSV renamed?); "
                         "in Excel: Save As > 'Excel Workbook (.xlsx)'", path)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_INFLATED_BYTES:
                raise InputError("unpacks to more than a workbook of lists can hold; refusing a likely zip bomb",
                                 path)
            if any(entry.flag_bits & 0x1 for entry in entries):  # zipfile would ask for the password
                raise InputError("has encrypted zip entries; save it again from Excel without a password", path)
            for entry in entries:
                if entry.file_size > MAX_RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
                    raise InputError(f"part '{entry.filename}' would inflate {entry.file_size >> 20} MB from "
                                     f"{entry.compress_size >> 10} KB; refusing a likely zip bomb", path)
                with archive.open(entry) as stream:  # every part, whatever its name: openpyxl follows
                    if _declares_doctype(stream.read(MAX_INFLATED_BYTES)):  # the workbook's own links
                        raise InputError(f"part '{entry.filename}' declares a DOCTYPE; a workbook Excel "
                                         "saved never does (refused: entities are never expanded)", path)
    except _UNREADABLE as exc:  # a damaged zip: an entry that does not inflate, a bad CRC or header
        raise _unreadable(path, exc) from None


# An OLE compound file: what Excel writes for a workbook with a password, and for an old .xls.
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _starts_as_compound_file(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(_COMPOUND_FILE)) == _COMPOUND_FILE
    except OSError:
        return False


def cell_text(value: object, number_format: str | None) -> str:
    """The text Excel shows for a cell's value in its number format (US English)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime, date, time)):
        return _date_text(value, number_format or "General")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return _number_text(value, number_format or "General")
    return str(value)


def _sections(fmt: str) -> list[str]:
    """A format's ';'-separated sections, ignoring ';' inside quotes."""
    return [s for s in re.findall(r'(?:"[^"]*"|\\.|[^;"\\])+', fmt)] or ["General"]


def _pick_section(value: float, fmt: str) -> tuple[str, float]:
    sections = _sections(fmt)
    for section in sections:
        condition = re.match(r"\s*\[(<=|>=|<>|<|>|=)(-?[\d.]+)\]", section)
        if condition:
            op, bound = condition.group(1), float(condition.group(2))
            if {"<=": value <= bound, ">=": value >= bound, "<": value < bound, ">": value > bound,
                    "=": value == bound, "<>": value != bound}[op]:
                return section[condition.end():], value
    if any(re.match(r"\s*\[[<>=]", s) for s in sections):
        return re.sub(r"^\s*\[[^\]]*\]", "", sections[-1]), value
    if value < 0 and len(sections) > 1:
        return sections[1], -value
    return sections[0], value


def _number_text(value: float, fmt: str) -> str:
    section, value = _pick_section(value, fmt)
    section = re.sub(r"\[[^\]]*\]", "", section)  # colours, locales
    literal = re.sub(r'"([^"]*)"|\\(.)|_.|\*.', lambda m: m.group(1) or m.group(2) or "", section)
    if literal.strip().lower() in ("general", "@", ""):
        return _general(value)
    percent = "%" in literal
    if percent:
        value *= 100
    numeric = re.fullmatch(r"\s*([$€£]?)\s*([#0,]*)(?:\.([0#]+))?\s*(%?)\s*", literal)
    if numeric:
        decimals = len(numeric.group(3) or "")
        whole, point, fraction = f"{abs(value):.{decimals}f}".partition(".")
        whole = whole.zfill(numeric.group(2).count("0"))
        if "," in numeric.group(2):
            whole = f"{int(whole):,}"
        sign = "-" if value < 0 and float(f"{value:.{decimals}f}") != 0 else ""
        return sign + numeric.group(1) + whole + point + fraction + numeric.group(4)
    if float(value).is_integer() and re.search(r"[0#]", literal) and "." not in literal and not percent:
        return _fill_digits(int(value), literal)
    return _general(value)


def _fill_digits(number: int, template: str) -> str:
    """An integer laid into a pattern of digit placeholders: (###) ###-#### or 000-00-0000."""
    digits = str(abs(number))
    slots = sum(ch in "0#?" for ch in template)
    out: list[str] = []
    extra = digits[:-slots] if len(digits) > slots else ""
    remaining = digits[-slots:] if slots else ""
    filled_from = slots - len(remaining)  # slots before this index get no digit
    index = 0
    for ch in template:
        if ch in "0#?":
            if index == 0:
                out.append(extra)
            if index >= filled_from:
                out.append(remaining[index - filled_from])
            elif ch == "0":
                out.append("0")
            index += 1
        else:
            out.append(ch)
    return ("-" if number < 0 else "") + "".join(out)


def _general(value: float) -> str:
    """Excel's General format: whole numbers without '.0', others to at most 10 significant digits."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


_DATE_TOKENS = re.compile(r'"[^"]*"|\\.|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM|A/P|\[[^\]]*\]|.',
                          re.IGNORECASE)
# Formats openpyxl reports by their built-in code, but Excel shows in the US locale's own way.
_LOCALE_DATES = {"mm-dd-yy": "m/d/yyyy", "m/d/yy": "m/d/yyyy", "m/d/yy h:mm": "m/d/yyyy h:mm"}


def _date_text(value: date | time, fmt: str) -> str:
    fmt = _LOCALE_DATES.get(fmt.lower(), fmt)
    if fmt.lower() in ("general", "@"):
        fmt = "m/d/yyyy h:mm" if isinstance(value, datetime) and value.time() != time() else \
            ("h:mm:ss" if isinstance(value, time) else "m/d/yyyy")
    moment = value if isinstance(value, datetime) else (
        datetime.combine(value, time()) if isinstance(value, date) else datetime.combine(date(1900, 1, 1), value))
    tokens = _DATE_TOKENS.findall(_sections(fmt)[0])
    twelve = any(t.upper() in ("AM/PM", "A/P") for t in tokens)
    out: list[str] = []
    for i, token in enumerate(tokens):
        low = token.lower()
        prev = next((t.lower() for t in reversed(tokens[:i]) if t.strip(" :/.-,")), "")
        nxt = next((t.lower() for t in tokens[i + 1:] if t.strip(" :/.-,")), "")
        minutes = low in ("m", "mm") and (prev in ("h", "hh") or nxt in ("s", "ss"))
        hour = moment.hour % 12 or 12 if twelve else moment.hour
        out.append({
            "yyyy": f"{moment.year:04d}", "yy": f"{moment.year % 100:02d}",
            "mmmmm": moment.strftime("%B")[0], "mmmm": moment.strftime("%B"), "mmm": moment.strftime("%b"),
            "mm": f"{moment.minute:02d}" if minutes else f"{moment.month:02d}",
            "m": str(moment.minute) if minutes else str(moment.month),
            "dddd": moment.strftime("%A"), "ddd": moment.strftime("%a"),
            "dd": f"{moment.day:02d}", "d": str(moment.day),
            "hh": f"{hour:02d}", "h": str(hour), "ss": f"{moment.second:02d}", "s": str(moment.second),
            "am/pm": "AM" if moment.hour < 12 else "PM", "a/p": "A" if moment.hour < 12 else "P",
        }.get(low, _literal(token)))
    return "".join(out)


def _literal(token: str) -> str:
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("["):
        return ""
    return token
