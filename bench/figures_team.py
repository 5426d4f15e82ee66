"""Figures of the team issue (16), on a throwaway PostgreSQL cluster on loopback started by the bench.

- ``team_first_sync_vs_copy``: the first sync of a laptop holding the demo database (push of every row,
  then the pull of the server's change log) ÷ PostgreSQL ``COPY`` of the same rows into the same tables
  of another team database (the change-log triggers fire for both).
- ``team_incremental_vs_noop``: a day's work (150 calls logged with ``log_outcome``, 30 plans) synced
  ÷ a sync with nothing to send or receive (median of a few).
- ``team_50_callers``: 50 callers, each on their own laptop, syncing a day's work at the same moment
  (threads) against one server: p95 per caller ÷ the same sync alone; the total time and a check that
  every touch and plan is on the server exactly once.

Without PostgreSQL installed the figures are skipped, saying why.
"""

from __future__ import annotations

import atexit
import secrets
import statistics
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo

from bench.common import Figure, Workspace, p95
from bench.pg_cluster import PgServer, pg_bin, start_cluster
from models.store.db import open_db

CALLS = 150
PLANS = 30
CALLERS = 50
SKIPPED = "PostgreSQL is not installed (apt-get install postgresql): team figures skipped"


class Skipped(Exception):
    """PostgreSQL is missing: the figure cannot be measured."""


def _cluster(ws: Workspace) -> PgServer:
    if "pg" not in ws.cache:
        bin_dir = pg_bin()
        if bin_dir is None:
            raise Skipped(SKIPPED)
        server = start_cluster(bin_dir)
        atexit.register(server.remove)
        with psycopg.connect(server.dsn, autocommit=True) as admin:
            # A server tuned as a team's would be for bulk loads; the same for the COPY baseline.
            admin.execute("ALTER SYSTEM SET max_wal_size = '4GB'")
            admin.execute("ALTER SYSTEM SET max_connections = 200")
        server.stop()
        server.start()
        ws.cache["pg"] = server
    return ws.cache["pg"]


