"""Every caller's figures side by side, on a hand-built week of three callers with known answers."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models.accounts import lists
from models.accounts.companies import create_company
from models.kpi.callers import CALLER_FIGURES, caller_table, callers_of
from models.kpi.figures import Period, Scope, compute_kpis, figure_definition, figure_rows
from models.kpi.goals import goal_report, set_goal
from models.meetings.meetings import create_meeting, update_meeting
from models.store import clock
from models.store.db import stamp

WEEK = Period(date(2025, 1, 6), date(2025, 1, 12))
TODAY = date(2025, 1, 8)
TANAKA, SATO, KATO = "田中 一郎", "佐藤 花子", "加藤 次郎"


def _touch(db, company_id, at, outcome, caller, reached=False):
    db.table("touches").insert(stamp({"company_id": company_id, "kind": "call", "at": f"{at}+09:00",
                                      "outcome": outcome, "reached_decision_maker": int(reached),
                                      "caller": caller}))
    db.execute("UPDATE companies SET last_touch_at = max(ifnull(last_touch_at, ''), ?), status = "
               "'in_progress' WHERE id = ?", [f"{at}+09:00", company_id])


def _plan(db, company_id, due, caller, status="open", done_at=None):
    db.table("plans").insert(stamp({"company_id": company_id, "due": due, "kind": "call", "status": status,
                                    "done_at": done_at, "source": "manual", "caller": caller}))


def _meeting(db, company_id, at, caller, outcome, amount=None):
    meeting = create_meeting(db, company_id, {"starts_at": at})
    db.execute("UPDATE meetings SET caller = ? WHERE id = ?", [caller, meeting.id])
    update_meeting(db, meeting.id, {"status": "held", "outcome": outcome, "order_amount": amount})


@pytest.fixture
def team(fresh_db, monkeypatch):
    written = datetime(2025, 1, 2, 9, 0, tzinfo=clock.zone_named("Asia/Tokyo"))
    monkeypatch.setattr(clock, "now", lambda: written)
    db = fresh_db
    ids = {key: create_company(db, {"name": f"会社{key}"}).id for key in "ABCDEFGH"}
    east = lists.create_list(db, "東日本")
    west = lists.create_list(db, "西日本")
    lists.add_to_list(db, east.id, [ids[k] for k in "ABCD"])
    lists.add_to_list(db, west.id, [ids[k] for k in "EFGH"])
    uids = dict(db.execute("SELECT name, uid FROM target_lists").fetchall())
    # The team's members and assignments as pulled from the server: 加藤 is a member with no rows yet.
    for login, name in (("tanaka", TANAKA), ("sato", SATO), ("kato", KATO)):
        db.table("team_members").insert(stamp({"login": login, "display_name": name}))
    db.table("assignments").insert(stamp({"list_uid": uids["東日本"], "caller_login": "tanaka"}))
    db.table("assignments").insert(stamp({"list_uid": uids["西日本"], "caller_login": "sato"}))
    A, B, C, E, F = (ids[k] for k in "ABCEF")
    # 田中: 4 calls (2 connects, 1 decision maker, 1 appointment).
    _touch(db, A, "2025-01-06T10:00:00", "not_available", TANAKA)
    _touch(db, A, "2025-01-07T10:00:00", "connected", TANAKA, reached=True)
    _touch(db, B, "2025-01-07T11:00:00", "appointment", TANAKA)
    _touch(db, C, "2025-01-08T11:00:00", "gatekeeper_block", TANAKA)
    # 佐藤: 3 calls (2 connects, 2 appointments, 1 decision maker); one call outside the week.
    _touch(db, E, "2025-01-06T13:00:00", "appointment", SATO, reached=True)
    _touch(db, F, "2025-01-09T13:00:00", "appointment", SATO)
    _touch(db, F, "2025-01-10T13:00:00", "bad_number", SATO)
    _touch(db, F, "2025-01-14T13:00:00", "connected", SATO)
    # A call logged with no caller (before the file joined a team).
    _touch(db, C, "2025-01-09T09:00:00", "connected", None)
    # Meetings: 田中 one held and won (300万円); 佐藤 two held, one won (120万円), one lost.
    _meeting(db, B, "2025-01-09 14:00", TANAKA, "won", 3_000_000)
    _meeting(db, E, "2025-01-10 10:00", SATO, "won", 1_200_000)
    _meeting(db, F, "2025-01-11 10:00", SATO, "lost")
    # Plans: 田中 holds an open plan on E (佐藤's list); 佐藤 one on F.
    _plan(db, E, "2025-01-20", TANAKA)
    _plan(db, F, "2025-01-21", SATO)
    return db, ids


def test_each_caller_has_the_known_figures(team):
    db, _ = team
    table = caller_table(db, WEEK, today=TODAY)
    rows = {row.caller: row.figures for row in table.callers}
    assert list(rows) == [*sorted([TANAKA, SATO, KATO]), ""]
    assert rows[TANAKA] == {"calls": 4, "connects": 2, "key_person": 1, "appointments": 1,
                            "meetings_held": 1, "won": 1, "order_amount": 3_000_000}
    assert rows[SATO] == {"calls": 3, "connects": 2, "key_person": 1, "appointments": 2,
                          "meetings_held": 2, "won": 1, "order_amount": 1_200_000}
    assert rows[KATO] == dict.fromkeys(CALLER_FIGURES, 0)  # a member with nothing in the week
    assert rows[""] == {"calls": 1, "connects": 1, "key_person": 0, "appointments": 0,
                        "meetings_held": 0, "won": 0, "order_amount": 0}
    assert [row.member for row in table.callers] == [True, True, True, False]


def test_the_team_row_is_the_sum_and_the_whole_teams_figures(team):
    db, _ = team
    table = caller_table(db, WEEK, today=TODAY)
    whole = compute_kpis(db, WEEK, today=TODAY)
    for key in CALLER_FIGURES:
        assert table.team.figures[key] == sum(row.figures[key] for row in table.callers), key
        assert table.team.figures[key] == whole.value(key), key


def test_a_callers_scope_gives_the_same_figures_as_their_row(team):
    db, _ = team
    table = caller_table(db, WEEK, today=TODAY)
    for row in table.callers:
        report = compute_kpis(db, WEEK, row.scope(), today=TODAY)
        assert {key: report.value(key) for key in CALLER_FIGURES} == row.figures, row.caller


def test_a_callers_accounts_and_plans(team):
    db, ids = team
    tanaka = compute_kpis(db, WEEK, Scope.of_caller(TANAKA), today=TODAY)
    sato = compute_kpis(db, WEEK, Scope.of_caller(SATO), today=TODAY)
    # Untouched: D on 田中's list (東日本) was never called; G and H on 佐藤's list (西日本).
    assert tanaka.value("untouched") == 1
    assert sato.value("untouched") == 2
    # Pipeline: the accounts with an open plan in the caller's name.
    assert tanaka.value("pipeline") == 1
    assert [row.company_id for row in figure_rows(db, "pipeline", WEEK, Scope.of_caller(TANAKA),
                                                  today=TODAY)] == [ids["E"]]
    assert [r.company_id for r in figure_rows(db, "untouched", WEEK, Scope.of_caller(TANAKA),
                                               today=TODAY)] == [ids["D"]]
    # The rows behind 佐藤's appointments are hers only.
    rows = figure_rows(db, "appointments", WEEK, Scope.of_caller(SATO), today=TODAY)
    assert [row.company_id for row in rows] == [ids["E"], ids["F"]]
    assert compute_kpis(db, WEEK, Scope.of_caller(KATO), today=TODAY).value("calls") == 0


def test_the_teams_goal_is_never_divided_among_callers(team):
    db, _ = team
    set_goal(db, date(2025, 1, 1), None, {"appointments": 20})
    table = caller_table(db, WEEK, today=TODAY)
    assert table.team.goal is not None and table.team.goal.target == 20
    assert table.team.goal.actual == 3  # the month so far (January: 3 appointments)
    assert all(row.goal is None for row in table.callers)


def test_a_callers_own_goal_is_their_rows_target_and_pace(team):
    db, _ = team
    set_goal(db, date(2025, 1, 1), None, {"appointments": 20})
    set_goal(db, date(2025, 1, 1), None, {"appointments": 6, "calls": 100}, caller=SATO)
    table = caller_table(db, WEEK, today=TODAY)
    by_name = {row.caller: row for row in table.callers}
    own = by_name[SATO].goal
    assert own is not None and (own.target, own.actual) == (6, 2)  # 佐藤's 2 appointments of January
    assert own.pace is not None and own.pace > 0
    assert by_name[KATO].goal is None and by_name[TANAKA].goal is None
    assert table.team.goal is not None and table.team.goal.target == 20  # the team's, untouched
    # The caller's scope on the KPI page reads the same goal; the rows of no caller have none.
    report = goal_report(db, WEEK, Scope.of_caller(SATO), today=TODAY)
    assert {item.key: (item.target, item.actual) for item in report.items} == {
        "calls": (100, 4), "appointments": (6, 2)}  # the month so far
    assert goal_report(db, WEEK, Scope.of_caller(""), today=TODAY).items == ()
    # Setting it again for the month updates the one goal, not a second.
    set_goal(db, date(2025, 1, 1), None, {"appointments": 7}, caller=SATO)
    assert db.execute("SELECT count(*) FROM kpi_goals WHERE caller = ?", [SATO]).fetchone() == (1,)


def test_callers_named_in_the_file_and_the_definitions(team):
    db, _ = team
    assert callers_of(db) == sorted([TANAKA, SATO, KATO])
    assert "割り当てられたリスト" in figure_definition("untouched", scope=Scope.of_caller(TANAKA))
    assert "割り当てられたリスト" not in figure_definition("untouched")
    assert Scope.of_caller(TANAKA).text() == f"担当者「{TANAKA}」"
