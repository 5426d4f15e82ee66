"""The working zone: stored timestamps carry its offset, and show, sort, count and export in it.

Most tests here run on "a UTC machine" (TZ=UTC, the suite's KAKERU_TIME_ZONE removed) and choose the
zone with the ``time_zone`` setting, as a Japanese team on a laptop whose clock is UTC would.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from models.kpi.period import Period, Scope
from models.kpi.queries import touch_counts
from models.meetings.ics import export_ics
from models.meetings.meetings import create_meeting
from models.planning.plan_form import save_plan
from models.planning.timeline import load_timeline
from models.planning.touches import log_outcome
from models.store import clock, settings, timestamps
from models.store.check import check_database
from models.store.db import now_iso, open_db
from models.store.errors import ValidationError
from models.store.time_zone import set_time_zone, stored_time_zone, time_zone_name
from reports.briefing_sections import short_time
from tests.models.call_helpers import add_company

TOKYO = ZoneInfo("Asia/Tokyo")
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _use_machine_zone(monkeypatch, tz: str | None) -> None:
    monkeypatch.delenv(clock.ZONE_VARIABLE, raising=False)
    if tz is None:
        monkeypatch.delenv("TZ", raising=False)
    else:
        monkeypatch.setenv("TZ", tz)
    time.tzset()


@pytest.fixture
def utc_machine(monkeypatch):
    """A machine whose clock is UTC, without the suite's KAKERU_TIME_ZONE."""
    _use_machine_zone(monkeypatch, "UTC")
    yield
    monkeypatch.undo()
    time.tzset()
    clock.use_zone(None)


@pytest.fixture
def tokyo_db(utc_machine, fresh_db):
    """A database whose time_zone is Asia/Tokyo, on the UTC machine."""
    set_time_zone(fresh_db, "Asia/Tokyo")
    return fresh_db


def _day_counts(db, day: date) -> int:
    return touch_counts(db, Period(day, day), Scope())["calls"]


# -- known answers on a UTC machine working in Tokyo -------------------------------------------------

def test_a_touch_logged_at_a_local_time_is_stored_shown_and_counted_in_tokyo(tokyo_db):
    db = tokyo_db
    company_id = add_company(db, "株式会社時差")
    # 08:30 in Tokyo is 23:30 the day before in UTC: the day must be Tokyo's.
    logged = log_outcome(db, company_id, "not_available", at=datetime(2026, 11, 20, 8, 30), plan_next=False)
    at = db.execute("SELECT at FROM touches WHERE id = ?", [logged.touch_id]).fetchone()[0]
    assert at == "2026-11-20T08:30:00+09:00"
    assert db.execute("SELECT last_touch_at FROM companies WHERE id = ?", [company_id]).fetchone()[0] == at
    assert short_time(at) == "2026/11/20 08:30"
    timeline = load_timeline(db, company_id, date(2026, 11, 1), date(2026, 12, 1),
                             now=datetime(2026, 11, 21, 9, 0, tzinfo=TOKYO))
    (item,) = timeline.items
    assert (item.when.date(), item.when.hour, item.when.minute) == (date(2026, 11, 20), 8, 30)
    assert (_day_counts(db, date(2026, 11, 19)), _day_counts(db, date(2026, 11, 20))) == (0, 1)


def test_an_aware_time_from_another_zone_is_stored_in_the_working_zone(tokyo_db):
    company_id = add_company(tokyo_db, "株式会社時差")
    logged = log_outcome(tokyo_db, company_id, "not_available", plan_next=False,
                         at=datetime(2026, 11, 19, 23, 30, tzinfo=UTC))
    at = tokyo_db.execute("SELECT at FROM touches WHERE id = ?", [logged.touch_id]).fetchone()[0]
    assert at == "2026-11-20T08:30:00+09:00"


def test_a_meeting_at_ten_exports_to_ics_as_ten_in_tokyo(tokyo_db, tmp_path):
    company_id = add_company(tokyo_db, "株式会社時差")
    meeting = create_meeting(tokyo_db, company_id, {"starts_at": "2026-11-20 10:00", "place": "本社"})
    assert meeting.starts_at == "2026-11-20T10:00:00+09:00"
    out = export_ics(tokyo_db, tmp_path / "kakeru.ics").path
    text = out.read_text(encoding="utf-8")
    assert "DTSTART;TZID=Asia/Tokyo:20261120T100000" in text
    (event,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 11, 20, 10, 0, tzinfo=TOKYO)


