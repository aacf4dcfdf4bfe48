"""IMS Common Cartridge 1.3 (``.imscc``): a zip with ``imsmanifest.xml`` at its root.

The manifest follows the CC 1.3 profile of IMS Content Packaging 1.2: LOM metadata (title,
language, description, version), one organization with ``structure="rooted-hierarchy"``
whose root item holds the module: its start page, the session's segments in order (each a
small page of its own), then the materials; one ``webcontent`` resource per page and per
document, listing every file (Word and PDF alike), so every file in the cartridge is named by
the manifest.
"""

from __future__ import annotations

import io
from urllib.parse import quote

from lxml import etree

from .lms import START_PAGE, LmsPackage, identifier
from .lms_landing import landing_html, segment_pages
from .zipper import Entry, write_zip_bytes

CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_NSMAP: dict[str | None, str] = {None: CP, "lomimscc": LOM, "xsi": XSI}
SCHEMA_LOCATION = (f"{CP} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd "
                   f"{LOM} http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd")


def _cp(tag: str) -> str:
    return f"{{{CP}}}{tag}"


def _lom(parent: etree._Element, path: str, text: str, language: str | None) -> None:
    """``general/title`` -> <lomimscc:general><lomimscc:title><lomimscc:string>text ..."""
    element = parent
    for tag in path.split("/"):
        found = element.find(f"{{{LOM}}}{tag}")
        element = found if found is not None else etree.SubElement(element, f"{{{LOM}}}{tag}")
    if language is None:
        element.text = text
    else:
        string = etree.SubElement(element, f"{{{LOM}}}string", language=language)
        string.text = text


def cc_manifest(package: LmsPackage) -> bytes:
    taken: set[str] = set()
    root = etree.Element(_cp("manifest"), nsmap=_NSMAP)  # type: ignore[arg-type]  # None: the default namespace
    root.set("identifier", identifier(package.identifier, taken))
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = etree.SubElement(root, _cp("metadata"))
    etree.SubElement(metadata, _cp("schema")).text = "IMS Common Cartridge"
    etree.SubElement(metadata, _cp("schemaversion")).text = "1.3.0"
    lom = etree.SubElement(metadata, f"{{{LOM}}}lom")
    _lom(lom, "general/title", package.title, package.language)
    _lom(lom, "general/language", package.language, None)
    _lom(lom, "general/description", package.description, package.language)
    _lom(lom, "lifeCycle/version", package.version, package.language)
    organization = etree.SubElement(etree.SubElement(root, _cp("organizations")), _cp("organization"),
                                    identifier=identifier("organization", taken), structure="rooted-hierarchy")
    top = etree.SubElement(etree.SubElement(organization, _cp("item"), identifier=identifier("root", taken)),
                           _cp("item"), identifier=identifier("module", taken))
    etree.SubElement(top, _cp("title")).text = package.title
    resources = etree.SubElement(root, _cp("resources"))
    entries = [("start", "Start here", (START_PAGE, *_logos(package)))]
    entries += package.contents()
    for key, title, files in entries:
        resource_id = identifier(f"R-{key}", taken)
        item = etree.SubElement(top, _cp("item"), identifier=identifier(f"I-{key}", taken), identifierref=resource_id)
        etree.SubElement(item, _cp("title")).text = title
        resource = etree.SubElement(resources, _cp("resource"), identifier=resource_id, type="webcontent",
                                    href=quote(files[0]))
        for path in files:
            etree.SubElement(resource, _cp("file"), href=quote(path))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _logos(package: LmsPackage) -> tuple[str, ...]:
    return tuple(brand.logo for brand in package.landing.programs if brand.logo)


def cc_cartridge(package: LmsPackage, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The ``.imscc`` bytes: same package and time, same bytes."""
    entries = [Entry("imsmanifest.xml", cc_manifest(package)),
               Entry(START_PAGE, landing_html(package.landing, package.materials).encode("utf-8")),
               *(Entry(path, data) for path, data in segment_pages(package.landing, package.materials)),
               *(Entry(path, data) for path, data in package.files.items())]
    out = io.BytesIO()
    write_zip_bytes(out, entries, date_time)
    return out.getvalue()
