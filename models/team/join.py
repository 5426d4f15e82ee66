"""Binding a local file to a team: where and as whom it syncs, and everything it holds queued to push.

Local only (nothing is sent until the first sync), in one transaction: the server's DSN without its
password (the password lives in the keychain, never in the file), the login, the member's display name
(also the file's caller name, so every new touch, plan and meeting records who made it), a new origin
uid for this file, recording on, and one outbox insert for every row of the synced tables, parents
before children, so the first sync pushes what the file already held.
"""

from __future__ import annotations

from dataclasses import dataclass

from psycopg.conninfo import conninfo_to_dict, make_conninfo
from sqlite_utils import Database

from models.store.db import new_uid, writing
from models.store.settings import set_caller_name
from models.team.errors import TeamError
from models.team.outbox import set_recording
from models.team.rows import TABLE_ORDER


@dataclass(frozen=True)
class Joined:
    """A file bound to a team: its origin uid and how many rows wait for the first push."""

    origin: str
    queued: int


@dataclass(frozen=True)
class Binding:
    """Where and as whom a file syncs (``sync_state``); ``origin`` is None for a file not in a team."""

    server: str | None
    login: str | None
    caller_name: str | None
    origin: str | None


def without_password(dsn: str) -> str:
    """``dsn`` with any password taken out (a file and a log never hold one)."""
    try:
        params = conninfo_to_dict(dsn)
    except Exception as error:  # psycopg.ProgrammingError: the DSN cannot be read
        raise TeamError(f"サーバーの接続先「{dsn}」を読み取れません。"
                        "host=… dbname=… の形で指定してください。") from error
    params.pop("password", None)
    return make_conninfo(**{key: str(value) for key, value in params.items()})


def binding(db: Database) -> Binding:
    row = db.execute("SELECT server, login, caller_name, origin FROM sync_state WHERE id = 1").fetchone()
    return Binding(*row)


def join(db: Database, server: str, login: str, caller_name: str) -> Joined:
    """Bind ``db`` to the team at ``server`` as ``login`` (shown as ``caller_name``).

    Raises:
        TeamError: the file is already bound to a team, or the DSN cannot be read.
    """
    name = " ".join(caller_name.split())
    if not login or not name:
        raise TeamError("ログイン名と表示名を指定してください。")
    dsn = without_password(server)
    if binding(db).origin:
        raise TeamError("このファイルはすでにチームに参加しています。"
                        "別のチームには、新しいファイルで参加してください。")
    origin = new_uid()
    with writing(db):
        db.execute(
            "UPDATE sync_state SET server = ?, login = ?, caller_name = ?, origin = ?, cursor_xid = 0, "
            "cursor_id = 0, hlc = '', last_sync_at = NULL, last_error = NULL WHERE id = 1",
            [dsn, login, name, origin])
        set_caller_name(db, name)
        set_recording(db, True)
        before = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        for table in TABLE_ORDER:
            db.execute(f"INSERT INTO outbox (table_name, row_uid, op) SELECT '{table}', uid, 'insert' "
                       f"FROM {table} ORDER BY id")
        queued = db.execute("SELECT count(*) FROM outbox").fetchone()[0] - before
    return Joined(origin, queued)
