"""The manager's figures on a real PostgreSQL with the team's real roles: two callers log calls on their
own laptops, sync, and the manager's laptop, after its sync, has every caller side by side with known
answers (names as the server set them), a caller's scope with their assigned list, and the team's total."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.accounts import lists
from models.accounts.companies import create_company
from models.kpi.callers import caller_table, callers_of
from models.kpi.figures import Period, Scope, compute_kpis
from models.planning.touches import log_outcome
from models.store.db import open_db
from models.team.admin import assign_list
from models.team.join import join
from models.team.sync import connector, sync
from tests.team.team_roles import make_team

WEEK = Period(date(2026, 12, 7), date(2026, 12, 13))
TODAY = date(2026, 12, 9)


@pytest.fixture
def office(tmp_path, team_dsn, monkeypatch):
    team = make_team(team_dsn, callers=("佐藤", "鈴木"), managers=("田中",))
    params = conninfo_to_dict(team_dsn)
    for key in ("password", "user"):
        params.pop(key)
    dsn = make_conninfo(**{key: str(value) for key, value in params.items()})
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

    def laptop(name):
        db = open_db(tmp_path / f"{team.logins[name]}.db")
        join(db, dsn, team.logins[name], name)
        return db

    def sync_as(db, name):
        monkeypatch.setenv("PGPASSWORD", team.passwords[name])
        return sync(db, connector(dsn, team.logins[name]))

    return team, laptop, sync_as


def test_the_managers_table_after_the_callers_sync(office):
    team, laptop, sync_as = office
    manager = laptop("田中")
    ids = [create_company(manager, {"name": f"株式会社チーム{i}"}).id for i in range(4)]
    east = lists.create_list(manager, "東日本")
    lists.add_to_list(manager, east.id, ids)
    sync_as(manager, "田中")
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:
        assign_list(admin, east.uid, "佐藤")

    sato = laptop("佐藤")
    sync_as(sato, "佐藤")
    mine = [cid for (cid,) in sato.execute("SELECT id FROM companies ORDER BY name").fetchall()]
    assert len(mine) == 4  # the assigned list's accounts
    log_outcome(sato, mine[0], "not_available", at="2026-12-07T10:00:00+09:00", plan_next=False)
    log_outcome(sato, mine[0], "connected", at="2026-12-08T10:00:00+09:00", reached_decision_maker=True,
                plan_next=False)
    log_outcome(sato, mine[1], "info_sent", at="2026-12-08T11:00:00+09:00", plan_next=False)
    sync_as(sato, "佐藤")

    suzuki = laptop("鈴木")
    own = create_company(suzuki, {"name": "株式会社鈴木開拓"}).id  # his own find
    log_outcome(suzuki, own, "gatekeeper_block", at="2026-12-08T09:00:00+09:00", plan_next=False)
    log_outcome(suzuki, own, "connected", at="2026-12-09T09:00:00+09:00", plan_next=False)
    sync_as(suzuki, "鈴木")

    sync_as(manager, "田中")
    assert callers_of(manager) == sorted(["佐藤", "鈴木", "田中"])
    table = caller_table(manager, WEEK, today=TODAY)
    rows = {row.caller: row.figures for row in table.callers}
    assert set(rows) == {"佐藤", "鈴木", "田中"}
    assert {k: rows["佐藤"][k] for k in ("calls", "connects", "key_person")} == {
        "calls": 3, "connects": 2, "key_person": 1}
    assert {k: rows["鈴木"][k] for k in ("calls", "connects", "key_person")} == {
        "calls": 2, "connects": 1, "key_person": 0}
    assert rows["田中"]["calls"] == 0  # the manager is a member with nothing logged
    assert table.team.figures["calls"] == 5 == compute_kpis(manager, WEEK, today=TODAY).value("calls")
    for key, total in table.team.figures.items():
        assert total == sum(row[key] for row in rows.values()), key
    # 佐藤's accounts are her assigned list: two of its four were never called.
    sato_scope = compute_kpis(manager, WEEK, Scope.of_caller("佐藤"), today=TODAY)
    assert (sato_scope.value("calls"), sato_scope.value("untouched")) == (3, 2)
