"""Cadences: CRUD, the shipped defaults, expansion with the calendar rules, and the stop rules."""

from __future__ import annotations

from datetime import date

import pytest

from models.planning import cadences
from models.planning.cadences import StepSpec, apply_stop_rules, expand_cadence, step_dates
from models.planning.calendar import DEFAULT_CLOSURES
from models.planning.touches import log_outcome, undo_outcome
from models.store.errors import NotFound, ValidationError
from tests.models.call_helpers import add_company


def _plans(db, company_id):
    return list(db.query("SELECT * FROM plans WHERE company_id = ? ORDER BY due, id", [company_id]))


def _cadence(db, name, *steps, **flags):
    return cadences.create_cadence(db, name, [StepSpec(*step) for step in steps], **flags)


def test_month_steps_clamp_to_the_month_end_then_move_off_weekends(fresh_db):
    cadence = _cadence(fresh_db, "月次", (1, "months"), (3, "months"))
    company_id = add_company(fresh_db)
    # Jan 31 + 1 month = Feb 28 (a Saturday) → Monday Mar 2; Jan 31 + 3 months = Apr 30 (not May 1).
    result = expand_cadence(fresh_db, cadence.id, [company_id], date(2026, 1, 31))
    assert result.plans_created == 2
    assert [p["due"] for p in _plans(fresh_db, company_id)] == ["2026-03-02", "2026-04-30"]


def test_holidays_and_closure_days_are_skipped(fresh_db):
    cadence = _cadence(fresh_db, "GW", (1, "business_days"), (2, "business_days"), (1, "weeks"))
    company_id = add_company(fresh_db)
    expand_cadence(fresh_db, cadence.id, [company_id], date(2026, 4, 29))
    # 4/30 Thu, 5/1 Fri; then 5/2–5/6 (weekend, 憲法記念日, みどりの日, こどもの日, 振替休日): 5/7.
    # One week after 4/29 is 5/6, 振替休日: the next business day, 5/7.
    assert [p["due"] for p in _plans(fresh_db, company_id)] == ["2026-04-30", "2026-05-01", "2026-05-07"]
    # The year-end closure (12-29 → 01-03) is not a business day either.
    assert step_dates([StepSpec(1, "business_days"), StepSpec(2, "business_days")], date(2026, 12, 25),
                      None, DEFAULT_CLOSURES) == [date(2026, 12, 28), date(2027, 1, 4)]


def test_step_zero_is_the_start_day_or_the_next_business_day():
    steps = [StepSpec(0, "business_days")]
    assert step_dates(steps, date(2026, 11, 20), None, DEFAULT_CLOSURES) == [date(2026, 11, 20)]
    # Saturday 21st → Monday 23rd is 勤労感謝の日 → Tuesday 24th.
    assert step_dates(steps, date(2026, 11, 21), None, DEFAULT_CLOSURES) == [date(2026, 11, 24)]


def test_fiscal_year_relative_steps_share_one_year_end(fresh_db):
    defaults = {c.name: c for c in cadences.ensure_default_cadences(fresh_db).cadences}
    fiscal = defaults["決算期アプローチ"]
    september = add_company(fresh_db, "九月決算", fiscal_year_end_month=9)
    march = add_company(fresh_db, "三月決算", fiscal_year_end_month=3)
    unknown = add_company(fresh_db, "決算月不明")
    result = expand_cadence(fresh_db, fiscal.id, [september, march, unknown], date(2026, 4, 1))
    # September year end 2026: 4 months before = May, then June, July; 1 month after = October.
    assert [p["due"] for p in _plans(fresh_db, september)] == [
        "2026-05-01", "2026-06-01", "2026-07-01", "2026-10-01"]
    # March: November 2026 is still ahead, so the year end is March 2027. January starts after the
    # closure days (1/1–1/3) on Monday 1/4; April 1st 2027 is a Thursday.
    assert [p["due"] for p in _plans(fresh_db, march)] == [
        "2026-11-02", "2026-12-01", "2027-01-04", "2027-04-01"]
    assert result.no_fiscal_month == (unknown,)
    assert _plans(fresh_db, unknown) == []
    assert "決算月が未登録の1社" in result.message()
    plans = _plans(fresh_db, september)
    assert {p["source"] for p in plans} == {"cadence"}
    assert {p["cadence_id"] for p in plans} == {fiscal.id}
    assert all(p["cadence_step_id"] for p in plans)
    assert plans[1]["hypothesis"].startswith("決算3ヶ月前")


