"""Real clients open what curriculum-kit writes: LibreOffice converts adapted files and
packets to PDF (pdftotext reads them back), Chromium loads the download catalog."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from curriculum_kit.package.pdf_fonts import document_fonts, replaced_fonts
from tests.acceptance.conftest import build_args, run
from tests.conftest import REPO, needs_pdftotext, needs_soffice

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@needs_soffice
@needs_pdftotext
def test_adapted_samples_open_in_libreoffice(tmp_path):
    module = REPO / "base_modules" / "coordinated-case-planning"
    outputs = []
    for source in (module / "facilitator-guide.docx", module / "slides.pptx"):
        out = tmp_path / f"adapted-{source.name}"
        result = run(["adapt", str(source), "-o", str(out), "--county", "alder-county",
                      "--overlays", str(REPO / "county_overlays")])
        assert result.exit_code == 0, result.output
        outputs.append(out)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, outputs)],
                   capture_output=True, timeout=300, check=False)
    for out in outputs:
        text = pdf_text(out.with_suffix(".pdf"))
        assert "Department of Children and Family Services" in text and "DCFS" in text
        assert "WorkBridge" in text  # Alder's name for Welfare-to-Work
        assert "Child Welfare Services" not in text and "Welfare-to-Work plan" not in text


@needs_soffice
@needs_pdftotext
def test_packets_with_tagged_pdfs_hold_the_county(samples, tmp_path):
    out = tmp_path / "dist"
    args = build_args(samples, out, "--pdf", "--county", "manzanita-county", "--module", "linkages-orientation")
    result = run(args)
    assert result.exit_code == 0, result.output
    packet = next((out / "manzanita-county" / "linkages-orientation").glob("*_facilitator_*.zip"))
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(packet) as package:
        package.extractall(unpacked)
    folder = next(unpacked.iterdir())
    documents = [p for p in folder.rglob("*") if p.suffix in (".docx", ".pptx")]
    assert documents and all(p.with_suffix(".pdf").is_file() for p in documents)
    guide = pdf_text(folder / "facilitator-guide.pdf")
    assert "Manzanita County" in guide
    contacts = (samples / "county_overlays" / "manzanita-county" / "contacts.csv").read_text()
    phone = re.search(r"\(\d{3}\) 555-01\d\d", contacts).group()
    assert phone in pdf_text(folder / "local-contacts.pdf")
    assert "Child Welfare Services" not in guide
    assert b"/StructTreeRoot" in (folder / "facilitator-guide.pdf").read_bytes(), "tagged PDF"
    # the fonts this machine draws in other widths are named once, in the manifest and the summary
    fonts = set().union(*(document_fonts(p.name, p.read_bytes()) for p in documents))
    assert "Calibri" in fonts  # the packet's documents print with it (python-docx's theme, the deck's)
    replaced = replaced_fonts(fonts)
    manifest = json.loads((out / "manzanita-county" / "linkages-orientation" / "manifest.json").read_text())
    assert manifest.get("pdf_fonts_replaced", {}) == replaced
    assert result.output.count("PDFs drawn with other fonts") == (1 if replaced else 0)
    if shutil.which("pdftoppm"):  # the catalog shows the deck's title slide
        thumbnail = out / "manzanita-county" / "linkages-orientation" / "title-slide.png"
        assert thumbnail.read_bytes().startswith(b"\x89PNG")
        assert '<img src="manzanita-county/linkages-orientation/title-slide.png" alt="Title slide of ' in \
            (out / "index.html").read_text()
    # PDFs are pinned too: a second build gives the same packet bytes
    again = tmp_path / "again"
    assert run(build_args(samples, again, "--pdf", "--county", "manzanita-county",
                          "--module", "linkages-orientation")).exit_code == 0
    second = next((again / "manzanita-county" / "linkages-orientation").glob("*_facilitator_*.zip"))
    assert hashlib.sha256(second.read_bytes()).hexdigest() == hashlib.sha256(packet.read_bytes()).hexdigest()
    assert (again / "index.html").read_bytes() == (out / "index.html").read_bytes()


@needs_soffice
@needs_pdftotext
def test_a_module_without_markers_converts_with_its_county_slides(samples, tmp_path):
    out = tmp_path / "dist"
    result = run(build_args(samples, out, "--pdf", "--county", "cypress-valley-county", "--module",
                            "supportive-services"))
    assert result.exit_code == 0, result.output
    packet = next((out / "cypress-valley-county" / "supportive-services").glob("*_facilitator_*.zip"))
    with zipfile.ZipFile(packet) as package:
        package.extractall(tmp_path / "unpacked")
    folder = next((tmp_path / "unpacked").iterdir())
    slides = pdf_text(folder / "slides.pdf")
    assert "Cypress Valley County" in slides and "Local contacts" in slides
    assert "Local information" in pdf_text(folder / "facilitator-guide.pdf")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href"]


@needs_chromium
def test_catalog_loads_in_chromium_and_every_link_exists(built, tmp_path):
    """The filter's script runs (it shows the form and counts the modules); every link exists."""
    for index in (built / "index.html", built / "alder-county" / "index.html"):
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run",
                   f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", index.as_uri()]
        dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
        assert "Linkages training packets</h1>" in dom
        assert '<form id="ck-filter" class="filter" role="search" aria-label="Filter modules">' in dom
        modules = len(list(index.parent.rglob("manifest.json")))
        assert f'<p id="ck-count" role="status">{modules} modules shown</p>' in dom
        links = _Links()
        links.feed(dom)
        zips = [h for h in links.hrefs if h.endswith(".zip")]
        assert len(zips) == len(list(index.parent.rglob("*.zip"))) > 0
        for href in links.hrefs:
            assert not urlparse(href).scheme, f"links are relative: {href}"
            assert href.startswith("#") or (index.parent / unquote(href)).is_file(), href
