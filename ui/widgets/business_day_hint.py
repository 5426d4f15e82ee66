"""A note under a date input when its day is not a business day, offering the next business day.

``BusinessDayHint(date_edit, closures, time_edit)`` watches the date (and the time that goes with it)
and reads 「11月23日は祝日（勤労感謝の日）です。」 beside a button 「翌営業日（11月24日 10:00）にする」,
which moves the date and keeps the time. It only warns: saving keeps the day the caller chose.
It never takes the focus while the caller types; the button is reached with Tab, or with Alt+→ from
the date input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, time

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDateTimeEdit, QLabel, QPushButton, QTimeEdit, QWidget

from models.planning.calendar import Closure, day_off, next_business_day
from models.store.errors import ValidationError
from ui.i18n import arg
from ui.naming import named
from ui.widgets.flow_layout import FlowLayout

SHORTCUT = "Alt+Right"


class BusinessDayHint(QWidget):
    """Hidden while the day is a business day (or no day is chosen, or the input is disabled)."""

    def __init__(self, date_edit: QDateTimeEdit, closures: Callable[[], Iterable[Closure]],
                 time_edit: QTimeEdit | None = None, parent: QWidget | None = None, *,
                 name: str = "businessDayHint"):
        super().__init__(parent)
        self.date_edit = date_edit
        self.time_edit = time_edit
        self.closures = closures  # called each time: a form may switch calendars (the session per account)
        named(self, name, self.tr("Business day note"))
        self.label = named(QLabel(), f"{name}Text", self.tr("Why this day is not a business day"))
        self.button = named(QPushButton(), f"{name}Button", self.tr("Use the next business day"))
        self.button.setToolTip(arg(self.tr("Move the date to the next business day, keeping the time (%1)"),
                                   QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)))
        self.button.setAutoDefault(False)  # Enter in the dialog still saves
        self.button.clicked.connect(self.use_next_business_day)
        # The button goes under the sentence when the form is too narrow for both on one line.
        layout = FlowLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        shortcut = QShortcut(QKeySequence(SHORTCUT), date_edit)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.use_next_business_day)
        date_edit.dateChanged.connect(self.refresh)
        date_edit.installEventFilter(self)
        if time_edit is not None:
            time_edit.timeChanged.connect(self.refresh)
            time_edit.installEventFilter(self)
        self._next: date | None = None
        self.setVisible(False)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange:
            self.refresh()
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            self.refresh()  # built before it was put in a form: now it may show
        return super().event(event)

    def text(self) -> str:
        return self.label.text()

    def _day(self) -> date | None:
        edit = self.date_edit
        if not edit.isEnabled():
            return None
        if edit.specialValueText() and edit.date() == edit.minimumDate():
            return None  # the special value ("No date") is not a day
        return edit.date().toPython()

    def _clock(self) -> time | None:
        """The time that goes with the date: the date input's own, or its time input's when enabled."""
        if self.date_edit.displayedSections() & QDateTimeEdit.Section.HourSection:
            return self.date_edit.time().toPython()
        if self.time_edit is not None and self.time_edit.isEnabled():
            return self.time_edit.time().toPython()
        return None

    def _day_text(self, day: date) -> str:
        return arg(self.tr("%1/%2"), day.month, day.day)

    def refresh(self, *_args) -> None:
        day = self._day()
        closures = tuple(self.closures())
        off = day_off(day, closures) if day is not None else None
        if day is None or off is None:
            self._next = None
            self.setVisible(False)
            return
        shown = self._day_text(day)
        if off.kind == "holiday":
            text = arg(self.tr("%1 is a public holiday (%2)."), shown, off.name)
        elif off.kind == "closure" and off.name:
            text = arg(self.tr("%1 is a company closure day (%2)."), shown, off.name)
        elif off.kind == "closure":
            text = arg(self.tr("%1 is a company closure day."), shown)
        elif off.kind == "saturday":
            text = arg(self.tr("%1 is a Saturday."), shown)
        else:
            text = arg(self.tr("%1 is a Sunday."), shown)
        self.label.setText(text)
        self.label.setAccessibleName(text)  # a screen reader reads the sentence and the offer themselves
        try:
            self._next = next_business_day(day, closures)
        except ValidationError:
            self._next = None  # closure settings that leave no business day for a year: nothing to offer
        self.button.setVisible(self._next is not None)
        if self._next is not None:
            offer = self._day_text(self._next)
            clock = self._clock()
            if clock is not None:
                offer += f" {clock:%H:%M}"
            self.button.setText(arg(self.tr("Use the next business day (%1)"), offer))
            self.button.setAccessibleName(self.button.text())
        # Never shown without a parent: that would open it as a window of its own.
        self.setVisible(self.parentWidget() is not None)

    def use_next_business_day(self) -> None:
        """Move the date to the next business day; the time (its own or its time input's) stays."""
        if self._next is None:
            return
        if self.button.hasFocus():
            self.date_edit.setFocus()  # the button hides next: give the focus back to the date
        day = self._next
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
