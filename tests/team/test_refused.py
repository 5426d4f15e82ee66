"""A write the server refuses is set aside, not left to block every later sync: real roles, real server."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from models.accounts.companies import create_company, create_contact, update_company
from models.demo.builder import generate_demo
from models.planning.touches import log_outcome
from models.store.db import open_db
from models.team.admin import assign_list
from models.team.errors import TeamError
from models.team.join import join
from models.team.outbox import pending
from models.team.push import set_aside
from models.team.sync import sync
from tests.team.team_roles import make_team


def _factory(team, name):
    return lambda: psycopg.connect(team.dsn(name), autocommit=True)


@pytest.fixture
def laptops(tmp_path, team_dsn):
    """A manager's laptop with the demo, and a caller's holding the first list, assigned to them."""
    team = make_team(team_dsn, callers=("佐藤",), managers=("田中",))
    m = open_db(tmp_path / "m.db")
    generate_demo(m, companies=12, seed=7, today=date(2026, 11, 20))
    join(m, team.dsn("田中"), team.logins["田中"], "田中")
    sync(m, _factory(team, "田中"))
    list_uid = m.execute("SELECT uid FROM target_lists ORDER BY id LIMIT 1").fetchone()[0]
    with team.connect("田中", autocommit=True) as conn:
        assign_list(conn, list_uid, "佐藤")
    c = open_db(tmp_path / "c.db")
    join(c, team.dsn("佐藤"), team.logins["佐藤"], "佐藤")
    sync(c, _factory(team, "佐藤"))
    assert c.execute("SELECT count(*) FROM companies").fetchone()[0] > 0
    yield team, m, c
    m.close()
    c.close()


def _unassign(team):
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:
        admin.execute("UPDATE kakeru.assignments SET deleted = true")


def test_refused_writes_are_set_aside_and_the_rest_goes(laptops):
    team, _m, c = laptops
    lost = c.execute("SELECT id, uid FROM companies ORDER BY id LIMIT 1").fetchone()
    _unassign(team)  # the list is taken from 佐藤 while the laptop is offline
    # Offline: a person added to an account no longer theirs (an INSERT the server refuses outright),
    # an edit of it (an UPDATE row-level security skips without a word), then work of their own.
    person = create_contact(c, lost[0], {"name": "山田 花子"})
    update_company(c, lost[0], {"notes": "割り当て解除後の編集"})
    own = create_company(c, {"name": "株式会社佐藤の新規"})
    log_outcome(c, own.id, "not_available", plan_next=False)

    result = sync(c, _factory(team, "佐藤"))

    aside = set_aside(c)
    assert {(item.table_name, item.row_uid) for item in aside} == {("contacts", person.uid),
                                                                    ("companies", lost[1])}
    assert all(item.reason for item in aside)
    assert result.refused == len(aside) >= 2
    assert result.refused_message is not None and "受け付けなかった変更が" in result.refused_message
    assert pending(c) == []
    with psycopg.connect(team.admin_dsn) as admin:
        assert admin.execute("SELECT count(*) FROM kakeru.contacts WHERE uid = %s",
                             [person.uid]).fetchone() == (0,)
        assert admin.execute("SELECT notes IS DISTINCT FROM '割り当て解除後の編集' FROM kakeru.companies "
                             "WHERE uid = %s", [lost[1]]).fetchone() == (True,)
        assert admin.execute("SELECT name, created_by FROM kakeru.companies WHERE uid = %s",
                             [own.uid]).fetchone() == ("株式会社佐藤の新規", team.logins["佐藤"])
        assert admin.execute("SELECT caller FROM kakeru.touches WHERE company_uid = %s",
                             [own.uid]).fetchall() == [("佐藤",)]
    # Nothing lost: the laptop keeps its own values, and the set-aside entries stay listed.
    assert c.execute("SELECT count(*) FROM contacts WHERE uid = ?", [person.uid]).fetchone() == (1,)
    again = sync(c, _factory(team, "佐藤"))
    assert again.refused == 0 and again.refused_message is None
    assert len(set_aside(c)) == len(aside)


def test_a_refused_row_inside_a_large_batch_is_found_and_the_others_applied(laptops):
    team, _m, c = laptops
    lost_id = c.execute("SELECT id FROM companies ORDER BY id LIMIT 1").fetchone()[0]
    _unassign(team)
    made = [create_company(c, {"name": f"株式会社自前{index:02d}"}) for index in range(20)]
    person = create_contact(c, lost_id, {"name": "途中の人"})  # refused, between two runs of own rows
    made += [create_company(c, {"name": f"株式会社自前{index:02d}"}) for index in range(20, 40)]
    result = sync(c, _factory(team, "佐藤"))
    assert result.refused == 1
    assert [(item.table_name, item.row_uid) for item in set_aside(c)] == [("contacts", person.uid)]
    with psycopg.connect(team.admin_dsn) as admin:
        on_server = {uid for (uid,) in admin.execute("SELECT uid FROM kakeru.companies")}
    assert {company.uid for company in made} <= on_server


def test_a_deactivated_member_is_refused_everything_and_nothing_is_set_aside(laptops):
    team, _m, c = laptops
    company_id = c.execute("SELECT id FROM companies ORDER BY id LIMIT 1").fetchone()[0]
    log_outcome(c, company_id, "not_available", plan_next=False)
    waiting = len(pending(c))
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:
        admin.execute("UPDATE kakeru.members SET active = false WHERE display_name = '佐藤'")
    with pytest.raises(TeamError):
        sync(c, _factory(team, "佐藤"))
    assert len(pending(c)) == waiting and set_aside(c) == []
