"""The relationship map's layout: no overlaps, bosses above, deterministic, saved positions, 自社 card."""

from __future__ import annotations

import dataclasses
import itertools
import random
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.accounts.relations import add_relationship, mark_moved, save_positions
from models.maps.layout import (
    US_ID,
    MapLayout,
    MapLink,
    MapPerson,
    MapStyle,
    estimate_width,
    layout_map,
    map_for_company,
    recency_bucket,
)
from models.maps.samples import org_chart
from models.store.db import stamp, writing
from tests.models.call_helpers import add_company, add_contact


def problems(layout: MapLayout) -> list[str]:
    """Everything that overlaps and should not: cards, labels, department titles."""
    cards = [c.box for c in layout.cards] + ([layout.us.box] if layout.us else [])
    texts = [e.label.box for e in layout.edges if e.label] + [h.text.box for h in layout.headers]
    found = [f"cards {a} {b}" for a, b in itertools.combinations(cards, 2) if a.overlaps(b)]
    found += [f"labels {a} {b}" for a, b in itertools.combinations(texts, 2) if a.overlaps(b)]
    found += [f"label on card {a} {b}" for a in texts for b in cards if a.overlaps(b)]
    return found


def bosses_above(layout: MapLayout, links: list[MapLink]) -> list[str]:
    return [f"{k.from_id}→{k.to_id}" for k in links
            if k.kind == "reports_to" and not layout.card(k.to_id).y < layout.card(k.from_id).y]


def on_border(point: tuple[float, float], box) -> bool:
    x, y = point
    inside = box.x - 0.01 <= x <= box.right + 0.01 and box.y - 0.01 <= y <= box.bottom + 0.01
    edge = min(abs(x - box.x), abs(x - box.right), abs(y - box.y), abs(y - box.bottom)) < 0.02
    return inside and edge


@pytest.mark.parametrize("n", range(2, 61))
def test_tidy_layout_has_no_overlaps_and_bosses_above(n):
    for seed in (n, 1000 + n):
        people, links = org_chart(n, seed)
        layout = layout_map(people, links, use_saved_positions=False, include_us=seed % 2 == 0)
        assert layout.tidy
        assert problems(layout) == []
        assert bosses_above(layout, links) == []
        assert len(layout.cards) == n


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(2, 60), seed=st.integers(0, 10**6), extra=st.floats(0, 2), us=st.booleans(),
       aspect=st.sampled_from([0.7, 1.6, 3.0]))
def test_any_org_chart_lays_out_cleanly(n, seed, extra, us, aspect):
    people, links = org_chart(n, seed, extra=extra)
    style = MapStyle(aspect=aspect)
    layout = layout_map(people, links, use_saved_positions=False, include_us=us, style=style)
    assert problems(layout) == []
    assert bosses_above(layout, links) == []


def test_edges_run_from_border_to_border_orthogonally():
    people, links = org_chart(30, 7)
    layout = layout_map(people, links, use_saved_positions=False, include_us=True)
    for edge in layout.edges:
        assert on_border(edge.points[0], layout.card(edge.from_id).box), edge
        assert on_border(edge.points[-1], layout.card(edge.to_id).box), edge
        for (x1, y1), (x2, y2) in itertools.pairwise(edge.points):
            assert x1 == x2 or y1 == y2, edge
    reports = [e for e in layout.edges if e.kind == "reports_to"]
    assert reports and all(e.directed and e.points[0][1] > e.points[-1][1] for e in reports)


def test_same_input_in_any_order_gives_the_same_layout():
    people, links = org_chart(40, 3)
    first = layout_map(people, links, use_saved_positions=False, include_us=True)
    assert layout_map(people, links, use_saved_positions=False, include_us=True) == first
    rng = random.Random(5)
    shuffled_people, shuffled_links = people[:], links[:]
    rng.shuffle(shuffled_people)
    rng.shuffle(shuffled_links)
    assert layout_map(shuffled_people, shuffled_links, use_saved_positions=False, include_us=True) == first


