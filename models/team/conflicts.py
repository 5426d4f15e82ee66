"""Conflicts seen and reversed: the value a merge did not take, and a person's choice of which stands.

The server writes a ``conflicts`` row when two laptops changed one field concurrently (``server_merge``);
every laptop involved pulls it (``apply``). A person then chooses:

- **the winner stands** (``resolution = 'won'``): the row is left as it is, the conflict is resolved;
- **the loser stands** (``resolution = 'lost'``): the losing value is written to the field as a local
  edit, through the same write as any other (the outbox records it, its HLC is newer than the winner's
  and the base is the winner's, so the server takes it without a new conflict), and the conflict is
  resolved.

The resolution itself is the server's ``conflicts`` row's ``resolved_at``, ``resolved_by`` and
``resolution``. It does not travel through the outbox (the push merges only the eight data tables):
``unsent`` marks it here and ``send_resolutions`` (run by ``sync`` after the push) updates the server's
row, which row-level security lets the conflict's writers, the callers of its account and managers do.
The server's change log then carries it to every laptop. Two resolutions of one conflict are ordered by
their HLC (``hlc``): the later one stands, on every laptop alike.

Undo (``reopen``) writes the field's previous value back, the same way, and reopens the conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from models.store import clock as zones
from models.store.changes import Changes
from models.store.db import now_iso, writing
from models.store.errors import KakeruError

if TYPE_CHECKING:
    from psycopg import Connection
    from sqlite_utils import Database

# The engine (psycopg, sqlite-utils, scoring) is imported where a conflict is read or written: the status
# bar's count is asked while the first screen is painted, before those libraries may load.

CONFLICTS = "conflicts"  # the table the conflicts' views listen to
WON = "won"  # the merge's winner stands
LOST = "lost"  # the value that lost was taken after all


class ConflictGone(KakeruError):
    """The conflict or the row it is about is no longer on this laptop."""


@dataclass(frozen=True)
class Conflict:
    """One conflict as a screen shows it; values as the laptop stores them (references as uids)."""

    id: int
    uid: str
    table_name: str
    row_uid: str
    field: str
    company_uid: str | None
    company_name: str | None
    lost_value: Any
    lost_by: str | None
    won_value: Any
    won_by: str | None
    at: str  # when the server recorded it, in the working zone
    resolved_at: str | None
    resolved_by: str | None
    resolution: str | None

    @property
    def open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class Resolved:
    """What ``resolve`` did: enough for ``reopen`` to take it back."""

    conflict_id: int
    resolution: str
    wrote: bool  # whether the field was written (the loser taken and not already there)
    previous: Any  # the field's local value before (local form: a reference as an id)
    written: Any = None  # the value written (local form), when ``wrote``
    changes: Changes = field(default_factory=Changes)


def _decode(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def conflicts(db: Database, *, include_resolved: bool = False) -> list[Conflict]:
    """The laptop's conflicts, open ones first, newest first, with their account's name."""
    from models.team.apply import file_zone

    where = "" if include_resolved else "WHERE c.resolved_at IS NULL"
    zone = file_zone(db)
    rows = db.execute(
        "SELECT c.id, c.uid, c.table_name, c.row_uid, c.field, c.company_uid, co.name, c.lost_value, "
        "c.lost_by, c.won_value, c.won_by, c.created_at, c.resolved_at, c.resolved_by, c.resolution "
        f"FROM conflicts AS c LEFT JOIN companies AS co ON co.uid = c.company_uid {where} "
        "ORDER BY c.resolved_at IS NOT NULL, c.created_at DESC, c.id DESC").fetchall()
    from models.store.timestamps import TIMESTAMP_COLUMNS

    def value(table: str, server_field: str, text: str | None) -> Any:
        decoded = _decode(text)
        if local_column(table, server_field) in TIMESTAMP_COLUMNS.get(table, ()):
            return zones.text_in_zone(decoded, zone)  # a moment read in this file's zone, as its rows are
        return decoded

    return [Conflict(row[0], row[1], row[2], row[3], row[4], row[5], row[6], value(row[2], row[4], row[7]),
                     row[8], value(row[2], row[4], row[9]), row[10],
                     zones.text_in_zone(row[11], zone) or row[11], zones.text_in_zone(row[12], zone), row[13],
                     row[14]) for row in rows]


def open_count(db: Database) -> int:
    """How many conflicts wait for a person's choice."""
    return int(db.execute("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL").fetchone()[0])


def local_column(table: str, server_field: str) -> str | None:
    """The laptop's column of a server field (``company_uid`` → ``company_id``), None when not synced."""
    from models.store.schema import SYNCED_COLUMNS
    from models.team.rows import server_column

    for column in SYNCED_COLUMNS.get(table, ()):
        if server_column(table, column) == server_field:
            return column
    return None


def local_value(db: Database, table: str, server_field: str, value: Any) -> Any:
    """A conflict's value as the laptop stores it: a reference's uid as the local id, a moment in the
    working zone, a boolean as 0/1.

    Raises:
        ConflictGone: the value names a row this laptop does not have.
    """
    from models.store.timestamps import TIMESTAMP_COLUMNS
    from models.team.apply import file_zone
    from models.team.rows import REFERENCES

    column = local_column(table, server_field)
    reference = REFERENCES.get(table, {}).get(column or "")
    if reference is not None and value is not None:
        row = db.execute(f"SELECT id FROM {reference[1]} WHERE uid = ?", [value]).fetchone()
        if row is None:
            raise ConflictGone("競合した値が指す行がこのパソコンにありません。"
                               "同期してからもう一度お試しください。")
        return row[0]
    if isinstance(value, bool):
        return int(value)
    if column in TIMESTAMP_COLUMNS.get(table, ()):
        return zones.text_in_zone(value, file_zone(db))
    return value


