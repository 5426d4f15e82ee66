"""A full disk, simulated: a failed write leaves the database as it was, says so plainly, and the app
goes on working once space is freed. ``PRAGMA max_page_count`` plays the full disk for the database;
``RLIMIT_FSIZE`` plays it for a backup file, in a child process.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.store.backup import backup_now, list_backups
from models.store.check import check_database
from models.store.db import backup_dir, open_db, stamp, writing
from models.store.errors import DiskFull

ROOT = Path(__file__).resolve().parents[3]
UNLIMITED = 1_073_741_823
CALL_AT = "2026-11-23T10:15:00+09:00"


@pytest.fixture
def account(tmp_path):
    """A database file with one company, a contact, a list and an open plan."""
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    with writing(db):
        list_id = db.table("target_lists").insert(stamp({"name": "既存リスト"})).last_pk
        company = stamp({"name": "既存の会社", "search_key": "既存の会社"})
        company_id = db.table("companies").insert(company).last_pk
        db.table("list_members").insert(stamp({"list_id": list_id, "company_id": company_id}))
        db.table("plans").insert(stamp({"company_id": company_id, "due": "2026-11-23"}))
    yield db, path, list_id, company_id
    db.close()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Everything a caller could see, read through a separate connection."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("companies", "list_members", "touches", "plans", "target_lists")
        }
    finally:
        conn.close()


def fill_to_the_brim(db) -> None:
    """Leave no free page: further rows that need a page of their own cannot be written."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")
    for i in range(10_000):
        try:
            with writing(db):
                db.table("settings").insert(stamp({"key": f"filler{i}", "value": "x" * 900}))
        except DiskFull:
            return
    raise AssertionError("the database never filled up")


def import_rows(db, list_id: int, count: int) -> None:
    """An import-sized transaction: many companies, each put on the list."""
    with writing(db):
        for i in range(count):
            name = f"株式会社インポート{i:05d}"
            company_id = db.table("companies").insert(stamp({
                "name": name, "search_key": name, "address": "東京都千代田区丸の内一丁目" * 4,
                "notes": "取込メモ" * 40,
            })).last_pk
            db.table("list_members").insert(stamp({"list_id": list_id, "company_id": company_id}))


def log_call(db, company_id: int) -> None:
    """One call logged the way the app does: a touch, the plan it fulfils, the company's last touch."""
    with writing(db):
        touch_id = db.table("touches").insert(stamp({
            "company_id": company_id, "at": CALL_AT, "outcome": "connected",
            "note": "人事部長と話せた。来期の採用計画は12月に固まるとのこと。" * 60,
        })).last_pk
        db.execute(
            "UPDATE plans SET status = 'done', done_touch_id = ?, done_at = ? WHERE company_id = ?",
            [touch_id, CALL_AT, company_id],
        )
        db.execute("UPDATE companies SET last_touch_at = ? WHERE id = ?", [CALL_AT, company_id])


def test_a_failed_import_leaves_the_database_as_it_was_and_can_be_retried(account):
    db, path, list_id, _ = account
    before = snapshot(path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 5}")

    with pytest.raises(DiskFull) as caught:
        import_rows(db, list_id, 3000)

    assert "空き容量が不足" in str(caught.value) and "保存前の状態のまま" in str(caught.value)
    assert snapshot(path) == before
    assert check_database(db).ok
    db.execute(f"PRAGMA max_page_count = {UNLIMITED}")  # space freed
    import_rows(db, list_id, 3000)
    assert db.table("companies").count == 3001
    assert check_database(db).ok


def test_a_call_logged_on_a_full_disk_changes_nothing_and_succeeds_after_space_is_freed(account):
    db, path, _, company_id = account
    fill_to_the_brim(db)
    before = snapshot(path)

    with pytest.raises(DiskFull):
        log_call(db, company_id)

    assert snapshot(path) == before
    assert check_database(db).ok
    db.execute(f"PRAGMA max_page_count = {UNLIMITED}")
    log_call(db, company_id)
    after = snapshot(path)
    assert len(after["touches"]) == 1
    assert check_database(db).ok  # plan done with its touch and date, last touch in step


FULL_BACKUP = """
import resource, signal, sys
from models.store.backup import BackupFailed, backup_now
from models.store.db import open_db
db = open_db(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    backup_now(db)
except BackupFailed as error:
    print(error)
    sys.exit(3)
print("written")
"""


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_a_backup_that_runs_out_of_space_leaves_no_half_written_file(account):
    db, path, list_id, _ = account
    import_rows(db, list_id, 1500)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    assert size > 1_000_000

    result = subprocess.run(
        [sys.executable, "-c", FULL_BACKUP, str(path), str(size // 3)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )

    assert result.returncode == 3, result.stdout + result.stderr
    assert "バックアップを保存できませんでした" in result.stdout
    assert "データベースは変更していません" in result.stdout
    assert list(backup_dir(path).iterdir()) == []
    assert check_database(db).ok and db.table("companies").count == 1501
    assert backup_now(db).exists()  # with space again, backing up works
    assert len(list_backups(path)) == 1
