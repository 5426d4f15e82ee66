"""SQLite errors are told apart by their error code: each real failure of the file or the machine becomes
its named error with a plain sentence, and anything else stays a bug."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.store.db import open_db, stamp, wrap, writing
from models.store.errors import (
    DatabaseCannotOpen,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DiskFull,
    classify,
    is_busy,
    sqlite_code,
)

ROOT = Path(__file__).resolve().parents[3]


def raised(action) -> sqlite3.Error:
    """The sqlite3 error ``action`` raises."""
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


@pytest.fixture
def kakeru_file(tmp_path):
    """A Kakeru database file with 300 companies, closed, with everything in the main file."""
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    with writing(db):
        db.table("companies").insert_all(
            stamp({"name": f"株式会社テスト{i:03d}", "notes": "メモ" * 50}) for i in range(300))
    db.close()
    return path


def test_a_write_while_another_connection_holds_the_write_lock_is_busy(kakeru_file):
    holder = sqlite3.connect(kakeru_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    writer = sqlite3.connect(kakeru_file, timeout=0)
    try:
        error = raised(lambda: writer.execute("UPDATE companies SET notes = NULL"))
    finally:
        writer.close()
        holder.execute("ROLLBACK")
        holder.close()
    assert sqlite_code(error) == sqlite3.SQLITE_BUSY and is_busy(error)
    named = classify(error, str(kakeru_file))
    assert isinstance(named, DatabaseLocked)
    assert str(named) == (f"データベース「{kakeru_file}」は別のプログラムが使用中です。"
                          "ほかに開いている Kakeru を閉じてから、もう一度お試しください。")


def test_a_table_still_being_read_cannot_be_dropped_and_counts_as_locked(tmp_path):
    conn = sqlite3.connect(tmp_path / "plain.db", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(10)])
    reading = conn.execute("SELECT x FROM t")
    reading.fetchone()
    error = raised(lambda: conn.execute("DROP TABLE t"))
    conn.close()
    assert sqlite_code(error) == sqlite3.SQLITE_LOCKED and is_busy(error)
    assert isinstance(classify(error, "plain.db"), DatabaseLocked)


def test_a_write_through_a_read_only_connection_is_read_only(kakeru_file):
    db = wrap(sqlite3.connect(f"{kakeru_file.as_uri()}?mode=ro", uri=True))
    try:
        error = raised(lambda: db.execute("DELETE FROM companies"))
        assert sqlite_code(error) == sqlite3.SQLITE_READONLY
        with pytest.raises(DatabaseReadOnly) as caught, writing(db):
            db.execute("DELETE FROM companies")
        assert "読み取り専用" in str(caught.value) and "保存されていません" in str(caught.value)
        assert db.execute("SELECT count(*) FROM companies").fetchone()[0] == 300
    finally:
        db.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not stop root (CI runs as root); the mode=ro test covers it")
def test_a_file_without_write_permission_is_read_only(kakeru_file):
    kakeru_file.chmod(0o444)
    try:
        # A file already in WAL mode opens for reading; the first write is refused.
        with pytest.raises(DatabaseReadOnly):
            db = open_db(kakeru_file)
            try:
                with writing(db):
                    db.execute("DELETE FROM companies")
            finally:
                db.close()
    finally:
        kakeru_file.chmod(0o644)


def test_a_file_of_random_bytes_is_not_a_database(tmp_path):
    path = tmp_path / "random.db"
    path.write_bytes(random.Random(7).randbytes(16_384))
    conn = sqlite3.connect(path)
    error = raised(lambda: conn.execute("PRAGMA user_version").fetchone())
    conn.close()
    assert sqlite_code(error) == sqlite3.SQLITE_NOTADB
    assert isinstance(classify(error, str(path)), DatabaseCorrupt)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_db(path)
    assert "Kakeru のデータベースではありません" in str(caught.value)


def _overwrite_companies_root_page(path: Path) -> None:
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'companies'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def _truncate_to_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", [_overwrite_companies_root_page, _truncate_to_half])
def test_a_damaged_file_is_corrupt(kakeru_file, damage):
    damage(kakeru_file)
    db = wrap(sqlite3.connect(kakeru_file))
    try:
        error = raised(lambda: db.execute("SELECT sum(length(notes)) FROM companies").fetchone())
        assert sqlite_code(error) == sqlite3.SQLITE_CORRUPT
        assert isinstance(classify(error, str(kakeru_file)), DatabaseCorrupt)
        # Met in the middle of a write, damage is named too (sqlite3 raises it as DatabaseError).
        with pytest.raises(DatabaseCorrupt) as caught, writing(db):
            db.execute("UPDATE companies SET notes = 'x'")
        assert "破損" in str(caught.value) and "malformed" in str(caught.value)
    finally:
        db.close()


def test_a_database_in_a_missing_folder_cannot_be_opened(tmp_path):
    path = tmp_path / "missing" / "kakeru.db"
    error = raised(lambda: sqlite3.connect(path))
    assert sqlite_code(error) == sqlite3.SQLITE_CANTOPEN
    named = classify(error, str(path))
    assert isinstance(named, DatabaseCannotOpen)
    assert str(named).startswith(f"データベース「{path}」を開けませんでした。")
    assert not path.parent.exists()


def test_a_folder_given_as_the_database_cannot_be_opened(tmp_path):
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    with pytest.raises(DatabaseCannotOpen):
        open_db(folder)


def test_a_database_at_its_page_limit_is_full(file_db):
    db, path = file_db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    rows = [stamp({"key": f"filler{i}", "value": "x" * 900}) for i in range(200)]
    error = raised(lambda: db.table("settings").insert_all(rows))
    db.conn.rollback()
    assert sqlite_code(error) == sqlite3.SQLITE_FULL
    assert isinstance(classify(error, str(path)), DiskFull)


WRITE_PAST_THE_LIMIT = """
import resource, signal, sys
from models.store.db import open_db, stamp, writing
from models.store.errors import KakeruError
db = open_db(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
try:
    with writing(db):
        db.table("companies").insert_all(stamp({"name": f"会社{i}", "notes": "x" * 2000}) for i in range(500))
except KakeruError as error:
    print(type(error).__name__, error.__cause__.sqlite_errorname)
    print(error)
"""


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_a_write_the_file_system_refuses_is_a_disk_error(kakeru_file):
    # EFBIG from the size limit: SQLite reports SQLITE_IOERR_WRITE (an extended code of IOERR).
    limit = kakeru_file.stat().st_size + 200_000
    result = subprocess.run([sys.executable, "-c", WRITE_PAST_THE_LIMIT, str(kakeru_file), str(limit)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "DiskError SQLITE_IOERR_WRITE"
    assert "ディスクのエラー" in result.stdout
    db = open_db(kakeru_file)
    assert db.execute("SELECT count(*) FROM companies").fetchone()[0] == 300  # nothing half-written
    db.close()


def test_errors_that_are_bugs_are_not_classified(fresh_db):
    syntax = raised(lambda: fresh_db.execute("THIS IS NOT SQL"))
    row = stamp({"name": "株式会社重複"})
    fresh_db.table("companies").insert(row)
    duplicate = raised(lambda: fresh_db.table("companies").insert(row))
    made_by_hand = sqlite3.OperationalError("database is locked")  # no code: not raised by SQLite
    for error in (syntax, duplicate, made_by_hand, ValueError("not SQLite")):
        assert classify(error, ":memory:") is None, error
    assert sqlite_code(made_by_hand) is None and not is_busy(made_by_hand)
    with pytest.raises(sqlite3.IntegrityError), writing(fresh_db):
        fresh_db.table("companies").insert(row)
