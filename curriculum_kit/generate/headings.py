"""Headings in a document that may not have Word's heading styles.

Academy guides saved by other tools sometimes lack 'Heading 1'/'Heading 2'; python-docx
then refuses ``add_heading``. A bold paragraph with the outline level stands in: Word's
table of contents and navigation pane list it like a heading.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt


def add_heading(document: Any, text: str, level: int) -> None:
    """A heading in the document's own heading style, else an outline-level paragraph."""
    try:
        document.styles[f"Heading {level}"]  # python-docx adds the paragraph before it finds no style
    except KeyError:
        pass
    else:
        document.add_heading(text, level=level)
        return
    paragraph = document.add_paragraph()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level - 1))
    paragraph._p.get_or_add_pPr().append(outline)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt({1: 16, 2: 13}.get(level, 12))
