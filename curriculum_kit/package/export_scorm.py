"""SCORM 1.2: a zip with ``imsmanifest.xml`` and one SCO, the start page.

Most LMSs that take no Common Cartridge (Cornerstone, SumTotal, older Moodle set-ups) take
SCORM 1.2. The manifest is IMS CP 1.1.2 with ADL's ``adlcp`` extension and IMS metadata
1.2.1 (title, language, description, version); its organization lists the start page, the
session's segments in order (each a page of its own, an asset), then each document in order;
every file belongs to a resource. The start page is the one SCO: it
finds the LMS's ``API`` object the way the SCORM 1.2 run-time describes (up the frames, then
the opener), calls ``LMSInitialize``, sets ``cmi.core.lesson_status`` to ``completed`` and
commits, and calls ``LMSFinish`` when the page goes away. With no LMS it is a plain page.
"""

from __future__ import annotations

import io
from urllib.parse import quote

from lxml import etree

from ..formats.untrusted import clip
from .lms import START_PAGE, LmsPackage, identifier
from .lms_landing import landing_html, segment_pages
from .zipper import Entry, write_zip_bytes

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
_NSMAP: dict[str | None, str] = {None: CP, "adlcp": ADLCP, "imsmd": MD}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCO_SCRIPT = "sco.js"

# Only the API of a window the page may read counts (an LMS on another origin makes reading
# window.parent throw); five levels of frames are more than any LMS uses.
SCRIPT = """(function () {
  function api(win) {
    for (var depth = 0; win && depth < 6; depth++) {
      try { if (win.API) { return win.API; } } catch (e) { return null; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var lms = api(window);
  if (!lms && window.opener) { lms = api(window.opener); }
  if (!lms || String(lms.LMSInitialize("")) !== "true") { return; }
  lms.LMSSetValue("cmi.core.lesson_status", "completed");
  lms.LMSCommit("");
  var status = document.getElementById("lms-status");
  if (status) { status.textContent = "Your learning system has recorded this page as completed."; }
  var finished = false;
  function finish() { if (!finished) { finished = true; lms.LMSFinish(""); } }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
"""


def _cp(tag: str) -> str:
    return f"{{{CP}}}{tag}"


def _langstring(parent: etree._Element, tag: str, text: str, language: str) -> None:
    element = etree.SubElement(parent, f"{{{MD}}}{tag}")
    string = etree.SubElement(element, f"{{{MD}}}langstring")
    string.set(XML_LANG, language)
    string.text = text


_VERSION_CHARS, _TITLE_CHARS = 20, 200


def scorm_manifest(package: LmsPackage) -> bytes:
    taken: set[str] = set()
    root = etree.Element(_cp("manifest"), nsmap=_NSMAP)  # type: ignore[arg-type]  # None: the default namespace
    root.set("identifier", identifier(package.identifier, taken))
    # IMS Content Packaging 1.1.2 holds a manifest's version to 20 characters and a title to
    # 200 (strict importers refuse more): the module's own version there ('1.3.0'; the whole
    # '1.3.0+alder-county.2.1.0' is the lifecycle version below), titles cut with an ellipsis.
    root.set("version", clip(package.version.split("+")[0], _VERSION_CHARS))
    metadata = etree.SubElement(root, _cp("metadata"))
    etree.SubElement(metadata, _cp("schema")).text = "ADL SCORM"
    etree.SubElement(metadata, _cp("schemaversion")).text = "1.2"
    lom = etree.SubElement(metadata, f"{{{MD}}}lom")
    general = etree.SubElement(lom, f"{{{MD}}}general")
    _langstring(general, "title", package.title, package.language)
    etree.SubElement(general, f"{{{MD}}}language").text = package.language
    _langstring(general, "description", package.description, package.language)
    _langstring(etree.SubElement(lom, f"{{{MD}}}lifecycle"), "version", package.version, package.language)
    organization_id = identifier("organization", taken)
    organizations = etree.SubElement(root, _cp("organizations"), default=organization_id)
    organization = etree.SubElement(organizations, _cp("organization"), identifier=organization_id)
    etree.SubElement(organization, _cp("title")).text = clip(package.title, _TITLE_CHARS)
    resources = etree.SubElement(root, _cp("resources"))
    logos = tuple(brand.logo for brand in package.landing.programs if brand.logo)
    entries = [("start", "Start here", (START_PAGE, SCO_SCRIPT, *logos), "sco")]
    entries += [(key, title, files, "asset") for key, title, files in package.contents()]
    for key, title, files, kind in entries:
        resource_id = identifier(f"R-{key}", taken)
        item = etree.SubElement(organization, _cp("item"), identifier=identifier(f"I-{key}", taken),
                                identifierref=resource_id, isvisible="true")
        etree.SubElement(item, _cp("title")).text = clip(title, _TITLE_CHARS)
        resource = etree.SubElement(resources, _cp("resource"), identifier=resource_id, type="webcontent",
                                    href=quote(files[0]))
        resource.set(f"{{{ADLCP}}}scormtype", kind)
        for path in files:
            etree.SubElement(resource, _cp("file"), href=quote(path))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def scorm_package(package: LmsPackage, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The SCORM 1.2 zip's bytes: same package and time, same bytes."""
    entries = [Entry("imsmanifest.xml", scorm_manifest(package)),
               Entry(START_PAGE, landing_html(package.landing, package.materials, SCO_SCRIPT).encode("utf-8")),
               Entry(SCO_SCRIPT, SCRIPT.encode("utf-8")),
               *(Entry(path, data) for path, data in segment_pages(package.landing, package.materials)),
               *(Entry(path, data) for path, data in package.files.items())]
    out = io.BytesIO()
    write_zip_bytes(out, entries, date_time)
    return out.getvalue()
