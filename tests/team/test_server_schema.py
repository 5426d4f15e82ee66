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
          "list_members", "meeting_attendees", "cadences", "cadence_steps")


def _tables(conn) -> set[str]:
    return {row[0] for row in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'kakeru'")}


def test_migrate_creates_the_schema_at_the_latest_version(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        assert server_version(conn) == 0
        assert migrate_server(conn) == 0
        assert server_version(conn) == LATEST_SERVER_VERSION
        assert _tables(conn) == {"kakeru_meta", "changes", "members", "devices", "assignments", "conflicts",
                                 "team_settings", *SYNCED}
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


_COMPANY = ("INSERT INTO kakeru.companies (uid, created_at, updated_at, name, hlc) "
            "VALUES (%s, 'now', 'now', %s, %s)")


def _changes(conn, after: int = 0) -> list[tuple]:
    return conn.execute("SELECT table_name, uid, op, data, hlc, origin, company_uid FROM kakeru.changes "
                        "WHERE id > %s ORDER BY id", [after]).fetchall()


def _last_change(conn) -> int:
    return conn.execute("SELECT coalesce(max(id), 0) FROM kakeru.changes").fetchone()[0]


def test_the_server_logs_every_write_with_the_row_its_origin_and_its_account(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
        with conn.transaction():
            conn.execute("SELECT set_config('kakeru.origin', 'laptop-a', true)")
            conn.execute(_COMPANY, ["c1", "株式会社ログ", "0001:00000:laptop-a"])
            conn.execute("INSERT INTO kakeru.contacts (uid, created_at, updated_at, company_uid, name) "
                         "VALUES ('p1', 'now', 'now', 'c1', '山田')")
            conn.execute("INSERT INTO kakeru.target_lists (uid, created_at, updated_at, name) "
                         "VALUES ('l1', 'now', 'now', '春のリスト')")
            conn.execute("INSERT INTO kakeru.list_members (uid, created_at, updated_at, list_uid, "
                         "company_uid) VALUES ('m1', 'now', 'now', 'l1', 'c1')")
        logged = _changes(conn)
        assert [(table, uid, op, origin, company) for table, uid, op, _, _, origin, company in logged] == [
            ("companies", "c1", "insert", "laptop-a", "c1"),
            ("contacts", "p1", "insert", "laptop-a", "c1"),
            ("target_lists", "l1", "insert", "laptop-a", None),
            ("list_members", "m1", "insert", "laptop-a", "c1"),
        ]
        assert logged[0][3]["name"] == "株式会社ログ" and logged[0][4] == "0001:00000:laptop-a"
        assert logged[1][3]["company_uid"] == "c1"

        # Outside a push (no kakeru.origin) the origin is empty; the row as it became is logged.
        mark = _last_change(conn)
        conn.execute("UPDATE kakeru.companies SET name = '株式会社ログ改' WHERE uid = 'c1'")
        conn.execute("UPDATE kakeru.companies SET name = '株式会社ログ改' WHERE uid = 'c1'")  # no change
        conn.execute("UPDATE kakeru.contacts SET deleted = true WHERE uid = 'p1'")  # a tombstone
        conn.execute("DELETE FROM kakeru.list_members WHERE uid = 'm1'")  # an administrator's delete
        logged = _changes(conn, mark)
        assert [(table, uid, op, origin) for table, uid, op, _, _, origin, _ in logged] == [
            ("companies", "c1", "update", ""),
            ("contacts", "p1", "delete", ""),
            ("list_members", "m1", "delete", ""),
        ]
        assert logged[0][3]["name"] == "株式会社ログ改"
        assert logged[1][3]["deleted"] is True and logged[1][6] == "c1"
        assert logged[2][3] is None and logged[2][6] == "c1"


def test_members_are_logged_under_their_login(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
        conn.execute("INSERT INTO kakeru.members (login, display_name) VALUES ('sato', '佐藤')")
        [(table, uid, op, data, _, _, company)] = _changes(conn)
        assert (table, uid, op, company) == ("members", "sato", "insert", None)
        assert data["display_name"] == "佐藤"


def test_a_bulk_insert_of_100000_rows_is_logged_by_one_set_based_trigger_call(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
        with conn.transaction():
            conn.execute("SET LOCAL track_functions = 'pl'")  # counts this transaction's function calls
            started = time.perf_counter()
            conn.execute("INSERT INTO kakeru.companies (uid, created_at, updated_at, name) "
                         "SELECT 'c' || n, 'now', 'now', '会社' || n FROM generate_series(1, 100000) AS n")
            elapsed = time.perf_counter() - started
            calls = conn.execute("SELECT calls FROM pg_stat_xact_user_functions "
                                 "WHERE schemaname = 'kakeru' AND funcname = 'log_changes'").fetchone()
        print(f"100,000 companies inserted and logged in {elapsed:.2f} s")
        assert calls == (1,)  # one statement-level call for the whole INSERT … SELECT, not one a row
        logged = conn.execute("SELECT count(*), count(DISTINCT uid) FROM kakeru.changes "
                              "WHERE table_name = 'companies' AND company_uid = uid").fetchone()
        assert logged == (100000, 100000)


def test_the_administrator_keeps_the_touch_caller_it_gives(team_dsn):
    """Not a member (the owner of the tables): trusted; members are tested in test_security.py."""
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
        conn.execute(_COMPANY, ["c1", "株式会社", ""])
        conn.execute("INSERT INTO kakeru.touches (uid, created_at, updated_at, company_uid, at, caller) "
                     "VALUES ('t1', 'now', 'now', 'c1', '2026-12-08T10:00:00+09:00', '鈴木')")
        assert conn.execute("SELECT caller FROM kakeru.touches").fetchone() == ("鈴木",)
