"""Where things are on the timeline canvas: the loaded window of data, time ↔ x, lanes ↔ y, and the
visible items laid out in rows.

Mixed into ``TimelineCanvas`` (``ui/widgets/timeline_canvas.py``), which holds the state set up here
and paints and handles the mouse with it. It reads ``models.planning.timeline`` for a window a little
wider than what is shown and reads again only when scrolling leaves that window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetrics
from sqlite_utils import Database

from models.planning.timeline import Timeline, TimelineItem, load_timeline
from models.store import clock as working_clock

LABEL_WIDTH = 150
HEADER_HEIGHT = 36
LANE_MIN_HEIGHT = 58
RADIUS = 9
ROW_STEP = 22
MAX_ROWS = 3


@dataclass
class Placed:
    """An item where it is drawn (centre and hit box) in widget coordinates."""

    item: TimelineItem
    centre: QPointF
    box: QRectF
    label_width: float = 0.0


class TimelineGeometry:
    """The data window and the geometry of the canvas (a mixin of ``TimelineCanvas``, a QWidget)."""

    # What the canvas sets up.
    db: Database
    company_id: int | None
    per_contact: bool
    language: str
    now: datetime | None
    start: datetime
    span_days: int
    timeline: Timeline | None
    loads: int
    selected_key: tuple[str, int] | None
    item_font: QFont
    _loaded_per_contact: bool
    _placed: list[Placed] | None

    # -- range and data ------------------------------------------------------------------------
    def clock(self) -> datetime:
        return self.now or working_clock.now()

    @property
    def end(self) -> datetime:
        return self.start + timedelta(days=self.span_days)

    def set_company(self, company_id: int | None) -> None:
        self.company_id = company_id
        self.selected_key = None
        self.invalidate()

    def set_range(self, start: datetime, span_days: int) -> None:
        self.start = start
        self.span_days = span_days
        self._placed = None
        self.update()

    def invalidate(self) -> None:
        """Forget the loaded window (the data changed); the next paint reads again."""
        self.timeline = None
        self._placed = None
        self.update()

    def ensure_loaded(self) -> Timeline | None:
        if self.company_id is None:
            return None
        loaded = self.timeline
        if loaded is None or self.start < loaded.start or self.end > loaded.end \
                or self._loaded_per_contact != self.per_contact:
            margin = timedelta(days=self.span_days)
            timeline = load_timeline(self.db, self.company_id, self.start - margin, self.end + margin,
                                     per_contact=self.per_contact, now=self.clock(), language=self.language)
            self._loaded_per_contact = self.per_contact
            self.timeline = timeline
            self.loads += 1
            self._placed = None
        return self.timeline

    # -- geometry ------------------------------------------------------------------------------
    def plot_width(self) -> float:
        return max(self.width() - LABEL_WIDTH - 8, 10)

    def x_of(self, moment: datetime) -> float:
        fraction = (moment - self.start).total_seconds() / (self.span_days * 86400)
        return LABEL_WIDTH + fraction * self.plot_width()

    def moment_at(self, x: float) -> datetime:
        fraction = (x - LABEL_WIDTH) / self.plot_width()
        return self.start + timedelta(seconds=fraction * self.span_days * 86400)

    def day_at(self, x: float) -> date:
        return self.moment_at(x).date()

    def lane_height(self) -> float:
        lanes = len(self.timeline.lanes) if self.timeline else 1
        return max(LANE_MIN_HEIGHT, (self.height() - HEADER_HEIGHT) / max(lanes, 1))

    def lane_top(self, index: int) -> float:
        return HEADER_HEIGHT + index * self.lane_height()

    def lane_at(self, y: float) -> int | None:
        if self.timeline is None or y < HEADER_HEIGHT:
            return None
        index = int((y - HEADER_HEIGHT) // self.lane_height())
        return index if 0 <= index < len(self.timeline.lanes) else None

    def visible_items(self) -> list[TimelineItem]:
        timeline = self.ensure_loaded()
        if timeline is None:
            return []
        return [item for item in timeline.items if self.start <= item.when < self.end]

    def placed(self) -> list[Placed]:
        """The visible items laid out: stacked in up to three rows where they would overlap."""
        if self._placed is not None and self.timeline is not None:
            return self._placed
        items = self.visible_items()
        placed: list[Placed] = []
        last_x: dict[tuple[int, int], float] = {}
        metrics = QFontMetrics(self.item_font)
        for item in items:
            x = self.x_of(item.when)
            row = 0
            while row < MAX_ROWS - 1 and x - last_x.get((item.lane, row), -1e9) < 2 * RADIUS + 4:
                row += 1
            last_x[(item.lane, row)] = x
            y = self.lane_top(item.lane) + 16 + row * ROW_STEP
            box = QRectF(x - RADIUS - 2, y - RADIUS - 2, 2 * RADIUS + 4, 2 * RADIUS + 4)
            placed.append(Placed(item, QPointF(x, y), box))
        # A label fits up to the next item of the same row.
        by_row: dict[tuple[int, float], list[Placed]] = {}
        for entry in placed:
            by_row.setdefault((entry.item.lane, entry.centre.y()), []).append(entry)
        for row in by_row.values():
            for current, following in zip(row, [*row[1:], None], strict=True):
                limit = (following.centre.x() - RADIUS - 6) if following else self.width() - 4
                current.label_width = max(0.0, min(limit - current.centre.x() - RADIUS - 3,
                                                   metrics.horizontalAdvance("M" * 18)))
        self._placed = placed
        return placed

    def item_at(self, point: QPointF) -> Placed | None:
        for entry in reversed(self.placed()):
            if entry.box.contains(point):
                return entry
        return None

    def placed_item(self, key: tuple[str, int]) -> Placed | None:
        return next((entry for entry in self.placed() if entry.item.key == key), None)
