"""The catalog as HTML: one page for the state (or academy), one per county.

Static pages that work from disk and without JavaScript: every module and download is in
the markup, links are relative. A small script only adds the filter (county, module,
program, level), as progressive enhancement: the form is ``hidden`` until the script shows
it. Everything a county wrote is escaped. Markup is kept lean so that 58 counties with a few
dozen modules each stay a page a browser opens at once.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..outputs import atomic_output
from ..wording import LEVEL_NAMES, duration_text
from .catalog import CountyListing, Download, ModuleEntry, PacketsSection, Section, read_catalog
from .catalog_assets import FILTER_SCRIPT, STYLE
from .session_catalog import upcoming_html, upcoming_sessions

TITLE = "Linkages training packets"
_INTRO = ("Co-branded packets for Child Welfare Services and CalWORKs co-facilitators, in teaching order: "
          "basics first, never before a prerequisite. The facilitator packet is for the two co-facilitators; "
          "participant packets are for staff; Common Cartridge and SCORM packages, where built, bring the "
          "participant material into a learning management system.")
_PROGRAMS = {"cws": "Child Welfare Services", "calworks": "CalWORKs"}


def write_catalog(out: Path, order: tuple[str, ...] = (), today: date | None = None) -> Path:
    """Write ``out/index.html`` and each county's ``out/<county>/index.html`` from what is on
    disk, session packets on or after ``today`` first as upcoming sessions; a page whose bytes
    would not change is left alone (a rebuild touches nothing)."""
    upcoming = upcoming_sessions(out, today) if today is not None else []
    listings = read_catalog(out, order, upcoming)
    target = out / "index.html"
    _write_if_changed(target, index_page(listings, upcoming))
    for listing in listings:
        _write_if_changed(out / listing.slug / "index.html", county_page(listing))
    return target


def _write_if_changed(target: Path, html: str) -> None:
    data = html.encode("utf-8")
    if not target.is_file() or target.read_bytes() != data:
        with atomic_output(target) as stream:
            stream.write(data)


def index_page(listings: list[CountyListing], upcoming: list[dict[str, Any]] | None = None) -> str:
    """Every county: a jump list, the state's upcoming sessions by date, then each county's
    modules."""
    parts = [_head(TITLE), "<header>", f"<h1>{TITLE}</h1>", f"<p>{_INTRO}</p>", "</header>"]
    if listings:
        parts.append('<nav aria-labelledby="jump"><h2 id="jump">Counties</h2><ul class="jump">')
        parts += [f'<li><a href="#c-{escape(c.slug)}">{escape(c.name)}</a></li>' for c in listings]
        parts.append("</ul></nav>")
    parts.append("<main>")
    parts += upcoming_html(upcoming or [])
    if any(listing.modules for listing in listings):
        parts.append(_filter_form(listings))
    for listing in listings:
        slug = escape(listing.slug)
        parts.append(f'<section class="county" id="c-{slug}" aria-labelledby="h-{slug}" data-s="{_words(listing)}">'
                     f'<h2 id="h-{slug}">{escape(listing.name)}</h2>'
                     f'<p><a href="{quote(listing.slug)}/index.html">{escape(listing.name)}\'s own page</a>'
                     f" (to link for county staff)</p>")
        parts += [_section(section, listing, "", 3, False) for section in listing.sections]
        parts.append("</section>")
    if not listings:
        parts.append("<p>No packets have been built yet.</p>")
    parts.append(_tail())
    return "\n".join(parts)


def county_page(listing: CountyListing) -> str:
    """One county's page, to link from the county's own intranet."""
    name = escape(listing.name)
    parts = [_head(f"{listing.name}: {TITLE}"), "<header>",
             '<nav aria-label="Catalog"><a href="../index.html">All counties</a></nav>',
             f"<h1>{name}: {TITLE}</h1>", f"<p>{_INTRO}</p>", "</header>", "<main>",
             _filter_form([listing])]
    parts += [f'<section class="county" aria-label="{name}" data-s="{_words(listing)}">'] + \
        [_section(section, listing, f"{listing.slug}/", 2, True) for section in listing.sections] + ["</section>"]
    parts.append(_tail())
    return "\n".join(parts)


def _words(listing: CountyListing) -> str:
    """What a county is searched by: its name, slug and its names for the programs."""
    return escape(" ".join([listing.name, listing.slug, *listing.program_names]).lower())


def _head(title: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>")


def _tail() -> str:
    return f"</main>\n<footer><p>Made by curriculum-kit.</p></footer>\n<script>{FILTER_SCRIPT}</script>\n</body>\n</html>\n"


def _filter_form(listings: list[CountyListing]) -> str:
    levels = sorted({m.level for c in listings for m in c.modules if m.level in LEVEL_NAMES},
                    key=list(LEVEL_NAMES).index)
    options = "".join(f'<option value="{level}">{LEVEL_NAMES[level]}</option>' for level in levels)
    programs = "".join(f'<option value="{key}">{name}</option>' for key, name in _PROGRAMS.items())
    return ('<form id="ck-filter" class="filter" role="search" aria-label="Filter modules" hidden>'
            '<div><label for="ck-q">County, module, program or level</label>'
            '<input id="ck-q" type="search" autocomplete="off" spellcheck="false"></div>'
            f'<div><label for="ck-level">Level</label><select id="ck-level"><option value="">All levels</option>{options}'
            '</select></div><div><label for="ck-program">Program</label><select id="ck-program">'
            f'<option value="">Both programs</option>{programs}</select></div>'
            '<p id="ck-count" role="status"></p></form>')


def _section(section: Section, listing: CountyListing, strip: str, level: int, checksums: bool) -> str:
    if isinstance(section, PacketsSection):
        return _packets(section, listing, strip, level, checksums)
    if level > 2:  # the state's page lists every county's sessions in one table, by date
        return ""
    sessions = [{**s, "packets": [{**p, "href": p["href"].removeprefix(strip)} for p in s["packets"]]}
                for s in section.sessions]
    return "\n".join(upcoming_html(sessions))


def _packets(section: PacketsSection, listing: CountyListing, strip: str, level: int, checksums: bool) -> str:
    rows = [_row(position, module, listing, strip, checksums) for position, module in enumerate(section.modules, 1)]
    return (f"<h{level}>{escape(section.heading)}</h{level}>\n<table>"
            "<caption>In teaching order: level, then prerequisites</caption><thead><tr>"
            '<th scope="col">Order</th><th scope="col">Module</th><th scope="col">Level and length</th>'
            '<th scope="col">Versions</th><th scope="col">Downloads</th></tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>")


def _row(position: int, module: ModuleEntry, listing: CountyListing, strip: str, checksums: bool) -> str:
    level = LEVEL_NAMES.get(module.level, "")
    # the title is searched from the row's text; these are the words a row does not show
    search = " ".join([module.module_id, *(_PROGRAMS.get(p, p) for p in module.programs)]).lower()
    length = " · ".join(filter(None, [level, duration_text(module.duration_minutes) if module.duration_minutes else ""]))
    title = escape(module.title)
    if module.thumbnail:
        image = (f'<img src="{_href(module.thumbnail, strip)}" alt="Title slide of {title}" width="160" '
                 'height="90" loading="lazy">')
        title = (f'<a class="thumb" href="{_href(module.review, strip)}">{image}<span class="visually-hidden">'
                 f"Review </span>{title}</a>" if module.review else f"{image}{title}")
    elif module.review:
        title = f'<a href="{_href(module.review, strip)}">{title}</a>'
    versions = (f"Module {escape(module.module_version)}<br>County {escape(module.overlay_version)}<br>"
                f"Built {escape(module.built_at[:10])}")
    return (f'<tr data-s="{escape(search)}" data-level="{escape(module.level)}" '
            f'data-programs="{escape(" ".join(module.programs))}"><td>{position}</td>'
            f'<th scope="row">{title}</th><td>{escape(length)}</td><td class="nowrap">{versions}</td>'
            f"<td>{_downloads(module, strip, checksums)}</td></tr>")


def _downloads(module: ModuleEntry, strip: str, checksums: bool) -> str:
    parts = []
    previous = ""
    if module.failure:
        parts.append(f'<p class="failed"><strong>Last build failed</strong> ({escape(module.failure.at[:10])}): '
                     f"{escape(module.failure.reason)}</p>")
        previous = "Previous version: "
    links = [_link(d, strip, checksums, previous) for d in module.packets]
    if module.exports:
        links.append("For a learning management system:" +
                     _list([_link(d, strip, checksums, previous) for d in module.exports]))
    parts.append(_list(links))
    return "".join(parts)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _link(download: Download, strip: str, checksums: bool, previous: str) -> str:
    text = f'<a href="{_href(download.href, strip)}">{previous}{escape(download.label)}</a> ({_size(download.size)})'
    if checksums and download.sha256:
        text += f"<br>SHA-256 <code>{escape(download.sha256)}</code>"
    return text


def _href(path: str | None, strip: str) -> str:
    path = path or ""
    return escape(quote(path.removeprefix(strip) if strip and path.startswith(strip) else path))


def _size(count: int) -> str:
    return f"{count / 1048576:.1f} MB" if count >= 1048576 else f"{max(count // 1024, 1)} KB"
