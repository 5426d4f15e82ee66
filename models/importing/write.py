"""The write pass of an import: the plan (``importing.plan``) into the database, in the caller's transaction.

Two ways, one result. ``write_plan`` writes a finished plan. ``plan_and_write`` plans a large file in a
worker thread, reading the database through a connection of its own, while this thread inserts the new
companies of every finished chunk: SQLite inserts (and updates the indexes) without holding Python's
lock, so the two overlap on a second core. A new company a later row fills in is written again at the
end, and the full-text index is filled once, when every row is in.
"""

from __future__ import annotations

import json
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any

from sqlite_utils import Database

from models.accounts.scoring import Scorer
from models.importing.plan import (
    COMPANY_COLUMNS,
    CONTACT_COLUMNS,
    ImportCancelled,
    Plan,
    PlannedCompany,
    Planner,
    Progress,
)
from models.store import cipher
from models.store.db import db_path, new_uid, new_uids, wrap

_INSERT_COLUMNS = (
    "id", "uid", "created_at", "updated_at", *COMPANY_COLUMNS, "status", "name_key", "phone_key",
    "address_key", "search_key", "import_id", "score",
)
_KEY_COLUMNS = ("name_key", "phone_key", "address_key", "search_key")
_CHANGE_COLUMNS = ("uid", "created_at", "updated_at", "import_id", "company_id", "action", "before_json")
_MEMBER_COLUMNS = ("uid", "created_at", "updated_at", "list_id", "company_id", "priority", "import_id")
_WRITE_CHUNK = 5000
PIPELINE_FROM = 5000  # rows: below this a file is planned in a moment and written after


@contextmanager
def large_cache(db: Database, kib: int = 65_536) -> Iterator[None]:
    """A bigger page cache while writing: every index of a large table takes random inserts."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {-kib}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


# --- writing a finished plan -----------------------------------------------------------------------

def write_plan(
    db: Database, plan: Plan, import_id: int, list_id: int, now: str, report: Callable[[float], None],
    scorer: Scorer,
) -> None:
    """Write ``plan``: new companies, filled-in ones, contacts and list members; ``report(fraction)``.
    Every company written gets its priority score from ``scorer``."""
    next_id = _next_company_id(db)
    steps = max(1, len(plan.created) + len(plan.updated) + len(plan.members))
    with search_index_after(db, next_id, batch=len(plan.created) >= _FTS_BATCH_FROM):
        for start in range(0, len(plan.created), _WRITE_CHUNK):
            chunk = plan.created[start:start + _WRITE_CHUNK]
            rows = _created_rows(chunk, next_id + start, import_id, now, scorer)
            _insert_created(db, rows, import_id, now)
            report((start + len(chunk)) / steps)
    _assign_ids(plan, next_id)
    write_rest(db, plan, import_id, list_id, now, scorer)
    report(1.0)


def _next_company_id(db: Database) -> int:
    return db.execute("SELECT coalesce(max(id), 0) + 1 FROM companies").fetchone()[0]


def _assign_ids(plan: Plan, next_id: int) -> None:
    for offset, company in enumerate(plan.created):
        company.id = next_id + offset


def _created_rows(
    chunk: Sequence[PlannedCompany], first_id: int, import_id: int, now: str, scorer: Scorer
) -> list[tuple[Any, ...]]:
    """The companies rows of new companies whose ids start at ``first_id``, their values as they are now."""
    return [
        (first_id + offset, uid, now, now, *map(c.values.get, COMPANY_COLUMNS), "untouched",
         *map(c.keys.__getitem__, _KEY_COLUMNS), import_id, scorer(c.values))
        for offset, (c, uid) in enumerate(zip(chunk, new_uids(len(chunk)), strict=True))
    ]


def _insert_created(db: Database, rows: list[tuple[Any, ...]], import_id: int, now: str) -> None:
    insert_many(db, "companies", _INSERT_COLUMNS, rows)
    insert_many(db, "import_changes", _CHANGE_COLUMNS, [
        (uid, now, now, import_id, row[0], "created", None)
        for row, uid in zip(rows, new_uids(len(rows)), strict=True)
    ])


def write_rest(db: Database, plan: Plan, import_id: int, list_id: int, now: str, scorer: Scorer,
               *, members: bool = True) -> None:
    """Existing companies the file filled in, contacts and list members (unless ``members`` is False:
    ``plan_and_write`` put them on the list already), once the new companies are in."""
    _rewrite(db, plan.updated, now, scorer)
    insert_many(db, "import_changes", _CHANGE_COLUMNS, [
        (new_uid(), now, now, import_id, c.id, "updated",
         json.dumps({"before": c.before, "after": c.after}, ensure_ascii=False)) for c in plan.updated
    ])
    contact_columns = (
        "uid", "created_at", "updated_at", "company_id", "import_id", *CONTACT_COLUMNS.values(),
    )
    insert_many(db, "contacts", contact_columns, [
        (new_uid(), now, now, c.id, import_id, *(contact.get(n) for n in CONTACT_COLUMNS.values()))
        for c in plan.members for contact in c.contacts
    ])
    if members:
        listed, base = _list_as_it_is(db, list_id)
        insert_many(db, "list_members", _MEMBER_COLUMNS,
                    _member_rows(plan.members, 1, listed, base, list_id, import_id, now))


def _list_as_it_is(db: Database, list_id: int) -> tuple[set[int], int]:
    """The companies already on the list, and its last priority: the file's companies join after it."""
    members = db.execute(
        "SELECT company_id, priority FROM list_members WHERE list_id = ?", [list_id]).fetchall()
    return {company_id for company_id, _priority in members}, max((p for _c, p in members), default=0)


