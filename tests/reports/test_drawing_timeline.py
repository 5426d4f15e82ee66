"""The timeline strip on paper: the model's positions drawn in the embedded font, readable and tidy."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from pdfcheck import all_text, layout_faults, shows, squash, unembedded_fonts
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Polygon
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from models.accounts.companies import create_company
from models.planning.timeline import strip_for_paper
from models.planning.timeline_samples import sample_account
from reports.drawing_timeline import STRIP_HEIGHT, timeline_drawing
from reports.fonts import REGULAR, register_fonts

JST = timezone(timedelta(hours=9))
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=JST)
MEETING = NOW + timedelta(days=4)
WIDTH = 480


def pdf_of(drawing) -> bytes:
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1, initialFontName=REGULAR)  # as the briefing sheet
    renderPDF.draw(drawing, canvas, 60, 600)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_strip_of_a_long_account_shows_months_now_meeting_and_legend(fresh_db):
    company = sample_account(fresh_db, touches=400, plans=60, now=NOW)
    strip = strip_for_paper(fresh_db, company, MEETING, now=NOW)
    drawing = timeline_drawing(strip, WIDTH, focus=MEETING)
    assert (drawing.width, drawing.height) == (WIDTH, STRIP_HEIGHT)
    pdf = pdf_of(drawing)
    assert shows(pdf, "本日", "商談", "12月", "2027年1月", "接触（前進）", "予定", "完了した予定",
                 f"ほか {strip.omitted} 件は省略") == []
    assert "2026/05/24〜2027/05/24" in squash(all_text(pdf))
    assert unembedded_fonts(pdf) == []
    assert layout_faults(pdf) == []


def test_markers_sit_where_the_model_places_them(fresh_db):
    company = sample_account(fresh_db, touches=12, plans=6, now=NOW)
    strip = strip_for_paper(fresh_db, company, NOW, now=NOW)
    drawing = timeline_drawing(strip, WIDTH)
    left, right = 2.0, WIDTH - 2.0
    dots = sorted(round(shape.cx, 2) for shape in drawing.contents
                  if isinstance(shape, Circle) and shape.r > 2.2)  # the legend's dots are smaller
    expected = sorted(round(left + item.position * (right - left), 2) for item in strip.items
                      if item.source == "touch")
    assert dots == expected
    diamonds = [shape for shape in drawing.contents if isinstance(shape, Polygon)]
    assert len(diamonds) >= sum(1 for item in strip.items if item.is_plan)


def test_an_account_without_history_says_so(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社まっさら"}).id
    strip = strip_for_paper(fresh_db, company, MEETING, now=NOW)
    pdf = pdf_of(timeline_drawing(strip, WIDTH, focus=MEETING))
    assert shows(pdf, "この期間の接触・予定はありません", "本日", "商談") == []
    assert layout_faults(pdf) == []


def test_a_character_the_font_lacks_goes_through_the_replacement(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社まっさら"}).id
    strip = strip_for_paper(fresh_db, company, MEETING, now=NOW)
    seen = []
    timeline_drawing(strip, WIDTH, plain=lambda text: seen.append(text) or text)
    assert seen and "この期間" in seen[0]


def test_an_upcoming_meeting_is_a_navy_square_on_the_strip(fresh_db):
    from reportlab.graphics.shapes import Rect

    from models.meetings.meetings import create_meeting
    from reports.drawing_timeline import MEETING as NAVY

    company = create_company(fresh_db, {"name": "株式会社みなと精機"}).id
    later = create_meeting(fresh_db, company, {"starts_at": (MEETING + timedelta(days=30)).isoformat()})
    strip = strip_for_paper(fresh_db, company, MEETING, now=NOW)
    assert [item.key for item in strip.items] == [("meeting", later.id)]
    drawing = timeline_drawing(strip, WIDTH, focus=MEETING)
    squares = [shape for shape in drawing.contents if isinstance(shape, Rect) and shape.fillColor == NAVY]
    left, right = 2.0, WIDTH - 2.0
    assert any(abs(square.x + square.width / 2 - (left + strip.items[0].position * (right - left))) < 0.01
               for square in squares)
    assert shows(pdf_of(drawing), "商談予定") == []
