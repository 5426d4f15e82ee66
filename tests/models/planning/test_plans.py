"""Plans: create, list the open ones, complete, skip, reschedule; how a due is stored."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models.planning.plans import (
    complete_plan,
    create_plan,
    due_day,
    due_text,
    has_time,
    open_plans,
    parse_due,
    reschedule_plan,
    skip_plan,
)
from models.store.errors import NotFound, ValidationError
from tests.models.call_helpers import JST, add_company


def test_due_is_stored_as_a_date_or_a_datetime_with_offset():
    assert due_text(date(2026, 12, 1)) == "2026-12-01"
    assert due_text(datetime(2026, 12, 1, 14, 30, tzinfo=JST)) == "2026-12-01T14:30:00+09:00"
    assert due_text(" 2026-12-01 ") == "2026-12-01"
    naive = due_text(datetime(2026, 12, 1, 14, 30))
    assert naive.startswith("2026-12-01T14:30:00") and len(naive) == 25  # the local offset is added
    assert parse_due("2026-12-01") == date(2026, 12, 1)
    assert parse_due("2026-12-01T14:30:00+09:00") == datetime(2026, 12, 1, 14, 30, tzinfo=JST)
    assert due_day("2026-12-01T14:30:00+09:00") == date(2026, 12, 1)
    assert has_time("2026-12-01T14:30:00+09:00") and not has_time(date(2026, 12, 1))
    with pytest.raises(ValidationError, match="予定日"):
        due_text("来週くらい")


def test_create_list_complete_skip_reschedule(fresh_db):
    company_id = add_company(fresh_db)
    later = create_plan(fresh_db, company_id, date(2026, 12, 15), hypothesis="  年末の予算確認  ")
    sooner = create_plan(fresh_db, company_id, datetime(2026, 12, 1, 10, 0, tzinfo=JST), source="rule")
    assert later.hypothesis == "年末の予算確認" and later.status == "open" and later.source == "manual"
    assert [plan.id for plan in open_plans(fresh_db, company_id)] == [sooner.id, later.id]
    moved = reschedule_plan(fresh_db, later.id, "2026-11-30")
    assert moved.due == "2026-11-30"
    assert [plan.id for plan in open_plans(fresh_db, company_id)] == [moved.id, sooner.id]
    done = complete_plan(fresh_db, sooner.id, at="2026-12-01T10:05:00+09:00")
    assert (done.status, done.done_at, done.done_touch_id) == ("done", "2026-12-01T10:05:00+09:00", None)
    skipped = skip_plan(fresh_db, moved.id, "先方の組織変更のため見送り")
    assert skipped.status == "skipped" and skipped.skip_reason == "先方の組織変更のため見送り"
    assert open_plans(fresh_db, company_id) == []
    with pytest.raises(ValidationError, match="すでに完了または見送り"):
        reschedule_plan(fresh_db, moved.id, "2027-01-10")


def test_bad_input(fresh_db):
    company_id = add_company(fresh_db)
    with pytest.raises(NotFound):
        create_plan(fresh_db, 9999, date(2026, 12, 1))
    with pytest.raises(ValidationError, match="種類"):
        create_plan(fresh_db, company_id, date(2026, 12, 1), kind="fax")
    with pytest.raises(ValidationError, match="作成元"):
        create_plan(fresh_db, company_id, date(2026, 12, 1), source="robot")
    with pytest.raises(NotFound):
        complete_plan(fresh_db, 9999)
