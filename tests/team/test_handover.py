"""Hand-over on a real PostgreSQL with the team's real roles: a list (or all of a caller's work) moves to
another caller with the open plans on its accounts; history keeps the names of who did what; the new
caller's laptop holds the accounts and their plans after a sync, and its Today queue has them."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.demo.builder import generate_demo
from models.planning.agenda import build_agenda
from models.store.db import open_db
from models.team.admin import assign_list
from models.team.errors import NotAllowed, NotFound, TeamError
from models.team.handover import hand_over
from models.team.join import join
from models.team.sync import connector, sync
from tests.team.team_roles import make_team, seed, touch


def plan(conn, uid, company, caller, status="open", hlc=""):
    conn.execute("INSERT INTO kakeru.plans (uid, created_at, updated_at, company_uid, due, status, caller, "
                 "hypothesis, hlc, field_hlc) VALUES (%s, 'now', 'now', %s, '2026-12-10', %s, %s, %s, %s, "
                 "jsonb_build_object('caller', %s::text))",
                 [uid, company, status, caller, f"{uid} の仮説", hlc, hlc])


def plans(conn):
    return dict(conn.execute("SELECT uid, caller FROM kakeru.plans ORDER BY uid").fetchall())


@pytest.fixture
def team(team_dsn):
    team = make_team(team_dsn)  # 田中 manages, 佐藤 and 鈴木 call
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        seed(admin, "c1", "L1")
        seed(admin, "c2", "L1")
        seed(admin, "c3", "L2")
        seed(admin, "c4")  # on no list: 佐藤's own find
        # A laptop's clock ran ahead of the server's: the hand-over must still come later.
        plan(admin, "p1", "c1", "佐藤", hlc="9999999999999:00000:laptop")
        plan(admin, "p2", "c1", "佐藤", status="done")
        plan(admin, "p3", "c3", "佐藤")
        plan(admin, "p4", "c4", "佐藤")
        plan(admin, "p5", "c2", "鈴木")
        touch(admin, "t1", "c1", "佐藤")
        assign_list(admin, "L1", "佐藤")
        assign_list(admin, "L2", "佐藤")
    return team


def test_one_list_moves_with_its_open_plans(team):
    with team.connect("田中") as manager:
        done = hand_over(manager, "佐藤", "鈴木", "リストL1")
    assert (done.from_name, done.to_name, done.lists, done.plans) == ("佐藤", "鈴木", ("L1",), 1)
    with psycopg.connect(team.admin_dsn) as admin:
        # p1 (open, on L1) moves; the done plan, the plan on L2 and the one on no list stay with 佐藤.
        assert plans(admin) == {"p1": "鈴木", "p2": "佐藤", "p3": "佐藤", "p4": "佐藤", "p5": "鈴木"}
        assert admin.execute("SELECT caller FROM kakeru.touches WHERE uid = 't1'").fetchone() == ("佐藤",)
        assigned = admin.execute("SELECT list_uid, m.display_name, deleted FROM kakeru.assignments a "
                                 "JOIN kakeru.members m ON m.login = a.caller_login ORDER BY 1, 2").fetchall()
        assert assigned == [("L1", "佐藤", True), ("L1", "鈴木", False), ("L2", "佐藤", False)]
        stamped = admin.execute(
            "SELECT field_hlc->>'caller' FROM kakeru.plans WHERE uid = 'p1'").fetchone()[0]
        assert stamped > "9999999999999:00000:laptop"  # later than the clock that ran ahead
        # The move is in the change log, for the laptops to pull.
        logged = admin.execute("SELECT data->>'caller' FROM kakeru.changes WHERE table_name = 'plans' "
                               "AND uid = 'p1' ORDER BY id DESC LIMIT 1").fetchone()
        assert logged == ("鈴木",)


def test_a_caller_who_leaves_hands_over_everything(team):
    with team.connect("田中") as manager:
        done = hand_over(manager, "佐藤", "鈴木")
    assert done.lists == ("L1", "L2") and done.plans == 3
    with psycopg.connect(team.admin_dsn) as admin:
        assert plans(admin) == {"p1": "鈴木", "p2": "佐藤", "p3": "鈴木", "p4": "鈴木", "p5": "鈴木"}
        active = admin.execute("SELECT list_uid FROM kakeru.assignments a JOIN kakeru.members m "
                               "ON m.login = a.caller_login WHERE m.display_name = '佐藤' AND NOT deleted"
                               ).fetchall()
        assert active == []


def test_only_a_manager_hands_over_and_names_are_checked(team):
    with team.connect("佐藤") as caller, pytest.raises(NotAllowed):
        hand_over(caller, "佐藤", "鈴木")
    with team.connect("田中") as manager:
        with pytest.raises(NotFound):
            hand_over(manager, "佐藤", "いない人")
        with pytest.raises(TeamError):
            hand_over(manager, "佐藤", "佐藤")
    with psycopg.connect(team.admin_dsn) as admin:
        assert plans(admin)["p1"] == "佐藤"  # nothing moved


def test_the_new_callers_laptop_has_the_accounts_and_plans_after_a_sync(tmp_path, team_dsn, monkeypatch):
    team = make_team(team_dsn, callers=("佐藤", "鈴木"), managers=("田中",))
    params = conninfo_to_dict(team_dsn)
    for key in ("password", "user"):
        params.pop(key)
    dsn = make_conninfo(**{key: str(value) for key, value in params.items()})
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

    def laptop(name, path, demo=False):
        db = open_db(tmp_path / path)
        if demo:
            generate_demo(db, companies=12, seed=7, today=date(2026, 11, 20))
        join(db, dsn, team.logins[name], name)
        return db

    def sync_as(db, name):
        monkeypatch.setenv("PGPASSWORD", team.passwords[name])
        return sync(db, connector(dsn, team.logins[name]))

    manager = laptop("田中", "m.db", demo=True)
    sync_as(manager, "田中")
    list_uid = manager.execute("SELECT uid FROM target_lists ORDER BY id LIMIT 1").fetchone()[0]
    company_uid = manager.execute(
        "SELECT c.uid FROM companies c JOIN list_members m ON m.company_id = c.id JOIN target_lists l "
        "ON l.id = m.list_id WHERE l.uid = ? ORDER BY c.id LIMIT 1", [list_uid]).fetchone()[0]
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:
        assign_list(admin, list_uid, "佐藤")
        plan(admin, "handover-plan", company_uid, "佐藤")
    monkeypatch.setenv("PGPASSWORD", team.passwords["田中"])
    with connector(dsn, team.logins["田中"])() as conn:
        conn.autocommit = True
        hand_over(conn, "佐藤", "鈴木", list_uid)

    suzuki = laptop("鈴木", "s.db")
    sync_as(suzuki, "鈴木")
    held = suzuki.execute("SELECT caller, hypothesis FROM plans WHERE uid = 'handover-plan'").fetchone()
    assert held == ("鈴木", "handover-plan の仮説")
    company_id = suzuki.execute("SELECT id FROM companies WHERE uid = ?", [company_uid]).fetchone()[0]
    queue = build_agenda(suzuki, date(2026, 12, 10), include_others=True)
    assert company_id in queue.company_ids
