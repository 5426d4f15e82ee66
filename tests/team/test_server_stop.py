"""Stopping the whole server mid-sync (``pg_ctl stop -m fast``, then starting it again) loses and
duplicates nothing: the cut sync fails with the plain sentence, the next one finishes, and the laptop
and the server hold the same rows, each once. A cluster of its own: the session's is shared."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from datetime import date

import psycopg
import pytest

from bench.pg_cluster import pg_bin, start_cluster
from models.accounts.companies import update_company
from models.demo.builder import generate_demo
from models.planning.touches import log_outcome
from models.store.db import open_db
from models.team.admin import init_team
from models.team.errors import TeamError
from models.team.join import join
from models.team.outbox import pending
from models.team.rows import TABLE_ORDER, server_columns, server_rows
from models.team.sync import sync

STOPS = 4
STAGES = ("push", "pull", "push", "any")  # where each stop falls: after a first batch, in the pull, any


def _stop_when(server, path, stage: str) -> None:
    """Stop ``server`` once the sync of the file at ``path`` reaches ``stage`` (or after a few seconds)."""
    watch = sqlite3.connect(path)
    progress = "SELECT (SELECT count(*) FROM outbox), cursor_id FROM sync_state"
    outbox, cursor = watch.execute(progress).fetchone()
    deadline = time.monotonic() + (random.uniform(0.05, 0.5) if stage == "any" else 20)
    while time.monotonic() < deadline:
        now_outbox, now_cursor = watch.execute(progress).fetchone()
        if (stage == "push" and now_outbox < outbox) or (stage == "pull" and now_cursor != cursor):
            break
        time.sleep(0.002)
    watch.close()
    server.stop()


@pytest.fixture
def own_server():
    bin_dir = pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    server = start_cluster(bin_dir)
    try:
        yield server
    finally:
        server.remove()


def _without_updated_at(row):
    # A logged call moves its company's updated_at on the laptop without a synced column changing (no
    # outbox entry): compared apart from that, every synced value must match.
    return {key: value for key, value in row.items() if key != "updated_at"}


def _local(db):
    snapshot = {}
    for table in TABLE_ORDER:
        uids = [row[0] for row in db.execute(f"SELECT uid FROM {table}")]
        snapshot[table] = sorted(json.dumps(_without_updated_at(row), sort_keys=True, ensure_ascii=False)
                                 for row in server_rows(db, table, uids).values())
    return snapshot


def _remote(conn):
    snapshot = {}
    for table in TABLE_ORDER:
        columns = ("uid", "created_at", "updated_at", *server_columns(table))
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM kakeru.{table} WHERE NOT deleted").fetchall()
        snapshot[table] = sorted(json.dumps(_without_updated_at(dict(zip(columns, row, strict=True))),
                                            sort_keys=True, ensure_ascii=False) for row in rows)
    return snapshot


@pytest.mark.slow
def test_the_server_stopped_mid_sync_loses_and_duplicates_nothing(tmp_path, own_server):
    with psycopg.connect(own_server.dsn, autocommit=True) as admin:
        admin.execute("CREATE DATABASE team")
    dsn = own_server.dsn_for("team")
    with psycopg.connect(dsn, autocommit=True) as admin:
        init_team(admin)
    db = open_db(tmp_path / "a.db")
    generate_demo(db, companies=100, seed=7, today=date(2026, 11, 20))
    join(db, dsn, own_server.user, "高橋 由美")
    factory = lambda: psycopg.connect(dsn, autocommit=True)  # noqa: E731
    rng = random.Random(16)
    cut = 0
    company_ids = [row[0] for row in db.execute("SELECT id FROM companies ORDER BY id")]
    for stop in range(STOPS):
        # The laptop works on between the syncs, as a caller does.
        if stop:
            for index in range(30):
                log_outcome(db, rng.choice(company_ids), "not_available", note=f"停止{stop}-{index}",
                            plan_next=False)
            update_company(db, rng.choice(company_ids), {"notes": f"停止{stop}"})
        stopper = threading.Thread(target=_stop_when, args=(own_server, tmp_path / "a.db", STAGES[stop]))
        stopper.start()
        try:
            sync(db, factory)
        except TeamError as error:
            cut += 1
            assert "接続できませんでした" in str(error)
        stopper.join()
        own_server.start()
    assert cut >= 2  # the first push and a pull were cut by the stop, at least
    sync(db, factory)
    sync(db, factory)
    assert pending(db) == []
    with psycopg.connect(dsn, autocommit=True) as admin:
        assert _remote(admin) == _local(db)
        for table in TABLE_ORDER:
            logged = admin.execute("SELECT count(*), count(DISTINCT uid) FROM kakeru.changes "
                                   "WHERE table_name = %s AND op = 'insert'", [table]).fetchone()
            assert logged[0] == logged[1], table  # no row inserted twice
        touches = admin.execute("SELECT count(*) FROM kakeru.touches WHERE note LIKE '停止%%'").fetchone()[0]
    assert touches == 30 * (STOPS - 1)
    db.close()
