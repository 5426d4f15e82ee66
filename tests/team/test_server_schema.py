"""The team schema on a real PostgreSQL: created, upgraded once, and a newer server refused."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from models.team.errors import ServerTooNew
from models.team.server_schema import (
    _MIGRATION_LOCK,
    LATEST_SERVER_VERSION,
    check_server_version,
    migrate_server,
    server_version,
)

SYNCED = ("companies", "contacts", "relationships", "touches", "plans", "meetings", "target_lists",
          "list_members")


def _tables(conn) -> set[str]:
    return {row[0] for row in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'kakeru'")}


def test_migrate_creates_the_schema_at_the_latest_version(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        assert server_version(conn) == 0
        assert migrate_server(conn) == 0
        assert server_version(conn) == LATEST_SERVER_VERSION
        assert _tables(conn) == {"kakeru_meta", "changes", *SYNCED}
        columns = {row[0] for row in conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'kakeru' AND table_name = 'contacts'")}
        assert {"uid", "company_uid", "successor_uid", "hlc", "field_hlc", "deleted"} <= columns
        assert "company_id" not in columns and "id" not in columns


def test_a_second_migrate_changes_nothing(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
        conn.execute("INSERT INTO kakeru.companies (uid, created_at, updated_at, name) "
                     "VALUES ('c1', 'now', 'now', '株式会社サーバー')")
        assert migrate_server(conn) == LATEST_SERVER_VERSION
        assert server_version(conn) == LATEST_SERVER_VERSION
        assert conn.execute("SELECT count(*) FROM kakeru.companies").fetchone()[0] == 1


def test_a_server_newer_than_this_kakeru_is_refused_and_left_alone(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
        conn.execute("UPDATE kakeru.kakeru_meta SET version = %s", [LATEST_SERVER_VERSION + 1])
        with pytest.raises(ServerTooNew) as refused:
            migrate_server(conn)
        assert "新しいバージョンの Kakeru" in str(refused.value)
        assert refused.value.server_version == LATEST_SERVER_VERSION + 1
        with pytest.raises(ServerTooNew):
            check_server_version(conn)
        assert server_version(conn) == LATEST_SERVER_VERSION + 1


def test_two_migrations_at_once_create_the_schema_once(team_dsn):
    """Both wait on the advisory lock; the first through migrates, the second finds it done.

    A third session holds the lock until both are seen waiting on it in pg_locks.
    """
    results: list[int | Exception] = []

    def migrate_in_own_connection():
        try:
            with psycopg.connect(team_dsn, autocommit=True) as conn:
                results.append(migrate_server(conn))
        except Exception as error:  # reported by the assertion below
            results.append(error)

    with psycopg.connect(team_dsn) as holder:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", [_MIGRATION_LOCK])  # released at commit
        threads = [threading.Thread(target=migrate_in_own_connection) for _ in range(2)]
        for thread in threads:
            thread.start()
        with psycopg.connect(team_dsn, autocommit=True) as watcher:
            waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            while all(thread.is_alive() for thread in threads) and watcher.execute(waiting).fetchone()[0] < 2:
                time.sleep(0.01)
        holder.commit()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, LATEST_SERVER_VERSION]
    with psycopg.connect(team_dsn) as conn:
        assert server_version(conn) == LATEST_SERVER_VERSION
