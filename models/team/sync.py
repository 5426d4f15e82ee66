"""One sync of a file bound to a team: push the whole outbox, then pull what the server has.

``sync(db, conn_factory)`` is what the command line and the app's background thread call. It never
holds the SQLite write lock across a network round trip: each push batch is sent, then acknowledged
locally in a short transaction; each pull page is read, then applied in a short transaction. The pull
begins only once the outbox is empty, so the laptop's own edits are acknowledged before anything pulled
is applied (and fields written meanwhile are kept: ``apply``).

Failures are ``TeamError``s with one plain sentence: the server unreachable, the login refused, the
server too new, a write the server does not allow. Nothing local changes then except
``sync_state.last_error``; the outbox stays and the next sync sends it (a batch the server applied
before the failure is dropped there by its ids).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from psycopg import Connection
from psycopg.conninfo import make_conninfo
from sqlite_utils import Database

from models.store.db import now_iso, writing
from models.team.apply import Pulled, pull
from models.team.conflicts import send_resolutions
from models.team.errors import TeamError
from models.team.join import binding
from models.team.pull import Cursor
from models.team.push import count_set_aside, push, refused_sentence
from models.team.server_schema import check_server_version
from models.team.team_settings import send_settings


@dataclass(frozen=True)
class SyncResult:
    """What one sync did: outbox entries pushed, changes pulled, new conflicts, the cursor kept, and the
    local tables the pull wrote (the views showing others need not read again)."""

    pushed: int
    pulled: int
    conflicts: int
    cursor: Cursor
    tables: frozenset[str] = frozenset()
    refused: int = 0  # outbox entries the server refused in this sync, set aside (models.team.push)

    @property
    def refused_message(self) -> str | None:
        """The status bar's sentence when the server refused some changes (None when it took all)."""
        return refused_sentence(self.refused)

    def as_json(self) -> dict[str, object]:
        return {"pushed": self.pushed, "pulled": self.pulled, "conflicts": self.conflicts,
                "cursor": {"xid": self.cursor.xid, "id": self.cursor.id}}


_UNREACHABLE = ("チームのサーバーに接続できませんでした。ネットワークとサーバーの状態を確かめて、"
                "あとでもう一度同期してください。このパソコンのデータと未送信の変更はそのまま残っています。")
_REFUSED = ("チームのサーバーにログインできませんでした。ログイン名とパスワードを確かめてください。"
            "このパソコンのデータと未送信の変更はそのまま残っています。")
_NOT_ALLOWED = ("チームのサーバーがこの変更を受け付けませんでした（権限がありません）。"
                "管理者にリストの割り当てと権限を確かめてもらってください。未送信の変更はそのまま残っています。")
_NO_TEAM = ("このサーバーにはチームが設定されていません。管理者に team init を実行してもらってください。"
            "このパソコンのデータは変更していません。")


def as_team_error(error: psycopg.Error) -> TeamError:
    """A psycopg failure as the sentence a caller reads."""
    text = str(error).lower()
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return TeamError(_NOT_ALLOWED)
    if "password" in text or "authentication" in text or ("role" in text and "does not exist" in text):
        return TeamError(_REFUSED)
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        return TeamError(_UNREACHABLE)
    return TeamError(f"チームのサーバーとの同期に失敗しました（{error}）。"
                     "未送信の変更はそのまま残っています。")


def connector(dsn: str, login: str | None) -> Callable[[], Connection]:
    """Connections to a team's server as ``login``: ``models.team.connect`` (keychain, TLS) where it
    exists, else libpq's own defaults for what the DSN leaves out (``PGPASSWORD``, ``~/.pgpass``)."""
    try:
        connect = importlib.import_module("models.team.connect").connect
    except (ImportError, AttributeError):
        target = make_conninfo(dsn, user=login) if login else dsn
        return lambda: psycopg.connect(target, autocommit=True)
    return lambda: connect(dsn, login)


def default_factory(db: Database) -> Callable[[], Connection]:
    """Connections to the server of the team ``db`` is bound to."""
    bound = binding(db)
    if not bound.server or not bound.origin:
        raise TeamError("このファイルはまだチームに参加していません。先に team join で参加してください。")
    return connector(bound.server, bound.login)


def find_member(conn_factory: Callable[[], Connection], login: str, name: str) -> tuple[str, str]:
    """The login and display name of the member known by ``login`` or by the display name ``name``;
    ``(login, name)`` as given when the team has no such member (its administrator).

    Raises:
        TeamError: the server cannot be reached or refuses the login.
    """
    try:
        with conn_factory() as conn:
            conn.autocommit = True
            if check_server_version(conn) == 0:
                raise TeamError(_NO_TEAM)
            row = conn.execute(
                "SELECT login, display_name FROM kakeru.members WHERE login = %s OR display_name = %s "
                "ORDER BY login = %s DESC LIMIT 1", [login, name, login]).fetchone()
    except psycopg.Error as error:
        raise as_team_error(error) from error
    return (row[0], row[1]) if row else (login, name)


def sync(db: Database, conn_factory: Callable[[], Connection]) -> SyncResult:
    """Push the outbox, then pull; record how it went in ``sync_state``.

    Raises:
        TeamError: the file is not in a team, or the server cannot be used; the outbox is kept.
    """
    if not binding(db).origin:
        raise TeamError("このファイルはまだチームに参加していません。先に team join で参加してください。")
    try:
        try:
            conn = conn_factory()
        except psycopg.Error as error:
            raise as_team_error(error) from error
        try:
            conn.autocommit = True  # each batch and page is its own transaction
            try:
                if check_server_version(conn) == 0:
                    raise TeamError(_NO_TEAM)
                refused_before = count_set_aside(db)
                pushed = push(db, conn)
                # Resolutions after the push: a loser taken back is on the server before it says so.
                send_resolutions(db, conn)
                send_settings(db, conn)  # the team's keys of the settings table (managers only)
                pulled = pull(db, conn)
                # A pull may queue writes of its own (two lists of one name made offline): sent now,
                # so one sync leaves nothing waiting.
                for _round in range(2):
                    if db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0:
                        break
                    pushed += push(db, conn)
                    more = pull(db, conn)
                    pulled = Pulled(pulled.changes + more.changes, pulled.conflicts + more.conflicts,
                                    more.cursor, pulled.tables | more.tables)
            except psycopg.Error as error:
                raise as_team_error(error) from error
        finally:
            conn.close()
    except TeamError as error:
        _record(db, str(error))
        raise
    _record(db, None)
    return SyncResult(pushed, pulled.changes, pulled.conflicts, pulled.cursor, pulled.tables,
                      count_set_aside(db) - refused_before)


def _record(db: Database, error: str | None) -> None:
    with writing(db):
        if error is None:
            db.execute("UPDATE sync_state SET last_sync_at = ?, last_error = NULL WHERE id = 1", [now_iso()])
        else:
            db.execute("UPDATE sync_state SET last_error = ? WHERE id = 1", [error])
