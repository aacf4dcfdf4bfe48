"""The session handouts: open in Word, say the county's own names, and rebuild byte for byte."""

from __future__ import annotations

import io
import subprocess
import zipfile
from dataclasses import replace
from datetime import datetime

import docx
import pptx
import pytest
from docx.oxml.ns import qn
from docx.shared import Inches
from lxml import etree
from PIL import Image

from curriculum_kit.agenda import session_agenda
from curriculum_kit.formats.calendar import Room
from curriculum_kit.formats.library import Library
from curriculum_kit.formats.overlay import Trainer
from curriculum_kit.formats.session_day import SessionDay
from curriculum_kit.generate.agenda_doc import agenda_docx
from curriculum_kit.generate.common import finish_loaded, fit_columns, logo_png
from curriculum_kit.generate.contacts_doc import contacts_docx, contacts_table
from curriculum_kit.generate.evaluation_doc import LIKERT, evaluation_docx
from curriculum_kit.generate.signin_doc import signin_docx
from curriculum_kit.generate.stories_doc import add_stories
from curriculum_kit.outputs import Stamp
from tests.conftest import REPO, needs_pdftotext, needs_soffice
from tests.fixtures import rewrite_zip

STAMP = Stamp.from_epoch(1_700_000_000)
PAIR = (Trainer("Maria Lopez", "cws"), Trainer("Luis Ortega", "calworks"))
SESSION = SessionDay("2027-core2-linkages-orientation", datetime(2027, 4, 8, 8, 30), 360, PAIR,
                     Room("Training Room B", "1200 Main Street, Alder"))


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(REPO / "base_modules", REPO / "county_overlays")


@pytest.fixture(scope="module")
def alder(library):
    return library.overlay("alder-county")


@pytest.fixture(scope="module")
def orientation(library):
    return library.module("linkages-orientation")


BUILDERS = {
    "agenda": lambda module, overlay: agenda_docx(module, overlay, STAMP, SESSION),
    "signin": lambda module, overlay: signin_docx(module, overlay, STAMP),
    "evaluation": lambda module, overlay: evaluation_docx(module, overlay, STAMP),
    "contacts": lambda module, overlay: contacts_docx(overlay, STAMP),
}
DOCUMENTS = list(BUILDERS)


@pytest.fixture(scope="module")
def built(alder, orientation) -> dict[str, bytes]:
    return {name: build(orientation, alder) for name, build in BUILDERS.items()}


def opened(data: bytes):
    return docx.Document(io.BytesIO(data))


def text_of(element) -> str:
    """Every paragraph of an element (body, header, cell) on its own line, tables included."""
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p")))


def all_text(document) -> str:
    section = document.sections[0]
    return "\n".join(text_of(part._element) for part in (section.header, document, section.footer))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_opens_with_both_programs_county_and_logos(name, built, alder):
    document = opened(built[name])
    text = all_text(document)
    assert alder.county in text
    for branding in alder.programs.values():
        assert branding.name in text
    pictures = document.sections[0].header._element.findall(".//" + qn("wp:docPr"))
    assert len(pictures) == 2
    assert all(picture.get("descr") for picture in pictures)
    assert document.core_properties.created.replace(tzinfo=None) == STAMP.when


@pytest.mark.parametrize("name", DOCUMENTS)
def test_same_inputs_give_the_same_bytes(name, built, alder, orientation):
    assert BUILDERS[name](orientation, alder) == built[name]


@pytest.mark.parametrize("module_id", ["linkages-orientation", "coordinated-case-planning",
                                       "families-experiencing-homelessness"])
def test_agenda_prints_the_modules_own_schedule_from_its_start_time(module_id, library, alder):
    module = library.module(module_id)
    table = opened(agenda_docx(module, alder, STAMP)).tables[0]
    header, *rows, adjourn = [[cell.text for cell in row.cells] for row in table.rows]
    assert header == ["Time", "Minutes", "Activity"]
    assert sum(int(minutes) for _, minutes, _ in rows) == module.duration_minutes
    assert [title for _, _, title in rows] == [item.title for item in module.agenda]
    hour, minute = module.start_time
    assert rows[0][0].startswith(f"{hour}:{minute:02d} AM")
    assert adjourn[2] == "Adjourn" and adjourn[0] == rows[-1][0].split(" – ")[1]


