"""Logging an outcome: every outcome, one transaction, validation, and an undo that restores all."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models.planning.plans import create_plan, get_plan, open_plans
from models.planning.touches import get_touch, list_touches, log_outcome, undo_outcome
from models.store.db import open_db, writing
from models.store.errors import NotFound, ValidationError
from tests.models.call_helpers import JST, NOW, add_company, add_contact, company, count

MEETING = {"starts_at": datetime(2026, 12, 3, 14, 0, tzinfo=JST), "place": "先方本社 3F 会議室",
           "field_rep": "佐藤", "purpose": "採用管理の課題ヒアリングとご提案", "duration_min": 60}


def snapshot(db) -> dict:
    """Every row a logged outcome can touch, without the update times it may refresh."""
    tables = {}
    for table in ("touches", "plans", "meetings", "meeting_attendees", "companies"):
        rows = [dict(row) for row in db.query(f"SELECT * FROM {table} ORDER BY id")]
        for row in rows:
            row.pop("updated_at")
        tables[table] = rows
    return tables


@pytest.fixture
def acme(fresh_db):
    return add_company(fresh_db, "株式会社アクメ", fiscal_year_end_month=3)


def test_not_available_logs_touch_plan_and_status(fresh_db, acme):
    logged = log_outcome(fresh_db, acme, "not_available", at=NOW, duration_s=25, note="受付で不在と",
                         caller="鈴木", session_uid="s1")
    touch = get_touch(fresh_db, logged.touch_id)
    assert (touch.outcome, touch.kind, touch.duration_s) == ("not_available", "call", 25)
    assert touch.note == "受付で不在と"
    assert (touch.at, touch.caller, touch.session_uid) == ("2026-11-20T10:00:00+09:00", "鈴木", "s1")
    plan = get_plan(fresh_db, logged.plan_id)
    assert (plan.due, plan.source, plan.status, plan.kind) == ("2026-11-25", "rule", "open", "call")
    assert plan.hypothesis == "不在のため改めて架電"
    row = company(fresh_db, acme)
    assert row["status"] == "in_progress" and row["last_touch_at"] == "2026-11-20T10:00:00+09:00"
    assert (logged.previous_status, logged.new_status) == ("untouched", "in_progress")


@pytest.mark.parametrize(("outcome", "kwargs", "due", "status"), [
    ("not_available", {}, "2026-11-25", "in_progress"),
    ("gatekeeper_block", {}, "2026-11-30", "in_progress"),
    ("connected", {}, "2026-11-30", "in_progress"),
    ("info_sent", {}, "2026-11-26", "in_progress"),
    ("callback_requested", {"next_plan": {"due": datetime(2026, 11, 24, 15, 30, tzinfo=JST)}},
     "2026-11-24T15:30:00+09:00", "in_progress"),
    ("no_need", {"next_plan": {"due": date(2026, 12, 1), "hypothesis": "1月の採用計画策定前に再提案"}},
     "2026-12-01", "nurturing"),
    ("appointment", {"meeting": MEETING}, None, "appointment"),
    ("bad_number", {}, None, "do_not_call"),
    ("disqualified", {}, None, "disqualified"),
])
def test_every_outcome(fresh_db, acme, outcome, kwargs, due, status):
    logged = log_outcome(fresh_db, acme, outcome, at=NOW, **kwargs)
    assert get_touch(fresh_db, logged.touch_id).outcome == outcome
    plans = open_plans(fresh_db, acme)
    assert [plan.due for plan in plans] == ([due] if due else [])
    assert company(fresh_db, acme)["status"] == status
    assert (logged.meeting_id is not None) == (outcome == "appointment")


def test_a_call_fulfils_overdue_and_due_call_plans_only(fresh_db, acme):
    overdue = create_plan(fresh_db, acme, date(2026, 11, 10), hypothesis="決算前の採用計画を確認")
    later_today = create_plan(fresh_db, acme, datetime(2026, 11, 20, 16, 0, tzinfo=JST))
    future = create_plan(fresh_db, acme, date(2026, 12, 15), hypothesis="年末の予算確認")
    email = create_plan(fresh_db, acme, date(2026, 11, 19), kind="email")
    logged = log_outcome(fresh_db, acme, "connected", at=NOW)
    assert set(logged.closed_plan_ids) == {overdue.id, later_today.id}
    for plan_id in logged.closed_plan_ids:
        plan = get_plan(fresh_db, plan_id)
        assert (plan.status, plan.done_touch_id) == ("done", logged.touch_id)
        assert plan.done_at == "2026-11-20T10:00:00+09:00"
    assert get_plan(fresh_db, future.id).status == "open"
    assert get_plan(fresh_db, email.id).status == "open"
    assert {plan.id for plan in open_plans(fresh_db, acme)} == {future.id, email.id, logged.plan_id}


def test_callback_needs_the_time_they_named_and_keeps_it_as_named(fresh_db, acme):
    with pytest.raises(ValidationError, match="折返し依頼"):
        log_outcome(fresh_db, acme, "callback_requested", at=NOW)
    with pytest.raises(ValidationError, match="時刻まで"):
        log_outcome(fresh_db, acme, "callback_requested", at=NOW, next_plan={"due": date(2026, 11, 24)})
    assert count(fresh_db, "touches") == 0 and count(fresh_db, "plans") == 0
    assert company(fresh_db, acme)["status"] == "untouched"
    # 19:00 is outside the call windows, but the customer asked for it.
    logged = log_outcome(fresh_db, acme, "callback_requested", at=NOW,
                         next_plan={"due": "2026-11-24T19:00:00+09:00"})
    plan = get_plan(fresh_db, logged.plan_id)
    assert plan.due == "2026-11-24T19:00:00+09:00"
    assert plan.hypothesis == "ご指定の時間に折返し" and plan.source == "manual"


def test_a_time_we_choose_moves_into_the_call_window(fresh_db, acme):
    lunch = datetime(2026, 11, 27, 12, 15, tzinfo=JST)
    logged = log_outcome(fresh_db, acme, "connected", at=NOW, next_plan={"due": lunch, "hypothesis": "午後"})
    assert get_plan(fresh_db, logged.plan_id).due == "2026-11-27T13:00:00+09:00"


def test_no_need_requires_date_and_hypothesis(fresh_db, acme):
    with pytest.raises(ValidationError, match="次回の連絡日"):
        log_outcome(fresh_db, acme, "no_need", at=NOW)
    with pytest.raises(ValidationError, match="次回の連絡日"):
        log_outcome(fresh_db, acme, "no_need", at=NOW, next_plan={"hypothesis": "来期に再提案"})
    with pytest.raises(ValidationError, match="仮説"):
        log_outcome(fresh_db, acme, "no_need", at=NOW, next_plan={"due": date(2027, 2, 1), "hypothesis": " "})
    with pytest.raises(ValidationError, match="次回の連絡日"):
        log_outcome(fresh_db, acme, "no_need", at=NOW, plan_next=False)
    assert count(fresh_db, "touches") == 0
    logged = log_outcome(fresh_db, acme, "no_need", at=NOW,
                         next_plan={"due": "2026-12-01", "hypothesis": "1月に次年度の採用計画を立てるため"})
    plan = get_plan(fresh_db, logged.plan_id)
    assert (plan.due, plan.source) == ("2026-12-01", "manual")
    assert plan.hypothesis == "1月に次年度の採用計画を立てるため"
    assert company(fresh_db, acme)["status"] == "nurturing"


def test_changed_proposal_is_manual_and_unchanged_is_rule(fresh_db, acme):
    first = log_outcome(fresh_db, acme, "info_sent", at=NOW,
                        next_plan={"due": date(2026, 11, 26), "hypothesis": "資料の感想を伺う"})
    assert get_plan(fresh_db, first.plan_id).source == "rule"
    second = log_outcome(fresh_db, acme, "info_sent", at=NOW,
                         next_plan={"due": date(2026, 11, 27), "hypothesis": "資料の感想を伺う"})
    assert get_plan(fresh_db, second.plan_id).source == "manual"


def test_appointment_creates_the_meeting_with_attendees(fresh_db, acme):
    hr = add_contact(fresh_db, acme, "田中 花子", "hr")
    field = add_contact(fresh_db, acme, "高橋 一郎", "field")
    logged = log_outcome(fresh_db, acme, "appointment", at=NOW, contact_id=hr, caller="鈴木",
                         reached_decision_maker=True, meeting={**MEETING, "attendees": [hr, field, hr]})
    meeting = next(fresh_db.query("SELECT * FROM meetings WHERE id = ?", [logged.meeting_id]))
    assert meeting["touch_id"] == logged.touch_id and meeting["company_id"] == acme
    assert (meeting["starts_at"], meeting["place"], meeting["caller"]) == (
        "2026-12-03T14:00:00+09:00", "先方本社 3F 会議室", "鈴木")
    assert meeting["status"] == "scheduled"
    attendees = [r["contact_id"] for r in fresh_db.query(
        "SELECT contact_id FROM meeting_attendees WHERE meeting_id = ? ORDER BY id", [logged.meeting_id])]
    assert attendees == [hr, field]
    assert logged.plan_id is None and company(fresh_db, acme)["status"] == "appointment"
    assert get_touch(fresh_db, logged.touch_id).reached_decision_maker == 1


def test_appointment_needs_the_meeting_and_only_an_appointment_has_one(fresh_db, acme):
    with pytest.raises(ValidationError, match="商談の日時"):
        log_outcome(fresh_db, acme, "appointment", at=NOW)
    with pytest.raises(ValidationError, match="商談の日時"):
        log_outcome(fresh_db, acme, "appointment", at=NOW, meeting={"place": "オンライン"})
    with pytest.raises(ValidationError, match="アポ獲得を選んで"):
        log_outcome(fresh_db, acme, "connected", at=NOW, meeting=MEETING)
    assert count(fresh_db, "touches") == 0


def test_a_failure_inside_the_transaction_writes_nothing(fresh_db, acme):
    overdue = create_plan(fresh_db, acme, date(2026, 11, 10))
    other = add_company(fresh_db, "株式会社ほか")
    stranger = add_contact(fresh_db, other, "他社 太郎")
    before = snapshot(fresh_db)
    with pytest.raises(ValidationError, match="この会社の担当者ではありません"):
        log_outcome(fresh_db, acme, "appointment", at=NOW, meeting={**MEETING, "attendees": [stranger]})
    assert snapshot(fresh_db) == before
    assert get_plan(fresh_db, overdue.id).status == "open"


def test_closing_outcomes_take_no_plan(fresh_db, acme):
    with pytest.raises(ValidationError, match="次回予定は作成できません"):
        log_outcome(fresh_db, acme, "bad_number", at=NOW, next_plan={"due": date(2026, 12, 1)})
    logged = log_outcome(fresh_db, acme, "bad_number", at=NOW, note="現在使われておりません")
    assert logged.plan_id is None and company(fresh_db, acme)["status"] == "do_not_call"


def test_plan_next_false_leaves_no_plan(fresh_db, acme):
    logged = log_outcome(fresh_db, acme, "not_available", at=NOW, plan_next=False)
    assert logged.plan_id is None and open_plans(fresh_db, acme) == []


def test_hearing_contact_and_input_checks(fresh_db, acme):
    hr = add_contact(fresh_db, acme, "田中 花子", "hr")
    logged = log_outcome(fresh_db, acme, "connected", at=NOW, contact_id=hr, hearing={
        "issue": "中途採用の応募が集まらない", "hearing_budget": "年間200万円程度", "competitor": " "})
    touch = get_touch(fresh_db, logged.touch_id)
    assert touch.contact_id == hr and touch.hearing_issue == "中途採用の応募が集まらない"
    assert touch.hearing_budget == "年間200万円程度" and touch.hearing_competitor is None
    with pytest.raises(ValidationError, match="ヒアリング項目"):
        log_outcome(fresh_db, acme, "connected", at=NOW, hearing={"mood": "良い"})
    other = add_company(fresh_db, "株式会社ほか")
    with pytest.raises(ValidationError, match="この会社の担当者ではありません"):
        log_outcome(fresh_db, other, "connected", at=NOW, contact_id=hr)
    with pytest.raises(ValidationError, match="不明な結果"):
        log_outcome(fresh_db, acme, "voicemail", at=NOW)
    with pytest.raises(ValidationError, match="通話時間"):
        log_outcome(fresh_db, acme, "connected", at=NOW, duration_s=-5)
    with pytest.raises(ValidationError, match="次回予定の項目"):
        log_outcome(fresh_db, acme, "connected", at=NOW, next_plan={"when": "明日"})
    with pytest.raises(NotFound):
        log_outcome(fresh_db, 9999, "connected", at=NOW)


def test_last_touch_time_never_moves_back(fresh_db, acme):
    log_outcome(fresh_db, acme, "connected", at=NOW)
    log_outcome(fresh_db, acme, "connected", at="2026-11-18T15:00:00+09:00")  # entered afterwards
    assert company(fresh_db, acme)["last_touch_at"] == "2026-11-20T10:00:00+09:00"


@pytest.mark.parametrize(("outcome", "kwargs"), [
    ("not_available", {}),
    ("no_need", {"next_plan": {"due": date(2027, 2, 1), "hypothesis": "来期予算の策定前"}}),
    ("appointment", {"meeting": MEETING}),
    ("bad_number", {}),
])
def test_undo_restores_everything(fresh_db, acme, outcome, kwargs):
    hr = add_contact(fresh_db, acme, "田中 花子", "hr")
    if outcome == "appointment":
        kwargs = {"meeting": {**MEETING, "attendees": [hr]}}
    first = log_outcome(fresh_db, acme, "connected", at="2026-11-13T11:00:00+09:00",
                        next_plan={"due": date(2026, 11, 19), "hypothesis": "導入時期を確認"})
    create_plan(fresh_db, acme, datetime(2026, 11, 20, 9, 30, tzinfo=JST), hypothesis="朝の再架電")
    before = snapshot(fresh_db)
    logged = log_outcome(fresh_db, acme, outcome, at=NOW, **kwargs)
    assert len(logged.closed_plan_ids) == 2
    assert snapshot(fresh_db) != before
    undo_outcome(fresh_db, logged)
    assert snapshot(fresh_db) == before
    assert company(fresh_db, acme)["status"] == "in_progress"
    assert get_plan(fresh_db, first.plan_id).status == "open"
    with pytest.raises(NotFound, match="すでに取り消され"):
        undo_outcome(fresh_db, logged)


def test_undo_keeps_a_status_changed_since(fresh_db, acme):
    logged = log_outcome(fresh_db, acme, "connected", at=NOW)
    with writing(fresh_db):
        fresh_db.execute("UPDATE companies SET status = 'customer' WHERE id = ?", [acme])
    undo_outcome(fresh_db, logged)
    row = company(fresh_db, acme)
    assert row["status"] == "customer" and row["last_touch_at"] is None
    assert count(fresh_db, "touches") == 0 and count(fresh_db, "plans") == 0


def test_list_touches_newest_first(fresh_db, acme):
    for day in (18, 20, 19):
        log_outcome(fresh_db, acme, "not_available", at=f"2026-11-{day}T10:00:00+09:00")
    assert [t.at[:10] for t in list_touches(fresh_db, acme)] == ["2026-11-20", "2026-11-19", "2026-11-18"]
    assert len(list_touches(fresh_db, acme, limit=2)) == 2
    assert list_touches(fresh_db, 9999) == []


def test_committed_the_moment_it_returns(file_db):
    db, path = file_db
    company_id = add_company(db, "株式会社コミット")
    logged = log_outcome(db, company_id, "info_sent", at=NOW)
    other = open_db(path)  # a second connection sees it: no transaction is left open
    try:
        row = other.execute("SELECT outcome FROM touches WHERE id = ?", [logged.touch_id]).fetchone()
        assert row == ("info_sent",)
        assert other.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 1
    finally:
        other.close()
    assert not db.conn.in_transaction


def test_a_plan_for_a_contact(fresh_db, acme):
    hr = add_contact(fresh_db, acme, "田中 花子", "hr")
    logged = log_outcome(fresh_db, acme, "gatekeeper_block", at=NOW, next_plan={
        "due": date(2026, 11, 30), "hypothesis": "人事に直通で", "contact_id": hr})
    assert get_plan(fresh_db, logged.plan_id).contact_id == hr


def test_only_the_date_changed_keeps_the_prefilled_hypothesis(fresh_db, acme):
    logged = log_outcome(fresh_db, acme, "gatekeeper_block", at=NOW, next_plan={"due": date(2026, 12, 2)})
    plan = get_plan(fresh_db, logged.plan_id)
    assert plan.hypothesis == "別ルート（部署直通・メール）でアプローチ" and plan.source == "manual"
    cleared = log_outcome(fresh_db, acme, "gatekeeper_block", at=NOW, next_plan={"hypothesis": ""})
    assert get_plan(fresh_db, cleared.plan_id).hypothesis is None
