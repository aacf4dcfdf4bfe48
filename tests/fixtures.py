"""Word and PowerPoint fixtures made by code: python-docx/python-pptx files with the
body, slide or notes XML replaced by a compact snippet written in the test."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pptx
from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
_DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def fragment(xml: str) -> list[etree._Element]:
    """Elements parsed from a snippet that uses the usual prefixes without declaring them."""
    return list(etree.fromstring(f"<root {_DECLS}>{xml}</root>"))


def rewrite_zip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The zip ``data`` with some entries replaced and new ones added at the end."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, replace.get(info.filename, src.read(info.filename)))
        for name in replace.keys() - set(src.namelist()):
            dst.writestr(name, replace[name])
    return out.getvalue()


def with_appended(data: bytes, appended: dict[str, str], added: dict[str, str] | None = None) -> bytes:
    """The zip ``data`` with XML appended inside the root element of some entries (a
    relationship to a .rels part, a type to [Content_Types].xml) and new entries ``added``."""
    replace = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name, xml in appended.items():
            text = package.read(name).decode()
            end = text.rindex("</")
            replace[name] = (text[:end] + xml + text[end:]).encode()
    return rewrite_zip(data, {**replace, **{name: xml.encode() for name, xml in (added or {}).items()}})


def make_docx(path: Path, body: str, *, header: str | None = None, title: str | None = None) -> Path:
    """A .docx whose body is ``body`` (paragraph XML); optional header paragraphs and title."""
    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    if header is not None:
        document.sections[0].header.paragraphs[0].text = "header"
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
        header_name = next((n for n in package.namelist() if n.startswith("word/header")), None)
        header_root = etree.fromstring(package.read(header_name)) if header_name else None
    body_el = root.find("w:body", NS)
    section = body_el.find("w:sectPr", NS)
    for child in list(body_el):
        body_el.remove(child)
    for element in fragment(body):
        body_el.append(element)
    body_el.append(section)
    replace = {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)}
    if header is not None:
        for child in list(header_root):
            header_root.remove(child)
        for element in fragment(header):
            header_root.append(element)
        replace[header_name] = etree.tostring(header_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    path.write_bytes(rewrite_zip(data, replace))
    return path


def make_pptx(path: Path, slides: list[str], notes: list[str | None] | None = None) -> Path:
    """A .pptx with one slide per entry: each entry is shape XML for the slide's spTree;
    ``notes`` gives paragraph XML (a:p ...) for each slide's notes, or None."""
    presentation = pptx.Presentation()
    layout = presentation.slide_layouts[6]  # blank
    for index, _ in enumerate(slides):
        slide = presentation.slides.add_slide(layout)
        if notes and notes[index] is not None:
            slide.notes_slide.notes_text_frame.text = "notes"
    buffer = io.BytesIO()
    presentation.save(buffer)
    data = buffer.getvalue()
    replace = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for index, shapes in enumerate(slides, start=1):
            name = f"ppt/slides/slide{index}.xml"
            root = etree.fromstring(package.read(name))
            tree = root.find(".//p:spTree", NS)
            for element in fragment(shapes):
                tree.append(element)
            replace[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            if notes and notes[index - 1] is not None:
                notes_name = f"ppt/notesSlides/notesSlide{index}.xml"
                notes_root = etree.fromstring(package.read(notes_name))
                body = [b for b in notes_root.iterfind(".//p:txBody", NS)][-1]
                for paragraph in body.findall("a:p", NS):
                    body.remove(paragraph)
                for element in fragment(notes[index - 1]):
                    body.append(element)
                replace[notes_name] = etree.tostring(notes_root, xml_declaration=True, encoding="UTF-8",
                                                     standalone=True)
    path.write_bytes(rewrite_zip(data, replace))
    return path


def textbox(paragraphs: str, shape_id: int = 10, name: str = "TextBox") -> str:
    """A PowerPoint text box shape holding DrawingML paragraphs."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5000000" cy="1000000"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp>')


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))
