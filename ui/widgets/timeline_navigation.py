"""Moving through time on an account's timeline: zoom, scroll, jump to today, and the keys and wheel.

Mixed into ``TimelineView`` (``ui/widgets/timeline_view.py``), which owns the canvas, the zoom combo,
the scroll bar and the selection these methods move.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QScrollBar
from sqlite_utils import Database

from models.planning.timeline import Extent, TimelineItem, timeline_extent
from ui.widgets.timeline_canvas import TimelineCanvas

# (label, days shown)
ZOOMS = (
    (QT_TRANSLATE_NOOP("TimelineView", "2 weeks"), 14),
    (QT_TRANSLATE_NOOP("TimelineView", "1 month"), 31),
    (QT_TRANSLATE_NOOP("TimelineView", "3 months"), 92),
    (QT_TRANSLATE_NOOP("TimelineView", "6 months"), 183),
    (QT_TRANSLATE_NOOP("TimelineView", "1 year"), 365),
    (QT_TRANSLATE_NOOP("TimelineView", "2 years"), 730),
)
DEFAULT_ZOOM = 2
NOW_AT = 0.6  # where "today" sits in the view after jumping to it (more past than future is shown)


class TimelineNavigation:
    """Zoom, scroll and the keyboard of the timeline view (a mixin of ``TimelineView``)."""

    # What the view provides.
    db: Database
    company_id: int | None
    selected: TimelineItem | None
    canvas: TimelineCanvas
    zoom: QComboBox
    scroll: QScrollBar
    range_label: QLabel
    _origin: datetime
    _extent: Extent | None

    def span_days(self) -> int:
        return self.canvas.span_days

    def set_range(self, start: datetime, span_days: int | None = None) -> None:
        span = span_days or self.canvas.span_days
        self.canvas.set_range(start, span)
        self._update_scroll()
        self.range_label.setText(f"{start:%Y/%m/%d} – {start + timedelta(days=span):%Y/%m/%d}")

    def jump_to_today(self) -> None:
        now = self.canvas.clock()
        self.set_range(now - timedelta(days=self.canvas.span_days * NOW_AT))

    def _zoom_to(self, days: int, anchor: datetime | None = None, fraction: float = NOW_AT) -> None:
        """Show ``days`` days keeping ``anchor`` (default: the view's 60 % point) where it is."""
        if anchor is None:
            anchor = self.canvas.start + timedelta(days=self.canvas.span_days * fraction)
        self.set_range(anchor - timedelta(days=days * fraction), days)
        index = next((i for i, (_text, d) in enumerate(ZOOMS) if d == days), None)
        if index is not None and index != self.zoom.currentIndex():
            self.zoom.blockSignals(True)
            self.zoom.setCurrentIndex(index)
            self.zoom.blockSignals(False)

    def zoom_by(self, steps: int, anchor_x: float | None = None) -> None:
        """Zoom in (``steps`` < 0) or out by steps of the zoom list, around ``anchor_x`` when given."""
        index = min(max(self.zoom.currentIndex() + steps, 0), len(ZOOMS) - 1)
        if index == self.zoom.currentIndex():
            return
        if anchor_x is None:
            self._zoom_to(ZOOMS[index][1])
            return
        fraction = min(max((anchor_x - self.canvas.x_of(self.canvas.start)) / self.canvas.plot_width(), 0), 1)
        self._zoom_to(ZOOMS[index][1], self.canvas.moment_at(anchor_x), fraction)

    def scroll_days(self, days: float) -> None:
        self.set_range(self.canvas.start + timedelta(days=days))

    def _update_scroll(self) -> None:
        """The bar covers the account's first to last item and a view's width around today."""
        if self._extent is None and self.company_id is not None:
            self._extent = timeline_extent(self.db, self.company_id)  # read again only when data changes
        extent = self._extent if self.company_id is not None else None
        now = self.canvas.clock()
        span = self.canvas.span_days
        first = min(m for m in (extent.first if extent else None, now) if m is not None)
        first -= timedelta(days=span)
        last = max(m for m in (extent.last if extent else None, now) if m is not None)
        self._origin = first
        self.scroll.blockSignals(True)
        self.scroll.setRange(0, max(int((last - first).days), 0))
        self.scroll.setPageStep(span)
        self.scroll.setSingleStep(max(span // 14, 1))
        self.scroll.setValue(int((self.canvas.start - first).total_seconds() // 86400))
        self.scroll.blockSignals(False)

    def _scrolled(self, value: int) -> None:
        self.set_range(self._origin + timedelta(days=value))

    def _wheel(self, event) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(-1 if delta > 0 else 1, event.position().x())
        else:
            self.scroll_days(-self.canvas.span_days / 10 * (delta / 120))

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(-1)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1)
        elif key == Qt.Key.Key_Home:
            self.jump_to_today()
        elif key == Qt.Key.Key_PageUp:
            self.scroll_days(-self.canvas.span_days / 2)
        elif key == Qt.Key.Key_PageDown:
            self.scroll_days(self.canvas.span_days / 2)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and alt:
            self.move_selected_by(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step_selection(-1 if key == Qt.Key.Key_Left else 1)
        elif key == Qt.Key.Key_D:
            self.complete_selected()
        elif key == Qt.Key.Key_S:
            self.skip_selected()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_selected()
        elif key == Qt.Key.Key_Insert:
            self.add_plan()
        else:
            return False
        return True

    def _step_selection(self, step: int) -> None:
        """Select the previous or next item in time, scrolling it into view."""
        timeline = self.canvas.ensure_loaded()
        if timeline is None or not timeline.items:
            return
        items = list(timeline.items)
        if self.selected is None:
            now = self.canvas.clock()
            index = next((i for i, item in enumerate(items) if item.when >= now), len(items) - 1)
            index = index if step > 0 else max(index - 1, 0)
        else:
            current = next((i for i, item in enumerate(items) if item.key == self.selected.key), 0)
            index = min(max(current + step, 0), len(items) - 1)
        item = items[index]
        if not self.canvas.start <= item.when < self.canvas.end:
            self.set_range(item.when - timedelta(days=self.canvas.span_days / 2))
            item = next((i for i in self.canvas.ensure_loaded().items if i.key == item.key), item)
        self._select(item)
