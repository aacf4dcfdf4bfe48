"""The county's additions read left to right in a guide written right to left.

An Arabic or Farsi guide sets right-to-left in its defaults or its Normal style (w:bidi on
paragraphs, w:rtl on runs), and every paragraph python-docx adds inherits it: the county's
English cover, contacts and stories came out with each sentence's full stop at its left end
and phone numbers as ')916 555-0110'. What the tool adds says left to right itself, and
only in such a guide (elsewhere its XML stays as it was).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from .shared_parts import tree_fact

# What follows w:bidi in a paragraph's properties, in the schema's order (python-docx names no
# w:bidi of its own).
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")  # likewise for w:rtl
_AFTER_BIDI_VISUAL = ("w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
                      "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                      "w:tblDescription", "w:tblPrChange")  # likewise for a table's w:bidiVisual
_OFF = ("0", "false", "off")


def make_left_to_right(document: DocxDocument, added: Iterable[etree._Element]) -> None:
    """Set paragraphs, tables and runs under ``added`` left to right where the document's
    defaults are right to left."""
    paragraphs, runs = tree_fact(document.part.styles.element, "right to left", _right_to_left)
    if not (paragraphs or runs):
        return
    for element in added:
        for paragraph in element.iter(qn("w:p")) if paragraphs else ():
            _turn_off(cast(CT_P, paragraph).get_or_add_pPr(), "w:bidi", _AFTER_BIDI)
        for table in element.iter(qn("w:tbl")) if paragraphs else ():  # its columns, first on the left
            _turn_off(cast(CT_Tbl, table).tblPr, "w:bidiVisual", _AFTER_BIDI_VISUAL)
        for run in element.iter(qn("w:r")) if runs else ():
            _turn_off(cast(CT_R, run).get_or_add_rPr(), "w:rtl", _AFTER_RTL)


def _turn_off(properties: BaseOxmlElement, tag: str, successors: tuple[str, ...]) -> None:
    """``properties`` with ``tag`` set to false, added in its place in the schema's order."""
    flag = cast(BaseOxmlElement | None, properties.find(qn(tag)))
    if flag is None:
        flag = cast(BaseOxmlElement, OxmlElement(tag))
        properties.insert_element_before(flag, *successors)
    flag.set(qn("w:val"), "0")


def _right_to_left(styles: etree._Element) -> tuple[bool, bool]:
    """(paragraphs, runs): whether the document's defaults or its default paragraph style
    set right to left."""
    defaults = [styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}"),
                styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")]
    normal = next((style for style in styles.iterfind(qn("w:style"))
                   if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on")), None)
    if normal is not None:
        defaults += [normal.find(qn("w:pPr")), normal.find(qn("w:rPr"))]
    def says(tag: str) -> bool:
        found = [props.find(qn(tag)) for props in defaults if props is not None]
        return any(flag is not None and flag.get(qn("w:val"), "1") not in _OFF for flag in found)
    return says("w:bidi"), says("w:rtl")