def test_a_year_end_whose_first_step_has_passed_moves_to_the_next_year():
    steps = [StepSpec(-3, "fiscal_year_end_months"), StepSpec(1, "fiscal_year_end_months")]
    # March year end, 20 Nov 2026: December is still ahead → Dec 2026 and Apr 2027.
    assert step_dates(steps, date(2026, 11, 20), 3, DEFAULT_CLOSURES) == [date(2026, 12, 1), date(2027, 4, 1)]
    # 2 Dec 2026: December's first business day has passed → the next year end (March 2028).
    assert step_dates(steps, date(2026, 12, 2), 3, DEFAULT_CLOSURES) == [date(2027, 12, 1), date(2028, 4, 3)]
    with pytest.raises(ValidationError, match="決算月"):
        step_dates(steps, date(2026, 12, 2), None, DEFAULT_CLOSURES)


def test_closed_and_already_running_accounts_are_skipped_and_counted(fresh_db):
    cadence = _cadence(fresh_db, "二段", (0, "business_days"), (5, "business_days"))
    open_id = add_company(fresh_db, "通常")
    closed_id = add_company(fresh_db, "架電不可", status="do_not_call")
    first = expand_cadence(fresh_db, cadence.id, [open_id, closed_id, open_id, 9999], date(2026, 11, 20))
    assert first.planned_companies == (open_id,)
    assert first.closed == (closed_id,)
    assert first.missing == (9999,)
    again = expand_cadence(fresh_db, cadence.id, [open_id], date(2026, 11, 20))
    assert again.plans_created == 0 and again.already_running == (open_id,)
    assert len(_plans(fresh_db, open_id)) == 2
    preview = expand_cadence(fresh_db, cadence.id, [add_company(fresh_db, "新規")], date(2026, 11, 20),
                             dry_run=True)
    assert preview.plans_created == 2
    assert fresh_db.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 2


def test_expand_for_a_whole_list(fresh_db):
    from tests.models.call_helpers import add_list

    cadence = _cadence(fresh_db, "一段", (1, "business_days"))
    ids = [add_company(fresh_db, f"会社{n}") for n in range(3)]
    list_id = add_list(fresh_db, "リスト", [(ids[2], 0), (ids[0], 1)])
    result = cadences.expand_for_list(fresh_db, cadence.id, list_id, date(2026, 11, 20))
    assert result.planned_companies == (ids[2], ids[0]) and result.plans_created == 2
    with pytest.raises(NotFound):
        cadences.expand_for_list(fresh_db, cadence.id, 999, date(2026, 11, 20))


def test_cancelling_from_progress_writes_nothing(fresh_db):
    cadence = _cadence(fresh_db, "一段", (1, "business_days"))
    ids = [add_company(fresh_db, f"会社{n}") for n in range(3)]
    with pytest.raises(ValidationError, match="中止"):
        expand_cadence(fresh_db, cadence.id, ids, date(2026, 11, 20), progress=lambda done, total: False)
    assert fresh_db.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 0


def test_defaults_are_created_once(fresh_db):
    created = cadences.ensure_default_cadences(fresh_db).cadences
    assert [c.name for c in created] == ["新規開拓", "四半期ナーチャリング", "決算期アプローチ"]
    assert cadences.ensure_default_cadences(fresh_db).cadences == []
    assert len(cadences.list_cadences(fresh_db)) == 3
    # A default the person deleted stays deleted.
    cadences.delete_cadence(fresh_db, created[0].id)
    assert cadences.ensure_default_cadences(fresh_db).cadences == []
    assert [c.name for c in cadences.list_cadences(fresh_db)] == ["四半期ナーチャリング", "決算期アプローチ"]
    new = cadences.cadence_steps(fresh_db, created[1].id)
    assert [(s.offset_amount, s.offset_unit) for s in new] == [(3, "months"), (6, "months"), (9, "months"),
                                                               (12, "months")]


def test_crud_and_bad_input(fresh_db):
    cadence = _cadence(fresh_db, "テスト", (1, "weeks"))
    updated = cadences.update_cadence(fresh_db, cadence.id, name="  テスト２ ", stop_on_reply=True)
    assert updated.name == "テスト２" and updated.stop_on_reply == 1
    steps = cadences.set_steps(fresh_db, cadence.id, [StepSpec(2, "weeks", "email", " 資料 ")]).steps
    assert [(s.position, s.offset_amount, s.kind, s.hypothesis) for s in steps] == [(1, 2, "email", "資料")]
    with pytest.raises(ValidationError, match="すでにあります"):
        _cadence(fresh_db, "テスト２", (1, "weeks"))
    with pytest.raises(ValidationError, match="名前"):
        _cadence(fresh_db, "  ", (1, "weeks"))
    with pytest.raises(ValidationError, match="ステップ"):
        cadences.create_cadence(fresh_db, "空", [])
    with pytest.raises(ValidationError, match="単位"):
        _cadence(fresh_db, "単位", (1, "days"))
    with pytest.raises(ValidationError, match="0 以上"):
        _cadence(fresh_db, "負", (-1, "weeks"))
    with pytest.raises(ValidationError, match="-11〜11"):
        _cadence(fresh_db, "決算", (12, "fiscal_year_end_months"))
    with pytest.raises(ValidationError, match="種類"):
        _cadence(fresh_db, "種類", (1, "weeks", "fax"))
    with pytest.raises(NotFound):
        cadences.get_cadence(fresh_db, 999)
    cadences.delete_cadence(fresh_db, cadence.id)
    assert cadences.list_cadences(fresh_db) == []


