"""Lead-time figures on a hand-built history whose answers are known."""

from __future__ import annotations

from datetime import date

import pytest

from models.kpi.leadtime import lead_time, silent_accounts
from models.planning.calendar import CalendarRules, save_calendar
from models.store.db import stamp, writing
from models.store.errors import ValidationError
from tests.models.call_helpers import add_company

TODAY = date(2026, 11, 20)


def _plan(db, company_id, due, status="done", done_at=None):
    with writing(db):
        return db.table("plans").insert(stamp({
            "company_id": company_id, "due": due, "status": status, "done_at": done_at,
        })).last_pk


@pytest.fixture
def history(fresh_db):
    a = add_company(fresh_db, "青葉")
    b = add_company(fresh_db, "東洋")
    ids = {
        "on_day": _plan(fresh_db, a, "2026-11-02", done_at="2026-11-02T10:00:00+09:00"),
        "early": _plan(fresh_db, a, "2026-11-04", done_at="2026-11-03T17:00:00+09:00"),
        "late1": _plan(fresh_db, b, "2026-11-05", done_at="2026-11-06T09:00:00+09:00"),
        "late4": _plan(fresh_db, b, "2026-11-06", done_at="2026-11-10T11:00:00+09:00"),
        "timed": _plan(fresh_db, a, "2026-11-09T14:00:00+09:00", done_at="2026-11-09T14:05:00+09:00"),
        "open_overdue": _plan(fresh_db, b, "2026-11-10", status="open"),
        "skipped": _plan(fresh_db, b, "2026-11-11", status="skipped", done_at="2026-11-11T09:00:00+09:00"),
        "late7": _plan(fresh_db, a, "2026-11-12", done_at="2026-11-19T10:00:00+09:00"),
        "outside": _plan(fresh_db, a, "2026-11-16", done_at="2026-11-16T10:00:00+09:00"),
        "not_due_yet": _plan(fresh_db, a, "2026-11-13", status="open"),
    }
    return fresh_db, ids


def test_lead_time_figures(history):
    db, ids = history
    figures = lead_time(db, date(2026, 11, 2), date(2026, 11, 13), today=date(2026, 11, 12))
    # Seen on 11/12: the open plan due 11/10 is overdue and counts; the one due 11/13 is not due yet.
    counted = {p.plan_id for p in figures.plans}
    names = ("on_day", "early", "late1", "late4", "timed", "open_overdue", "late7")
    assert counted == {ids[k] for k in names}


def test_lead_time_known_answers(history):
    db, ids = history
    figures = lead_time(db, date(2026, 11, 2), date(2026, 11, 13), today=TODAY)
    # not_due_yet (11/13) is overdue by today (11/20): 8 plans counted.
    assert len(figures.plans) == 8
    assert {p.plan_id for p in figures.on_time} == {ids["on_day"], ids["early"], ids["timed"]}
    assert figures.on_time_share == pytest.approx(3 / 8)
    # Delays in business days (late4 and late7 are 4 and 7 calendar days): done 0, 0, 1, 2, 0, 5
    # → median 0.5; 90th percentile (nearest rank 6 of 6) 5.
    assert figures.median_delay == 0.5
    assert figures.p90_delay == 5
    assert [(p.plan_id, p.delay_days) for p in figures.late] == [
        (ids["open_overdue"], 8), (ids["late7"], 5), (ids["not_due_yet"], 5), (ids["late4"], 2),
        (ids["late1"], 1)]
    assert {p.company_name for p in figures.late} == {"青葉", "東洋"}


@pytest.mark.parametrize(("due", "done_at", "delay"), [
    ("2026-11-13", "2026-11-16T10:00:00+09:00", 1),  # Friday → Monday: 1 business day, not 3
    ("2026-11-20", "2026-11-24T10:00:00+09:00", 1),  # Friday → Tuesday over 勤労感謝の日 (Monday)
    ("2026-11-20", "2026-11-25T10:00:00+09:00", 2),
    ("2026-11-13", "2026-11-14T10:00:00+09:00", 1),  # done on Saturday: after its day, so late
    ("2026-11-21", "2026-11-24T09:30:00+09:00", 1),  # due on a Saturday, done on the next business day
    ("2026-12-28", "2027-01-04T10:00:00+09:00", 1),  # over 年末年始 (closure days)
    ("2026-11-16T15:00:00+09:00", "2026-11-16T17:00:00+09:00", 0),  # later the same day: on time
])
def test_delays_count_business_days(fresh_db, due, done_at, delay):
    _plan(fresh_db, add_company(fresh_db, "青葉"), due, done_at=done_at)
    [plan] = lead_time(fresh_db, date(2026, 11, 1), date(2026, 12, 31), today=date(2027, 2, 1)).plans
    assert plan.delay_days == delay


def test_an_open_plan_is_late_by_the_business_days_until_today_and_closures_come_from_settings(fresh_db):
    company = add_company(fresh_db, "東洋")
    _plan(fresh_db, company, "2026-11-13", status="open")  # Friday
    [plan] = lead_time(fresh_db, date(2026, 11, 1), date(2026, 11, 30), today=date(2026, 11, 16)).plans
    assert plan.delay_days == 1
    # A closure day on Monday 16 November: Monday no longer counts, Tuesday does.
    save_calendar(fresh_db, CalendarRules(closures=(("11-16", "11-16"),)))
    assert lead_time(fresh_db, date(2026, 11, 1), date(2026, 11, 30), today=date(2026, 11, 17)).plans[
        0].delay_days == 1
    assert lead_time(fresh_db, date(2026, 11, 1), date(2026, 11, 30), today=date(2026, 11, 18)).plans[
        0].delay_days == 2


def test_lead_time_of_an_empty_period_and_bad_input(fresh_db):
    figures = lead_time(fresh_db, date(2026, 1, 1), date(2026, 1, 31), today=TODAY)
    assert figures.plans == () and figures.on_time_share is None
    assert figures.median_delay is None and figures.p90_delay is None
    with pytest.raises(ValidationError, match="終了日"):
        lead_time(fresh_db, date(2026, 2, 1), date(2026, 1, 31))


def test_silent_accounts(fresh_db):
    def company(name, status, last):
        return add_company(fresh_db, name, status=status, last_touch_at=last)

    long_silent = company("五十日", "nurturing", "2026-10-01T10:00:00+09:00")
    company("十日", "in_progress", "2026-11-10T10:00:00+09:00")
    exactly = company("三十日", "nurturing", "2026-10-21T18:00:00+09:00")
    company("二十九日", "nurturing", "2026-10-22T09:00:00+09:00")
    never = company("未接触", "in_progress", None)
    planned = company("予定あり", "nurturing", "2026-09-01T10:00:00+09:00")
    _plan(fresh_db, planned, "2027-01-10", status="open")
    company("顧客", "customer", "2026-01-01T10:00:00+09:00")
    rows = silent_accounts(fresh_db, TODAY, 30)
    assert [(r.company_id, r.silent_days) for r in rows] == [(never, None), (long_silent, 50), (exactly, 30)]
    assert [r.company_name for r in silent_accounts(fresh_db, TODAY, 45)] == ["未接触", "五十日"]
    assert len(silent_accounts(fresh_db, TODAY, 30, limit=1)) == 1
    for bad in (0, -3, "30", True):
        with pytest.raises(ValidationError, match="1 以上"):
            silent_accounts(fresh_db, TODAY, bad)