def _team(server: PgServer, managers: int = 1, callers: int = 0) -> tuple[str, list[tuple[str, str, str]]]:
    """A new team database: its admin DSN and (display name, login, password) of each member made."""
    from models.team.admin import add_member, init_team

    name = f"team_{secrets.token_hex(5)}"
    with psycopg.connect(server.dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    dsn = server.dsn_for(name)
    people = []
    with psycopg.connect(dsn, autocommit=True) as admin:
        init_team(admin)
        for index in range(managers + callers):
            manager = index < managers
            person = (f"{'管理者' if manager else '担当者'}{index:02d}", f"bench_{secrets.token_hex(5)}",
                      secrets.token_hex(12))
            add_member(admin, person[0], person[1], person[2], manager=manager)
            people.append(person)
    return dsn, people


def _factory(dsn: str, login: str, password: str) -> Callable[[], psycopg.Connection]:
    target = make_conninfo(dsn, user=login, password=password)
    return lambda: psycopg.connect(target, autocommit=True)


def _skip(func: Callable[[Workspace], Figure]) -> Callable[[Workspace], Figure]:
    def run(ws: Workspace) -> Figure:
        try:
            return func(ws)
        except Skipped as why:
            print(f"  ({why})", flush=True)
            return Figure(0.0, 1.0, goal=float("inf"), note=str(why))
    run.__doc__ = func.__doc__
    return run


def _copy_baseline(server: PgServer, db_path: Path) -> tuple[float, int]:
    """COPY of the demo's synced rows (as the server stores them) into a fresh team database's tables."""
    from models.team.rows import TABLE_ORDER, server_rows

    db = open_db(db_path)
    tables = {}
    for table in TABLE_ORDER:
        uids = [row[0] for row in db.execute(f"SELECT uid FROM {table}").fetchall()]
        rows = list(server_rows(db, table, uids).values())
        if rows:
            tables[table] = (list(rows[0]), [tuple(row.values()) for row in rows])
    db.close()
    dsn, _people = _team(server)
    count = sum(len(rows) for _columns, rows in tables.values())
    with psycopg.connect(dsn, autocommit=True) as conn:
        started = time.perf_counter()
        with conn.transaction():
            for table, (columns, rows) in tables.items():
                with conn.cursor().copy(f"COPY kakeru.{table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        return time.perf_counter() - started, count


def _joined(ws: Workspace, name: str, dsn: str, person: tuple[str, str, str]):
    from models.team.join import join

    db = open_db(ws.copy_of_demo(name))
    join(db, dsn, person[1], person[0])
    return db


@_skip
def first_sync(ws: Workspace) -> Figure:
    """First sync of the demo laptop (push + pull) ÷ COPY of the same rows into the same tables."""
    from models.team.apply import pull
    from models.team.push import push

    server = _cluster(ws)
    baseline, rows = _copy_baseline(server, ws.demo_db())
    dsn, people = _team(server)
    db = _joined(ws, "team-first.db", dsn, people[0])
    factory = _factory(dsn, people[0][1], people[0][2])
    with factory() as conn:
        started = time.perf_counter()
        push(db, conn)
        pushed = time.perf_counter() - started
        pull(db, conn)
        value = time.perf_counter() - started
    ws.cache["team"] = (dsn, people, db)  # the incremental figure goes on from this synced laptop
    return Figure(value, baseline, goal=3.0, note=(
        f"{rows:,} rows; push {pushed:.1f} s ({pushed / rows * 1e6:.0f} µs a row), "
        f"pull {value - pushed:.1f} s, COPY {baseline:.1f} s"))


def _days_work(db, calls: int = CALLS, plans: int = PLANS, offset: int = 0) -> None:
    """``calls`` outcomes and ``plans`` plans on the file's first companies, as a caller's day makes them."""
    from models.planning.plans import create_plan
    from models.planning.touches import log_outcome
    from models.store import clock

    ids = [row[0] for row in db.execute("SELECT id FROM companies ORDER BY id LIMIT ? OFFSET ?",
                                        [calls, offset]).fetchall()]
    outcomes = ("not_available", "gatekeeper_block", "connected", "info_sent")
    for index in range(calls):
        log_outcome(db, ids[index % len(ids)], outcomes[index % len(outcomes)], note=f"ベンチ {index}",
                    plan_next=False)
    due = clock.today() + timedelta(days=14)
    for index in range(plans):
        create_plan(db, ids[index % len(ids)], due.isoformat(), hypothesis="決算前に予算を確認")


@_skip
def incremental(ws: Workspace) -> Figure:
    """A day's 150 calls and 30 plans synced ÷ a no-op sync (median of five)."""
    from models.team.sync import sync

    if "team" not in ws.cache:
        first_sync(ws)
    dsn, people, db = ws.cache["team"]
    factory = _factory(dsn, people[0][1], people[0][2])
    sync(db, factory)
    noops = []
    for _ in range(5):
        started = time.perf_counter()
        sync(db, factory)
        noops.append(time.perf_counter() - started)
    days = []
    for day in range(3):
        _days_work(db, offset=day * CALLS)
        waiting = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        started = time.perf_counter()
        sync(db, factory)
        days.append(time.perf_counter() - started)
    value, baseline = statistics.median(days), statistics.median(noops)
    return Figure(value, baseline, goal=5.0, note=(
        f"{waiting} outbox entries a day; day {value * 1000:.0f} ms (median of 3), "
        f"no-op {baseline * 1000:.0f} ms (median of 5)"))


@_skip
def fifty_callers(ws: Workspace) -> Figure:
    """50 callers syncing a day's work at once: p95 per caller ÷ one caller's sync alone."""
    from models.accounts.companies import create_company
    from models.team.join import join
    from models.team.sync import sync

    server = _cluster(ws)
    dsn, people = _team(server, managers=0, callers=CALLERS + 1)
    laptops = []
    for index, person in enumerate(people):
        path = ws.folder / f"caller{index:02d}.db"
        db = open_db(path)
        join(db, dsn, person[1], person[0])
        for number in range(PLANS):  # the caller's own accounts (an import of theirs)
            create_company(db, {"name": f"株式会社ベンチ{index:02d}-{number:02d}", "prefecture": "東京都"})
        factory = _factory(dsn, person[1], person[2])
        sync(db, factory)
        _days_work(db)
        db.close()  # each thread opens its own (SQLite connections stay in their thread)
        laptops.append((path, factory))
    alone_path, alone_factory = laptops.pop()  # one caller alone first: the baseline
    alone_db = open_db(alone_path)
    started = time.perf_counter()
    sync(alone_db, alone_factory)
    alone = time.perf_counter() - started
    alone_db.close()
    times: list[float] = [0.0] * len(laptops)
    waiting: list[int] = [0] * len(laptops)
    errors: list[BaseException] = []
    gate = threading.Barrier(len(laptops))

    def one(index: int) -> None:
        path, factory = laptops[index]
        try:
            db = open_db(path)
            gate.wait()
            began = time.perf_counter()
            sync(db, factory)
            times[index] = time.perf_counter() - began
            waiting[index] = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
            db.close()
        except BaseException as error:  # counted and reported, not lost in a thread
            errors.append(error)

    threads = [threading.Thread(target=one, args=(index,)) for index in range(len(laptops))]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = time.perf_counter() - started
    expected_touches = (len(laptops) + 1) * CALLS
    expected_plans = (len(laptops) + 1) * PLANS
    with psycopg.connect(dsn, autocommit=True) as admin:
        touches, distinct = admin.execute(
            "SELECT count(*), count(DISTINCT uid) FROM kakeru.touches").fetchone()
        plans = admin.execute("SELECT count(*) FROM kakeru.plans").fetchone()[0]
    accounted = (not errors and touches == distinct == expected_touches and plans == expected_plans
                 and sum(waiting) == 0)
    value = p95(times) if not errors else float("inf")
    figure = Figure(value, alone, goal=float(len(laptops)), note=(
        f"{len(laptops)} callers × ({CALLS} calls, {PLANS} plans); total {total:.1f} s, "
        f"p95 {value:.2f} s, alone {alone:.2f} s; server touches {touches:,}/{expected_touches:,} "
        f"(distinct {distinct:,}), plans {plans:,}/{expected_plans:,}, outboxes left {sum(waiting)}"
        + ("" if accounted else f"; NOT ACCOUNTED ({len(errors)} errors: {errors[:1]})")))
    if not accounted:
        return Figure(float("inf"), alone, goal=figure.goal, note=figure.note)
    return figure


FIGURES = {
    "team_first_sync_vs_copy": first_sync,
    "team_incremental_vs_noop": incremental,
    "team_50_callers": fifty_callers,
}
