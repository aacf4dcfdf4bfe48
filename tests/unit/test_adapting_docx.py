"""The engine on Word XML: runs, wrappers, fields, text boxes, parts, bytes."""

from __future__ import annotations

import hashlib
import zipfile

import docx
import pytest

from curriculum_kit.adapting import adapt_file
from curriculum_kit.formats.terms import Term
from tests.fixtures import NS, make_docx, part_xml, rewrite_zip

TERMS = [Term("Child Welfare Services", "Department of Children and Family Services"),
         Term("CWS", "DCFS"), Term("social worker", "children's social worker")]


def run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{props}<w:t{space}>{text}</w:t></w:r>"


def adapted(tmp_path, body: str, terms=TERMS, **kwargs):
    source = make_docx(tmp_path / "in.docx", body, **kwargs)
    out = tmp_path / "out.docx"
    result = adapt_file(source, out, terms, details=True)
    return result, part_xml(out, "word/document.xml")


def texts(root) -> list[str]:
    return ["".join(t.text or "" for t in p.iterfind(".//w:t", NS)) for p in root.iterfind(".//w:body/w:p", NS)]


def test_term_split_across_runs_and_markup(tmp_path):
    body = ("<w:p>" + run("The ") + run("Child ", bold=True) + '<w:proofErr w:type="spellStart"/>'
            + run("Wel") + '<w:bookmarkStart w:id="1" w:name="b"/>' + run("fare Serv") + '<w:bookmarkEnd w:id="1"/>'
            + '<w:commentRangeStart w:id="0"/>' + run("ices team") + "</w:p>")
    result, root = adapted(tmp_path, body)
    runs = root.findall(".//w:body/w:p/w:r", NS)
    assert [r.findtext("w:t", namespaces=NS) for r in runs] == [
        "The ", "Department of Children and Family Services", "", "", " team"]
    # the replacement takes the formatting of the run holding the first matched character
    assert runs[1].find("w:rPr/w:b", NS) is not None
    assert runs[4].find("w:rPr/w:b", NS) is None
    assert root.find(".//w:bookmarkStart", NS) is not None and root.find(".//w:proofErr", NS) is not None
    assert [(c.original, c.replacement) for c in result.changes] == [
        ("Child Welfare Services", "Department of Children and Family Services")]
    assert result.changes[0].before == "The Child Welfare Services team"
    assert result.changes[0].after == "The Department of Children and Family Services team"


def test_edge_spaces_are_preserved(tmp_path):
    _, root = adapted(tmp_path, "<w:p>" + run("CWS") + run(" next") + "</w:p>",
                      terms=[Term("CWS", " Dept ")])
    first = root.find(".//w:t", NS)
    assert first.text == " Dept " and first.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_special_characters_round_trip(tmp_path):
    source = make_docx(tmp_path / "in.docx", "<w:p>" + run("CWS") + "</w:p>")
    out = tmp_path / "out.docx"
    adapt_file(source, out, [Term("CWS", "Niños & <Familias> “DCFS”")])
    assert docx.Document(out).paragraphs[0].text == "Niños & <Familias> “DCFS”"


def test_hyperlink_edges_and_matches_inside_links(tmp_path):
    body = ('<w:p>' + run("Child ") + '<w:hyperlink r:id="rIdX">' + run("Welfare Services") + "</w:hyperlink></w:p>"
            '<w:p><w:hyperlink r:id="rIdX">' + run("call ") + run("CWS") + "</w:hyperlink></w:p>")
    result, root = adapted(tmp_path, body)
    assert texts(root) == ["Child Welfare Services", "call DCFS"]
    link = root.findall(".//w:hyperlink", NS)[1]
    assert "".join(t.text for t in link.iterfind(".//w:t", NS)) == "call DCFS"
    assert [m.reason for m in result.near_misses] == ["split by a hyperlink edge"]


def test_tabs_breaks_fields_and_notes_are_barriers(tmp_path):
    body = ('<w:p><w:r><w:t>social</w:t><w:tab/><w:t>worker</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>social</w:t><w:br/><w:t>worker</w:t></w:r></w:p>'
            '<w:p>' + run("C") + '<w:r><w:footnoteReference w:id="1"/></w:r>' + run("WS") + '</w:p>')
    result, root = adapted(tmp_path, body)
    assert texts(root) == ["socialworker", "socialworker", "CWS"]
    assert sorted(m.reason for m in result.near_misses) == [
        "split by a line break", "split by a note or comment reference", "split by a tab"]