def _member_rows(
    companies: Sequence[PlannedCompany], first_position: int, listed: set[int], base: int, list_id: int,
    import_id: int, now: str,
) -> list[tuple[Any, ...]]:
    """list_members rows for the file's companies in file order (``first_position``: the first one's
    place among all of them), skipping those already on the list. A new company's id is its
    ``planned_id`` until the plan is finished."""
    joining = [(position, c.id if c.id is not None else c.planned_id)
               for position, c in enumerate(companies, start=first_position)]
    joining = [(position, company_id) for position, company_id in joining if company_id not in listed]
    return [(uid, now, now, list_id, company_id, base + position, import_id)
            for (position, company_id), uid in zip(joining, new_uids(len(joining)), strict=True)]


# --- planning and writing at once -------------------------------------------------------------------

def reading_connection(db: Database) -> Database | None:
    """A second, read-only connection to ``db``'s file for the planning thread; None for an in-memory
    database or when the file cannot be opened so (the plan is then made before writing)."""
    path = db_path(db)
    if path in ("", ":memory:"):
        return None
    try:
        conn = cipher.connect(path, query="mode=ro", timeout=5.0, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        return None
    return wrap(conn)


def plan_and_write(
    db: Database, reader: Database, planner_args: tuple, import_id: int, list_id: int, now: str,
    progress: Progress | None, total: int, scorer: Scorer,
) -> Plan:
    """Plan in a worker thread (reading through ``reader``) while this thread writes the new companies.

    Returns the plan, its new companies written with their ids and every company of the file on the list;
    the caller writes the rest (``write_rest(..., members=False)``).
    The database must not change under the plan: the caller holds the write lock (it has written in
    its transaction before calling), so ``reader`` sees the database as it was before this import.
    Raises ImportCancelled when ``progress`` returns False; the worker is stopped before returning.
    """
    next_id = _next_company_id(db)
    listed, base = _list_as_it_is(db, list_id)
    handed: queue.Queue = queue.Queue(maxsize=4)  # finished chunks: (rows planned, companies, members)
    stop = threading.Event()
    result: dict[str, Any] = {}

    def make_plan() -> None:  # the worker: only the planner and its own connection
        try:
            planner = Planner(reader, *planner_args)
            created, members = planner.plan.created, planner.plan.members
            given = listed_so_far = 0
            for done in planner.chunks():
                if stop.is_set():
                    return
                fresh = created[given:]
                for offset, company in enumerate(fresh):
                    company.written = True
                    company.planned_id = next_id + given + offset
                rows = _created_rows(fresh, next_id + given, import_id, now, scorer)
                joining = _member_rows(members[listed_so_far:], listed_so_far + 1, listed, base, list_id,
                                       import_id, now)
                _put(handed, stop, (done, rows, joining))
                given, listed_so_far = len(created), len(members)
            result["plan"] = planner.plan
        except BaseException as error:  # handed over to the writing thread, which raises it
            result["error"] = error
        finally:
            _put(handed, stop, None)

    worker = threading.Thread(target=make_plan, name="import-plan", daemon=True)
    worker.start()
    try:
        with search_index_after(db, next_id, batch=True, set_aside_updates=True):
            while (item := handed.get()) is not None:
                done, rows, joining = item
                _insert_created(db, rows, import_id, now)
                insert_many(db, "list_members", _MEMBER_COLUMNS, joining)
                if progress is not None and progress(done, total) is False:
                    raise ImportCancelled()
            if "error" in result:
                raise result["error"]
            plan = result["plan"]
            _assign_ids(plan, next_id)
            _rewrite_filled_in(db, plan, now, scorer)
    finally:
        stop.set()
        while worker.is_alive():  # let a worker blocked on a full queue see the stop
            try:
                handed.get_nowait()
            except queue.Empty:
                worker.join(0.05)
    return plan


def _put(handed: queue.Queue, stop: threading.Event, item: Any) -> None:
    while not stop.is_set():
        try:
            handed.put(item, timeout=0.05)
            return
        except queue.Full:
            continue


def _rewrite_filled_in(db: Database, plan: Plan, now: str, scorer: Scorer) -> None:
    """New companies a later row of the file filled in after they were written: their row once more."""
    _rewrite(db, (c for c in plan.created if c.dirty), now, scorer)


def _rewrite(db: Database, companies: Iterable[PlannedCompany], now: str, scorer: Scorer) -> None:
    """The import's fields, the keys and the score of companies already in the table, as the plan has
    them now."""
    names = (*COMPANY_COLUMNS, *_KEY_COLUMNS, "score", "updated_at")
    assignments = ", ".join(f"{name} = ?" for name in names)
    db.conn.executemany(f"UPDATE companies SET {assignments} WHERE id = ?", (
        (*(c.values.get(n) for n in COMPANY_COLUMNS), *(c.keys[k] for k in _KEY_COLUMNS), scorer(c.values),
         now, c.id)
        for c in companies
    ))


# --- the full-text index ---------------------------------------------------------------------------

# The full-text index's triggers, set aside while many companies are written: only when they do exactly
# this (a later migration giving them more to do makes imports use them row by row again).
_FTS_INSERT = "companies_fts_insert"
_FTS_UPDATE = "companies_fts_update"
_FTS_TRIGGERS = {
    _FTS_INSERT: "CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN "
                 "INSERT INTO companies_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    _FTS_UPDATE: "CREATE TRIGGER companies_fts_update AFTER UPDATE OF search_key ON companies BEGIN "
                 "INSERT INTO companies_fts(companies_fts, rowid, search_key) VALUES "
                 "('delete', old.id, old.search_key); "
                 "INSERT INTO companies_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
}
_FTS_BATCH_FROM = 1000  # rows; below this the trigger's cost does not matter


def fts_triggers_as_expected(db: Database) -> bool:
    """Whether both full-text triggers are exactly as ``search_index_after`` can set them aside."""
    return all(_stored_trigger(db, name) is not None for name in _FTS_TRIGGERS)


def _stored_trigger(db: Database, name: str) -> str | None:
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]).fetchone()
    if row is None or " ".join(row[0].split()) != _FTS_TRIGGERS[name]:
        return None
    return row[0]


