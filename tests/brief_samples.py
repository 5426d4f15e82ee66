"""Sample meetings with everything a briefing sheet shows: a typical one and one with a long history.

Shared by tests/models/test_briefs.py and tests/reports/ (``tests/`` is on sys.path through its
conftest.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from models.accounts.companies import create_company, create_contact
from models.meetings.meetings import create_meeting
from models.store.db import stamp

JST = timezone(timedelta(hours=9))
GENERATED_AT = datetime(2025, 1, 14, 18, 30, tzinfo=JST)

TYPICAL_NOTES = [
    ("2024-10-02T10:15:00+09:00", "not_available", None, "受付の方より、人事部長は終日外出とのこと。"),
    ("2024-10-04T14:40:00+09:00", "gatekeeper_block", None, "営業電話はお断りとのこと。資料送付なら可。"),
    ("2024-10-09T11:05:00+09:00", "info_sent", 0, "採用管理の事例資料をメールで送付。来週フォロー。"),
    ("2024-12-03T15:20:00+09:00", "connected", 0,
     "人事の佐藤様と接続。来期の採用計画は1月に固まる。現場の困りごとは把握できていないとのこと。"),
    ("2025-01-09T16:00:00+09:00", "appointment", 1,
     "製造部の鈴木課長も同席で、1月16日にオンラインで商談。現行の Excel 管理に限界を感じておられる。"),
]


def add_touch(db, company_id, at, outcome, contact_id=None, note=None, **extra):
    row = {"company_id": company_id, "contact_id": contact_id, "kind": "call", "at": at, "outcome": outcome,
           "note": note, "caller": "高橋 由美", **extra}
    return db.table("touches").insert(stamp(row)).last_pk


def make_typical(db) -> int:
    """A typical meeting: three attendees, five touches, notes of a sentence or two; returns its id."""
    company = create_company(db, {
        "name": "株式会社みなと精機", "name_kana": "ミナトセイキ", "corporate_number": "7010001008844",
        "industry": "製造業", "business_domain": "産業用ポンプ", "prefecture": "神奈川県",
        "address": "横浜市鶴見区末広町1-7", "postal_code": "230-0045", "phone": "045-501-1234",
        "employees": 420, "fiscal_year_end_month": 3, "rank": "A", "status": "appointment",
    })
    hr = create_contact(db, company.id, {"name": "佐藤 恵子", "name_kana": "サトウ ケイコ",
                                         "department": "人事部", "title": "部長", "role": "hr"})
    field = create_contact(db, company.id, {"name": "鈴木 健一", "name_kana": "スズキ ケンイチ",
                                            "department": "製造部", "title": "課長", "role": "field"})
    desk = create_contact(db, company.id, {"name": "田中 翔", "department": "総務部", "role": "gatekeeper"})
    touch_ids = []
    for index, (at, outcome, who, note) in enumerate(TYPICAL_NOTES):
        contact = [hr.id, field.id][who] if who is not None else desk.id
        extra = {}
        if outcome == "appointment":
            extra = {"hearing_issue": "シフト作成に毎月20時間", "hearing_budget": "年間200万円程度",
                     "reached_decision_maker": 1}
        touch_ids.append(add_touch(db, company.id, at, outcome, contact, note, **extra))
        if index == 3:
            plan = stamp({"company_id": company.id, "contact_id": hr.id, "due": "2025-01-09", "kind": "call",
                          "hypothesis": ("来期の採用計画が1月に固まるため、"
                                         "その直前に現場課題の解決策を提案する。"),
                          "status": "done", "done_touch_id": None})
            plan_id = db.table("plans").insert(plan).last_pk
    db.table("plans").update(plan_id, {"done_touch_id": touch_ids[-1]})
    meeting = create_meeting(
        db, company.id,
        {
            "starts_at": "2025-01-16T10:00:00+09:00", "duration_min": 60,
            "online_url": "https://meet.example.jp/abc-defg-hij", "field_rep": "山本 大輔",
            "caller": "高橋 由美",
            "purpose": "勤怠・シフト管理の課題ヒアリングとデモのご提案", "touch_id": touch_ids[-1],
            "notes_needs": "製造現場のシフト作成に毎月20時間かかっている。属人化の解消が課題。",
            "notes_current": "Excel と紙のタイムカードを併用。",
            "notes_expectations": "シフト作成の時間を半分にしたい。",
            "notes_concerns": "現場のITリテラシー。タブレットの導入費用。",
            "notes_personality": "佐藤様は慎重で数字を重視。鈴木課長は率直で話し好き。",
            "notes_budget": "年間200万円程度（未確定）",
            "notes_timing": "4月の新年度から運用したい。",
            "notes_decision_process": "人事部長が起案し、役員会で決裁。",
            "notes_competitors": "他社の勤怠システムも資料請求済み。",
            "notes_unknowns": "役員会の開催時期。",
            "questions": ("・現場のシフト作成の流れ\n・役員会の開催時期と起案の締め切り\n"
                          "・タブレット以外の打刻手段の希望"),
            "cautions": "・佐藤様は長い電話を好まれないため、要点から。\n・他社の名前は出さないこと。",
        },
        attendee_ids=[hr.id, field.id],
        attendee_notes={hr.id: "窓口。採用計画の責任者で、数字で判断される。",
                        field.id: "現場の困りごとを一番よくご存じ。シフト表を見せてくださる予定。"},
    )
    return meeting.id


def make_long(db) -> int:
    """The typical meeting with 22 more touches, each with a long note, before it."""
    meeting_id = make_typical(db)
    company_id = db.execute("SELECT company_id FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    start = datetime(2023, 4, 3, 10, 0, tzinfo=JST)
    for index in range(22):
        at = (start + timedelta(days=index * 17)).isoformat()
        note = (f"{index + 1}回目の連絡。ご担当者は会議中とのことで、"
                "折り返しのご連絡をお待ちすることになった。"
                "前回お送りした資料についてのご感想は「社内で回覧中です。」とのこと。"
                "次回は決算期の前にご連絡する。")
        add_touch(db, company_id, at, "callback_requested" if index % 2 else "not_available", None, note)
    return meeting_id


FULL_PEOPLE = [  # name, kana, department, title, role (the typical sample's three come first)
    ("高橋 修", "タカハシ オサム", "経営企画部", "取締役", "decision_maker"),
    ("小林 美咲", "コバヤシ ミサキ", "製造部", "主任", "champion"),
    ("伊藤 大樹", "イトウ ダイキ", "情報システム部", "係長", "blocker"),
    ("渡辺 玲奈", "ワタナベ レイナ", "人事部", "", "other"),
    ("中村 拓也", "ナカムラ タクヤ", "製造部", "班長", "field"),
]
FULL_HEARING = {  # more of what calls heard, so that the notes have facts beyond them
    "hearing_issue": "夜勤の人員配置が毎月の悩み",
    "hearing_current": "紙のタイムカードを月末に手で集計",
    "hearing_timing": "4月の新年度から運用したい",
    "hearing_decision_maker": "高橋取締役が最終決裁",
    "hearing_competitor": "他社の勤怠システムを比較中",
}


def make_full(db) -> int:
    """A full typical meeting: 4 attendees, 8 people on the map with links, 10 touches, every note and
    hearing item filled; returns its id."""
    from models.accounts.relations import add_relationship
    from models.meetings.meetings import update_meeting

    meeting_id = make_typical(db)
    company_id = db.execute("SELECT company_id FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    ids = [row[0] for row in db.execute("SELECT id FROM contacts WHERE company_id = ? ORDER BY id",
                                        [company_id])]
    for name, kana, department, title, role in FULL_PEOPLE:
        ids.append(create_contact(db, company_id, {"name": name, "name_kana": kana, "department": department,
                                                   "title": title or None, "role": role}).id)
    hr, field, desk, boss, champion, it, hr2, lead = ids
    for a, b, kind in ((hr, boss, "reports_to"), (field, boss, "reports_to"), (champion, field, "reports_to"),
                       (lead, field, "reports_to"), (desk, hr, "introduced"), (it, boss, "influences"),
                       (hr2, hr, "reports_to"), (champion, field, "works_with")):
        add_relationship(db, company_id, a, b, kind)
    start = datetime(2024, 11, 5, 10, 0, tzinfo=JST)
    for index in range(5):
        at = (start + timedelta(days=index * 6)).isoformat()
        outcome = "connected" if index % 2 else "not_available"
        add_touch(db, company_id, at, outcome, [champion, it][index % 2],
                  f"{index + 1}件目の補足。現場の小林主任から、夜勤のシフト調整に苦労しているとのお話。",
                  **(FULL_HEARING if index == 4 else {}))
    update_meeting(db, meeting_id, {}, attendee_ids=[hr, field, boss, champion],
                   attendee_notes={hr: "窓口。採用計画の責任者で、数字で判断される。",
                                   field: "現場の困りごとを一番よくご存じ。シフト表を見せてくださる予定。",
                                   boss: "最終決裁者。費用対効果を重視。",
                                   champion: "導入に前向きな推進者。"})
    return meeting_id


def make_large(db) -> int:
    """A large account: the typical meeting with ten more attendees, twelve questions and 24 more touches,
    too much for one page even summarised; returns its id."""
    from models.meetings.meetings import update_meeting

    meeting_id = make_typical(db)
    company_id = db.execute("SELECT company_id FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    people = [create_contact(db, company_id, {"name": f"出席 {n}郎", "department": "製造部"}).id
              for n in range(10)]
    memo = "現場の責任者で、導入後の運用を担う方。前回の打ち合わせでは慎重な姿勢で、費用を気にされていた。"
    update_meeting(db, meeting_id, {"questions": "\n".join(f"確認事項その{n}" for n in range(12))},
                   attendee_ids=people, attendee_notes=dict.fromkeys(people, memo))
    for day in range(1, 25):
        add_touch(db, company_id, f"2024-06-{day:02d}T10:00:00+09:00", "connected", note=f"{day}日の連絡。")
    return meeting_id
