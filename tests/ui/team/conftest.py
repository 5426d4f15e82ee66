"""The team GUI tests run on the real PostgreSQL of tests/team (its session cluster, a database per test)
and a keychain in memory, so no test reads or writes the machine's own."""

from __future__ import annotations

import pytest

from tests.team.conftest import keychain, pg_server, team_dsn  # noqa: F401 (fixtures used by name)
from tests.team.team_roles import make_team


@pytest.fixture
def team(team_dsn):  # noqa: F811 (the fixture imported above)
    """A team with a manager 田中 and a caller 佐藤, each a real login role."""
    return make_team(team_dsn, callers=("佐藤",))
