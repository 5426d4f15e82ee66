"""The relationship map a briefing sheet prints: the account's map as arranged, or tidied when the
arrangement does not fit paper's text widths."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from models.maps.layout import MapLayout, layout_map, map_people

MIN_PEOPLE = 2  # one card is not a map; the attendee table already names a lone contact


def brief_map(db: Database, company_id: int, today: date) -> MapLayout | None:
    """The layout to print for ``company_id``; None with fewer than two people or without any link
    (neither a relationship nor a successor): then the attendee table already says all a map would.

    Sized with the generous default metric (text never clips in any font). Saved positions are used
    when no two cards then overlap; otherwise, and when nothing is saved, the tidy layout.
    """
    people, links = map_people(db, company_id, today)
    has_successor = any(p.employment != "active" and p.successor_id is not None for p in people)
    if len(people) < MIN_PEOPLE or not (links or has_successor):
        return None
    layout = layout_map(people, links, use_saved_positions=True)
    boxes = [card.box for card in layout.cards]
    if any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
        layout = layout_map(people, links, use_saved_positions=False)
    return layout
