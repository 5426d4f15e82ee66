"""The server enforces who reads and writes what, with the team's real login roles (issue 16, "Security").

Each test logs in as the members themselves, over TCP with their passwords, as laptops do.
"""

from __future__ import annotations

import secrets

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from models.team.admin import assign_list
from tests.team.team_roles import make_team, seed, touch


@pytest.fixture
def team(team_dsn):
    """佐藤 holds list L1 (c1), 鈴木 holds L2 (c2); c3 is on no list; 田中 manages."""
    team = make_team(team_dsn)
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        seed(admin, "c1", "L1")
        seed(admin, "c2", "L2")
        seed(admin, "c3")
        assign_list(admin, "L1", "佐藤")
        assign_list(admin, "L2", "鈴木")
    with team.connect("鈴木") as suzuki:
        touch(suzuki, "t-suzuki-c1", "c1")  # 鈴木 once called 佐藤's account
        touch(suzuki, "t-suzuki-c2", "c2")
    return team


def _uids(conn, table: str) -> set[str]:
    return {row[0] for row in conn.execute(f"SELECT uid FROM kakeru.{table}")}


def test_a_member_of_another_team_cannot_even_connect(team, pg_server):
    other = f"team_other_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server.dsn, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{other}"')
    try:
        make_team(pg_server.dsn_for(other), callers=("山本",), managers=())
        with pytest.raises(psycopg.OperationalError) as refused:
            psycopg.connect(make_conninfo(team.dsn("佐藤"), dbname=other))
        assert "permission denied for database" in str(refused.value)
        # Nor can a brand-new login of the server (PUBLIC has no CONNECT).
        with psycopg.connect(pg_server.dsn, autocommit=True) as server:
            server.execute("CREATE ROLE outsider_probe LOGIN PASSWORD 'outsider'")
        try:
            with pytest.raises(psycopg.OperationalError):
                psycopg.connect(make_conninfo(team.admin_dsn, user="outsider_probe", password="outsider"))
        finally:
            with psycopg.connect(pg_server.dsn, autocommit=True) as server:
                server.execute("DROP ROLE outsider_probe")
    finally:
        with psycopg.connect(pg_server.dsn, autocommit=True) as server:
            server.execute(f'DROP DATABASE "{other}" WITH (FORCE)')


def test_a_caller_reads_only_their_accounts_lists_and_own_touches(team):
    with team.connect("佐藤") as sato:
        touch(sato, "t-sato-c3", "c3")  # their own touch on an account not theirs
        assert _uids(sato, "companies") == {"c1"}
        assert _uids(sato, "contacts") == {"c1-p"}
        assert _uids(sato, "target_lists") == {"L1"}
        assert _uids(sato, "list_members") == {"L1-c1"}
        assert _uids(sato, "touches") == {"t-suzuki-c1", "t-sato-c3"}
        assert {row[0] for row in sato.execute("SELECT caller_login FROM kakeru.assignments")} == {
            team.logins["佐藤"]}
        assert {row[0] for row in sato.execute("SELECT display_name FROM kakeru.members")} == {
            "佐藤", "鈴木", "田中"}
        sato.commit()
        logged = set(sato.execute("SELECT table_name, uid FROM kakeru.changes"))
    assert {uid for table, uid in logged if table == "companies"} == {"c1"}
    assert {uid for table, uid in logged if table == "touches"} == {"t-suzuki-c1", "t-sato-c3"}
    assert {uid for table, uid in logged if table == "target_lists"} == {"L1"}
    assert {uid for table, uid in logged if table == "members"} == set(team.logins.values())
    assert not {uid for table, uid in logged if table in ("contacts", "list_members")} - {"c1-p", "L1-c1"}
    with team.connect("田中") as manager:
        assert _uids(manager, "companies") == {"c1", "c2", "c3"}
        assert _uids(manager, "touches") == {"t-suzuki-c1", "t-suzuki-c2", "t-sato-c3"}
        assert len(_uids(manager, "assignments")) == 2


def test_a_caller_cannot_rewrite_another_callers_touch(team):
    with team.connect("佐藤") as sato:
        changed = sato.execute("UPDATE kakeru.touches SET note = '書き換え', outcome = 'no_need' "
                               "WHERE uid = 't-suzuki-c1'")
        assert changed.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no DELETE for anyone: tombstones
            sato.execute("DELETE FROM kakeru.touches WHERE uid = 't-suzuki-c1'")
    # The push's way of writing (an upsert) is refused outright.
    with team.connect("佐藤") as sato, pytest.raises(psycopg.errors.InsufficientPrivilege):
        sato.execute("INSERT INTO kakeru.touches (uid, created_at, updated_at, company_uid, at, note) "
                     "VALUES ('t-suzuki-c1', 'now', 'now', 'c1', 'now', '書き換え') "
                     "ON CONFLICT (uid) DO UPDATE SET note = excluded.note")
    with psycopg.connect(team.admin_dsn) as admin:
        kept = admin.execute("SELECT note, caller FROM kakeru.touches WHERE uid = 't-suzuki-c1'").fetchone()
        assert kept == ("メモ", "鈴木")


