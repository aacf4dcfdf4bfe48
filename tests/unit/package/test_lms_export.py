"""Common Cartridge 1.3 and SCORM 1.2 packages: manifests that follow the specifications,
every file referenced and every reference a file, stable identifiers, escaped text."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from lxml import etree

from curriculum_kit.package.export_cc import CP as CC_NS
from curriculum_kit.package.export_cc import LOM, cc_cartridge
from curriculum_kit.package.export_scorm import ADLCP, MD, scorm_package
from curriculum_kit.package.export_scorm import CP as SCORM_NS
from curriculum_kit.package.lms import Landing, LmsPackage, Material, ProgramBrand, Segment, identifier

WHEN = (2026, 1, 1, 0, 0, 0)
HOSTILE = '</title><script>alert("x")</script> & ]]> \'q\' <!-- -->'


def package(text: str = "Alder County", color: str = "#1F5FA8") -> LmsPackage:
    landing = Landing(text, f"Linkages Orientation {text}", f"About {text}", f"For {text} staff",
                      (ProgramBrand(f"{text} Children's Services", text, color, "logos/cws.png"),
                       ProgramBrand("Employment Services", "ETA", "#2E7D32", None)),
                      f"Your co-facilitators: Maria {text} (DCFS) and Luis Ortega (ETA).",
                      (Segment("segments/01-welcome.html", f"Welcome {text}", "9:00 AM – 9:30 AM", 30, "connect",
                               f"Time to connect {text}"),
                       Segment("segments/02-roles.html", "Roles", "9:30 AM – 10:15 AM", 45, "content", "A segment."),
                       Segment("segments/03-closing.html", "Closing", "10:15 AM – 10:30 AM", 15, "closing", "End.")),
                      f"Module version 1.0.0 · {text} overlay version 2.0.0")
    files = {"agenda.docx": b"docx", "agenda.pdf": b"%PDF", "handouts/roles at a glance.docx": b"docx",
             "handouts/roles-at-a-glance.docx": b"other", "logos/cws.png": b"\x89PNG"}
    materials = (Material("agenda", "Session agenda", ("agenda.pdf", "agenda.docx")),
                 Material("handouts/roles at a glance", f"Handout {text}", ("handouts/roles at a glance.docx",)),
                 Material("handouts/roles-at-a-glance", "Handout two", ("handouts/roles-at-a-glance.docx",)))
    return LmsPackage("ck.alder-county.linkages-orientation.participant", f"Linkages Orientation — {text}",
                      f"Participant material {text}", "1.0.0+alder-county.2.0.0", landing, materials, files)


def unpack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


BUILDERS = [pytest.param(cc_cartridge, CC_NS, id="common-cartridge"), pytest.param(scorm_package, SCORM_NS, id="scorm")]


@pytest.mark.parametrize("build, ns", BUILDERS)
def test_every_file_is_referenced_and_every_reference_exists(build, ns):
    files = unpack(build(package(), WHEN))
    manifest = etree.fromstring(files["imsmanifest.xml"])
    referenced = [unquote(f.get("href")) for f in manifest.iter(f"{{{ns}}}file")]  # hrefs are URIs
    assert len(referenced) == len(set(referenced))
    assert sorted(referenced) == sorted(name for name in files if name != "imsmanifest.xml")
    resources = {r.get("identifier"): r for r in manifest.iter(f"{{{ns}}}resource")}
    for resource in resources.values():
        assert resource.get("type") == "webcontent"
        assert resource.get("href") == resource.find(f"{{{ns}}}file").get("href")
    items = [i for i in manifest.iter(f"{{{ns}}}item") if i.get("identifierref")]
    assert sorted(i.get("identifierref") for i in items) == sorted(resources), "one item per resource"
    ids = [e.get("identifier") for e in manifest.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids)), ids
    assert all(_is_ncname(i) for i in ids), ids
    assert [f.get("href") for f in manifest.iter(f"{{{ns}}}file") if "glance" in f.get("href")] == [
        "handouts/roles%20at%20a%20glance.docx", "handouts/roles-at-a-glance.docx"]
    titles = [i.findtext(f"{{{ns}}}title") for i in items]
    assert titles == ["Start here", "Welcome Alder County", "Roles", "Closing", "Session agenda", "Handout Alder County",
                      "Handout two"], "the segments in order, then the documents"
    assert [r.get("href") for r in resources.values()][1:4] == [
        "segments/01-welcome.html", "segments/02-roles.html", "segments/03-closing.html"]


@pytest.mark.parametrize("build, ns", BUILDERS)
def test_each_segment_has_a_page_that_links_back_and_to_its_documents(build, ns):
    files = unpack(build(package(), WHEN))
    start = files["index.html"].decode()
    assert '9:00 AM – 9:30 AM: <a href="segments/01-welcome.html">Welcome Alder County</a>' in start
    welcome, roles = files["segments/01-welcome.html"].decode(), files["segments/02-roles.html"].decode()
    assert "<h1>Welcome Alder County</h1>" in welcome and "9:00 AM – 9:30 AM · 30 minutes · Alder County" in welcome
    assert "<p>Time to connect Alder County</p>" in welcome
    assert '<a href="../index.html">Back to Linkages Orientation Alder County</a>' in welcome
    links = lambda page: [h for h in _Elements.of(page).hrefs if h != "../index.html"]  # noqa: E731
    assert links(welcome) == ["../agenda.pdf", "../agenda.docx"], "time to connect uses the agenda"
    assert links(roles) == ["../agenda.pdf", "../agenda.docx", "../handouts/roles%20at%20a%20glance.docx",
                            "../handouts/roles-at-a-glance.docx"], "a learning segment also uses the handouts"
    for page in (welcome, roles):
        assert all(unquote(h.removeprefix("../")) in files for h in _Elements.of(page).hrefs)
        assert "<img" not in page, "a segment's resource holds only its page"


def _is_ncname(text: str) -> bool:
    return bool(text) and (text[0].isalpha() or text[0] == "_") and all(c.isalnum() or c in "-_." for c in text)


def test_common_cartridge_manifest_follows_cc_1_3():
    manifest = etree.fromstring(unpack(cc_cartridge(package(), WHEN))["imsmanifest.xml"])
    assert manifest.tag == f"{{{CC_NS}}}manifest" and CC_NS == "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
    assert manifest.findtext(f"{{{CC_NS}}}metadata/{{{CC_NS}}}schema") == "IMS Common Cartridge"
    assert manifest.findtext(f"{{{CC_NS}}}metadata/{{{CC_NS}}}schemaversion") == "1.3.0"
    lom = manifest.find(f"{{{CC_NS}}}metadata/{{{LOM}}}lom")
    general = lom.find(f"{{{LOM}}}general")
    assert [etree.QName(e).localname for e in general] == ["title", "language", "description"]
    assert general.findtext(f"{{{LOM}}}title/{{{LOM}}}string") == "Linkages Orientation — Alder County"
    assert general.findtext(f"{{{LOM}}}language") == "en-US"
    assert lom.findtext(f"{{{LOM}}}lifeCycle/{{{LOM}}}version/{{{LOM}}}string") == "1.0.0+alder-county.2.0.0"
    organization = manifest.find(f"{{{CC_NS}}}organizations/{{{CC_NS}}}organization")
    assert organization.get("structure") == "rooted-hierarchy"
    root_items = organization.findall(f"{{{CC_NS}}}item")
    assert len(root_items) == 1 and root_items[0].find(f"{{{CC_NS}}}title") is None  # the root item has no title
    module = root_items[0].find(f"{{{CC_NS}}}item")
    assert module.findtext(f"{{{CC_NS}}}title") == "Linkages Orientation — Alder County"


def test_scorm_manifest_follows_scorm_1_2():
    files = unpack(scorm_package(package(), WHEN))
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert manifest.tag == f"{{{SCORM_NS}}}manifest" and SCORM_NS == "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    assert manifest.findtext(f"{{{SCORM_NS}}}metadata/{{{SCORM_NS}}}schema") == "ADL SCORM"
    assert manifest.findtext(f"{{{SCORM_NS}}}metadata/{{{SCORM_NS}}}schemaversion") == "1.2"
    general = manifest.find(f"{{{SCORM_NS}}}metadata/{{{MD}}}lom/{{{MD}}}general")
    assert general.findtext(f"{{{MD}}}title/{{{MD}}}langstring") == "Linkages Orientation — Alder County"
    assert general.findtext(f"{{{MD}}}description/{{{MD}}}langstring") == "Participant material Alder County"
    organizations = manifest.find(f"{{{SCORM_NS}}}organizations")
    organization = organizations.find(f"{{{SCORM_NS}}}organization")
    assert organizations.get("default") == organization.get("identifier")
    kinds = {r.get("href"): r.get(f"{{{ADLCP}}}scormtype") for r in manifest.iter(f"{{{SCORM_NS}}}resource")}
    assert kinds == {"index.html": "sco", "segments/01-welcome.html": "asset", "segments/02-roles.html": "asset",
                     "segments/03-closing.html": "asset", "agenda.pdf": "asset", "handouts/roles%20at%20a%20glance.docx": "asset",
                     "handouts/roles-at-a-glance.docx": "asset"}
    script = files["sco.js"].decode()
    for call in ('LMSInitialize("")', 'LMSSetValue("cmi.core.lesson_status", "completed")', 'LMSFinish("")'):
        assert call in script
    assert '<script src="sco.js"></script>' in files["index.html"].decode()


def test_scorm_manifest_keeps_to_the_content_packaging_schemas_lengths():
    """IMS CP 1.1.2: a manifest's version at most 20 characters, a title at most 200 (a strict
    importer refuses more); a county's name may be 180 characters and its slug 60."""
    long = "Tulare-Kings Joint Regional " * 7
    files = unpack(scorm_package(package(long), WHEN))
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert manifest.get("version") == "1.0.0"
    titles = [title.text for title in manifest.iter(f"{{{SCORM_NS}}}title")]
    assert len(titles) == 8 and all(len(title) <= 200 for title in titles) and titles[0].endswith("…")
    lifecycle = manifest.find(f"{{{SCORM_NS}}}metadata/{{{MD}}}lom/{{{MD}}}lifecycle")
    assert lifecycle.findtext(f"{{{MD}}}version/{{{MD}}}langstring") == "1.0.0+alder-county.2.0.0"


