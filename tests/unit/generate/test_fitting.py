"""Tables take their column widths from their words; text on a colour is black or white."""

from __future__ import annotations

import pytest
from docx.shared import Inches

from curriculum_kit.formats.colors import contrast, readable_text_color, text_on
from curriculum_kit.generate.common import fit_columns
from curriculum_kit.generate.orgchart_layout import text_width


def test_a_column_too_narrow_for_its_longest_word_takes_room_from_the_others():
    rows = [["Role", "Notes"], ["Emergency", "Walk-ins welcome on weekday mornings at the front desk"]]
    widths = fit_columns([Inches(0.5), Inches(4.5)], rows, 9)
    assert sum(map(int, widths)) == int(Inches(5))
    assert int(widths[0]) >= text_width("Emergency", 9) * 12700 + 2 * 108 * 635


def test_columns_that_fit_are_left_as_asked():
    asked = [Inches(2), Inches(3)]
    assert fit_columns(asked, [["Role", "Notes"], ["Intake", "Mornings"]], 9) == asked


@pytest.mark.parametrize("fill, text", [("#1F5FA8", "#FFFFFF"), ("#F2C14E", "#000000"), ("#2E7D32", "#FFFFFF")])
def test_text_on_a_fill_is_black_or_white_whichever_reaches_4_5_to_1(fill, text):
    assert text_on(fill) == text and contrast(fill, text) >= 4.5


def test_a_colour_too_light_for_text_on_white_is_replaced_by_near_black():
    assert readable_text_color("#1F5FA8") == "#1F5FA8"
    assert readable_text_color("#D9731A") == "#1F1F1F"
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0


def test_on_a_dark_background_a_colour_that_does_not_read_gives_way_to_white():
    assert readable_text_color("#1F5FA8", "#1F3864") == "#FFFFFF"  # blue on navy; near black would not read either
    assert readable_text_color("#F2C14E", "#1F3864") == "#F2C14E"  # yellow on navy reads


def test_a_tables_cells_start_at_their_left_edge_whatever_the_documents_normal_style_says():
    """A guide set right-aligned and indented gave the county's contacts table right-aligned
    text in narrowed cells (words broke mid-word)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from curriculum_kit.generate.common import table_with_header

    document = docx.Document()
    normal = document.styles["Normal"].paragraph_format
    normal.alignment, normal.first_line_indent = WD_ALIGN_PARAGRAPH.RIGHT, Inches(0.5)
    table = table_with_header(document, ["Role", "Name"], [["Linkages liaison", "Ann Lee"]])
    for cell in (cell for row in table.rows for cell in row.cells):
        format = cell.paragraphs[0].paragraph_format
        assert format.alignment == WD_ALIGN_PARAGRAPH.LEFT and format.first_line_indent == 0