def test_a_module_without_a_schedule_gets_one_that_opens_with_time_to_connect(library, alder):
    module = replace(library.module("linkages-orientation"), agenda=())
    table = opened(agenda_docx(module, alder, STAMP)).tables[0]
    header, *rows, adjourn = [[cell.text for cell in row.cells] for row in table.rows]
    assert sum(int(minutes) for _, minutes, _ in rows) == module.duration_minutes
    assert rows[0][0].startswith("9:00 AM") and "time to connect" in rows[0][2]
    assert len(rows) == len(session_agenda(module))


def test_agenda_of_a_session_has_its_day_room_pair_and_clock(built, orientation):
    document = opened(built["agenda"])
    text = all_text(document)
    assert ("Co-facilitated by Maria Lopez (DCFS) and Luis Ortega (ETA) · session 2027-core2-linkages-orientation"
            in text)
    assert "Date: Thursday, April 8, 2027      Location: Training Room B, 1200 Main Street, Alder" in text
    assert document.tables[0].rows[1].cells[0].text == "8:30 AM – 9:00 AM"  # from the session's start
    assert orientation.title in text and str(orientation.version) in text
    for row, item in zip(document.tables[0].rows[1:], session_agenda(orientation)):
        shaded = row.cells[2]._tc.find(".//" + qn("w:shd")) is not None
        assert shaded == (item.kind in ("connect", "break", "lunch")), item.title


def test_agenda_without_a_session_names_the_roster_and_a_wrong_pair_is_refused(alder, orientation):
    text = all_text(opened(agenda_docx(orientation, alder, STAMP)))
    assert "Co-facilitated" not in text and "Date: ____" in text
    assert ("Co-facilitators: one of Maria Lopez or Terrence Oduya (DCFS) with one of Hannah Kessler or Luis Ortega "
            "(ETA)") in text
    with pytest.raises(ValueError, match="cws first"):
        agenda_docx(orientation, alder, STAMP, replace(SESSION, pair=(PAIR[1], PAIR[0])))


def test_signin_and_evaluation_of_a_session_carry_its_id(alder, orientation):
    signin = all_text(opened(signin_docx(orientation, alder, STAMP, session=SESSION)))
    assert ("Session: 2027-core2-linkages-orientation      Date: Thursday, April 8, 2027      Location: Training "
            "Room B, 1200 Main Street, Alder") in signin
    assert "Co-facilitators: Maria Lopez (DCFS) and Luis Ortega (ETA)" in signin
    evaluation = all_text(opened(evaluation_docx(orientation, alder, STAMP, SESSION)))
    assert "Session: 2027-core2-linkages-orientation      Date: Thursday, April 8, 2027" in evaluation


@pytest.mark.parametrize("rows", [20, 5])
def test_signin_is_landscape_with_a_program_column_and_n_rows(rows, alder, orientation):
    document = opened(signin_docx(orientation, alder, STAMP, rows=rows))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["#", "Name", "Program", "Job title", "Unit/office",
                                                           "E-mail", "Signature"]
    assert len(table.rows) == rows + 1
    assert table.rows[rows].cells[0].text == str(rows)
    # each box joined to its program by a no-break space: a line broke between them
    assert all(row.cells[2].text == "☐\u00a0DCFS   ☐\u00a0ETA" for row in table.rows[1:])
    text = all_text(document)
    assert orientation.id in text and "attendance records" in text and "Co-facilitators:" in text


