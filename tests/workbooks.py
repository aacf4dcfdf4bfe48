"""Excel copies of an overlay's CSV files, made with openpyxl as a county's Excel would hold them.

Cells that are whole numbers (an org chart id, a phone typed as digits) are written as
numbers, the way Excel stores what a person types; everything else as text.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from curriculum_kit.formats.sources import read_text

SHEETS = {"terminology": "Terminology", "contacts": "Contacts", "orgchart": "Org chart"}


def _fill(sheet, csv_path: Path) -> None:
    import csv
    import io

    for row in csv.reader(io.StringIO(read_text(csv_path), newline="")):
        sheet.append([int(cell) if cell.isdigit() and not cell.startswith("0") else cell for cell in row])


def csvs_to_workbooks(folder: Path, combined: bool) -> list[str]:
    """Replace the folder's CSV lists by one workbook each, or by one overlay.xlsx with a sheet
    per list; returns the names of the CSV files replaced."""
    replaced = []
    book = openpyxl.Workbook() if combined else None
    if book is not None:
        book.remove(book.active)
    for kind, title in SHEETS.items():
        csv_path = folder / f"{kind}.csv"
        if not csv_path.is_file():
            continue
        if book is not None:
            _fill(book.create_sheet(title), csv_path)
        else:
            own = openpyxl.Workbook()
            own.active.title = title
            _fill(own.active, csv_path)
            own.save(folder / f"{kind}.xlsx")
        csv_path.unlink()
        replaced.append(csv_path.name)
    if book is not None and replaced:
        book.save(folder / "overlay.xlsx")
    return replaced
