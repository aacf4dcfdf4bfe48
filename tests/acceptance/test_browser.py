"""The catalog and the SCORM start page in real headless Chromium (the system's, driven by
Playwright; no browser is downloaded): axe-core finds no accessibility violation, the filter
filters, and the SCO reports completion to a SCORM 1.2 API."""

from __future__ import annotations

import functools
import http.server
import io
import json
import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from curriculum_kit.package.build_status import record_failure
from curriculum_kit.package.catalog_page import write_catalog
from tests.acceptance.conftest import run
from tests.acceptance.test_real_clients import CHROMIUM
from tests.catalog_fixtures import fake_module_folder, fake_session_folder
from tests.conftest import REPO

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright (pip install playwright) is not installed")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                 reason="axe-playwright-python (axe-core for Playwright) is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def violations(page) -> list[str]:
    result = axe_module.Axe().run(page)
    return [f"{v['id']}: {[n['html'][:100] for n in v['nodes']]}" for v in result.response["violations"]]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Path:
    """A catalog with everything a page can show: two counties, three levels, a failed
    build, a thumbnail linked to a review page, LMS exports, an upcoming session."""
    out = tmp_path_factory.mktemp("catalog")
    for slug, county in (("alder-county", "Alder County"), ("cypress-valley-county", "Cypress Valley County")):
        fake_module_folder(out, slug, "linkages-orientation", county=county, title="Linkages Orientation",
                           roles=("facilitator", "participant-cws", "participant-calworks"),
                           exports=("IMS Common Cartridge 1.3", "SCORM 1.2"))
        fake_module_folder(out, slug, "case-planning", county=county, title="Coordinated Case Planning",
                           level="nuts-and-bolts", minutes=390)
        fake_module_folder(out, slug, "homelessness", county=county, title="Families Experiencing Homelessness",
                           level="advanced", minutes=300,
                           programs={"cws": {"name": "Children's Services", "short_name": ""}})
    folder = out / "alder-county" / "case-planning"
    record_failure(folder, "2026-02-01T00:00:00Z", "county_overlays/alder-county/logos/dcfs.png: the logo is not "
                   "a readable image")
    image = io.BytesIO()
    Image.new("RGB", (320, 180), "#1f5fa8").save(image, format="PNG")
    (folder / "title-slide.png").write_bytes(image.getvalue())
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps({**manifest, "thumbnail": "title-slide.png"}))
    (folder / "review.html").write_text('<!DOCTYPE html><html lang="en"><title>Review</title></html>')
    fake_session_folder(out, "2027-core1-linkages-orientation", "2027-01-08")
    write_catalog(out, ("linkages-orientation", "case-planning", "homelessness"), today=date(2026, 12, 1))
    return out


def test_catalog_pages_have_no_accessibility_violations(page, catalog, built):
    for path in (catalog / "index.html", catalog / "alder-county" / "index.html", built / "index.html",
                 built / "manzanita-county" / "index.html"):
        page.goto(path.as_uri())
        assert page.locator("#ck-filter").is_visible()
        assert violations(page) == [], path


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "tbody tr[data-s]", "rows => rows.filter(r => r.offsetParent !== null)"
                    ".map(r => r.closest('section').querySelector('h2').textContent + ': ' + "
                    "r.cells[1].textContent.replace('Review ', ''))")  # the thumbnail link's hidden words