def _stamp(db: Database) -> str:
    """A new HLC from this laptop's clock, kept in ``sync_state``."""
    from models.team import hlc as clock

    origin, last = db.execute("SELECT origin, hlc FROM sync_state WHERE id = 1").fetchone()
    stamp = clock.tick(last, clock.ms_of(zones.now().isoformat()), origin or "")
    db.execute("UPDATE sync_state SET hlc = ? WHERE id = 1", [stamp])
    return stamp


def _write_field(db: Database, table: str, uid: str, column: str, value: Any) -> tuple[bool, Any]:
    """Write one synced field as the app's own writes do (the outbox records it); (written, before)."""
    row = db.execute(f"SELECT * FROM {table} WHERE uid = ?", [uid])
    names = [description[0] for description in row.description]
    found = row.fetchone()
    if found is None:
        raise ConflictGone("この競合の行はこのパソコンで削除されています。値は書き戻せません。")
    now = dict(zip(names, found, strict=True))
    before = now[column]
    if before == value:
        return False, before
    changed: dict[str, Any] = {column: value, "updated_at": now_iso()}
    if table == "companies":
        from models.accounts.companies import derived_keys
        from models.accounts.scoring import Scorer

        merged = {**now, **changed}
        changed |= derived_keys(merged) | {"score": Scorer.of(db)(merged)}
    db.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
               [*changed.values(), now["id"]])
    return True, before


def _mark(db: Database, conflict_id: int, resolution: str | None) -> None:
    who = db.execute("SELECT caller_name FROM sync_state WHERE id = 1").fetchone()[0]
    when = now_iso() if resolution else None
    db.execute("UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution = ?, hlc = ?, unsent = 1, "
               "updated_at = ? WHERE id = ?",
               [when, who if resolution else None, resolution, _stamp(db), now_iso(), conflict_id])


def resolve(db: Database, conflict_id: int, resolution: str) -> Resolved:
    """Choose the value that stands: ``WON`` keeps the row as it is, ``LOST`` writes the losing value.

    Raises:
        ConflictGone: the conflict, or the row it is about, is no longer here.
    """
    if resolution not in (WON, LOST):
        raise ValueError(f"resolution must be {WON!r} or {LOST!r}")
    with writing(db):
        row = db.execute("SELECT table_name, row_uid, field, lost_value FROM conflicts WHERE id = ?",
                         [conflict_id]).fetchone()
        if row is None:
            raise ConflictGone("この競合はもうありません。一覧を開き直してください。")
        table, uid, server_field, lost_text = row
        column = local_column(table, server_field)
        wrote, previous, value = False, None, None
        changes = Changes.of(CONFLICTS)
        if resolution == LOST and column is not None:
            value = local_value(db, table, server_field, _decode(lost_text))
            wrote, previous = _write_field(db, table, uid, column, value)
            if wrote:
                changes = Changes.of(table, CONFLICTS)
        _mark(db, conflict_id, resolution)
    return Resolved(conflict_id, resolution, wrote, previous, value if wrote else None, changes)


def reopen(db: Database, resolved: Resolved) -> Changes:
    """Take a resolution back: the field's previous value written again, the conflict open again."""
    with writing(db):
        row = db.execute("SELECT table_name, row_uid, field FROM conflicts WHERE id = ?",
                         [resolved.conflict_id]).fetchone()
        if row is None:
            raise ConflictGone("この競合はもうありません。一覧を開き直してください。")
        table, uid, server_field = row
        column = local_column(table, server_field)
        if resolved.wrote and column is not None:
            now = db.execute(f"SELECT {column} FROM {table} WHERE uid = ?", [uid]).fetchone()
            # Only while the field still holds what the resolution wrote: a newer edit (pulled since)
            # is not overwritten by an undo.
            if now is not None and now[0] == resolved.written:
                _write_field(db, table, uid, column, resolved.previous)
        _mark(db, resolved.conflict_id, None)
    return resolved.changes


def send_resolutions(db: Database, conn: Connection) -> int:
    """Write the resolutions made here to the server's conflicts rows; return how many were sent.

    One server transaction; a resolution older (by HLC) than the server's row is not written there (a
    later one from another laptop stands, and the pull brings it). ``conn`` must have no transaction open.
    """
    origin = db.execute("SELECT origin FROM sync_state WHERE id = 1").fetchone()[0] or ""
    waiting = db.execute("SELECT uid, resolved_at, resolved_by, resolution, hlc, updated_at FROM conflicts "
                         "WHERE unsent = 1").fetchall()
    if not waiting:
        return 0
    with conn.transaction():
        conn.execute("SELECT set_config('kakeru.origin', %s, true)", [origin])
        for uid, resolved_at, resolved_by, resolution, stamp, updated_at in waiting:
            conn.execute("UPDATE kakeru.conflicts SET resolved_at = %s, resolved_by = %s, resolution = %s, "
                         "hlc = %s, updated_at = %s WHERE uid = %s AND hlc < %s",
                         [resolved_at, resolved_by, resolution, stamp, updated_at, uid, stamp])
    with writing(db):
        db.conn.executemany("UPDATE conflicts SET unsent = 0 WHERE uid = ? AND hlc = ?",
                            [(row[0], row[4]) for row in waiting])
    return len(waiting)
