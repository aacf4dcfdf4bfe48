"""A chart's labels as it shows them: category and series names cached in the chart part are
text the engine reads and adapts; its numbers and its formulas are not."""

from __future__ import annotations

from lxml import etree

from curriculum_kit.formats.terms import Term
from curriculum_kit.ooxml.locations import BlockLocator
from curriculum_kit.ooxml.matcher import Matcher
from curriculum_kit.ooxml.names import C_NS
from curriculum_kit.ooxml.rewrite import apply
from curriculum_kit.ooxml.textview import read_part

CHART = f"""<c:chartSpace xmlns:c="{C_NS}"><c:chart><c:plotArea><c:barChart><c:ser>
<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:pt idx="0"><c:v>CWS cases</c:v></c:pt></c:strCache></c:strRef></c:tx>
<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/>
<c:pt idx="0"><c:v>CWS</c:v></c:pt><c:pt idx="1"><c:v>CalWORKs</c:v></c:pt></c:strCache></c:strRef></c:cat>
<c:val><c:numRef><c:f>Sheet1!$B$2:$B$3</c:f><c:numCache><c:pt idx="0"><c:v>12</c:v></c:pt>
<c:pt idx="1"><c:v>30</c:v></c:pt></c:numCache></c:numRef></c:val>
</c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>"""


def test_category_and_series_names_are_adapted_numbers_and_formulas_are_not():
    root = etree.fromstring(CHART)
    view = read_part(root)
    matches, _ = Matcher([Term("CWS", "DCFS"), Term("CalWORKs", "ETA"), Term("12", "twelve")]).scan(view.text)
    assert [block.text for block in view.blocks] == ["CWS cases", "CWS", "CalWORKs"]
    assert BlockLocator(root, view).describe(view.blocks[0]) == "a label"
    apply(view, matches)
    values = [value.text for value in root.iter(f"{{{C_NS}}}v")]
    assert values == ["DCFS cases", "DCFS", "ETA", "12", "30"]
    assert [f.text for f in root.iter(f"{{{C_NS}}}f")] == ["Sheet1!$B$1", "Sheet1!$A$2:$A$3", "Sheet1!$B$2:$B$3"]