def test_a_touch_pushed_in_someone_elses_name_is_stored_under_the_callers_own(team):
    with team.connect("佐藤") as sato:
        touch(sato, "t-forged", "c1", caller="鈴木")
        touch(sato, "t-anonymous", "c1", caller=None)
        sato.commit()
        # Nor can their own touch be handed to someone else afterwards.
        sato.execute("UPDATE kakeru.touches SET caller = '鈴木' WHERE uid = 't-forged'")
        sato.commit()
    with psycopg.connect(team.admin_dsn) as admin:
        stored = dict(admin.execute("SELECT uid, caller FROM kakeru.touches WHERE uid LIKE 't-%%' "
                                    "AND uid IN ('t-forged', 't-anonymous')"))
        assert stored == {"t-forged": "佐藤", "t-anonymous": "佐藤"}
        logged = admin.execute("SELECT data ->> 'caller' FROM kakeru.changes "
                               "WHERE uid = 't-forged'").fetchall()
        assert logged and all(caller == "佐藤" for (caller,) in logged)  # the log carries the server's name


def test_a_caller_cannot_assign_lists_add_members_or_write_the_log(team):
    statements = [
        "INSERT INTO kakeru.assignments (uid, created_at, updated_at, list_uid, caller_login) "
        f"VALUES ('a-self', 'now', 'now', 'L2', '{team.logins['佐藤']}')",
        "UPDATE kakeru.assignments SET caller_login = caller_login",
        "INSERT INTO kakeru.members (login, display_name) VALUES ('intruder', '侵入者')",
        f"UPDATE kakeru.members SET is_manager = true WHERE login = '{team.logins['佐藤']}'",
        "INSERT INTO kakeru.changes (table_name, uid, op) VALUES ('companies', 'c2', 'insert')",
        "SELECT kakeru.resend_list('L2')",
        "CREATE ROLE intruder LOGIN",
    ]
    for statement in statements:
        with team.connect("佐藤") as sato, pytest.raises(psycopg.errors.InsufficientPrivilege):
            sato.execute(statement)
    with team.connect("佐藤") as sato:
        assert sato.execute("SELECT kakeru.is_manager()").fetchone() == (False,)
        assert _uids(sato, "companies") == {"c1"}


def test_a_caller_keeps_to_their_own_device(team):
    with team.connect("鈴木") as suzuki:
        suzuki.execute("INSERT INTO kakeru.devices (origin) VALUES ('suzuki-laptop')")
        suzuki.commit()
    with team.connect("佐藤") as sato:
        assert sato.execute("SELECT origin FROM kakeru.devices").fetchall() == []
        assert sato.execute("UPDATE kakeru.devices SET acked = 0").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sato.execute("INSERT INTO kakeru.devices (origin, login) VALUES ('fake', %s)",
                         [team.logins["鈴木"]])


def test_a_manager_assigns_reads_everything_and_may_push_the_teams_history(team):
    with team.connect("田中") as manager:
        assign_list(manager, "L2", "佐藤")
        touch(manager, "t-history", "c2", caller="鈴木")  # a manager's non-empty caller is kept
        touch(manager, "t-own", "c2")  # and an empty one is their own name
        manager.execute("UPDATE kakeru.touches SET note = '訂正' WHERE uid = 't-suzuki-c2'")
        manager.commit()
        assert manager.execute("SELECT uid, caller, note FROM kakeru.touches WHERE uid IN "
                               "('t-history', 't-own', 't-suzuki-c2') ORDER BY uid").fetchall() == [
            ("t-history", "鈴木", "メモ"), ("t-own", "田中", "メモ"), ("t-suzuki-c2", "鈴木", "訂正")]
    with team.connect("佐藤") as sato:
        assert _uids(sato, "companies") == {"c1", "c2"}  # L2 is now theirs too
        assert _uids(sato, "target_lists") == {"L1", "L2"}


def test_a_deactivated_member_sees_nothing_and_writes_nothing(team):
    with psycopg.connect(team.admin_dsn) as admin:
        admin.execute("UPDATE kakeru.members SET active = false WHERE display_name = '佐藤'")
    with team.connect("佐藤") as sato:
        assert _uids(sato, "companies") == set()
        assert sato.execute("SELECT kakeru.my_name()").fetchone() == (None,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            touch(sato, "t-after", "c1")


def test_what_a_caller_made_stays_theirs_to_read_and_edit(team):
    """An import on a caller's laptop (a new list and its companies) before any manager assigns it."""
    with team.connect("佐藤") as sato:
        seed(sato, "c-own", "L-own")
        seed(sato, "c-loose")  # a company on no list
        # The laptop's word on who made it is ignored.
        sato.execute("UPDATE kakeru.companies SET created_by = 'someone_else'")
        sato.commit()
        assert _uids(sato, "companies") == {"c1", "c-own", "c-loose"}
        assert _uids(sato, "target_lists") == {"L1", "L-own"}
        assert sato.execute("UPDATE kakeru.companies SET notes = '編集' WHERE uid IN ('c-own', 'c-loose')"
                            ).rowcount == 2
        sato.commit()
    with team.connect("鈴木") as suzuki:
        assert _uids(suzuki, "companies") == {"c2"}  # not theirs
    with psycopg.connect(team.admin_dsn) as admin:
        made = dict(admin.execute("SELECT uid, created_by FROM kakeru.companies"))
        assert made["c-own"] == made["c-loose"] == team.logins["佐藤"]
        assert made["c1"] == admin.execute("SELECT session_user").fetchone()[0]
