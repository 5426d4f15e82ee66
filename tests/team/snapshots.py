"""What laptops and the server must agree on after syncing: every synced row by uid, references as uids."""

from __future__ import annotations

import json

from models.team.rows import TABLE_ORDER, server_columns, server_rows


def laptop_snapshot(db) -> dict[str, list[str]]:
    """A laptop's synced rows, table by table, as the server keeps them (sorted JSON texts)."""
    snapshot = {}
    for table in TABLE_ORDER:
        uids = [row[0] for row in db.execute(f"SELECT uid FROM {table}")]
        snapshot[table] = sorted(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)
                                 for row in server_rows(db, table, uids).values())
    return snapshot


def server_snapshot(conn) -> dict[str, list[str]]:
    """The server's live rows (tombstones left out), in the same form as ``laptop_snapshot``."""
    snapshot = {}
    for table in TABLE_ORDER:
        columns = ("uid", "created_at", "updated_at", *server_columns(table))
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM kakeru.{table} WHERE NOT deleted").fetchall()
        snapshot[table] = sorted(json.dumps(dict(zip(columns, row, strict=True)), sort_keys=True,
                                            ensure_ascii=False) for row in rows)
    return snapshot