def _open_cadence_plans(db, company_id):
    return [p for p in _plans(db, company_id) if p["status"] == "open" and p["source"] == "cadence"]


def test_a_reply_stops_a_cadence_that_says_so(fresh_db):
    created = {c.name: c for c in cadences.ensure_default_cadences(fresh_db).cadences}
    company_id = add_company(fresh_db)
    start = date.today()
    expand_cadence(fresh_db, created["新規開拓"].id, [company_id], start)
    expand_cadence(fresh_db, created["四半期ナーチャリング"].id, [company_id], start)
    assert apply_stop_rules(fresh_db, company_id).plan_ids == ()  # nothing has happened yet
    assert log_outcome(fresh_db, company_id, "not_available").stopped_plan_ids == ()  # not a reply
    logged = log_outcome(fresh_db, company_id, "connected")  # logging applies the stop rules itself
    skipped = logged.stopped_plan_ids
    assert len(skipped) >= 4
    assert apply_stop_rules(fresh_db, company_id).plan_ids == ()  # already applied
    rows = {p["id"]: p for p in _plans(fresh_db, company_id)}
    reasons = {rows[i]["skip_reason"] for i in skipped}
    assert reasons == {"担当者と接続できたため、ケイデンス「新規開拓」を停止"}
    # 四半期ナーチャリング does not stop on a reply.
    remaining = _open_cadence_plans(fresh_db, company_id)
    assert {p["cadence_id"] for p in remaining} == {created["四半期ナーチャリング"].id}
    # Undoing the outcome puts them back with it.
    undo_outcome(fresh_db, logged)
    assert len(_open_cadence_plans(fresh_db, company_id)) == len(remaining) + len(skipped)


def test_an_appointment_and_do_not_call_stop_cadences(fresh_db):
    created = {c.name: c for c in cadences.ensure_default_cadences(fresh_db).cadences}
    won = add_company(fresh_db, "アポ")
    barred = add_company(fresh_db, "番号不通")
    nurture = created["四半期ナーチャリング"].id
    expand_cadence(fresh_db, nurture, [won, barred], date.today())
    logged = log_outcome(fresh_db, won, "appointment", meeting={"starts_at": "2030-01-10T10:00:00+09:00"})
    assert len(logged.stopped_plan_ids) == 4
    assert _open_cadence_plans(fresh_db, won) == []
    reasons = {p["skip_reason"] for p in _plans(fresh_db, won)}
    assert reasons == {"アポ獲得のため、ケイデンス「四半期ナーチャリング」を停止"}
    assert len(log_outcome(fresh_db, barred, "bad_number").stopped_plan_ids) == 4
    assert all("架電不可" in p["skip_reason"] for p in _plans(fresh_db, barred))
    # A cadence whose flags are off keeps going.
    cadences.update_cadence(fresh_db, nurture, stop_on_do_not_call=False)
    other = add_company(fresh_db, "旗なし")
    expand_cadence(fresh_db, nurture, [other], date.today())
    fresh_db.execute("UPDATE companies SET status = 'do_not_call' WHERE id = ?", [other])
    assert apply_stop_rules(fresh_db, other).plan_ids == ()
    assert apply_stop_rules(fresh_db, 12345).plan_ids == ()


def test_a_meeting_made_by_hand_stops_cadences_as_a_logged_appointment_does(fresh_db):
    from models.meetings.meetings import create_meeting

    created = {c.name: c for c in cadences.ensure_default_cadences(fresh_db).cadences}
    company_id = add_company(fresh_db, "手入力の商談")
    expand_cadence(fresh_db, created["四半期ナーチャリング"].id, [company_id], date.today())
    assert len(_open_cadence_plans(fresh_db, company_id)) == 4
    create_meeting(fresh_db, company_id, {"starts_at": "2030-02-01T14:00:00+09:00"})
    assert _open_cadence_plans(fresh_db, company_id) == []
    reasons = {p["skip_reason"] for p in _plans(fresh_db, company_id)}
    assert reasons == {"アポ獲得のため、ケイデンス「四半期ナーチャリング」を停止"}
    # A cadence that does not stop on an appointment keeps going.
    cadences.update_cadence(fresh_db, created["四半期ナーチャリング"].id, stop_on_appointment=False)
    other = add_company(fresh_db, "止めない")
    expand_cadence(fresh_db, created["四半期ナーチャリング"].id, [other], date.today())
    create_meeting(fresh_db, other, {"starts_at": "2030-02-02T14:00:00+09:00"})
    assert len(_open_cadence_plans(fresh_db, other)) == 4
