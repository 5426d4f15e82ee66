"""No account called twice: a colleague's recent call or open plan is said before dialling and keeps the
re-contact out of the Today queue unless asked (models.planning.colleagues, agenda)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from models.planning import colleagues
from models.planning.agenda import build_agenda
from models.planning.plans import create_plan
from models.planning.touches import log_outcome
from models.store import settings
from models.team.join import join
from tests.models.call_helpers import JST, add_company

DAY = date(2026, 11, 20)  # a Friday


def as_caller(db, name):
    settings.set_caller_name(db, name)


@pytest.fixture
def team(fresh_db):
    """A file bound to a team as 佐藤, holding what a sync brought of 田中's work."""
    db = fresh_db
    join(db, "host=127.0.0.1 dbname=team", "sato", "佐藤")
    ids = {key: add_company(db, f"株式会社{key}", status="in_progress") for key in
           ("tanaka_called", "tanaka_plans", "mine_only", "old_call", "called_before_me")}
    as_caller(db, "佐藤")
    for key in ids:
        create_plan(db, ids[key], DAY, hypothesis=f"{key} の予定")
    as_caller(db, "田中")
    log_outcome(db, ids["tanaka_called"], "connected", at=datetime(2026, 11, 18, 15, 0, tzinfo=JST),
                plan_next=False)
    create_plan(db, ids["tanaka_plans"], date(2026, 12, 3))
    log_outcome(db, ids["old_call"], "not_available", at=datetime(2026, 10, 1, 10, 0, tzinfo=JST),
                plan_next=False)
    log_outcome(db, ids["called_before_me"], "not_available", at=datetime(2026, 11, 17, 10, 0, tzinfo=JST),
                plan_next=False)
    as_caller(db, "佐藤")
    log_outcome(db, ids["called_before_me"], "not_available", at=datetime(2026, 11, 18, 10, 0, tzinfo=JST),
                plan_next=False)
    return db, ids


def test_a_colleagues_recent_call_and_open_plan_are_described(team):
    db, ids = team
    found = colleagues.others_at(db, ids.values(), DAY)
    assert set(found) == {ids["tanaka_called"], ids["tanaka_plans"]}
    assert found[ids["tanaka_called"]].describe(DAY) == "田中さんが 2 日前に架電・担当者接続"
    assert found[ids["tanaka_plans"]].describe(DAY) == "田中さんの予定あり（12/3）"


def test_the_queue_leaves_colleagues_accounts_out_unless_asked(team):
    db, _ = team
    agenda = build_agenda(db, DAY)
    names = {entry.company_name for entry in agenda.entries}
    assert "株式会社tanaka_called" not in names and "株式会社tanaka_plans" not in names
    # An old call, and one the caller had already followed with their own, hold nothing back.
    assert {"株式会社mine_only", "株式会社old_call", "株式会社called_before_me"} <= names
    assert agenda.held_by_others == 2
    shown = build_agenda(db, DAY, include_others=True)
    by_name = {entry.company_name: entry for entry in shown.entries}
    assert by_name["株式会社tanaka_called"].others == "田中さんが 2 日前に架電・担当者接続"
    assert by_name["株式会社mine_only"].others is None
    assert shown.held_by_others == 0


def test_a_colleagues_plan_is_not_in_my_queue(team):
    db, ids = team
    as_caller(db, "田中")
    tanaka = build_agenda(db, date(2026, 12, 3), include_others=True)
    # 田中 sees his own plan of 12/3 (and 佐藤's plans on the same accounts are 佐藤's, not his).
    planned = [entry.company_id for entry in tanaka.entries if entry.plan_id is not None]
    assert planned == [ids["tanaka_plans"]]


def test_outside_a_team_nothing_is_held_back(fresh_db):
    db = fresh_db
    company = add_company(db, "株式会社単独", status="in_progress")
    as_caller(db, "佐藤")
    create_plan(db, company, DAY)
    as_caller(db, "田中")
    log_outcome(db, company, "not_available", at=datetime(2026, 11, 19, 10, 0, tzinfo=JST))
    assert colleagues.others_at(db, [company], DAY) == {}
    assert build_agenda(db, DAY).held_by_others == 0


def test_one_colleagues_call_and_plan_read_as_one_sentence():
    same = colleagues.OtherWork(1, "田中", "2026-11-19T10:00:00+09:00", "call", "callback_requested",
                                "田中", "2026-11-25T14:00:00+09:00")
    assert same.describe(DAY) == "田中さんが 昨日架電・折返し依頼、11/25 に予定あり"
    two = colleagues.OtherWork(1, "田中", "2026-11-19T10:00:00+09:00", "call", "not_available",
                               "鈴木", "2026-11-25")
    assert two.describe(DAY) == "田中さんが 昨日架電・不在／鈴木さんの予定あり（11/25）"


def test_today_and_yesterday_read_naturally():
    work = colleagues.OtherWork(1, "田中", "2026-11-19T10:00:00+09:00", "call", "not_available")
    assert work.describe(DAY) == "田中さんが 昨日架電・不在"
    assert work.describe(date(2026, 11, 19)) == "田中さんが 本日架電・不在"


def test_the_age_of_what_the_laptop_knows_is_said():
    now = datetime(2026, 11, 20, 12, 0, tzinfo=JST)
    view = colleagues.TeamView(True, "佐藤", None)
    assert colleagues.sync_age_text(view, now) == "まだ同期していません"
    for ago, text in ((timedelta(seconds=20), "最終同期 たった今"),
                      (timedelta(minutes=15), "最終同期 15 分前"),
                      (timedelta(hours=3), "最終同期 3 時間前"), (timedelta(days=2), "最終同期 2 日前")):
        view = colleagues.TeamView(True, "佐藤", (now - ago).isoformat())
        assert colleagues.sync_age_text(view, now) == text
