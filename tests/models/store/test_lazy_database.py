"""LazyDatabase: reads answered on the connection, sqlite-utils loaded for anything else, same results."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from models.accounts import lists, targets
from models.store.db import open_db, writing
from models.store.lazy_database import LazyDatabase


@pytest.fixture
def file_db(tmp_path):
    open_db(tmp_path / "k.db").close()  # made and migrated: writes
    db = open_db(tmp_path / "k.db")  # the next start only reads
    yield db
    db.close()


def test_open_db_reads_the_first_screen_without_sqlite_utils(file_db):
    assert isinstance(file_db, LazyDatabase)
    assert not file_db.loaded  # opening (version check, WAL, time zone) only read
    targets.count_targets(file_db, targets.TargetFilter())
    targets.fetch_targets(file_db, targets.TargetFilter(), limit=10)
    targets.distinct_values(file_db, "prefecture")  # a WITH RECURSIVE read
    lists.get_lists(file_db)  # db.query of a SELECT
    assert file_db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert not file_db.loaded


def test_a_write_loads_sqlite_utils_and_commits_as_it_does(tmp_path, file_db):
    file_db.execute("INSERT INTO settings (uid, key, value, created_at, updated_at) "
                    "VALUES ('u1', 'probe', '1', 'now', 'now')")
    assert file_db.loaded
    assert isinstance(file_db.full, Database) and file_db.full.conn is file_db.conn
    other = sqlite3.connect(tmp_path / "k.db")  # committed: another connection sees it
    assert other.execute("SELECT value FROM settings WHERE key = 'probe'").fetchone() == ("1",)
    other.close()


def test_tables_and_transactions_go_through_sqlite_utils(file_db):
    with writing(file_db):
        file_db["scratch"].insert({"id": 1, "name": "株式会社テスト"}, pk="id")
    assert file_db["scratch"].count == 1
    assert file_db.table_names()  # any other attribute is sqlite-utils'
    assert file_db.query("SELECT name FROM scratch").__next__() == {"name": "株式会社テスト"}


def test_repeated_column_names_are_renamed_as_sqlite_utils_does():
    db = LazyDatabase(sqlite3.connect(":memory:"))
    assert list(db.query("SELECT 1 AS a, 2 AS a")) == [{"a": 1, "a_2": 2}]
    assert db.loaded


def test_recursive_triggers_are_on_before_sqlite_utils_is_loaded():
    db = LazyDatabase(sqlite3.connect(":memory:"))
    assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
    assert not db.loaded
    with db:
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")  # closed by the with block
