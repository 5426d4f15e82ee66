"""The pull's commit-ordered cursor on a real PostgreSQL: overlapping pushes are never skipped."""

from __future__ import annotations

import psycopg
import pytest

from models.team.pull import Cursor, read_changes
from models.team.server_schema import migrate_server


def _log(conn, uid: str, origin: str) -> int:
    """Write a row as a push does (its origin set for the transaction); the server's trigger logs it.

    Returns the id its change-log entry took.
    """
    conn.execute("SELECT set_config('kakeru.origin', %s, true)", [origin])
    conn.execute("INSERT INTO kakeru.target_lists (uid, created_at, updated_at, name) "
                 "VALUES (%s, 'now', 'now', 'リスト')", [uid])
    return conn.execute("SELECT id FROM kakeru.changes WHERE uid = %s", [uid]).fetchone()[0]


@pytest.fixture
def server(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
    return team_dsn


def _uids(changes):
    return [change.uid for change in changes]


def test_a_transaction_that_took_the_smaller_id_and_commits_later_is_not_skipped(server):
    with psycopg.connect(server) as slow, psycopg.connect(server) as fast, \
            psycopg.connect(server, autocommit=True) as laptop:
        slow_id = _log(slow, "slow", "laptop-a")  # takes its number first …
        fast_id = _log(fast, "fast", "laptop-b")
        fast.commit()  # … and the later number commits first
        assert slow_id < fast_id

        # A bare sequence cursor reads the committed 'fast', moves past the number 'slow' holds, and
        # never sees 'slow': the gap this scheme exists to close.
        naive = laptop.execute("SELECT id, uid FROM kakeru.changes WHERE id > 0 ORDER BY id").fetchall()
        assert [uid for _, uid in naive] == ["fast"]

        changes, cursor = read_changes(laptop, Cursor())
        assert changes == [] and cursor == Cursor()  # 'slow' still runs: nothing from it on is ready

        slow.commit()
        assert laptop.execute("SELECT count(*) FROM kakeru.changes WHERE id > %s",
                              [naive[-1][0]]).fetchone()[0] == 0  # the naive cursor has lost 'slow'
        changes, cursor = read_changes(laptop, cursor)
        assert _uids(changes) == ["slow", "fast"]
        assert [change.origin for change in changes] == ["laptop-a", "laptop-b"]
        assert read_changes(laptop, cursor) == ([], cursor)


def test_a_rolled_back_transaction_holds_nothing_back_once_it_ends(server):
    with psycopg.connect(server) as failed, psycopg.connect(server) as kept, \
            psycopg.connect(server, autocommit=True) as laptop:
        _log(failed, "lost", "laptop-a")
        _log(kept, "kept", "laptop-b")
        kept.commit()
        assert read_changes(laptop, Cursor())[0] == []
        failed.rollback()
        assert _uids(read_changes(laptop, Cursor())[0]) == ["kept"]


def test_pages_cut_inside_one_transaction_resume_where_they_stopped(server):
    with psycopg.connect(server) as push, psycopg.connect(server, autocommit=True) as laptop:
        for number in range(5):
            _log(push, f"t{number}", "laptop-a")
        push.commit()
        read: list[str] = []
        cursor = Cursor()
        while True:
            page, cursor = read_changes(laptop, cursor, limit=2)
            if not page:
                break
            read += _uids(page)
        assert read == [f"t{number}" for number in range(5)]
