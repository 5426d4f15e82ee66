"""The relationship map as plain data: cards, routed links and labels, computed once for two renderers.

``layout_map`` is a pure function: the Qt map view and the reportlab briefing sheet draw exactly the
``MapLayout`` it returns (the types are in ``models/maps/types.py`` and re-exported here). Saved
positions are card centres, so a card keeps its place when its text (and so its width) changes.

Two modes: with saved positions the cards stay where the caller put them (new cards are placed
where they overlap nothing) and links are routed around them (``models/maps/free.py``); "tidy up"
computes a layered layout with departments as columns and bosses above their people
(``models/maps/tidy.py``, ``map_rows.py``, ``map_channels.py``). In both, no label overlaps a card
or another label.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date

from sqlite_utils import Database

from models.accounts.vocab import CONTACT_ROLE, EMPLOYMENT
from models.maps.free import free_layout
from models.maps.tidy import tidy_layout
from models.maps.types import (
    DIRECTED_KINDS,
    EDGE_LABELS,
    EDGE_STYLE,
    GREYED_COLOUR,
    NO_DEPARTMENT,
    RECENCY_BUCKETS,
    RECENCY_LABELS,
    RECENCY_STYLE,
    ROLE_COLOURS,
    US_ID,
    US_LABEL,
    Box,
    CardSpec,
    DepartmentHeader,
    EdgeSpec,
    MapCard,
    MapEdge,
    MapLayout,
    MapLink,
    MapPerson,
    MapStyle,
    Routed,
    TextBox,
    department_key,
    estimate_width,
)

__all__ = [
    "DIRECTED_KINDS", "EDGE_LABELS", "EDGE_STYLE", "GREYED_COLOUR", "NO_DEPARTMENT", "RECENCY_BUCKETS",
    "RECENCY_LABELS", "RECENCY_STYLE", "ROLE_COLOURS", "US_ID", "US_LABEL", "Box", "DepartmentHeader",
    "MapCard", "MapEdge", "MapLayout", "MapLink", "MapPerson", "MapStyle", "TextBox", "card_spec",
    "department_key", "estimate_width", "layout_map", "map_for_company", "map_people", "recency_bucket",
]


def recency_bucket(last: date | None, today: date) -> str:
    """'7d', '30d', '90d', 'older' or 'never': how long ago we last spoke with the person."""
    if last is None:
        return "never"
    days = (today - last).days
    if days <= 7:
        return "7d"
    if days <= 30:
        return "30d"
    if days <= 90:
        return "90d"
    return "older"


def _fit(text: str, size: float, width: float, measure: Callable[[str, float], float]) -> str:
    if measure(text, size) <= width + 0.01:
        return text
    while text and measure(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _up(value: float) -> float:
    """``value`` rounded up to the hundredth, so rounding never makes a card narrower than its text."""
    return math.ceil(value * 100 - 1e-6) / 100


def card_spec(person: MapPerson, style: MapStyle) -> CardSpec:
    """Size a card from its texts: name; department and title; role chip with recency or 異動/退職."""
    m = style.measure
    name = person.name.strip() or "（名前なし）"
    subtitle = " ".join(part.strip() for part in (person.department, person.title) if part and part.strip())
    role_label = CONTACT_ROLE.get(person.role, CONTACT_ROLE["other"])[0]
    if person.employment in ("moved", "left"):
        status = EMPLOYMENT[person.employment][0]
        if person.employment_changed_on:
            status += " " + person.employment_changed_on.replace("-", "/")
    else:
        status = RECENCY_LABELS.get(person.recency, "")
    chip_w = m(role_label, style.badge_size) + 6
    inner = max(m(name, style.name_size), m(subtitle, style.sub_size) if subtitle else 0.0,
                chip_w + 5 + m(status, style.badge_size))
    w = min(style.card_max_w, max(style.card_min_w, inner + 2 * style.card_pad_x))
    inner_w = w - 2 * style.card_pad_x
    x, y = style.card_pad_x, style.card_pad_y
    name_h = style.name_size * 1.35
    name_box = TextBox(_fit(name, style.name_size, inner_w, m), x, y, inner_w, name_h, style.name_size, True)
    y += name_h + style.line_gap
    sub_box = None
    if subtitle:
        sub_h = style.sub_size * 1.35
        sub_box = TextBox(_fit(subtitle, style.sub_size, inner_w, m), x, y, inner_w, sub_h, style.sub_size)
        y += sub_h + style.line_gap
    chip_h = style.badge_size * 1.6
    badge = TextBox(role_label, x, y, chip_w, chip_h, style.badge_size, True)
    status_w = inner_w - chip_w - 5
    status_box = TextBox(_fit(status, style.badge_size, status_w, m), x + chip_w + 5, y, status_w, chip_h,
                         style.badge_size) if status else None
    h = y + chip_h + style.card_pad_y
    return CardSpec(_up(w), _up(h), (name_box, sub_box, badge, status_box))


def us_spec(style: MapStyle) -> CardSpec:
    w = max(style.card_min_w * 0.75, style.measure(US_LABEL, style.name_size) + 2 * style.card_pad_x)
    h = style.name_size * 1.35 + 2 * style.card_pad_y + 4
    name = TextBox(US_LABEL, style.card_pad_x, style.card_pad_y + 2, w - 2 * style.card_pad_x,
                   style.name_size * 1.35, style.name_size, True)
    return CardSpec(round(w, 2), round(h, 2), (name, None, None, None))


def _us_targets(people: dict[int, MapPerson], links: list[MapLink]) -> list[int]:
    """Whom we reached first-hand: reached people not introduced to us by another reached person."""
    reached = {pid for pid, person in people.items() if person.recency != "never"}
    through = {link.to_id for link in links
               if link.kind == "introduced" and link.from_id in reached and link.to_id in reached}
    return sorted(reached - through)


def _check_input(people: list[MapPerson], links: list[MapLink]) -> dict[int, MapPerson]:
    by_id: dict[int, MapPerson] = {}
    for person in people:
        if person.contact_id in by_id or person.contact_id == US_ID:
            raise ValueError(f"duplicate or reserved contact id {person.contact_id}")
        by_id[person.contact_id] = person
    for link in links:
        if link.from_id not in by_id or link.to_id not in by_id or link.from_id == link.to_id:
            raise ValueError(f"link {link} does not join two different people on the map")
    return by_id


def _edge_inputs(
    people: dict[int, MapPerson], links: list[MapLink], include_us: bool, style: MapStyle
) -> list[tuple[EdgeSpec, MapLink | None]]:
    """Every edge to draw, in a fixed order: links, then successor links, then the us card's."""
    ordered = sorted(links, key=lambda k: (k.from_id, k.to_id, k.kind, k.relationship_id or 0,
                                            k.note or "", k.as_of or "", k.source or ""))
    raw: list[tuple[int, int, str, MapLink | None]] = [(k.from_id, k.to_id, k.kind, k) for k in ordered]
    for pid in sorted(people):
        successor = people[pid].successor_id
        if people[pid].employment != "active" and successor in people and successor != pid:
            raw.append((pid, successor, "successor", None))
    if include_us:
        raw.extend((US_ID, target, "us", None) for target in _us_targets(people, links))
    edges = []
    for index, (a, b, kind, link) in enumerate(raw):
        text = EDGE_LABELS.get(kind, "")
        label_w = round(style.measure(text, style.label_size) + 2 * style.label_pad, 2) if text else 0.0
        weight = 1.0 if kind in ("reports_to", "successor") else 0.3
        edges.append((EdgeSpec(index, a, b, kind, label_w, weight), link))
    return edges


