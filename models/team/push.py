"""Sending the laptop's outbox to the team's server: batches, each one server transaction, idempotent.

A push runs in three steps, so the SQLite file is never locked across a network round trip:

1. ``prepare`` reads the oldest outbox entries and the rows they name (references as uids), stamps each
   entry with the laptop's hybrid logical clock and takes the base (``sync_seen``) of each row: reads only.
2. ``send`` applies the batch on the server in one transaction: it locks this laptop's ``devices`` row,
   drops the entries the server already applied (ids ≤ ``acked``: a batch re-sent after a lost
   acknowledgement changes nothing), copies the rest into a temporary staging table, merges them
   (``kakeru.merge_stage``, ``server_merge``) and raises ``acked`` to the batch's last id.
3. ``acknowledge`` deletes the outbox rows up to ``acked`` locally, keeps the pushed fields' HLCs in
   ``sync_seen`` (the base of the next push of those rows) and the clock in ``sync_state``.

Several entries of one row in a batch are sent as one staged row: the row as it is now, the union of
the fields written, the latest HLC; a delete among them wins. An entry whose row is gone locally (deleted
later) is sent only as that delete.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from psycopg import Connection
from sqlite_utils import Database

from models.store.db import writing
from models.team import hlc as clock
from models.team.outbox import OutboxEntry, pending
from models.team.rows import server_column, server_columns, server_rows
from models.team.server_merge import STAGE_SQL

BATCH_SIZE = 500


@dataclass(frozen=True)
class Batch:
    """The oldest outbox entries with what the server needs to apply them."""

    entries: tuple[OutboxEntry, ...]
    hlcs: tuple[str, ...]  # each entry's HLC, in order
    rows: dict[tuple[str, str], dict[str, Any]]  # (table, uid) → the row now (server columns)
    seen: dict[tuple[str, str], dict[str, str]]  # (table, uid) → the base: field HLCs last seen
    clock: str  # the laptop's HLC after stamping the batch

    @property
    def last_id(self) -> int:
        return self.entries[-1].id


@dataclass(frozen=True)
class Staged:
    """One row of the server's staging table: what a batch does to one synced row."""

    entry_id: int
    table_name: str
    uid: str
    op: str
    fields: tuple[str, ...]
    hlc: str
    base: dict[str, str]
    data: dict[str, Any] | None


def sync_identity(db: Database) -> tuple[str, str]:
    """This file's origin uid and its last HLC (``sync_state``)."""
    origin, last = db.execute("SELECT origin, hlc FROM sync_state WHERE id = 1").fetchone()
    if not origin:
        raise ValueError("the file is not bound to a team (models.team.join)")
    return origin, last


def prepare(db: Database, limit: int = BATCH_SIZE) -> Batch | None:
    """The oldest ``limit`` outbox entries, stamped and with their rows; None when the outbox is empty."""
    entries = pending(db, limit)
    if not entries:
        return None
    origin, last = sync_identity(db)
    hlcs = []
    for entry in entries:
        last = clock.tick(last, clock.ms_of(entry.created_at), origin)
        hlcs.append(last)
    by_table: dict[str, set[str]] = {}
    for entry in entries:
        by_table.setdefault(entry.table_name, set()).add(entry.row_uid)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for table, uids in by_table.items():
        rows.update({(table, uid): row for uid, row in server_rows(db, table, uids).items()})
    seen = _seen(db, [(entry.table_name, entry.row_uid) for entry in entries])
    return Batch(tuple(entries), tuple(hlcs), rows, seen, last)


