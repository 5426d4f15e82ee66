"""The team's review sheet: every caller side by side on the first page, then one sheet per caller."""

from __future__ import annotations

import io
from datetime import datetime

import pypdf

from models.kpi.callers import gather_team_review
from models.store import clock
from reports.team_review import render_team_review
from tests.models.kpi import test_kpi_callers as caller_tests
from tests.models.kpi.test_kpi_callers import KATO, SATO, TANAKA, TODAY, WEEK
from tests.reports.pdfcheck import layout_faults, unembedded_fonts

team = caller_tests.team
AT = datetime(2025, 1, 13, 9, 0, tzinfo=clock.zone_named("Asia/Tokyo"))


def _pdf(review) -> bytes:
    out = io.BytesIO()
    render_team_review(review, out)
    return out.getvalue()


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text().replace(" ", "") for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_table_page_names_every_caller_with_their_figures(team):
    db, _ = team
    pdf = _pdf(gather_team_review(db, WEEK, today=TODAY, generated_at=AT))
    (first,) = _pages(pdf)
    assert "チーム週次レビューシート" in first
    for name in (TANAKA, SATO, KATO, "担当者の記録なし", "チーム合計"):
        assert name.replace(" ", "") in first
    # 田中: 4 calls … 300万円; the team: 8 calls, 5 connects … 420万円.
    assert "田中一郎\n4\n2\n1\n1\n1\n1\n300万円" in first
    assert "佐藤花子\n3\n2\n1\n2\n2\n1\n120万円" in first
    assert "チーム合計\n8\n5\n2\n3\n3\n2\n420万円" in first
    assert "その担当者に設定した目標です" in first
    assert layout_faults(pdf) == []
    assert unembedded_fonts(pdf) == []


def test_one_sheet_per_caller_follows(team):
    db, _ = team
    review = gather_team_review(db, WEEK, per_caller=True, today=TODAY, generated_at=AT)
    pdf = _pdf(review)
    pages = _pages(pdf)
    assert len(review.pages) == 4 and len(pages) >= 5
    starts = [text for text in pages[1:] if "週次レビューシート" in text and "対象担当者" in text]
    assert [name for name in (TANAKA, SATO, KATO) if not any(
        f"担当者「{name.replace(' ', '')}」" in text for text in starts)] == []
    # 佐藤's own sheet counts her 3 calls and 2 appointments, with what a caller's figures count.
    sato = next(text for text in pages if f"担当者「{SATO.replace(' ', '')}」" in text)
    assert "担当者別では" in sato
    assert layout_faults(pdf) == []


def test_the_decisions_are_printed_once(team):
    from models.kpi.review import add_decision

    db, _ = team
    add_decision(db, WEEK, "西日本リストの架電時間を午後に寄せる", "佐藤", "2025-01-17")
    review = gather_team_review(db, WEEK, per_caller=True, today=TODAY, generated_at=AT)
    pages = _pages(_pdf(review))
    assert "西日本リストの架電時間を午後に寄せる" in pages[0]
    assert sum("決定事項とネクストアクション" in text for text in pages) == 1
