"""The store: creation, pragmas, migrations (backup first, refuse newer files), and named errors."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from models.accounts.companies import create_company
from models.store import db as dbmod
from models.store import schema
from models.store.db import backup_dir, open_db, schema_version, writing
from models.store.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, DiskFull

DESIGN_TABLES = {
    "companies", "contacts", "relationships", "target_lists", "list_members", "touches", "plans",
    "cadences", "cadence_steps", "meetings", "settings",
}


def test_new_file_is_fully_migrated_with_wal_and_foreign_keys(file_db):
    db, path = file_db
    assert path.exists()
    assert schema_version(db) == schema.LATEST_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert set(db.table_names()) >= DESIGN_TABLES


def test_every_table_has_the_common_columns(fresh_db):
    for table in fresh_db.tables:
        if table.name.startswith("companies_fts") or table.name == "sqlite_sequence":  # SQLite's own
            continue
        columns = set(table.columns_dict)
        assert {"id", "uid", "created_at", "updated_at"} <= columns, table.name


def test_foreign_keys_cascade_from_company(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社テスト"})
    fresh_db.table("contacts").insert(dbmod.stamp({"company_id": company.id, "name": "山田 太郎"}))
    with writing(fresh_db):
        fresh_db.execute("DELETE FROM companies WHERE id = ?", [company.id])
    assert fresh_db.table("contacts").count == 0


def test_file_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as caught:
        open_db(path)
    assert "新しいバージョン" in str(caught.value)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_reported_and_left_alone(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not sqlite" * 200)
    before = path.read_bytes()
    with pytest.raises(DatabaseCorrupt) as caught:
        open_db(path)
    assert "バックアップから復元" in str(caught.value)
    assert path.read_bytes() == before


def _with_extra_migration(monkeypatch, statements):
    migrations = [*schema.MIGRATIONS, statements]
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations)
    monkeypatch.setattr(dbmod, "LATEST_VERSION", len(migrations))


def test_upgrade_backs_the_file_up_first(tmp_path, monkeypatch):
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    create_company(db, {"name": "株式会社アップグレード"})
    db.close()
    _with_extra_migration(monkeypatch, ["ALTER TABLE companies ADD COLUMN extra TEXT"])
    db = open_db(path)
    assert schema_version(db) == schema.LATEST_VERSION + 1
    assert "extra" in db.table("companies").columns_dict
    backups = list(backup_dir(path).glob("*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
    assert old.execute("SELECT name FROM companies").fetchall() == [("株式会社アップグレード",)]
    old.close()
    db.close()


def test_a_failing_migration_rolls_back_completely(tmp_path, monkeypatch):
    path = tmp_path / "kakeru.db"
    open_db(path).close()
    _with_extra_migration(monkeypatch, ["CREATE TABLE half_done (x)", "THIS IS NOT SQL"])
    with pytest.raises(sqlite3.OperationalError):
        open_db(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    conn.close()


def test_disk_full_leaves_the_database_as_it_was_and_recovers(file_db):
    db, _ = file_db
    create_company(db, {"name": "既存の会社"})
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull) as caught, writing(db):
        for i in range(2000):
            db.table("companies").insert(dbmod.stamp({"name": f"会社{i}" * 20, "notes": "x" * 500}))
    assert "空き容量" in str(caught.value)
    assert [r["name"] for r in db.query("SELECT name FROM companies")] == ["既存の会社"]
    db.execute("PRAGMA max_page_count = 1073741823")
    create_company(db, {"name": "空き容量確保後の会社"})
    assert db.table("companies").count == 2


def test_a_locked_database_is_reported(tmp_path):
    path = tmp_path / "kakeru.db"
    open_db(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        db = open_db(path, busy_timeout_s=0.1)
        with pytest.raises(DatabaseLocked) as caught:
            create_company(db, {"name": "ロック中"})
        assert "使用中" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_backup_to_writes_a_complete_copy(file_db, tmp_path):
    db, _ = file_db
    create_company(db, {"name": "バックアップ対象"})
    copy = dbmod.backup_to(db, tmp_path / "out" / "copy.db")
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT name FROM companies").fetchall() == [("バックアップ対象",)]
    conn.close()
    assert not list((tmp_path / "out").glob("*.partial"))


def test_a_version_1_file_from_the_first_release_upgrades_with_its_data(tmp_path):
    """``tests/fixtures/kakeru_v1.db`` was written by migration 1 alone; it must open and upgrade."""
    path = tmp_path / "kakeru.db"
    shutil.copyfile(Path(__file__).parents[2] / "fixtures" / "kakeru_v1.db", path)
    db = open_db(path)
    assert schema_version(db) == schema.LATEST_VERSION
    assert [r["name"] for r in db.query("SELECT name FROM companies")] == ["株式会社フィクスチャ"]
    assert [r["name"] for r in db.query("SELECT name FROM contacts")] == ["山田 太郎"]
    indexes = {r["name"] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"companies_priority", "plans_company_open", "list_members_list_priority"} <= indexes
    # Migration 7 took out the indexes a longer one with the same first columns serves.
    assert not indexes & {"companies_status", "companies_never_touched", "list_members_company",
                          "plans_company", "plans_open_company"}
    assert {"companies_status_last_touch", "companies_untouched_ids", "list_members_company_list",
            "plans_open_created"} <= indexes
    backups = list(backup_dir(path).glob("*.db"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()


def test_uids_are_uuid7_hex_unique_and_ordered_by_time(monkeypatch):
    import re
    import time
    import uuid

    uids = dbmod.new_uids(50_000) + [dbmod.new_uid() for _ in range(1000)]
    assert len(set(uids)) == len(uids)
    for uid in uids[:2000] + uids[-1000:]:
        assert re.fullmatch(r"[0-9a-f]{32}", uid), uid
        parsed = uuid.UUID(hex=uid)
        assert (parsed.version, parsed.variant) == (7, uuid.RFC_4122)
        assert abs(int(uid[:12], 16) - time.time_ns() // 1_000_000) < 60_000  # the time, in milliseconds
    # 74 random bits a uid: after the time and the version digit every hex digit takes every value,
    # and the variant digit takes its four.
    for position in (*range(13, 16), *range(17, 32)):
        assert {uid[position] for uid in uids} == set("0123456789abcdef"), position
    assert {uid[16] for uid in uids} == set("89ab")
    assert dbmod.new_uids(0) == []
    # Later rows sort after earlier ones: a uid index grows at its end.
    clock = iter([1_700_000_000_000_000_000, 1_700_000_000_002_000_000])
    monkeypatch.setattr(dbmod.time, "time_ns", lambda: next(clock))
    earlier, later = dbmod.new_uids(100), dbmod.new_uids(100)
    assert max(earlier) < min(later)
    assert {uid[:12] for uid in earlier} == {f"{1_700_000_000_000:012x}"}