def _seen(db: Database, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    wanted = list(dict.fromkeys(keys))
    found: dict[tuple[str, str], dict[str, str]] = {}
    for start in range(0, len(wanted), 400):
        chunk = wanted[start:start + 400]
        where = " OR ".join("(table_name = ? AND row_uid = ?)" for _ in chunk)
        params = [part for key in chunk for part in key]
        for table, uid, field_hlc in db.execute(
                f"SELECT table_name, row_uid, field_hlc FROM sync_seen WHERE {where}", params).fetchall():
            found[(table, uid)] = json.loads(field_hlc)
    return found


def stage(batch: Batch, acked: int) -> list[Staged]:
    """What the batch's entries after ``acked`` do, one staged row per synced row written."""
    grouped: dict[tuple[str, str], Staged] = {}
    for entry, stamp in zip(batch.entries, batch.hlcs, strict=True):
        if entry.id <= acked:
            continue
        key = (entry.table_name, entry.row_uid)
        data = batch.rows.get(key)
        if entry.op == "insert" or data is None:
            fields = set(server_columns(entry.table_name))
        else:
            fields = {server_column(entry.table_name, field) for field in entry.fields or ()}
        op = "delete" if entry.op == "delete" or data is None else entry.op
        earlier = grouped.get(key)
        if earlier is not None:
            fields |= set(earlier.fields)
            if "delete" in (earlier.op, op):
                op = "delete"
            elif "insert" in (earlier.op, op):
                op = "insert"
        grouped[key] = Staged(entry.id, entry.table_name, entry.row_uid, op, tuple(sorted(fields)), stamp,
                              batch.seen.get(key, {}), None if op == "delete" else data)
    return list(grouped.values())


def send(conn: Connection, origin: str, batch: Batch) -> list[Staged]:
    """Apply ``batch`` on the server in one transaction; return what was applied (nothing when re-sent).

    The caller's connection must have no transaction open; it is left without one.
    """
    with conn.transaction():
        conn.execute("SELECT set_config('kakeru.origin', %s, true)", [origin])
        conn.execute("INSERT INTO kakeru.devices (origin) VALUES (%s) ON CONFLICT (origin) DO NOTHING",
                     [origin])
        row = conn.execute("SELECT acked FROM kakeru.devices WHERE origin = %s FOR UPDATE",
                           [origin]).fetchone()
        acked = int(row[0]) if row else 0
        staged = stage(batch, acked)
        if staged:
            conn.execute(STAGE_SQL)
            with conn.cursor().copy(
                    "COPY pg_temp.kakeru_stage (entry_id, table_name, uid, op, fields, hlc, base, data) "
                    "FROM STDIN") as copy:
                # Text the server parses (jsonb, a text[] of plain column names): cheaper than adapting
                # each value, which the first push of a large file does hundreds of thousands of times.
                for item in staged:
                    data = None if item.data is None else json.dumps(item.data, ensure_ascii=False)
                    copy.write_row((item.entry_id, item.table_name, item.uid, item.op,
                                    "{" + ",".join(item.fields) + "}", item.hlc,
                                    json.dumps(item.base), data))
            # A temporary table has no statistics until analysed: without them the merge's joins may
            # scan whole tables for each batch.
            conn.execute("ANALYZE pg_temp.kakeru_stage")
            conn.execute("SELECT kakeru.merge_stage()")
        conn.execute("UPDATE kakeru.devices SET acked = greatest(acked, %s), last_push_at = now() "
                     "WHERE origin = %s", [batch.last_id, origin])
    return staged


def acknowledge(db: Database, batch: Batch, staged: list[Staged]) -> None:
    """After the server committed ``batch``: drop its outbox rows, keep the pushed HLCs and the clock."""
    with writing(db):
        db.execute("DELETE FROM outbox WHERE id <= ?", [batch.last_id])
        seen = [(item.table_name, item.uid, json.dumps({field: item.hlc for field in item.fields}))
                for item in staged if item.op != "delete"]
        db.conn.executemany(
            "INSERT INTO sync_seen (table_name, row_uid, field_hlc) VALUES (?, ?, ?) "
            "ON CONFLICT (table_name, row_uid) DO UPDATE SET "
            "field_hlc = json_patch(sync_seen.field_hlc, excluded.field_hlc)", seen)
        gone = [(item.table_name, item.uid) for item in staged if item.op == "delete"]
        db.conn.executemany("DELETE FROM sync_seen WHERE table_name = ? AND row_uid = ?", gone)
        db.execute("UPDATE sync_state SET hlc = max(hlc, ?) WHERE id = 1", [batch.clock])


def push(db: Database, conn: Connection, batch_size: int = BATCH_SIZE) -> int:
    """Send the whole outbox, batch after batch; return how many outbox entries were sent."""
    origin, _last = sync_identity(db)
    sent = 0
    while (batch := prepare(db, batch_size)) is not None:
        staged = send(conn, origin, batch)
        acknowledge(db, batch, staged)
        sent += len(batch.entries)
    return sent
