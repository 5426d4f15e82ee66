"""App-wide preferences in the settings table."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from models.planning.calendar import load_calendar
from models.store import settings
from models.store.errors import ValidationError


def test_defaults_before_anything_is_set(fresh_db):
    assert settings.get_setting(fresh_db, settings.CALL_SESSION) is None
    assert settings.get_setting(fresh_db, settings.DEFAULT_CADENCES_SHIPPED) == []
    assert settings.caller_name(fresh_db) == ""
    assert settings.daily_target(fresh_db) == 40
    assert settings.call_windows(fresh_db) == [("09:00", "12:00"), ("13:00", "18:00")]
    assert settings.closure_days(fresh_db) == [("12-29", "01-03")]


def test_every_key_has_its_default_in_the_registry(fresh_db):
    keys = {setting.key.format(list_id=7): setting for setting in settings.KEYS.values()}
    assert len(keys) == 16 and "hearing_checklist:7" in keys
    for key, setting in keys.items():
        assert settings.get_setting(fresh_db, key) == setting.default
        assert settings.default(key) == setting.default
    # The typed accessors start from the same defaults, checked as a stored value would be.
    assert settings.daily_target(fresh_db) == settings.KEYS["daily_target"].default == 40
    assert settings.call_windows(fresh_db) == [tuple(pair) for pair in settings.KEYS["call_windows"].default]
    assert settings.backup_keep_daily(fresh_db) == 14
    assert settings.backup_keep_manual(fresh_db) == 20
    settings.default(settings.CALL_WINDOWS).clear()  # a caller changing its copy changes nothing
    assert settings.get_setting(fresh_db, settings.CALL_WINDOWS) == [["09:00", "12:00"], ["13:00", "18:00"]]


@pytest.mark.parametrize("key", ["nothing", "Daily_target", "hearing_checklist", "hearing_checklist:x", ""])
def test_an_unknown_key_is_refused(fresh_db, key):
    for use in (lambda: settings.get_setting(fresh_db, key), lambda: settings.set_setting(fresh_db, key, 1),
                lambda: settings.delete_setting(fresh_db, key), lambda: settings.get_raw(fresh_db, key)):
        with pytest.raises(settings.UnknownSetting, match="not a registered settings key"):
            use()
    assert fresh_db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_only_the_settings_module_touches_the_settings_table():
    root = Path(__file__).resolve().parents[3]
    # SQL keywords in capitals, so that prose ("the rules from settings") does not count.
    touching = re.compile(r"""\b(FROM|INTO|UPDATE|TABLE)\s+settings\b|table\(["']settings["']\)""")
    allowed = {Path("models/store/settings.py"), Path("models/store/schema.py")}  # schema creates it
    sources = [root / "main.py"]
    sources += [path for folder in ("cli", "models", "ui", "reports", "bench")
                for path in (root / folder).rglob("*.py")]
    offenders = sorted(
        str(path.relative_to(root)) for path in sources
        if path.relative_to(root) not in allowed and touching.search(path.read_text(encoding="utf-8"))
    )
    assert offenders == []
    assert touching.search((root / "models/store/settings.py").read_text(encoding="utf-8"))


def test_backups_kept_are_at_least_one(fresh_db):
    settings.set_setting(fresh_db, settings.BACKUP_KEEP_DAILY, "3")
    settings.set_setting(fresh_db, settings.BACKUP_KEEP_MANUAL, 0)
    assert settings.backup_keep_daily(fresh_db) == 3
    assert settings.backup_keep_manual(fresh_db) == 20


@pytest.mark.parametrize("value", ["鈴木 花子", 0, 12.5, True, None, ["a", 1], {"ルール": [1, 2], "x": None}])
def test_any_json_value_round_trips(fresh_db, value):
    settings.set_setting(fresh_db, settings.CALL_SESSION, value)
    assert settings.get_setting(fresh_db, settings.CALL_SESSION) == value


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
