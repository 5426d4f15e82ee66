"""Connecting as a member on a real PostgreSQL: each failure said plainly, the password in the keychain."""

from __future__ import annotations

import socket

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.team.connect import (
    SERVICE,
    connect,
    connection_string,
    forget_password,
    is_local,
    keychain_user,
    recall_password,
    save_password,
    ssl_mode,
)
from models.team.errors import (
    CertificateNotTrusted,
    LoginRefused,
    NoSuchTeam,
    NotAMember,
    PasswordMissing,
    ServerTooNew,
    ServerUnreachable,
    TeamNotSetUp,
)
from models.team.server_schema import LATEST_SERVER_VERSION
from tests.team.team_roles import make_team


@pytest.fixture
def team(team_dsn):
    return make_team(team_dsn, callers=("佐藤",), managers=())


def _server(team) -> str:
    """The team's DSN as a laptop keeps it: no user, no password."""
    params = conninfo_to_dict(team.admin_dsn)
    params.pop("user")
    params.pop("password")
    return make_conninfo(**params)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_tls_is_verified_for_any_host_off_this_machine():
    for local in ("host=localhost", "host=127.0.0.1", "host=127.8.9.1", "host=::1",
                  "host=/var/run/postgresql", "dbname=team", "postgresql:///team", "postgresql://localhost:5433/team"):
        assert ssl_mode(local) is None, local
    for remote in ("host=db.example.com", "host=10.0.0.5", "host=192.168.1.20 sslmode=disable",
                   "postgresql://team.example.com/team?sslmode=prefer", "host=localhost,db.example.com",
                   "host=db.example.com hostaddr=127.0.0.1"):
        assert ssl_mode(remote) == "verify-full", remote
        assert conninfo_to_dict(connection_string(remote, "sato", "pw"))["sslmode"] == "verify-full"
    assert is_local("") and is_local("@abstract") and not is_local("localhost.example.com")
    assert conninfo_to_dict(connection_string("host=localhost", "sato", None)).get("sslmode") is None


def test_the_connection_has_a_short_timeout_and_the_login_given():
    params = conninfo_to_dict(connection_string("host=db.example.com dbname=team user=other", "sato", None))
    assert params["user"] == "sato" and int(params["connect_timeout"]) <= 10 and "password" not in params


def test_a_member_connects_with_the_password_from_the_keychain(team, keychain):
    server = _server(team)
    login = team.logins["佐藤"]
    save_password(server, login, team.passwords["佐藤"])
    assert keychain.stored == {(SERVICE, keychain_user(server, login)): team.passwords["佐藤"]}
    port = conninfo_to_dict(server)["port"]
    assert keychain_user(server, login) == f"{login}@127.0.0.1:{port}/{team.database}"
    with connect(server, login) as conn:
        assert conn.execute("SELECT session_user, kakeru.my_name()").fetchone() == (login, "佐藤")
    assert recall_password(server, login) == team.passwords["佐藤"]
    assert forget_password(server, login) and not forget_password(server, login)
    with pytest.raises(PasswordMissing) as missing:
        connect(server, login)
    assert team.passwords["佐藤"] not in str(missing.value)


def test_a_given_password_is_used_and_a_wrong_one_refused_without_saying_it(team, keychain):
    server = _server(team)
    login = team.logins["佐藤"]
    with connect(server, login, team.passwords["佐藤"]) as conn:
        assert conn.execute("SELECT kakeru.is_manager()").fetchone() == (False,)
    assert keychain.stored == {}  # connecting never stores the password by itself
    with pytest.raises(LoginRefused) as refused:
        connect(server, login, "wrong-password-123")
    assert "パスワードが正しくない" in str(refused.value) and "wrong-password-123" not in str(refused.value)
    assert refused.value.__cause__ is None and refused.value.__suppress_context__
    with pytest.raises(LoginRefused):
        connect(server, "nobody_at_all_x9", "whatever")


def test_an_unreachable_server_is_said_plainly(keychain):
    server = f"host=127.0.0.1 port={_free_port()} dbname=team"
    with pytest.raises(ServerUnreachable) as unreachable:
        connect(server, "sato", "secret-pw")
    assert "接続できません" in str(unreachable.value) and "secret-pw" not in str(unreachable.value)


def test_a_login_of_the_server_that_is_not_on_this_team_is_refused(team, pg_server, keychain):
    with psycopg.connect(pg_server.dsn, autocommit=True) as server:
        server.execute("CREATE ROLE not_member_probe LOGIN PASSWORD 'probe-pw'")
    try:
        with pytest.raises(NotAMember) as refused:
            connect(_server(team), "not_member_probe", "probe-pw")
        assert "メンバーではありません" in str(refused.value)
    finally:
        with psycopg.connect(pg_server.dsn, autocommit=True) as server:
            server.execute("DROP ROLE not_member_probe")


def test_a_member_who_left_the_team_is_refused(team, keychain):
    with psycopg.connect(team.admin_dsn) as admin:
        admin.execute("UPDATE kakeru.members SET active = false")
    with pytest.raises(NotAMember):
        connect(_server(team), team.logins["佐藤"], team.passwords["佐藤"])


def test_a_server_newer_than_this_kakeru_is_refused(team, keychain):
    with psycopg.connect(team.admin_dsn) as admin:
        admin.execute("UPDATE kakeru.kakeru_meta SET version = %s", [LATEST_SERVER_VERSION + 1])
    with pytest.raises(ServerTooNew):
        connect(_server(team), team.logins["佐藤"], team.passwords["佐藤"])


def test_a_database_without_a_team_or_no_database_at_all(team_dsn, pg_server, keychain):
    params = conninfo_to_dict(team_dsn)
    with pytest.raises(TeamNotSetUp):
        connect(team_dsn, str(params["user"]))  # the administrator, before `team init`
    with pytest.raises(NoSuchTeam):
        connect(make_conninfo(team_dsn, dbname="no_such_team_db"), str(params["user"]))


def test_a_server_off_this_machine_without_a_verifiable_certificate_gets_no_password(team, keychain):
    """Named as a remote host, reached at the local server (hostaddr): verify-full is demanded, and the
    test server offers no TLS, so the connection stops before any password is sent."""
    params = conninfo_to_dict(_server(team))
    remote = make_conninfo(host="team.example.com", hostaddr="127.0.0.1", port=params["port"],
                           dbname=params["dbname"])
    with pytest.raises(CertificateNotTrusted) as refused:
        connect(remote, team.logins["佐藤"], team.passwords["佐藤"])
    assert "証明書" in str(refused.value) and team.passwords["佐藤"] not in str(refused.value)


def test_a_login_let_into_the_database_but_not_into_the_team_is_refused(team, pg_server, keychain):
    with psycopg.connect(pg_server.dsn, autocommit=True) as server:
        server.execute("CREATE ROLE half_member_probe LOGIN PASSWORD 'probe-pw'")
        server.execute(f'GRANT CONNECT ON DATABASE "{team.database}" TO half_member_probe')
    try:
        with pytest.raises(NotAMember):
            connect(_server(team), "half_member_probe", "probe-pw")
    finally:
        with psycopg.connect(pg_server.dsn, autocommit=True) as server:
            server.execute(f'REVOKE CONNECT ON DATABASE "{team.database}" FROM half_member_probe')
            server.execute("DROP ROLE half_member_probe")
