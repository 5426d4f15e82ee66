"""Shared steps of the team GUI tests: the server's address as a member types it, joining without the
dialog, and a colleague's laptop."""

from __future__ import annotations

import socket

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.store.db import open_db
from models.team.connect import connect, save_password
from models.team.join import join
from models.team.sync import sync


def server_parts(team) -> tuple[str, str, str]:
    """(host, port, database) of the team's server."""
    params = conninfo_to_dict(team.admin_dsn)
    return str(params["host"]), str(params["port"]), str(params["dbname"])


def server_dsn(team) -> str:
    """The server's DSN without user or password: what a file is bound to."""
    host, port, dbname = server_parts(team)
    return make_conninfo(host=host, port=port, dbname=dbname)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def join_as(db, team, name: str) -> None:
    """Bind ``db`` to the team as member ``name``, their password in the (test's) keychain."""
    dsn, login = server_dsn(team), team.logins[name]
    join(db, dsn, login, name)
    save_password(dsn, login, team.passwords[name])


def colleague(tmp_path, team, name: str, file_name: str = "colleague.db"):
    """Another laptop's file joined as ``name`` and synced once (an open database, to close)."""
    db = open_db(tmp_path / file_name)
    join_as(db, team, name)
    sync_colleague(db, team, name)
    return db


def sync_colleague(db, team, name: str) -> None:
    sync(db, lambda: connect(server_dsn(team), team.logins[name], team.passwords[name]))
