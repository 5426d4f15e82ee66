"""Applying the server's changes on the laptop: pages of the change log, each one local transaction.

Inside a page's transaction recording is off (``outbox.set_recording``), so pulled rows are not sent
back; it is turned on again before the commit. Rows arrive by uid with references as uids; they are
written with local ids, parents before children (``rows.TABLE_ORDER``), so a page that carries a company
and its people finds the company. A row whose company, list or linked person is missing cannot be kept
(not this laptop's account, or deleted here; the server buries it too) and is skipped; a nullable
reference to a row not here yet is left NULL and mended when that row arrives later in the same pull (a
successor named before it was pulled). A tombstone deletes the local row (and what hangs on it, as a
local delete does). ``sync_seen`` keeps each row's per-field HLCs as the server has them; the cursor
and the clock are stored in the same transaction as the rows.

A field with a write still in the outbox is not overwritten (the push that follows merges it on the
server) and its base in ``sync_seen`` is kept, so the server sees the edit as concurrent.

Derived columns are kept as the app's own writes keep them: the search and dedupe keys by
``companies.derived_keys``, the score by ``scoring.Scorer``, the last touch from the touches (as
``consistency`` checks it); the first touch, open plans, the FTS index, touch_days and the histories by
the triggers of the local schema.

Pulled timestamps (``timestamps.TIMESTAMP_COLUMNS`` and the common ``created_at``/``updated_at``) are
written in this file's working zone (``clock.text_in_zone``), since the app compares stored timestamps
as text: a touch logged in Tokyo reads ``+09:00`` on a laptop in Tokyo and ``-08:00`` in Los Angeles.
Recording is off, so the outbox never sends the rewritten text; the server keeps the writer's text (the
same moment), and the next pull of the row compares converted with converted, so nothing is written
again. A field this laptop edits is sent in its own zone's text, as any local write.

What a page wrote is named by table (``Applied.tables``), so the app refreshes only those views.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from psycopg import Connection
from sqlite_utils import Database

from models.accounts.companies import derived_keys
from models.accounts.scoring import Scorer
from models.store import clock as zones
from models.store.db import writing
from models.store.schema import SYNCED_COLUMNS
from models.store.timestamps import TIMESTAMP_COLUMNS, stored_zone_name
from models.team import hlc as clock
from models.team.outbox import set_recording
from models.team.pull import Change, Cursor, read_changes
from models.team.rows import REFERENCES, TABLE_ORDER, local_ids, server_column
from models.team.team_settings import apply_team_setting

log = logging.getLogger(__name__)

_REQUIRED = ("company_id", "list_id", "from_contact_id", "to_contact_id")  # NOT NULL references
# NOT NULL references by names other tables use as nullable ones (a plan's cadence, a touch's person).
_REQUIRED_IN = {"cadence_steps": ("cadence_id",), "meeting_attendees": ("meeting_id", "contact_id")}
_CONFLICT_COLUMNS = ("table_name", "row_uid", "field", "company_uid", "lost_value", "lost_hlc", "lost_by",
                     "won_value", "won_hlc", "won_by", "resolved_at", "resolved_by", "resolution")


# A reference not yet resolved: (table, row uid, local column, table referenced, uid referenced).
Dangling = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Applied:
    """What one page changed locally, and the references still waiting for their rows."""

    changes: int
    conflicts: int
    skipped: int
    dangling: tuple[Dangling, ...] = ()
    tables: frozenset[str] = frozenset()  # the local tables the page wrote


def file_zone(db: Database) -> Any:
    """The zone this file works in: its ``time_zone`` setting, else the app's working zone."""
    name = stored_zone_name(db)
    if name:
        try:
            return zones.zone_named(name)
        except zones.UnknownTimeZone:
            pass
    return zones.working_zone()


def stored_cursor(db: Database) -> Cursor:
    xid, change_id = db.execute("SELECT cursor_xid, cursor_id FROM sync_state WHERE id = 1").fetchone()
    return Cursor(int(xid), int(change_id))


