"""Who made it, for meetings: a meeting made by hand is the current caller's, the field's feedback adds a
touch of the meeting's caller and a follow-up plan of whoever entered it, and the brief names the caller."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from models.accounts.companies import create_company
from models.meetings import feedback
from models.meetings.briefs import gather_brief
from models.meetings.meetings import create_meeting
from models.planning.plans import get_plan
from models.planning.touches import get_touch
from models.store.settings import set_caller_name

GENERATED_AT = datetime(2025, 1, 14, 18, 0, tzinfo=timezone(timedelta(hours=9)))


def test_a_meeting_made_by_hand_is_the_current_callers(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社みなと精機"})
    set_caller_name(fresh_db, "高橋 由美")
    made = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-15 10:00"})
    assert made.caller == "高橋 由美"
    named = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-16 10:00", "caller": "鈴木"})
    assert named.caller == "鈴木"  # a name given with the values is kept
    set_caller_name(fresh_db, "佐藤 健")
    assert gather_brief(fresh_db, made.id, GENERATED_AT).header.caller == "高橋 由美"


def test_feedback_touch_and_follow_up_plan_record_their_callers(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社みなと精機", "status": "appointment"})
    set_caller_name(fresh_db, "高橋 由美")
    made = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-15 10:00"})
    set_caller_name(fresh_db, "佐藤 健")  # a colleague enters the field's feedback
    done = feedback.record_feedback(fresh_db, made.id, "ongoing", next_step="見積提示",
                                    plan_due="2025-01-22", at="2025-01-15T18:00:00+09:00")
    assert get_touch(fresh_db, done.touch_id).caller == "高橋 由美"  # the meeting's, who won it
    assert get_plan(fresh_db, done.plan_id).caller == "佐藤 健"  # who planned the follow-up


def test_feedback_on_a_meeting_without_a_caller_names_the_current_one(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社みなと精機", "status": "appointment"})
    made = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-15 10:00"})
    assert made.caller is None
    set_caller_name(fresh_db, "佐藤 健")
    done = feedback.record_feedback(fresh_db, made.id, "won", at="2025-01-15T18:00:00+09:00")
    assert get_touch(fresh_db, done.touch_id).caller == "佐藤 健"
