"""Tables take their column widths from their words; text on a colour is black or white."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Inches

from curriculum_kit.formats.colors import contrast, readable_text_color, text_on
from curriculum_kit.generate import textfit
from curriculum_kit.generate.common import fit_columns
from curriculum_kit.generate.orgchart_layout import text_width
from curriculum_kit.generate.textfit import kept_pieces


def test_a_column_too_narrow_for_its_longest_word_takes_room_from_the_others():
    rows = [["Role", "Notes"], ["Emergency", "Walk-ins welcome on weekday mornings at the front desk"]]
    widths = fit_columns([Inches(0.5), Inches(4.5)], rows, 9)
    assert sum(map(int, widths)) == int(Inches(5))
    assert int(widths[0]) >= text_width("Emergency", 9) * 12700 + 2 * 108 * 635


def test_columns_that_fit_are_left_as_asked():
    asked = [Inches(2), Inches(3)]
    assert fit_columns(asked, [["Role", "Notes"], ["Intake", "Mornings"]], 9) == asked


ROOM = 2 * 108 * 635  # a Word cell's left and right margins


def test_a_word_no_column_can_hold_does_not_leave_the_others_breaking_theirs():
    """An e-mail address wider than the whole table kept every column as asked: 'DCYFCPPS'
    broke in its 0.56 in Program column in every row of the guide's contacts table. Each
    column now holds its words; the widest give up the room, down to one width."""
    address = "firstname.middlename.lastname0@sanbernardinodelosmontes-valledelriogrande.example.gov"
    rows = [["Program", "Phone", "E-mail", "Notes"], ["DCYFCPPS", "(909) 555-1000", address, "Main office"]]
    asked = [Inches(0.56), Inches(0.8), Inches(1.75), Inches(1.3)]
    widths = fit_columns(asked, rows, 7.5, kept_pieces)
    assert sum(map(int, widths)) == sum(map(int, asked))
    assert int(widths[0]) >= text_width("DCYFCPPS", 7.5) * 12700 + ROOM
    assert int(widths[1]) >= text_width("(909) 555-1000", 7.5) * 12700 + ROOM
    assert widths[3] == asked[3] and widths[2] < asked[2]  # the room came from the widest


def test_a_phone_number_is_one_piece_in_a_word_table():
    """'(909) 555-1006' broke after its hyphen in the contacts sheet's Phone column while
    the E-mail column took a third of the page: a phone number is kept whole."""
    assert kept_pieces("(909) 555-1006 x12345") == ["(909) 555-1006", "x12345"]
    assert kept_pieces("Call 909-555-1006, Welfare-to-Work") == ["Call", "909-555-1006", ",", "Welfare-", "to-", "Work"]
    from curriculum_kit.generate.common import table_with_header

    table = table_with_header(docx.Document(), ["Program", "Phone", "E-mail"],
                              [["CWS", "(909) 555-1006", "dana.whitfield@aldercountydcfs.example.org"]],
                              [Inches(0.9), Inches(1.0), Inches(4)], font_pt=9)
    phone = int(table._tbl.tblGrid.gridCol_lst[1].w)
    assert phone >= text_width("(909) 555-1006", 9) * 12700 + ROOM


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


def test_an_accented_letter_is_measured_as_its_letter_and_a_no_break_space_as_a_space():
    """Counted 1 em each, 'José Núñez-Castañeda' measured a fifth wider than drawn and a
    contacts slide's rows of Spanish names were set 1.5 times too tall; a horn (ơ, ư) does
    stick out, and stays wide."""
    assert textfit.text_width("José Núñez-Castañeda", 12) == textfit.text_width("Jose Nunez-Castaneda", 12)
    assert textfit.text_width("☐\u00a0DCFS", 12) == textfit.text_width("☐ DCFS", 12)
    assert textfit.text_width("Dương", 12) > textfit.text_width("Duong", 12)
