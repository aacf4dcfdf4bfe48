"""review.html: one county's packets for one module on one page, for sign-off in minutes.

Thumbnails of every page and slide (rendered from the build's PDFs with poppler's
pdftoppm, only when PDFs were built), each preflight finding beside the page it concerns,
and what terminology did. Plain HTML, no script, relative links; everything that came from
a county or a module is escaped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..outputs import atomic_output
from ..wording import and_list, count_text
from .issues import Issue

REVIEW = "review.html"
THUMBNAILS = "review"  # folder of page pictures beside review.html
THUMB_PIXELS = 240
_STYLE = """body{font-family:system-ui,sans-serif;max-width:75rem;margin:1.5rem auto;padding:0 1rem;color:#222}
.pages{display:flex;flex-wrap:wrap;gap:.75rem}figure{margin:0;width:15.5rem}figure img{border:1px solid #999;max-width:100%}
figcaption{font-size:.8rem}.finding{background:#fff4ce;border-left:4px solid #b35c00;padding:.2rem .4rem;margin:.2rem 0;font-size:.8rem}
.clean{color:#1e6b34}table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}"""


@dataclass
class ReviewDocument:
    name: str
    pages: list[str] = field(default_factory=list)  # thumbnail paths relative to review.html
    texts: list[str] = field(default_factory=list)  # each page's text, to place findings
    hidden: list[int] = field(default_factory=list)  # a deck's slides hidden from the show: not in its PDF

    @property
    def numbers(self) -> list[int]:
        """The page or slide number each thumbnail shows (a deck's PDF skips its hidden slides)."""
        shown = (number for number in range(1, len(self.pages) + len(self.hidden) + 1) if number not in self.hidden)
        return [number for number, _ in zip(shown, self.pages)]


def write_review(folder: Path, heading: str, documents: list[str], pdfs: Mapping[str, bytes],
                 findings: list[Issue], terminology: dict[str, Any], pdf_notice: str = "", depth: int = 2,
                 hidden: Mapping[str, list[int]] | None = None) -> Path:
    """Write ``folder/review.html`` (and its thumbnails when ``pdfs`` has the documents' PDFs);
    ``pdf_notice`` says what the thumbnails differ in from Word and PowerPoint (fonts);
    ``depth``: how many folders below the catalog's ``folder`` is (<county>/<module>: 2), the
    county's page being the first of them; ``hidden``: each deck's slides hidden from the
    slide show, which its PDF leaves out (the thumbnails after one were labelled a slide
    early, a finding set beside the wrong slide)."""
    reviewed = [_render(folder, name, pdfs.get(name), (hidden or {}).get(name, [])) for name in documents]
    parts = ["<!DOCTYPE html>", '<html lang="en">',
             '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>Review: {escape(heading)}</title><style>{_STYLE}</style></head><body>",
             # the way back to the county's page and the catalog, and one main landmark (for a
             # screen reader's "skip to main")
             f'<nav><a href="{"../" * (depth - 1)}index.html">This county\'s packets</a> · '
             f'<a href="{"../" * depth}index.html">All counties</a></nav>',
             f"<main><h1>Review: {escape(heading)}</h1>"]
    count = len(findings)
    parts.append('<p class="clean">Preflight found nothing to fix.</p>' if not count else
                 f"<p><strong>{count_text(count, 'preflight finding')}</strong>, each beside the page it "
                 "concerns; each says how to fix it.</p>")
    if count:  # where to look first
        parts.append("<ul>" + "".join(
            f'<li><a href="#doc-{index}">{escape(document.name)}</a>: {len(mine)} finding{"s" * (len(mine) != 1)}</li>'
            for index, document in enumerate(reviewed)
            if (mine := [issue for issue in findings if issue.file == document.name])) + "</ul>")
    if pdf_notice:
        parts.append(f'<p class="finding">{escape(pdf_notice)}</p>')
    parts += _terminology(terminology)
    for index, document in enumerate(reviewed):
        parts.append(f'<span id="doc-{index}"></span>')
        parts += _document(document, [issue for issue in findings if issue.file == document.name])
    parts += ["</main></body></html>", ""]
    target = folder / REVIEW
    with atomic_output(target) as stream:
        stream.write("\n".join(parts).encode("utf-8"))
    return target


def _render(folder: Path, name: str, pdf: bytes | None, hidden: list[int]) -> ReviewDocument:
    document = ReviewDocument(name, hidden=hidden)
    if pdf is None or (tool := shutil.which("pdftoppm")) is None:  # without PDFs, no tool is looked for
        return document
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", name.rsplit(".", 1)[0])
    out = folder / THUMBNAILS
    out.mkdir(parents=True, exist_ok=True)
    # pdftoppm names pages STEM-1.png, STEM-01.png …: a glob 'STEM-*' also took another
    # document's pages ('handout-x' took 'handout-x-es-1.png')
    own_page = re.compile(re.escape(stem) + r"-\d+\.png")
    for old in out.iterdir():
        if own_page.fullmatch(old.name):
            old.unlink()
    with tempfile.TemporaryDirectory(prefix="ck-review-") as temp:
        source = Path(temp) / "document.pdf"
        source.write_bytes(pdf)
        subprocess.run([tool, "-png", "-scale-to", str(THUMB_PIXELS), str(source), str(out / stem)],
                       capture_output=True, check=False, timeout=300)
        text = shutil.which("pdftotext")
        if text:
            result = subprocess.run([text, str(source), "-"], capture_output=True, check=False, timeout=300)
            document.texts = [" ".join(page.split()) for page in result.stdout.decode("utf-8", "replace").split("\f")]
    pictures = sorted((p for p in out.iterdir() if own_page.fullmatch(p.name)), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    document.pages = [f"{THUMBNAILS}/{picture.name}" for picture in pictures]
    return document


def _page_of(issue: Issue, document: ReviewDocument) -> int | None:
    """The page (1-based) a finding concerns: a slide's number, else the one page whose text
    holds the words the finding quotes; None (the finding goes above the pages) when several
    do — a table's word 'Program' sat beside the cover, which said it too."""
    slide = re.match(r"slide (\d+)\b", issue.place)
    if slide and not issue.place.startswith(f"slide {slide.group(1)} notes"):
        number = int(slide.group(1))
        return document.numbers.index(number) + 1 if number in document.numbers else None
    quoted = re.search(r"'([^']{4,})'", issue.message)
    if quoted:
        words = " ".join(quoted.group(1).rstrip("…").split())
        pages = [number for number, text in enumerate(document.texts, start=1) if words in text]
        return pages[0] if len(pages) == 1 else None
    return None


def _finding(issue: Issue) -> str:
    return (f'<div class="finding">{escape(issue.place)}: {escape(issue.message)}. '
            f"<em>Fix:</em> {escape(issue.fix)}</div>")


def _document(document: ReviewDocument, findings: list[Issue]) -> list[str]:
    parts = [f"<h2>{escape(document.name)}</h2>"]
    by_page: dict[int | None, list[Issue]] = {}
    for issue in findings:
        page = _page_of(issue, document) if document.pages else None
        by_page.setdefault(page if page and page <= len(document.pages) else None, []).append(issue)
    parts += [_finding(issue) for issue in by_page.get(None, [])]
    if not document.pages:
        parts.append("<p>No thumbnails (build with PDFs to see every page here).</p>")
        return parts
    if document.hidden:
        parts.append(f"<p>Hidden from the slide show, so not pictured: "
                     f"{and_list([f'slide {number}' for number in document.hidden])}.</p>")
    parts.append('<div class="pages">')
    noun = "slide" if document.name.lower().endswith((".pptx", ".pptm")) else "page"
    for page, (number, picture) in enumerate(zip(document.numbers, document.pages), start=1):
        parts.append(f'<figure><img src="{escape(picture)}" alt="{noun} {number} of {escape(document.name)}" '
                     f'loading="lazy"><figcaption>{noun} {number}'
                     + "".join(_finding(issue) for issue in by_page.get(page, [])) + "</figcaption></figure>")
    parts.append("</div>")
    return parts


def _terminology(terminology: dict[str, Any]) -> list[str]:
    occurrences: dict[str, int] = terminology.get("occurrences", {})
    misses: list[dict[str, str]] = terminology.get("near_miss_places", [])
    parts = ["<h2>Terminology</h2>",
             f"<p>{count_text(sum(occurrences.values()), 'replacement')} of {count_text(len(occurrences), 'term')}; "
             f"{count_text(len(misses), 'near miss', 'near misses')}"
             f"{' (the county’s wording did not reach these: look at each)' if misses else ''}.</p>"]
    if misses:
        parts.append('<table><thead><tr><th scope="col">Document</th><th scope="col">Place</th>'
                     '<th scope="col">Term</th><th scope="col">Found</th><th scope="col">Why not replaced</th>'
                     "</tr></thead><tbody>")
        parts += [f"<tr><td>{escape(m['document'])}</td><td>{escape(m['place'])}</td><td>{escape(m['term'])}</td>"
                  f"<td>{escape(m['text'])}</td><td>{escape(m['reason'])}</td></tr>" for m in misses]
        parts.append("</tbody></table>")
    if occurrences:
        parts.append("<details><summary>Each term and how often it was replaced</summary>"
                     '<table><thead><tr><th scope="col">Term</th><th scope="col">Replaced</th></tr></thead><tbody>')
        parts += [f"<tr><td>{escape(term)}</td><td>{count}</td></tr>"
                  for term, count in sorted(occurrences.items(), key=lambda item: (-item[1], item[0]))]
        parts.append("</tbody></table></details>")
    never = terminology.get("never_found", [])
    if never:
        parts.append(f"<p>Never found in this module: {escape(', '.join(never))}</p>")
    return parts
