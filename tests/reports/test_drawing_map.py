"""The relationship map on the briefing sheet: drawn from the shared layout, scaled to fit, readable."""

from __future__ import annotations

import io

import pytest
from brief_samples import GENERATED_AT, make_long, make_typical
from pdfcheck import all_text, layout_faults, shows, unembedded_fonts

from models.accounts import companies, relations
from models.maps.brief import brief_map
from models.maps.layout import layout_map
from models.maps.samples import org_chart
from models.meetings.briefs import gather_brief
from reports.briefing import render_brief
from reports.drawing_map import MAP_MAX_HEIGHT, drawing_scale, map_drawing, pdf_measure


def link_the_account(db, meeting_id):
    """The typical account's people linked as a caller would map them, plus a decision maker."""
    company_id = db.execute("SELECT company_id FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    ids = {c.name: c.id for c in companies.list_contacts(db, company_id)}
    boss = companies.create_contact(db, company_id, {"name": "山口 誠", "department": "製造部",
                                                     "title": "部長", "role": "decision_maker"})
    relations.add_relationship(db, company_id, ids["田中 翔"], ids["佐藤 恵子"], "introduced")
    relations.add_relationship(db, company_id, ids["佐藤 恵子"], ids["鈴木 健一"], "introduced",
                               note="現場責任者として紹介")
    relations.add_relationship(db, company_id, ids["鈴木 健一"], boss.id, "reports_to")
    return company_id


def render(data) -> tuple[bytes, object]:
    out = io.BytesIO()
    result = render_brief(data, out)
    return out.getvalue(), result


def test_a_linked_account_prints_its_map_with_every_person(fresh_db):
    meeting_id = make_typical(fresh_db)
    link_the_account(fresh_db, meeting_id)
    data = gather_brief(fresh_db, meeting_id, GENERATED_AT)
    assert data.relationship_map is not None and len(data.relationship_map.cards) == 4
    pdf, result = render(data)
    assert result.pages <= 2 and result.warnings == ()
    text = all_text(pdf)
    assert "関係図" in text and "山口 誠" in text and "決裁者" in text
    assert shows(pdf, "紹介した", "上司", "人事部", "製造部", "総務部") == []
    assert layout_faults(pdf) == []
    assert unembedded_fonts(pdf) == []  # the drawing names our font; no stray Helvetica


def test_long_history_with_a_map_still_lays_out_cleanly(fresh_db):
    meeting_id = make_long(fresh_db)
    link_the_account(fresh_db, meeting_id)
    pdf, result = render(gather_brief(fresh_db, meeting_id, GENERATED_AT))
    # The map takes about a fifth of a page: the long sheet's history then runs onto a third page.
    assert result.pages <= 3 and layout_faults(pdf) == []


def test_no_map_without_links_or_with_a_single_person(fresh_db):
    meeting_id = make_typical(fresh_db)  # three people, no links: the attendee table says it all
    company_id = fresh_db.execute("SELECT company_id FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    assert brief_map(fresh_db, company_id, GENERATED_AT.date()) is None
    lone = companies.create_company(fresh_db, {"name": "一人商店"})
    companies.create_contact(fresh_db, lone.id, {"name": "佐藤"})
    assert brief_map(fresh_db, lone.id, GENERATED_AT.date()) is None


def test_a_successor_alone_is_worth_a_map(fresh_db):
    company = companies.create_company(fresh_db, {"name": "株式会社あおば"})
    old = companies.create_contact(fresh_db, company.id, {"name": "佐藤"})
    new = companies.create_contact(fresh_db, company.id, {"name": "井上"})
    relations.mark_moved(fresh_db, old.id, "moved", "2025-04-01", new.id)
    layout = brief_map(fresh_db, company.id, GENERATED_AT.date())
    assert layout is not None and [e.kind for e in layout.edges] == ["successor"]


def test_overlapping_saved_positions_print_the_tidy_layout(fresh_db):
    company = companies.create_company(fresh_db, {"name": "株式会社あおば"})
    a = companies.create_contact(fresh_db, company.id, {"name": "佐藤 恵子"})
    b = companies.create_contact(fresh_db, company.id, {"name": "鈴木 健一"})
    relations.add_relationship(fresh_db, company.id, a.id, b.id, "works_with")
    relations.save_positions(fresh_db, {a.id: (100, 100), b.id: (110, 104)})  # on screen: nearly on top
    layout = brief_map(fresh_db, company.id, GENERATED_AT.date())
    first, second = layout.cards
    assert layout.tidy and not first.box.overlaps(second.box)


@pytest.mark.parametrize("n", [2, 12, 60])
def test_drawing_fits_the_width_and_height_and_never_enlarges(n):
    people, links = org_chart(n, 3)
    layout = layout_map(people, links, use_saved_positions=False)
    drawing = map_drawing(layout, 500, MAP_MAX_HEIGHT)
    assert drawing.width <= 500 + 0.01 and drawing.height <= MAP_MAX_HEIGHT + 0.01
    scale = drawing_scale(layout, 500, MAP_MAX_HEIGHT)
    assert scale <= 1.0
    assert drawing.width == pytest.approx(layout.bounds.w * scale)
    if n == 2:
        assert scale == 1.0


def test_a_character_the_font_lacks_is_marked_and_reported(fresh_db):
    meeting_id = make_typical(fresh_db)
    company_id = link_the_account(fresh_db, meeting_id)
    companies.create_contact(fresh_db, company_id, {"name": "髙橋 😀"})
    pdf, result = render(gather_brief(fresh_db, meeting_id, GENERATED_AT))
    assert any("関係図" in warning and "U+1F600" in warning for warning in result.warnings)
    assert "〓" in all_text(pdf)


def test_pdf_metric_is_the_embedded_font():
    assert pdf_measure("", 9) == 0
    assert pdf_measure("佐藤", 10) == pytest.approx(20, abs=1.5)
    assert pdf_measure("ABC", 10) < pdf_measure("佐藤恵子", 10)