def test_typing_a_county_leaves_only_its_rows(page, catalog):
    page.goto((catalog / "index.html").as_uri())
    assert len(visible_rows(page)) == 6
    page.fill("#ck-q", "cypress")
    assert visible_rows(page) == ["Cypress Valley County: Linkages Orientation",
                                  "Cypress Valley County: Coordinated Case Planning",
                                  "Cypress Valley County: Families Experiencing Homelessness"]
    assert page.locator("#c-alder-county").is_hidden()
    assert page.text_content("#ck-count") == "3 modules shown"
    page.fill("#ck-q", "alder case")  # words of county and module together
    assert visible_rows(page) == ["Alder County: Coordinated Case Planning"]
    page.fill("#ck-q", "eta")  # the county's own name for CalWORKs
    assert len(visible_rows(page)) == 6
    page.fill("#ck-q", "")
    page.select_option("#ck-level", "advanced")
    assert visible_rows(page) == ["Alder County: Families Experiencing Homelessness",
                                  "Cypress Valley County: Families Experiencing Homelessness"]
    page.fill("#ck-q", "nowhere county")
    assert visible_rows(page) == [] and page.text_content("#ck-count") == "0 modules shown"


def test_without_javascript_everything_is_listed(browser, catalog):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((catalog / "index.html").as_uri())
    assert page.locator("#ck-filter").is_hidden()
    assert len(visible_rows(page)) == 6
    assert page.locator("a[href$='.zip']").count() == 2 * (3 + 2 + 2) + 1  # and the session's
    assert page.locator("a[href$='.imscc']").count() == 2 * 2
    context.close()


@pytest.fixture(scope="module")
def scorm(tmp_path_factory) -> Path:
    """The SCORM 1.2 package of Alder County's case planning module, unpacked."""
    out = tmp_path_factory.mktemp("export")
    result = run(["export", "alder-county", "--module", "coordinated-case-planning", "--format", "scorm12",
                  "--no-pdf", "--out", str(out), "--modules", str(REPO / "base_modules"),
                  "--overlays", str(REPO / "county_overlays")])
    assert result.exit_code == 0, result.output
    package = next(out.glob("*_scorm12.zip"))
    with zipfile.ZipFile(package) as archive:
        archive.extractall(out / "unpacked")
    return out / "unpacked"


_LMS = """<!DOCTYPE html><html lang="en"><head><title>Stub LMS</title><script>
window.calls = [];
window.API = {
  LMSInitialize: function (a) { calls.push(["LMSInitialize", a]); return "true"; },
  LMSSetValue: function (k, v) { calls.push(["LMSSetValue", k, v]); return "true"; },
  LMSGetValue: function (k) { calls.push(["LMSGetValue", k]); return ""; },
  LMSCommit: function (a) { calls.push(["LMSCommit", a]); return "true"; },
  LMSFinish: function (a) { calls.push(["LMSFinish", a]); return "true"; },
  LMSGetLastError: function () { return "0"; }, LMSGetErrorString: function () { return ""; },
  LMSGetDiagnostic: function () { return ""; }
};
</script></head><body><main><iframe id="sco" title="Course" src="index.html"></iframe></main></body></html>"""


@pytest.fixture
def served(scorm):
    """The package over HTTP, as an LMS serves it, with a stub LMS page beside it."""
    (scorm / "stub-lms.html").write_text(_LMS)
    handler = functools.partial(_QuietHandler, directory=str(scorm))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    (scorm / "stub-lms.html").unlink()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def test_scorm_start_page_reports_completion_to_the_lms(page, served):
    page.goto(f"{served}/stub-lms.html")
    frame = page.frame_locator("#sco")
    assert frame.locator("h1").text_content() == "Coordinated Case Planning"
    assert frame.locator("#lms-status").text_content() == "Your learning system has recorded this page as completed."
    assert page.evaluate("calls") == [["LMSInitialize", ""], ["LMSSetValue", "cmi.core.lesson_status", "completed"],
                                      ["LMSCommit", ""]]
    page.evaluate("document.getElementById('sco').remove()")  # the learner leaves the page
    assert page.evaluate("calls")[-1] == ["LMSFinish", ""]


def test_scorm_start_page_works_without_an_lms(page, scorm):
    page.goto((scorm / "index.html").as_uri())
    assert page.locator("h1").text_content() == "Coordinated Case Planning"
    assert page.locator("#lms-status").text_content() == ""
    assert page.locator("main a").count() >= 4
    assert violations(page) == []
