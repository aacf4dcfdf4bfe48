"""The session evaluation: did staff leave knowing the other program, and wanting to call it?

The statements follow the lessons learned: understanding each other's roles (2), what's in
it for me (4), the co-trainers (3), interactive practice (5), local stories (6) and time to
connect (8). Answers stay anonymous; the program boxes let a county compare how each
program's staff experienced the same day.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt

from ..formats.module import Module
from ..formats.overlay import Overlay
from ..formats.session_day import SessionDay
from ..outputs import Stamp
from ..wording import BOX, choices, local_labels, module_caption, program_choices
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

LIKERT = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
ROLES = ("Line staff", "Supervisor", "Manager", "Other: ________")
OPEN_QUESTIONS = (
    "One thing I will do differently with my counterpart in the other program:",
    "What helped me most today:",
    "What I would change about this session:",
    "Linkages topics I would like training on next:",
)
ANSWER_HEIGHT = Inches(1.4)  # the open questions fill the second page
STATEMENT_HEIGHT = Inches(0.42)
BOX_SIZE = Pt(13)


def statements(module: Module, overlay: Overlay) -> list[str]:
    """The Likert statements, worded with the county's own program names."""
    cws, calworks = local_labels(overlay)
    return [
        f"I understand the role and responsibilities of staff in the other program ({cws} or {calworks}).",
        "I know whom to contact in the other program when we serve the same family.",
        "I can see what working with the other program does for me and my caseload.",
        "Working together will help the families I serve reach their goals sooner.",
        f"Having one trainer from {cws} and one from {calworks} showed me how the programs work together.",
        "There was enough time to meet and talk with staff from the other program.",
        f"The stories from {overlay.county} showed what Linkages looks like for real families.",
        "The scenarios and activities felt like my real work.",
        f"I will use what I learned in “{module.title}” in my day-to-day work.",
    ]


def evaluation_docx(module: Module, overlay: Overlay, stamp: Stamp, session: SessionDay | None = None) -> bytes:
    """A one-to-two page anonymous evaluation of one session of ``module``; a planned
    ``session``'s id and date are printed, so forms are counted per session."""
    document = new_document(overlay, f"Session evaluation: {module.title}", module_caption(module))
    document.add_paragraph("Thank you for spending the day with us. Your answers are anonymous and help "
                           "us make the next session better for both programs.")
    add_labelled(document, ("My program", program_choices(overlay, other="Other: ________")))
    add_labelled(document, ("My role", choices(ROLES)))
    if session is None:
        add_fill_in(document, "Date")
    else:
        add_labelled(document, ("Session", session.session_id), ("Date", session.date_text))
    document.add_heading("How much do you agree?", level=2)
    rows = [[text, *[BOX] * len(LIKERT)] for text in statements(module, overlay)]
    table = table_with_header(document, ["Statement", *LIKERT], rows,
                              column_widths(text_width(document), 3.4, *[1] * len(LIKERT)), font_pt=9.5)
    for row in table.rows:
        for cell in row.cells[1:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows[1:]:
        row.height, row.height_rule = STATEMENT_HEIGHT, WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell in row.cells[1:]:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell.paragraphs[0].runs[0].font.size = BOX_SIZE
    document.add_heading("In your own words", level=2).paragraph_format.page_break_before = True
    answers = document.add_table(rows=len(OPEN_QUESTIONS), cols=1)
    answers.style = "Table Grid"
    for row, question in zip(answers.rows, OPEN_QUESTIONS):
        row.cells[0].paragraphs[0].add_run(question).bold = True
        row.height, row.height_rule = ANSWER_HEIGHT, WD_ROW_HEIGHT_RULE.AT_LEAST
    add_footer_note(document, "Please hand this to one of today's trainers before you leave. "
                              f"{overlay.county} · {module.id} {module.version}"
                              + (f" · session {session.session_id}" if session else ""))
    return finish(document, stamp, f"Evaluation: {module.title}", module.title, overlay.county)
