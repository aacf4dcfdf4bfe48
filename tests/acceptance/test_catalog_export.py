"""`export` and `build --export` on the samples, and what the catalog shows after a failed
rebuild, end to end through the CLI."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from curriculum_kit.agenda import clock, session_agenda
from curriculum_kit.formats.library import Library
from curriculum_kit.ooxml.matcher import compiled_matcher
from tests.acceptance.conftest import build_args, run

HOSTILE = '<script>alert("x")</script> & \'Co\''


def export_args(root: Path, out: Path, *extra: str) -> list[str]:
    return ["export", "alder-county", "--module", "linkages-orientation", "--no-pdf", "--out", str(out),
            "--modules", str(root / "base_modules"), "--overlays", str(root / "county_overlays"), *extra]


def unpack(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def check_manifest(files: dict[str, bytes]) -> etree._Element:
    """Parses; every file of the package is referenced once and every reference is a file."""
    manifest = etree.fromstring(files["imsmanifest.xml"])
    referenced = sorted(unquote(e.get("href")) for e in manifest.iter() if etree.QName(e).localname == "file")
    assert referenced == sorted(n for n in files if n != "imsmanifest.xml")
    return manifest


def test_export_writes_common_cartridge_and_scorm_per_participant_packet(samples, tmp_path):
    result = run(export_args(samples, tmp_path / "lms"))
    assert result.exit_code == 0, result.output
    stem = "alder-county_linkages-orientation_participant-{}_module-1.3.0_overlay-2.1.0"
    names = [f"{stem.format(p)}{ending}" for p in ("cws", "calworks") for ending in (".imscc", "_scorm12.zip")]
    assert result.output.splitlines() == [f"Wrote {tmp_path / 'lms' / name}" for name in names]
    again = run(export_args(samples, tmp_path / "again"))
    assert again.exit_code == 0
    for name in names:
        assert (tmp_path / "lms" / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
        files = unpack(tmp_path / "lms" / name)
        check_manifest(files)
        start = files["index.html"].decode()
        assert "Alder County Department of Children and Family Services" in start
        assert "Alder County Employment and Temporary Assistance" in start
        assert {"agenda.docx", "local-contacts.docx", "org-chart.docx", "handouts/handout-roles-at-a-glance.docx",
                "logos/cws.png", "logos/calworks.png"} <= set(files)
        _check_segments(samples, files)
    cws = unpack(tmp_path / "lms" / names[0])["index.html"].decode()
    assert "Alder County · For DCFS staff" in cws
    assert ("<p>Co-facilitated by one trainer of each program: Maria Lopez, Terrence Oduya (DCFS); "
            "Luis Ortega, Hannah Kessler (ETA).</p>") in cws
    only_cc = run(export_args(samples, tmp_path / "cc", "--format", "cc"))
    assert [line.rsplit("/", 1)[1] for line in only_cc.output.splitlines()] == [names[0], names[2]]


def _check_segments(samples: Path, files: dict[str, bytes]) -> None:
    """The organization lists the session agenda's items in order, in the county's words, after
    *Start here*; each is a page of its own giving the agenda document's times."""
    library = Library.load(samples / "base_modules", samples / "county_overlays")
    module, overlay = library.module("linkages-orientation"), library.overlay("alder-county")
    words = compiled_matcher(overlay.terms)
    agenda = session_agenda(module)
    manifest = check_manifest(files)
    items = [e for e in manifest.iter() if etree.QName(e).localname == "item" and e.get("identifierref")]
    titles = [next(c.text for c in item if etree.QName(c).localname == "title") for item in items]
    assert titles[:len(agenda) + 1] == ["Start here", *(words.replace(a.title) for a in agenda)]
    assert titles[len(agenda) + 1] == "Session agenda"
    pages = sorted(name for name in files if name.startswith("segments/"))
    assert len(pages) == len(agenda) and pages[0] == "segments/01-segment-1-welcome-introductions-and.html"
    assert pages[2] == "segments/03-segment-3-who-we-are-child-welfare.html", "paths from the module's words"
    assert titles[3] == "Segment 3: Who We Are: Department of Children and Family Services", "titles in the county's"
    last = files[pages[-1]].decode()
    assert f"{clock(agenda[-1].start, *module.start_time)} – {clock(agenda[-1].end, *module.start_time)}" in last


def test_export_names_an_unknown_county_or_module(samples, tmp_path):
    result = run(["export", "nowhere", "--module", "linkages-orientation", "--out", str(tmp_path),
                  "--modules", str(samples / "base_modules"), "--overlays", str(samples / "county_overlays")])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no overlay 'nowhere' in {samples / 'county_overlays'} (known: alder-county, "
                             "california-statewide, cypress-valley-county, manzanita-county, "
                             "sierra-foothills-region)\n")
    result = run(["export", "alder-county", "--module", "orientation", "--out", str(tmp_path),
                  "--modules", str(samples / "base_modules"), "--overlays", str(samples / "county_overlays")])
    assert result.exit_code == 1 and result.stderr.startswith("Error: no module 'orientation' in ")
    assert not list(tmp_path.iterdir())


