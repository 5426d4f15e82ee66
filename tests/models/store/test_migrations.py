"""Real database files of every released schema version open, upgrade with their rows, and pass the check.

Each ``tests/fixtures/kakeru_vN.db`` was written by the code of the commit that introduced migration N
(``tests/fixtures/README.md`` says how); the same account is in every one from version 2 on.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from models.store import schema
from models.store.check import check_database
from models.store.db import backup_dir, open_db, schema_version
from models.store.errors import DatabaseTooNew

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
VERSIONS = range(1, schema.LATEST_VERSION + 1)
COUNTED = ("companies", "contacts", "relationships", "touches", "plans", "meetings", "list_members")
ACCOUNT = "株式会社移行テスト"
CALLER = "高橋 由美"  # make_fixture.py names the caller; plans record it from version 9 on


def test_every_released_version_has_a_fixture():
    """A new migration needs its fixture too: write it with make_fixture.py (see the README)."""
    assert sorted(p.name for p in FIXTURES.glob("kakeru_v*.db")) == sorted(
        f"kakeru_v{version}.db" for version in VERSIONS)


def _copy(version: int, tmp_path: Path) -> Path:
    path = tmp_path / "kakeru.db"
    shutil.copyfile(FIXTURES / f"kakeru_v{version}.db", path)
    return path


def _raw(path: Path) -> tuple[int, dict[str, int]]:
    """The file's version and row counts, read without Kakeru's code."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED}
    finally:
        conn.close()
    return version, counts


@pytest.mark.parametrize("version", VERSIONS)
def test_a_released_file_opens_at_the_current_version_with_its_rows(version, tmp_path):
    path = _copy(version, tmp_path)
    file_version, before = _raw(path)
    assert file_version == version
    assert before["companies"] >= 1

    db = open_db(path)
    try:
        assert schema_version(db) == schema.LATEST_VERSION
        after = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED}
        assert after == before
        report = check_database(db)
        assert report.ok, [problem.message_ja for problem in report.problems]
    finally:
        db.close()

    backups = sorted(backup_dir(path).glob("*.db")) if backup_dir(path).is_dir() else []
    if version == schema.LATEST_VERSION:
        assert backups == []  # nothing to upgrade, nothing backed up
        return
    assert [b.name.split("-before-")[1].split("-")[0] for b in backups] == [f"v{schema.LATEST_VERSION}"]
    backup_version, backup_counts = _raw(backups[0])
    assert (backup_version, backup_counts) == (version, before)


@pytest.mark.parametrize("version", [v for v in VERSIONS if v >= 2])
def test_the_fixture_account_keeps_its_values_through_the_upgrade(version, tmp_path):
    db = open_db(_copy(version, tmp_path))
    try:
        company = next(db.query("SELECT * FROM companies WHERE name = ?", [ACCOUNT]))
        assert (company["phone"], company["employees"], company["fiscal_year_end_month"]) == (
            "03-1234-5678", 120, 3)
        assert company["last_touch_at"] == "2026-11-18T14:00:00+09:00"
        # Columns added by later migrations are filled from the rows that were already there.
        assert company["first_touch_at"] == "2026-11-16T10:00:00+09:00"
        assert company["open_plans"] == 1
        people = {r["name"]: r["id"] for r in db.query(
            "SELECT id, name FROM contacts WHERE company_id = ?", [company["id"]])}
        assert set(people) == {"佐藤 花子", "鈴木 一郎"}
        link = next(db.query("SELECT * FROM relationships WHERE company_id = ?", [company["id"]]))
        assert (link["from_contact_id"], link["to_contact_id"], link["kind"]) == (
            people["佐藤 花子"], people["鈴木 一郎"], "introduced")
        touches = list(db.query(
            "SELECT id, outcome, duration_s, note FROM touches WHERE company_id = ? ORDER BY at",
            [company["id"]]))
        assert [(t["outcome"], t["duration_s"]) for t in touches] == [
            ("not_available", None), ("appointment", 420)]
        assert touches[1]["note"] == "採用計画の前に現場の話を聞きたいとのこと"
        plans = {r["status"]: r for r in db.query(
            "SELECT * FROM plans WHERE company_id = ?", [company["id"]])}
        assert plans["done"]["done_touch_id"] == touches[1]["id"]
        assert plans["open"]["hypothesis"] == "1月に来期の採用計画を作るので、12月上旬に連絡する"
        # Migration 9 adds who made each plan: unknown for the plans of an older file.
        assert plans["open"]["caller"] == (CALLER if version >= 9 else None)
        meeting = next(db.query("SELECT * FROM meetings WHERE company_id = ?", [company["id"]]))
        assert (meeting["place"], meeting["touch_id"]) == ("本社 3階会議室", touches[1]["id"])
        attendees = db.execute(
            "SELECT count(*) FROM meeting_attendees WHERE meeting_id = ?", [meeting["id"]]).fetchone()[0]
        assert attendees == 2
        assert db.execute(
            "SELECT l.name FROM list_members AS m JOIN target_lists AS l ON l.id = m.list_id "
            "WHERE m.company_id = ?",
            [company["id"]]).fetchall() == [("移行テスト用リスト",)]
        # Migration 4's per-day counts include the calls logged before it existed.
        day = db.execute("SELECT calls, appointments FROM touch_days WHERE day = '2026-11-18'").fetchone()
        assert day[0] >= 1 and day[1] >= 1
    finally:
        db.close()


def test_a_released_file_from_a_newer_version_is_refused_by_name_and_left_alone(tmp_path):
    path = _copy(schema.LATEST_VERSION, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as caught:
        open_db(path)
    assert (caught.value.file_version, caught.value.app_version) == (
        schema.LATEST_VERSION + 1, schema.LATEST_VERSION)
    assert "新しいバージョン" in str(caught.value)
    assert path.read_bytes() == before
    assert not backup_dir(path).exists()