def _pending_fields(db: Database) -> dict[tuple[str, str], frozenset[str]]:
    """The fields (server names) of each row with a write still in the outbox."""
    pending: dict[tuple[str, str], set[str]] = {}
    for table, uid, op, fields in db.execute("SELECT table_name, row_uid, op, fields FROM outbox"):
        names = pending.setdefault((table, uid), set())
        if op != "update" or not fields:
            names.add("*")
        else:
            names.update(server_column(table, field) for field in fields.split(","))
    return {key: frozenset(names) for key, names in pending.items()}


class _Page:
    """One page being applied (inside the page's transaction)."""

    def __init__(self, db: Database, dangling: Iterable[Dangling] = ()):
        self.db = db
        self.dangling = list(dangling)
        self.pending = _pending_fields(db)
        self.scorer: Scorer | None = None
        self.touched_companies: set[int] = set()
        self.skipped = 0
        self.conflicts = 0
        self.rows: dict[str, dict[str, Any]] = {}  # this table's rows of the page by uid, as written
        self.seen: list[tuple[str, str, str]] = []  # sync_seen rows to write
        self.tables: set[str] = set()  # the local tables written
        self.zone = file_zone(db)

    def _in_zone(self, text: Any) -> Any:
        return zones.text_in_zone(text, self.zone)

    def apply(self, changes: list[Change]) -> None:
        order = {table: index for index, table in enumerate(TABLE_ORDER)}
        synced = sorted((c for c in changes if c.table_name in order), key=lambda c: order[c.table_name])
        start = 0
        while start < len(synced):  # one table at a time, in commit order within it
            end = start
            while end < len(synced) and synced[end].table_name == synced[start].table_name:
                end += 1
            self._table(synced[start].table_name, synced[start:end])
            start = end
        for change in changes:
            if change.table_name == "conflicts" and change.data is not None:
                self._conflict(change.data)
            elif change.table_name == "assignments" and change.data is not None:
                self._assignment(change.uid, change.data)
            elif change.table_name == "members" and change.data is not None:
                self._member(change.data)
            elif (change.table_name == "team_settings" and change.data is not None
                  and apply_team_setting(self.db, change.data)):
                self.tables.add("settings")
        self._mend()
        if self.touched_companies:
            ids = sorted(self.touched_companies)
            for begin in range(0, len(ids), 500):
                chunk = ids[begin:begin + 500]
                self.db.execute(
                    "UPDATE companies SET last_touch_at = (SELECT max(t.at) FROM touches AS t "
                    f"WHERE t.company_id = companies.id) WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            self.tables.add("companies")

    def _table(self, table: str, changes: list[Change]) -> None:
        refs = REFERENCES.get(table, {})
        targets: dict[str, set[str]] = {}
        for change in changes:
            for server, parent in refs.values():
                value = (change.data or {}).get(server)
                if value:
                    targets.setdefault(parent, set()).add(value)
        # The rows of this page's own table may reference each other (a successor): resolved per row.
        resolved = {parent: local_ids(self.db, parent, uids) for parent, uids in targets.items()
                    if parent != table}
        # The rows already here, read in chunks (a first pull brings hundreds of thousands).
        self.rows = {}
        wanted = list(dict.fromkeys(change.uid for change in changes))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            cursor = self.db.execute(f"SELECT * FROM {table} WHERE uid IN ({','.join('?' * len(chunk))})",
                                     chunk)
            names = [description[0] for description in cursor.description]
            self.rows.update({row["uid"]: row for row in (dict(zip(names, values, strict=True))
                                                           for values in cursor.fetchall())})
        for change in changes:
            data = change.data
            if change.op == "delete" or data is None or data.get("deleted"):
                self._flush_seen()
                self._delete(table, change.uid)
            else:
                self._upsert(table, change.uid, data, refs, resolved)
        self._flush_seen()

    def _flush_seen(self) -> None:
        self.db.conn.executemany(
            "INSERT INTO sync_seen (table_name, row_uid, field_hlc) VALUES (?, ?, ?) "
            "ON CONFLICT (table_name, row_uid) DO UPDATE SET field_hlc = excluded.field_hlc", self.seen)
        self.seen = []

    def _delete(self, table: str, uid: str) -> None:
        self.rows.pop(uid, None)
        if table == "touches":
            row = self.db.execute("SELECT company_id FROM touches WHERE uid = ?", [uid]).fetchone()
            if row:
                self.touched_companies.add(row[0])
        if self.db.execute(f"DELETE FROM {table} WHERE uid = ?", [uid]).rowcount:
            self.tables.add(table)
        self.db.execute("DELETE FROM sync_seen WHERE table_name = ? AND row_uid = ?", [table, uid])

    def _upsert(self, table: str, uid: str, data: dict[str, Any], refs: dict[str, tuple[str, str]],
                resolved: dict[str, dict[str, int]]) -> None:
        protected = self.pending.get((table, uid), frozenset())
        if "*" in protected:
            return  # written here since the push: the next push sends it whole
        values: dict[str, Any] = {}
        stamped = TIMESTAMP_COLUMNS.get(table, ())
        for column in SYNCED_COLUMNS[table]:
            if column in refs:
                server, parent = refs[column]
                target = data.get(server)
                if not target:
                    values[column] = None
                elif parent == table:
                    row = self.db.execute(f"SELECT id FROM {table} WHERE uid = ?", [target]).fetchone()
                    values[column] = row[0] if row else None
                else:
                    values[column] = resolved.get(parent, {}).get(target)
                if target and values[column] is None:
                    self.dangling.append((table, uid, column, parent, target))
            elif column in stamped:
                values[column] = self._in_zone(data.get(column))
            else:
                values[column] = data.get(column)
        if any(values.get(column, True) is None for column in (*_REQUIRED, *_REQUIRED_IN.get(table, ()))):
            # Its account (or list, or person) is not on this laptop, or is deleted here: the server
            # buries such a row too (kakeru.bury_orphans).
            self.skipped += 1
            self.dangling = [entry for entry in self.dangling if entry[:2] != (table, uid)]
            return
        now = self.rows.get(uid)
        if now is not None:
            keep = {column for column in SYNCED_COLUMNS[table] if server_column(table, column) in protected}
            changed = {column: value for column, value in values.items()
                       if column not in keep and now[column] != value}
            if table == "companies" and changed:
                changed |= self._company_derived({**now, **changed})
            if changed:
                changed["updated_at"] = self._in_zone(data.get("updated_at", now["updated_at"]))
                self.db.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
                                [*changed.values(), now["id"]])
                now.update(changed)
                self.tables.add(table)
            if table == "touches":
                self.touched_companies.update({now["company_id"], values["company_id"]})
        else:
            row = {"uid": uid, "created_at": self._in_zone(data.get("created_at")),
                   "updated_at": self._in_zone(data.get("updated_at")), **values}
            if table == "companies":
                row |= self._company_derived(row)
            insert = f"INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
            inserted = self.db.execute(f"INSERT OR IGNORE {insert}", list(row.values()))
            if inserted.rowcount == 0 and not self._twin(table, uid, row):
                self.skipped += 1
                return
            if inserted.rowcount == 0:
                inserted = self.db.execute(f"INSERT {insert}", list(row.values()))
            self.rows[uid] = {**row, "id": inserted.lastrowid}
            self.tables.add(table)
            if table == "touches":
                self.touched_companies.add(values["company_id"])
        field_hlc = dict(data.get("field_hlc") or {})
        if protected:
            old = self.db.execute("SELECT field_hlc FROM sync_seen WHERE table_name = ? AND row_uid = ?",
                                  [table, uid]).fetchone()
            before = json.loads(old[0]) if old else {}
            for field in protected:
                if field in before:
                    field_hlc[field] = before[field]
                else:
                    field_hlc.pop(field, None)
        self.seen.append((table, uid, json.dumps(field_hlc)))

    def _twin(self, table: str, uid: str, row: dict[str, Any]) -> bool:
        """Settle a pulled row that the laptop's unique keys refuse: two lists of one name, or one company
        put on one list twice, made on two laptops offline. The older uid (uids begin with their time)
        keeps the name or the membership on every laptop alike; the change is sent as this laptop's own
        write, so the server and the other laptops follow. Whether ``row`` may now be inserted."""
        if table == "target_lists":
            other = self.db.execute("SELECT id, uid FROM target_lists WHERE name = ?",
                                    [row["name"]]).fetchone()
            if other is None:
                return False
            renamed_uid = max(uid, other[1])
            renamed = f"{row['name']}（{renamed_uid[-4:]}）"
            if renamed_uid == uid:
                row["name"] = renamed
            else:
                self.db.execute("UPDATE target_lists SET name = ? WHERE id = ?", [renamed, other[0]])
            self._record(table, renamed_uid, "update", "name")
            return True
        if table == "list_members":
            other = self.db.execute("SELECT id, uid FROM list_members WHERE list_id = ? AND company_id = ?",
                                    [row["list_id"], row["company_id"]]).fetchone()
            if other is None:
                return False
            if uid < other[1]:
                self.db.execute("DELETE FROM list_members WHERE id = ?", [other[0]])
                self._record(table, other[1], "delete", None)
                return True
            self._record(table, uid, "delete", None)
        return False

    def _record(self, table: str, uid: str, op: str, fields: str | None) -> None:
        """Queue a write of the pull's own for the next push (recording is off while a page applies)."""
        self.db.execute("INSERT INTO outbox (table_name, row_uid, op, fields) VALUES (?, ?, ?, ?)",
                        [table, uid, op, fields])
        self.tables.add(table)

    def _mend(self) -> None:
        """Point the references that waited at their rows, where those have arrived since."""
        waiting = []
        for table, uid, column, parent, target in self.dangling:
            row = self.db.execute(f"SELECT id FROM {parent} WHERE uid = ?", [target]).fetchone()
            if row is None:
                waiting.append((table, uid, column, parent, target))
            else:
                if self.db.execute(f"UPDATE {table} SET {column} = ? WHERE uid = ? AND {column} IS NULL",
                                   [row[0], uid]).rowcount:
                    self.tables.add(table)
        self.dangling = waiting

    def _company_derived(self, row: dict[str, Any]) -> dict[str, Any]:
        if self.scorer is None:
            self.scorer = Scorer.of(self.db)
        return derived_keys(row) | {"score": self.scorer(row)}

    def _conflict(self, data: dict[str, Any]) -> None:
        values = {column: data.get(column) for column in _CONFLICT_COLUMNS}
        for column in ("lost_value", "won_value"):
            values[column] = json.dumps(values[column], ensure_ascii=False)
        values["resolved_at"] = self._in_zone(values["resolved_at"])
        values["hlc"] = data.get("hlc") or ""
        exists = self.db.execute("SELECT unsent, hlc FROM conflicts WHERE uid = ?", [data["uid"]]).fetchone()
        if exists:
            if exists[0] and exists[1] > values["hlc"]:
                # Resolved (or reopened) here and not yet sent: this laptop's choice is the later one.
                for column in ("resolved_at", "resolved_by", "resolution", "hlc"):
                    values.pop(column)
            else:
                values["unsent"] = 0
            self.db.execute(f"UPDATE conflicts SET {', '.join(f'{c} = ?' for c in values)} WHERE uid = ?",
                            [*values.values(), data["uid"]])
        else:
            if values["resolved_at"] is None:
                self.conflicts += 1
            values["created_at"] = self._in_zone(data.get("created_at")) or zones.now_text()
            marks = ", ".join("?" * (len(values) + 1))
            self.db.execute(f"INSERT INTO conflicts (uid, {', '.join(values)}) VALUES ({marks})",
                            [data["uid"], *values.values()])
        self.tables.add("conflicts")

    def _assignment(self, uid: str, data: dict[str, Any]) -> None:
        self.db.execute("DELETE FROM assignments WHERE uid = ?", [uid])
        self.tables.add("assignments")
        if not data.get("deleted"):
            self.db.execute("INSERT INTO assignments (uid, list_uid, caller_login) VALUES (?, ?, ?)",
                            [uid, data.get("list_uid"), data.get("caller_login")])

    def _member(self, data: dict[str, Any]) -> None:
        self.tables.add("team_members")
        self.db.execute(
            "INSERT INTO team_members (login, display_name, is_manager, active) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name, "
            "is_manager = excluded.is_manager, active = excluded.active",
            [data.get("login"), data.get("display_name") or data.get("login"),
             int(bool(data.get("is_manager"))), int(data.get("active", True) is not False)])