@contextmanager
def search_index_after(
    db: Database, first_id: int, *, batch: bool, set_aside_updates: bool = False
) -> Iterator[None]:
    """Index the new companies (ids from ``first_id``) for search in one statement, after writing them
    (with ``batch``: many rows; for a few the triggers index them as they come).

    FTS5 writes a segment for every statement that feeds it, so the insert trigger is dropped (and the
    update trigger with ``set_aside_updates``: new companies written again are not in the index yet)
    and, once the rows are in, the same index rows are added at once and the triggers are created again
    from their stored SQL. All of it happens inside the import's transaction: a failure or a cancel
    rolls the triggers back with the rows, and no other connection ever sees the table without them.
    """
    names = [_FTS_INSERT, _FTS_UPDATE] if set_aside_updates else [_FTS_INSERT]
    found = [_stored_trigger(db, name) for name in names]
    stored = [sql for sql in found if sql is not None]
    if not batch or len(stored) < len(names):
        if set_aside_updates:
            raise ValueError("the full-text triggers are not as expected: write the plan after making it")
        yield
        return
    for name in names:
        db.execute(f"DROP TRIGGER {name}")
    yield
    db.execute(
        "INSERT INTO companies_fts (rowid, search_key) SELECT id, search_key FROM companies WHERE id >= ?",
        [first_id],
    )
    for sql in stored:
        db.execute(sql)


def insert_many(db: Database, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert in multi-row statements: the full-text trigger then flushes once per statement, not per row."""
    per_statement = max(1, 16_000 // len(columns))  # under SQLite's smallest variable limit (32,766)
    values = f"({', '.join('?' * len(columns))})"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    full = head + ", ".join([values] * per_statement)
    for start in range(0, len(rows), per_statement):
        chunk = rows[start:start + per_statement]
        sql = full if len(chunk) == per_statement else head + ", ".join([values] * len(chunk))
        db.conn.execute(sql, list(chain.from_iterable(chunk)))
