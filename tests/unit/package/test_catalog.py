"""The catalog: teaching order, per-county pages, failure marks, links that exist, escaping."""

from __future__ import annotations

import re
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from curriculum_kit.package.build_status import FAILURE, clear_failure, read_failure, record_failure
from curriculum_kit.package.catalog import read_catalog
from curriculum_kit.package.catalog_page import write_catalog
from tests.catalog_fixtures import fake_module_folder, fake_session_folder

HOSTILE = '<script>alert("x")</script> & "quotes" \'single\' <img src=x onerror=alert(1)>'


class _Page(HTMLParser):
    """Tags, links and text of a page, to check it without regular expressions over markup."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def row_titles(path: Path) -> list[str]:
    """Module titles in the order the page lists them (the row headers)."""
    html = path.read_text(encoding="utf-8")
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'<th scope="row">(.*?)</th>', html)]


def test_modules_are_listed_in_teaching_order_not_alphabetically(tmp_path):
    fake_module_folder(tmp_path, "alder-county", "advanced-topic", title="Advanced topic", level="advanced")
    fake_module_folder(tmp_path, "alder-county", "basics", title="Basics", level="orientation")
    fake_module_folder(tmp_path, "alder-county", "case-planning", title="Case planning", level="nuts-and-bolts",
                       prerequisites=("basics",))
    write_catalog(tmp_path, ("basics", "case-planning", "advanced-topic"))
    assert row_titles(tmp_path / "index.html") == ["Basics", "Case planning", "Advanced topic"]
    assert row_titles(tmp_path / "alder-county" / "index.html") == ["Basics", "Case planning", "Advanced topic"]
    # a module the order does not name (an old folder) comes last, by level
    fake_module_folder(tmp_path, "alder-county", "retired", title="Retired", level="orientation")
    write_catalog(tmp_path, ("basics", "case-planning", "advanced-topic"))
    assert row_titles(tmp_path / "index.html")[-1] == "Retired"


def test_every_link_of_both_pages_exists_and_is_relative(tmp_path):
    for slug in ("alder-county", "cypress-valley-county"):
        fake_module_folder(tmp_path, slug, "basics", roles=("facilitator", "participant-cws", "participant-calworks"),
                           exports=("IMS Common Cartridge 1.3",))
    write_catalog(tmp_path)
    for page_path in (tmp_path / "index.html", tmp_path / "alder-county" / "index.html"):
        page = parse(page_path)
        hrefs = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
        assert hrefs
        for href in hrefs:
            if href.startswith("#"):
                assert [a for t, a in page.tags if t == "section" and a["id"] == href[1:]], href
                continue
            assert "://" not in href and (page_path.parent / href).is_file(), href
    index = (tmp_path / "index.html").read_text()
    assert index.count('.zip"') == 6 and index.count('.imscc"') == 2
    assert "Participant packet, DCFS staff" in index and "Participant packet, ETA staff" in index
    county = (tmp_path / "alder-county" / "index.html").read_text()
    assert '<a href="../index.html">All counties</a>' in county and "SHA-256 <code>" in county
    assert "SHA-256" not in index  # the state-wide page stays small: checksums are on county pages


def test_a_failed_build_marks_the_previous_packets(tmp_path):
    folder = fake_module_folder(tmp_path, "alder-county", "basics", built_at="2026-01-01T00:00:00Z")
    record_failure(folder, "2026-02-03T04:05:06Z", "county_overlays/alder-county/logos/dcfs.png: the logo is "
                   "not a readable image\nsecond line")
    write_catalog(tmp_path)
    html = (tmp_path / "alder-county" / "index.html").read_text()
    assert ('<p class="failed"><strong>Last build failed</strong> (2026-02-03): county_overlays/alder-county/'
            "logos/dcfs.png: the logo is not a readable image</p>") in html
    assert ">Previous version: Facilitator packet</a>" in html
    assert "second line" not in html
    # the same failure again keeps its first date; a success clears the mark
    record_failure(folder, "2026-03-01T00:00:00Z", "county_overlays/alder-county/logos/dcfs.png: the logo is "
                   "not a readable image")
    assert read_failure(folder) == {"failed_at": "2026-02-03T04:05:06Z", "reason": "county_overlays/alder-county/"
                                    "logos/dcfs.png: the logo is not a readable image"}
    clear_failure(folder)
    assert not (folder / FAILURE).exists()
    write_catalog(tmp_path)
    assert "Last build failed" not in (tmp_path / "index.html").read_text()
    assert "Previous version" not in (tmp_path / "index.html").read_text()


def test_thumbnail_and_review_page_are_linked_only_when_they_exist(tmp_path):
    folder = fake_module_folder(tmp_path, "alder-county", "basics", title="Basics")
    write_catalog(tmp_path)
    assert "<img" not in (tmp_path / "index.html").read_text()
    manifest = (folder / "manifest.json").read_text().replace('"options"', '"thumbnail": "title-slide.png", "options"')
    (folder / "manifest.json").write_text(manifest)
    write_catalog(tmp_path)
    assert "<img" not in (tmp_path / "index.html").read_text(), "no picture file, no picture"
    (folder / "title-slide.png").write_bytes(b"\x89PNG stand-in")
    write_catalog(tmp_path)
    page = parse(tmp_path / "index.html")
    assert ("img", {"src": "alder-county/basics/title-slide.png", "alt": "Title slide of Basics", "width": "160",
                    "height": "90", "loading": "lazy"}) in page.tags
    assert not [a for t, a in page.tags if t == "a" and a.get("href", "").endswith("review.html")]
    (folder / "review.html").write_text("<!DOCTYPE html><title>review</title>")
    write_catalog(tmp_path)
    assert ("a", {"class": "thumb", "href": "basics/review.html"}) in parse(tmp_path / "alder-county" / "index.html").tags


def test_the_filter_is_progressive_enhancement(tmp_path):
    fake_module_folder(tmp_path, "alder-county", "basics")
    write_catalog(tmp_path)
    page = parse(tmp_path / "index.html")
    form = next(attrs for tag, attrs in page.tags if tag == "form")
    assert "hidden" in form and form["role"] == "search"  # shown by the script only
    labels = {attrs["for"] for tag, attrs in page.tags if tag == "label"}
    controls = {attrs["id"] for tag, attrs in page.tags if tag in ("input", "select")}
    assert controls == labels == {"ck-q", "ck-level", "ck-program"}
    row = next(attrs for tag, attrs in page.tags if tag == "tr" and "data-s" in attrs)
    assert row == {"data-s": "basics child welfare services calworks", "data-level": "orientation",
                   "data-programs": "cws calworks"}
    section = next(attrs for tag, attrs in page.tags if tag == "section")
    assert section["data-s"] == "alder county alder-county dcfs eta"


def test_county_provided_text_is_escaped_everywhere(tmp_path):
    folder = fake_module_folder(tmp_path, "alder-county", "basics", county=HOSTILE, title=HOSTILE,
                                programs={"cws": {"name": HOSTILE, "short_name": HOSTILE}},
                                roles=("facilitator", "participant-cws"), module_version=HOSTILE.replace("/", ""))
    record_failure(folder, "2026-01-01T00:00:00Z", HOSTILE)
    write_catalog(tmp_path)
    for path in (tmp_path / "index.html", tmp_path / "alder-county" / "index.html"):
        html = path.read_text(encoding="utf-8")
        assert "<img src=x" not in html and '<script>alert' not in html and "onerror=alert(1)>" not in html
        assert html.count("<script>") == 1  # the filter's own
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#x27;single&#x27;" in html
        page = parse(path)
        assert not [attrs for tag, attrs in page.tags if tag == "img" or "onerror" in attrs]


def test_rebuilding_the_catalog_with_nothing_changed_touches_nothing(tmp_path):
    for number in range(3):
        fake_module_folder(tmp_path, f"county-{number}", "basics")
    write_catalog(tmp_path)
    pages = sorted(tmp_path.rglob("index.html"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in pages}
    time.sleep(0.01)
    write_catalog(tmp_path)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in pages} == before
    assert len(pages) == 4


def test_statewide_catalog_stays_small(tmp_path):
    """58 counties x 30 modules with two participant packets and exports: under 2 MB."""
    for number in range(58):
        for module in range(30):
            fake_module_folder(tmp_path, f"county-{number:02d}", f"module-{module:02d}", county=f"County {number:02d}",
                               title=f"Linkages module number {module} with a title of typical length",
                               level=("orientation", "nuts-and-bolts", "advanced")[module % 3],
                               roles=("facilitator", "participant-cws", "participant-calworks"),
                               exports=("IMS Common Cartridge 1.3 (DCFS)", "SCORM 1.2 (DCFS)"), write_files=False)
    write_catalog(tmp_path)
    assert len(read_catalog(tmp_path)) == 58
    assert (tmp_path / "index.html").stat().st_size < 2 * 1024 * 1024


def test_upcoming_sessions_lead_the_state_page_and_their_county_page(tmp_path):
    fake_module_folder(tmp_path, "alder-county", "basics", county="Alder County")
    fake_module_folder(tmp_path, "cypress-county", "basics", county="Cypress County")
    for session, day in (("2027-core1-basics", "2027-01-08"), ("2026-core1-basics", "2026-01-08")):
        fake_session_folder(tmp_path, session, day)
    write_catalog(tmp_path, today=date(2026, 6, 1))
    index = (tmp_path / "index.html").read_text()
    assert index.count('<h2 id="upcoming">Upcoming sessions</h2>') == 1
    assert index.index("Upcoming sessions") < index.index('id="h-alder-county"')
    assert 'href="alder-county/sessions/2027-core1-basics/2027-core1-basics.zip"' in index
    assert "2026-core1-basics" not in index  # past
    county = (tmp_path / "alder-county" / "index.html").read_text()
    assert county.index("Upcoming sessions") < county.index("Training packets")
    assert 'href="sessions/2027-core1-basics/2027-core1-basics.zip"' in county
    assert "Upcoming sessions" not in (tmp_path / "cypress-county" / "index.html").read_text()
