"""Rewriting stored timestamps to one zone's offset, and the file's zone when it was never chosen.

Stored timestamps are compared and sorted as text and cut to their first ten characters for their day
(models.store.clock), which is only right when they all carry the same zone's offset. Two things
rewrite them: migration 8, once, for files written before the zone was a setting (a UTC laptop mixed
+00:00 rows with the demo's +09:00 ones), and a change of the ``time_zone`` setting
(``models.store.time_zone.set_time_zone``). The moments never change, only the offset they are
written in; updated_at is left as it was, since nothing about the row changed.

This module is below ``models.store.db`` (the migrations use it), so it runs no transaction itself and
imports ``models.store.settings`` (which imports db) only when a function runs.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import tzinfo
from typing import TYPE_CHECKING

from models.store import clock

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

# Every column that holds a moment (a date-time with its offset). Bare dates ('YYYY-MM-DD': plans.due
# without a time, relationships.as_of …) are left alone by ``clock.text_in_zone``. touch_days is left
# out: its rows are made by triggers with SQLite's UTC default and nothing reads their stamps.
TIMESTAMP_COLUMNS: dict[str, tuple[str, ...]] = {
    "imports": ("undone_at",),
    "companies": ("last_touch_at", "first_touch_at"),
    "contacts": (),
    "relationships": (),
    "target_lists": (),
    "list_members": (),
    "import_changes": (),
    "touches": ("at",),
    "cadences": (),
    "cadence_steps": (),
    "plans": ("due", "done_at"),
    "meetings": ("starts_at", "feedback_at"),
    "meeting_attendees": (),
    "settings": (),
    "saved_views": (),
    "import_mappings": (),
    "review_decisions": ("done_at",),
    "company_status_changes": ("at",),
    "list_member_history": ("added_at", "removed_at"),
    "kpi_goals": (),
}
_COMMON = ("created_at", "updated_at")
TOKYO_OFFSET = "+09:00"
_FUNCTION = "kakeru_in_zone"


def _columns(db: Database) -> list[tuple[str, str]]:
    """(table, column) of every timestamp column this file has (an old file lacks later ones)."""
    found = []
    for table, extra in TIMESTAMP_COLUMNS.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()}
        found += [(table, column) for column in (*_COMMON, *extra) if column in have]
    return found


def rewrite(db: Database, zone: tzinfo) -> int:
    """Rewrite every stored timestamp to ``zone``'s offset; return how many values changed.

    Run it inside the caller's transaction. Rewriting touches.at runs the triggers that keep the
    per-day counts and the companies' first touch, so a touch moves to the day it has in ``zone``.

    In a team's file the outbox does not record these updates (the team's outbox triggers would send
    every row of the file as edited): no moment changes, so there is nothing for the team to learn.
    """
    db.conn.create_function(_FUNCTION, 1, lambda text: clock.text_in_zone(text, zone), deterministic=True)
    fixed = clock.fixed_offset(zone)
    changed = 0
    recording = _pause_recording(db)
    try:
        for table, column in _columns(db):
            # A zone without summer time has one offset: values already ending with it are skipped in SQL.
            skip = f" AND substr({column}, -6) <> '{clock.offset_text(fixed)}'" if fixed is not None else ""
            cursor = db.execute(
                f"UPDATE {table} SET {column} = {_FUNCTION}({column}) "
                f"WHERE length({column}) > 10{skip} AND {column} IS NOT {_FUNCTION}({column})")
            changed += max(cursor.rowcount, 0)
    finally:
        if recording:
            db.execute("UPDATE sync_state SET recording = 1 WHERE id = 1")
    return changed


def _pause_recording(db: Database) -> bool:
    """Turn the team outbox's recording off (in the caller's transaction); whether it was on. A file from
    before the outbox (migration 8 runs before 11) has nothing to pause."""
    exists = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"
    if db.execute(exists).fetchone() is None:
        return False
    row = db.execute("SELECT recording FROM sync_state WHERE id = 1").fetchone()
    if not row or not row[0]:
        return False
    db.execute("UPDATE sync_state SET recording = 0 WHERE id = 1")
    return True


def stored_zone_name(db: Database) -> str | None:
    """The ``time_zone`` setting as stored (an IANA name), or None when none (or nothing readable) is."""
    from models.store import settings

    name = settings.get_setting(db, settings.TIME_ZONE)
    return name if isinstance(name, str) and name else None


def _common_offset(db: Database) -> str | None:
    """The offset most of the file's recent timestamps carry ('+09:00'), or None when it has none."""
    offsets: Counter[str] = Counter()
    for sql in ("SELECT substr(at, -6) FROM touches ORDER BY id DESC LIMIT 1000",
                "SELECT substr(created_at, -6) FROM companies ORDER BY id DESC LIMIT 1000"):
        offsets.update(row[0] for row in db.execute(sql) if row[0] and row[0][0] in "+-")
    return offsets.most_common(1)[0][0] if offsets else None


def upgrade_zone(db: Database) -> tzinfo:
    """The zone a file written before migration 8 is taken to work in, recording it when inferred.

    The file's own setting if it has one; else the system's zone, unless most of its timestamps carry
    +09:00 while the system's offset is another (Japanese data on a UTC laptop): then Asia/Tokyo, which
    is stored as the file's ``time_zone`` so that it stays the file's zone wherever it is opened.
    """
    name = stored_zone_name(db)
    if name:
        try:
            return clock.zone_named(name)
        except clock.UnknownTimeZone:
            log.warning("time_zone setting %r is not a known zone; using the system's", name)
    system = clock.system_zone()
    system_offset = clock.fixed_offset(system)
    if _common_offset(db) == TOKYO_OFFSET and (
            system_offset is None or clock.offset_text(system_offset) != TOKYO_OFFSET):
        from models.store import settings

        settings.set_setting(db, settings.TIME_ZONE, clock.TOKYO_NAME)
        return clock.zone_named(clock.TOKYO_NAME)
    return system


def upgrade(db: Database) -> None:
    """Migration 8: every timestamp of an older file to its zone's offset (``upgrade_zone``)."""
    zone = upgrade_zone(db)
    changed = rewrite(db, zone)
    if changed:
        log.info("migration 8: %d timestamps rewritten to %s", changed, clock.zone_name(zone) or zone)
