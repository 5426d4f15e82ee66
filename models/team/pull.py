"""Reading the server's change log in commit order, so that no committed change is ever skipped.

The gap a bare sequence number leaves: transaction A takes change id 10, transaction B takes id 11 and
commits; a laptop reads up to 11 and keeps 11 as its cursor; A commits afterwards, and id 10 lies
behind the cursor forever. Here, instead:

- Each change records the top-level id of the transaction that wrote it (``changes.xid``, an ``xid8``
  from ``pg_current_xact_id()``; ids are handed out in order and never wrap).
- A pull reads only changes with ``xid < pg_snapshot_xmin(pg_current_snapshot())``, the oldest
  transaction still running anywhere on the server. Every transaction below that horizon has ended:
  its changes are all visible now (committed) or never will be (rolled back). A change of a transaction
  still running, or of any later one, waits for a later pull.
- The cursor is the ``(xid, id)`` of the last change read, and a pull reads the changes after it in
  ``(xid, id)`` order. No change can later appear at or below a cursor: its transaction had ended when
  the cursor was read. Changes of one transaction share their xid and are ordered by id, so a page cut
  in the middle of a transaction resumes where it stopped.

The price: one long-running transaction on the server (a stuck push, a manager's open ``psql``
session that wrote something) holds every pull back until it ends. Nothing is lost, only delayed, so
pushes keep their transactions short. Run a pull in its own transaction, never after a write in the
same one (its own xid would hold the horizon at itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from psycopg import Connection


@dataclass(frozen=True, order=True)
class Cursor:
    """Where a laptop's pull stopped: the last change read (``Cursor()`` before the first pull)."""

    xid: int = 0
    id: int = 0


@dataclass(frozen=True)
class Change:
    """One entry of the server's change log."""

    cursor: Cursor
    table_name: str
    uid: str
    op: str
    data: dict[str, Any] | None = field(default=None, compare=False)
    hlc: str = ""
    origin: str = ""


_READ = """
SELECT c.xid::text, c.id, c.table_name, c.uid, c.op, c.data, c.hlc, c.origin
FROM kakeru.changes AS c,
    (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) AS h
WHERE (c.xid, c.id) > (%s::text::xid8, %s) AND c.xid < h.horizon
ORDER BY c.xid, c.id
LIMIT %s"""


def read_changes(conn: Connection, after: Cursor, limit: int = 1000) -> tuple[list[Change], Cursor]:
    """The committed changes after ``after`` (at most ``limit``) and the cursor to keep after them.

    The cursor comes back unchanged when nothing is ready yet; a page of ``limit`` changes means there
    may be more.
    """
    rows = conn.execute(_READ, [str(after.xid), after.id, limit]).fetchall()
    changes = [
        Change(Cursor(int(xid), change_id), table_name, uid, op, data, hlc, origin)
        for xid, change_id, table_name, uid, op, data, hlc, origin in rows
    ]
    return changes, (changes[-1].cursor if changes else after)
