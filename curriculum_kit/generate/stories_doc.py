"""Local success stories (lesson 6): families' own paths through both systems.

Statistics persuade managers; a family's story persuades the worker. The stories go into
the facilitator guide where a module asks for them (or into its local information), each
under its own heading, their Markdown rendered: bold and italic runs, links that open,
bullet lists, and the pull quote set off in italics.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, RGBColor

from ..formats.overlay import Overlay
from ..formats.stories import Block, Span, Story
from .headings import add_heading

_LINK_BLUE = RGBColor(0x05, 0x63, 0xC1)  # Word's hyperlink colour


def add_stories(document: DocxDocument, stories: Sequence[Story], overlay: Overlay) -> None:
    """Append each story: its title (Heading 2), 'Programs: …' in italics, then its text."""
    bullet_style = "List Bullet" if "List Bullet" in [s.name for s in document.styles] else None
    for story in stories:
        add_heading(document, story.title, 2)
        names = ", ".join(overlay.program_label(key) for key in story.programs)
        document.add_paragraph().add_run(f"Programs: {names}").italic = True
        for block in story.blocks:
            add_block(document, block, bullet_style)


def add_block(document: Any, block: Block, bullet_style: str | None) -> None:
    spans = block.spans
    if block.kind == "bullet":
        paragraph = document.add_paragraph(style=bullet_style) if bullet_style else document.add_paragraph()
        if bullet_style is None:
            paragraph.paragraph_format.left_indent = Inches(0.25)
            spans = (Span("\u2022 "), *spans)
    else:
        paragraph = document.add_paragraph()
    if block.kind == "quote":
        paragraph.paragraph_format.left_indent = Inches(0.5)
        paragraph.paragraph_format.right_indent = Inches(0.5)
        spans = block.shown_spans
    for span in spans:
        if span.link:
            _add_link(paragraph, span, italic=block.kind == "quote")
            continue
        run = paragraph.add_run(span.text)
        run.bold = span.bold or None
        run.italic = (span.italic or block.kind == "quote") or None


def _add_link(paragraph: Any, span: Span, italic: bool) -> None:
    """A hyperlink run (python-docx has no API for one): underlined, in the link colour."""
    rel = paragraph.part.relate_to(span.link, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(span.text)
    run.bold = span.bold or None
    run.italic = (span.italic or italic) or None
    run.underline = True
    run.font.color.rgb = _LINK_BLUE
    paragraph._p.remove(run._r)
    link.append(run._r)
    paragraph._p.append(link)