def test_departments_are_columns_under_their_header():
    people, links = org_chart(24, 11)
    layout = layout_map(people, links, use_saved_positions=False)
    columns = {h.text.text: h.column for h in layout.headers}
    assert len(columns) == len(layout.headers)
    for card in layout.cards:
        column = columns[card.department or "部署未登録"]
        assert column.x <= card.x and card.x + card.w <= column.right
        assert column.y <= card.y and card.y + card.h <= column.bottom
    for a, b in itertools.combinations(layout.headers, 2):
        assert not a.column.overlaps(b.column)


def test_wide_maps_wrap_into_bands_near_the_aspect_asked_for():
    people, links = org_chart(60, 2)
    wide = layout_map(people, links, use_saved_positions=False, style=MapStyle(aspect=100))
    square = layout_map(people, links, use_saved_positions=False, style=MapStyle(aspect=1.0))
    assert wide.bounds.w / wide.bounds.h > 2.5
    assert 0.5 < square.bounds.w / square.bounds.h < 2.0
    assert problems(square) == [] and bosses_above(square, links) == []


def small_account() -> tuple[list[MapPerson], list[MapLink]]:
    people = [
        MapPerson(1, "受付 花子", "総務部", None, "gatekeeper", recency="7d"),
        MapPerson(2, "人事 次郎", "人事部", "課長", "hr", recency="30d"),
        MapPerson(3, "現場 三郎", "製造部", "部長", "field", recency="never"),
        MapPerson(4, "前任 四郎", "人事部", "部長", "decision_maker", "moved", "2025-04-01", successor_id=5,
                  recency="older"),
        MapPerson(5, "後任 五郎", "人事部", "部長", "decision_maker", recency="90d"),
    ]
    links = [
        MapLink(1, 2, "introduced", 1, "内線で", "2025-05-01", "受付"),
        MapLink(2, 5, "reports_to", 2),
        MapLink(2, 3, "works_with", 3),
    ]
    return people, links


def test_moved_person_is_greyed_and_linked_to_the_successor():
    people, links = small_account()
    layout = layout_map(people, links, use_saved_positions=False)
    assert layout.card(4).greyed and not layout.card(5).greyed
    assert layout.card(4).status.text == "異動 2025/04/01"
    (successor,) = [e for e in layout.edges if e.kind == "successor"]
    assert (successor.from_id, successor.to_id, successor.directed) == (4, 5, True)
    assert successor.label.text == "後任"
    introduced = next(e for e in layout.edges if e.kind == "introduced")
    assert (introduced.relationship_id, introduced.note, introduced.as_of, introduced.source) == (
        1, "内線で", "2025-05-01", "受付")


def test_us_card_links_to_people_reached_first_hand():
    people, links = small_account()
    assert layout_map(people, links, use_saved_positions=False).us is None
    layout = layout_map(people, links, use_saved_positions=False, include_us=True)
    assert layout.us.is_us and layout.us.name.text == "自社"
    # 人事 was reached through 受付's introduction: the map shows that link, not a second one from us.
    assert sorted(e.to_id for e in layout.edges if e.from_id == US_ID) == [1, 4, 5]
    assert all(e.kind == "us" and e.directed for e in layout.edges if e.from_id == US_ID)
    assert layout.us.y + layout.us.h <= min(c.y for c in layout.cards)
    assert problems(layout) == []


def test_card_text_and_size_follow_the_metric():
    person = MapPerson(1, "長い名前の担当者さん", "営業本部 第一営業部", "部長", "champion", recency="7d")
    short = MapPerson(2, "林", None, None)
    layout = layout_map([person, short], [], use_saved_positions=False)
    card, small = layout.card(1), layout.card(2)
    assert card.w > small.w
    assert (card.name.text, card.subtitle.text, card.badge.text, card.status.text) == (
        "長い名前の担当者さん", "営業本部 第一営業部 部長", "推進者", "7日以内")
    assert (card.role, card.recency, small.subtitle) == ("champion", "7d", None)
    assert card.name.x >= card.x and card.name.x + card.name.w <= card.x + card.w
    doubled = layout_map([person, short], [], use_saved_positions=False,
                         style=MapStyle(measure=lambda text, size: 2 * estimate_width(text, size)))
    assert doubled.card(1).w > card.w
    capped = layout_map([dataclasses.replace(person, name="名" * 60)], [], use_saved_positions=False)
    assert capped.card(1).w == MapStyle().card_max_w and capped.card(1).name.text.endswith("…")


