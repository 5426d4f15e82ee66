"""A nurture plan needs its hypothesis wherever it is made; a quick pick records itself as the plan's
template; a call that fulfils a plan records whether its hypothesis held, and the hit rates count it."""

from __future__ import annotations

from datetime import date

import pytest

from models.planning import hypotheses as hy
from models.planning.dispositions import (
    NURTURE_AFTER_BUSINESS_DAYS,
    NURTURE_PICKS,
    check_nurture_hypothesis,
    is_nurture_plan,
    pick_template,
)
from models.planning.plan_form import save_plan
from models.planning.plans import get_plan, open_plans
from models.planning.touches import log_outcome, undo_outcome
from models.store.db import stamp, writing
from models.store.errors import ValidationError
from tests.models.call_helpers import NOW, add_company

TODAY = NOW.date()  # Friday 20 November 2026; Monday the 23rd is a holiday


def test_a_plan_past_ten_business_days_or_from_no_need_is_a_nurture_plan():
    assert NURTURE_AFTER_BUSINESS_DAYS == 10
    # Ten business days from Friday 20 November, skipping the holiday on the 23rd: Monday 7 December.
    assert not is_nurture_plan(date(2026, 12, 7), TODAY)
    assert is_nurture_plan(date(2026, 12, 8), TODAY)
    assert is_nurture_plan("2027-02-22T10:00:00+09:00", TODAY)
    assert is_nurture_plan(date(2026, 11, 24), TODAY, outcome="no_need")  # its rule requires one
    assert not is_nurture_plan(None, TODAY)
    assert not is_nurture_plan(date(2026, 11, 24), TODAY, outcome="connected")
    check_nurture_hypothesis(date(2026, 12, 7), None, TODAY)  # a follow-up: no reason needed
    check_nurture_hypothesis(date(2027, 2, 22), "2月に来期の採用計画", TODAY)
    with pytest.raises(ValidationError, match="10営業日より先の予定はナーチャリングの予定です"):
        check_nurture_hypothesis(date(2027, 2, 22), "  ", TODAY)


def test_the_quick_picks_that_park_an_account_are_templates():
    assert NURTURE_PICKS == ("1ヶ月後", "3ヶ月後", "6ヶ月後", "決算月の3ヶ月前")
    assert pick_template("決算月の3ヶ月前") == "決算月の3ヶ月前"
    assert pick_template("明日") is None and pick_template("来週") is None and pick_template(None) is None


def test_a_logged_call_refuses_a_nurture_plan_without_its_hypothesis(fresh_db):
    company_id = add_company(fresh_db)
    with pytest.raises(ValidationError, match="ナーチャリングの予定です"):
        log_outcome(fresh_db, company_id, "connected", at=NOW, next_plan={"due": date(2027, 2, 22)})
    assert fresh_db.execute("SELECT COUNT(*) FROM touches").fetchone()[0] == 0  # nothing written
    logged = log_outcome(fresh_db, company_id, "connected", at=NOW, next_plan={
        "due": date(2027, 2, 22), "hypothesis": "2月に来期の採用計画を立てるため", "template": "3ヶ月後"})
    plan = get_plan(fresh_db, logged.plan_id)
    assert (plan.due, plan.hypothesis_template, plan.source) == ("2027-02-22", "3ヶ月後", "manual")
    # A follow-up within the rule's days needs none; and records no template.
    follow = log_outcome(fresh_db, company_id, "not_available", at=NOW)
    assert get_plan(fresh_db, follow.plan_id).hypothesis_template is None


