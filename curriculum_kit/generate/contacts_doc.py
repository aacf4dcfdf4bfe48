"""The local contacts sheet: whom a worker calls in the other program, by name.

Linkages runs on people knowing each other; a sheet with real names, phones and rooms
turns "the other program" into a colleague down the hall. The same table goes into the
facilitator guide, so :func:`contacts_table` writes into any python-docx container.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.table import Table, _Cell

from ..formats.contacts import Contact
from ..formats.overlay import Overlay
from ..formats.programs import BOTH, PROGRAM_LABELS, PROGRAMS
from ..outputs import Stamp
from .common import add_footer_note, column_widths, finish, new_document, table_with_header, text_width

HEADERS = ["Program", "Role", "Name and title", "Phone", "E-mail", "Location/notes"]
WEIGHTS = (0.9, 1.25, 2.0, 1.3, 2.8, 2.15)  # e-mail addresses must not wrap; widths then follow the words


def contacts_table(container: Document | _Cell, contacts: Sequence[Contact], overlay: Overlay) -> Table:
    """Append a Program | Role | Name and title | Phone | E-mail | Location/notes table to ``container``.

    The program column tells two rows with one role apart ("Linkages liaison" in each
    program); name and title share a column so a portrait page has room for every column
    without breaking a word. ``container`` is a python-docx ``Document`` (the table spans its
    text width) or a table cell (the table takes the cell's width when it has one). Returns
    the new table, whose ``_tbl`` element the caller may move elsewhere.
    """
    width = text_width(container) if isinstance(container, Document) else container.width
    rows = [[overlay.program_label(c.program), c.role, "\n".join(filter(None, (c.name, c.title))), c.phone, c.email,
             "\n".join(filter(None, (c.location, c.notes)))] for c in contacts]
    return table_with_header(container, HEADERS, rows, column_widths(width, *WEIGHTS) if width else None,
                             font_pt=9)


def contacts_docx(overlay: Overlay, stamp: Stamp) -> bytes:
    """The county's contacts, grouped: Child Welfare Services, CalWORKs, then both programs."""
    cws, calworks = (overlay.programs[key] for key in PROGRAMS)
    document = new_document(overlay, "Local Linkages contacts",
                            f"{overlay.county}: whom to call in {cws.name} and {calworks.name} when a "
                            "family is served by both programs.", landscape=True)
    for key in (*PROGRAMS, BOTH):
        group = [contact for contact in overlay.contacts if contact.program == key]
        if group:
            named = f"{PROGRAM_LABELS[key]}: {overlay.programs[key].name}" if key in PROGRAMS else ""
            document.add_heading(named or PROGRAM_LABELS[key], level=2)
            contacts_table(document, group, overlay)
    if not overlay.contacts:
        document.add_paragraph("No contacts are listed yet. Ask your staff development unit to add them "
                               "to the county's contacts.csv before the next session.")
    add_footer_note(document, f"{overlay.county} · overlay {overlay.slug} {overlay.version} · Something "
                              "out of date? Tell your staff development unit so the next packet is right.")
    return finish(document, stamp, f"Local Linkages contacts: {overlay.county}", "Local Linkages contacts",
                  overlay.county)
