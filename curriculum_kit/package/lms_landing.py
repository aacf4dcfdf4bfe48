"""The pages of an LMS package: the start page and one small page per segment.

The start page holds the module in the county's words, co-branded: both programs' names,
logos and colours at equal weight (lesson 3), the session's segments in order with their
times (time to connect included, lesson 8), each linking to its page, and links to every
document. A segment's page says when it is, for how long and what it is, and links back to
the start page and to the documents it uses. Everything the county or the module wrote is escaped; a colour that is not
``#RRGGBB`` is never put into a style. The SCORM package adds a script that reports
completion; without a learning management system the page reads the same.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from .lms import START_PAGE, Landing, Material, Segment

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a;"
    "background:#fff;line-height:1.45}a{color:#0a4f9e}a:focus-visible{outline:3px solid #b34700;outline-offset:2px}"
    ".brand{display:flex;gap:1rem;flex-wrap:wrap}.program{flex:1 1 14rem;border-top:6px solid #595959;"
    "padding:.5rem 0;display:flex;gap:.6rem;align-items:center}.program img{height:56px;width:auto}"
    ".program p{margin:0;font-weight:600}.county{color:#404040}"
)


def landing_html(landing: Landing, materials: tuple[Material, ...], script: str | None = None) -> str:
    """The page as text; ``script`` is the path of a script to load (SCORM), if any."""
    agenda = "".join(f'<li>{escape(s.when)}: <a href="{_href(s.page)}">{escape(s.title)}</a></li>'
                     for s in landing.agenda)
    links = "".join(f"<li>{_material(m)}</li>" for m in materials)
    parts = [
        *_head(f"{landing.title} — {landing.county}", landing, ""),
        f"<h1>{escape(landing.title)}</h1>",
        f'<p class="county">{escape(landing.county)} · {escape(landing.audience)}</p>',
    ]
    if landing.description:
        parts.append(f"<p>{escape(landing.description)}</p>")
    if landing.trainers:
        parts.append(f"<p>{escape(landing.trainers)}</p>")
    parts += ["<h2>The session</h2>", f"<ol>{agenda}</ol>", "<h2>Your materials</h2>", f"<ul>{links}</ul>",
              '<p id="lms-status" role="status"></p>', "</main>",
              f"<footer><p>{escape(landing.caption)}</p></footer>"]
    if script:
        parts.append(f'<script src="{_href(script)}"></script>')
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def segment_pages(landing: Landing, materials: tuple[Material, ...]) -> list[tuple[str, bytes]]:
    """(path, bytes) of every segment's page, in order."""
    return [(s.page, segment_html(s, landing, materials).encode("utf-8")) for s in landing.agenda]


def segment_html(segment: Segment, landing: Landing, materials: tuple[Material, ...]) -> str:
    """One segment's page: its time, length and kind, the way back, and the documents it uses
    (the agenda always; the handouts in a learning segment)."""
    up = "../" * segment.page.count("/")
    used = [m for m in materials
            if m.key == "agenda" or (segment.kind == "content" and m.key.startswith("handouts/"))]
    minutes = f"{segment.minutes} minute" + ("" if segment.minutes == 1 else "s")
    parts = [
        *_head(f"{segment.title} — {landing.title}", landing, up),
        f"<h1>{escape(segment.title)}</h1>",
        f'<p class="county">{escape(segment.when)} · {minutes} · {escape(landing.county)}</p>',
        f"<p>{escape(segment.about)}</p>",
    ]
    if used:
        parts += ["<h2>Documents</h2>", f'<ul>{"".join(f"<li>{_material(m, up)}</li>" for m in used)}</ul>']
    parts += [f'<p><a href="{_href(up + START_PAGE)}">Back to {escape(landing.title)}</a></p>', "</main>",
              f"<footer><p>{escape(landing.caption)}</p></footer>", "</body>\n</html>\n"]
    return "\n".join(parts)


def _head(title: str, landing: Landing, up: str) -> list[str]:
    """Everything up to the page's own heading; ``up`` leads from the page to the package's root."""
    brands = []
    for brand in landing.programs:
        color = brand.color if _COLOR.fullmatch(brand.color) else "#595959"
        logo = (f'<img src="{_href(up + brand.logo)}" alt="{escape(brand.short_name or brand.name)} logo">'
                if brand.logo and not up else "")  # a segment's resource holds only its page: names, no logos
        brands.append(f'<div class="program" style="border-top-color:{color}">{logo}'
                      f"<p>{escape(brand.name)}</p></div>")
    return ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>", f"<style>{_STYLE}</style>",
            "</head>\n<body>", f'<header class="brand">{"".join(brands)}</header>', "<main>"]


def _material(material: Material, up: str = "") -> str:
    first, *others = material.files
    alternatives = "".join(f'; <a href="{_href(up + path)}">{_kind(path)}</a>' for path in others)
    return f'<a href="{_href(up + first)}">{escape(material.title)}</a> ({_kind(first)}{alternatives})'


def _kind(path: str) -> str:
    return {".docx": "Word", ".pdf": "PDF", ".pptx": "PowerPoint"}.get(path[path.rfind("."):].lower(), "file")


def _href(path: str) -> str:
    return escape(quote(path))
