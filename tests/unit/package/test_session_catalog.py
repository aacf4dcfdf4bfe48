"""Session packets on disk: the upcoming list of the catalog, and packets of sessions gone from the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from curriculum_kit.package.session_catalog import remove_unplanned, upcoming_html, upcoming_sessions
from tests.catalog_fixtures import fake_session_folder


def built_session(out: Path, session: str, day: str) -> Path:
    return fake_session_folder(out, session, day)


def test_upcoming_sessions_are_those_on_or_after_today_by_date(tmp_path):
    for session, day in (("2027-core2-x", "2027-04-08"), ("2027-core1-x", "2027-01-08"), ("2027-ref1-x", "2027-03-16")):
        built_session(tmp_path, session, day)
    upcoming = upcoming_sessions(tmp_path, date(2027, 3, 16))
    assert [s["session"]["id"] for s in upcoming] == ["2027-ref1-x", "2027-core2-x"]
    assert upcoming[0]["packets"] == [{"label": "Facilitator packet",
                                       "href": "alder-county/sessions/2027-ref1-x/2027-ref1-x.zip"}]
    html = "\n".join(upcoming_html(upcoming))
    assert "<td>Room B</td><td>Maria Lopez and Luis Ortega</td>" in html
    assert upcoming_html([]) == []


def test_packets_of_sessions_no_longer_planned_are_removed_and_nothing_else(tmp_path):
    kept = built_session(tmp_path, "2027-core1-x", "2027-01-08")
    gone = built_session(tmp_path, "2027-ref1-x", "2027-03-16")
    foreign = tmp_path / "alder-county" / "sessions" / "notes"  # not a built session: left alone
    foreign.mkdir()
    remove_unplanned(tmp_path / "alder-county", {"2027-core1-x"})
    assert kept.is_dir() and not gone.exists() and foreign.is_dir()