@pytest.mark.parametrize("build, ns", BUILDERS)
def test_the_same_package_gives_the_same_bytes_and_identifiers(build, ns):
    first, second = build(package(), WHEN), build(package(), WHEN)
    assert first == second
    changed = unpack(build(package("Alder County (revised)"), WHEN))["imsmanifest.xml"]

    def ids(data: bytes) -> list[str]:
        return [e.get("identifier") for e in etree.fromstring(data).iter() if e.get("identifier")]

    assert ids(changed) == ids(unpack(first)["imsmanifest.xml"]), "new wording, same identifiers"


@pytest.mark.parametrize("build, ns", BUILDERS)
def test_county_text_is_escaped_in_xml_and_html(build, ns):
    files = unpack(build(package(HOSTILE, color='red;background:url("x")'), WHEN))
    manifest = etree.fromstring(files["imsmanifest.xml"])  # parses: nothing broke out of its element
    assert [e.text for e in manifest.iter() if e.text and "alert" in e.text][0] == f"Linkages Orientation — {HOSTILE}"
    html = files["index.html"].decode()
    assert "<script>alert" not in html and "</title><script>" not in html and "url(" not in html
    page = _Elements()
    page.feed(html)
    assert [t for t in page.tags if t == "script"] == (["script"] if "sco.js" in files else [])
    assert page.title == f"Linkages Orientation {HOSTILE} — {HOSTILE}"
    assert f"Maria {HOSTILE} (DCFS)" in "".join(page.text)
    segment = _Elements.of(files["segments/01-welcome.html"].decode())
    assert "script" not in segment.tags and "url(" not in files["segments/01-welcome.html"].decode()
    assert segment.title == f"Welcome {HOSTILE} — Linkages Orientation {HOSTILE}"
    assert f"Time to connect {HOSTILE}" in segment.text


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self.hrefs: list[str] = []
        self._in_title = False

    @classmethod
    def of(cls, html: str) -> _Elements:
        page = cls()
        page.feed(html)
        return page

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [value for name, value in attrs if name == "href"]
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.title += data


def test_identifiers_are_xml_names_unique_and_made_from_the_text():
    taken: set[str] = set()
    assert identifier("R-handouts/roles at a glance", taken) == "R-handouts-roles-at-a-glance"
    assert identifier("R-handouts/roles-at-a-glance", taken) == "R-handouts-roles-at-a-glance-2"
    assert identifier("2024 plan", taken) == "x2024-plan"
    assert identifier("«»", taken) == "x"


def test_a_documents_title_keeps_the_capitals_of_its_file_name():
    """'handout-CalWORKs-WTW-quick-reference.docx' was 'Handout: Calworks wtw quick reference'."""
    from curriculum_kit.package.lms_content import _materials

    documents = {"handouts/handout-CalWORKs-WTW-quick-reference.docx": b"", "handouts/Handout Año & más #1.docx": b"",
                 "handouts/roles_at_a_glance.docx": b"", "sign-in-sheet.docx": b""}
    assert [m.title for m in _materials(documents)] == [
        "Handout: CalWORKs WTW quick reference", "Handout: Año & más #1", "Handout: Roles at a glance", "Sign in sheet"]
