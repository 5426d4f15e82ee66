"""The field's feedback: meeting outcome, account status, plan, timeline touch, undo."""

from __future__ import annotations

from datetime import date

import pytest

from models.accounts.companies import create_company, create_contact, get_company
from models.meetings import feedback
from models.meetings.meetings import create_meeting, get_meeting
from models.planning.plans import open_plans
from models.planning.touches import list_touches
from models.store.errors import NotFound, ValidationError


@pytest.fixture
def meeting(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社みなと精機", "status": "appointment"})
    boss = create_contact(fresh_db, company.id, {"name": "山田 太郎", "role": "decision_maker"})
    made = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-15 10:00", "caller": "高橋"},
                          attendee_ids=[boss.id])
    return fresh_db, made


def test_won_makes_a_customer_and_a_meeting_touch(meeting):
    db, made = meeting
    done = feedback.record_feedback(db, made.id, "won", reason="価格", note="即決", next_step="キックオフ",
                                    brief_difference="決裁者は社長だった", at="2025-01-16T18:00:00+09:00")
    stored = get_meeting(db, made.id)
    assert (stored.status, stored.outcome, stored.outcome_reason) == ("held", "won", "price")
    assert stored.brief_difference == "決裁者は社長だった" and stored.feedback_at.startswith("2025-01-16")
    assert get_company(db, made.company_id).status == "customer"
    touch = list_touches(db, made.company_id)[0]
    assert touch.kind == "meeting" and touch.at == stored.starts_at and touch.reached_decision_maker == 1
    assert touch.note.splitlines()[0] == "商談結果: 受注（価格）"
    assert "事前情報との違い: 決裁者は社長だった" in touch.note
    assert done.plan_id is None


@pytest.mark.parametrize("outcome", ["lost", "postponed"])
def test_lost_or_postponed_nurtures_and_requires_a_plan(meeting, outcome):
    db, made = meeting
    with pytest.raises(ValidationError, match="仮説"):
        feedback.record_feedback(db, made.id, outcome, reason="時期", plan_due=date(2025, 4, 1))
    assert get_meeting(db, made.id).outcome is None  # nothing written
    feedback.record_feedback(db, made.id, outcome, reason="時期", plan_due=date(2025, 4, 1),
                             plan_hypothesis="4月の新年度予算で再検討")
    assert get_company(db, made.company_id).status == "nurturing"
    [plan] = open_plans(db, made.company_id)
    assert (plan.due, plan.hypothesis) == ("2025-04-01", "4月の新年度予算で再検討")


def test_ongoing_needs_a_follow_up_date(meeting):
    db, made = meeting
    with pytest.raises(ValidationError, match="予定日"):
        feedback.record_feedback(db, made.id, "ongoing")
    feedback.record_feedback(db, made.id, "ongoing", next_step="見積り提出", plan_due="2025-01-22")
    [plan] = open_plans(db, made.company_id)
    assert plan.hypothesis == "見積り提出"
    assert get_company(db, made.company_id).status == "appointment"


def test_cancelled_is_not_held_and_entering_again_replaces_the_touch(meeting):
    db, made = meeting
    feedback.record_feedback(db, made.id, "cancelled", note="先方都合", at="2025-01-14T09:00:00+09:00")
    assert get_meeting(db, made.id).status == "cancelled"
    assert get_company(db, made.company_id).status == "in_progress"
    assert [t.kind for t in list_touches(db, made.company_id)] == ["other"]
    feedback.record_feedback(db, made.id, "won", at="2025-01-16T09:00:00+09:00")
    assert [t.kind for t in list_touches(db, made.company_id)] == ["meeting"]


def test_a_customer_stays_a_customer(meeting):
    db, made = meeting
    db.execute("UPDATE companies SET status = 'customer' WHERE id = ?", [made.company_id])
    feedback.record_feedback(db, made.id, "lost", reason="価格", plan_due="2025-06-01",
                             plan_hypothesis="更新前")
    assert get_company(db, made.company_id).status == "customer"


def test_undo_puts_everything_back(meeting):
    db, made = meeting
    before = get_meeting(db, made.id)
    done = feedback.record_feedback(db, made.id, "lost", reason="予算が凍結", plan_due="2025-04-01",
                                    plan_hypothesis="新年度")
    assert "予算が凍結" in feedback.reason_choices(db)  # a new reason joins the pick list
    feedback.undo_feedback(db, done)
    assert get_meeting(db, made.id) == before
    assert get_company(db, made.company_id).status == "appointment"
    assert list_touches(db, made.company_id) == [] and open_plans(db, made.company_id) == []


def test_bad_input(meeting):
    db, made = meeting
    with pytest.raises(ValidationError, match="不明な商談結果"):
        feedback.record_feedback(db, made.id, "maybe")
    with pytest.raises(NotFound):
        feedback.record_feedback(db, 999, "won")
    with pytest.raises(ValidationError, match="予定日"):
        feedback.record_feedback(db, made.id, "ongoing", plan_due="来週")
    with pytest.raises(ValidationError):
        feedback.set_reason_choices(db, ["  ", ""])
    assert feedback.set_reason_choices(db, ["価格", "価格", " 時期 "]).reasons == ["価格", "時期"]


