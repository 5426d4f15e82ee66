"""The Today queue: order, reasons, closed accounts left out, the daily target (text and JSON: test_cli)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from models.planning.agenda import build_agenda
from models.planning.plans import create_plan
from models.planning.touches import log_outcome
from models.store import settings
from tests.models.call_helpers import JST, add_company, add_list

DAY = date(2026, 11, 20)  # a Friday


@pytest.fixture
def queue(fresh_db):
    """A small book of accounts with every kind of entry, by name."""
    db = fresh_db
    ids = {}

    def company(key, **values):
        ids[key] = add_company(db, f"株式会社{key}", name_kana=f"カブシキガイシャ{key}", phone="03-1234-5678",
                               **values)
        return ids[key]

    create_plan(db, company("overdue3", status="nurturing"), date(2026, 11, 17),
                hypothesis="決算前の採用計画を確認")
    create_plan(db, company("overdue10", status="in_progress"), date(2026, 11, 10))
    log_outcome(db, company("callback", status="in_progress"), "callback_requested",
                at=datetime(2026, 11, 19, 11, 0, tzinfo=JST),
                next_plan={"due": datetime(2026, 11, 20, 14, 0, tzinfo=JST)})
    create_plan(db, company("timed10", status="in_progress"), datetime(2026, 11, 20, 10, 0, tzinfo=JST),
                hypothesis="朝一番に人事部長へ")
    create_plan(db, company("dated", status="in_progress"), DAY, hypothesis="資料の感想を伺う")
    create_plan(db, company("later", status="in_progress"), date(2026, 11, 25))
    create_plan(db, company("closed", status="disqualified"), date(2026, 11, 12))
    create_plan(db, company("dnc", status="do_not_call"), DAY)
    company("dnc_fresh", status="do_not_call", rank="A", score=99)
    company("A72", rank="A", score=72)
    company("A50", rank="A", score=50)
    company("B90", rank="B", score=90)
    company("none99", score=99)
    company("touched", rank="A", score=100, last_touch_at="2026-10-01T10:00:00+09:00")
    # Two open plans of one account: it appears once, where its oldest plan puts it.
    create_plan(db, company("twice", status="in_progress"), date(2026, 11, 19), hypothesis="古い予定")
    create_plan(db, ids["twice"], DAY, hypothesis="新しい予定")
    email = company("email_only", status="in_progress")
    create_plan(db, email, DAY, kind="email")
    return db, ids


def names(agenda):
    return [entry.company_name.removeprefix("株式会社") for entry in agenda.entries]


def test_order_overdue_then_due_by_time_then_fresh(queue):
    db, _ = queue
    agenda = build_agenda(db, DAY)
    assert names(agenda) == [
        "overdue10", "overdue3", "twice",       # overdue, oldest first
        "timed10", "callback", "dated",        # due today: 10:00, 14:00, then without a time
        "A72", "A50", "B90", "none99",         # fresh by rank, then score; no rank last
    ]
    assert [e.section for e in agenda.entries] == ["overdue"] * 3 + ["due"] * 3 + ["fresh"] * 4
    assert (agenda.counts.overdue, agenda.counts.due, agenda.counts.fresh) == (3, 3, 4)
    assert agenda.counts.done_today == 0  # the callback was asked for yesterday
    assert agenda.company_ids[0] == queue[1]["overdue10"]


def test_reasons(queue):
    db, _ = queue
    agenda = build_agenda(db, DAY)
    reasons = {name: entry.reason for name, entry in zip(names(agenda), agenda.entries, strict=True)}
    assert reasons["overdue3"] == "予定日 11/17 を3日過ぎています：決算前の採用計画を確認"
    assert reasons["overdue10"] == "予定日 11/10 を10日過ぎています"
    assert reasons["callback"] == "本日 14:00 の折返し依頼"
    assert reasons["timed10"] == "本日 10:00 の予定：朝一番に人事部長へ"
    assert reasons["dated"] == "本日の予定：資料の感想を伺う"
    assert reasons["twice"] == "予定日 11/19 を1日過ぎています：古い予定"
    assert reasons["A72"] == "未接触・ランクA・スコア72"
    assert reasons["none99"] == "未接触・スコア99"


def test_closed_accounts_never_appear(queue):
    db, ids = queue
    for day in (DAY, DAY + timedelta(days=30)):
        agenda = build_agenda(db, day, daily_target=1000)
        listed = set(agenda.company_ids)
        assert not listed & {ids["closed"], ids["dnc"], ids["dnc_fresh"]}
    # Logging 番号不通 takes an account out at once.
    log_outcome(db, ids["A72"], "bad_number", at=datetime(2026, 11, 20, 9, 5, tzinfo=JST))
    assert ids["A72"] not in build_agenda(db, DAY).company_ids


def test_future_plans_touched_accounts_and_other_kinds_stay_out(queue):
    db, ids = queue
    listed = set(build_agenda(db, DAY, daily_target=1000).company_ids)
    assert ids["later"] not in listed and ids["touched"] not in listed and ids["email_only"] not in listed
    assert ids["later"] in build_agenda(db, date(2026, 11, 25)).company_ids


def test_daily_target_caps_fresh_but_never_hides_promises(queue):
    db, _ = queue
    assert build_agenda(db, DAY, daily_target=8).counts.fresh == 2  # 6 plans + 2 fresh
    tight = build_agenda(db, DAY, daily_target=3)
    assert (tight.counts.overdue, tight.counts.due, tight.counts.fresh) == (3, 3, 0)
    settings.set_setting(db, settings.DAILY_TARGET, 7)
    assert build_agenda(db, DAY).counts.fresh == 1
    assert build_agenda(db, DAY).daily_target == 7


def test_calls_made_today_count_toward_the_target(queue):
    db, ids = queue
    before = build_agenda(db, DAY, daily_target=9)
    assert before.counts.fresh == 3 and before.counts.done_today == 0
    log_outcome(db, ids["A72"], "not_available", at=datetime(2026, 11, 20, 9, 10, tzinfo=JST))
    log_outcome(db, ids["overdue10"], "connected", at=datetime(2026, 11, 20, 9, 20, tzinfo=JST))
    after = build_agenda(db, DAY, daily_target=9)
    assert after.counts.done_today == 2
    assert after.counts.overdue == 2  # the fulfilled plan is done
    assert names(after)[after.counts.overdue + after.counts.due:] == ["A50", "B90"]


def test_fresh_targets_from_chosen_lists_in_list_order(queue):
    db, ids = queue
    first = add_list(db, "製造業リスト",
                     [(ids["none99"], 1), (ids["B90"], 2), (ids["A72"], 3), (ids["closed"], 4)])
    second = add_list(db, "展示会リスト", [(ids["A50"], 2), (ids["none99"], 9)])
    agenda = build_agenda(db, DAY, list_ids=[first, second], daily_target=100)
    fresh = [e.company_name.removeprefix("株式会社") for e in agenda.entries if e.section == "fresh"]
    # A50 and B90 share place 2: rank decides. none99 is on both lists, once.
    assert fresh == ["none99", "A50", "B90", "A72"]
    only_first = build_agenda(db, DAY, list_ids=[first], daily_target=100)
    assert names(only_first)[only_first.counts.overdue + only_first.counts.due:] == ["none99", "B90", "A72"]
    assert agenda.counts.overdue == 3  # plans are promises, whatever list is chosen
    assert build_agenda(db, DAY, list_ids=[], daily_target=100).counts.fresh == 0


def test_an_empty_day(fresh_db):
    agenda = build_agenda(fresh_db, DAY)
    assert agenda.entries == ()
