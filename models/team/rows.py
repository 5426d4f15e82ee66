"""Synced rows between the laptop's columns and the server's: local ids as uids and back.

A synced table's columns are the outbox's (``models.store.schema.SYNCED_COLUMNS``). A reference to
another row is its local integer id on the laptop (``company_id``) and that row's uid on the server
(``company_uid``). Cadences and their steps are the team's (synced from local migration 15 on), so a
plan's ``cadence_id`` and ``cadence_step_id`` travel as uids and resolve on the other laptop.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlite_utils import Database

from models.store.schema import SYNCED_COLUMNS

# table → local column → (server column, the table the reference names)
REFERENCES: dict[str, dict[str, tuple[str, str]]] = {
    "contacts": {"company_id": ("company_uid", "companies"), "successor_id": ("successor_uid", "contacts")},
    "relationships": {"company_id": ("company_uid", "companies"),
                      "from_contact_id": ("from_contact_uid", "contacts"),
                      "to_contact_id": ("to_contact_uid", "contacts")},
    "touches": {"company_id": ("company_uid", "companies"), "contact_id": ("contact_uid", "contacts")},
    "plans": {"company_id": ("company_uid", "companies"), "contact_id": ("contact_uid", "contacts"),
              "cadence_id": ("cadence_uid", "cadences"),
              "cadence_step_id": ("cadence_step_uid", "cadence_steps"),
              "done_touch_id": ("done_touch_uid", "touches")},
    "meetings": {"company_id": ("company_uid", "companies"), "touch_id": ("touch_uid", "touches")},
    "meeting_attendees": {"meeting_id": ("meeting_uid", "meetings"),
                          "contact_id": ("contact_uid", "contacts")},
    "cadence_steps": {"cadence_id": ("cadence_uid", "cadences")},
    "list_members": {"list_id": ("list_uid", "target_lists"), "company_id": ("company_uid", "companies")},
}
# Parents before children, so a page applied in this order finds the rows its references name.
TABLE_ORDER = ("cadences", "cadence_steps", "companies", "target_lists", "contacts", "touches",
               "relationships", "plans", "meetings", "meeting_attendees", "list_members")
_CHUNK = 500


def server_column(table: str, column: str) -> str:
    """The server's name of a local synced column (``company_id`` → ``company_uid``)."""
    reference = REFERENCES.get(table, {}).get(column)
    return reference[0] if reference else column


@cache
def server_columns(table: str) -> tuple[str, ...]:
    """The synced columns of ``table`` as the server names them."""
    return tuple(server_column(table, column) for column in SYNCED_COLUMNS[table])


def _select_sql(table: str, where: str) -> str:
    refs = REFERENCES.get(table, {})
    parts = ["t.uid", "t.created_at", "t.updated_at"]
    joins = []
    for index, column in enumerate(SYNCED_COLUMNS[table]):
        if column in refs:
            server, parent = refs[column]
            joins.append(f"LEFT JOIN {parent} AS r{index} ON r{index}.id = t.{column}")
            parts.append(f"r{index}.uid AS {server}")
        else:
            parts.append(f"t.{column}")
    return f"SELECT {', '.join(parts)} FROM {table} AS t {' '.join(joins)} WHERE {where}"


def server_rows(db: Database, table: str, uids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The rows ``uids`` of ``table`` as the server stores them (uid, times, synced columns by uid)."""
    wanted = list(dict.fromkeys(uids))
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        cursor = db.execute(_select_sql(table, f"t.uid IN ({','.join('?' * len(chunk))})"), chunk)
        names = [description[0] for description in cursor.description]
        for row in cursor.fetchall():
            found[row[0]] = dict(zip(names, row, strict=True))
    return found


def local_ids(db: Database, table: str, uids: Iterable[str]) -> dict[str, int]:
    """The local ids of the rows of ``table`` known by ``uids`` (those the laptop has)."""
    wanted = [uid for uid in dict.fromkeys(uids) if uid]
    found: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        found.update(db.execute(f"SELECT uid, id FROM {table} WHERE uid IN ({','.join('?' * len(chunk))})",
                                chunk).fetchall())
    return found
