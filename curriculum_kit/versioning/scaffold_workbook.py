"""overlay.xlsx for `overlay new --xlsx`: the three lists as sheets, ready to type into.

Each sheet has its header in bold, frozen so it stays in view while scrolling, columns wide
enough for what goes in them, and drop-down lists where only a few values are allowed
(the program column, the case column), so Excel refuses a typo as it is typed.
"""

from __future__ import annotations

from pathlib import Path

from ..formats.overlay_files import SHEET_TITLES
from ..formats.programs import BOTH, PROGRAMS
from ..formats.terms import CASE_MODES

# Characters a column's values are usually wide; Excel's unit is about one character.
_WIDTHS = {"term": 32, "replacement": 44, "case": 9, "note": 40, "program": 11, "role": 26, "name": 24,
           "title": 32, "phone": 22, "email": 32, "location": 34, "notes": 30, "id": 8, "reports_to": 12}
_CHOICES = {"program": [*PROGRAMS, BOTH], "case": list(CASE_MODES)}
_LAST_ROW = 2000  # how far down the drop-down lists reach


def write_overlay_workbook(path: Path, tables: dict[str, list[list[str]]]) -> None:
    """Write ``tables`` (list name -> header and example rows) as the sheets of ``path``."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    for blank in book.worksheets:  # the default "Sheet"
        book.remove(blank)
    for kind, rows in tables.items():
        sheet = book.create_sheet(SHEET_TITLES[kind])
        for row in rows:
            sheet.append(row)
        header = rows[0]
        for index, name in enumerate(header, start=1):
            letter = get_column_letter(index)
            sheet.cell(row=1, column=index).font = Font(bold=True)
            sheet.column_dimensions[letter].width = _WIDTHS.get(name, 16)
            if name in _CHOICES:
                choices = DataValidation(type="list", formula1=f'"{",".join(_CHOICES[name])}"', allow_blank=True,
                                         showErrorMessage=True, errorTitle=f"Not a {name}",
                                         error=f"Choose one of: {', '.join(_CHOICES[name])}")
                choices.add(f"{letter}2:{letter}{_LAST_ROW}")
                sheet.add_data_validation(choices)
        sheet.freeze_panes = "A2"
    book.save(path)
