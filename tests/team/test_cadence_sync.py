"""The team's cadences (managers write, all read) and meetings' attendees sync: real roles and server."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from models.demo.builder import generate_demo
from models.meetings.meetings import create_meeting
from models.planning.cadence_definitions import StepSpec, create_cadence, update_cadence
from models.planning.cadences import expand_cadence
from models.store.db import open_db
from models.team.admin import assign_list
from models.team.join import join
from models.team.push import set_aside
from models.team.sync import sync
from tests.team.team_roles import make_team


def _factory(team, name):
    return lambda: psycopg.connect(team.dsn(name), autocommit=True)


@pytest.fixture
def laptops(tmp_path, team_dsn):
    """A manager's laptop with the demo and a cadence, and a caller's holding the first list."""
    team = make_team(team_dsn, callers=("佐藤",), managers=("田中",))
    m = open_db(tmp_path / "m.db")
    generate_demo(m, companies=12, seed=7, today=date(2026, 11, 20))
    join(m, team.dsn("田中"), team.logins["田中"], "田中")
    create_cadence(m, "チーム新規開拓", [StepSpec(0, "business_days", "call", "初回：担当者を確認"),
                                      StepSpec(2, "business_days", "call", "再架電")])
    sync(m, _factory(team, "田中"))
    list_uid = m.execute("SELECT uid FROM target_lists ORDER BY id LIMIT 1").fetchone()[0]
    with team.connect("田中", autocommit=True) as conn:
        assign_list(conn, list_uid, "佐藤")
    c = open_db(tmp_path / "c.db")
    join(c, team.dsn("佐藤"), team.logins["佐藤"], "佐藤")
    sync(c, _factory(team, "佐藤"))
    yield team, m, c
    m.close()
    c.close()


def _steps(db, cadence_uid):
    return db.execute("SELECT s.uid, s.position, s.offset_amount, s.hypothesis FROM cadence_steps AS s "
                      "JOIN cadences AS k ON k.id = s.cadence_id WHERE k.uid = ? ORDER BY s.position",
                      [cadence_uid]).fetchall()


def test_a_managers_cadence_reaches_a_caller_and_plans_made_from_it_keep_it(laptops):
    team, m, c = laptops
    cadence_uid = m.execute("SELECT uid FROM cadences WHERE name = 'チーム新規開拓'").fetchone()[0]
    mine = c.execute("SELECT id, name FROM cadences WHERE uid = ?", [cadence_uid]).fetchone()
    assert mine is not None and mine[1] == "チーム新規開拓"
    assert _steps(c, cadence_uid) == _steps(m, cadence_uid) and len(_steps(c, cadence_uid)) == 2

    # The caller starts the team's cadence on one of their accounts; the manager's laptop sees the plans
    # with the cadence and its steps named, not emptied.
    company = c.execute("SELECT id, uid FROM companies ORDER BY id LIMIT 1").fetchone()
    expand_cadence(c, mine[0], [company[0]], date(2026, 11, 24))
    sync(c, _factory(team, "佐藤"))
    sync(m, _factory(team, "田中"))
    made = m.execute(
        "SELECT k.uid, s.uid FROM plans AS p JOIN companies AS co ON co.id = p.company_id "
        "LEFT JOIN cadences AS k ON k.id = p.cadence_id "
        "LEFT JOIN cadence_steps AS s ON s.id = p.cadence_step_id "
        "WHERE co.uid = ? AND p.source = 'cadence' ORDER BY p.due", [company[1]]).fetchall()
    assert [row[0] for row in made] == [cadence_uid, cadence_uid]
    assert [row[1] for row in made] == [step[0] for step in _steps(m, cadence_uid)]


def test_a_callers_edit_of_a_cadence_is_refused_and_set_aside(laptops):
    team, m, c = laptops
    cadence_id, cadence_uid = c.execute(
        "SELECT id, uid FROM cadences WHERE name = 'チーム新規開拓'").fetchone()
    update_cadence(c, cadence_id, name="佐藤の新規開拓")
    create_cadence(c, "佐藤だけの手順", [StepSpec(1, "weeks")])

    result = sync(c, _factory(team, "佐藤"))

    aside = set_aside(c)
    assert {item.table_name for item in aside} == {"cadences", "cadence_steps"}
    assert ("cadences", cadence_uid) in {(item.table_name, item.row_uid) for item in aside}
    assert all("only a manager" in item.reason for item in aside)
    assert result.refused == len(aside) and result.refused_message is not None
    with psycopg.connect(team.admin_dsn) as admin:
        assert admin.execute("SELECT name FROM kakeru.cadences WHERE uid = %s",
                             [cadence_uid]).fetchone() == ("チーム新規開拓",)
        assert admin.execute("SELECT count(*) FROM kakeru.cadences").fetchone() == (1,)
    # The manager's own edit goes, and reaches the caller.
    update_cadence(m, m.execute("SELECT id FROM cadences WHERE uid = ?", [cadence_uid]).fetchone()[0],
                   description="11月からの手順")
    sync(m, _factory(team, "田中"))
    sync(c, _factory(team, "佐藤"))
    assert c.execute("SELECT description FROM cadences WHERE uid = ?", [cadence_uid]).fetchone() == (
        "11月からの手順",)


def _attendees(db, meeting_uid):
    return db.execute("SELECT a.uid, p.uid, a.note FROM meeting_attendees AS a "
                      "JOIN meetings AS mt ON mt.id = a.meeting_id JOIN contacts AS p ON p.id = a.contact_id "
                      "WHERE mt.uid = ? ORDER BY a.uid", [meeting_uid]).fetchall()


def _person(db, company_uid):
    return db.execute("SELECT co.id, p.id FROM companies AS co JOIN contacts AS p ON p.company_id = co.id "
                      "WHERE co.uid = ? ORDER BY p.id LIMIT 1", [company_uid]).fetchone()


def test_meeting_attendees_sync_both_ways_and_only_to_the_accounts_caller(laptops):
    team, m, c = laptops
    theirs = c.execute("SELECT co.uid FROM companies AS co WHERE EXISTS (SELECT 1 FROM contacts AS p "
                       "WHERE p.company_id = co.id) ORDER BY co.id").fetchone()[0]
    company_id, person_id = _person(m, theirs)
    by_manager = create_meeting(m, company_id, {"starts_at": "2026-12-01T10:00:00+09:00", "place": "本社"},
                                [person_id], {person_id: "決裁者"})
    sync(m, _factory(team, "田中"))
    sync(c, _factory(team, "佐藤"))
    assert _attendees(c, by_manager.uid) == _attendees(m, by_manager.uid) != []

    company_id, person_id = _person(c, theirs)
    by_caller = create_meeting(c, company_id, {"starts_at": "2026-12-02T15:00:00+09:00"}, [person_id])
    sync(c, _factory(team, "佐藤"))
    sync(m, _factory(team, "田中"))
    assert _attendees(m, by_caller.uid) == _attendees(c, by_caller.uid) != []

    # The demo's other meetings' attendees stay with the accounts' callers: none reach this laptop.
    mine = {row[0] for row in c.execute("SELECT uid FROM meeting_attendees")}
    assert mine == {row[0] for row in (*_attendees(c, by_manager.uid), *_attendees(c, by_caller.uid))}
    assert m.execute("SELECT count(*) FROM meeting_attendees").fetchone()[0] > len(mine)
    with team.connect("佐藤") as sato:
        assert {row[0] for row in sato.execute("SELECT uid FROM kakeru.meeting_attendees")} == mine
