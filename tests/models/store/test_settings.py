"""App-wide preferences in the settings table."""

from __future__ import annotations

import logging

import pytest

from models.planning.calendar import load_calendar
from models.store import settings
from models.store.errors import ValidationError


def test_defaults_before_anything_is_set(fresh_db):
    assert settings.get_setting(fresh_db, "nothing") is None
    assert settings.get_setting(fresh_db, "nothing", {"a": 1}) == {"a": 1}
    assert settings.caller_name(fresh_db) == ""
    assert settings.daily_target(fresh_db) == 40
    assert settings.call_windows(fresh_db) == [("09:00", "12:00"), ("13:00", "18:00")]
    assert settings.closure_days(fresh_db) == [("12-29", "01-03")]


@pytest.mark.parametrize("value", ["鈴木 花子", 0, 12.5, True, None, ["a", 1], {"ルール": [1, 2], "x": None}])
def test_any_json_value_round_trips(fresh_db, value):
    settings.set_setting(fresh_db, "k", value)
    assert settings.get_setting(fresh_db, "k", "default") == value


def test_set_replaces_the_one_row_and_keeps_its_identity(fresh_db):
    settings.set_setting(fresh_db, "caller_name", "山田")
    uid, created = fresh_db.execute("SELECT uid, created_at FROM settings").fetchone()
    settings.set_setting(fresh_db, "caller_name", "佐藤")
    rows = fresh_db.execute("SELECT uid, created_at, value FROM settings").fetchall()
    assert rows == [(uid, created, '"佐藤"')]  # stored readable, not \\u escapes


def test_typed_accessors_round_trip(fresh_db):
    settings.set_caller_name(fresh_db, "  鈴木　花子 ")
    settings.set_daily_target(fresh_db, "60")
    settings.set_call_windows(fresh_db, [("13:30", "17:00"), ("9:00", "11:45")])
    settings.set_closure_days(fresh_db, [("8-13", "08-16"), ("12-28", "1-4")])
    assert settings.caller_name(fresh_db) == "鈴木 花子"
    assert settings.daily_target(fresh_db) == 60
    assert settings.call_windows(fresh_db) == [("09:00", "11:45"), ("13:30", "17:00")]
    assert settings.closure_days(fresh_db) == [("08-13", "08-16"), ("12-28", "01-04")]


def test_the_calendar_reads_what_settings_writes(fresh_db):
    settings.set_call_windows(fresh_db, [("10:00", "12:00")])
    settings.set_closure_days(fresh_db, [("08-13", "08-16")])
    rules = load_calendar(fresh_db)
    assert rules.closures == (("08-13", "08-16"),)
    assert [(f"{a:%H:%M}", f"{b:%H:%M}") for a, b in rules.windows] == [("10:00", "12:00")]


@pytest.mark.parametrize("value", [-1, 1001, "四十", None, True, [40]])
def test_a_daily_target_out_of_range_is_refused(fresh_db, value):
    with pytest.raises(ValidationError, match="目標件数"):
        settings.set_daily_target(fresh_db, value)
    assert settings.daily_target(fresh_db) == 40


@pytest.mark.parametrize(("windows", "message"), [
    ([("12:00", "09:00")], "終了を開始より後"),
    ([("09:00", "09:00")], "終了を開始より後"),
    ([("25:00", "26:00")], "時刻として読めません"),
    ([("9時", "12時")], "時刻として読めません"),
    ([("09:00", "12:00"), ("11:00", "13:00")], "重なっています"),
    ([("09:00",)], "組で入力"),
    (["09:00-12:00"], "組で入力"),
])
def test_bad_call_windows_are_refused(fresh_db, windows, message):
    with pytest.raises(ValidationError, match=message):
        settings.set_call_windows(fresh_db, windows)
    assert settings.call_windows(fresh_db) == [("09:00", "12:00"), ("13:00", "18:00")]


@pytest.mark.parametrize("ranges", [[("02-30", "03-01")], [("13-01", "13-02")], [("12/29", "01/03")],
                                    [("12-29",)]])
def test_bad_closure_days_are_refused(fresh_db, ranges):
    with pytest.raises(ValidationError):
        settings.set_closure_days(fresh_db, ranges)
    settings.set_closure_days(fresh_db, [("02-29", "02-29")])  # a leap day is a real date
    assert settings.closure_days(fresh_db) == [("02-29", "02-29")]


def test_an_unreadable_stored_value_falls_back_to_the_default_and_says_so(fresh_db, caplog):
    fresh_db.execute("INSERT INTO settings (uid, created_at, updated_at, key, value) "
                     "VALUES ('a', 'now', 'now', 'daily_target', 'not json')")
    fresh_db.execute("INSERT INTO settings (uid, created_at, updated_at, key, value) "
                     "VALUES ('b', 'now', 'now', 'call_windows', '[[\"18:00\", \"09:00\"]]')")
    fresh_db.execute("INSERT INTO settings (uid, created_at, updated_at, key, value) "
                     "VALUES ('c', 'now', 'now', 'closure_days', '\"12-29\"')")
    with caplog.at_level(logging.WARNING, logger="models.store.settings"):
        assert settings.daily_target(fresh_db) == 40
        assert settings.call_windows(fresh_db) == [("09:00", "12:00"), ("13:00", "18:00")]
        assert settings.closure_days(fresh_db) == [("12-29", "01-03")]
    assert len(caplog.records) == 3
    assert "daily_target" in caplog.records[0].getMessage()


def test_settings_survive_reopening(file_db):
    db, path = file_db
    settings.set_caller_name(db, "高橋")
    db.close()
    from models.store.db import open_db

    again = open_db(path)
    try:
        assert settings.caller_name(again) == "高橋"
    finally:
        again.close()