def layout_map(
    people: list[MapPerson],
    links: list[MapLink],
    *,
    use_saved_positions: bool = True,
    include_us: bool = False,
    style: MapStyle | None = None,
) -> MapLayout:
    """Lay out a relationship map. Deterministic: the same people and links, in any order, give the
    same layout.

    Args:
        people: the cards; ``x``/``y`` are used when ``use_saved_positions`` and at least one is set
            (people without a position are placed where they overlap nothing).
        links: the typed links between them.
        use_saved_positions: False computes the tidy layout ("tidy up").
        include_us: add the 自社 card, linked to the people we reached first-hand.
        style: sizes and text metric.
    """
    style = style or MapStyle()
    by_id = dict(sorted(_check_input(people, links).items()))
    specs = {pid: card_spec(by_id[pid], style) for pid in sorted(by_id)}
    if include_us:
        specs[US_ID] = us_spec(style)
    edges = _edge_inputs(by_id, links, include_us, style)
    saved = {pid: (p.x, p.y) for pid, p in by_id.items() if p.x is not None and p.y is not None}
    inputs = [e for e, _ in edges]
    routed = None
    if not (use_saved_positions and saved) or len(saved) == len(by_id):
        routed = tidy_layout(specs, by_id, inputs, style)
        # Positions saved straight after "tidy up" still draw as the tidy layout (with its headers).
        if use_saved_positions and saved and not _same_places(routed, specs, saved):
            routed = None
    tidy = routed is not None
    if routed is None:
        routed = free_layout(specs, saved, inputs, style)
    return _assemble(by_id, specs, edges, routed, tidy, style)


