"""Briefing sheets of realistic demo accounts (people with relationships, long histories, the map and
the timeline strip): the checks of test_briefing.py on data nobody arranged to fit. Every one is a single
A4 page with the feedback box on it, as is a full typical meeting (4 attendees, 8 people on the map,
10 touches, every note and hearing item filled)."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest
from brief_samples import GENERATED_AT, make_full
from pdfcheck import layout_faults, page_count, pdffonts, shows, squash, unembedded_fonts

from models.demo.builder import generate_demo
from models.meetings.briefs import gather_brief
from reports.briefing import render_brief, render_briefs


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from models.store.db import open_db

    db = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    generate_demo(db, companies=150, seed=11, today=date(2025, 1, 14))
    yield db
    db.close()


def _meetings(db, limit: int = 8) -> list[int]:
    """Meetings whose company has the most people and relationships first: the fullest sheets."""
    return [row[0] for row in db.execute(
        "SELECT m.id FROM meetings m ORDER BY "
        "(SELECT count(*) FROM relationships r WHERE r.company_id = m.company_id) DESC, "
        "(SELECT count(*) FROM touches t WHERE t.company_id = m.company_id) DESC, m.id LIMIT ?", [limit])]


def _pages(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_every_demo_meetings_sheet_is_one_page_with_the_feedback_box(demo_db, tmp_path):
    ids = [row[0] for row in demo_db.execute("SELECT id FROM meetings ORDER BY id")]
    assert len(ids) >= 10
    for meeting_id in ids:
        out = io.BytesIO()
        result = render_brief(gather_brief(demo_db, meeting_id, GENERATED_AT), out)
        assert result.pages == _pages(out.getvalue()) == 1, meeting_id
        assert result.warnings == (), meeting_id


def test_a_full_typical_meeting_fits_one_page(fresh_db):
    data = gather_brief(fresh_db, make_full(fresh_db), GENERATED_AT)
    assert len(data.attendees) == 4 and len(data.relationship_map.cards) == 8 and len(data.history) == 10
    assert all(item.text for item in data.heard)
    out = io.BytesIO()
    result = render_brief(data, out)
    pdf = out.getvalue()
    assert result.pages == _pages(pdf) == 1
    assert layout_faults(pdf) == []
    assert shows(pdf, "高橋 修", "小林 美咲", "導入に前向きな推進者。", "関係図", "接触履歴", "…ほか",
                 "タイムライン", "商談結果フィードバック", "1 / 1") == []
    first = squash(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "役員会の開催時期。" in first  # the last of the ten notes


def test_demo_sheets_embed_every_font_and_keep_text_inside_and_apart(demo_db, tmp_path):
    ids = _meetings(demo_db)
    assert len(ids) >= 4
    for meeting_id in ids:
        data = gather_brief(demo_db, meeting_id, GENERATED_AT)
        path = tmp_path / f"{meeting_id}.pdf"
        result = render_brief(data, path)
        assert result.pages == page_count(path) == 1, meeting_id
        assert unembedded_fonts(path.read_bytes()) == [], meeting_id
        rows = pdffonts(path)
        if rows is not None:
            assert [row[0] for row in rows if row[-5] != "yes"] == [], f"meeting {meeting_id}: not embedded"
        assert layout_faults(path) == [], meeting_id
        assert shows(path, data.header.company_name, "商談結果フィードバック", f"1 / {result.pages}") == []


def test_a_days_files_are_the_same_bytes_every_time(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1736899200")
    briefs = [gather_brief(demo_db, meeting_id, GENERATED_AT) for meeting_id in _meetings(demo_db, 4)]
    first = render_briefs(briefs, tmp_path / "a", "all.pdf")
    second = render_briefs(briefs, tmp_path / "b", "all.pdf")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
