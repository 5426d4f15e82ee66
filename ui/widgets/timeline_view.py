"""An account's timeline: past touches and future plans on one time axis, with "now" marked.

Scheduled meetings show as navy squares until their feedback makes them a touch.
Zoom from two weeks to two years (the combo, Ctrl+wheel, + and -), scroll (the bar, the wheel,
Page Up/Down), jump to today (Home or the button). Hovering an item shows it in full; selecting one
shows its note beside the timeline. Open plans can be dragged to another day (snapped to a business
day and a call window), moved a business day with Alt+←/→, completed (D), skipped (S) and edited
(Enter); double-click on empty time or Insert adds a plan. Every edit is undoable.

Zooming, scrolling and the keys live in ``timeline_navigation``, the plan edits in ``timeline_actions``.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollBar,
    QSplitter,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.planning.calendar import add_business_days, load_calendar
from models.planning.timeline import TimelineItem
from models.store import clock as working_clock
from models.store.changes import COMPANIES, CONTACTS, MEETINGS, PLANS, TOUCHES
from ui.i18n import arg, current_language
from ui.settings import AppSettings
from ui.signals import DataBus, affects
from ui.widgets.timeline_actions import TimelineActions
from ui.widgets.timeline_canvas import TimelineCanvas
from ui.widgets.timeline_navigation import DEFAULT_ZOOM, ZOOMS, TimelineNavigation

# Captions of the tooltip and the details box (translated when shown).
TEXTS = {key: text for key, text in (
    ("when", QT_TRANSLATE_NOOP("TimelineView", "When")),
    ("kind", QT_TRANSLATE_NOOP("TimelineView", "Kind")),
    ("person", QT_TRANSLATE_NOOP("TimelineView", "Person")),
    ("nobody", QT_TRANSLATE_NOOP("TimelineView", "(no contact)")),
    ("status", QT_TRANSLATE_NOOP("TimelineView", "Status")),
    ("hypothesis", QT_TRANSLATE_NOOP("TimelineView", "Hypothesis")),
    ("held", QT_TRANSLATE_NOOP("TimelineView", "Hypothesis held?")),
    ("done", QT_TRANSLATE_NOOP("TimelineView", "Done")),
    ("late", QT_TRANSLATE_NOOP("TimelineView", "(%1 days late)")),
    ("overdue", QT_TRANSLATE_NOOP("TimelineView", "Overdue")),
    ("days", QT_TRANSLATE_NOOP("TimelineView", "%1 days")),
    ("skipped", QT_TRANSLATE_NOOP("TimelineView", "Reason skipped")),
    ("outcome", QT_TRANSLATE_NOOP("TimelineView", "Outcome")),
    ("decider", QT_TRANSLATE_NOOP("TimelineView", "Decision maker")),
    ("reached", QT_TRANSLATE_NOOP("TimelineView", "reached")),
    ("note", QT_TRANSLATE_NOOP("TimelineView", "Note")),
    ("purpose", QT_TRANSLATE_NOOP("TimelineView", "Purpose")),
    ("rep", QT_TRANSLATE_NOOP("TimelineView", "Field sales rep")),
)}


def _t(key: str) -> str:
    return QCoreApplication.translate("TimelineView", TEXTS.get(key, key))


def _when(item: TimelineItem) -> str:
    if item.is_plan and not item.timed:
        return f"{item.when:%Y/%m/%d}"
    return f"{item.when:%Y/%m/%d %H:%M}"


def describe(item: TimelineItem) -> list[tuple[str, str]]:
    """The item as (caption, value) lines, for the tooltip and the details box."""
    lines = [(_t("when"), _when(item)), (_t("kind"), item.kind_label)]
    lines.append((_t("person"), item.person or _t("nobody")))
    if item.is_meeting:
        lines.append((_t("status"), item.status_label))
        lines.append((_t("purpose"), item.note or "—"))
        lines.append((_t("rep"), item.field_rep or "—"))
    elif item.is_plan:
        lines.append((_t("status"), item.status_label))
        lines.append((_t("hypothesis"), item.hypothesis or "—"))
        if item.hypothesis_result_label:
            lines.append((_t("held"), item.hypothesis_result_label))
        if item.status == "done" and item.done_at is not None:
            done = f"{item.done_at:%Y/%m/%d}"
            if item.late_days:
                done += " " + arg(_t("late"), item.late_days)
            lines.append((_t("done"), done))
        if item.overdue_days:
            lines.append((_t("overdue"), arg(_t("days"), item.overdue_days)))
        if item.skip_reason:
            lines.append((_t("skipped"), item.skip_reason))
    else:
        lines.append((_t("outcome"), item.outcome_label or "—"))
        if item.reached_decision_maker:
            lines.append((_t("decider"), _t("reached")))
        lines.append((_t("note"), item.note or "—"))
    return lines


def show_menu(menu: QMenu, where: QPoint) -> None:
    """Pop ``menu`` up at ``where`` (a module function, so tests can answer it without a real popup)."""
    menu.exec(where)


def _html(lines: list[tuple[str, str]]) -> str:
    from html import escape

    rows = "".join(f"<tr><td style='color:gray;padding-right:8px'>{escape(caption)}</td>"
                   f"<td>{escape(value).replace(chr(10), '<br>')}</td></tr>" for caption, value in lines)
    return f"<table>{rows}</table>"


class TimelineView(TimelineNavigation, QWidget):
    """The timeline of one account with its toolbar, scroll bar and the selected item's details."""

    item_selected = Signal(object)

    def __init__(self, db: Database, bus: DataBus, undo_stack: QUndoStack, settings: AppSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName(self.tr("Timeline"))
        self.db = db
        self.bus = bus
        self.settings = settings
        self.actions = TimelineActions(db, bus, undo_stack, self)
        self.company_id: int | None = None
        self.selected: TimelineItem | None = None
        self._origin = working_clock.now()  # scroll bar value 0 (in days)
        self._extent = None  # the account's first and last item, for the scroll bar

        self.canvas = TimelineCanvas(db)
        self.canvas.language = current_language()
        self.canvas.now_label = self.tr("Today")
        self.canvas.per_contact = settings.timeline_lanes_per_contact()
        self.canvas.installEventFilter(self)
        self.canvas.selected.connect(self._select)
        self.canvas.plan_dropped.connect(self._dropped)
        self.canvas.add_requested.connect(self._add_at)
        self.canvas.activated.connect(self._activated)
        self.canvas.context_requested.connect(self._context_menu)

        self.zoom = QComboBox()
        self.zoom.setObjectName("timelineZoom")
        self.zoom.setAccessibleName(self.tr("Zoom"))
        self.zoom.setToolTip(self.tr("How much time is shown (Ctrl+wheel, + and -)"))
        for text, days in ZOOMS:
            self.zoom.addItem(QCoreApplication.translate("TimelineView", text), days)
        self.zoom.setCurrentIndex(DEFAULT_ZOOM)
        self.zoom.currentIndexChanged.connect(lambda _i: self._zoom_to(self.zoom.currentData()))
        self.today_button = self._button("timelineTodayButton", self.tr("Today"),
                                         self.tr("Jump to today (Home)"), self.jump_to_today)
        self.add_button = self._button("timelineAddPlanButton", self.tr("Add plan…"),
                                       self.tr("Add a plan (Insert, or double-click on the timeline)"),
                                       lambda: self.add_plan())
        self.lanes_check = QCheckBox(self.tr("A lane per contact"))
        self.lanes_check.setObjectName("timelineLanesCheck")
        self.lanes_check.setAccessibleName(self.tr("A lane per contact"))
        self.lanes_check.setChecked(self.canvas.per_contact)
        self.lanes_check.toggled.connect(self._set_lanes)
        self.range_label = QLabel()
        self.range_label.setObjectName("timelineRangeLabel")
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Show")), self.zoom, self.today_button, self.lanes_check):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.range_label)
        bar.addWidget(self.add_button)

        self.scroll = QScrollBar(Qt.Orientation.Horizontal)
        self.scroll.setObjectName("timelineScroll")
        self.scroll.setAccessibleName(self.tr("Scroll the timeline"))
        self.scroll.valueChanged.connect(self._scrolled)

        self.details = QTextBrowser()
        self.details.setObjectName("timelineDetails")
        self.details.setAccessibleName(self.tr("Selected item"))
        self.details.setMinimumWidth(200)
        self.details.setMaximumWidth(340)
        self.complete_button = self._button("timelineCompleteButton", self.tr("Complete…"),
                                            self.tr("Complete the selected plan (D)"), self.complete_selected)
        self.skip_button = self._button("timelineSkipButton", self.tr("Skip…"),
                                        self.tr("Skip the selected plan with a reason (S)"),
                                        self.skip_selected)
        self.edit_button = self._button("timelineEditButton", self.tr("Edit…"),
                                        self.tr("Edit the selected plan (Enter)"), self.edit_selected)
        side = QWidget()
        side.setObjectName("timelineSide")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.details, 1)
        buttons = QHBoxLayout()
        for button in (self.complete_button, self.skip_button, self.edit_button):
            buttons.addWidget(button)
        side_layout.addLayout(buttons)

        left = QWidget()
        left.setObjectName("timelineMain")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.canvas, 1)
        left_layout.addWidget(self.scroll)
        self.splitter = QSplitter()
        self.splitter.setObjectName("timelineSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([1000, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        bus.changed.connect(self._on_data_changed)
        self._show_details(None)

    def _button(self, name: str, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(tip)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- company and range ---------------------------------------------------------------------
    def set_company(self, company_id: int | None) -> None:
        """Show ``company_id``'s timeline around today (None: nothing)."""
        self.company_id = company_id
        self._extent = None
        self.canvas.set_company(company_id)
        self._select(None)
        self.add_button.setEnabled(company_id is not None)
        self.jump_to_today()

    def set_now(self, now: datetime | None) -> None:
        """Fix the moment taken as now (tests, screenshots); None follows the clock."""
        self.canvas.now = now
        self.canvas.invalidate()

    def _set_lanes(self, per_contact: bool) -> None:
        self.settings.set_timeline_lanes_per_contact(per_contact)
        self.canvas.per_contact = per_contact
        self.canvas.invalidate()

    # -- selection and details -----------------------------------------------------------------
    def _select(self, item: TimelineItem | None) -> None:
        self.selected = item
        self.canvas.selected_key = item.key if item else None
        self.canvas.update()
        self._show_details(item)
        self.item_selected.emit(item)

    def select_key(self, key: tuple[str, int] | None) -> None:
        """Select the item ``key`` (('plan', id) or ('touch', id)) when it is loaded."""
        timeline = self.canvas.ensure_loaded()
        found = next((i for i in timeline.items if i.key == key), None) if timeline and key else None
        self._select(found)

    def _show_details(self, item: TimelineItem | None) -> None:
        if item is None:
            self.details.setPlainText(
                self.tr("Select an item to see its note here. Hover to see it in full."))
        else:
            self.details.setHtml(_html(describe(item)))
        open_plan = item is not None and item.is_plan and item.status == "open"
        for button in (self.complete_button, self.skip_button, self.edit_button):
            button.setEnabled(open_plan)

    def _selected_open_plan(self) -> TimelineItem | None:
        item = self.selected
        return item if item is not None and item.is_plan and item.status == "open" else None

    # -- edits ---------------------------------------------------------------------------------
    def complete_selected(self) -> None:
        item = self._selected_open_plan()
        if item is not None and self.actions.complete(item):
            self._reselect(item.key)

    def skip_selected(self) -> None:
        item = self._selected_open_plan()
        if item is not None and self.actions.skip(item):
            self._reselect(item.key)

    def edit_selected(self) -> None:
        item = self._selected_open_plan()
        if item is not None and self.company_id is not None and self.actions.edit(item, self.company_id):
            self._reselect(item.key)

    def add_plan(self, day: date | None = None, contact_id: int | None = None) -> None:
        if self.company_id is not None:
            self.actions.add(self.company_id, day, contact_id)

    def _activated(self, item: TimelineItem) -> None:
        """A double-clicked plan opens in its editor."""
        self._select(item)
        self.edit_selected()

    def _add_at(self, day: date, contact_id: int | None) -> None:
        self.add_plan(day, contact_id)

    def _dropped(self, plan_id: int, day: date) -> None:
        if self.actions.move(plan_id, day):
            self._reselect(("plan", plan_id))

    def move_selected_by(self, business_days: int) -> None:
        item = self._selected_open_plan()
        if item is None:
            return
        calendar = load_calendar(self.db)
        day = add_business_days(item.when.date(), business_days, calendar.closures)
        if self.actions.move(item.id, day):
            self._reselect(item.key)

    def _reselect(self, key: tuple[str, int]) -> None:
        self.canvas.invalidate()
        self.select_key(key)

    def _context_menu(self, item: TimelineItem | None, where: QPoint) -> None:
        show_menu(self.context_menu(item), where)

    def context_menu(self, item: TimelineItem | None) -> QMenu:
        """The right-click menu: what can be done with ``item`` (an open plan) and the timeline."""
        menu = QMenu(self)
        menu.setObjectName("timelineMenu")
        if item is not None and item.is_plan and item.status == "open":
            menu.addAction(self.tr("Complete…"), self.complete_selected)
            menu.addAction(self.tr("Skip…"), self.skip_selected)
            menu.addAction(self.tr("Edit…"), self.edit_selected)
            menu.addSeparator()
        menu.addAction(self.tr("Add plan…"), self.add_plan)
        menu.addAction(self.tr("Today"), self.jump_to_today)
        return menu

    def _on_data_changed(self, payload: str) -> None:
        if self.company_id is not None and affects(payload, PLANS, TOUCHES, CONTACTS, COMPANIES, MEETINGS):
            key = self.selected.key if self.selected else None
            self._extent = None
            self.canvas.invalidate()
            self._update_scroll()
            self.select_key(key)

    # -- keys, wheel, tooltips -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas:
            if event.type() == QEvent.Type.KeyPress and self._key(event):
                return True
            if event.type() == QEvent.Type.Wheel:
                self._wheel(event)
                return True
            if event.type() == QEvent.Type.ToolTip:
                hit = self.canvas.item_at(event.position() if hasattr(event, "position") else event.pos())
                if hit is None:
                    QToolTip.hideText()
                else:
                    QToolTip.showText(event.globalPos(), _html(describe(hit.item)), self.canvas)
                return True
        return super().eventFilter(watched, event)
