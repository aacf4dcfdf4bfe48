"""Sign-ins against the plan: did each planned session happen, who came, who co-facilitated.

A sign-in belongs to a planned session by the session id its sheet carries (typed in any
case); a row without one, or with a label of the county's own, belongs to the planned
session of its module on its day. The co-facilitators sign the sheet too: a name on the
overlay's [[trainers]] list counts as a co-facilitator of that session, not an attendee,
so the pairs that actually led sessions (lesson 3) are reported beside the planned pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from ..formats.programs import CALWORKS, CWS, PROGRAMS
from ..wording import count_text
from .attendance import SessionAttendance, flag_note, flag_session
from .schedule import Session
from .session_plan import SessionPlan
from .signins import SignIn

HELD, NO_SIGNINS, UPCOMING, NOT_ON_PLAN = "held", "no sign-ins", "upcoming", "not on the plan"
_PLAN_ID = re.compile(r"\d{4}-(core|seq|ref)\d+-[a-z0-9-]+")


def against_plan(records: list[SignIn], plan: SessionPlan, as_of: date, threshold: float,
                 labels: dict[str, str]) -> dict[str, Any]:
    """Per planned session: attendees by program, its flag, who co-facilitated; planned sessions
    with no sign-ins (on or before ``as_of``); sign-ins for sessions not on the plan; the pairs."""
    trainers = {t.name.casefold(): t for t in plan.overlay.trainers}
    planned = {s.session_id: s for s in plan.sessions}
    by_day = {(s.module.id, s.day): s.session_id for s in plan.sessions}
    matched: dict[str, list[SignIn]] = {}
    unplanned: dict[tuple[str, str, date], list[SignIn]] = {}
    for record in records:
        written = "".join(record.session.split()).lower()
        target = written if written in planned else None
        if target is None and not _PLAN_ID.fullmatch(written):
            target = by_day.get((record.module, record.day))
        if target is None:
            unplanned.setdefault((record.session, record.module, record.day), []).append(record)
        else:
            matched.setdefault(target, []).append(record)
    sessions = [_session(s, matched.get(s.session_id, []), trainers, as_of, threshold, labels)
                for s in plan.sessions]
    pairs = Counter((s["co_facilitated_by"][CWS], s["co_facilitated_by"][CALWORKS]) for s in sessions
                    if all(s["co_facilitated_by"][p] for p in PROGRAMS))
    return {
        "plan": {"path": str(plan.path), "county": plan.overlay.slug, "year": plan.year},
        "sessions": sessions,
        "no_sign_ins": [s["session"] for s in sessions if s["status"] == NO_SIGNINS],
        "not_on_plan": [{"session": label, "date": day.isoformat(), "module": module, "sign_ins": len(rows),
                         "lines": sorted(r.line for r in rows)}
                        for (label, module, day), rows in sorted(unplanned.items(), key=lambda i: (i[0][2], i[0][1]))],
        "pairs": [{CWS: cws, CALWORKS: calworks, "sessions": count}
                  for (cws, calworks), count in sorted(pairs.items(), key=lambda i: (-i[1], i[0]))],
    }


def _session(session: Session, rows: list[SignIn], trainers: dict[str, Any], as_of: date, threshold: float,
             labels: dict[str, str]) -> dict[str, Any]:
    leads = {r.person: trainers[r.person] for r in rows if r.person in trainers}
    attendees = [r for r in rows if r.person not in trainers]
    counts = {program: sum(r.program == program for r in attendees) for program in PROGRAMS}
    status = HELD if rows else NO_SIGNINS if session.day <= as_of else UPCOMING
    note = ""
    if attendees:
        flagged = flag_session(SessionAttendance(session.module.id, session.day, session.session_id, counts),
                               threshold)
        note = flag_note(flagged, labels, threshold)
    led = {program: " and ".join(sorted(t.name for t in leads.values() if t.program == program))
           for program in PROGRAMS}
    pair = session.pair or ()
    return {"session": session.session_id, "date": session.day.isoformat(), "module": session.module.id,
            "status": status, CWS: counts[CWS], CALWORKS: counts[CALWORKS], "total": sum(counts.values()),
            "note": note, "planned_pair": {t.program: t.name for t in pair}, "co_facilitated_by": led}


def plan_rows(data: dict[str, Any], labels: dict[str, str]) -> tuple[list[str], list[list[object]]]:
    """plan-sessions.csv: every planned session, then each group of sign-ins not on the plan."""
    header = ["session", "date", "module", "status", labels[CWS], labels[CALWORKS], "total", "note",
              f"planned {labels[CWS]} trainer", f"planned {labels[CALWORKS]} trainer",
              f"{labels[CWS]} co-facilitator signed in", f"{labels[CALWORKS]} co-facilitator signed in"]
    rows: list[list[object]] = [
        [s["session"], s["date"], s["module"], s["status"], s[CWS], s[CALWORKS], s["total"], s["note"],
         s["planned_pair"].get(CWS, ""), s["planned_pair"].get(CALWORKS, ""), s["co_facilitated_by"][CWS],
         s["co_facilitated_by"][CALWORKS]] for s in data["sessions"]]
    rows += [[u["session"], u["date"], u["module"], NOT_ON_PLAN, "", "", u["sign_ins"],
              "lines " + ", ".join(str(n) for n in u["lines"]), "", "", "", ""] for u in data["not_on_plan"]]
    return header, rows


def plan_summary_lines(data: dict[str, Any]) -> list[str]:
    """What `attendance --plan` adds to the printed summary."""
    sessions = data["sessions"]
    count = Counter(s["status"] for s in sessions)
    lines = [f"Against the plan: {count_text(len(sessions), 'planned session')}, {count[HELD]} with sign-ins, "
             f"{count[NO_SIGNINS]} without, {count[UPCOMING]} upcoming; "
             f"{count_text(len(data['not_on_plan']), 'session')} signed in that {'is' if len(data['not_on_plan']) == 1 else 'are'}"
             " not on the plan"]
    lines += [f"  no sign-ins: {s['session']} ({s['date']})" for s in sessions if s["status"] == NO_SIGNINS]
    lines += [f"  not on the plan: {u['date']} {u['module']}" + (f" (session '{u['session']}')" if u["session"] else "")
              + f": {count_text(u['sign_ins'], 'sign-in')}, lines {', '.join(str(n) for n in u['lines'])}"
              for u in data["not_on_plan"]]
    lines += [f"  {s['session']}: {s['note']}" for s in sessions if s["note"]]
    lines += [f"  {s['session']}: {_other_pair(s)}" for s in sessions if _other_pair(s)]
    if data["pairs"]:
        lines.append("Co-facilitated: " + ", ".join(f"{p[CWS]} + {p[CALWORKS]} {p['sessions']}"
                                                    for p in data["pairs"]))
    return lines


def plan_follow_ups(data: dict[str, Any]) -> list[list[str]]:
    """[date, session, what to follow up] for the summary page: planned sessions without sign-ins,
    sessions not on the plan, one program missing or few, another pair than planned."""
    rows = [[s["date"], s["session"], "no sign-ins"] for s in data["sessions"] if s["status"] == NO_SIGNINS]
    rows += [[u["date"], u["session"] or u["module"], f"not on the plan ({count_text(u['sign_ins'], 'sign-in')})"]
             for u in data["not_on_plan"]]
    rows += [[s["date"], s["session"], s["note"]] for s in data["sessions"] if s["note"]]
    rows += [[s["date"], s["session"], _other_pair(s)] for s in data["sessions"] if _other_pair(s)]
    return sorted(rows)


def _other_pair(session: dict[str, Any]) -> str:
    """'co-facilitated by A + B (planned A + C)' when the trainers who signed in are not the
    planned pair; '' when they are, or when no trainer signed."""
    planned = [session["planned_pair"].get(p, "") for p in PROGRAMS]
    led = [session["co_facilitated_by"][p] for p in PROGRAMS]
    if session["status"] != HELD or not any(led) or led == planned:
        return ""
    return f"co-facilitated by {' + '.join(n for n in led if n)} (planned {' + '.join(planned)})"
