"""The session agenda handed out on the day, with time to connect printed on it.

Lesson 8: informal time with the other program's staff is part of the training, so the
agenda shows it as plainly as the learning segments: shaded, bold and explained, where
participants and managers can see it was planned rather than squeezed in.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import _Row

from ..agenda import ADJOURN, AgendaItem, clock, session_agenda
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..formats.session_day import SessionDay, roster_text
from ..outputs import Stamp
from ..wording import BLANK, duration_text, local_labels, module_caption, pair_text
from .common import (
    add_fill_in,
    add_footer_note,
    add_labelled,
    column_widths,
    finish,
    new_document,
    shade,
    table_with_header,
    text_width,
)

CONNECTING = ("connect", "break", "lunch")  # the kinds of agenda item that are time to connect
CONNECT_FILL = "#FFF2CC"


def agenda_docx(module: Module, overlay: Overlay, stamp: Stamp, session: SessionDay | None = None) -> bytes:
    """The agenda of one session of ``module`` in ``overlay``'s county: for a planned ``session``
    its date, room, co-facilitators and clock times from its start; else blanks and the roster."""
    items = session_agenda(module)
    document = new_document(overlay, module.title, f"Session agenda · {module_caption(module)}")
    if session is None:
        add_fill_in(document, "Date", "Location")
        document.add_paragraph(roster_text(overlay))
        hour, minute = module.start_time
    else:
        add_labelled(document, ("Date", session.date_text), ("Location", session.where_text or BLANK))
        document.add_paragraph(f"Co-facilitated by {pair_text(overlay, session.pair)} · session {session.session_id}")
        hour, minute = session.starts.hour, session.starts.minute
    rows = [[f"{clock(item.start, hour, minute)} – {clock(item.end, hour, minute)}", str(item.minutes), item.title]
            for item in items]
    rows.append([clock(items[-1].end, hour, minute), "", ADJOURN])
    table = table_with_header(document, ["Time", "Minutes", "Activity"], rows,
                              column_widths(text_width(document), 2.6, 1, 4.6), font_pt=11)
    for row in table.rows:
        row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row, item in zip(table.rows[1:], items):
        if item.kind in CONNECTING:
            _mark_connecting(row)
    _add_totals(document, items, overlay)
    if module.description:
        document.add_heading("About this session", level=2)
        document.add_paragraph(module.description)
    add_footer_note(document, f"{overlay.county} · {module.id} {module.version} · "
                              f"overlay {overlay.slug} {overlay.version}")
    return finish(document, stamp, f"Agenda: {module.title}", module.title, overlay.county)


def _mark_connecting(row: _Row) -> None:
    for cell in row.cells:
        shade(cell, CONNECT_FILL)
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _add_totals(document: DocxDocument, items: tuple[AgendaItem, ...], overlay: Overlay) -> None:
    """The day's length and how much of it is set aside for getting to know each other."""
    total = sum(item.minutes for item in items)
    connecting = sum(item.minutes for item in items if item.kind in CONNECTING)
    cws, calworks = local_labels(overlay)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.add_run(f"Total: {duration_text(total)}, ").bold = True
    paragraph.add_run(f"including {duration_text(connecting)} of time to connect (shaded rows). "
                      f"Use it to sit with, eat with and talk with colleagues from {cws} and "
                      f"{calworks}: the person you meet today is the one you call next month.")
