"""One sign-in sheet for both programs' staff: they attend together (lesson 1).

Its columns follow what the attendance importer reads (name, program, module, date,
e-mail), so a staff developer can type the sheet in line by line and leadership can see
who of each program came.
"""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Inches

from ..formats.module import Module
from ..formats.overlay import Overlay
from ..formats.session_day import SessionDay
from ..outputs import Stamp
from ..wording import BLANK, local_labels, module_caption, pair_text, program_choices
from .common import (
    add_fill_in,
    add_footer_note,
    add_labelled,
    column_widths,
    finish,
    new_document,
    table_with_header,
    text_width,
)

COLUMNS = ["#", "Name", "Program", "Job title", "Unit/office", "E-mail", "Signature"]
WEIGHTS = (0.45, 2, 1.7, 1.5, 1.4, 2, 1.6)
ROW_HEIGHT = Inches(0.3)  # room for handwriting


def signin_docx(module: Module, overlay: Overlay, stamp: Stamp, rows: int = 20,
                session: SessionDay | None = None) -> bytes:
    """A landscape sign-in sheet for one session of ``module`` with ``rows`` numbered lines;
    for a planned ``session``, its id, date, room and pair are printed, not left blank."""
    if rows < 1:
        raise ValueError(f"a sign-in sheet needs at least one row, not {rows}")
    document = new_document(overlay, f"Sign-in: {module.title}",
                            f"Module {module.id} · {module_caption(module)}", landscape=True)
    if session is None:
        add_fill_in(document, "Date", "Location")
    else:
        add_labelled(document, ("Session", session.session_id), ("Date", session.date_text),
                     ("Location", session.where_text or BLANK))
    add_labelled(document, ("Co-facilitators", pair_text(overlay, session.pair if session else None)))
    cws, calworks = local_labels(overlay)
    document.add_paragraph(f"Welcome! Staff of {cws} and {calworks} sign the same sheet. Please print "
                           "clearly and tick your program.")
    lines = [[str(number), "", program_choices(overlay), "", "", "", ""] for number in range(1, rows + 1)]
    table = table_with_header(document, COLUMNS, lines, column_widths(text_width(document), *WEIGHTS))
    for row in table.rows[1:]:
        row.height, row.height_rule = ROW_HEIGHT, WD_ROW_HEIGHT_RULE.AT_LEAST
    held = f"session: {session.session_id}, date: {session.starts:%Y-%m-%d}; " if session else ""
    add_footer_note(document, f"Staff developers: please keep this sheet for attendance records. Enter "
                              f"each line as name, program, module, date, session, e-mail ({held}module: "
                              f"{module.id}, version {module.version}; {overlay.county}).")
    return finish(document, stamp, f"Sign-in: {module.title}", module.title, overlay.county)
