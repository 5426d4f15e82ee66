"""The relationship map's plain data: what the layout takes, what it returns, and shared styles.

Coordinates are abstract points with y growing downwards (renderers with y upwards flip); boxes
are given by their top-left corner and size. ``models/maps/layout.py`` is the entry point.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from models.accounts.vocab import RELATIONSHIP_KIND

US_ID = 0  # the "us" (自社) card; SQLite ids start at 1
DIRECTED_KINDS = frozenset(("introduced", "reports_to", "influences", "successor", "us"))
EDGE_LABELS = {kind: pair[0] for kind, pair in RELATIONSHIP_KIND.items()} | {"successor": "後任"}
RECENCY_BUCKETS = ("7d", "30d", "90d", "older", "never")
RECENCY_LABELS = {"7d": "7日以内", "30d": "30日以内", "90d": "90日以内", "older": "90日超", "never": "未接触"}
US_LABEL = "自社"
NO_DEPARTMENT = "部署未登録"

# Suggested drawing styles, shared so that screen and paper look alike (renderers may adapt them).
ROLE_COLOURS = {
    "gatekeeper": "#4A90C2", "decision_maker": "#C0392B", "hr": "#8E44AD", "field": "#27884A",
    "champion": "#D68910", "blocker": "#5D6D7E", "other": "#95A5A6",
}
# bucket: (border colour, border width in points, dashed)
RECENCY_STYLE = {
    "7d": ("#1E7B34", 2.4, False), "30d": ("#52A447", 1.8, False), "90d": ("#C9A227", 1.2, False),
    "older": ("#9AA0A6", 1.0, False), "never": ("#B0B4B8", 0.8, True),
}
# kind: (line colour, dashed)
EDGE_STYLE = {
    "introduced": ("#2E86C1", False), "reports_to": ("#34495E", False), "works_with": ("#27884A", False),
    "influences": ("#D68910", True), "conflicts": ("#C0392B", True), "successor": ("#7F8C8D", True),
    "us": ("#2E86C1", False),
}
GREYED_COLOUR = "#B8BCC0"


def estimate_width(text: str, size: float) -> float:
    """Width of ``text`` at font ``size``: 1 em per full-width character, 0.6 em per half-width one.

    Slightly generous on purpose: an estimate that is too wide leaves space, one too narrow clips.
    """
    ems = 0.0
    for char in text:
        ems += 1.0 if unicodedata.east_asian_width(char) in ("F", "W", "A") else 0.6
    return ems * size


@dataclass(frozen=True)
class MapStyle:
    """Sizes in points, and the text metric. Qt and reportlab may pass their own ``measure``."""

    measure: Callable[[str, float], float] = estimate_width
    name_size: float = 9.0
    sub_size: float = 7.0
    badge_size: float = 6.5
    label_size: float = 6.5
    header_size: float = 8.0
    card_pad_x: float = 6.0
    card_pad_y: float = 4.0
    line_gap: float = 2.0
    card_min_w: float = 72.0
    card_max_w: float = 190.0
    card_gap: float = 16.0  # between cards side by side
    column_gap: float = 28.0  # between department columns
    lane_spacing: float = 7.0  # between parallel vertical links in the gap between columns
    row_gap: float = 22.0  # least space between rows of cards
    label_pad: float = 2.0  # around a label's text
    margin: float = 16.0
    aspect: float = 1.6  # tidy layout: wrap department columns into bands to come near this width ÷ height

    @property
    def label_h(self) -> float:
        return round(self.label_size * 1.3 + 2 * self.label_pad, 2)

    @property
    def track_spacing(self) -> float:
        return self.label_h + 3.0


@dataclass(frozen=True)
class MapPerson:
    """One person as the map needs them. ``x``, ``y``: the saved card centre, if any."""

    contact_id: int
    name: str
    department: str | None = None
    title: str | None = None
    role: str = "other"
    employment: str = "active"
    employment_changed_on: str | None = None
    successor_id: int | None = None
    recency: str = "never"
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True)
class MapLink:
    """A typed link, read from → to (A introduced B; A reports_to B: B is A's boss)."""

    from_id: int
    to_id: int
    kind: str
    relationship_id: int | None = None
    note: str | None = None
    as_of: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
        """Whether the two boxes share area (touching edges do not count), each grown by ``margin``."""
        return (self.x - margin < other.right + margin and other.x - margin < self.right + margin
                and self.y - margin < other.bottom + margin and other.y - margin < self.bottom + margin)


@dataclass(frozen=True)
class TextBox:
    """Text to draw left-aligned and vertically centred in the box, at font ``size``."""

    text: str
    x: float
    y: float
    w: float
    h: float
    size: float
    bold: bool = False

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)

    def moved(self, dx: float, dy: float) -> TextBox:
        return TextBox(self.text, self.x + dx, self.y + dy, self.w, self.h, self.size, self.bold)