def test_the_plan_form_refuses_a_nurture_plan_without_its_hypothesis(fresh_db):
    company_id = add_company(fresh_db)
    with pytest.raises(ValidationError, match="ナーチャリング"):
        save_plan(fresh_db, company_id, date(2027, 3, 1), today=TODAY)
    near = save_plan(fresh_db, company_id, date(2026, 12, 7), today=TODAY)
    with pytest.raises(ValidationError, match="ナーチャリング"):  # moved out to a nurture date
        save_plan(fresh_db, company_id, date(2027, 3, 1), plan_id=near.id, today=TODAY)
    made = save_plan(fresh_db, company_id, date(2027, 3, 1), hypothesis="決算前に予算が決まる",
                     template="決算月の3ヶ月前", today=TODAY)
    assert made.hypothesis_template == "決算月の3ヶ月前"
    with pytest.raises(ValidationError, match="ナーチャリング"):  # its reason taken away
        save_plan(fresh_db, company_id, date(2027, 3, 1), hypothesis="", plan_id=made.id, today=TODAY)
    # A plan made before the rule keeps working: a change that leaves day and hypothesis is saved.
    with writing(fresh_db):
        old = fresh_db.table("plans").insert(stamp({
            "company_id": company_id, "due": "2027-04-01", "kind": "call", "status": "open"})).last_pk
    assert save_plan(fresh_db, company_id, date(2027, 4, 1), kind="email", plan_id=old,
                     today=TODAY).kind == "email"


def _plan_due_today(db, company_id, hypothesis="決算前に予算が決まるため", template="決算月の3ヶ月前",
                    kind="call", due="2026-11-20"):
    with writing(db):
        return db.table("plans").insert(stamp({
            "company_id": company_id, "due": due, "kind": kind, "status": "open", "hypothesis": hypothesis,
            "hypothesis_template": template})).last_pk


def test_the_call_that_fulfils_a_plan_records_whether_its_hypothesis_held(fresh_db):
    company_id = add_company(fresh_db)
    plan_id = _plan_due_today(fresh_db, company_id)
    logged = log_outcome(fresh_db, company_id, "connected", at=NOW, hypothesis_results={plan_id: "held"})
    plan = get_plan(fresh_db, plan_id)
    assert (plan.status, plan.done_touch_id, plan.hypothesis_result) == ("done", logged.touch_id, "held")
    row = next(r for r in hy.hypothesis_summary(fresh_db) if r.template == "決算月の3ヶ月前")
    assert (row.plans, row.done, row.held, row.missed, row.unrated, row.hit_rate) == (1, 1, 1, 0, 0, 1.0)
    # Undone, the plan is open and untested again.
    undo_outcome(fresh_db, logged)
    plan = get_plan(fresh_db, plan_id)
    assert (plan.status, plan.hypothesis_result) == ("open", None)


def test_a_result_for_a_plan_the_call_does_not_fulfil_is_refused(fresh_db):
    company_id = add_company(fresh_db)
    later = _plan_due_today(fresh_db, company_id, due="2026-12-01")
    with pytest.raises(ValidationError, match="この架電で完了する予定"):
        log_outcome(fresh_db, company_id, "connected", at=NOW, hypothesis_results={later: "missed"})
    with pytest.raises(ValidationError, match="当たり・外れ・不明"):
        log_outcome(fresh_db, company_id, "connected", at=NOW, hypothesis_results={later: "maybe"})
    assert fresh_db.execute("SELECT COUNT(*) FROM touches").fetchone()[0] == 0
    assert get_plan(fresh_db, later).status == "open"


def test_the_plan_a_call_puts_to_the_test(fresh_db):
    company_id = add_company(fresh_db)
    _plan_due_today(fresh_db, company_id, hypothesis="不在のため改めて架電", template=None)  # a rule's
    _plan_due_today(fresh_db, company_id, hypothesis="資料を送った", kind="email")
    _plan_due_today(fresh_db, company_id, due="2026-11-27")  # not due yet
    tested = _plan_due_today(fresh_db, company_id, hypothesis="人事異動の後", due="2026-11-19")
    plans = open_plans(fresh_db, company_id)
    assert hy.plan_to_judge(plans, TODAY).id == tested
    assert hy.plan_to_judge(plans, date(2026, 11, 18)) is None