def test_a_non_breaking_hyphen_is_a_near_miss_and_one_typed_as_a_character_matches(tmp_path):
    body = ('<w:p><w:r><w:t>Each co</w:t><w:noBreakHyphen/><w:t>facilitator</w:t></w:r></w:p>'  # Ctrl+Shift+-
            '<w:p>' + run("Each co\u2011facilitator") + '</w:p>')  # the character U+2011, pasted
    result, root = adapted(tmp_path, body, [Term("co-facilitator", "co-trainer")])
    assert texts(root) == ["Each cofacilitator", "Each co-trainer"]
    assert [(m.text, m.reason) for m in result.near_misses] == [("co\u2011facilitator", "split by a non-breaking hyphen")]


def test_field_codes_are_never_changed_but_results_are(tmp_path):
    body = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> REF CWS \\h </w:instrText></w:r>'
            '<w:r><w:t>CWS</w:t></w:r>'  # text inside the field code stays
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("CWS") +
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            '<w:p><w:fldSimple w:instr=" PAGE ">' + run("CWS") + '</w:fldSimple>' + run(" office") + '</w:p>')
    _, root = adapted(tmp_path, body)
    assert root.find(".//w:instrText", NS).text == " REF CWS \\h "
    assert [t.text for t in root.findall(".//w:body/w:p[1]//w:t", NS)] == ["CWS", "DCFS"]
    assert texts(root)[1] == "DCFS office"


def test_simple_field_and_content_control_edges(tmp_path):
    body = ('<w:p>' + run("C") + '<w:fldSimple w:instr=" X ">' + run("WS") + '</w:fldSimple></w:p>'
            '<w:p><w:sdt><w:sdtPr/><w:sdtContent>' + run("social") + '</w:sdtContent></w:sdt>' + run(" worker") + '</w:p>'
            '<w:p><w:sdt><w:sdtPr/><w:sdtContent>' + run("social ") + run("worker") + '</w:sdtContent></w:sdt></w:p>')
    _, root = adapted(tmp_path, body)
    assert texts(root) == ["CWS", "social worker", "children's social worker"]


def test_smart_tags_custom_xml_are_transparent_deletions_invisible(tmp_path):
    body = ('<w:p>' + run("Child ") + '<w:smartTag w:uri="u" w:element="e">' + run("Wel") + run("fare ") + '</w:smartTag>'
            '<w:customXml w:element="c">' + run("Serv") + '</w:customXml>' + run("ices") + '</w:p>'
            '<w:p><w:del w:id="3" w:author="a"><w:r><w:delText>CWS</w:delText></w:r></w:del></w:p>')
    _, root = adapted(tmp_path, body)
    assert texts(root)[0] == "Department of Children and Family Services"
    assert [t.text for t in root.iterfind(".//w:delText", NS)] == ["CWS"]


def test_a_term_inside_a_tracked_insertion_changes_and_one_across_a_revisions_edge_is_a_near_miss(tmp_path):
    """Rejecting the changes afterwards must give the academy's text back: a replacement half
    inside an insertion, or around a deletion, cannot be undone by rejecting them."""
    body = ('<w:p>' + run("Child ") + '<w:ins w:id="1" w:author="a">' + run("Welfare Services") + '</w:ins></w:p>'
            '<w:p>' + run("social ") + '<w:del w:id="2" w:author="a"><w:r><w:delText>services</w:delText></w:r></w:del>'
            '<w:ins w:id="3" w:author="a">' + run("worker") + '</w:ins></w:p>'
            '<w:p>' + run("C") + '<w:del w:id="4" w:author="a"><w:r><w:delText>X</w:delText></w:r></w:del>' + run("WS")
            + '</w:p><w:p><w:ins w:id="5" w:author="a">' + run("the CWS office") + '</w:ins></w:p>'
            '<w:p><w:moveTo w:id="6" w:author="a">' + run("a social worker") + '</w:moveTo></w:p>')
    result, root = adapted(tmp_path, body)
    assert texts(root) == ["Child Welfare Services", "social worker", "CWS", "the DCFS office",
                           "a children's social worker"]
    assert [t.text for t in root.iterfind(".//w:delText", NS)] == ["services", "X"]
    assert sorted((m.term, m.reason) for m in result.near_misses) == [
        ("CWS", "split by a tracked change"), ("Child Welfare Services", "split by a tracked change"),
        ("social worker", "split by a tracked change")]


