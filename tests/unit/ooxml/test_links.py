"""Links saved as links to missing parts are marked external, so python-docx and
python-pptx keep them; nothing else in the file changes."""

from __future__ import annotations

import io
import zipfile

import pptx

from curriculum_kit.ooxml.links import dangling_links, with_links_external
from curriculum_kit.ooxml.package import Package
from tests.fixtures import make_docx, make_pptx, with_appended

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def test_a_word_link_to_a_missing_part_is_kept_as_an_external_link(tmp_path):
    source = make_docx(tmp_path / "in.docx",
                       '<w:p><w:hyperlink r:id="rId91"><w:r><w:t>This week</w:t></w:r></w:hyperlink></w:p>')
    data = with_appended(source.read_bytes(), {"word/_rels/document.xml.rels":
                         f'<Relationship Id="rId91" Type="{RT}hyperlink" Target="#_THIS_WEEK_IN"/>'
                         f'<Relationship Id="rId92" Type="{RT}image" Target="media/gone.png"/>'})
    with Package(source, data) as package:
        links = dangling_links(package)
        assert links == {"word/_rels/document.xml.rels": {"rId91"}}  # the image is not a link
        fixed = with_links_external(package, links)
    before, after = entries(data), entries(fixed)
    assert list(before) == list(after)
    assert [name for name in before if before[name] != after[name]] == ["word/_rels/document.xml.rels"]
    assert b'Id="rId91" Type="' + f"{RT}hyperlink".encode() + b'" Target="#_THIS_WEEK_IN" TargetMode="External"' \
        in after["word/_rels/document.xml.rels"]
    assert b'Target="media/gone.png"/>' in after["word/_rels/document.xml.rels"]


def test_python_pptx_keeps_a_fixed_slide_link(tmp_path):
    source = make_pptx(tmp_path / "in.pptx", [""])
    data = with_appended(source.read_bytes(), {"ppt/slides/_rels/slide1.xml.rels":
                         f'<Relationship Id="rId77" Type="{RT}hyperlink" Target="#_ftn1"/>'})
    with Package(source, data) as package:
        fixed = with_links_external(package, dangling_links(package))
    slide = pptx.Presentation(io.BytesIO(fixed)).slides[0]  # python-pptx drops the unfixed one
    assert slide.part.rels["rId77"].target_ref == "#_ftn1"


def test_a_file_without_such_links_has_none(tmp_path):
    source = make_docx(tmp_path / "in.docx", "<w:p><w:r><w:t>Plain</w:t></w:r></w:p>")
    with Package(source) as package:
        assert dangling_links(package) == {}


def test_pictures_and_objects_linked_to_files_of_the_machine_are_found(tmp_path):
    """Building a packet's PDF reads a linked picture in: a module must not ship a file of the
    machine that builds it. Web links, a chart's linked workbook (the chart shows the values it
    keeps) and an SVG's references to its own parts are not files of the machine."""
    from curriculum_kit.ooxml.links import linked_files
    from curriculum_kit.validate import unbuildable

    source = make_docx(tmp_path / "in.docx", "<w:p><w:r><w:t>Hello</w:t></w:r></w:p>")
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
           '<use href="#dot"/><image xlink:href="file:///home/staff/secret.png"/>'
           '<image href="data:image/png;base64,AAAA"/><rect style="fill:url(#grad)"/></svg>')
    rels = (f'<Relationship Id="rId91" Type="{RT}image" Target="file:///C:/photos/team.png" TargetMode="External"/>'
            f'<Relationship Id="rId92" Type="{RT}image" Target="https://www.cdss.ca.gov/logo.png" TargetMode="External"/>'
            f'<Relationship Id="rId93" Type="{RT}oleObject" Target="\\\\server\\share\\budget.xlsx" TargetMode="External"/>'
            f'<Relationship Id="rId94" Type="{RT}hyperlink" Target="file:///C:/guide.pdf" TargetMode="External"/>'
            f'<Relationship Id="rId95" Type="{RT}image" Target="media/picture.svg"/>')
    data = with_appended(source.read_bytes(), {"word/_rels/document.xml.rels": rels,
                                               "[Content_Types].xml": '<Default Extension="svg" ContentType="image/svg+xml"/>'},
                         {"word/media/picture.svg": svg})
    with Package(source, data) as package:
        assert linked_files(package) == ["file:///C:/photos/team.png", "\\\\server\\share\\budget.xlsx",
                                         "file:///home/staff/secret.png"]
        assert unbuildable(package)[0].startswith("links to the file 'file:///C:/photos/team.png' outside it")
    plain = source.read_bytes()
    with Package(source, plain) as package:
        assert linked_files(package) == [] and unbuildable(package) == []