def _same_places(routed: Routed, specs: dict[int, CardSpec], saved: dict[int, tuple[float, float]]) -> bool:
    for pid, (x, y) in saved.items():
        left, top = routed.corners[pid]
        if abs(left + specs[pid].w / 2 - x) > 0.5 or abs(top + specs[pid].h / 2 - y) > 0.5:
            return False
    return True


def _assemble(
    people: dict[int, MapPerson],
    specs: dict[int, CardSpec],
    edges: list[tuple[EdgeSpec, MapLink | None]],
    routed: Routed,
    tidy: bool,
    style: MapStyle,
) -> MapLayout:
    cards = []
    us_card = None
    for pid in sorted(specs):
        card = specs[pid]
        x, y = routed.corners[pid]
        name_box, *others = card.texts
        name = name_box.moved(x, y)
        if pid == US_ID:
            us_card = MapCard(US_ID, x, y, card.w, card.h, name, None, None, None, "other", "7d",
                              False, "", is_us=True)
            continue
        subtitle, badge, status = (t.moved(x, y) if t is not None else None for t in others)
        person = people[pid]
        cards.append(MapCard(
            pid, x, y, card.w, card.h, name, subtitle, badge, status,
            person.role if person.role in CONTACT_ROLE else "other",
            person.recency if person.recency in RECENCY_BUCKETS else "never",
            person.employment in ("moved", "left"),
            (person.department or "").strip(),
        ))
    out_edges = []
    for spec, link in edges:
        label = None
        if spec.index in routed.labels:
            box = routed.labels[spec.index]
            label = TextBox(EDGE_LABELS[spec.kind], box.x, box.y, box.w, box.h, style.label_size)
        greyed = spec.kind != "successor" and any(
            pid in people and people[pid].employment != "active" for pid in (spec.from_id, spec.to_id))
        out_edges.append(MapEdge(
            spec.from_id, spec.to_id, spec.kind, spec.kind in DIRECTED_KINDS, routed.points[spec.index],
            label, link.relationship_id if link else None, link.note if link else None,
            link.as_of if link else None, link.source if link else None, greyed,
        ))
    headers = tuple(
        DepartmentHeader(TextBox(text, box.x, box.y, box.w, box.h, style.header_size, True), column)
        for text, box, column in routed.headers
    )
    boxes: list[Box] = [c.box for c in cards] + ([us_card.box] if us_card else [])
    boxes += [e.label.box for e in out_edges if e.label] + [h.column for h in headers]
    boxes += [Box(x, y, 0, 0) for e in out_edges for x, y in e.points]
    return MapLayout(tuple(cards), tuple(out_edges), headers, us_card, _bounds(boxes, style.margin), tidy)


def _bounds(boxes: Iterable[Box], margin: float) -> Box:
    boxes = list(boxes)
    if not boxes:
        return Box(0.0, 0.0, 2 * margin, 2 * margin)
    left = min(b.x for b in boxes) - margin
    top = min(b.y for b in boxes) - margin
    right = max(b.right for b in boxes) + margin
    bottom = max(b.bottom for b in boxes) + margin
    return Box(round(left, 2), round(top, 2), round(right - left, 2), round(bottom - top, 2))


def map_people(
    db: Database, company_id: int, today: date, *, spoken: dict[int, date | None] | None = None
) -> tuple[list[MapPerson], list[MapLink]]:
    """The company's people (with recency) and links, as ``layout_map`` and ``coverage`` take them.

    ``spoken`` (from ``relations.last_spoken``) is read from the store when not given.
    """
    from models.accounts.companies import list_contacts
    from models.accounts.relations import last_spoken, relationships_for

    if spoken is None:
        spoken = last_spoken(db, company_id)
    people = [
        MapPerson(
            c.id, c.name, c.department, c.title, c.role, c.employment, c.employment_changed_on,
            c.successor_id, recency_bucket(spoken.get(c.id), today), c.map_x, c.map_y,
        )
        for c in list_contacts(db, company_id)
    ]
    links = [
        MapLink(r.from_contact_id, r.to_contact_id, r.kind, r.id, r.note, r.as_of, r.source)
        for r in relationships_for(db, company_id)
    ]
    return people, links


def map_for_company(
    db: Database, company_id: int, today: date, *, include_us: bool = False, style: MapStyle | None = None
) -> MapLayout:
    """The account's map as stored: saved positions where there are any, else the tidy layout."""
    people, links = map_people(db, company_id, today)
    return layout_map(people, links, use_saved_positions=True, include_us=include_us, style=style)
