"""The team's settings (``models.store.settings.TEAM_KEYS``) between the laptops and the server.

A team key written on the laptop while it records (local migration 16) is marked in
``settings_unsent``. ``send_settings`` writes each marked key to the server's ``team_settings`` row of
that name, stamped with the laptop's HLC; the server keeps the newest (last writer wins by HLC) and only
a manager may write (``kakeru.managers_only``): a caller's write is refused, set aside in
``sync_refused`` with the server's reason and said by the sync's ``refused_message``; the caller's value
stays on their laptop until the next pulled change of that key replaces it. The server logs each row
into ``changes``; the pull applies it with recording off (``apply_team_setting``), so it is not sent
back. Every other key of the settings table is the person's or the file's and never leaves the laptop.
"""

from __future__ import annotations

import logging
from typing import Any

from psycopg import Connection
from sqlite_utils import Database

from models.accounts.scoring import rescore_all
from models.store.db import now_iso, writing
from models.store.errors import ValidationError
from models.store.settings import SCORING_RULES, TEAM_KEYS, get_raw, put_pulled
from models.team import hlc as clock
from models.team.push import REFUSALS

log = logging.getLogger(__name__)


def send_settings(db: Database, conn: Connection) -> int:
    """Write the team keys changed here to the server; return how many it took (refused ones set aside).

    Each key in a transaction of its own, so one refused key does not hold back another. ``conn`` must
    have no transaction open.
    """
    marked = db.execute("SELECT key, written_at FROM settings_unsent ORDER BY written_at").fetchall()
    if not marked:
        return 0
    waiting = [(key, written_at, get_raw(db, key)) for key, written_at in marked]
    origin, last, name = db.execute("SELECT origin, hlc, caller_name FROM sync_state WHERE id = 1").fetchone()
    sent = 0
    refused: list[tuple[str, str, str]] = []
    done: list[tuple[str, str]] = []
    for key, written_at, value in waiting:
        last = clock.tick(last, clock.ms_of(written_at), origin or "")
        try:
            with conn.transaction():
                conn.execute("SELECT set_config('kakeru.origin', %s, true)", [origin or ""])
                conn.execute(
                    "INSERT INTO kakeru.team_settings (key, value, hlc, updated_at, updated_by) "
                    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                    "hlc = excluded.hlc, updated_at = excluded.updated_at, updated_by = excluded.updated_by "
                    "WHERE kakeru.team_settings.hlc < excluded.hlc",
                    [key, value, last, written_at, name])
            sent += 1
        except REFUSALS as error:
            refused.append((key, written_at, str(error).strip().splitlines()[0]))
        done.append((key, written_at))
    with writing(db):
        db.conn.executemany(
            "INSERT INTO sync_refused (outbox_id, table_name, row_uid, op, fields, written_at, reason, "
            "created_at, updated_at) VALUES (0, 'settings', ?, 'update', NULL, ?, ?, ?, ?)",
            [(key, written_at, reason, now_iso(), now_iso()) for key, written_at, reason in refused])
        # A key written again while this ran keeps its mark (a newer written_at): it goes next time.
        db.conn.executemany("DELETE FROM settings_unsent WHERE key = ? AND written_at = ?", done)
        db.execute("UPDATE sync_state SET hlc = ? WHERE id = 1 AND hlc < ?", [last, last])
    return sent


def apply_team_setting(db: Database, data: dict[str, Any]) -> bool:
    """Write a pulled ``team_settings`` row into the local settings table (inside the pull's page, with
    recording off); whether anything changed. A key changed here and not yet sent is left as it is: the
    next send decides, by HLC. A key this Kakeru does not count as the team's is ignored."""
    key, value = data.get("key"), data.get("value")
    if key not in TEAM_KEYS:
        return False
    if db.execute("SELECT 1 FROM settings_unsent WHERE key = ?", [key]).fetchone():
        return False
    if not put_pulled(db, key, value):
        return False
    if key == SCORING_RULES:
        _rescore(db)
    return True


def _rescore(db: Database) -> None:
    """The team's new scoring rules in force at once: every account's score recomputed (a derived column,
    never sent). Rules this Kakeru cannot read leave the scores as they were; the scoring screen says why."""
    try:
        rescore_all(db)
    except ValidationError as error:
        log.warning("the team's scoring rules cannot be read here (%s); scores left as they were", error)
