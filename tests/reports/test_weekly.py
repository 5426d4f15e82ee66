"""The weekly review sheet, checked like the briefing sheet: text where a person reads it, nothing
overlapping or outside the page, fonts embedded, the same bytes for the same data."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

import pytest
from pdfcheck import layout_faults, page_count, shows, unembedded_fonts

from models.accounts.companies import create_company
from models.kpi import review
from models.kpi.figures import Period
from models.meetings.meetings import create_meeting, update_meeting
from models.store.db import stamp
from reports.weekly import WeeklyWriteError, render_weekly

JST = timezone(timedelta(hours=9))
WEEK = Period(date(2025, 1, 6), date(2025, 1, 12))
AT = datetime(2025, 1, 13, 9, 0, tzinfo=JST)
NEXT_STEP = "見積りを再提出し、役員会（1月下旬）での検討結果を電話で確認する"
DECISION = ("受付突破のトークスクリプトを見直し、決裁者への直通番号を伺う質問を冒頭に追加する。"
            "来週の架電から全員で使い、接続率の変化を次回のレビューで確認する。")


@pytest.fixture
def data(fresh_db):
    db = fresh_db
    for index in range(6):
        company = create_company(db, {"name": f"株式会社みなと精機{index}"})
        for day in range(6, 11):
            db.table("touches").insert(stamp({
                "company_id": company.id, "kind": "call", "at": f"2025-01-{day:02d}T10:{index:02d}:00+09:00",
                "outcome": ("not_available", "connected", "appointment")[day % 3],
                "reached_decision_maker": int(day == 7)}))
        meeting = create_meeting(db, company.id, {"starts_at": f"2025-01-{7 + index % 5:02d} 14:00"})
        outcome = ("won", "lost", "ongoing", "lost", "postponed", "won")[index]
        update_meeting(db, meeting.id, {
            "status": "held", "outcome": outcome, "outcome_reason": "price" if outcome == "lost" else None,
            "next_step": NEXT_STEP if outcome != "won" else "導入キックオフ"})
    review.add_decision(db, WEEK, DECISION, "佐藤 恵子", "2025-01-17")
    review.add_decision(db, WEEK, "3月決算の製造業リストを作成", "鈴木", None)
    return review.gather_review(db, WEEK, today=date(2025, 1, 13), generated_at=AT)


def _pdf(data) -> bytes:
    out = io.BytesIO()
    render_weekly(data, out)
    return out.getvalue()


def test_the_sheet_reads_and_fits(data, tmp_path):
    pdf = _pdf(data)
    (tmp_path / "weekly.pdf").write_bytes(pdf)
    assert layout_faults(pdf) == []
    assert unembedded_fonts(pdf) == []
    assert shows(pdf, "週次レビューシート", "架電数", "接続率", "キーパーソン接触率", "アポ率", "商談化数",
                 "受注率", "Untouched数", "失注理由（多い順）", "価格", "受注した商談",
                 "受注に至らなかった商談",
                 "決定事項とネクストアクション", "佐藤恵子", "2025/01/17", "社外秘", "1/1",
                 NEXT_STEP, DECISION) == []
    assert page_count(pdf) == 1


def test_same_data_same_bytes_and_footer_time(data, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1736726400")  # 2025-01-13 00:00 UTC = 09:00 JST
    first, second = _pdf(data), _pdf(data)
    assert first == second
    assert shows(first, "作成2025年1月13日09:00") == []


def test_an_empty_week_still_prints(fresh_db):
    data = review.gather_review(fresh_db, WEEK, today=date(2025, 1, 13), generated_at=AT)
    pdf = _pdf(data)
    assert layout_faults(pdf) == []
    assert shows(pdf, "この期間の失注はありません。", "この期間に受注した商談はありません。") == []


def test_a_folder_that_does_not_exist_is_said_plainly(data, tmp_path):
    with pytest.raises(WeeklyWriteError, match="週次レビューシートを"):
        render_weekly(data, tmp_path / "missing" / "weekly.pdf")