def test_a_box_and_its_program_are_one_piece():
    """A sign-in sheet's '☐ DCYFCPPS ☐' wrapped over 'TAEESSD': each box is joined to its
    program by a no-break space, and a column holds the two together."""
    from curriculum_kit.generate.orgchart_layout import text_width
    from curriculum_kit.generate.textfit import unbreakable_pieces

    assert unbreakable_pieces("\u2610\u00a0DCYFCPPS   \u2610\u00a0TAEESSD") == ["\u2610\u00a0DCYFCPPS",
                                                                              "\u2610\u00a0TAEESSD"]
    widths = fit_columns([Inches(0.6), Inches(3)], [["Program", "Name"], ["\u2610\u00a0DCYFCPPS", "Ann"]], 10)
    assert int(widths[0]) >= text_width("\u2610\u00a0DCYFCPPS", 10) * 12700 + 2 * 108 * 635


def test_evaluation_asks_about_the_lessons(built):
    text = all_text(opened(built["evaluation"]))
    assert "My program: ☐\u00a0DCFS   ☐\u00a0ETA" in text
    for label in LIKERT:
        assert label in text
    for phrase in ("role and responsibilities of staff in the other program", "me and my caseload",
                   "one trainer from DCFS and one from ETA", "time to meet and talk",
                   "stories from Alder County",
                   "One thing I will do differently with my counterpart in the other program"):
        assert phrase in text


def test_contacts_lists_everyone_grouped_by_program(built, alder):
    document = opened(built["contacts"])
    text = all_text(document)
    for contact in alder.contacts:
        assert contact.name in text and contact.phone in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Child Welfare Services: " + alder.programs["cws"].name,
                        "CalWORKs: " + alder.programs["calworks"].name, "Both programs"]
    counts = [sum(c.program == key for c in alder.contacts) + 1 for key in ("cws", "calworks", "both")]
    assert [len(table.rows) for table in document.tables] == counts


def test_contacts_table_goes_into_a_document_or_a_cell(alder):
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    in_cell = contacts_table(cell, alder.contacts, alder)
    at_end = contacts_table(document, alder.contacts[:2], alder)
    assert cell.tables[0]._tbl is in_cell._tbl
    assert document.element.body.index(at_end._tbl) == len(document.element.body) - 2  # before sectPr
    first = alder.contacts[0]
    assert [c.text for c in in_cell.rows[1].cells][:4] == [alder.program_label(first.program), first.role,
                                                            f"{first.name}\n{first.title}", first.phone]
    assert len(in_cell.rows) == len(alder.contacts) + 1 and len(at_end.rows) == 3


def test_stories_are_headed_and_say_which_programs(alder):
    document = docx.Document()
    add_stories(document, alder.stories, alder)
    headings = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert [p.text for p in headings] == [story.title for story in alder.stories]
    first = document.paragraphs[1]
    assert first.text == "Programs: DCFS, ETA" and all(r.italic for r in first.runs)
    assert document.paragraphs[2].text == alder.stories[0].paragraphs[0]


@needs_soffice
@needs_pdftotext
def test_documents_convert_to_pdf_with_libreoffice(built, alder, tmp_path):
    files = []
    for name, data in built.items():
        files.append(tmp_path / f"{name}.docx")
        files[-1].write_bytes(data)
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, files)]
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    phone = alder.contacts[0].phone
    for path in files:
        pdf = path.with_suffix(".pdf")
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        assert alder.county in text, pdf.name
    assert phone in subprocess.run(["pdftotext", str(tmp_path / "contacts.pdf"), "-"], check=True,
                                   capture_output=True, text=True).stdout


LIBREOFFICE_CORE_TYPE = b"http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"


@pytest.mark.parametrize("library_module", [docx, pptx])
def test_a_libreoffice_core_properties_relationship_stays_one_part(library_module):
    """LibreOffice spells the core-properties relationship with a lower-case 'officedocument';
    the packet must still hold one docProps/core.xml, stamped."""
    blank = io.BytesIO()
    (library_module.Document() if library_module is docx else library_module.Presentation()).save(blank)
    with zipfile.ZipFile(blank) as package:
        rels = package.read("_rels/.rels")
    standard = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    assert standard in rels
    data = rewrite_zip(blank.getvalue(), {"_rels/.rels": rels.replace(standard, LIBREOFFICE_CORE_TYPE)})
    loaded = docx.Document(io.BytesIO(data)) if library_module is docx else pptx.Presentation(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(finish_loaded(loaded, STAMP))) as package:
        names = package.namelist()
        assert names.count("docProps/core.xml") == 1
        assert b"<cp:lastModifiedBy>curriculum-kit</cp:lastModifiedBy>" in package.read("docProps/core.xml")


