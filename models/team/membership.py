"""What the app shows of a file's team, read cheaply, and leaving a team while keeping the data.

Plain SQL on ``sync_state`` and ``outbox`` only: the status bar reads this at start-up and after writes,
so it must not load psycopg (``join`` and ``sync`` do). Leaving unbinds the file: nothing local that a
caller works with is deleted (companies, touches, plans… stay); what belonged to the bond goes (the
server's address and login, the pull's cursor, the writes not yet sent, the per-field HLCs seen, the
team's members and assignments as last pulled), so the file works alone and may join a team afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.store.db import writing

if TYPE_CHECKING:  # the status bar reads the team state before sqlite-utils is loaded
    from sqlite_utils import Database


@dataclass(frozen=True)
class TeamStatus:
    """Where a file syncs and how it last went; ``origin`` is None when it is in no team.

    ``waiting`` is how many local writes the server has not been sent yet (outbox entries).
    """

    server: str | None
    login: str | None
    caller_name: str | None
    origin: str | None
    last_sync_at: str | None
    last_error: str | None
    waiting: int

    @property
    def joined(self) -> bool:
        return bool(self.origin)


@dataclass(frozen=True)
class Left:
    """A file that left its team: how many writes were waiting and will now never be sent."""

    dropped: int


def team_status(db: Database) -> TeamStatus:
    """The file's team binding, its last sync and how many changes wait (one row, one count)."""
    row = db.execute("SELECT server, login, caller_name, origin, last_sync_at, last_error "
                     "FROM sync_state WHERE id = 1").fetchone()
    if row is None or not row[3]:
        return TeamStatus(None, None, None, None, None, None, 0)
    waiting = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    server, login, caller_name, origin, last_sync_at, last_error = row
    return TeamStatus(server, login, caller_name, origin, last_sync_at, last_error, waiting)


def leave(db: Database) -> Left:
    """Unbind ``db`` from its team, in one transaction; every working row stays as it is.

    The caller name stays too (it is who calls on this laptop, team or not). Recording stops, so later
    writes fill no outbox; a later ``join`` queues the whole file again.
    """
    with writing(db):
        dropped = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        db.execute("UPDATE sync_state SET recording = 0, server = NULL, login = NULL, caller_name = NULL, "
                   "origin = NULL, cursor_xid = 0, cursor_id = 0, hlc = '', last_sync_at = NULL, "
                   "last_error = NULL WHERE id = 1")
        for table in ("outbox", "sync_seen", "assignments", "team_members"):
            db.execute(f"DELETE FROM {table}")
    return Left(dropped)