def test_a_timed_plan_typed_without_a_zone_is_a_time_in_tokyo(tokyo_db):
    company_id = add_company(tokyo_db, "株式会社時差")
    plan = save_plan(tokyo_db, company_id, datetime(2026, 11, 24, 15, 0), today=date(2026, 11, 20))
    assert plan.due == "2026-11-24T15:00:00+09:00"


def test_now_and_today_are_the_working_zones(tokyo_db):
    assert now_iso().endswith("+09:00")
    assert clock.now().utcoffset() == timedelta(hours=9)
    assert clock.today() == clock.now().date()
    assert clock.local(datetime(2026, 11, 20, 10, 0)).isoformat() == "2026-11-20T10:00:00+09:00"
    assert clock.parse("2026-11-20T01:00:00+00:00").isoformat() == "2026-11-20T10:00:00+09:00"


# -- the setting ------------------------------------------------------------------------------------

def test_the_setting_is_registered_and_defaults_to_the_system_zone(utc_machine, fresh_db):
    assert settings.KEYS[settings.TIME_ZONE].default is None
    assert clock.system_zone_name() == "UTC"
    assert (stored_time_zone(fresh_db), time_zone_name(fresh_db)) == (None, "UTC")
    assert now_iso().endswith("+00:00")
    company_id = add_company(fresh_db, "株式会社時差")
    assert create_meeting(fresh_db, company_id, {"starts_at": "2026-11-20 10:00"}).starts_at == (
        "2026-11-20T10:00:00+00:00")


def test_kakeru_time_zone_names_the_system_zone_for_kakeru_alone(utc_machine, monkeypatch):
    monkeypatch.setenv(clock.ZONE_VARIABLE, "America/Los_Angeles")
    assert clock.system_zone_name() == "America/Los_Angeles"
    monkeypatch.setenv(clock.ZONE_VARIABLE, "Not/AZone")
    assert clock.system_zone_name() == "UTC"  # an unknown name is passed over


def test_a_system_zone_without_a_name_is_its_current_offset(monkeypatch):
    _use_machine_zone(monkeypatch, "JST-9")  # a POSIX rule: an offset, no IANA name
    try:
        assert clock.system_zone_name() is None
        assert clock.system_zone().utcoffset(None) == timedelta(hours=9)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_an_unknown_zone_is_refused_in_japanese(fresh_db):
    with pytest.raises(ValidationError, match="タイムゾーンとして認識できません"):
        set_time_zone(fresh_db, "Asia/Atlantis")
    assert stored_time_zone(fresh_db) is None


def test_the_zone_travels_with_the_file(utc_machine, tmp_path):
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    set_time_zone(db, "Asia/Tokyo")
    db.close()
    clock.use_zone(None)
    assert clock.zone_name() == "UTC"
    db = open_db(path)
    try:
        assert clock.zone_name() == "Asia/Tokyo"
        assert now_iso().endswith("+09:00")
    finally:
        db.close()


def test_changing_the_zone_rewrites_every_timestamp_keeping_the_moments(utc_machine, fresh_db):
    db = fresh_db
    company_id = add_company(db, "株式会社時差")
    log_outcome(db, company_id, "not_available", at="2026-11-19T23:30:00+00:00", plan_next=False)
    save_plan(db, company_id, datetime(2026, 7, 1, 3, 0), hypothesis="決算後", today=date(2026, 6, 1))
    create_meeting(db, company_id, {"starts_at": "2026-12-01 03:00"})
    assert _day_counts(db, date(2026, 11, 19)) == 1
    before = _moments(db)

    assert set_time_zone(db, "Asia/Tokyo").count > 0
    assert _offsets(db) == {"+09:00"}
    assert _moments(db) == before
    assert db.execute("SELECT at FROM touches").fetchone()[0] == "2026-11-20T08:30:00+09:00"
    assert (_day_counts(db, date(2026, 11, 19)), _day_counts(db, date(2026, 11, 20))) == (0, 1)
    assert check_database(db).ok

    # A zone with summer time: each moment takes the offset it has on its own day.
    set_time_zone(db, "America/Los_Angeles")
    assert db.execute("SELECT due FROM plans").fetchone()[0] == "2026-06-30T20:00:00-07:00"
    assert db.execute("SELECT starts_at FROM meetings").fetchone()[0] == "2026-11-30T19:00:00-08:00"
    assert _moments(db) == before

    set_time_zone(db, None)  # back to the system's (UTC)
    assert _offsets(db) == {"+00:00"}
    assert stored_time_zone(db) is None and _moments(db) == before


