"""A sheet of any data is drawn in bounded memory: each value is cut to what its box holds (with …, and a
warning saying so), and the page filler stops a split that makes no progress instead of adding pages
until memory runs out (a 1,000-character company name once took 24 GB)."""

from __future__ import annotations

import io
import tracemalloc

import pypdf
import pytest
from brief_samples import make_typical
from pdfcheck import all_text
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.doctemplate import LayoutError

from models.meetings.briefs import gather_brief
from models.store import clock
from reports import briefing_sections, sheet_parts
from reports.briefing import FRAME, render_brief
from reports.fonts import BOLD, fit_lines, fit_text, register_fonts
from reports.layout import paginate
from reports.sheet_parts import Texts

PEAK_BYTES = 300 * 1024 * 1024  # generous: a typical sheet peaks near 10 MB, this one near 35 MB


def fill_everything(db, meeting_id: int, name_chars: int, note_chars: int) -> None:
    """Every text of the meeting's account as long as given, written past the forms' limits (as an
    older version, a sync or another program could have)."""
    company_id = db.execute("SELECT company_id FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    name = ("株式会社長い名前" * name_chars)[:name_chars]
    note = ("現場の課題は多い。「シフトが回らない」と伺った。" * note_chars)[:note_chars]
    short = ("name", "name_kana", "industry", "business_domain", "address", "phone", "website", "postal_code")
    db.execute(f"UPDATE companies SET {', '.join(f'{c} = ?' for c in short)}, notes = ? WHERE id = ?",
               [*([name] * len(short)), note, company_id])
    db.execute("UPDATE meetings SET place = ?, purpose = ?, field_rep = ?, caller = ?, notes_needs = ?,"
               " notes_current = ?, notes_personality = ?, questions = ?, cautions = ? WHERE id = ?",
               [name, name, name, name, note, note, note, note, note, meeting_id])
    db.execute("UPDATE contacts SET name = ?, name_kana = ?, department = ?, title = ?, notes = ?"
               " WHERE company_id = ?", [name, name, name, name, note, company_id])
    db.execute("UPDATE touches SET note = ? WHERE company_id = ?", [note, company_id])
    db.execute("UPDATE plans SET hypothesis = ? WHERE company_id = ?", [note, company_id])


def test_a_brief_of_a_1000_character_name_and_10000_character_notes_renders_in_bounded_memory(fresh_db):
    meeting_id = make_typical(fresh_db)
    fill_everything(fresh_db, meeting_id, 1_000, 10_000)
    data = gather_brief(fresh_db, meeting_id, clock.now())
    out = io.BytesIO()
    tracemalloc.start()
    try:
        result = render_brief(data, out)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_BYTES
    pdf = out.getvalue()
    assert pdf.startswith(b"%PDF") and len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == result.pages
    assert result.pages <= 30
    first_page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "株式会社長い名前" in first_page and "…" in first_page
    assert any(w.startswith("ヘッダーの記載が長すぎるため") for w in result.warnings)
    assert any(w.startswith("接触履歴の記載が長すぎるため") for w in result.warnings)
    assert "シフトが回らない" in all_text(pdf)


@pytest.mark.parametrize(("name_chars", "note_chars"), [(200, 1_000), (100_000, 600_000)])
def test_a_brief_of_any_length_renders(fresh_db, name_chars, note_chars):
    meeting_id = make_typical(fresh_db)
    fill_everything(fresh_db, meeting_id, name_chars, note_chars)
    result = render_brief(gather_brief(fresh_db, meeting_id, clock.now()), io.BytesIO())
    assert 1 <= result.pages <= 30


def test_a_split_that_makes_no_progress_stops_with_a_layout_error(fresh_db, monkeypatch):
    # The header as it was before names were cut to fit: a title of 1,000 characters spanning three columns
    # beside a nested table. reportlab splits that row into a first part and a remainder as tall as before.
    meeting_id = make_typical(fresh_db)
    fill_everything(fresh_db, meeting_id, 1_000, 100)
    monkeypatch.setattr(briefing_sections, "fit_lines", lambda text, *_args: text)
    monkeypatch.setattr(sheet_parts, "SHORT_TEXT", 10**9)
    story = briefing_sections.header(gather_brief(fresh_db, meeting_id, clock.now()), Texts(), FRAME.width)
    tracemalloc.start()
    try:
        with pytest.raises(LayoutError):  # "taller than a page", or "past MAX_PAGES pages"
            paginate(story, FRAME)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_BYTES


def test_fit_text_and_fit_lines_cut_a_text_of_any_length_to_its_width():
    register_fonts()
    text = "株式会社長い名前" * 100_000
    one = fit_text(text, BOLD, 14.5, 300)
    assert one.endswith("…") and stringWidth(one, BOLD, 14.5) <= 300
    assert stringWidth(fit_text(one[:-2] + "a", BOLD, 14.5, 300), BOLD, 14.5) <= 300
    two = fit_lines(text, BOLD, 14.5, 300, 2)
    assert two.endswith("…") and len(one) < len(two) < 2 * len(one)
    assert fit_text("短い", BOLD, 14.5, 300) == "短い"
