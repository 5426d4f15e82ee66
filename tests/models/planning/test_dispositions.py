"""Outcome → proposed next touch and status; the editable rule table; quick picks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from models.accounts.entities import Company
from models.planning.calendar import CalendarRules
from models.planning.dispositions import (
    DEFAULT_RULES,
    check_choice,
    load_rules,
    next_status,
    propose_next,
    quick_pick_dates,
    save_rules,
)
from models.store import settings
from models.store.errors import ValidationError
from tests.models.call_helpers import JST, NOW

UNTOUCHED = Company(id=1, uid="u", name="株式会社テスト", status="untouched", fiscal_year_end_month=3)


@pytest.mark.parametrize(("outcome", "due", "hypothesis", "status"), [
    # Friday 11/20 → Mon 11/23 is a holiday, so business days run 11/24, 25, 26, 27, 30.
    ("not_available", date(2026, 11, 25), "不在のため改めて架電", "in_progress"),
    ("gatekeeper_block", date(2026, 11, 30), "別ルート（部署直通・メール）でアプローチ", "in_progress"),
    ("connected", date(2026, 11, 30), None, "in_progress"),
    ("info_sent", date(2026, 11, 26), "資料の感想を伺う", "in_progress"),
    ("callback_requested", None, "ご指定の時間に折返し", "in_progress"),
    ("no_need", None, None, "nurturing"),
])
def test_plan_outcomes_propose_the_next_touch(outcome, due, hypothesis, status):
    proposal = propose_next(outcome, NOW, UNTOUCHED)
    assert proposal.makes_plan and not proposal.opens_meeting_form and not proposal.leaves_queue
    assert proposal.due == due
    assert proposal.hypothesis == hypothesis
    assert proposal.kind == "call"
    assert proposal.new_status == status


def test_what_must_be_confirmed():
    no_need = propose_next("no_need", NOW, UNTOUCHED)
    assert no_need.requires_date and no_need.requires_hypothesis and not no_need.requires_time
    callback = propose_next("callback_requested", NOW, UNTOUCHED)
    assert callback.requires_date and callback.requires_time and not callback.requires_hypothesis
    for outcome in ("not_available", "gatekeeper_block", "connected", "info_sent"):
        proposal = propose_next(outcome, NOW, UNTOUCHED)
        assert not (proposal.requires_date or proposal.requires_time or proposal.requires_hypothesis), outcome


def test_appointment_opens_the_meeting_form_without_a_call_plan():
    proposal = propose_next("appointment", NOW, UNTOUCHED)
    assert proposal.opens_meeting_form and not proposal.makes_plan
    assert proposal.due is None and proposal.hypothesis is None
    assert proposal.new_status == "appointment"


@pytest.mark.parametrize(("outcome", "status"), [
    ("bad_number", "do_not_call"), ("disqualified", "disqualified"),
])
def test_closing_outcomes_leave_every_queue(outcome, status):
    proposal = propose_next(outcome, NOW, UNTOUCHED)
    assert proposal.leaves_queue and not proposal.makes_plan and proposal.due is None
    assert proposal.new_status == status


@pytest.mark.parametrize(("current", "outcome", "expected"), [
    ("untouched", "not_available", "in_progress"),
    ("untouched", "connected", "in_progress"),
    ("in_progress", "gatekeeper_block", "in_progress"),
    ("nurturing", "not_available", "nurturing"),       # a retry does not undo nurturing
    ("appointment", "connected", "appointment"),
    ("in_progress", "no_need", "nurturing"),
    ("appointment", "no_need", "nurturing"),
    ("nurturing", "appointment", "appointment"),
    ("customer", "no_need", "customer"),
    ("customer", "appointment", "customer"),
    ("customer", "bad_number", "do_not_call"),
    ("nurturing", "disqualified", "disqualified"),
    ("do_not_call", "not_available", "do_not_call"),
])
def test_status_transitions(current, outcome, expected):
    assert next_status(current, outcome) == expected


def test_unknown_outcome_is_refused():
    with pytest.raises(ValidationError, match="不明な結果"):
        propose_next("voicemail", NOW, UNTOUCHED)


def test_proposals_respect_the_company_closure():
    calendar = CalendarRules(closures=(("11-24", "11-27"),))
    assert propose_next("not_available", NOW, UNTOUCHED, calendar=calendar).due == date(2026, 12, 1)


def test_check_choice_messages_are_plain_japanese():
    with pytest.raises(ValidationError, match="次回の連絡日"):
        check_choice("no_need", None, "決算前に再提案")
    with pytest.raises(ValidationError, match="仮説"):
        check_choice("no_need", date(2027, 2, 1), "   ")
    with pytest.raises(ValidationError, match="時刻まで"):
        check_choice("callback_requested", date(2026, 11, 24), None)
    check_choice("no_need", date(2027, 2, 1), "1月に次年度の採用計画を立てる")
    check_choice("callback_requested", datetime(2026, 11, 24, 15, 0, tzinfo=JST), None)
    check_choice("not_available", None, None)


def test_rules_default_save_load_and_forced_confirmations(fresh_db):
    assert load_rules(fresh_db) == DEFAULT_RULES
    rules = dict(DEFAULT_RULES)
    rules["not_available"] = replace(rules["not_available"], offset=3, hypothesis="午後に再架電")
    rules["no_need"] = replace(rules["no_need"], offset_unit="months", offset=3,
                               requires_hypothesis=False, requires_date=False)
    rules["bad_number"] = replace(rules["bad_number"], action="plan", status="in_progress")
    save_rules(fresh_db, rules)
    loaded = load_rules(fresh_db)
    assert loaded["not_available"].offset == 3
    assert propose_next("not_available", NOW, UNTOUCHED, loaded).due == date(2026, 11, 26)
    assert propose_next("not_available", NOW, UNTOUCHED, loaded).hypothesis == "午後に再架電"
    # No setting switches off what ニーズなし is for; its proposed date is now filled in.
    no_need = propose_next("no_need", NOW, UNTOUCHED, loaded)
    assert no_need.requires_date and no_need.requires_hypothesis
    assert no_need.due == date(2027, 2, 22)  # 2/20 is a Saturday
    # What an outcome means is not a setting.
    assert loaded["bad_number"].action == "close" and loaded["bad_number"].status == "do_not_call"


def test_bad_rules_are_refused_and_a_damaged_setting_falls_back(fresh_db):
    rules = dict(DEFAULT_RULES)
    rules["connected"] = replace(rules["connected"], offset=0)
    with pytest.raises(ValidationError, match="1 以上"):
        save_rules(fresh_db, rules)
    rules["connected"] = replace(rules["connected"], offset_unit="weeks")
    with pytest.raises(ValidationError, match="単位"):
        save_rules(fresh_db, rules)
    settings.set_setting(fresh_db, settings.DISPOSITION_RULES, {"connected": {"offset": "many"}})
    assert load_rules(fresh_db) == DEFAULT_RULES


def test_quick_picks_on_a_friday_before_a_holiday():
    picks = dict(quick_pick_dates(date(2026, 11, 20), 3))
    assert list(picks) == ["明日", "3営業日後", "来週", "1ヶ月後", "3ヶ月後", "6ヶ月後", "決算月の3ヶ月前"]
    assert picks["明日"] == date(2026, 11, 24)          # Sat, Sun, 勤労感謝の日
    assert picks["3営業日後"] == date(2026, 11, 26)
    assert picks["来週"] == date(2026, 11, 24)
    assert picks["1ヶ月後"] == date(2026, 12, 21)       # 12/20 is a Sunday
    assert picks["3ヶ月後"] == date(2027, 2, 22)        # 2/20 is a Saturday
    assert picks["6ヶ月後"] == date(2027, 5, 20)
    assert picks["決算月の3ヶ月前"] == date(2026, 12, 1)


def test_quick_picks_without_a_fiscal_month_and_on_the_day_itself():
    assert [label for label, _ in quick_pick_dates(date(2026, 11, 20), None)][-1] == "6ヶ月後"
    # On 12/1 itself, 「決算月の3ヶ月前」 is next year's: a plan for today would be no plan.
    assert dict(quick_pick_dates(date(2026, 12, 1), 3))["決算月の3ヶ月前"] == date(2027, 12, 1)
    # Before the New Year closure, tomorrow is January.
    picks = dict(quick_pick_dates(date(2026, 12, 28), 3))
    assert picks["明日"] == date(2027, 1, 4)
    assert picks["1ヶ月後"] == date(2027, 1, 28)
