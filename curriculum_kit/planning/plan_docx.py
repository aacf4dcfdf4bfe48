"""The plan a manager prints, reads and signs: one co-branded table, then the approvals.

California counties write an annual training plan (lesson 9); this is its Linkages part.
Both programs' managers sign it, because attending together is a joint priority (lesson 1).
Each row says why the session falls where it does, so a reader can check the sequence.
"""

from __future__ import annotations

from datetime import date

from docx.document import Document as DocxDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Inches, Pt, RGBColor
from docx.table import _Cell

from .. import __version__
from ..formats.module import Module
from ..formats.overlay import Overlay
from ..generate.common import add_footer_note, column_widths, finish, new_document, table_with_header, text_width
from ..outputs import Stamp
from ..wording import LEVEL_NAMES, and_list, count_text, duration_text, local_labels
from .schedule import CORE, PlanOptions, Session, plan_counts
from .timing import connect_minutes, time_range

COLUMNS = ["Session", "Date", "Time", "Module and why it is here", "Level", "Track", "Co-facilitators"]
WEIGHTS = (1.25, 1.1, 1.5, 3.25, 1.15, 1.1, 1.85)
SIGNERS = ["Prepared by (staff development)", "Approved for {cws} (program manager)",
           "Approved for {calworks} (program manager)"]
REASON_GREY = RGBColor(0x59, 0x59, 0x59)


def plan_docx(overlay: Overlay, sessions: list[Session], modules: list[Module], options: PlanOptions,
              closed: dict[date, str], stamp: Stamp) -> bytes:
    """The landscape Word plan of ``sessions`` (co-facilitators assigned) for ``overlay``'s county."""
    cws, calworks = local_labels(overlay)
    title = f"Linkages Annual Training Plan {options.year}"
    document = new_document(overlay, title, f"{overlay.county} · {cws} and {calworks} · "
                            f"{count_text(len(sessions), 'session')}", landscape=True)
    document.add_paragraph(
        f"Every session is co-facilitated by one trainer from {cws} and one from {calworks}, and staff of "
        f"both programs attend together. {_cohort_starts(sessions)}Modules with a refresh period are offered "
        "again as refreshers. Dates skip weekends, the holidays California observes and the county's own "
        "closure days.")
    document.add_paragraph(plan_counts(sessions) + ".")
    rows = [[s.session_id, f"{s.day:%a, %b} {s.day.day}, {s.day.year}", time_range(s), s.module.title,
             LEVEL_NAMES.get(s.module.level, s.module.level), s.track_label,
             "\n".join(f"{t.name} ({overlay.program_label(t.program)})" for t in s.pair or ())]
            for s in sessions]
    table = table_with_header(document, COLUMNS, rows, column_widths(text_width(document), *WEIGHTS), font_pt=9)
    for row, session in zip(table.rows[1:], sessions):
        _add_note(row.cells[1], session.room.name if session.room else "")
        _add_note(row.cells[2], f"{duration_text(connect_minutes(session))} to connect")
        _add_note(row.cells[3], session.reason[0].upper() + session.reason[1:] + ".")
    _closed_days(document, closed)
    _approvals(document, overlay)
    versions = ", ".join(f"{m.id} {m.version}" for m in modules)
    add_footer_note(document, f"{overlay.county} · overlay {overlay.slug} {overlay.version} · modules {versions} "
                              f"· curriculum-kit {__version__}")
    return finish(document, stamp, title, f"Linkages training plan {options.year}", overlay.county)


def _cohort_starts(sessions: list[Session]) -> str:
    """'New hires start the core track in January, April, July and October. ': the months of each
    cohort's first session, read from the sessions (a plan read back from its CSV knows no
    --new-hire-every; the option's default was printed for it)."""
    first: dict[int, date] = {}
    for session in sessions:
        if session.track == CORE:
            first[session.round] = min(first.get(session.round, session.day), session.day)
    months = list(dict.fromkeys(f"{day:%B}" for day in sorted(first.values())))
    return f"New hires start the core track in {and_list(months)}. " if months else ""


def _add_note(cell: _Cell, text: str) -> None:
    """Small grey print under a cell's text: the reason for a date, the time to connect, the room."""
    if not text:
        return
    run = cell.add_paragraph().add_run(text)
    run.font.size = Pt(7.5)
    run.font.color.rgb = REASON_GREY


def _closed_days(document: DocxDocument, closed: dict[date, str]) -> None:
    days = "; ".join(f"{day:%b} {day.day} {name}" for day, name in sorted(closed.items()))
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    label = paragraph.add_run("Holidays and closures skipped: ")
    label.bold = True
    text = paragraph.add_run(days or "none")
    for run in (label, text):
        run.font.size = Pt(8.5)


def _approvals(document: DocxDocument, overlay: Overlay) -> None:
    """Name, signature and date lines for staff development and both programs' managers."""
    document.add_heading("Approval", level=2).paragraph_format.keep_with_next = True
    cws, calworks = local_labels(overlay)
    rows = [[signer.format(cws=cws, calworks=calworks), "", "", ""] for signer in SIGNERS]
    table = table_with_header(document, ["Role", "Name", "Signature", "Date"], rows,
                              column_widths(text_width(document), 3.2, 2.4, 2.6, 1.2))
    for row in table.rows[1:]:
        row.height, row.height_rule = Inches(0.45), WD_ROW_HEIGHT_RULE.AT_LEAST