@dataclass(frozen=True)
class MapCard:
    """One card. ``role`` keys ROLE_COLOURS, ``recency`` keys RECENCY_STYLE; ``badge`` is the role
    label (drawn as a filled chip), ``status`` the recency or 異動/退職 text beside it."""

    contact_id: int
    x: float
    y: float
    w: float
    h: float
    name: TextBox
    subtitle: TextBox | None
    badge: TextBox | None
    status: TextBox | None
    role: str
    recency: str
    greyed: bool
    department: str
    is_us: bool = False

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True)
class MapEdge:
    """A routed link. ``points`` run from the ``from_id`` card's border to the ``to_id`` card's
    border (draw the arrow head at the last point when ``directed``); ``kind`` keys EDGE_STYLE: a
    relationship kind, 'successor' (異動/退職 → 後任) or 'us' (from the 自社 card, ``from_id`` US_ID).

    ``label`` is None for 'us' links and for all but the first link of a bus (links of one kind
    from one card to the row below share their first stretch and one label, as on an org chart).
    Draw labels last, on a filled background: they may sit on other links' lines, never on cards.
    """

    from_id: int
    to_id: int
    kind: str
    directed: bool
    points: tuple[tuple[float, float], ...]
    label: TextBox | None = None
    relationship_id: int | None = None
    note: str | None = None
    as_of: str | None = None
    source: str | None = None
    greyed: bool = False


@dataclass(frozen=True)
class DepartmentHeader:
    """A department's name above its column (tidy layout only) and the column's area behind it."""

    text: TextBox
    column: Box


@dataclass(frozen=True)
class MapLayout:
    cards: tuple[MapCard, ...]
    edges: tuple[MapEdge, ...]
    headers: tuple[DepartmentHeader, ...]
    us: MapCard | None
    bounds: Box
    tidy: bool

    def card(self, contact_id: int) -> MapCard:
        """The card of ``contact_id`` (``US_ID``: the 自社 card)."""
        if contact_id == US_ID and self.us is not None:
            return self.us
        for card in self.cards:
            if card.contact_id == contact_id:
                return card
        raise KeyError(contact_id)

    def positions(self) -> dict[int, tuple[float, float]]:
        """Card centres by contact id: what ``relations.save_positions`` stores after "tidy up"."""
        return {card.contact_id: card.centre for card in self.cards}


@dataclass(frozen=True)
class CardSpec:
    """A card's size and its texts relative to its top-left corner (internal to the layouts)."""

    w: float
    h: float
    texts: tuple[TextBox, TextBox | None, TextBox | None, TextBox | None]  # name, subtitle, badge, status


@dataclass(frozen=True)
class EdgeSpec:
    """A link to route (internal): ends, kind and the width its label needs (0: no label)."""

    index: int
    from_id: int
    to_id: int
    kind: str
    label_w: float
    weight: float


@dataclass(frozen=True)
class Routed:
    """What a layout engine returns: top-left corners, edge polylines, label boxes, headers."""

    corners: dict[int, tuple[float, float]]
    points: dict[int, tuple[tuple[float, float], ...]]
    labels: dict[int, Box]
    headers: tuple[tuple[str, Box, Box], ...] = ()


def department_key(department: str | None) -> str:
    """The grouping key of a department: NFKC, spaces removed (「人事部」 = 「人事部 」 = 「人事部」)."""
    return "".join(unicodedata.normalize("NFKC", department or "").split())
