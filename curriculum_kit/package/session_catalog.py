"""Session packets on disk: where they go, what their manifest says of the session, and the
"upcoming sessions" list the download page shows.

``dist/SLUG/sessions/SESSION_ID/`` holds one planned session's packets and manifest. The
catalog renders :func:`upcoming_sessions` as it likes; this module only reads manifests.
"""

from __future__ import annotations

import shutil
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from ..formats.session_day import SessionDay
from .manifest import MANIFEST, read_manifest

SESSIONS = "sessions"


def session_manifest(session: SessionDay) -> dict[str, Any]:
    """The session part of a session packet's manifest.json."""
    return {"id": session.session_id, "date": f"{session.starts:%Y-%m-%d}", "start": f"{session.starts:%H:%M}",
            "end": f"{session.ends:%H:%M}", "room": session.room.name if session.room else "",
            "location": session.where_text, "co_facilitators": [t.name for t in session.pair]}


def session_key(session: SessionDay | None) -> dict[str, Any]:
    """What of a session shapes its packets, for the build's inputs hash ({} for module packets)."""
    if session is None:
        return {}
    return {"session": {**session_manifest(session), "minutes": session.minutes,
                        "pair": [(t.name, t.program, t.title) for t in session.pair],
                        "room": [session.room.name, session.room.address] if session.room else None}}


def remove_unplanned(county_out: Path, planned: set[str]) -> None:
    """Delete the built packets of sessions no longer on the plan (our own output folders only)."""
    folder = county_out / SESSIONS
    for child in sorted(folder.iterdir()) if folder.is_dir() else []:
        if child.is_dir() and child.name not in planned and (child / MANIFEST).is_file():
            shutil.rmtree(child)


def upcoming_sessions(out: Path, today: date) -> list[dict[str, Any]]:
    """Every built session on or after ``today``, by date: county, session, module, packets."""
    found = []
    for path in sorted(out.glob(f"*/{SESSIONS}/*/{MANIFEST}")):
        manifest = read_manifest(path.parent)
        if not manifest or "session" not in manifest or manifest["session"]["date"] < today.isoformat():
            continue
        found.append({"county": manifest["overlay"]["county"], "session": manifest["session"],
                      "module": manifest["module"],
                      "packets": [{"label": p["label"], "href": "/".join([*path.parent.relative_to(out).parts,
                                                                          p["file"]])}
                                  for p in manifest["packets"]]})
    return sorted(found, key=lambda s: (s["session"]["date"], s["session"]["start"], s["session"]["id"]))


def upcoming_html(sessions: list[dict[str, Any]]) -> list[str]:
    """The 'Upcoming sessions' section of the download page ([] when none is built)."""
    if not sessions:
        return []
    parts = ['<section aria-labelledby="upcoming"><h2 id="upcoming">Upcoming sessions</h2>',
             '<table><thead><tr><th scope="col">Date</th><th scope="col">County</th><th scope="col">Session</th>'
             '<th scope="col">Room</th><th scope="col">Co-facilitators</th><th scope="col">Packets</th></tr>'
             "</thead><tbody>"]
    for item in sessions:
        session = item["session"]
        links = "<br>".join(f'<a href="{escape(p["href"])}">{escape(p["label"])}</a>' for p in item["packets"])
        parts.append(f"<tr><td>{escape(session['date'])} {escape(session['start'])}–{escape(session['end'])}</td>"
                     f"<td>{escape(item['county'])}</td><td>{escape(item['module']['title'])}<br>"
                     f"<code>{escape(session['id'])}</code></td><td>{escape(session['room'])}</td>"
                     f"<td>{escape(' and '.join(session['co_facilitators']))}</td><td>{links}</td></tr>")
    parts.append("</tbody></table></section>")
    return parts
