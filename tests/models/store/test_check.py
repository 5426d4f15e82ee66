"""The database check: a clean file passes; each planted problem is found and counted; damage is caught.

What ``main.py check`` prints of it is asserted in tests/test_cli.py, on the fixtures here.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from models.store.check import CannotCheck, check_database, check_file, quick_check
from models.store.db import open_db, stamp, writing
from models.store.errors import DatabaseMissing
from models.store.schema import LATEST_VERSION

AT = "2026-11-20T10:00:00+09:00"


def insert(db, table: str, values: dict) -> int:
    return db.table(table).insert(stamp(values)).last_pk


def build_sample(db) -> dict[str, int]:
    """A small account with everything the checks look at, consistent as the app writes it."""
    with writing(db):
        ids = {
            "list": insert(db, "target_lists", {"name": "東京 製造業"}),
            "company": insert(db, "companies", {"name": "株式会社サンプル", "search_key": "株式会社サンプル",
                                                "last_touch_at": AT}),
            "other_company": insert(db, "companies", {"name": "別会社", "search_key": "別会社"}),
        }
        ids["a"] = insert(db, "contacts", {"company_id": ids["company"], "name": "窓口 花子",
                                           "role": "gatekeeper"})
        ids["b"] = insert(db, "contacts", {"company_id": ids["company"], "name": "人事 太郎", "role": "hr"})
        ids["elsewhere"] = insert(db, "contacts", {"company_id": ids["other_company"], "name": "他社 一郎"})
        insert(db, "relationships", {"company_id": ids["company"], "from_contact_id": ids["a"],
                                     "to_contact_id": ids["b"], "kind": "introduced"})
        insert(db, "list_members", {"list_id": ids["list"], "company_id": ids["company"]})
        ids["touch"] = insert(db, "touches", {"company_id": ids["company"], "contact_id": ids["a"],
                                              "at": "2026-11-10T09:30:00+09:00", "outcome": "not_available"})
        insert(db, "touches", {"company_id": ids["company"], "contact_id": ids["b"], "at": AT,
                               "outcome": "connected"})
        insert(db, "plans", {"company_id": ids["company"], "due": "2026-11-12", "status": "done",
                             "done_touch_id": ids["touch"], "done_at": AT})
        insert(db, "plans", {"company_id": ids["company"], "due": "2026-12-01", "hypothesis": "人事計画の前"})
        meeting = insert(db, "meetings", {"company_id": ids["company"],
                                          "starts_at": "2026-12-03T14:00:00+09:00"})
        insert(db, "meeting_attendees", {"meeting_id": meeting, "contact_id": ids["b"]})
    return ids


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    ids = build_sample(db)
    yield db, path, ids
    db.close()


def plant(db, *statements: str) -> None:
    """Write behind the app's back, as a bug or a hand edit would."""
    db.execute("PRAGMA foreign_keys = OFF")
    with writing(db):
        for sql in statements:
            db.execute(sql)
    db.execute("PRAGMA foreign_keys = ON")


def test_a_consistent_database_passes(sample):
    db, path, _ = sample
    report = check_database(db)
    assert report.ok and report.problems == [], report.problems
    assert check_file(path).ok


def test_an_empty_database_passes(fresh_db):
    assert check_database(fresh_db).ok


NOW = "'2026-11-23T10:00:00+09:00'"


def _insert_sql(table: str, columns: dict[str, object]) -> str:
    """Raw SQL for one row (literal values, so it can be planted with foreign keys off)."""
    names = ", ".join(["uid", "created_at", "updated_at", *columns])
    literals = [f"'{v}'" if isinstance(v, str) else str(v) for v in columns.values()]
    values = ", ".join(["lower(hex(randomblob(16)))", NOW, NOW, *literals])
    return f"INSERT INTO {table} ({names}) VALUES ({values})"


