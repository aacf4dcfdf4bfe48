"""What `plan` and `attendance` print: the sessions, the follow-ups, the files written."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..errors import display_path
from ..planning.attendance_files import cohort
from ..planning.attendance_report import AttendanceResult
from ..planning.plan import PlanResult
from ..planning.plan_attendance import plan_summary_lines
from ..planning.schedule import plan_counts
from ..planning.timing import time_range
from ..wording import count_text


def plan_summary(result: PlanResult) -> str:
    """What `plan` prints: one line per session, the turns of each trainer, the files."""
    plan = result.plan
    source = f" (from {display_path(plan.source)})" if plan.source else ""
    lines = [f"{plan.overlay.county} Linkages training plan {plan.options.year}{source}: {plan_counts(plan.sessions)}"]
    for session in plan.sessions:
        pair = " + ".join(trainer.name for trainer in session.pair or ())
        room = f"  {session.room.name}" if session.room else ""
        lines.append(f"  {session.session_id:<46}  {session.day:%a %Y-%m-%d}  {time_range(session):<19}  "
                     f"{pair:<34}{room}".rstrip())
    lines += [f"  {session.session_id:<46}  cancelled" for session in plan.cancelled]
    turns = Counter(trainer.name for session in plan.sessions for trainer in session.pair or ())
    lines.append("Co-facilitator turns: " + ", ".join(f"{name} {count}" for name, count in sorted(turns.items())))
    lines.append(f"Wrote {display_path(result.out)}/: {', '.join(path.name for path in result.files)}")
    return "\n".join(lines)


def attendance_summary(result: AttendanceResult) -> str:
    """What `attendance` prints: the counts, the sessions and new hires to follow up, the files."""
    data = result.data
    source, labels = data["source"], data["programs"]
    flagged = [s for s in data["sessions"] if s["flag"]]
    refreshers = data["refreshers"]
    overdue = sum(r["status"] == "overdue" for r in refreshers)
    lines = [f"{display_path(Path(source['path']))}: {count_text(source['rows'], 'row')}, "
             f"{count_text(source['attendances'], 'attendance')} counted, "
             f"{count_text(source['duplicates'], 'duplicate row')} counted once, "
             f"{count_text(source['not_counted'], 'row')} not counted",
             f"As of {data['as_of']}: {count_text(len(data['sessions']), 'session')}, {len(flagged)} to follow up; "
             f"{count_text(len(data['people']), 'person', 'people')}; "
             f"{count_text(len(data['new_hires_without_orientation']), 'new hire')} without the orientation; "
             f"{count_text(overdue, 'refresher')} overdue, {len(refreshers) - overdue} due within 3 months"]
    lines += [f"  session {s['date']} {s['module']}{cohort(s, data['sessions'])}: {s['note']}" for s in flagged]
    lines += [f"  new hire {p['name']} ({labels[p['program']]}, {p['basis']} {p['since']}): no "
              f"{', '.join(p['missing'])}" for p in data["new_hires_without_orientation"]]
    if "plan" in data:
        lines += plan_summary_lines(data["plan"])
    lines.append(f"Wrote {display_path(result.out)}/: {', '.join(path.name for path in result.files)}")
    return "\n".join(lines)
