"""The org chart page: the chart as pictures with alt text, then everyone in a table,
which is what a screen reader user (and anyone searching for a name) needs."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches

from ..formats.overlay import Overlay
from ..outputs import Stamp
from .common import add_picture, finish, fit_picture, new_document, table_with_header
from .orgchart_image import describe, render_png
from .orgchart_layout import layout

# The picture area of a landscape Letter page with the co-branded header (EMU); the first
# page also holds the title and its line, so a picture there is at most FIRST_PAGE_HEIGHT.
PAGE_WIDTH, PAGE_HEIGHT = Inches(9.4), Inches(5.2)
FIRST_PAGE_HEIGHT = Inches(4.2)


def orgchart_pictures(overlay: Overlay) -> tuple[tuple[bytes, ...], str]:
    """PNG pages of the county's org chart and their alt text (empty without a chart)."""
    if overlay.orgchart is None:
        return (), ""
    pages = layout(overlay.orgchart, int(PAGE_WIDTH), int(PAGE_HEIGHT), overlay.county)
    return tuple(render_png(page, overlay) for page in pages), describe(overlay.orgchart, overlay.county)


def orgchart_docx(overlay: Overlay, pictures: tuple[bytes, ...], alt_text: str, stamp: Stamp) -> bytes:
    document = new_document(overlay, f"Who's who: {overlay.county}",
                            "How the two programs are organised, and who leads each team.", landscape=True)
    for index, png in enumerate(pictures):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.page_break_before = index > 0  # one chart page per page
        width, height = fit_picture(png, PAGE_WIDTH, FIRST_PAGE_HEIGHT if index == 0 else PAGE_HEIGHT)
        add_picture(paragraph.add_run(), png, alt_text, width=width, height=height)
    chart = overlay.orgchart
    assert chart is not None  # the packet has this document only when the county has a chart
    people = {person.id: person for person in chart.people}
    document.add_heading("Everyone on the chart", level=2)
    rows = [[p.name, p.title, overlay.program_label(p.program),
             people[p.reports_to].name if p.reports_to in people else "—"] for p in chart.people]
    table_with_header(document, ["Name", "Title", "Program", "Reports to"], rows)
    return finish(document, stamp, f"Org chart — {overlay.county}", "Linkages org chart", overlay.county)
