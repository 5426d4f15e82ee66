"""A real PostgreSQL for the team tests: a throwaway cluster started for the session, a database per test.

The cluster (``bench.pg_cluster``, shared with the team benchmarks) is Debian's (or any) PostgreSQL
binaries run from a temporary folder, listening on 127.0.0.1 at a free port with its unix socket in
that folder; it is stopped and removed at the end.
PostgreSQL refuses to run as root, so under root (CI) it runs as the system user ``kakeru_pg``, made
when missing. Without PostgreSQL installed the team tests are skipped with the reason (``.ci/run``
installs it; ``apt-get install postgresql`` does it on a developer's machine).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest

from bench.pg_cluster import SUPERUSER, PgServer, pg_bin, start_cluster

__all__ = ["SUPERUSER", "PgServer"]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """Start a PostgreSQL cluster for the session (skipped, saying why, when PostgreSQL is missing)."""
    bin_dir = pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql): the team tests need a real "
                    "server; .ci/run installs it")
    server = start_cluster(bin_dir)
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def team_dsn(pg_server: PgServer) -> Iterator[str]:
    """A new, empty database on the session's server for one test; its DSN (the superuser's)."""
    name = f"team_{secrets.token_hex(6)}"
    with psycopg.connect(pg_server.dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pg_server.dsn_for(name)
    finally:
        with psycopg.connect(pg_server.dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


class MemoryKeyring:
    """A keychain in memory, so no test reads or writes the machine's own."""

    def __init__(self):
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.stored.get((service, username))

    def set_password(self, service, username, password):
        self.stored[(service, username)] = password

    def delete_password(self, service, username):
        del self.stored[(service, username)]


@pytest.fixture
def keychain(monkeypatch) -> MemoryKeyring:
    """The team's passwords kept in a keychain in memory for the test (``models.team.connect``)."""
    from models.team import connect as team_connect

    memory = MemoryKeyring()
    monkeypatch.setattr(team_connect, "_keyring", lambda: memory)
    return memory