def test_a_phone_photo_logo_is_turned_upright(tmp_path):
    """A JPEG whose EXIF says 'rotate 90°' (as phones save them) is placed upright."""
    photo = Image.new("RGB", (400, 100), (31, 95, 168))
    exif = photo.getexif()
    exif[0x0112] = 6  # Orientation: the camera was turned; show it rotated 90° clockwise
    photo.save(tmp_path / "logo.jpg", exif=exif)
    photo.save(tmp_path / "plain.jpg")
    assert Image.open(io.BytesIO(logo_png(tmp_path / "logo.jpg"))).size == (100, 400)
    assert Image.open(io.BytesIO(logo_png(tmp_path / "plain.jpg"))).size == (400, 100)


def test_generated_documents_share_the_letterheads_styles_and_none_changes_them(alder, orientation):
    """New documents share the county letterhead's styles tree: a generator that changed a
    style would change every document of the county."""
    from curriculum_kit.generate.common import _letterhead, new_document
    from curriculum_kit.generate.orgchart_doc import orgchart_docx, orgchart_pictures

    for landscape in (False, True):
        styles = _letterhead(alder, landscape).styles.element
        before = etree.tostring(styles)
        for build in BUILDERS.values():
            build(orientation, alder)
        orgchart_docx(alder, *orgchart_pictures(alder), STAMP)
        add_stories(new_document(alder, "Stories", landscape=landscape), alder.stories, alder)
        assert new_document(alder, "x", landscape=landscape).styles.element is styles
        assert etree.tostring(styles) == before


def test_every_countys_letterhead_shares_one_styles_tree_written_as_python_docx_writes_it(library, alder,
                                                                                         orientation):
    """The letterhead's styles are the same for every county: parsed once per process and
    written out once, and the bytes written are python-docx's own for a blank document set
    up the same way (a change to a style by one county would show in the next)."""
    from docx.opc.oxml import serialize_part_xml

    from curriculum_kit.generate.common import BODY_FONT, _letterhead

    cypress = library.overlay("cypress-valley-county")
    for landscape in (False, True):
        ours = _letterhead(alder, landscape).styles.element
        assert _letterhead(cypress, landscape).styles.element is ours
    blank = docx.Document()
    blank.styles["Normal"].font.name = BODY_FONT
    expected = serialize_part_xml(blank.styles.element)
    for overlay in (alder, cypress, alder):
        for build in BUILDERS.values():
            assert zipfile.ZipFile(io.BytesIO(build(orientation, overlay))).read("word/styles.xml") == expected


def test_the_first_chart_picture_is_a_line_shorter_under_a_title_that_wraps(alder):
    """A county's long name wraps the org chart document's title to two lines; a first
    picture sized for a one-line title no longer fitted under it, went to page 2 and left
    page 1 holding the title alone. It is now a title line shorter; a short name's is not."""
    from curriculum_kit.generate.orgchart_doc import FIRST_PAGE_HEIGHT, orgchart_docx, orgchart_pictures

    long_name = ("San Bernardino de los Montes y Valle del R\u00edo Grande Consolidated City and County "
                 "of Northern Southern California")
    county = replace(alder, chain=(replace(alder.layer, county=long_name), *alder.chain[1:]))
    first = {}
    for overlay in (alder, county):
        document = docx.Document(io.BytesIO(orgchart_docx(overlay, *orgchart_pictures(overlay), STAMP)))
        first[overlay.county] = document.inline_shapes[0].height
    assert first[alder.county] == FIRST_PAGE_HEIGHT
    assert first[long_name] <= FIRST_PAGE_HEIGHT - Inches(14 * 1.2 / 72)  # a 14 pt line at least
