"""The timeline as plain data: items in a range, lanes, positions, lateness; the paper strip; the edits."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from models.planning.calendar import CalendarRules
from models.planning.plans import create_plan, get_plan
from models.planning.timeline import load_timeline, strip_for_paper, timeline_extent, timeline_lanes
from models.planning.timeline_edits import (
    complete_with_result,
    delete_plan,
    move_plan_to_day,
    reopen_plan,
    skip_with_reason,
    snap_due,
)
from models.planning.timeline_samples import sample_account
from models.planning.touches import log_outcome
from models.store.db import stamp, writing
from models.store.errors import ValidationError
from tests.models.call_helpers import JST, NOW, add_company, add_contact


def add_touch(db, company_id, at, outcome="not_available", contact_id=None, note=None, kind="call"):
    with writing(db):
        return db.table("touches").insert(stamp({
            "company_id": company_id, "contact_id": contact_id, "kind": kind, "at": at, "outcome": outcome,
            "note": note})).last_pk


def test_items_carry_kind_person_outcome_hypothesis_note_and_lane(fresh_db):
    company = add_company(fresh_db)
    hr = add_contact(fresh_db, company, "佐藤 恵子", "hr")
    add_touch(fresh_db, company, "2026-11-02T10:00:00+09:00", "connected", hr, "来期の計画は1月に固まる。")
    add_touch(fresh_db, company, "2026-11-05T11:00:00+09:00", "gatekeeper_block", None, kind="call")
    plan = create_plan(fresh_db, company, date(2026, 12, 3), kind="email", contact_id=hr,
                       hypothesis="予算取りの前に事例を送る")
    timeline = load_timeline(fresh_db, company, date(2026, 10, 1), date(2027, 1, 1), now=NOW)

    assert [lane.label for lane in timeline.lanes] == ["佐藤 恵子", "担当者未設定"]
    assert timeline.lanes[0].detail == "人事"
    connected, blocked, planned = timeline.items
    shown = (connected.kind_label, connected.person, connected.outcome_label, connected.note, connected.lane)
    assert shown == (
        "架電", "佐藤 恵子", "担当者接続", "来期の計画は1月に固まる。", 0)
    assert (blocked.person, blocked.lane, blocked.summary) == (None, 1, "受付ブロック")
    assert (planned.key, planned.kind_label, planned.status_label, planned.summary, planned.lane) == (
        ("plan", plan.id), "メール", "予定", "予算取りの前に事例を送る", 0)
    assert not planned.timed and planned.overdue_days == 0
    # Positions are fractions of the range, in time order, with now between past and future.
    assert 0 < connected.position < blocked.position < timeline.now_position < planned.position < 1
    assert timeline.position(timeline.start) == 0 and timeline.position(timeline.end) == 1


def test_one_lane_when_asked_and_english_labels(fresh_db):
    company = add_company(fresh_db)
    contact = add_contact(fresh_db, company, "佐藤 恵子", "hr")
    add_touch(fresh_db, company, "2026-11-02T10:00:00+09:00", "connected", contact)
    timeline = load_timeline(fresh_db, company, date(2026, 11, 1), date(2026, 12, 1), per_contact=False,
                             now=NOW, language="en")
    assert [lane.label for lane in timeline.lanes] == ["All contacts"]
    assert timeline.items[0].lane == 0 and timeline.items[0].outcome_label == "Connected"


def test_lane_says_when_a_person_has_left(fresh_db):
    company = add_company(fresh_db)
    contact = add_contact(fresh_db, company, "佐藤 恵子", "hr")
    fresh_db.table("contacts").update(contact, {"employment": "left"})
    assert timeline_lanes(fresh_db, company)[0].detail == "人事・退職"


def test_only_the_range_is_read(fresh_db):
    company = add_company(fresh_db)
    for day in range(1, 29):
        add_touch(fresh_db, company, f"2026-02-{day:02d}T10:00:00+09:00")
    timeline = load_timeline(fresh_db, company, date(2026, 2, 10), date(2026, 2, 13), now=NOW)
    assert [item.when.day for item in timeline.items] == [10, 11, 12]
    plan = fresh_db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM touches WHERE company_id = ? AND at >= ? AND at < ?", [1, "a", "b"]
    ).fetchall()
    assert "touches_company_at" in str(plan)


def test_done_late_skipped_and_overdue_plans(fresh_db):
    company = add_company(fresh_db)
    late = create_plan(fresh_db, company, date(2026, 11, 2), hypothesis="決算前")
    complete_with_result(fresh_db, late.id, "held", at="2026-11-06T15:00:00+09:00")
    skipped = create_plan(fresh_db, company, date(2026, 11, 4))
    skip_with_reason(fresh_db, skipped.id, "担当者が退職")
    overdue = create_plan(fresh_db, company, date(2026, 11, 17))
    timeline = load_timeline(fresh_db, company, date(2026, 11, 1), date(2026, 12, 1), now=NOW)
    by_id = {item.id: item for item in timeline.items}
    assert (by_id[late.id].status, by_id[late.id].late_days, by_id[late.id].hypothesis_result_label) == (
        "done", 4, "当たり")
    assert (by_id[skipped.id].status_label, by_id[skipped.id].skip_reason) == ("見送り", "担当者が退職")
    assert by_id[overdue.id].overdue_days == 3


def test_extent_and_an_empty_account(fresh_db):
    company = add_company(fresh_db)
    assert timeline_extent(fresh_db, company).first is None
    timeline = load_timeline(fresh_db, company, date(2026, 1, 1), date(2026, 2, 1), now=NOW)
    assert timeline.items == () and [lane.label for lane in timeline.lanes] == ["担当者未設定"]
    add_touch(fresh_db, company, "2025-03-03T10:00:00+09:00")
    create_plan(fresh_db, company, date(2027, 5, 6))
    extent = timeline_extent(fresh_db, company)
    assert extent.first.date() == date(2025, 3, 3) and extent.last.date() == date(2027, 5, 6)


def test_paper_strip_keeps_a_fixed_number_nearest_the_centre(fresh_db):
    company = sample_account(fresh_db, touches=300, plans=30, now=NOW)
    strip = strip_for_paper(fresh_db, company, NOW, now=NOW, max_items=20)
    assert len(strip.items) == 20 and strip.omitted > 0
    assert [lane.label for lane in strip.lanes] == ["すべての担当者"]
    assert strip.start.date() == date(2026, 5, 20) and strip.end.date() == date(2027, 5, 20)
    assert all(0 <= item.position <= 1 for item in strip.items)
    assert any(item.when > NOW for item in strip.items) and any(item.when < NOW for item in strip.items)
    small = strip_for_paper(fresh_db, sample_account(fresh_db, touches=5, plans=3, now=NOW, name="小"), NOW,
                            now=NOW)
    assert small.omitted == 0 and len(small.items) <= 8


# -- edits ------------------------------------------------------------------------------------------

def test_a_dropped_plan_snaps_to_a_business_day_and_a_call_window():
    rules = CalendarRules()
    # Saturday 21 November 2026 → Monday 23rd is 勤労感謝の日 → Tuesday 24th.
    assert snap_due("2026-11-18", date(2026, 11, 21), rules) == date(2026, 11, 24)
    assert snap_due("2026-11-18", date(2026, 11, 25), rules) == date(2026, 11, 25)
    # A timed plan keeps its time when it is in a window, else moves to the next window's start
    # (on the next business day when dropped on a day off: Saturday 12:30 → Tuesday 13:00).
    assert snap_due("2026-11-18T10:30:00+09:00", date(2026, 11, 25), rules) == datetime(
        2026, 11, 25, 10, 30, tzinfo=JST)
    assert snap_due("2026-11-18T12:30:00+09:00", date(2026, 11, 21), rules) == datetime(
        2026, 11, 24, 13, 0, tzinfo=JST)
    assert snap_due("2026-11-18T10:30:00+09:00", date(2026, 11, 21), rules) == datetime(
        2026, 11, 24, 10, 30, tzinfo=JST)
    assert snap_due("2026-11-18T12:30:00+09:00", date(2026, 11, 25), rules) == datetime(
        2026, 11, 25, 13, 0, tzinfo=JST)


def test_move_complete_skip_reopen_delete(fresh_db):
    company = add_company(fresh_db)
    plan = create_plan(fresh_db, company, date(2026, 12, 1), hypothesis="年末")
    assert move_plan_to_day(fresh_db, plan.id, date(2026, 12, 26)).due == "2026-12-28"
    assert complete_with_result(fresh_db, plan.id, "missed").hypothesis_result == "missed"
    with pytest.raises(ValidationError, match="すでに完了"):
        move_plan_to_day(fresh_db, plan.id, date(2027, 1, 5))
    reopened = reopen_plan(fresh_db, plan.id)
    assert (reopened.status, reopened.hypothesis_result, reopened.done_at) == ("open", None, None)
    with pytest.raises(ValidationError, match="理由"):
        skip_with_reason(fresh_db, plan.id, "  ")
    assert skip_with_reason(fresh_db, plan.id, "優先度が下がった").skip_reason == "優先度が下がった"
    with pytest.raises(ValidationError, match="仮説の結果"):
        complete_with_result(fresh_db, plan.id, "maybe")
    delete_plan(fresh_db, plan.id)
    assert fresh_db.execute("SELECT count(*) FROM plans").fetchone()[0] == 0


def test_a_refused_completion_changes_nothing(fresh_db):
    company = add_company(fresh_db)
    plan = create_plan(fresh_db, company, date(2026, 12, 1))
    skip_with_reason(fresh_db, plan.id, "重複")
    with pytest.raises(ValidationError):
        complete_with_result(fresh_db, plan.id, "held")
    assert get_plan(fresh_db, plan.id).hypothesis_result is None


def test_a_logged_call_appears_and_closes_its_plan(fresh_db):
    company = add_company(fresh_db)
    plan = create_plan(fresh_db, company, date(2026, 11, 18))
    log_outcome(fresh_db, company, "not_available", at=NOW)
    timeline = load_timeline(fresh_db, company, NOW - timedelta(days=7), NOW + timedelta(days=7), now=NOW)
    kinds = {(item.source, item.status) for item in timeline.items}
    assert ("touch", "touch") in kinds and ("plan", "open") in kinds
    done = next(item for item in timeline.items if item.id == plan.id)
    assert done.status == "done" and done.late_days == 2


def test_an_upcoming_meeting_is_on_the_timeline_until_its_feedback_makes_it_a_touch(fresh_db):
    from models.meetings.feedback import record_feedback
    from models.meetings.meetings import create_meeting

    company = add_company(fresh_db)
    field = add_contact(fresh_db, company, "鈴木 健一", "field")
    meeting = create_meeting(fresh_db, company, {"starts_at": "2026-12-10T14:00:00+09:00", "purpose": "デモ",
                                                  "field_rep": "山本 大輔"}, attendee_ids=[field])
    create_meeting(fresh_db, company, {"starts_at": "2026-12-20T10:00:00+09:00", "status": "cancelled"})
    timeline = load_timeline(fresh_db, company, date(2026, 10, 1), date(2027, 1, 1), now=NOW)
    [item] = timeline.items
    shown = (item.key, item.kind_label, item.status_label, item.summary, item.person, item.lane)
    assert shown == (("meeting", meeting.id), "商談", "予定", "デモ", "鈴木 健一", 0)
    assert item.field_rep == "山本 大輔"
    assert item.is_meeting and not item.is_plan and timeline.now_position < item.position < 1
    assert timeline_extent(fresh_db, company).last.date() == date(2026, 12, 10)
    paper = strip_for_paper(fresh_db, company, NOW, now=NOW)
    assert [i.key for i in paper.items] == [("meeting", meeting.id)]

    record_feedback(fresh_db, meeting.id, "won", at="2026-12-10T18:00:00+09:00")
    [held] = load_timeline(fresh_db, company, date(2026, 10, 1), date(2027, 1, 1), now=NOW).items
    assert (held.source, held.kind) == ("touch", "meeting")  # the same meeting, once
