"""The subcommands that write (import, demo) check the file and back it up first, as the app does: a damaged
database is refused and left as it was, a sound one is copied to ``before-<reason>`` before the first write,
and a new file or an input that cannot be read costs no copy."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.store.backup import list_backups, validate_backup
from models.store.db import backup_dir, open_db, stamp, writing

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def companies_in(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM companies").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def kakeru_file(tmp_path):
    """A closed database with 200 companies (several pages, so damage can hit the middle)."""
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    with writing(db):
        db.table("companies").insert_all(stamp({"name": f"株式会社{i:03d}", "notes": "メモ" * 60})
                                         for i in range(200))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("会社名,電話番号\n株式会社新規一,03-1111-2222\n株式会社新規二,03-3333-4444\n",
                    encoding="utf-8")
    return path


def test_an_import_into_a_damaged_database_is_refused_and_writes_nothing(kakeru_file, csv_file):
    data = bytearray(kakeru_file.read_bytes())
    for page in range(2, len(data) // 4096):
        data[page * 4096:page * 4096 + 8] = b"\xff" * 8
    kakeru_file.write_bytes(bytes(data))
    result = run_main("import", str(csv_file), "--db", str(kakeru_file), "--list", "新規")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "破損" in result.stderr and "quick_check" in result.stderr
    assert kakeru_file.read_bytes() == bytes(data)
    assert not backup_dir(kakeru_file).exists()


def test_an_import_backs_the_database_up_as_it_was_before_writing(kakeru_file, csv_file):
    result = run_main("import", str(csv_file), "--db", str(kakeru_file), "--list", "新規")
    assert result.returncode == 0, result.stderr
    [backup] = list_backups(kakeru_file)
    assert backup.reason == "before-import"
    verdict = validate_backup(backup.path)
    assert verdict.ok and verdict.companies == 200
    assert companies_in(kakeru_file) == 202


def test_a_new_database_or_an_unreadable_input_costs_no_backup(tmp_path, kakeru_file, csv_file):
    new = tmp_path / "new" / "kakeru.db"
    assert run_main("import", str(csv_file), "--db", str(new), "--list", "新規").returncode == 0
    assert companies_in(new) == 2 and not backup_dir(new).exists()
    missing = run_main("import", str(tmp_path / "typo.csv"), "--db", str(kakeru_file), "--list", "新規")
    assert missing.returncode == 1 and "見つかりません" in missing.stderr
    assert list_backups(kakeru_file) == []


def test_demo_into_an_existing_database_backs_it_up_first(kakeru_file):
    refused = run_main("demo", "--db", str(kakeru_file), "--companies", "3")  # has companies, no --force
    assert refused.returncode == 1 and list_backups(kakeru_file) == []
    result = run_main("demo", "--db", str(kakeru_file), "--companies", "3", "--force")
    assert result.returncode == 0, result.stderr
    [backup] = list_backups(kakeru_file)
    assert backup.reason == "before-demo" and validate_backup(backup.path).companies == 200
