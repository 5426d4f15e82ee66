"""The team GUI tests run on the real PostgreSQL of tests/team (its session cluster, a database per test)
and a keychain in memory, so no test reads or writes the machine's own."""

from __future__ import annotations

import pytest

from models.team import connect as team_connect
from tests.team.conftest import pg_server, team_dsn  # noqa: F401 (fixtures used by name)
from tests.team.team_roles import make_team


class MemoryKeyring:
    def __init__(self):
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.stored.get((service, username))

    def set_password(self, service, username, password):
        self.stored[(service, username)] = password

    def delete_password(self, service, username):
        del self.stored[(service, username)]


@pytest.fixture
def keychain(monkeypatch):
    memory = MemoryKeyring()
    monkeypatch.setattr(team_connect, "_keyring", lambda: memory)
    return memory


@pytest.fixture
def team(team_dsn):  # noqa: F811 (the fixture imported above)
    """A team with a manager 田中 and a caller 佐藤, each a real login role."""
    return make_team(team_dsn, callers=("佐藤",))