def apply_page(db: Database, changes: list[Change], cursor: Cursor,
               dangling: Iterable[Dangling] = (), since: Cursor | None = None) -> Applied | None:
    """Apply one page of pulled changes and store ``cursor`` after it, in one local transaction.

    ``dangling``: references of earlier pages still waiting for their rows (``Applied.dangling``).
    ``since``: the cursor the page was read after; when the stored cursor is no longer it (another sync
    of this file applied pages meanwhile), nothing is applied and None is returned, so that an older
    page never overwrites newer rows.
    """
    with writing(db):
        if since is not None and stored_cursor(db) != since:
            return None
        recording = bool(db.execute("SELECT recording FROM sync_state WHERE id = 1").fetchone()[0])
        set_recording(db, False)
        page = _Page(db, dangling)
        page.apply(changes)
        origin, last = db.execute("SELECT origin, hlc FROM sync_state WHERE id = 1").fetchone()
        for change in changes:
            if change.hlc:
                last = clock.receive(last, change.hlc, origin or "")
        db.execute("UPDATE sync_state SET cursor_xid = ?, cursor_id = ?, hlc = ? WHERE id = 1",
                   [cursor.xid, cursor.id, last])
        set_recording(db, recording)
    if page.skipped:
        log.info("pull: %d rows of accounts not on this laptop skipped", page.skipped)
    return Applied(len(changes), page.conflicts, page.skipped, tuple(page.dangling), frozenset(page.tables))


@dataclass(frozen=True)
class Pulled:
    """What a pull brought: changes applied, new conflicts, and the cursor kept."""

    changes: int
    conflicts: int
    cursor: Cursor
    tables: frozenset[str] = frozenset()  # the local tables the pull wrote


def pull(db: Database, conn: Connection, page_size: int = 1000) -> Pulled:
    """Read the server's changes after the stored cursor and apply them, page by page.

    Each page is read from the server first (no local lock held meanwhile), then written locally in one
    short transaction. ``conn`` must have no transaction open (a pull reads in its own).
    """
    cursor = stored_cursor(db)
    total = conflicts = 0
    tables: set[str] = set()
    dangling: tuple[Dangling, ...] = ()
    while True:
        with conn.transaction():
            changes, after = read_changes(conn, cursor, page_size)
        if not changes:
            break
        applied = apply_page(db, changes, after, dangling, since=cursor)
        if applied is None:  # another sync of this file moved the cursor: read on from where it is
            cursor = stored_cursor(db)
            continue
        dangling = applied.dangling
        total += applied.changes
        conflicts += applied.conflicts
        tables |= applied.tables
        cursor = after
        if len(changes) < page_size:
            break
    return Pulled(total, conflicts, cursor, frozenset(tables))