# -- the rules of the issue "Briefs, feedback and reviews": no default, reasons, timing, changing ---------

def test_an_outcome_must_be_chosen(meeting):
    db, made = meeting
    for nothing in (None, ""):
        with pytest.raises(ValidationError, match="商談結果"):
            feedback.record_feedback(db, made.id, nothing)
    assert get_meeting(db, made.id).outcome is None


@pytest.mark.parametrize("outcome", ["lost", "postponed"])
def test_lost_and_postponed_need_a_reason(meeting, outcome):
    db, made = meeting
    for blank in (None, "  "):
        with pytest.raises(ValidationError, match="理由"):
            feedback.record_feedback(db, made.id, outcome, reason=blank, plan_due="2025-04-01",
                                     plan_hypothesis="新年度")
    assert get_meeting(db, made.id).outcome is None and open_plans(db, made.company_id) == []


def test_feedback_before_the_meeting_is_refused_unless_confirmed(meeting):
    db, made = meeting  # 2025-01-15 10:00
    before = "2025-01-15T09:30:00+09:00"
    assert feedback.not_held_yet(made, "won", before) and not feedback.not_held_yet(made, "cancelled", before)
    with pytest.raises(feedback.NotHeldYet, match="2025/01/15 10:00 の予定で、まだ行われていません"):
        feedback.record_feedback(db, made.id, "won", at=before)
    assert get_meeting(db, made.id).outcome is None
    feedback.record_feedback(db, made.id, "won", at=before, early=True)  # confirmed by the person
    assert get_meeting(db, made.id).outcome == "won"
    feedback.record_feedback(db, made.id, "cancelled", at="2025-01-14T09:00:00+09:00")  # called off ahead
    assert get_meeting(db, made.id).status == "cancelled"


def test_changing_lost_to_won_takes_back_the_nurture_plan_and_undo_restores_it(meeting):
    db, made = meeting
    feedback.record_feedback(db, made.id, "lost", reason="価格", plan_due="2025-06-01",
                             plan_hypothesis="予算化", at="2025-01-15T18:00:00+09:00")
    [nurture] = open_plans(db, made.company_id)
    assert get_company(db, made.company_id).status == "nurturing"
    changed = feedback.record_feedback(db, made.id, "won", order_amount="300万",
                                       at="2025-01-16T09:00:00+09:00")
    assert open_plans(db, made.company_id) == []  # a customer is out of the call queue
    assert get_company(db, made.company_id).status == "customer"
    assert [t.kind for t in list_touches(db, made.company_id)] == ["meeting"]  # still one touch
    feedback.undo_feedback(db, changed)
    assert open_plans(db, made.company_id) == [nurture]
    assert get_company(db, made.company_id).status == "nurturing"
    assert get_meeting(db, made.id).outcome == "lost"


def test_changing_won_to_lost_ends_a_customer_only_this_meeting_made(meeting):
    db, made = meeting
    feedback.record_feedback(db, made.id, "won", at="2025-01-15T18:00:00+09:00")
    assert get_company(db, made.company_id).status == "customer"
    feedback.record_feedback(db, made.id, "lost", reason="競合", plan_due="2025-09-01",
                             plan_hypothesis="更新時期", at="2025-01-16T09:00:00+09:00")
    assert get_company(db, made.company_id).status == "nurturing"
    # With another meeting won, the account stays a customer whatever this one's outcome becomes.
    other = create_meeting(db, made.company_id, {"starts_at": "2024-12-01 10:00"})
    feedback.record_feedback(db, other.id, "won", at="2024-12-01T18:00:00+09:00")
    feedback.record_feedback(db, made.id, "won", at="2025-01-16T10:00:00+09:00")
    feedback.record_feedback(db, made.id, "lost", reason="競合", plan_due="2025-09-01",
                             plan_hypothesis="更新時期", at="2025-01-16T11:00:00+09:00")
    assert get_company(db, made.company_id).status == "customer"


def test_the_order_amount_for_won_and_the_expected_amount_for_ongoing(meeting):
    db, made = meeting
    feedback.record_feedback(db, made.id, "ongoing", plan_due="2025-02-01", expected_amount="1,500,000",
                             order_amount="999", at="2025-01-15T18:00:00+09:00")
    stored = get_meeting(db, made.id)
    assert (stored.expected_amount, stored.order_amount) == (1_500_000, None)
    assert "見込み額: 1,500,000円" in list_touches(db, made.company_id)[0].note
    feedback.record_feedback(db, made.id, "won", order_amount="120万", expected_amount="5",
                             at="2025-01-16T09:00:00+09:00")
    stored = get_meeting(db, made.id)
    assert (stored.order_amount, stored.expected_amount) == (1_200_000, None)
    assert "受注額: 1,200,000円" in list_touches(db, made.company_id)[0].note
    with pytest.raises(ValidationError, match="見込み額"):
        feedback.record_feedback(db, made.id, "ongoing", plan_due="2025-02-01", expected_amount="たくさん")