def test_text_box_copies_change_alike_and_are_their_own_paragraphs(tmp_path):
    box = '<w:txbxContent><w:p>' + run("CWS") + ' </w:p></w:txbxContent>'
    body = ('<w:p>' + run("Child Welfare ") +
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline>'
            '<wp:docPr id="1" name="Box" descr="CWS logo"/><a:graphic><a:graphicData uri="u"><wps:wsp><wps:txbx>'
            + box + '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>'
            '<mc:Fallback><w:pict><v:shape><v:textbox>' + box + '</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>' + run("Services") + '</w:p>')
    result, root = adapted(tmp_path, body)
    boxes = root.findall(".//w:txbxContent", NS)
    assert ["".join(t.text for t in b.iterfind(".//w:t", NS)) for b in boxes] == ["DCFS", "DCFS"]
    # the outer paragraph is interrupted by the text box: no match across it
    outer = root.find(".//w:body/w:p", NS)
    assert [t.text for t in outer.findall("w:r/w:t", NS)] == ["Child Welfare ", "Services"]
    assert root.find(".//wp:docPr", NS).get("descr") == "DCFS logo"
    assert {c.location for c in result.changes} == {"body, text box", "body, text box (VML copy)",
                                                   "body, alt text of 'Box'"}
    # the box and its copy are one place a reader sees: counted once
    assert result.occurrences() == {"CWS": 2} and sum(result.occurrences_by_kind().values()) == 2


def test_tables_headers_and_title(tmp_path):
    body = ('<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p>' + run("x") +
            '</w:p></w:tc></w:tr><w:tr><w:tc><w:p>' + run("CWS") + '</w:p></w:tc></w:tr></w:tbl>')
    header = '<w:p>' + run("CWS Linkages") + '</w:p>'
    result, _ = adapted(tmp_path, body, header=header, title="CWS guide")
    assert {c.location for c in result.changes} == {"body, table 1, row 2", "header 1, paragraph 1", "properties, title"}
    out = docx.Document(tmp_path / "out.docx")
    assert out.core_properties.title == "DCFS guide"
    assert out.sections[0].header.paragraphs[0].text == "DCFS Linkages"
    assert result.occurrences_by_kind() == {"body": 1, "header": 1, "properties": 1}


def test_untouched_entries_are_copied_byte_for_byte(tmp_path):
    source = make_docx(tmp_path / "in.docx", "<w:p>" + run("CWS") + "</w:p>")
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = tmp_path / "out.docx"
    adapt_file(source, out, TERMS)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        assert a.read("[Content_Types].xml") == b.read("[Content_Types].xml")
        for info_a, info_b in zip(a.infolist(), b.infolist()):
            if info_a.filename == "word/document.xml":
                continue
            assert (info_a.CRC, info_a.compress_size, info_a.compress_type) == \
                   (info_b.CRC, info_b.compress_size, info_b.compress_type)
            assert a.read(info_a) == b.read(info_b)
        assert b.testzip() is None


def test_dry_run_writes_nothing(tmp_path):
    source = make_docx(tmp_path / "in.docx", "<w:p>" + run("CWS") + "</w:p>")
    result = adapt_file(source, None, TERMS, details=True)
    assert len(result.changes) == 1 and sorted(p.name for p in tmp_path.iterdir()) == ["in.docx"]


def test_output_equal_to_input_or_other_extension_is_refused(tmp_path):
    from curriculum_kit.errors import InputError
    source = make_docx(tmp_path / "in.docx", "<w:p>" + run("CWS") + "</w:p>")
    with pytest.raises(InputError, match="OUTPUT is INPUT"):
        adapt_file(source, tmp_path / "." / "in.docx", TERMS)
    with pytest.raises(InputError, match="same extension"):
        adapt_file(source, tmp_path / "out.pptx", TERMS)


