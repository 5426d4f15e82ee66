"""The painted part of the timeline: lanes, a date header, items and the "now" line, for the visible
range only, and what the mouse does on it. Which data is loaded and where each item sits is
``timeline_geometry``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget
from sqlite_utils import Database

from models.planning.calendar import is_business_day
from models.planning.timeline import Timeline, TimelineItem
from models.store import clock as working_clock
from ui.widgets.timeline_geometry import (
    HEADER_HEIGHT,
    LABEL_WIDTH,
    LANE_MIN_HEIGHT,
    RADIUS,
    Placed,
    TimelineGeometry,
)

OUTCOME_COLOURS = {
    "connected": "#2E7D32", "appointment": "#1B5E20", "callback_requested": "#00838F",
    "info_sent": "#1565C0", "not_available": "#757575", "gatekeeper_block": "#E65100",
    "no_need": "#6A1B9A", "bad_number": "#B71C1C", "disqualified": "#B71C1C",
}
PLAN_COLOUR = QColor("#1F5FBF")
OVERDUE_COLOUR = QColor("#C62828")
DONE_COLOUR = QColor("#8A8F98")
MEETING_COLOUR = QColor("#1F3A5F")  # a scheduled meeting: the briefing sheet's navy
NOW_COLOUR = QColor("#D32F2F")


class TimelineCanvas(TimelineGeometry, QWidget):
    """Draws ``company_id``'s timeline from ``start`` over ``span_days``; reports clicks and drops.

    Signals:
        selected(object): the item clicked (a ``TimelineItem``) or None.
        plan_dropped(int, object): an open plan was dragged to a day (plan id, ``date``).
        add_requested(object, object): double-click on empty time (``date``, contact id or None).
        activated(object): double-click on an item.
        context_requested(object, QPoint): right-click (item or None, global position).
    """

    selected = Signal(object)
    plan_dropped = Signal(int, object)
    add_requested = Signal(object, object)
    activated = Signal(object)
    context_requested = Signal(object, object)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineCanvas")
        self.setAccessibleName(self.tr("Timeline"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(HEADER_HEIGHT + LANE_MIN_HEIGHT * 2)
        self.db = db
        self.company_id: int | None = None
        self.per_contact = True
        self.language = "en"
        self.now: datetime | None = None  # None: the clock
        self.start = working_clock.now()
        self.span_days = 92
        self.timeline: Timeline | None = None  # the loaded window (wider than what is shown)
        self._loaded_per_contact = True
        self.loads = 0  # how many times the store was read (tests and the benchmark look)
        self.selected_key: tuple[str, int] | None = None
        self._placed: list[Placed] | None = None
        self._press: tuple[QPointF, Placed] | None = None
        self._drag_x: float | None = None
        self.now_label = self.tr("Now")
        self.item_font = QFont(self.font())
        self.item_font.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7))
        self.glyph_font = QFont(self.font())
        self.glyph_font.setPointSizeF(max(self.font().pointSizeF() * 0.72, 6))
        self.glyph_font.setBold(True)

    def resizeEvent(self, event) -> None:
        self._placed = None
        super().resizeEvent(event)

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        timeline = self.ensure_loaded()
        if timeline is None:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No company chosen"))
            return
        self._paint_days(painter)
        self._paint_lanes(painter, timeline)
        self._paint_now(painter)
        for entry in self.placed():
            self._paint_item(painter, entry)
        if self._press is not None and self._drag_x is not None:
            self._paint_drag(painter, self._press[1])

    def _paint_days(self, painter: QPainter) -> None:
        """Non-business days shaded (when days are wide enough to see) and the date header."""
        grid = QColor(self.palette().mid().color())
        grid.setAlpha(90)
        text = self.palette().text().color()
        painter.setFont(self.item_font)
        first = self.start.date()
        days = self.span_days + 1
        day_width = self.plot_width() / self.span_days
        painter.fillRect(QRectF(0, 0, self.width(), HEADER_HEIGHT), self.palette().alternateBase())
        metrics = QFontMetrics(self.item_font)
        next_day_x = -1e9  # a day label is skipped where it would overlap the previous one
        months: list[tuple[float, date]] = []
        for offset in range(days + 1):
            day = first + timedelta(days=offset)
            x = self.x_of(datetime.combine(day, time(0), tzinfo=self.start.tzinfo))
            if x > self.width() or x + day_width < LABEL_WIDTH:
                continue
            if day_width >= 4 and not is_business_day(day):
                painter.fillRect(QRectF(max(x, LABEL_WIDTH), HEADER_HEIGHT, day_width, self.height()),
                                 QColor(0, 0, 0, 14))
            month_start = day.day == 1
            weekly = day.weekday() == 0 and self.span_days <= 200
            daily = self.span_days <= 16
            if not (month_start or weekly or daily) or x < LABEL_WIDTH:
                continue
            painter.setPen(QPen(grid, 1.2 if month_start else 0.6))
            tick = HEADER_HEIGHT - (10 if month_start else 5)
            painter.drawLine(QPointF(x, tick), QPointF(x, self.height()))
            painter.setPen(text)
            if month_start:
                months.append((x, day))
            if (daily or (weekly and self.span_days <= 100)) and x + 30 < self.width() and x >= next_day_x:
                caption = f"{day.month}/{day.day}"
                painter.drawText(QPointF(x + 3, HEADER_HEIGHT - 6), caption)
                next_day_x = x + metrics.horizontalAdvance(caption) + 8
        self._paint_months(painter, months, metrics)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(0, HEADER_HEIGHT), QPointF(self.width(), HEADER_HEIGHT))

    def _paint_months(self, painter: QPainter, months: list[tuple[float, date]],
                      metrics: QFontMetrics) -> None:
        """Month labels: the year where it changes (and on the first one) always, then as many of the
        other months (by short name) as fit without overlapping."""
        def caption(index: int, day: date) -> str:
            if index == 0 or day.month == 1:
                return f"{day.year}/{day.month}"
            return QLocale().standaloneMonthName(day.month, QLocale.FormatType.ShortFormat)

        labels = [(x, caption(index, day), index == 0 or day.month == 1)
                  for index, (x, day) in enumerate(months)]
        taken: list[tuple[float, float]] = []
        for wanted in (True, False):
            for x, text, must in labels:
                if must != wanted:
                    continue
                span = (x + 3, x + 3 + metrics.horizontalAdvance(text))
                if span[1] > self.width() - 2 or any(a - 6 < span[1] and span[0] < b + 6 for a, b in taken):
                    continue
                taken.append(span)
                painter.drawText(QPointF(span[0], 14), text)

    def _paint_lanes(self, painter: QPainter, timeline: Timeline) -> None:
        height = self.lane_height()
        bold = QFont(self.font())
        bold.setBold(True)
        for lane in timeline.lanes:
            top = self.lane_top(lane.index)
            if lane.index % 2:
                painter.fillRect(QRectF(0, top, self.width(), height), QColor(0, 0, 0, 8))
            painter.fillRect(QRectF(0, top, LABEL_WIDTH - 4, height), self.palette().window())
            painter.setPen(self.palette().text().color())
            painter.setFont(bold)
            metrics = QFontMetrics(bold)
            painter.drawText(QPointF(8, top + 18), metrics.elidedText(lane.label, Qt.TextElideMode.ElideRight,
                                                                      LABEL_WIDTH - 16))
            if lane.detail:
                painter.setFont(self.item_font)
                painter.setPen(self.palette().placeholderText().color())
                painter.drawText(QPointF(8, top + 36), QFontMetrics(self.item_font).elidedText(
                    lane.detail, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 16))
            painter.setPen(QPen(self.palette().mid().color(), 0.5))
            painter.drawLine(QPointF(0, top + height), QPointF(self.width(), top + height))

    def _paint_now(self, painter: QPainter) -> None:
        x = self.x_of(self.clock())
        if LABEL_WIDTH <= x <= self.width():
            painter.setPen(QPen(NOW_COLOUR, 2))
            painter.drawLine(QPointF(x, HEADER_HEIGHT), QPointF(x, self.height()))
            painter.setFont(self.glyph_font)
            painter.drawText(QPointF(x + 3, self.height() - 4), self.now_label)

    def _colour(self, item: TimelineItem) -> QColor:
        if item.is_meeting:
            return MEETING_COLOUR
        if item.source == "touch":
            return QColor(OUTCOME_COLOURS.get(item.outcome or "", "#546E7A"))
        if item.status == "open":
            return OVERDUE_COLOUR if item.overdue_days else PLAN_COLOUR
        return DONE_COLOUR

    def _paint_item(self, painter: QPainter, entry: Placed) -> None:
        item, centre = entry.item, entry.centre
        colour = self._colour(item)
        selected = item.key == self.selected_key
        if item.source == "plan" and item.status == "done" and item.done_at is not None and item.late_days:
            end_x = self.x_of(item.done_at)
            painter.setPen(QPen(OVERDUE_COLOUR, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(centre, QPointF(end_x, centre.y()))
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 193, 7, 150))
            painter.drawEllipse(centre, RADIUS + 5, RADIUS + 5)
        glyph = QColor("white")
        if item.source == "touch":
            painter.setPen(QPen(colour.darker(130), 1))
            painter.setBrush(colour)
            painter.drawEllipse(centre, RADIUS, RADIUS)
        elif item.is_meeting:
            painter.setPen(QPen(colour.darker(130), 1))
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(centre.x() - RADIUS, centre.y() - RADIUS, 2 * RADIUS, 2 * RADIUS),
                                    2, 2)
        else:
            path = QPainterPath()
            path.moveTo(centre.x(), centre.y() - RADIUS - 1)
            path.lineTo(centre.x() + RADIUS + 1, centre.y())
            path.lineTo(centre.x(), centre.y() + RADIUS + 1)
            path.lineTo(centre.x() - RADIUS - 1, centre.y())
            path.closeSubpath()
            painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine if item.status == "skipped" else
                                Qt.PenStyle.SolidLine))
            fill = self.palette().base().color() if item.status == "open" else colour.lighter(150)
            painter.setBrush(QBrush(fill))
            painter.drawPath(path)
            glyph = colour.darker(120) if item.status == "open" else QColor("white")
        painter.setFont(self.glyph_font)
        painter.setPen(glyph)
        painter.drawText(QRectF(centre.x() - RADIUS, centre.y() - RADIUS, 2 * RADIUS, 2 * RADIUS),
                         Qt.AlignmentFlag.AlignCenter, item.kind_label[:1])
        if entry.label_width >= 24:
            painter.setFont(self.item_font)
            painter.setPen(self.palette().text().color() if item.status in ("touch", "open", "scheduled")
                           else DONE_COLOUR)
            text = self.item_caption(item)
            shown = QFontMetrics(self.item_font).elidedText(text, Qt.TextElideMode.ElideRight,
                                                            int(entry.label_width))
            painter.drawText(QPointF(centre.x() + RADIUS + 3, centre.y() + 4), shown)

    def item_caption(self, item: TimelineItem) -> str:
        """The short text beside a marker: outcome or hypothesis, and lateness."""
        text = item.summary or item.kind_label
        if item.late_days:
            text = self.tr("%1 d late").replace("%1", str(item.late_days)) + " " + text
        elif item.overdue_days:
            text = self.tr("%1 d overdue").replace("%1", str(item.overdue_days)) + " " + text
        return text

    def _paint_drag(self, painter: QPainter, entry: Placed) -> None:
        x = self._drag_x
        painter.setPen(QPen(PLAN_COLOUR, 1.5, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(x, HEADER_HEIGHT), QPointF(x, self.height()))
        painter.setBrush(QColor(31, 95, 191, 90))
        painter.drawEllipse(QPointF(x, entry.centre.y()), RADIUS, RADIUS)
        day = self.day_at(x)
        painter.setPen(PLAN_COLOUR)
        painter.setFont(self.item_font)
        painter.drawText(QPointF(x + RADIUS + 3, entry.centre.y() - RADIUS - 2), f"{day:%Y/%m/%d}")

    # -- mouse ---------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        hit = self.item_at(event.position())
        self.selected.emit(hit.item if hit else None)
        if hit and hit.item.source == "plan" and hit.item.status == "open":
            self._press = (event.position(), hit)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            start, _entry = self._press
            if self._drag_x is not None or \
                    abs(event.position().x() - start.x()) >= QApplication.startDragDistance():
                self._drag_x = max(LABEL_WIDTH, min(event.position().x(), self.width() - 1))
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.update()
            return
        hit = self.item_at(event.position())
        self.setCursor(Qt.CursorShape.OpenHandCursor if hit and hit.item.is_plan and hit.item.status == "open"
                       else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, drag_x = self._press, self._drag_x
        self._press = None
        self._drag_x = None
        self.unsetCursor()
        if press is not None and drag_x is not None:
            entry = press[1]
            new_day = self.day_at(drag_x)
            if new_day != entry.item.when.date():
                self.plan_dropped.emit(entry.item.id, new_day)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        hit = self.item_at(point)
        if hit is not None:
            self.activated.emit(hit.item)
            return
        if point.x() < LABEL_WIDTH or self.timeline is None:
            return
        lane = self.lane_at(point.y())
        contact_id = self.timeline.lanes[lane].contact_id if lane is not None else None
        self.add_requested.emit(self.day_at(point.x()), contact_id)

    def contextMenuEvent(self, event) -> None:
        hit = self.item_at(QPointF(event.pos()))
        self.selected.emit(hit.item if hit else None)
        self.context_requested.emit(hit.item if hit else None, event.globalPos())
