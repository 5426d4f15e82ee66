"""Gathering a brief: everything the sheet shows, as plain frozen data."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from brief_samples import GENERATED_AT, JST, add_touch, make_long, make_typical

from models.accounts.companies import create_company, create_contact, update_contact
from models.meetings.briefs import HISTORY_LIMIT, BriefData, LabeledText, gather_brief, split_items
from models.meetings.meetings import create_meeting, update_meeting
from models.store.db import stamp
from models.store.errors import NotFound
from models.store.settings import set_caller_name


def test_typical_brief_holds_every_section(fresh_db):
    meeting_id = make_typical(fresh_db)
    brief = gather_brief(fresh_db, meeting_id, GENERATED_AT)
    assert isinstance(brief, BriefData) and brief.generated_at == GENERATED_AT

    h = brief.header
    assert h.starts_at == datetime(2025, 1, 16, 10, 0, tzinfo=JST) and h.ends_at.hour == 11
    assert (h.company_name, h.company_name_kana, h.field_rep, h.caller) == (
        "株式会社みなと精機", "ミナトセイキ", "山本 大輔", "高橋 由美")
    assert h.online_url == "https://meet.example.jp/abc-defg-hij" and h.status_label == "予定"

    c = brief.company
    assert (c.industry, c.employees, c.phone) == ("製造業", 420, "045-501-1234")
    assert c.corporate_number == "7010001008844"
    assert c.address == "神奈川県横浜市鶴見区末広町1-7" and c.postal_code == "230-0045"
    assert (c.fiscal_year_end_month, c.rank, c.status_label) == (3, "A", "アポ獲得")

    w = brief.why_now
    assert w.hypothesis.startswith("来期の採用計画が1月に固まる") and w.hypothesis_due == "2025-01-09"
    assert w.customer_said.startswith("製造部の鈴木課長も同席で") and w.said_by == "鈴木 健一"
    assert w.hearing == (LabeledText("課題", "シフト作成に毎月20時間"),
                         LabeledText("予算", "年間200万円程度"))

    assert [(a.name, a.role_label, a.department, a.title) for a in brief.attendees] == [
        ("佐藤 恵子", "人事", "人事部", "部長"), ("鈴木 健一", "現場", "製造部", "課長")]
    assert brief.attendees[0].note == "窓口。採用計画の責任者で、数字で判断される。"

    assert [item.label for item in brief.heard] == [
        "課題・ニーズ", "現状", "期待", "懸念", "お人柄", "予算", "時期", "決裁プロセス", "競合",
        "聞けていないこと"]
    assert all(item.text for item in brief.heard)
    assert brief.questions == ("現場のシフト作成の流れ", "役員会の開催時期と起案の締め切り",
                               "タブレット以外の打刻手段の希望")
    assert brief.cautions[1] == "他社の名前は出さないこと。" and brief.suggested_questions == ()

    assert [e.at[:10] for e in brief.history] == [
        "2025-01-09", "2024-12-03", "2024-10-09", "2024-10-04", "2024-10-02"]
    newest = brief.history[0]
    assert (newest.kind_label, newest.outcome_label, newest.contact_name, newest.reached_decision_maker) == (
        "架電", "アポ獲得", "鈴木 健一", True)
    assert brief.history_omitted == 0
    assert brief.feedback.outcomes == ("受注", "失注", "継続", "延期", "キャンセル")
    assert brief.feedback.reasons == (
        "価格", "時期", "競合", "ニーズ不一致", "決裁者不在", "情報不足", "その他")
    assert brief.relationship_map is None
    # The timeline strip: six months either side of the meeting, the five calls and the done plan.
    assert (brief.timeline.start.date().isoformat(), brief.timeline.end.date().isoformat()) == (
        "2024-07-16", "2025-07-16")
    assert [item.source for item in brief.timeline.items].count("touch") == 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        brief.header.company_name = "別名"  # type: ignore[misc]


def test_without_a_linked_touch_the_latest_appointment_and_open_plan_explain_why_now(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社あおば", "prefecture": "東京都",
                                        "address": "港区芝1-1"})
    add_touch(fresh_db, company.id, "2024-11-01T10:00:00+09:00", "appointment", note="古いアポ")
    add_touch(fresh_db, company.id, "2025-01-10T10:00:00+09:00", "appointment", note="新しいアポ",
              hearing_timing="4月導入")
    add_touch(fresh_db, company.id, "2025-01-11T10:00:00+09:00", "connected", hearing_timing="",
              hearing_competitor="A社")
    add_touch(fresh_db, company.id, "2025-02-01T10:00:00+09:00", "info_sent", note="商談より後")
    fresh_db.table("plans").insert(stamp({"company_id": company.id, "due": "2025-03-01", "status": "open",
                                          "hypothesis": "決算前に予算が決まる"}))
    meeting = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-20 13:00"})
    brief = gather_brief(fresh_db, meeting.id, GENERATED_AT)
    assert brief.why_now.customer_said == "新しいアポ" and brief.why_now.said_by is None
    assert brief.why_now.hypothesis == "決算前に予算が決まる"
    assert brief.why_now.hearing == (LabeledText("時期", "4月導入"), LabeledText("競合", "A社"))
    assert brief.company.address == "東京都港区芝1-1"
    assert brief.history[0].note is None  # touches after the meeting are not history
    assert len(brief.history) == 3
    assert brief.attendees == () and brief.questions == ()
    assert brief.heard[0] == LabeledText("課題・ニーズ", None)
    assert len(brief.suggested_questions) == 4 and "決裁者" in brief.suggested_questions[2]


def test_a_brief_with_nothing_recorded_is_still_complete(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社しずか"})
    meeting = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-20 13:00"})
    brief = gather_brief(fresh_db, meeting.id, GENERATED_AT)
    assert brief.why_now.hypothesis is None and brief.why_now.customer_said is None
    assert brief.history == () and brief.header.caller is None
    set_caller_name(fresh_db, "設定 花子")  # the caller named in the settings, when nothing else says
    assert gather_brief(fresh_db, meeting.id, GENERATED_AT).header.caller == "設定 花子"


def test_an_attendee_who_left_is_marked_and_becomes_a_caution(fresh_db):
    meeting_id = make_typical(fresh_db)
    contact_id = fresh_db.execute(
        "SELECT contact_id FROM meeting_attendees WHERE meeting_id = ? ORDER BY id", [meeting_id],
    ).fetchone()[0]
    update_contact(fresh_db, contact_id, {"employment": "left"})
    brief = gather_brief(fresh_db, meeting_id, GENERATED_AT)
    assert brief.attendees[0].employment_label == "退職" and brief.attendees[1].employment_label is None
    assert "佐藤 恵子様は「退職」と記録されています" in brief.cautions[-1]


def test_a_long_history_is_capped_with_a_count_of_what_was_left_out(fresh_db):
    meeting_id = make_long(fresh_db)
    company_id = fresh_db.execute("SELECT company_id FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    for day in range(1, HISTORY_LIMIT):
        add_touch(fresh_db, company_id, f"2022-{1 + day // 28:02d}-{1 + day % 28:02d}T09:00:00+09:00",
                  "not_available")
    brief = gather_brief(fresh_db, meeting_id, GENERATED_AT)
    total = fresh_db.execute("SELECT count(*) FROM touches WHERE company_id = ?", [company_id]).fetchone()[0]
    assert len(brief.history) == HISTORY_LIMIT
    assert brief.history_omitted == total - HISTORY_LIMIT


def test_caller_falls_back_to_the_appointment_touch(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社あおば"})
    person = create_contact(fresh_db, company.id, {"name": "森 一郎"})
    touch = add_touch(fresh_db, company.id, "2025-01-10T10:00:00+09:00", "appointment", person.id, "来週で")
    meeting = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-20 13:00", "touch_id": touch})
    brief = gather_brief(fresh_db, meeting.id, GENERATED_AT)
    assert brief.header.caller == "高橋 由美" and brief.why_now.said_by == "森 一郎"


def test_cancelled_meeting_and_missing_meeting(fresh_db):
    meeting_id = make_typical(fresh_db)
    update_meeting(fresh_db, meeting_id, {"status": "cancelled"})
    assert gather_brief(fresh_db, meeting_id, GENERATED_AT).header.status_label == "中止"
    with pytest.raises(NotFound):
        gather_brief(fresh_db, 999, GENERATED_AT)


def test_split_items_drops_bullets_and_blank_lines():
    assert split_items("・一つ目\n\n- 二つ目\n1. 三つ目\n①四つ目\n  五つ目  ") == (
        "一つ目", "二つ目", "三つ目", "四つ目", "五つ目")
    assert split_items(None) == () and split_items("") == ()
