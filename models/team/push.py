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

A write the server refuses (row-level security: a caller's edit of an account no longer theirs; a value
it cannot store) must not stop every later sync at its batch. The batch is merged inside a savepoint; when
the server refuses it, its halves are tried in savepoints of their own, down to the single rows refused,
and the rest is applied in the same transaction. The refused rows' outbox entries are set aside locally
(``sync_refused``, with the server's reason), listed for a person to see; nothing is lost. A member the
server has deactivated is refused everything: that fails the sync instead, with the outbox kept.

The first sync of a large file is sent in larger batches (``BULK_BATCH_SIZE``): each batch pays a few
round trips, the staging table's analysis and one pass of each merge statement per table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import Connection
from sqlite_utils import Database

from models.store.db import now_iso, writing
from models.team import hlc as clock
from models.team.outbox import OutboxEntry, pending
from models.team.rows import server_column, server_columns, server_rows
from models.team.server_merge import STAGE_SQL, SYNCED_TABLES

BATCH_SIZE = 500
BULK_BATCH_SIZE = 5000  # an outbox at least this long (a first sync) goes in batches this large

# What the server says of a write it will never take as it is: row-level security or a privilege, a
# value it cannot store, a constraint. Anything else (a lost connection) fails the whole batch.
REFUSALS = (psycopg.errors.InsufficientPrivilege, psycopg.errors.DataError, psycopg.errors.IntegrityError)


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


@dataclass(frozen=True)
class Refused:
    """A staged row the server refused, with its reason (the server's message)."""

    staged: Staged
    reason: str


class Sent(list[Staged]):
    """What a batch applied on the server (a list of staged rows) and, in ``refused``, what it refused."""

    def __init__(self, applied: list[Staged] | None = None, refused: list[Refused] | None = None) -> None:
        super().__init__(applied or [])
        self.refused: list[Refused] = refused or []


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


def send(conn: Connection, origin: str, batch: Batch) -> Sent:
    """Apply ``batch`` on the server in one transaction; return what was applied (nothing when re-sent)
    and, in ``Sent.refused``, the rows the server refused (the rest is applied all the same).

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
        refused: list[Refused] = []
        if staged:
            conn.execute(STAGE_SQL)
            try:
                with conn.transaction():
                    refused = _merge(conn, staged)
            except REFUSALS as error:
                if _deactivated(conn):
                    raise  # not this batch's rows: the member may write nothing at all
                refused = _refused_rows(conn, staged, error)
        conn.execute("UPDATE kakeru.devices SET acked = greatest(acked, %s), last_push_at = now() "
                     "WHERE origin = %s", [batch.last_id, origin])
    gone = {id(item.staged) for item in refused}
    return Sent([item for item in staged if id(item) not in gone], refused)


def _merge(conn: Connection, staged: list[Staged]) -> list[Refused]:
    """Stage ``staged`` (replacing what the staging table holds) and merge it; return the rows row-level
    security left unwritten without a word (see ``_UNWRITTEN``)."""
    conn.execute("DELETE FROM pg_temp.kakeru_stage")
    with conn.cursor().copy(
            "COPY pg_temp.kakeru_stage (entry_id, table_name, uid, op, fields, hlc, base, data, field_hlc) "
            "FROM STDIN") as copy:
        # Text the server parses (jsonb, a text[] of plain column names): cheaper than adapting
        # each value, which the first push of a large file does hundreds of thousands of times. The
        # field HLCs of a new row are written here too: building them on the server cost a row's merge
        # a tenth.
        for item in staged:
            data = None if item.data is None else json.dumps(item.data, ensure_ascii=False)
            stamp = json.dumps(item.hlc)
            field_hlc = "{" + ",".join(f'"{field}":{stamp}' for field in item.fields) + "}"
            copy.write_row((item.entry_id, item.table_name, item.uid, item.op,
                            "{" + ",".join(item.fields) + "}", item.hlc, json.dumps(item.base), data,
                            field_hlc))
    if len(staged) > 50:
        # A temporary table has no statistics until analysed: without them the merge's joins may
        # scan whole tables for each batch.
        conn.execute("ANALYZE pg_temp.kakeru_stage")
    conn.execute("SELECT kakeru.merge_stage()")
    by_key = {(item.table_name, item.uid): item for item in staged}
    return [Refused(by_key[(table, uid)], _UNWRITTEN_REASON)
            for table, uid in conn.execute(_UNWRITTEN).fetchall() if (table, uid) in by_key]


# A row the pushing role may not read is not written either, and without an error: the merge's UPDATE
# skips it (the policy's USING) and its INSERT … ON CONFLICT DO NOTHING finds the uid taken. Such a row
# (an account no longer the caller's) is refused all the same: still unreadable after the merge. A
# delete is not checked: the laptop may delete a row the server never had.
_UNWRITTEN = " UNION ALL ".join(
    f"SELECT s.table_name, s.uid FROM pg_temp.kakeru_stage AS s WHERE s.table_name = '{table}' "
    f"AND s.op <> 'delete' AND NOT EXISTS (SELECT 1 FROM kakeru.{table} AS x WHERE x.uid = s.uid)"
    for table in SYNCED_TABLES)
_UNWRITTEN_REASON = "row-level security: the row is not this member's to write (not readable on the server)"


def _refused_rows(conn: Connection, staged: list[Staged], error: psycopg.Error) -> list[Refused]:
    """The rows of ``staged`` the server refuses, found by halves, each tried in a savepoint; the rest
    is merged. ``error``: the server's answer to all of ``staged``."""
    if len(staged) == 1:
        return [Refused(staged[0], _reason(error))]
    refused: list[Refused] = []
    half = len(staged) // 2
    for part in (staged[:half], staged[half:]):
        try:
            with conn.transaction():
                refused += _merge(conn, part)
        except REFUSALS as again:
            refused += _refused_rows(conn, part, again)
    return refused


def _reason(error: psycopg.Error) -> str:
    return (error.diag.message_primary or str(error)).splitlines()[0]


def _deactivated(conn: Connection) -> bool:
    row = conn.execute("SELECT EXISTS (SELECT 1 FROM kakeru.members WHERE login = session_user "
                       "AND NOT active)").fetchone()
    return bool(row and row[0])


def acknowledge(db: Database, batch: Batch, staged: list[Staged]) -> None:
    """After the server committed ``batch``: drop its outbox rows, keep the pushed HLCs and the clock;
    set aside the entries of the rows it refused (``Sent.refused``)."""
    refused = {(item.staged.table_name, item.staged.uid): item.reason
               for item in getattr(staged, "refused", ())}
    aside = [(entry.id, entry.table_name, entry.row_uid, entry.op,
              ",".join(entry.fields) if entry.fields else None, entry.created_at,
              refused[(entry.table_name, entry.row_uid)], now_iso())
             for entry in batch.entries if (entry.table_name, entry.row_uid) in refused]
    with writing(db):
        db.conn.executemany(
            "INSERT INTO sync_refused (outbox_id, table_name, row_uid, op, fields, written_at, reason, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", aside)
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


def push(db: Database, conn: Connection, batch_size: int | None = None) -> int:
    """Send the whole outbox, batch after batch; return how many outbox entries were sent (those set
    aside as refused included). ``batch_size``: by default ``BULK_BATCH_SIZE`` for a long outbox (a first
    sync), else ``BATCH_SIZE``."""
    origin, _last = sync_identity(db)
    if batch_size is None:
        waiting = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        batch_size = BULK_BATCH_SIZE if waiting >= BULK_BATCH_SIZE else BATCH_SIZE
    sent = 0
    while (batch := prepare(db, batch_size)) is not None:
        staged = send(conn, origin, batch)
        acknowledge(db, batch, staged)
        sent += len(batch.entries)
    return sent


@dataclass(frozen=True)
class SetAside:
    """An outbox entry the server refused, kept for a person to see."""

    id: int
    table_name: str
    row_uid: str
    op: str
    fields: tuple[str, ...] | None
    written_at: str
    reason: str
    refused_at: str


def set_aside(db: Database) -> list[SetAside]:
    """Every outbox entry the server refused, oldest first."""
    rows = db.execute("SELECT id, table_name, row_uid, op, fields, written_at, reason, created_at "
                      "FROM sync_refused ORDER BY id").fetchall()
    return [SetAside(row[0], row[1], row[2], row[3], tuple(row[4].split(",")) if row[4] else None, row[5],
                     row[6], row[7]) for row in rows]


def count_set_aside(db: Database) -> int:
    """How many refused outbox entries are listed (``sync_refused``)."""
    return int(db.execute("SELECT count(*) FROM sync_refused").fetchone()[0])


def refused_sentence(count: int) -> str | None:
    """The status bar's sentence for ``count`` changes refused by the server in a sync (None for none)."""
    if count == 0:
        return None
    return (f"チームのサーバーが受け付けなかった変更が {count} 件あります"
            "（権限がないか、保存できない内容です）。ほかの変更は同期しました。受け付けられなかった変更はこのパソコンに残してあります。"
            "管理者にリストの割り当てと権限を確かめてもらってください。")