def _timestamp_values(db) -> list[str]:
    """Every stored timestamp but the settings' (the time_zone row comes and goes)."""
    values = []
    for table, extra in timestamps.TIMESTAMP_COLUMNS.items():
        if table == "settings":
            continue
        for column in ("created_at", "updated_at", *extra):
            values += [row[0] for row in db.execute(f"SELECT {column} FROM {table} ORDER BY id")
                       if row[0] and len(row[0]) > 10]
    return values


def _offsets(db) -> set[str]:
    return {value[-6:] for value in _timestamp_values(db)}


def _moments(db) -> list[datetime]:
    return [datetime.fromisoformat(value) for value in _timestamp_values(db)]


# -- migration 8 --------------------------------------------------------------------------------------

def _copy_v7(tmp_path: Path) -> Path:
    path = tmp_path / "kakeru.db"
    shutil.copyfile(FIXTURES / "kakeru_v7.db", path)
    return path


def _calls_by_day(conn) -> tuple[int, ...]:
    """The per-day call counts of 19 and 20 November 2026 (migration 4's touch_days)."""
    sql = "SELECT ifnull(sum(calls), 0) FROM touch_days WHERE day = ?"
    return tuple(conn.execute(sql, [day]).fetchone()[0] for day in ("2026-11-19", "2026-11-20"))


def test_an_old_japanese_file_on_a_utc_machine_keeps_tokyo_and_records_it(utc_machine, tmp_path):
    path = _copy_v7(tmp_path)
    conn = sqlite3.connect(path)
    # A call logged on the UTC laptop before the fix, as that code wrote it: 08:30 in Tokyo, written as
    # 23:30 the day before, and the account's last touch.
    company_id = conn.execute("SELECT id FROM companies WHERE name = '株式会社移行テスト'").fetchone()[0]
    late = "2026-11-19T23:30:00+00:00"
    touch_id = conn.execute(
        "INSERT INTO touches (uid, created_at, updated_at, company_id, kind, at, outcome, "
        "reached_decision_maker) VALUES ('0123456789abcdef0123456789abcdef', ?, ?, ?, 'call', ?, "
        "'not_available', 0)", [late, late, company_id, late]).lastrowid
    conn.execute("UPDATE companies SET last_touch_at = ? WHERE id = ?", [late, company_id])
    conn.commit()
    before = _calls_by_day(conn)
    conn.close()

    db = open_db(path)
    try:
        assert stored_time_zone(db) == "Asia/Tokyo"
        assert clock.zone_name() == "Asia/Tokyo"
        assert db.execute("SELECT at FROM touches WHERE id = ?", [touch_id]).fetchone()[0] == (
            "2026-11-20T08:30:00+09:00")
        assert _offsets(db) == {"+09:00"}
        assert db.execute("SELECT last_touch_at FROM companies WHERE id = ?", [company_id]).fetchone()[0] == (
            "2026-11-20T08:30:00+09:00")
        after = _calls_by_day(db.conn)
        assert (after[0], after[1]) == (before[0] - 1, before[1] + 1)  # the call moved to Tokyo's day
        assert check_database(db).ok
    finally:
        db.close()


def test_an_old_utc_file_on_a_tokyo_machine_is_rewritten_to_tokyo(monkeypatch, tmp_path):
    _use_machine_zone(monkeypatch, "Asia/Tokyo")
    try:
        path = _copy_v7(tmp_path)
        conn = sqlite3.connect(path)
        conn.create_function("to_utc", 1, lambda text: clock.text_in_zone(text, UTC))
        for table, column in [("touches", "at"), ("companies", "created_at"), ("companies", "last_touch_at")]:
            conn.execute(f"UPDATE {table} SET {column} = to_utc({column})")
        conn.commit()
        conn.close()

        db = open_db(path)
        try:
            assert stored_time_zone(db) is None  # the system's zone is the file's: nothing to record
            assert _offsets(db) == {"+09:00"}
            assert check_database(db).ok
        finally:
            db.close()
    finally:
        monkeypatch.undo()
        time.tzset()
