"""sync(): push then pull on a real PostgreSQL; failures said plainly with nothing local lost."""

from __future__ import annotations

import secrets
import socket
from datetime import date

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.accounts.companies import create_company, update_company
from models.demo.builder import generate_demo
from models.store.check import check_database
from models.store.db import open_db
from models.team.errors import TeamError
from models.team.join import join
from models.team.outbox import pending
from models.team.server_schema import migrate_server
from models.team.sync import sync
from tests.team.snapshots import laptop_snapshot


@pytest.fixture
def server(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
        yield conn


def _factory(dsn):
    return lambda: psycopg.connect(dsn, autocommit=True)




def _closed_port_dsn(dsn):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return make_conninfo(dsn, port=str(port), connect_timeout="2")


def test_a_sync_pushes_then_pulls_and_records_when(tmp_path, team_dsn, server):
    db = open_db(tmp_path / "a.db")
    join(db, team_dsn, "kakeru", "高橋 由美")
    create_company(db, {"name": "株式会社同期"})
    result = sync(db, _factory(team_dsn))
    assert result.pushed == 1
    assert result.pulled == 1  # its own row back, as the server keeps it
    assert pending(db) == []
    last_sync_at, last_error = db.execute("SELECT last_sync_at, last_error FROM sync_state").fetchone()
    assert last_sync_at and last_error is None
    assert sync(db, _factory(team_dsn)).pushed == 0
    db.close()


def test_an_unreachable_server_changes_nothing_and_keeps_the_outbox(tmp_path, team_dsn, server):
    db = open_db(tmp_path / "a.db")
    join(db, team_dsn, "kakeru", "高橋 由美")
    create_company(db, {"name": "株式会社圏外"})
    before = (pending(db), laptop_snapshot(db))
    with pytest.raises(TeamError) as caught:
        sync(db, _factory(_closed_port_dsn(team_dsn)))
    assert "接続できませんでした" in str(caught.value)
    assert (pending(db), laptop_snapshot(db)) == before
    assert db.execute("SELECT last_error FROM sync_state").fetchone()[0] == str(caught.value)
    db.close()


def test_a_refused_login_is_said_plainly(tmp_path, team_dsn, server):
    db = open_db(tmp_path / "a.db")
    join(db, team_dsn, "kakeru", "高橋 由美")
    create_company(db, {"name": "株式会社拒否"})
    wrong = make_conninfo(team_dsn, password="wrong")
    with pytest.raises(TeamError) as caught:
        sync(db, _factory(wrong))
    assert "ログインできませんでした" in str(caught.value)
    assert len(pending(db)) == 1
    db.close()


def test_a_newer_server_is_refused_before_anything_is_sent(tmp_path, team_dsn, server):
    db = open_db(tmp_path / "a.db")
    join(db, team_dsn, "kakeru", "高橋 由美")
    create_company(db, {"name": "株式会社新版"})
    server.execute("UPDATE kakeru.kakeru_meta SET version = version + 1")
    with pytest.raises(TeamError, match="新しいバージョン"):
        sync(db, _factory(team_dsn))
    assert len(pending(db)) == 1
    assert server.execute("SELECT count(*) FROM kakeru.companies").fetchone()[0] == 0
    db.close()


def test_two_laptops_converge_and_list_one_conflict(tmp_path, team_dsn, server):
    a = open_db(tmp_path / "a.db")
    generate_demo(a, companies=12, seed=7, today=date(2026, 11, 20))
    join(a, team_dsn, "kakeru", "高橋 由美")
    first = sync(a, _factory(team_dsn))
    assert first.pushed > 100
    b = open_db(tmp_path / "b.db")
    join(b, team_dsn, "kakeru", "田中 一郎")
    sync(b, _factory(team_dsn))
    assert laptop_snapshot(b) == laptop_snapshot(a)
    assert check_database(b).ok, check_database(b).problems

    # Both edit the same company's notes offline (and B its rank too), then both sync.
    uid = a.execute("SELECT uid FROM companies ORDER BY id LIMIT 1").fetchone()[0]
    a_id = a.execute("SELECT id FROM companies WHERE uid = ?", [uid]).fetchone()[0]
    b_id = b.execute("SELECT id FROM companies WHERE uid = ?", [uid]).fetchone()[0]
    update_company(a, a_id, {"notes": "Aのメモ"})
    update_company(b, b_id, {"notes": "Bのメモ", "rank": "A"})
    sync(a, _factory(team_dsn))
    sync(b, _factory(team_dsn))
    sync(a, _factory(team_dsn))
    assert laptop_snapshot(a) == laptop_snapshot(b)
    assert a.execute("SELECT notes, rank FROM companies WHERE uid = ?", [uid]).fetchone() == ("Bのメモ", "A")
    for db in (a, b):
        conflicts = db.execute("SELECT row_uid, field, lost_value, won_value, lost_by, won_by "
                               "FROM conflicts").fetchall()
        assert conflicts == [(uid, "notes", '"Aのメモ"', '"Bのメモ"', "kakeru", "kakeru")]
        assert check_database(db).ok, check_database(db).problems
        assert pending(db) == []
    assert conninfo_to_dict(a.execute("SELECT server FROM sync_state").fetchone()[0]).get("password") is None
    a.close()
    b.close()


def test_a_caller_with_real_roles_holds_their_list_and_logs_calls_in_their_name(
        tmp_path, team_dsn, monkeypatch):
    from psycopg.conninfo import conninfo_to_dict

    from models.planning.touches import log_outcome
    from models.team.admin import add_member, assign_list, init_team
    from models.team.sync import connector

    password = secrets.token_hex(8)
    manager, caller = f"m_{secrets.token_hex(4)}", f"c_{secrets.token_hex(4)}"
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        init_team(admin)
        add_member(admin, "山本 部長", manager, password, manager=True)
        add_member(admin, "鈴木 花子", caller, password)
    params = conninfo_to_dict(team_dsn)
    for key in ("password", "user"):
        params.pop(key)
    dsn = make_conninfo(**{key: str(value) for key, value in params.items()})
    monkeypatch.setenv("PGPASSWORD", password)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

    m = open_db(tmp_path / "m.db")
    generate_demo(m, companies=12, seed=7, today=date(2026, 11, 20))
    join(m, dsn, manager, "山本 部長")
    sync(m, connector(dsn, manager))
    list_uid, list_name = m.execute("SELECT uid, name FROM target_lists ORDER BY id LIMIT 1").fetchone()
    with connector(dsn, manager)() as conn:
        conn.autocommit = True
        assign_list(conn, list_uid, "鈴木 花子")

    c = open_db(tmp_path / "c.db")
    join(c, dsn, caller, "鈴木 花子")
    sync(c, connector(dsn, caller))
    on_list = {uid for (uid,) in m.execute(
        "SELECT c.uid FROM companies c JOIN list_members lm ON lm.company_id = c.id "
        "JOIN target_lists l ON l.id = lm.list_id WHERE l.uid = ?", [list_uid])}
    assert on_list
    assert {uid for (uid,) in c.execute("SELECT uid FROM companies")} == on_list
    assert c.execute("SELECT name FROM target_lists").fetchall() == [(list_name,)]
    assert check_database(c).ok, check_database(c).problems

    company_id = c.execute("SELECT id FROM companies ORDER BY id LIMIT 1").fetchone()[0]
    log_outcome(c, company_id, "connected", note="担当者と話せた", plan_next=False)
    touch_uid = c.execute("SELECT uid FROM touches WHERE note = '担当者と話せた'").fetchone()[0]
    assert sync(c, connector(dsn, caller)).pushed >= 2
    assert pending(c) == []
    sync(m, connector(dsn, manager))
    assert m.execute("SELECT caller, note FROM touches WHERE uid = ?", [touch_uid]).fetchone() == (
        "鈴木 花子", "担当者と話せた")
    m.close()
    c.close()


def test_lists_of_one_name_and_one_membership_made_on_two_laptops_settle_alike(tmp_path, team_dsn, server):
    from models.accounts.lists import add_to_list, create_list

    a, b = open_db(tmp_path / "a.db"), open_db(tmp_path / "b.db")
    join(a, team_dsn, "kakeru", "A")
    join(b, team_dsn, "kakeru", "B")
    company = create_company(a, {"name": "株式会社重複"})
    shared = create_list(a, "共有リスト")
    sync(a, _factory(team_dsn))
    sync(b, _factory(team_dsn))
    b_company = b.execute("SELECT id FROM companies").fetchone()[0]
    b_shared = b.execute("SELECT id FROM target_lists").fetchone()[0]
    made = [create_list(a, "重点リスト"), create_list(b, "重点リスト")]
    first, second = sorted(made, key=lambda made_list: made_list.uid)  # the older uid keeps the name
    add_to_list(a, shared.id, [company.id])
    add_to_list(b, b_shared, [b_company])
    for db in (a, b, a, b):
        sync(db, _factory(team_dsn))
    assert laptop_snapshot(a) == laptop_snapshot(b)
    names = dict(a.execute("SELECT uid, name FROM target_lists").fetchall())
    assert names[first.uid] == "重点リスト" and names[second.uid] == f"重点リスト（{second.uid[-4:]}）"
    assert a.execute("SELECT count(*) FROM list_members").fetchone()[0] == 1
    live = server.execute("SELECT count(*) FROM kakeru.list_members WHERE NOT deleted").fetchone()[0]
    assert live == 1
    assert pending(a) == [] and pending(b) == []
    a.close()
    b.close()
