"""The .ics export: parses with icalendar, round-trips UID/start/summary/description, keeps UIDs on
re-export, and works end to end through ``python main.py ics``."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from models.meetings.ics import IcsExportError, build_calendar, export_ics
from models.meetings.meetings import create_meeting
from models.planning.plan_form import save_plan
from models.planning.plans import complete_plan, reschedule_plan
from models.store.db import open_db
from tests.conftest import ROOT
from tests.models.call_helpers import JST, add_company, add_contact

TOKYO = ZoneInfo("Asia/Tokyo")


def _events(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


@pytest.fixture
def filled(fresh_db):
    db = fresh_db
    aoba = add_company(db, "株式会社青葉", phone="03-1234-5678", fiscal_year_end_month=3)
    toyo = add_company(db, "東洋精機")
    contact = add_contact(db, aoba, "佐藤 花子")
    dated = save_plan(db, aoba, date(2030, 12, 2), hypothesis="決算3ヶ月前：来期の採用計画を策定する時期",
                      template="人事計画策定期", contact_id=contact)
    timed = save_plan(db, toyo, datetime(2030, 12, 3, 14, 0, tzinfo=JST), hypothesis="折返し依頼")
    done = save_plan(db, toyo, date(2030, 12, 4), hypothesis="予算策定の前")
    complete_plan(db, done.id)
    meeting = create_meeting(db, aoba, {"starts_at": "2030-12-10T15:00:00+09:00", "duration_min": 90,
                                        "place": "青葉本社 5F", "purpose": "初回商談"})
    return db, {"dated": dated, "timed": timed, "done": done, "meeting": meeting}


def test_round_trip(filled, tmp_path):
    db, rows = filled
    out = tmp_path / "kakeru.ics"
    result = export_ics(db, out)
    assert (result.plans, result.meetings) == (2, 1)
    events = _events(out)
    assert set(events) == {f"{rows[k].uid}@kakeru" for k in ("dated", "timed", "meeting")}
    dated = events[f"{rows['dated'].uid}@kakeru"]
    assert dated.decoded("DTSTART") == date(2030, 12, 2)  # all day
    assert dated.decoded("DTEND") == date(2030, 12, 3)
    assert str(dated["SUMMARY"]) == "架電: 株式会社青葉"
    description = str(dated["DESCRIPTION"])
    assert "仮説: 決算3ヶ月前：来期の採用計画を策定する時期" in description
    assert "担当者: 佐藤 花子" in description and "電話: 03-1234-5678" in description
    timed = events[f"{rows['timed'].uid}@kakeru"]
    start = timed.decoded("DTSTART")
    assert start == datetime(2030, 12, 3, 14, 0, tzinfo=TOKYO)
    assert str(start.tzinfo) == "Asia/Tokyo"
    assert "TZID=Asia/Tokyo" in out.read_text(encoding="utf-8")
    assert str(timed["SUMMARY"]) == "架電: 東洋精機"
    meeting = events[f"{rows['meeting'].uid}@kakeru"]
    assert str(meeting["SUMMARY"]) == "商談: 株式会社青葉"
    assert meeting.decoded("DTEND") - meeting.decoded("DTSTART") == datetime(2000, 1, 1, 1, 30) - datetime(
        2000, 1, 1)
    assert str(meeting["LOCATION"]) == "青葉本社 5F"
    assert "目的: 初回商談" in str(meeting["DESCRIPTION"])


def test_re_export_after_a_change_keeps_the_uids(filled, tmp_path):
    db, rows = filled
    first = tmp_path / "first.ics"
    export_ics(db, first)
    again = tmp_path / "again.ics"
    export_ics(db, again)
    assert first.read_bytes() == again.read_bytes()  # same data, same file
    before = _events(first)
    reschedule_plan(db, rows["timed"].id, datetime(2030, 12, 5, 10, 0, tzinfo=JST))
    # The change is made a while after the plan was created (in a test, the same second).
    db.execute("UPDATE plans SET updated_at = '2030-01-01T00:00:00+09:00' WHERE id = ?", [rows["timed"].id])
    second = tmp_path / "second.ics"
    export_ics(db, second)
    after = _events(second)
    assert set(after) == set(before)
    uid = f"{rows['timed'].uid}@kakeru"
    assert after[uid].decoded("DTSTART") == datetime(2030, 12, 5, 10, 0, tzinfo=TOKYO)
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert after[uid].decoded("LAST-MODIFIED") > before[uid].decoded("LAST-MODIFIED")


def test_streamed_file_is_the_whole_calendar_and_can_be_cancelled(filled, tmp_path):
    db, _ = filled
    out = tmp_path / "streamed.ics"
    seen = []
    export_ics(db, out, progress=lambda done, total: seen.append((done, total)))
    assert out.read_bytes() == build_calendar(db)[0].to_ical()
    assert seen[-1] == (3, 3)
    with pytest.raises(IcsExportError, match="中止"):
        export_ics(db, tmp_path / "cancelled.ics", progress=lambda done, total: False)
    assert list(tmp_path.glob("cancelled*")) == []


def test_filters_by_company_and_days(filled, tmp_path):
    db, rows = filled
    out = tmp_path / "some.ics"
    assert export_ics(db, out, company_ids=[rows["dated"].company_id]).plans == 1
    result = export_ics(db, out, start=date(2030, 12, 3), end=date(2030, 12, 9))
    assert (result.plans, result.meetings) == (1, 0)
    assert list(_events(out)) == [f"{rows['timed'].uid}@kakeru"]
    assert export_ics(db, out, company_ids=[]).plans == 0


def test_a_folder_that_does_not_exist_is_a_plain_error(filled, tmp_path):
    db, _ = filled
    with pytest.raises(IcsExportError, match="保存できませんでした"):
        export_ics(db, tmp_path / "no" / "such" / "folder.ics")


def test_main_ics_end_to_end(tmp_path):
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    company_id = add_company(db, "株式会社ミライ")
    plan = save_plan(db, company_id, date(2031, 1, 6), hypothesis="決算後の新体制")
    db.close()
    out = tmp_path / "out.ics"
    command = [sys.executable, str(ROOT / "main.py"), "ics", "--db", str(path), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "予定1件と商談0件" in done.stdout
    event = _events(out)[f"{plan.uid}@kakeru"]
    assert str(event["SUMMARY"]) == "架電: 株式会社ミライ"
    assert "仮説: 決算後の新体制" in str(event["DESCRIPTION"])
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "ics", "--db", str(path), "--out",
                          str(tmp_path / "missing" / "out.ics")],
                         capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert bad.returncode != 0
    assert "保存できませんでした" in bad.stdout + bad.stderr
