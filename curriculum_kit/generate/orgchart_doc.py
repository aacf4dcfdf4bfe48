"""The org chart page: the chart as pictures with alt text, then everyone in a table,
which is what a screen reader user (and anyone searching for a name) needs."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt

from ..formats.overlay import Overlay
from ..outputs import Stamp
from .common import add_picture, finish, fit_picture, new_document, table_with_header
from .orgchart_image import describe, render_png
from .orgchart_layout import layout
from .textfit import wrap

# The picture area of a landscape Letter page with the co-branded header (EMU); the first
# page also holds the title and its line, so a picture there is at most FIRST_PAGE_HEIGHT
# when each takes one line, a line less for each further line (first_page_height).
PAGE_WIDTH, PAGE_HEIGHT = Inches(9.4), Inches(5.2)
FIRST_PAGE_HEIGHT = Inches(4.2)
INTRO = "How the two programs are organised, and who leads each team."
_TITLE_PT, _INTRO_PT = 14, 11  # the template's Heading 1 and Normal
_WORD_LINE = 1.22 * 1.15  # a line of Calibri (1.22 em) at the template's 1.15 line spacing


def title(county: str) -> str:
    return f"Who's who: {county}"


def first_page_height(county: str) -> int:
    """The room for the first chart picture under the title and its line. A county's long
    name wraps the title to two lines, and a picture sized for one no longer fitted under
    it: Word moved it to page 2 and left page 1 holding the title alone."""
    more = sum((len(wrap(text, int(PAGE_WIDTH), size, break_words=True)) - 1) * int(Pt(size * _WORD_LINE))
               for text, size in ((title(county), _TITLE_PT), (INTRO, _INTRO_PT)))
    return int(FIRST_PAGE_HEIGHT) - more


def orgchart_pictures(overlay: Overlay) -> tuple[tuple[bytes, ...], str]:
    """PNG pages of the county's org chart and their alt text (empty without a chart)."""
    if overlay.orgchart is None:
        return (), ""
    pages = layout(overlay.orgchart, int(PAGE_WIDTH), int(PAGE_HEIGHT), overlay.county)
    return tuple(render_png(page, overlay) for page in pages), describe(overlay.orgchart, overlay.county)


def orgchart_docx(overlay: Overlay, pictures: tuple[bytes, ...], alt_text: str, stamp: Stamp) -> bytes:
    document = new_document(overlay, title(overlay.county), INTRO, landscape=True)
    for index, png in enumerate(pictures):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.page_break_before = index > 0  # one chart page per page
        width, height = fit_picture(png, PAGE_WIDTH, first_page_height(overlay.county) if index == 0 else PAGE_HEIGHT)
        add_picture(paragraph.add_run(), png, alt_text, width=width, height=height)
    chart = overlay.orgchart
    assert chart is not None  # the packet has this document only when the county has a chart
    people = {person.id: person for person in chart.people}
    document.add_heading("Everyone on the chart", level=2)
    rows = [[p.name, p.title, overlay.program_label(p.program),
             people[p.reports_to].name if p.reports_to in people else "—"] for p in chart.people]
    table_with_header(document, ["Name", "Title", "Program", "Reports to"], rows)
    return finish(document, stamp, f"Org chart — {overlay.county}", "Linkages org chart", overlay.county)
