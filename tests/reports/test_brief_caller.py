"""The briefing sheet's 担当IS: the caller who won the meeting, as recorded when it was logged; the name in
the settings only where the meeting records none."""

from __future__ import annotations

from datetime import datetime

from brief_samples import JST
from pdfcheck import all_text

from models.accounts.companies import create_company
from models.meetings.meetings import create_meeting
from models.planning.touches import log_outcome
from models.store.settings import set_caller_name
from reports.briefing import write_brief


def _caller_line(path) -> str:
    """The header line that names the caller (場所 … 担当IS …)."""
    return next(line for line in all_text(path).splitlines() if "担当IS" in line)


def test_the_brief_names_the_caller_who_logged_the_appointment(fresh_db, tmp_path):
    company = create_company(fresh_db, {"name": "株式会社みなと精機"})
    set_caller_name(fresh_db, "高橋 由美")
    logged = log_outcome(fresh_db, company.id, "appointment", at=datetime(2025, 1, 10, 11, 0, tzinfo=JST),
                         meeting={"starts_at": datetime(2025, 1, 16, 10, 0, tzinfo=JST), "place": "本社"})
    set_caller_name(fresh_db, "佐藤 健")  # who prints the sheet later is not who won the meeting
    path = tmp_path / "brief.pdf"
    write_brief(fresh_db, logged.meeting_id, path)
    line = _caller_line(path)
    assert "高橋 由美" in line and "佐藤" not in line and "—" not in line


def test_a_meeting_recorded_without_a_caller_shows_the_settings_name(fresh_db, tmp_path):
    company = create_company(fresh_db, {"name": "株式会社みなと精機"})
    meeting = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-16 10:00"})  # no name set yet
    path = tmp_path / "brief.pdf"
    write_brief(fresh_db, meeting.id, path)
    assert "—" in _caller_line(path)
    set_caller_name(fresh_db, "佐藤 健")
    write_brief(fresh_db, meeting.id, path)
    assert "佐藤 健" in _caller_line(path)
