"""Human names for where text lives: 'slide 7 notes', 'header 2', 'table 3, row 2'.

Part labels come from the package's relationships (slide order from presentation.xml),
never from file names alone; a block's place inside its part from its ancestors.
"""

from __future__ import annotations

import re

from lxml import etree

from .names import C_NS, PROPERTY_TEXTS, VT_NS, a, p, w
from .package import Package
from .textview import Block, PartText, in_copy

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_W_TBL, _W_TR, _W_TC, _A_TR = w("tbl"), w("tr"), w("tc"), a("tr")
_W_P = w("p")
_NOTES = {w("footnote"): "footnote", w("endnote"): "endnote", w("comment"): "comment"}
_SHAPES = {p("sp"), p("graphicFrame"), p("pic"), p("cxnSp"), p("grpSp")}
_CUSTOM_PROPERTY, _CHART_VALUE = f"{{{VT_NS}}}lpwstr", f"{{{C_NS}}}v"


def _natural(name: str) -> list[int | str]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def part_labels(package: Package, parts: dict[str, str]) -> dict[str, str]:
    """A label for each text part, e.g. {'ppt/slides/slide3.xml': 'slide 1'}, in reading order."""
    labels: dict[str, str] = {}
    graph = package.graph
    if package.family == "presentation":
        slide_numbers = _slide_numbers(package)
        for number, slide in ((n, s) for s, n in slide_numbers.items()):
            if slide not in parts:
                continue  # the presentation lists a slide the file does not have (or not as a slide)
            labels[slide] = f"slide {number}"
            for rel in graph.get(slide, []):
                if rel.target not in parts:
                    continue
                if rel.type == _REL + "notesSlide":
                    labels[rel.target] = f"slide {number} notes"
                elif rel.type.endswith("/comments"):
                    labels[rel.target] = f"slide {number} comments"
    elif package.main_part in parts:
        labels[package.main_part] = "body"
    drawn = _smartart_drawings(package, parts)
    counters: dict[str, int] = {}
    for name in sorted(parts, key=_natural):
        kind = parts[name]
        if name in labels or name in drawn:
            continue
        if kind in ("header", "footer", "chart", "SmartArt", "layout", "master"):
            counters[kind] = counters.get(kind, 0) + 1
            noun = {"layout": "slide layout", "master": "slide master"}.get(kind, kind)
            labels[name] = f"{noun} {counters[kind]}"
        else:
            labels[name] = kind
    for name, kind in parts.items():  # say where a chart or diagram sits
        if kind in ("chart", "SmartArt") and name not in drawn:
            holder = next((src for src, rels in graph.items()
                           for rel in rels if rel.target == name and src in labels and src != name), None)
            if holder and labels[holder] != "body":
                labels[name] += f" on {labels[holder]}"
    for drawing, data in drawn.items():
        labels[drawing] = f"{labels[data]} (drawn copy)"
    return labels


def _smartart_drawings(package: Package, parts: dict[str, str]) -> dict[str, str]:
    """Each SmartArt's cached drawing -> its data part: one diagram, not two. The data part
    names the drawing by a relationship id (dsp:dataModelExt relId) of the part holding both."""
    drawn = {}
    for data in (name for name, kind in parts.items() if kind == "SmartArt"):
        ext = next(package.xml(data).iter("{*}dataModelExt"), None)
        if ext is None:
            continue
        for rels in package.graph.values():
            if any(rel.target == data for rel in rels):
                drawing = next((rel.target for rel in rels if rel.id == ext.get("relId")), None)
                if drawing in parts:
                    drawn[drawing] = data
    return drawn


def _slide_numbers(package: Package) -> dict[str, int]:
    return {slide: number for number, slide in enumerate(package.slide_parts(), start=1) if slide}


class BlockLocator:
    """Describes blocks of one parsed part; caches the part's table order."""

    def __init__(self, root: etree._Element, view: PartText):
        self.root = root
        self._tables: dict[etree._Element, int] | None = None
        self._view = view
        self._paragraph_numbers: dict[int, int] | None = None

    def describe(self, block: Block) -> str:
        element = block.element
        if block.attribute:
            return f"alt text of '{element.get('name') or 'picture'}'"
        if not block.is_paragraph:
            if element.tag == _CUSTOM_PROPERTY:
                holder = element.getparent()
                return f"custom property '{holder.get('name', '') if holder is not None else ''}'"
            return PROPERTY_TEXTS.get(element.tag) or ("a label" if element.tag == _CHART_VALUE else "comment")
        where: list[str] = []
        row = None
        for ancestor in element.iterancestors():
            tag = ancestor.tag
            if tag in (_W_TR, _A_TR):
                row = ancestor
            elif tag == _W_TBL and row is not None:
                where.insert(0, f"table {self._table_number(ancestor)}, row {_row_index(row)}")
                row = None
            elif tag in _NOTES:
                where.insert(0, f"{_NOTES[tag]} {ancestor.get(w('id'))}")
            elif tag == w("txbxContent"):
                where.insert(0, "text box (VML copy)" if in_copy(ancestor) else "text box")
            elif tag in _SHAPES:
                name = _shape_name(ancestor)
                if row is not None:
                    where.insert(0, f"table '{name}', row {_row_index(row)}")
                    row = None
                else:
                    where.insert(0, f"shape '{name}'")
                break
        if not where and element.tag == _W_P:
            where.append(f"paragraph {self._paragraph_number(element)}")
        return ", ".join(where)

    def _paragraph_number(self, paragraph: etree._Element) -> int:
        """Paragraphs count in document order (a paragraph split by a text box counts once)."""
        if self._paragraph_numbers is None:
            self._paragraph_numbers = {}
            for element in self._view.block_elements[:self._view.paragraph_blocks]:
                self._paragraph_numbers.setdefault(id(element), len(self._paragraph_numbers) + 1)
        return self._paragraph_numbers.get(id(paragraph), 0)

    def _table_number(self, table: etree._Element) -> str:
        if self._tables is None:
            self._tables = {t: i for i, t in enumerate(self.root.iter(_W_TBL), start=1)}
        return str(self._tables.get(table, "?"))



def _row_index(row: etree._Element) -> int:
    return sum(1 for sibling in row.itersiblings(preceding=True) if sibling.tag == row.tag) + 1


def _shape_name(shape: etree._Element) -> str:
    """The name in the shape's non-visual properties: its first child (p:nvSpPr, p:nvPicPr,
    ...) holds p:cNvPr. Looked up there, not searched for: lxml's iterators look one match
    ahead, so even the first match of a search walks the whole shape (a millisecond in a
    shape of 100,000 runs, for each finding in it)."""
    group = next((child for child in shape if isinstance(child.tag, str)), None)  # (not a comment)
    for properties in group if group is not None else ():
        if isinstance(properties.tag, str) and properties.tag.endswith("}cNvPr"):
            return properties.get("name", "")
    return ""
