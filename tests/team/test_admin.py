"""Setting up a team on a real PostgreSQL: init, members with their own login roles, assignments."""

from __future__ import annotations

import secrets

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from models.team.admin import add_member, assign_list, group_roles, init_team
from models.team.errors import AdminRequired, Ambiguous, LoginTaken, MemberExists, NotAllowed, NotFound
from models.team.server_schema import LATEST_SERVER_VERSION, server_version
from tests.team.conftest import SUPERUSER
from tests.team.team_roles import make_team, seed, touch


def test_group_roles_are_per_database_and_fit_postgresql_names():
    assert group_roles("acme").caller == "kakeru_caller_acme"
    assert group_roles("acme").manager == "kakeru_manager_acme"
    assert group_roles("acme") != group_roles("other")
    long = group_roles("営業チーム" * 10)
    assert len(long.caller.encode()) <= 63 and len(long.manager.encode()) <= 63
    assert long != group_roles("営業チーム" * 11)


def test_init_creates_the_schema_and_roles_and_closes_the_database_to_others(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        assert init_team(admin) == 0
        assert server_version(admin) == LATEST_SERVER_VERSION
        database = admin.execute("SELECT current_database()").fetchone()[0]
        roles = group_roles(database)
        made = {row[0] for row in admin.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)",
                                                [[roles.caller, roles.manager]])}
        assert made == {roles.caller, roles.manager}
        admin.execute("CREATE ROLE outsider_probe_init LOGIN")
        try:
            assert admin.execute("SELECT has_database_privilege('outsider_probe_init', %s, 'CONNECT')",
                                 [database]).fetchone() == (False,)
        finally:
            admin.execute("DROP ROLE outsider_probe_init")
        assert init_team(admin) == LATEST_SERVER_VERSION  # again: nothing to do, nothing broken


def test_a_member_logs_in_with_their_password_and_only_a_verifier_is_stored(team_dsn):
    team = make_team(team_dsn, callers=("佐藤",), managers=())
    with team.connect("佐藤") as conn:
        assert conn.execute("SELECT kakeru.my_name(), kakeru.is_manager()").fetchone() == ("佐藤", False)
    with psycopg.connect(team_dsn) as admin:
        stored = admin.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                               [team.logins["佐藤"]]).fetchone()[0]
        assert stored.startswith("SCRAM-SHA-256$") and team.passwords["佐藤"] not in stored
        assert admin.execute("SELECT login, is_manager, active FROM kakeru.members").fetchall() == [
            (team.logins["佐藤"], False, True)]


def test_a_manager_is_a_manager(team_dsn):
    team = make_team(team_dsn, callers=(), managers=("田中",))
    with team.connect("田中") as conn:
        assert conn.execute("SELECT kakeru.my_name(), kakeru.is_manager()").fetchone() == ("田中", True)


def test_a_name_or_login_already_on_the_team_is_refused(team_dsn):
    team = make_team(team_dsn, callers=("佐藤",), managers=())
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        with pytest.raises(MemberExists):
            add_member(admin, "佐藤", "someone_else_x1", "secret")
        with pytest.raises(MemberExists):
            add_member(admin, "別人", team.logins["佐藤"], "secret")
        assert admin.execute("SELECT 1 FROM pg_roles WHERE rolname = 'someone_else_x1'").fetchone() is None


def test_an_existing_role_of_the_server_is_never_taken_over(team_dsn):
    """Adding the superuser (or another team's login) as a caller would hand the team to it."""
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        init_team(admin)
        with pytest.raises(LoginTaken) as refused:
            add_member(admin, "乗っ取り", SUPERUSER, "secret")
        assert "すでにあります" in str(refused.value)
        assert admin.execute("SELECT count(*) FROM kakeru.members").fetchone() == (0,)


def test_only_the_administrator_adds_members(team_dsn):
    team = make_team(team_dsn, callers=(), managers=("田中",))
    with team.connect("田中", autocommit=True) as manager, pytest.raises(AdminRequired):
        add_member(manager, "新人", "newcomer_x2", "secret")
    with psycopg.connect(team_dsn) as admin:
        assert admin.execute("SELECT count(*) FROM kakeru.members").fetchone() == (1,)