def test_saved_positions_are_kept_and_new_cards_overlap_nothing():
    people, links = org_chart(20, 4)
    tidy = layout_map(people, links, use_saved_positions=False)
    centres = tidy.positions()
    # moved a little, as a person dragging cards would: no longer the tidy layout
    saved = [dataclasses.replace(p, x=centres[p.contact_id][0] + 3, y=centres[p.contact_id][1])
             if i % 4 else p for i, p in enumerate(people)]
    layout = layout_map(saved, links, include_us=True)
    assert not layout.tidy
    for person in saved:
        if person.x is not None:
            assert layout.card(person.contact_id).centre == pytest.approx((person.x, person.y))
    assert problems(layout) == []
    for edge in layout.edges:
        assert on_border(edge.points[0], layout.card(edge.from_id).box)
        assert on_border(edge.points[-1], layout.card(edge.to_id).box)
    assert layout == layout_map(list(reversed(saved)), list(reversed(links)), include_us=True)


def test_positions_saved_after_tidy_up_draw_the_tidy_layout_again():
    people, links = org_chart(15, 9)
    tidy = layout_map(people, links, use_saved_positions=False)
    centres = tidy.positions()
    saved = [dataclasses.replace(p, x=centres[p.contact_id][0], y=centres[p.contact_id][1]) for p in people]
    assert layout_map(saved, links) == tidy
    assert layout_map(saved, links, use_saved_positions=False) == tidy


def test_empty_and_invalid_input():
    empty = layout_map([], [])
    assert (empty.cards, empty.edges, empty.us) == ((), (), None)
    alone = layout_map([], [], include_us=True)
    assert alone.us is not None and alone.edges == ()
    with pytest.raises(ValueError):
        layout_map([MapPerson(1, "a")], [MapLink(1, 2, "works_with")])
    with pytest.raises(ValueError):
        layout_map([MapPerson(1, "a"), MapPerson(1, "b")], [])


def test_recency_buckets():
    today = date(2026, 1, 31)
    days = (date(2026, 1, 24), date(2026, 1, 1), date(2025, 11, 2), date(2025, 11, 1), None)
    assert [recency_bucket(d, today) for d in days] == ["7d", "30d", "90d", "older", "never"]


def test_map_for_company_reads_people_links_recency_and_positions(fresh_db):
    db = fresh_db
    company = add_company(db, "株式会社アクメ")
    a = add_contact(db, company, "受付 花子", "gatekeeper")
    b = add_contact(db, company, "人事 次郎", "hr")
    c = add_contact(db, company, "現場 三郎", "field")
    add_relationship(db, company, a, b, "introduced", note="内線で")
    add_relationship(db, company, c, b, "reports_to")
    mark_moved(db, a, "left", "2025-10-01", successor_id=c)
    with writing(db):
        db.table("touches").insert(stamp({"company_id": company, "contact_id": b, "outcome": "connected",
                                          "at": "2026-01-20T10:00:00+09:00"}))
    today = date(2026, 1, 31)
    layout = map_for_company(db, company, today)
    assert layout.tidy and [c_.contact_id for c_ in layout.cards] == [a, b, c]
    assert (layout.card(b).recency, layout.card(c).recency) == ("30d", "never")
    assert layout.card(a).greyed and any(e.kind == "successor" for e in layout.edges)
    assert layout.card(b).y < layout.card(c).y
    save_positions(db, {a: (100.0, 100.0), b: (400.0, 100.0)})
    moved = map_for_company(db, company, today, include_us=True)
    assert not moved.tidy
    assert moved.card(a).centre == pytest.approx((100.0, 100.0))
    assert moved.card(b).centre == pytest.approx((400.0, 100.0))
    assert [e.to_id for e in moved.edges if e.from_id == US_ID] == [b]
    assert problems(moved) == []