def test_markers_are_never_changed_touched_or_counted(tmp_path):
    """A module's markers are the build's instructions: 'cws' and 'contacts' rows leave
    {{ck:program cws}} and a {{ck:contacts}} split over runs as they are, and change the
    same words in the prose around them."""
    terms = [Term("cws", "dcfs"), Term("contacts", "resources")]
    body = ("<w:p>" + run("{{ck:program cws}}") + "</w:p>"
            + "<w:p>" + run("Contacts: see {{ck:con") + run("tacts}} and the CWS ") + run("contacts") + "</w:p>")
    result, root = adapted(tmp_path, body, terms=terms)
    assert texts(root) == ["{{ck:program cws}}", "Resources: see {{ck:contacts}} and the DCFS resources"]
    assert result.occurrences() == {"contacts": 2, "cws": 1}
    assert not result.near_misses and all("{{" not in change.original for change in result.changes)


def test_properties_a_cover_pages_controls_are_bound_to_change_with_the_controls(tmp_path):
    """Word fills a content control bound to a document property (the company, a cover page's
    abstract) from the property when it opens the file: the property changes with the text."""
    cover = ('<w:sdt><w:sdtPr><w:dataBinding w:xpath="/ns0:CoverPageProperties[1]/ns0:Abstract[1]" '
             'w:storeItemID="{55AF091B-3C7A-41E3-B477-F2FDAA23CFDA}"/><w:text/></w:sdtPr><w:sdtContent>'
             + run("How the social worker and CWS staff work together.") + '</w:sdtContent></w:sdt>')
    source = make_docx(tmp_path / "in.docx", f"<w:p>{cover}</w:p>")
    with zipfile.ZipFile(source) as package:
        app = package.read("docProps/app.xml").replace(b"</Properties>", b"<Company>Child Welfare Services</Company>"
                                                       b"<Manager>CWS program manager</Manager></Properties>")
    abstract = (b'<CoverPageProperties xmlns="http://schemas.microsoft.com/office/2006/coverPageProps"><PublishDate/>'
                b'<Abstract>How the social worker and CWS staff work together.</Abstract><CompanyAddress/>'
                b'<CompanyPhone>CWS 555-0100</CompanyPhone></CoverPageProperties>')
    source.write_bytes(rewrite_zip(source.read_bytes(), {"docProps/app.xml": app, "customXml/item1.xml": abstract}))
    out = tmp_path / "out.docx"
    result = adapt_file(source, out, TERMS, details=True)
    with zipfile.ZipFile(out) as package:
        app_xml, item = package.read("docProps/app.xml"), package.read("customXml/item1.xml")
    assert b"<Company>Department of Children and Family Services</Company>" in app_xml
    assert b"<Manager>DCFS program manager</Manager>" in app_xml
    assert b"<Abstract>How the children's social worker and DCFS staff work together.</Abstract>" in item
    assert b"<CompanyPhone>CWS 555-0100</CompanyPhone>" in item  # not text a control shows
    assert {(c.part, c.location) for c in result.changes} == {
        ("word/document.xml", "body, paragraph 1"), ("docProps/app.xml", "properties, company"),
        ("docProps/app.xml", "properties, manager"), ("customXml/item1.xml", "properties, abstract")}


def test_a_large_part_serialised_in_the_background_is_written_as_in_the_foreground(tmp_path, monkeypatch):
    from curriculum_kit.ooxml import adapt as engine

    body = "".join("<w:p>" + run("The Child ") + run("Welfare Services team and the CWS social worker") + "</w:p>"
                   for _ in range(12_000))  # a body of about 2 MB
    source = make_docx(tmp_path / "in.docx", body)
    written = []
    for smallest in (1 << 40, 1 << 20):  # never in the background; above a megabyte, as adapt does
        monkeypatch.setattr(engine, "_BACKGROUND_MIN", smallest)
        out = tmp_path / f"out-{smallest}.docx"
        result = adapt_file(source, out, TERMS)
        written.append(out.read_bytes())
    with zipfile.ZipFile(source) as package:
        assert package.getinfo("word/document.xml").file_size >= 1 << 20  # it was large enough
    assert written[0] == written[1]
    assert sum(result.by_term.values()) == 36_000
