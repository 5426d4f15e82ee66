"""The laptop's outbox: what local writes the team's server has not yet been sent.

The triggers of migration 11 (``models.store.schema``) fill it in the same transaction as each write
of a synced table, while ``sync_state.recording`` is on. Binding a file to a team turns it on (and
queues what the file already holds); applying pulled changes turns it off inside its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from models.store.db import writing


@dataclass(frozen=True)
class OutboxEntry:
    """One recorded write of the row ``row_uid``, at ``created_at`` (UTC, to the millisecond).

    ``fields`` names the synced columns an update changed; None for an insert or a delete.
    """

    id: int
    table_name: str
    row_uid: str
    op: str
    fields: tuple[str, ...] | None
    created_at: str


def set_recording(db: Database, on: bool) -> None:
    """Start or stop recording writes of synced tables in the outbox (in the caller's transaction)."""
    with writing(db):
        db.execute("UPDATE sync_state SET recording = ? WHERE id = 1", [int(on)])


def is_recording(db: Database) -> bool:
    return bool(db.execute("SELECT recording FROM sync_state WHERE id = 1").fetchone()[0])


def pending(db: Database, limit: int | None = None) -> list[OutboxEntry]:
    """The outbox in the order the writes happened (the oldest ``limit`` when given)."""
    rows = db.execute(
        "SELECT id, table_name, row_uid, op, fields, created_at FROM outbox ORDER BY id LIMIT ?",
        [-1 if limit is None else limit]).fetchall()
    return [OutboxEntry(row[0], row[1], row[2], row[3], tuple(row[4].split(",")) if row[4] else None, row[5])
            for row in rows]
