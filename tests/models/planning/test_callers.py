"""Who made it: every touch, plan and meeting a write creates records the caller named in the settings at
that moment (the caller_name setting), and keeps it when the setting changes later."""

from __future__ import annotations

from datetime import date, datetime

from models.planning.cadences import StepSpec, create_cadence, expand_cadence
from models.planning.plan_form import save_plan
from models.planning.plans import create_plan, get_plan
from models.planning.touches import get_touch, log_outcome
from models.store.settings import current_caller, set_caller_name
from tests.models.call_helpers import JST, NOW, add_company


def _meeting_caller(db, meeting_id) -> str | None:
    return db.execute("SELECT caller FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]


def test_before_a_name_is_given_nothing_is_recorded(fresh_db):
    company_id = add_company(fresh_db)
    assert current_caller(fresh_db) is None
    logged = log_outcome(fresh_db, company_id, "not_available", at=NOW)
    assert get_touch(fresh_db, logged.touch_id).caller is None
    assert get_plan(fresh_db, logged.plan_id).caller is None


def test_a_logged_outcome_records_the_caller_on_its_touch_next_plan_and_meeting(fresh_db):
    company_id = add_company(fresh_db, "株式会社アクメ")
    set_caller_name(fresh_db, " 高橋　由美 ")
    assert current_caller(fresh_db) == "高橋 由美"
    called = log_outcome(fresh_db, company_id, "not_available", at=NOW)
    assert get_touch(fresh_db, called.touch_id).caller == "高橋 由美"
    assert get_plan(fresh_db, called.plan_id).caller == "高橋 由美"  # the disposition's next plan
    won = log_outcome(fresh_db, company_id, "appointment", at=NOW, meeting={
        "starts_at": datetime(2026, 12, 3, 14, 0, tzinfo=JST), "place": "先方本社"})
    assert get_touch(fresh_db, won.touch_id).caller == "高橋 由美"
    assert _meeting_caller(fresh_db, won.meeting_id) == "高橋 由美"
    # A name given by the writer wins over the setting; a later change of the setting rewrites nothing.
    other = log_outcome(fresh_db, company_id, "not_available", at=NOW, caller="鈴木")
    assert (get_touch(fresh_db, other.touch_id).caller, get_plan(fresh_db, other.plan_id).caller) == (
        "鈴木", "鈴木")
    set_caller_name(fresh_db, "佐藤 健")
    assert get_touch(fresh_db, called.touch_id).caller == "高橋 由美"


def test_plans_made_by_hand_by_the_form_and_by_a_cadence_record_the_caller(fresh_db):
    company_id = add_company(fresh_db)
    set_caller_name(fresh_db, "高橋 由美")
    assert create_plan(fresh_db, company_id, date(2026, 12, 1)).caller == "高橋 由美"
    formed = save_plan(fresh_db, company_id, date(2026, 12, 2), hypothesis="予算策定前",
                       today=date(2026, 11, 20))
    assert formed.caller == "高橋 由美"
    set_caller_name(fresh_db, "佐藤 健")
    # Editing a plan keeps who made it.
    assert save_plan(fresh_db, company_id, date(2026, 12, 3), plan_id=formed.id,
                     today=date(2026, 11, 20)).caller == "高橋 由美"
    cadence = create_cadence(fresh_db, "新規", [StepSpec(0, "business_days"), StepSpec(3, "business_days")])
    expand_cadence(fresh_db, cadence.id, [company_id], date(2026, 11, 20))
    callers = fresh_db.execute("SELECT caller FROM plans WHERE source = 'cadence'").fetchall()
    assert callers == [("佐藤 健",), ("佐藤 健",)]