CASES = {
    "contact of a missing company": (
        lambda ids: [_insert_sql("contacts", {"company_id": 999, "name": "迷子 一郎"})],
        "orphan", "contacts", 1,
    ),
    "touches of a missing company": (
        lambda ids: [_insert_sql("touches", {"company_id": 999, "at": AT})] * 2,
        "orphan", "touches", 2,
    ),
    "touch with a missing contact": (
        lambda ids: [f"DELETE FROM contacts WHERE id = {ids['a']}"],
        "orphan", "touches", 1,
    ),
    "plan of a missing company": (
        lambda ids: [_insert_sql("plans", {"company_id": 999, "due": "2026-12-01"})] * 3,
        "orphan", "plans", 3,
    ),
    "meeting of a missing company": (
        lambda ids: [_insert_sql("meetings", {"company_id": 999, "starts_at": AT})],
        "orphan", "meetings", 1,
    ),
    "list member of a missing company": (
        lambda ids: [_insert_sql("list_members", {"company_id": 999, "list_id": ids["list"]})],
        "orphan", "list_members", 1,
    ),
    "relationship with a missing contact": (
        lambda ids: [_insert_sql("relationships", {"company_id": ids["company"], "from_contact_id": ids["a"],
                                                   "to_contact_id": 999, "kind": "works_with"})],
        "orphan", "relationships", 1,
    ),
    "plan done by a missing touch": (
        lambda ids: [f"UPDATE plans SET done_touch_id = 999 WHERE done_touch_id = {ids['touch']}"],
        "plan_missing_touch", "plans", 1,
    ),
    "done plan without a date": (
        lambda ids: ["UPDATE plans SET status = 'done', done_at = NULL"],
        "plan_done_without_date", "plans", 2,
    ),
    "relationship across companies": (
        lambda ids: [_insert_sql("relationships", {"company_id": ids["company"], "from_contact_id": ids["a"],
                                                   "to_contact_id": ids["elsewhere"], "kind": "works_with"})],
        "relationship_cross_company", "relationships", 1,
    ),
    "last touch out of step": (
        lambda ids: [
            f"UPDATE companies SET last_touch_at = '2026-01-01T09:00:00+09:00' WHERE id = {ids['company']}",
            f"UPDATE companies SET last_touch_at = '{AT}' WHERE id = {ids['other_company']}",
        ],
        "last_touch_mismatch", "companies", 2,
    ),
    "search index out of step": (
        lambda ids: ["INSERT INTO companies_fts(companies_fts, rowid, search_key) "
                     f"SELECT 'delete', id, search_key FROM companies WHERE id = {ids['company']}"],
        "search_index", "companies_fts", 1,
    ),
    "declared foreign key not covered by the app's checks": (
        lambda ids: [f"UPDATE companies SET import_id = 42 WHERE id = {ids['company']}"],
        "foreign_key", "companies", 1,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_planted_problem_is_found_and_counted(sample, case):
    db, path, ids = sample
    statements, kind, table, count = CASES[case]
    plant(db, *statements(ids))
    report = check_database(db)
    assert not report.ok
    found = [(p.kind, p.table, p.count) for p in report.problems]
    assert (kind, table, count) in found, found
    assert check_file(path) == report


def test_a_moment_written_with_another_offset_is_not_a_mismatch(sample):
    db, _, ids = sample
    plant(db, f"UPDATE companies SET last_touch_at = '2026-11-20T01:00:00+00:00' WHERE id = {ids['company']}")
    assert check_database(db).ok


def damage_mid_page(sample, tmp_path) -> tuple:
    """A copy of the sample with a row's bytes overwritten inside a table page: (path, its bytes)."""
    db, path, _ = sample
    with writing(db):
        for i in range(300):
            db.table("companies").insert(stamp({"name": f"会社{i:04d}", "name_key": f"marker{i:04d}",
                                                "search_key": f"会社{i:04d}"}))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(path, damaged)
    data = bytearray(damaged.read_bytes())
    offset = data.index(b"marker0150")  # a row's key in the middle of a table page
    assert offset % 4096 not in range(0, 100)
    data[offset:offset + 10] = b"XXXXXXXXXX"
    damaged.write_bytes(bytes(data))
    return damaged, bytes(data)


def test_a_file_damaged_in_the_middle_of_a_page_fails_integrity(sample, tmp_path):
    damaged, data = damage_mid_page(sample, tmp_path)
    report = check_file(damaged)
    assert not report.ok and [p.kind for p in report.problems] == ["integrity"]
    assert damaged.read_bytes() == data  # checking never writes


def test_quick_check_catches_a_damaged_page_header_and_leaves_the_file_alone(sample, tmp_path):
    db, path, _ = sample
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert quick_check(path)
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(path, damaged)
    data = bytearray(damaged.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096:page * 4096 + 8] = b"\xff" * 8
    damaged.write_bytes(bytes(data))
    assert not quick_check(damaged)
    assert damaged.read_bytes() == bytes(data)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("damaged")) == ["damaged.db"]
    assert quick_check(tmp_path / "missing.db")
    (tmp_path / "garbage.db").write_bytes(b"nonsense" * 600)
    assert not quick_check(tmp_path / "garbage.db")


def unchecked_files(tmp_path) -> dict:
    """Files ``check`` cannot check, by what is wrong with them: missing, garbage, foreign, newer."""
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"nonsense" * 600)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute("CREATE TABLE companies (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    return {"missing": tmp_path / "missing.db", "garbage": garbage, "foreign": foreign, "newer": newer}


def test_files_that_cannot_be_checked_are_refused(tmp_path):
    files = unchecked_files(tmp_path)
    with pytest.raises(DatabaseMissing, match="見つかりません"):
        check_file(files["missing"])
    assert not files["missing"].exists()
    with pytest.raises(CannotCheck, match="読み取れません"):
        check_file(files["garbage"])
    with pytest.raises(CannotCheck, match="Kakeru のデータベースではありません"):
        check_file(files["foreign"])
    with pytest.raises(CannotCheck, match="新しいバージョン"):
        check_file(files["newer"])


def test_a_clean_close_is_recorded_once_and_only_while_the_file_is_unchanged(tmp_path):
    from models.store.check import record_clean_close, take_clean_close

    path = tmp_path / "kakeru.db"
    db = open_db(path)
    db.close()
    assert not take_clean_close(path)  # nothing recorded
    assert record_clean_close(path)
    assert take_clean_close(path)
    assert not take_clean_close(path)  # used up
    assert record_clean_close(path)
    with path.open("r+b") as handle:  # any change since the close
        handle.seek(0, 2)
        handle.write(b"\0" * 4096)
    assert not take_clean_close(path)
    assert not record_clean_close(tmp_path / "missing.db")


def test_the_counts_kept_for_the_kpi_page_are_checked(tmp_path):
    from models.accounts.companies import create_company
    from models.planning.touches import log_outcome

    db = open_db(tmp_path / "kakeru.db")
    company = create_company(db, {"name": "株式会社チェック"})
    log_outcome(db, company.id, "not_available", at="2026-01-05T10:00:00+09:00")  # a touch and a plan
    assert check_database(db).ok
    db.execute("UPDATE companies SET first_touch_at = NULL, open_plans = 3 WHERE id = ?", [company.id])
    kinds = {problem.kind for problem in check_database(db).problems}
    assert {"first_touch_mismatch", "open_plans_mismatch"} <= kinds
    db.close()
