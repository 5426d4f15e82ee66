"""Raw JSON values in the ``settings`` table, by key.

A deliberately tiny store for the call-session modules (calendar, disposition rules, the open
session, the daily target). Typed accessors with their defaults live beside each use.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from models.store.db import new_uid, now_iso, writing


def get_json(db: Database, key: str, default: Any = None) -> Any:
    """The decoded value stored under ``key``, or ``default`` when absent or not valid JSON."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None or row[0] is None:
        return default
    try:
        return json.loads(row[0])
    except ValueError:
        return default


def put_json(db: Database, key: str, value: Any) -> None:
    """Store ``value`` (JSON-encodable) under ``key``; uid and created_at survive an update."""
    now = now_iso()
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with writing(db):
        db.execute(
            "INSERT INTO settings (uid, created_at, updated_at, key, value) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [new_uid(), now, now, key, text],
        )


def delete_key(db: Database, key: str) -> None:
    with writing(db):
        db.execute("DELETE FROM settings WHERE key = ?", [key])
