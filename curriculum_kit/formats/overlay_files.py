"""Where an overlay keeps each of its lists: a CSV file, a workbook, or a sheet of overlay.xlsx.

A county may keep its terminology, contacts and org chart as ``terminology.csv``, as
``terminology.xlsx`` (one sheet), or as a sheet named "Terminology" in one ``overlay.xlsx``
holding all three. Exactly one place per list: a folder with two would leave people
editing one copy while the packets come from the other.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .sources import not_regular, suggest

TERMINOLOGY = "terminology"
CONTACTS = "contacts"
ORGCHART = "orgchart"
KINDS = (TERMINOLOGY, CONTACTS, ORGCHART)
WORKBOOK_FILE = "overlay.xlsx"
SHEET_TITLES = {TERMINOLOGY: "Terminology", CONTACTS: "Contacts", ORGCHART: "Org chart"}
_OTHER_SPREADSHEETS = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers")


@dataclass(frozen=True)
class TableSource:
    """One list's file, and its sheet when it is a sheet of overlay.xlsx."""

    path: Path
    sheet: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path.name} (sheet {self.sheet})" if self.sheet else self.path.name


def sheet_kind(title: str) -> str | None:
    """The list a sheet of overlay.xlsx holds, from its tab name: 'Org chart' -> orgchart."""
    squeezed = re.sub(r"[^a-z]", "", title.lower())
    return {"terminology": TERMINOLOGY, "terms": TERMINOLOGY, "contacts": CONTACTS,
            "orgchart": ORGCHART}.get(squeezed)


def table_sources(folder: Path) -> dict[str, TableSource]:
    """Each list the folder has, from wherever it is kept; two places for one list is an error."""
    sheets: dict[str, str] = {}
    workbook = folder / WORKBOOK_FILE
    if workbook.is_file() or workbook.is_symlink():
        problem = not_regular(workbook)  # a link is refused, not followed (sources.read_bytes)
        if problem:
            raise InputError(problem, workbook)
        from .workbook import sheet_names

        for title in sheet_names(workbook):
            kind = sheet_kind(title)
            if kind is None:
                names = [SHEET_TITLES[k] for k in KINDS]
                raise InputError(f"sheet '{title}' is none of {', '.join(names)}"
                                 f"{suggest(title, [n.lower() for n in names])}; rename or delete it", workbook)
            if kind in sheets:
                raise InputError(f"sheets '{sheets[kind]}' and '{title}' both hold the {kind}; keep one", workbook)
            sheets[kind] = title
    found: dict[str, TableSource] = {}
    for kind in KINDS:
        places = [TableSource(folder / f"{kind}{suffix}") for suffix in (".csv", ".xlsx")
                  if os.path.lexists(folder / f"{kind}{suffix}")]  # a link: refused when read
        if kind in sheets:
            places.append(TableSource(workbook, sheets[kind]))
        if len(places) > 1:
            raise InputError(f"the {kind} is kept twice, in {' and '.join(p.label for p in places)}; "
                             "keep one and delete the other", folder)
        if places:
            found[kind] = places[0]
            continue
        other = next((folder / f"{kind}{s}" for s in _OTHER_SPREADSHEETS if (folder / f"{kind}{s}").is_file()), None)
        if other is not None:
            raise InputError(f"cannot be read; save it as an Excel Workbook (.xlsx) or as CSV UTF-8 "
                             f"({kind}.xlsx or {kind}.csv)", other)
    return found
