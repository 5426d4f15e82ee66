"""What was heard about an account, gathered once from all its touches: known answers."""

from __future__ import annotations

from datetime import datetime

from models.planning.hearing import HearingFact, distinct, gather_hearing, heard_now, latest, said_in
from models.planning.session_card import account_card
from models.planning.touches import log_outcome
from tests.models.call_helpers import JST, add_company


def _call(db, company_id, at, caller, **hearing):
    return log_outcome(db, company_id, "connected", at=at, caller=caller, hearing=hearing,
                       plan_next=False).touch_id


def test_every_item_of_every_call_newest_first_with_its_day_and_caller(fresh_db):
    company_id = add_company(fresh_db, "株式会社ききとり")
    other = add_company(fresh_db, "別会社")
    first = _call(fresh_db, company_id, "2026-09-01T10:00:00+09:00", "高橋 由美", budget="未定",
                  issue="採用が進まない")
    second = _call(fresh_db, company_id, "2026-10-15T14:30:00+09:00", "佐藤 健", budget="年間300万円",
                   competitor="A社")
    _call(fresh_db, company_id, "2026-11-02T09:00:00+09:00", None, timing="", current=" Excel で管理 ")
    log_outcome(fresh_db, company_id, "not_available", at="2026-11-03T09:00:00+09:00", plan_next=False)
    _call(fresh_db, other, "2026-11-04T09:00:00+09:00", None, budget="別会社の予算")

    facts = gather_hearing(fresh_db, company_id)
    third = facts[0].touch_id
    assert facts == (
        HearingFact("current", "Excel で管理", "2026-11-02T09:00:00+09:00", None, third),
        HearingFact("budget", "年間300万円", "2026-10-15T14:30:00+09:00", "佐藤 健", second),
        HearingFact("competitor", "A社", "2026-10-15T14:30:00+09:00", "佐藤 健", second),
        HearingFact("issue", "採用が進まない", "2026-09-01T10:00:00+09:00", "高橋 由美", first),
        HearingFact("budget", "未定", "2026-09-01T10:00:00+09:00", "高橋 由美", first),
    )
    assert [(f.label, f.day()) for f in facts[:2]] == [("現状", "2026/11/02"), ("予算", "2026/10/15")]
    newest = latest(facts)
    assert list(newest) == ["issue", "current", "budget", "competitor"]  # form order
    assert newest["budget"].text == "年間300万円"
    # What was known by a day: only the calls up to then.
    assert [f.text for f in gather_hearing(fresh_db, company_id, until="2026-10-01T00:00:00+09:00")] == [
        "採用が進まない", "未定"]
    # The session's card carries the same facts.
    assert account_card(fresh_db, company_id).hearing == facts


def test_a_text_heard_again_is_kept_once_at_its_newest(fresh_db):
    company_id = add_company(fresh_db)
    _call(fresh_db, company_id, "2026-09-01T10:00:00+09:00", None, budget="年間 300万円")
    latest_touch = _call(fresh_db, company_id, "2026-10-01T10:00:00+09:00", None, budget="年間３００万円")
    facts = gather_hearing(fresh_db, company_id)
    assert [(f.text, f.touch_id) for f in facts] == [("年間３００万円", latest_touch)]


def test_the_call_being_logged_is_dated_and_joins_the_earlier_facts(fresh_db):
    company_id = add_company(fresh_db)
    _call(fresh_db, company_id, "2026-09-01T10:00:00+09:00", "高橋 由美", budget="未定")
    now = heard_now({"budget": " 500万円 ", "issue": "", "timing": "来春"},
                    datetime(2026, 11, 20, 10, 0, tzinfo=JST), "高橋 由美")
    assert now == (HearingFact("budget", "500万円", "2026-11-20T10:00:00+09:00", "高橋 由美"),
                   HearingFact("timing", "来春", "2026-11-20T10:00:00+09:00", "高橋 由美"))
    both = distinct((*now, *gather_hearing(fresh_db, company_id)))
    assert [(f.text, f.day()) for f in both] == [("500万円", "2026/11/20"), ("来春", "2026/11/20"),
                                                 ("未定", "2026/09/01")]


def test_a_note_says_a_fact_whatever_its_width_and_spaces():
    fact = HearingFact("budget", "年間300万円", None)
    assert said_in(fact, "予算は年間 ３００万円 程度（未確定）")
    assert not said_in(fact, "予算は未定") and not said_in(fact, None)
