"""The one-page attendance summary a county manager opens: HTML with an inline SVG chart.

HTML, not Word: it opens from a shared drive or an e-mail attachment in any browser with
no macro or protected-view prompt, prints on one page, and its chart stays sharp at any
zoom. No JavaScript and no external file: the page is complete on its own. Each bar has a
tooltip (an SVG <title>) and the chart a text description for screen readers (Section 508).
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from ..formats.programs import CALWORKS, CWS, PROGRAMS
from ..wording import count_text
from .attendance_files import cohort
from .plan_attendance import plan_follow_ups

ROW, LABEL, BARS, WIDTH = 14, 330, 300, 760  # chart geometry in pixels
LIST_LIMIT = 10  # longer lists are cut here; the CSV files have them whole
FLAG_FILL = "#FDE7E4"
STYLE = """
body { font: 13px/1.35 Calibri, 'Segoe UI', Arial, sans-serif; color: #222; max-width: 800px; margin: 16px auto; }
h1 { font-size: 20px; margin: 0; } h2 { font-size: 14px; margin: 14px 0 4px; }
.sub { color: #555; margin: 2px 0 10px; }
.figures { display: flex; gap: 8px; } .figures div { flex: 1; border: 1px solid #ccc; border-radius: 4px; padding: 6px; }
.figures b { display: block; font-size: 20px; }
.lists { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 18px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { text-align: left; padding: 1px 4px; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
td.when { white-space: nowrap; }
.more, footer { color: #666; font-size: 11px; } .warn { color: #A32A1B; }
svg { max-width: 100%; height: auto; } details { margin: 4px 0; }
@media (max-width: 600px) { .lists { grid-template-columns: 1fr; } .figures { flex-wrap: wrap; } }
@media print { body { margin: 0; zoom: 0.8; } @page { size: letter; margin: 0.4in; } details { display: none; } }
"""


def attendance_html(data: dict[str, Any], county: str, colors: dict[str, str], titles: dict[str, str]) -> str:
    """The summary page of :func:`.attendance_files.attendance_json`'s ``data``."""
    labels = data["programs"]
    as_of = date.fromisoformat(data["as_of"])
    title = f"Linkages attendance — {county}, as of {_long(as_of)}"
    source = data["source"]
    parts = [
        f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>",
        f"<h1>{escape(title)}</h1>",
        f"<p class=\"sub\">Do both programs' staff come to Linkages training together, and who needs it next? "
        f"From {escape(source['path'])}: {count_text(source['rows'], 'row')}, "
        f"{count_text(source['attendances'], 'attendance')}.</p>",
        _figures(data),
        "<h2>Attendance by program per session</h2>",
        _chart(data, colors, titles),
        _chart_table(data, titles),
        "<div class=\"lists\">",
        _section("Sessions to follow up", ["Date", "Module", "Why"],
                 [[s["date"], titles.get(s["module"], s["module"]) + cohort(s, data["sessions"]), s["note"]]
                  for s in data["sessions"] if s["flag"]],
                 "every session had both programs", when=0),
        _section("New hires without the orientation", ["Name", "Program", "Since"],
                 [[p["name"], labels[p["program"]], f"{p['basis']} {p['since']}"]
                  for p in data["new_hires_without_orientation"]], "none", when=2),
        _section("Refreshers overdue or due within 3 months", ["Name", "Module", "Due"],
                 [[r["name"], titles.get(r["module"], r["module"]),
                   f"{'overdue since' if r['status'] == 'overdue' else 'due'} {r['due']}"] for r in data["refreshers"]],
                 "none", when=2),
        *([_section("The plan: sessions to follow up", ["Date", "Session", "What"], plan_follow_ups(data["plan"]),
                    "every planned session was held as planned", when=0)] if "plan" in data else []),
        _section("Rows not counted or read in part", ["Line", "Problem"],
                 [[str(w["line"] or ""), w["message"]] for w in data["warnings"]], "none", when=0),
        "</div>\n</main>",
        f"<footer><p>Flagged: a session attended by one program only, or where one program had under "
        f"{data['threshold']:.0%} of the attendees (lesson 1). New hire: hired in the 12 months before "
        f"{as_of}, or first seen then when there is no hire date. Duplicates counted once: {source['duplicates']}. "
        f"Sign-in file sha256 {source['sha256'][:16]}…; modules "
        f"{', '.join(m['id'] + ' ' + m['version'] for m in data['modules'])}; "
        f"curriculum-kit {data['tool']['version']}. Full lists: sessions.csv, people.csv, refreshers.csv.</p>"
        "</footer>\n</body>\n</html>\n",
    ]
    return "\n".join(parts)


def _figures(data: dict[str, Any]) -> str:
    sessions = data["sessions"]
    flagged = sum(1 for s in sessions if s["flag"])
    people = data["people"]
    labels = data["programs"]
    by_program = " · ".join(f"{sum(p['program'] == key for p in people)} {labels[key]}" for key in PROGRAMS)
    overdue = sum(r["status"] == "overdue" for r in data["refreshers"])
    boxes = [(len(sessions), "sessions", f"{flagged} to follow up"), (len(people), "people", by_program),
             (len(data["new_hires_without_orientation"]), "new hires", "without the orientation"),
             (overdue, "refreshers overdue", f"{len(data['refreshers']) - overdue} due within 3 months")]
    return "<div class=\"figures\">" + "".join(
        f"<div><b>{number}</b>{escape(label)}<br><span class=\"more\">{escape(note)}</span></div>"
        for number, label, note in boxes) + "</div>"


def _chart(data: dict[str, Any], colors: dict[str, str], titles: dict[str, str]) -> str:
    """Stacked bars, one per session: CWS staff then CalWORKs staff; flagged sessions shaded."""
    sessions = data["sessions"]
    labels = data["programs"]
    widest = max(s["total"] for s in sessions)
    scale = BARS / widest
    height = 24 + ROW * len(sessions)
    flagged = sum(1 for s in sessions if s["flag"])
    rows = []
    for index, s in enumerate(sessions):
        y = 24 + index * ROW
        name, which = titles.get(s["module"], s["module"]), cohort(s, sessions)  # the cohort first: labels are cut
        tip = f"{s['date']}{which} {name}: {s[CWS]} {labels[CWS]}, {s[CALWORKS]} {labels[CALWORKS]}"
        shade = f'<rect x="0" y="{y}" width="{WIDTH}" height="{ROW}" fill="{FLAG_FILL}"/>' if s["flag"] else ""
        label = _short(f"{_long(date.fromisoformat(s['date']))}{which} · {name}", 52)
        first = s[CWS] * scale
        rows.append(
            f'<g><title>{escape(tip + (" — " + s["note"] if s["note"] else ""))}</title>{shade}'
            f'<text x="{LABEL - 6}" y="{y + ROW - 4}" text-anchor="end"{_warn(s)}>{escape(label)}</text>'
            f'<rect x="{LABEL}" y="{y + 2}" width="{first:.1f}" height="{ROW - 4}" fill="{colors[CWS]}"/>'
            f'<rect x="{LABEL + first:.1f}" y="{y + 2}" width="{s[CALWORKS] * scale:.1f}" height="{ROW - 4}" '
            f'fill="{colors[CALWORKS]}"/>'
            f'<text x="{LABEL + s["total"] * scale + 5:.1f}" y="{y + ROW - 4}"{_warn(s)}>'
            f'{s[CWS]} · {s[CALWORKS]}</text></g>')
    legend = "".join(
        f'<rect x="{x}" y="6" width="12" height="12" fill="{fill}"/><text x="{x + 16}" y="16">{escape(text)}</text>'
        for x, fill, text in ((LABEL, colors[CWS], f"{labels[CWS]} staff"),
                              (LABEL + 110, colors[CALWORKS], f"{labels[CALWORKS]} staff"),
                              (LABEL + 220, FLAG_FILL, "shaded: to follow up")))
    description = (f"{count_text(len(sessions), 'session')} from {sessions[0]['date']} to {sessions[-1]['date']}; {flagged} "
                   "attended by one program only or with one program under the threshold share.")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" font-size="11" font-family="Calibri, Arial, sans-serif">'
            f'<title>Attendance by program per session</title><desc>{escape(description)}</desc>'
            f'{legend}{"".join(rows)}</svg>')


def _chart_table(data: dict[str, Any], titles: dict[str, str]) -> str:
    """The chart's numbers as a table, folded under it: what a screen reader can read (the
    chart is one picture to it), with each module's whole title (the chart cuts them)."""
    labels = data["programs"]
    head = "".join(f"<th scope=\"col\">{escape(c)}</th>" for c in ("Date", "Module", f"{labels[CWS]} staff",
                                                                    f"{labels[CALWORKS]} staff", "Follow up"))
    rows = "".join(f"<tr><td class=\"when\">{escape(s['date'])}</td>"
                   f"<td>{escape(titles.get(s['module'], s['module']) + cohort(s, data['sessions']))}</td>"
                   f"<td>{s[CWS]}</td><td>{s[CALWORKS]}</td><td>{escape(s['note'])}</td></tr>" for s in data["sessions"])
    return f"<details><summary>The chart as a table</summary><table><tr>{head}</tr>{rows}</table></details>"


def _section(heading: str, columns: list[str], rows: list[list[str]], empty: str, when: int) -> str:
    """A short table under a heading; column ``when`` (a date or line) never wraps."""
    if not rows:
        return f"<section><h2>{escape(heading)}</h2><p class=\"more\">{escape(empty)}</p></section>"
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    nowrap = ' class="when"'
    body = "".join("<tr>" + "".join(f"<td{nowrap * (i == when)}>{escape(cell)}</td>" for i, cell in enumerate(row))
                   + "</tr>" for row in rows[:LIST_LIMIT])
    more = (f"<p class=\"more\">and {len(rows) - LIST_LIMIT} more (see the CSV files)</p>"
            if len(rows) > LIST_LIMIT else "")
    return (f"<section><h2>{escape(heading)} ({len(rows)})</h2><table><tr>{head}</tr>{body}</table>"
            f"{more}</section>")


def _warn(session: dict[str, Any]) -> str:
    return ' fill="#A32A1B" font-weight="bold"' if session["flag"] else ""


def _long(day: date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
