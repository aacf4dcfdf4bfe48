"""Heading levels read from styles: a style's outline level makes it a heading."""

from __future__ import annotations

from lxml import etree

from curriculum_kit.ooxml.names import W_NS
from curriculum_kit.ooxml.outline import heading_styles


def style(style_id: str, level: str) -> str:
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
            f'<w:pPr><w:outlineLvl w:val="{level}"/></w:pPr></w:style>')


def test_only_outline_levels_0_to_8_make_a_style_a_heading():
    styles = etree.fromstring(f'<w:styles xmlns:w="{W_NS}">{style("Chapter", "0")}{style("Part", "8")}'
                              f'{style("Body", "9")}{style("Odd", "²")}{style("Wide", "12")}{style("Word", "x")}'
                              '</w:styles>')
    assert heading_styles(styles) == {"Chapter": 1, "Part": 9}
