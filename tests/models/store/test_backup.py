"""Backups: names, the once-a-day rule, rotation, validation, and restoring (round trip and refusals)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from models.store import backup, settings
from models.store.backup import (
    BackupFailed,
    InvalidBackup,
    backup_before,
    backup_now,
    daily_backup_if_due,
    list_backups,
    newest_good_backup,
    restore_backup,
    rotate_backups,
    validate_backup,
)
from models.store.check import backup_file, check_database, quick_check
from models.store.db import backup_dir, open_db, stamp, writing
from models.store.errors import DatabaseLocked, DatabaseMissing, ValidationError
from models.store.schema import LATEST_VERSION

MOMENT = datetime(2026, 11, 23, 10, 15, 0)


def add_company(db, name: str) -> None:
    with writing(db):
        db.table("companies").insert(stamp({"name": name, "search_key": name}))


def names(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM companies ORDER BY id")]
    finally:
        conn.close()


def set_setting(db, key: str, value: str) -> None:
    with writing(db):
        db.table("settings").insert(stamp({"key": key, "value": value}))


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    add_company(db, "株式会社はじめ")
    yield db, path
    db.close()


def test_backup_now_writes_a_named_valid_copy(db_file):
    db, path = db_file
    made = backup_now(db, now=MOMENT)
    assert made == backup_dir(path) / "kakeru-20261123-101500-manual.db"
    assert names(made) == ["株式会社はじめ"]
    verdict = validate_backup(made)
    assert verdict.ok and verdict.companies == 1, verdict.message_ja
    [info] = list_backups(path)
    assert (info.path, info.reason, info.taken_at.replace(tzinfo=None)) == (made, "manual", MOMENT)
    assert info.size == made.stat().st_size and info.valid is None
    assert list_backups(path, validate=True)[0].valid is True


def test_two_backups_in_one_second_get_distinct_names_and_list_newest_first(db_file):
    db, path = db_file
    first = backup_now(db, now=MOMENT)
    second = backup_now(db, now=MOMENT)
    later = backup_before(db, "import")
    assert second.name == "kakeru-20261123-101500-2-manual.db"
    assert later.name.endswith("-before-import.db")
    assert [b.path for b in list_backups(path)] == [later, second, first]


def test_paths_with_japanese_spaces_and_uri_characters_work(tmp_path):
    path = tmp_path / "田中 の #データ? 100%" / "kakeru.db"
    db = open_db(path)
    add_company(db, "株式会社パス")
    made = backup_now(db)
    db.close()
    assert validate_backup(made).ok and quick_check(path)
    assert newest_good_backup(path).path == made
    assert restore_backup(path, made).exists()
    assert names(path) == ["株式会社パス"]


def test_validation_leaves_no_side_files_beside_a_backup(db_file):
    db, path = db_file
    made = backup_now(db, now=MOMENT)
    validate_backup(made)
    validate_backup(made, quick=True)
    assert sorted(p.name for p in backup_dir(path).iterdir()) == [made.name]


def test_daily_backup_is_taken_at_most_once_a_day(db_file):
    db, path = db_file
    day = date(2026, 11, 23)
    first = daily_backup_if_due(db, today=day)
    assert first is not None and first.name.startswith("kakeru-20261123-")
    assert daily_backup_if_due(db, today=day) is None
    backup_now(db)  # a manual backup does not count as the day's
    assert daily_backup_if_due(db, today=day + timedelta(days=1)) is not None
    assert [b.reason for b in list_backups(path)].count("daily") == 2


def test_rotation_keeps_the_newest_14_daily_backups(db_file):
    db, path = db_file
    start = date(2026, 11, 1)
    for offset in range(20):
        daily_backup_if_due(db, today=start + timedelta(days=offset))
    kept = [b.taken_at.date() for b in list_backups(path)]
    assert kept == [start + timedelta(days=offset) for offset in range(19, 5, -1)]


def test_the_daily_limit_is_a_setting(db_file):
    db, path = db_file
    set_setting(db, settings.BACKUP_KEEP_DAILY, "3")
    for offset in range(6):
        daily_backup_if_due(db, today=date(2026, 11, 1) + timedelta(days=offset))
    assert len(list_backups(path)) == 3


def test_manual_and_other_backups_are_kept_per_reason(db_file):
    db, path = db_file
    set_setting(db, settings.BACKUP_KEEP_MANUAL, "4")
    for second in range(6):
        backup_now(db, now=MOMENT + timedelta(seconds=second))
        backup_now(db, "before-import", now=MOMENT + timedelta(seconds=second))
    reasons = [b.reason for b in list_backups(path)]
    assert reasons.count("manual") == 4
    assert reasons.count("before-import") == 6  # under the limit of 10
    deleted = rotate_backups(path, keep_other=2)
    assert len(deleted) == 4
    assert [b.reason for b in list_backups(path)].count("before-import") == 2


def test_the_newest_good_backup_survives_rotation(db_file):
    db, path = db_file
    start = datetime(2026, 11, 1, 9, 0, 0)
    good = backup_now(db, "daily", now=start)
    folder = backup_dir(path)
    # Fifteen later "daily backups" of a damaged file: none of them would restore anything.
    for offset in range(1, 16):
        bad = folder / f"kakeru-{(start + timedelta(days=offset)).strftime('%Y%m%d-%H%M%S')}-daily.db"
        bad.write_bytes(b"damaged" * 1000)
    deleted = rotate_backups(path)
    assert len(deleted) == 1 and good.exists()
    assert newest_good_backup(path).path == good


def test_migration_backups_are_listed_and_foreign_files_ignored(db_file):
    db, path = db_file
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    made = backup_now(db, now=MOMENT)
    migration = folder / "kakeru-before-v2-20261124-080000.db"
    shutil.copyfile(made, migration)
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "other-20261123-101500-manual.db").write_bytes(b"")
    (folder / "kakeru-20261123-101501-manual.db.partial").write_bytes(b"half")
    listed = list_backups(path)
    assert [(b.path.name, b.reason) for b in listed] == [(migration.name, "before-v2"), (made.name, "manual")]


def test_next_backup_removes_partial_files_left_by_a_crash(db_file):
    db, path = db_file
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    leftover = folder / "kakeru-20261123-101500-manual.db.partial"
    leftover.write_bytes(b"half a backup")
    (folder / "kakeru-20261123-101500-manual.db.partial-journal").write_bytes(b"j")
    backup_now(db)
    assert not list(folder.glob("*.partial*"))


def test_backup_into_a_folder_blocked_by_a_file_fails_plainly(db_file, tmp_path):
    db, _ = db_file
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(BackupFailed) as caught:
        backup_now(db, folder=blocker)
    assert "バックアップを保存できませんでした" in str(caught.value)
    assert "変更していません" in str(caught.value)
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_backup_failing_half_way_leaves_nothing_behind(db_file, monkeypatch):
    db, path = db_file

    def fail_half_way(source, destination):
        partial = destination.with_name(destination.name + ".partial")
        partial.write_bytes(b"SQLite format 3\x00 and then the disk filled up")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "backup_to", fail_half_way)
    with pytest.raises(BackupFailed) as caught:
        backup_now(db)
    assert "空き容量" in str(caught.value)
    assert list(backup_dir(path).iterdir()) == []
    assert names(path) == ["株式会社はじめ"]


# -- validation ------------------------------------------------------------------------------------

def test_validation_rejects_what_is_not_a_usable_kakeru_backup(tmp_path):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE things (x)")
    conn.close()
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute("CREATE TABLE companies (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    expected = {
        garbage: "破損", foreign: "Kakeru のデータベースではありません", newer: "新しいバージョン",
        tmp_path / "missing.db": "見つかりません",
    }
    for path, phrase in expected.items():
        verdict = validate_backup(path)
        assert not verdict.ok and phrase in verdict.message_ja, (path, verdict)


# -- restoring -------------------------------------------------------------------------------------

def test_restore_round_trip_drops_the_change_and_keeps_the_pre_restore_state(tmp_path):
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    add_company(db, "株式会社まえ")
    taken = backup_now(db, now=MOMENT)
    add_company(db, "株式会社あと")
    db.close()

    kept = restore_backup(path, taken)

    assert names(path) == ["株式会社まえ"]
    assert names(kept) == ["株式会社まえ", "株式会社あと"]
    assert [b.reason for b in list_backups(path) if b.path == kept] == ["before-restore"]
    assert not (tmp_path / "kakeru.db.restoring").exists()
    db = open_db(path)
    try:
        assert check_database(db).ok
        add_company(db, "株式会社復元後")  # the restored file is an ordinary, writable database
        assert [r["name"] for r in db.query("SELECT name FROM companies")] == [
            "株式会社まえ", "株式会社復元後",
        ]
    finally:
        db.close()


def test_restore_keeps_unsaved_log_content_and_never_replays_it(tmp_path):
    # A crash leaves committed work in kakeru.db-wal; restoring must keep it in the pre-restore
    # backup and must not let that log be applied on top of the restored file.
    live = tmp_path / "live" / "kakeru.db"
    db = open_db(live)
    add_company(db, "株式会社まえ")
    taken = backup_now(db)
    db.execute("PRAGMA wal_autocheckpoint = 0")
    add_company(db, "株式会社ログの中")
    crashed = tmp_path / "kakeru.db"
    for suffix in ("", "-wal"):
        shutil.copyfile(str(live) + suffix, str(crashed) + suffix)
    db.close()
    assert (tmp_path / "kakeru.db-wal").stat().st_size > 0

    kept = restore_backup(crashed, taken)

    assert names(crashed) == ["株式会社まえ"]
    assert names(kept) == ["株式会社まえ", "株式会社ログの中"]
    assert not (tmp_path / "kakeru.db-wal").exists()


@pytest.mark.parametrize("kind", ["garbage", "foreign", "newer"])
def test_an_invalid_backup_is_refused_and_nothing_changes(db_file, tmp_path, kind):
    db, path = db_file
    db.close()
    chosen = tmp_path / "chosen.db"
    if kind == "garbage":
        chosen.write_bytes(b"\x00garbage" * 512)
    else:
        conn = sqlite3.connect(chosen)
        table = "companies (id INTEGER PRIMARY KEY)" if kind == "newer" else "t (x)"
        conn.execute(f"CREATE TABLE {table}")
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1 if kind == 'newer' else 0}")
        conn.close()
    before = path.read_bytes()
    with pytest.raises(InvalidBackup) as caught:
        restore_backup(path, chosen)
    assert "復元できません" in str(caught.value) and "変更していません" in str(caught.value)
    assert path.read_bytes() == before
    assert not backup_dir(path).exists()


def test_restore_refuses_while_the_database_is_still_open(db_file):
    db, path = db_file
    taken = backup_now(db)
    add_company(db, "株式会社ひらいたまま")
    with pytest.raises(DatabaseLocked):
        restore_backup(path, taken)
    assert [r["name"] for r in db.query("SELECT name FROM companies")] == [
        "株式会社はじめ", "株式会社ひらいたまま",
    ]


def test_restore_over_a_damaged_file_keeps_a_raw_copy_of_it(db_file, tmp_path):
    db, path = db_file
    taken = backup_now(db, now=MOMENT)
    db.close()
    damaged = b"this used to be a database" * 300
    path.write_bytes(damaged)
    kept = restore_backup(path, taken)
    assert kept.read_bytes() == damaged
    assert names(path) == ["株式会社はじめ"]
    assert newest_good_backup(path).path == taken


def test_restoring_the_file_onto_itself_is_refused(db_file):
    db, path = db_file
    db.close()
    with pytest.raises(InvalidBackup):
        restore_backup(path, path)


# -- the file as it is (main.py backup; its output is asserted in tests/test_cli.py) -----------------

def test_backup_file_copies_to_the_backups_folder_or_to_a_named_file(db_file, tmp_path):
    db, path = db_file
    db.close()
    copy = backup_file(path)
    assert copy.verdict.ok and copy.size == copy.path.stat().st_size
    assert [b.reason for b in list_backups(path)] == ["manual"]
    out = tmp_path / "elsewhere" / "copy.db"
    assert backup_file(path, out).path == out and names(out) == ["株式会社はじめ"]
    with pytest.raises(ValidationError):
        backup_file(path, path)
    with pytest.raises(DatabaseMissing):
        backup_file(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