def test_assigning_a_list_resends_its_accounts_to_the_log(team_dsn):
    team = make_team(team_dsn)
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        seed(admin, "c1", "L1")
        seed(admin, "c2", "L1")
        seed(admin, "c3", "L2")
        touch(admin, "t1", "c1", "鈴木")
        mark = admin.execute("SELECT max(id) FROM kakeru.changes").fetchone()[0]
    with team.connect("田中") as manager:
        assigned = assign_list(manager, "リストL1", "佐藤")
        assert assigned.created
        # the list, 2 companies, 2 contacts, 1 touch, 2 list members
        assert assigned.resent == 8
    with psycopg.connect(team_dsn) as admin:
        resent = admin.execute("SELECT table_name, uid, op FROM kakeru.changes WHERE id > %s ORDER BY id",
                               [mark]).fetchall()
        assert resent[0] == ("assignments", assigned.uid, "insert")
        assert sorted(resent[1:]) == sorted([
            ("target_lists", "L1", "insert"), ("companies", "c1", "insert"), ("companies", "c2", "insert"),
            ("contacts", "c1-p", "insert"), ("contacts", "c2-p", "insert"), ("touches", "t1", "insert"),
            ("list_members", "L1-c1", "insert"), ("list_members", "L1-c2", "insert")])
        assert admin.execute("SELECT list_uid, caller_login, deleted FROM kakeru.assignments").fetchall() == [
            ("L1", team.logins["佐藤"], False)]
    with team.connect("田中") as manager:
        again = assign_list(manager, "L1", team.logins["佐藤"])  # by uid and login this time
        assert (again.uid, again.created, again.resent) == (assigned.uid, False, 8)
    with psycopg.connect(team_dsn) as admin:
        assert admin.execute("SELECT count(*) FROM kakeru.assignments").fetchone() == (1,)


def test_assigning_refuses_unknown_or_ambiguous_names(team_dsn):
    team = make_team(team_dsn)
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        seed(admin, "c1", "L1")
        admin.execute("INSERT INTO kakeru.target_lists (uid, created_at, updated_at, name) "
                      "VALUES ('L9', 'now', 'now', 'リストL1')")  # a second list of the same name
    with team.connect("田中") as manager:
        with pytest.raises(NotFound):
            assign_list(manager, "ないリスト", "佐藤")
        with pytest.raises(NotFound):
            assign_list(manager, "L1", "いない人")
        with pytest.raises(Ambiguous):
            assign_list(manager, "リストL1", "佐藤")


def test_a_caller_cannot_assign_lists(team_dsn):
    team = make_team(team_dsn)
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        seed(admin, "c1", "L1")
    with team.connect("佐藤") as caller, pytest.raises(NotAllowed):
        assign_list(caller, "L1", "佐藤")
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        assign_list(admin, "L1", "佐藤")  # now 佐藤 sees L1 and still may not assign it
    with team.connect("佐藤") as caller:
        with pytest.raises(NotAllowed) as refused:
            assign_list(caller, "L1", "鈴木")
        assert "マネージャーだけ" in str(refused.value)
    with psycopg.connect(team_dsn) as admin:
        assigned = admin.execute("SELECT caller_login FROM kakeru.assignments").fetchall()
        assert assigned == [(team.logins["佐藤"],)]


def test_a_database_owner_who_may_create_roles_sets_the_team_up_without_being_superuser(pg_server):
    """What README.md tells a team to make: an owner role with CREATEROLE, no superuser."""
    suffix = secrets.token_hex(4)
    owner, database = f"team_admin_{suffix}", f"team_owned_{suffix}"
    with psycopg.connect(pg_server.dsn, autocommit=True) as server:
        server.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'owner-pw'")
        server.execute(f"CREATE DATABASE {database} OWNER {owner}")
    try:
        admin_dsn = make_conninfo(pg_server.dsn_for(database), user=owner, password="owner-pw")
        team = make_team(admin_dsn)
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            seed(admin, "c1", "L1")
            assert assign_list(admin, "L1", "佐藤").created
        with team.connect("佐藤") as sato:
            assert sato.execute("SELECT uid FROM kakeru.companies").fetchall() == [("c1",)]
    finally:
        with psycopg.connect(pg_server.dsn, autocommit=True) as server:
            server.execute(f"DROP DATABASE {database} WITH (FORCE)")


def test_a_login_that_may_not_create_roles_is_told_so(pg_server):
    suffix = secrets.token_hex(4)
    owner, database = f"plain_owner_{suffix}", f"team_plain_{suffix}"
    with psycopg.connect(pg_server.dsn, autocommit=True) as server:
        server.execute(f"CREATE ROLE {owner} LOGIN PASSWORD 'owner-pw'")
        server.execute(f"CREATE DATABASE {database} OWNER {owner}")
    try:
        with psycopg.connect(make_conninfo(pg_server.dsn_for(database), user=owner, password="owner-pw"),
                             autocommit=True) as admin, pytest.raises(AdminRequired) as refused:
            init_team(admin)
        assert "CREATEROLE" in str(refused.value)
    finally:
        with psycopg.connect(pg_server.dsn, autocommit=True) as server:
            server.execute(f"DROP DATABASE {database} WITH (FORCE)")


def test_the_password_never_reaches_the_servers_log(team_dsn, pg_server):
    """Even with every statement logged, the server sees only the verifier made on this side."""
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        init_team(admin)
        admin.execute("SET log_statement = 'all'")
        add_member(admin, "記録", "logged_member_x3", "very-secret-passphrase-42")
    log = (pg_server.socket_dir / "log").read_text(encoding="utf-8", errors="replace")
    assert "logged_member_x3" in log and "SCRAM-SHA-256$" in log  # the statement was logged …
    assert "very-secret-passphrase-42" not in log  # … without the password
