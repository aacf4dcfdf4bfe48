"""Namespaces and the element names the engine looks at, as Clark names ('{uri}local')."""

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
DC_NS = "http://purl.org/dc/elements/1.1/"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
COVER_NS = "http://schemas.microsoft.com/office/2006/coverPageProps"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"

# How the name (p:cSld/@name, which PowerPoint keeps as the slide's name) of every slide the
# tool makes in a deck starts ('curriculum-kit contacts 2'): preflight holds those slides to fit their
# text, in build and whenever `check` reads the packet later; the academy's own slides are
# the academy's layout.
MADE_SLIDE_NAME = "curriculum-kit"

# Document properties a reader sees, by element, with what a report calls each: in File >
# Info, in DOCPROPERTY fields, and in a cover page's content controls bound to them — Word
# fills a bound control from its property when it opens the file, so a control adapted and
# its property not would turn back (the text of a custom property is its vt:lpwstr).
PROPERTY_TEXTS = {f"{{{DC_NS}}}title": "title", f"{{{DC_NS}}}subject": "subject", f"{{{DC_NS}}}description": "comments",
                  f"{{{EP_NS}}}Company": "company", f"{{{EP_NS}}}Manager": "manager",
                  f"{{{COVER_NS}}}Abstract": "abstract", f"{{{COVER_NS}}}CompanyAddress": "company address",
                  f"{{{VT_NS}}}lpwstr": "custom property"}

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def w(local: str) -> str:
    return f"{{{W_NS}}}{local}"


def a(local: str) -> str:
    return f"{{{A_NS}}}{local}"


def p(local: str) -> str:
    return f"{{{P_NS}}}{local}"


def path(expression: str) -> etree.XPath:
    """An XPath over WordprocessingML, DrawingML and PresentationML ('w:tcPr/w:gridSpan'),
    compiled once: lxml's ``find`` and ``xpath`` read an expression anew on every call, at
    twice the cost of evaluating the compiled one (a look-up made on every paragraph). Text
    results are plain strings: lxml's default "smart" strings, which know their element,
    cost more than the search (a table's font sizes: 140 µs against 60 µs)."""
    return etree.XPath(expression, namespaces={"w": W_NS, "a": A_NS, "p": P_NS}, smart_strings=False)