def test_export_of_a_module_whose_module_toml_is_invalid_names_the_problem(samples, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(samples, root)
    toml = root / "base_modules" / "linkages-orientation" / "module.toml"
    toml.write_text(re.sub(r"(?m)^programs = .*$", "programs = []", toml.read_text(encoding="utf-8")), encoding="utf-8")
    result = run(export_args(root, tmp_path / "out"))
    assert result.exit_code == 1
    assert re.fullmatch(rf"Error: {re.escape(str(toml))}:\d+: 'programs' must list one or both of cws, calworks, "
                        r"not \[\]\n", result.stderr), result.stderr


def test_export_is_never_written_into_the_folders_read(samples, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(samples, root)
    module = root / "base_modules" / "linkages-orientation"
    result = run(["export", "alder-county", "--module", "linkages-orientation", "--no-pdf", "--out", str(module),
                  "--modules", str(root / "base_modules"), "--overlays", str(root / "county_overlays")])
    assert result.exit_code == 1 and result.stderr == (f"Error: {module}: --out lies inside {root / 'base_modules'}, "
                                                       "which curriculum-kit only reads; write it elsewhere\n")
    assert not list(module.glob("*.imscc")) and not list(module.glob("*scorm*"))


def test_an_export_that_cannot_be_written_leaves_none_of_the_others(samples, tmp_path):
    out = tmp_path / "lms"
    assert run(export_args(samples, out)).exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    shutil.rmtree(out)
    (out / names[-1]).mkdir(parents=True)  # a folder where the last package goes
    result = run(export_args(samples, out))
    assert result.exit_code == 1 and result.stderr.endswith(f"{names[-1]}: is a folder; name a file to write\n")
    assert [p.name for p in out.iterdir()] == [names[-1]]


def test_build_export_puts_the_packages_beside_the_packets_and_in_the_catalog(samples, tmp_path):
    out = tmp_path / "dist"
    args = build_args(samples, out, "--no-pdf", "--county", "alder-county", "--module", "coordinated-case-planning")
    assert run([*args, "--export"]).exit_code == 0
    folder = out / "alder-county" / "coordinated-case-planning"
    manifest = json.loads((folder / "manifest.json").read_text())
    exports = {e["label"]: e["file"] for e in manifest["exports"]}
    assert list(exports) == ["Common Cartridge 1.3", "SCORM 1.2"]
    for entry in manifest["exports"]:
        assert hashlib.sha256((folder / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    index = (out / "index.html").read_text()
    for file in exports.values():
        assert f'<a href="alder-county/coordinated-case-planning/{file}">' in index
    assert "0 built, 1 up to date" in run([*args, "--export"]).output
    assert "1 built" in run(args).output  # without --export the packages go, and the links with them
    assert not list(folder.glob("*.imscc")) and not list(folder.glob("*_scorm12.zip"))
    assert ".imscc" not in (out / "index.html").read_text()


def test_a_failed_rebuild_keeps_the_previous_packets_under_a_mark(samples, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(samples, root)
    out = tmp_path / "dist"
    args = build_args(root, out, "--no-pdf", "--module", "coordinated-case-planning")
    assert run(args).exit_code == 0
    folder = out / "alder-county" / "coordinated-case-planning"
    packets = sorted(p.name for p in folder.glob("*.zip"))
    logo = root / "county_overlays" / "alder-county" / "logos" / "dcfs.png"
    good = logo.read_bytes()
    logo.write_text("not an image")
    result = run(args)
    assert result.exit_code == 1
    assert sorted(p.name for p in folder.glob("*.zip")) == packets
    failure = json.loads((folder / "last-failure.json").read_text())
    assert failure["failed_at"] == "2026-01-01T00:00:00Z" and "logo is not a readable image" in failure["reason"]
    for page in (out / "index.html", out / "alder-county" / "index.html"):
        html = page.read_text()
        assert '<p class="failed"><strong>Last build failed</strong> (2026-01-01): ' in html
        assert "logo is not a readable image" in html
        assert html.count(">Previous version: ") == len(packets)
    assert "Last build failed" not in (out / "manzanita-county" / "index.html").read_text()
    logo.write_bytes(good)
    assert run(args).exit_code == 0
    assert not (folder / "last-failure.json").exists()
    assert "Last build failed" not in (out / "index.html").read_text()


def test_what_a_county_writes_is_escaped_in_catalog_and_exports(samples, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(samples, root)
    toml = root / "county_overlays" / "alder-county" / "overlay.toml"
    quoted = json.dumps(HOSTILE)  # a TOML basic string is written like a JSON one
    text = toml.read_text().replace('county = "Alder County"', f"county = {quoted}")
    text = text.replace('short_name = "DCFS"', f"short_name = {quoted}")
    toml.write_text(text.replace('name = "Maria Lopez"', f"name = {json.dumps('Maria <b>Lopez</b>')}"))
    out = tmp_path / "dist"
    result = run(build_args(root, out, "--no-pdf", "--county", "alder-county", "--module", "linkages-orientation",
                            "--export"))
    assert result.exit_code == 0, result.output
    for page in (out / "index.html", out / "alder-county" / "index.html"):
        html = page.read_text()
        assert "<script>alert" not in html and html.count("<script>") == 1
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;" in html
    folder = out / "alder-county" / "linkages-orientation"
    packages = [*folder.glob("*.imscc"), *folder.glob("*_scorm12.zip")]
    assert len(packages) == 4
    for package in packages:
        files = unpack(package)
        manifest = check_manifest(files)
        assert any(e.text and HOSTILE in e.text for e in manifest.iter())
        start = files["index.html"].decode()
        assert "<script>alert" not in start and "<b>Lopez</b>" not in start and "Maria &lt;b&gt;Lopez" in start
        segments = [files[name].decode() for name in files if name.startswith("segments/")]
        assert segments and all("<script" not in page and "· &lt;script&gt;alert(&quot;x&quot;)" in page
                                for page in segments), "the county's name on every segment's page, escaped"
