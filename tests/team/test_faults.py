"""Killing a sync at any moment loses and duplicates nothing (``python main.py sync`` killed at random).

The laptop keeps working between the kills (calls logged, fields edited), as a caller would while a
background sync dies with the laptop's battery. After the kills one sync runs to the end; a second
laptop then joins (and is killed mid-pull as often), and both hold exactly the server's live rows, every
call once.
"""

from __future__ import annotations

import os
import random
import secrets
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.accounts.companies import update_company
from models.demo.builder import generate_demo
from models.planning.touches import log_outcome
from models.store.db import open_db
from models.team.admin import add_member, init_team
from models.team.join import join
from models.team.outbox import pending
from models.team.sync import connector, sync
from tests.team.snapshots import laptop_snapshot, server_snapshot

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20






def _killed_syncs(path: Path, env: dict[str, str], rng: random.Random, work=None) -> int:
    """Start ``main.py sync`` and kill it at a random moment, ``KILLS`` times; how many finished."""
    finished = 0
    for _ in range(KILLS):
        process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "sync", "--db", str(path)],
                                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        else:
            finished += 1
        process.wait()
        if work is not None:
            work()
    return finished


def test_syncs_killed_at_random_lose_and_duplicate_nothing(tmp_path, team_dsn):
    password = secrets.token_hex(8)
    logins = (f"a_{secrets.token_hex(4)}", f"b_{secrets.token_hex(4)}")
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        init_team(admin)
        add_member(admin, "高橋 由美", logins[0], password, manager=True)
        add_member(admin, "田中 一郎", logins[1], password, manager=True)
    params = conninfo_to_dict(team_dsn)
    for key in ("password", "user"):
        params.pop(key)
    dsn = make_conninfo(**{key: str(value) for key, value in params.items()})
    env = {**os.environ, "PGPASSWORD": password, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "QT_QPA_PLATFORM": "offscreen"}
    os.environ["PGPASSWORD"] = password  # this process's own syncs, as the subprocesses'
    rng = random.Random(16)

    a_path, b_path = tmp_path / "a.db", tmp_path / "b.db"
    a = open_db(a_path)
    generate_demo(a, companies=150, seed=7, today=date(2026, 11, 20), touches_per_company=3)
    join(a, dsn, logins[0], "高橋 由美")
    companies = [row[0] for row in a.execute("SELECT id FROM companies ORDER BY id")]
    calls_logged = 0

    def work():
        nonlocal calls_logged
        company = rng.choice(companies)
        log_outcome(a, company, "not_available", plan_next=False)
        update_company(a, company, {"notes": f"メモ{rng.randrange(1000)}"})
        calls_logged += 1

    try:
        _killed_syncs(a_path, env, rng, work)
        sync(a, connector(dsn, logins[0]))
        assert pending(a) == []

        b = open_db(b_path)
        join(b, dsn, logins[1], "田中 一郎")
        b.close()
        _killed_syncs(b_path, env, rng)
        b = open_db(b_path)
        sync(b, connector(dsn, logins[1]))
        sync(a, connector(dsn, logins[0]))
        with psycopg.connect(team_dsn, autocommit=True) as server:
            expected = server_snapshot(server)
            touches = server.execute("SELECT count(*), count(DISTINCT uid) FROM kakeru.touches").fetchone()
        assert laptop_snapshot(a) == expected
        assert laptop_snapshot(b) == expected
        local_touches = a.execute("SELECT count(*) FROM touches").fetchone()[0]
        assert touches == (local_touches, local_touches)
        assert calls_logged == KILLS
        b.close()
    finally:
        a.close()
        os.environ.pop("PGPASSWORD", None)


def test_a_connection_cut_mid_sync_loses_and_duplicates_nothing(tmp_path, team_dsn):
    """The server's side of a sync ends at random moments (``pg_terminate_backend``, as a server stopped
    or a network gone): each sync fails with a plain sentence, and the next one finishes the work."""
    import threading

    from models.team.errors import TeamError
    from models.team.server_schema import migrate_server

    with psycopg.connect(team_dsn, autocommit=True) as admin:
        migrate_server(admin)
    a = open_db(tmp_path / "a.db")
    generate_demo(a, companies=200, seed=7, today=date(2026, 11, 20), touches_per_company=3)
    join(a, team_dsn, "kakeru", "高橋 由美")
    b = open_db(tmp_path / "b.db")
    join(b, team_dsn, "kakeru", "田中 一郎")
    rng = random.Random(7)
    timers: list[threading.Timer] = []

    def cut_after(seconds):
        def factory():
            conn = psycopg.connect(team_dsn, autocommit=True)
            pid = conn.info.backend_pid

            def cut():
                with psycopg.connect(team_dsn, autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", [pid])
            timer = threading.Timer(seconds, cut)
            timers.append(timer)
            timer.start()
            return conn
        return factory

    for _ in range(10):
        for db in (a, b):
            try:
                sync(db, cut_after(rng.uniform(0.0, 0.3)))
            except TeamError as error:  # cut mid-sync (a sync that ended first is not cut)
                assert "接続" in str(error) or "失敗" in str(error)
    for timer in timers:
        timer.join()
    for db in (a, b, a):
        sync(db, lambda: psycopg.connect(team_dsn, autocommit=True))
    with psycopg.connect(team_dsn, autocommit=True) as server:
        expected = server_snapshot(server)
    assert laptop_snapshot(a) == expected == laptop_snapshot(b)
    a.close()
    b.close()
