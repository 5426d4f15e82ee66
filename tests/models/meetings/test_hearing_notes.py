"""What calls heard, as a meeting's notes and on its briefing sheet: one gathered set, known answers."""

from __future__ import annotations

from datetime import datetime

from brief_samples import GENERATED_AT

from models.meetings.briefs import LabeledText, gather_brief
from models.meetings.hearing_notes import (
    HEARING_OF_NOTE,
    NOTE_FACTS,
    beyond_note,
    notes_from_hearing,
    prefill_notes,
)
from models.meetings.meetings import create_meeting
from models.planning.hearing import HearingFact, distinct, gather_hearing, heard_now
from models.planning.touches import log_outcome
from tests.models.call_helpers import JST, add_company

EARLIER = "2026-10-15T14:30:00+09:00"


def _account(db):
    """Two earlier calls: 予算 and 競合 heard in October, 課題 and an older 予算 in September."""
    company_id = add_company(db, "株式会社ききとり")
    log_outcome(db, company_id, "connected", at="2026-09-01T10:00:00+09:00", caller="高橋 由美",
                hearing={"issue": "採用が進まない", "budget": "未定"}, plan_next=False)
    log_outcome(db, company_id, "connected", at=EARLIER, caller="佐藤 健",
                hearing={"budget": "年間300万円", "competitor": "A社"}, plan_next=False)
    return company_id


def test_notes_from_hearing_newest_first_one_a_line_dated(fresh_db):
    company_id = _account(fresh_db)
    now = heard_now({"budget": "年間500万円"}, datetime(2026, 11, 20, 10, 0, tzinfo=JST), "高橋 由美")
    notes = notes_from_hearing(distinct((*now, *gather_hearing(fresh_db, company_id))))
    assert notes == {
        "notes_needs": "採用が進まない（2026/09/01 高橋 由美）",
        "notes_budget": "年間500万円（2026/11/20 高橋 由美）\n年間300万円（2026/10/15 佐藤 健）\n"
                        "未定（2026/09/01 高橋 由美）",
        "notes_competitors": "A社（2026/10/15 佐藤 健）",
    }
    # A note the form already holds is the person's, even emptied; the others start from the hearing.
    filled = prefill_notes({"notes_needs": "", "place": "本社"}, gather_hearing(fresh_db, company_id))
    assert filled["notes_needs"] == "" and filled["place"] == "本社"
    assert filled["notes_budget"].startswith("年間300万円（2026/10/15 佐藤 健）")


def test_a_long_history_of_one_item_is_capped_with_a_count():
    facts = [HearingFact("timing", f"{n}月", f"2026-{n:02d}-01T10:00:00+09:00") for n in range(12, 0, -1)]
    lines = notes_from_hearing(facts)["notes_timing"].splitlines()
    assert len(lines) == NOTE_FACTS + 1 and lines[0] == "12月（2026/12/01）"
    assert lines[-1] == "ほか 2 件（接触履歴をご覧ください）"


def test_beyond_the_note_is_what_it_does_not_say(fresh_db):
    facts = gather_hearing(fresh_db, _account(fresh_db))
    assert [f.text for f in beyond_note("notes_budget", "年間300万円程度", facts)] == ["未定"]
    assert beyond_note("notes_personality", "", facts) == ()
    assert set(HEARING_OF_NOTE) == {"notes_needs", "notes_current", "notes_budget", "notes_timing",
                                    "notes_decision_process", "notes_competitors"}


def test_the_brief_shows_a_fact_from_an_earlier_call_with_its_day_never_as_not_heard(fresh_db):
    company_id = _account(fresh_db)
    meeting = create_meeting(fresh_db, company_id, {
        "starts_at": "2026-12-03 14:00", "notes_needs": "エンジニアの採用が進まない", "notes_budget": ""})
    brief = gather_brief(fresh_db, meeting.id, GENERATED_AT)
    assert brief.hearing == gather_hearing(fresh_db, company_id)  # the one gathered set

    # なぜ今か: the newest of each item, with when and who.
    assert brief.why_now.hearing == (LabeledText("課題", "採用が進まない"),
                                     LabeledText("予算", "年間300万円"), LabeledText("競合", "A社"))
    budget = brief.why_now.hearing[1]
    assert (budget.at, budget.by) == (EARLIER, "佐藤 健")

    heard = {item.label: item for item in brief.heard}
    # ヒアリング内容: the empty 予算 note shows what the calls heard, newest first, dated.
    assert heard["予算"].text is None
    assert [(f.text, f.day(), f.caller) for f in heard["予算"].facts] == [
        ("年間300万円", "2026/10/15", "佐藤 健"), ("未定", "2026/09/01", "高橋 由美")]
    assert [f.text for f in heard["競合"].facts] == ["A社"]
    # A note that already says the fact carries no copy of it.
    assert heard["課題・ニーズ"] == LabeledText("課題・ニーズ", "エンジニアの採用が進まない")
    # Nothing known is "not heard": every item the calls heard shows it in the note or below it, and
    # what "why now" quotes is what "what was heard" says.
    note_of = {"課題": "課題・ニーズ", "現状": "現状", "予算": "予算", "時期": "時期",
               "決裁者": "決裁プロセス", "競合": "競合"}
    for item in brief.why_now.hearing:
        shown = heard[note_of[item.label]]
        assert item.text in (shown.text or "") or item.text == shown.facts[0].text
    assert heard["時期"] == LabeledText("時期", None)  # never heard: the sheet says so


def test_a_fact_heard_after_the_meeting_is_not_on_its_sheet(fresh_db):
    company_id = _account(fresh_db)
    meeting = create_meeting(fresh_db, company_id, {"starts_at": "2026-10-01 14:00"})
    brief = gather_brief(fresh_db, meeting.id, GENERATED_AT)
    assert [(item.label, item.text) for item in brief.why_now.hearing] == [("課題", "採用が進まない"),
                                                                           ("予算", "未定")]
    assert [f.text for f in next(i for i in brief.heard if i.label == "予算").facts] == ["未定"]
