"""The Meetings page: upcoming and past meetings, filters, the meeting form, the field's feedback,
the briefing sheet of one meeting and every sheet of a day, printed or saved as PDF."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.vocab import MEETING_STATUS
from models.meetings.meetings import field_reps, list_meetings
from models.store import clock
from models.store.changes import COMPANIES, CONTACTS, MEETING_ATTENDEES, MEETINGS
from models.store.errors import KakeruError
from ui.form_parts import list_table
from ui.i18n import arg, label, number
from ui.naming import named as _named
from ui.pages.base import Page
from ui.pages.meeting_actions import PERIODS, MeetingActions
from ui.qt_models.meetings_model import (
    COL_ATTENDEES,
    COL_COMPANY,
    COL_OUTCOME,
    COL_PLACE,
    COL_REP,
    COL_STATUS,
    COL_WHEN,
    IdRole,
    MeetingsModel,
    SortRole,
)
from ui.settings import AppSettings
from ui.shortcuts import add_shortcut
from ui.signals import DataBus, affects
from ui.widgets.flow_layout import flow_widget

COLUMN_WIDTHS = {COL_WHEN: 190, COL_COMPANY: 250, COL_REP: 120, COL_STATUS: 90, COL_OUTCOME: 150,
                 COL_ATTENDEES: 80, COL_PLACE: 240}



def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class MeetingsPage(MeetingActions, Page):
    """Meetings in a sortable table; actions on the selected one; briefs to preview, print and save."""


    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__(db, bus, settings, undo_stack, parent)
        self.setObjectName("meetingsPage")
        self.setAccessibleName(self.tr("Meetings"))
        self.preview_dialog = None  # the briefing sheet window last opened
        self._loaded = False
        self._stale = False

        # Filters.
        self.period_combo = _named(QComboBox(), "meetingPeriodCombo", self.tr("Which meetings"))
        for key, text in zip(PERIODS, (self.tr("Upcoming"), self.tr("Past"), self.tr("All"),
                                       self.tr("Date range")), strict=True):
            self.period_combo.addItem(text, key)
        today = clock.today()
        self.from_edit = self._date_edit("meetingFromDate", self.tr("From date"), today - timedelta(days=30))
        self.to_edit = self._date_edit("meetingToDate", self.tr("To date"), today + timedelta(days=30))
        self.rep_combo = _named(QComboBox(), "meetingRepCombo", self.tr("Field rep"))
        self.rep_combo.setMinimumContentsLength(10)
        self.rep_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rep_combo.addItem(self.tr("All field reps"), None)
        self.status_combo = _named(QComboBox(), "meetingStatusCombo", self.tr("Status"))
        self.status_combo.addItem(self.tr("All statuses"), None)
        for value in MEETING_STATUS:
            self.status_combo.addItem(label(MEETING_STATUS, value), value)
        self.count_label = _named(QLabel(), "meetingCountLabel", self.tr("Number of meetings shown"))
        bold = self.count_label.font()
        bold.setBold(True)
        self.count_label.setFont(bold)
        filters = QHBoxLayout()
        filters.addWidget(self.period_combo)
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel("〜"))
        filters.addWidget(self.to_edit)
        filters.addSpacing(8)
        filters.addWidget(self.rep_combo)
        filters.addWidget(self.status_combo)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        # Actions on the selected meeting, and the day's briefs.
        self.new_button = self._button("newMeetingButton", self.tr("New meeting…"),
                                       self.tr("Create a meeting"), "Ctrl+N", self.new_meeting)
        self.edit_button = self._button("editMeetingButton", self.tr("Edit…"),
                                        self.tr("Edit the selected meeting"), "Enter", self.edit_meeting)
        self.feedback_button = self._button("feedbackButton", self.tr("Enter outcome…"),
                                            self.tr("Enter the field's outcome of the selected meeting"),
                                            "Ctrl+R", self.enter_feedback)
        self.account_button = self._button("openAccountButton", self.tr("Open account"),
                                           self.tr("Open the account of the selected meeting"), "Ctrl+O",
                                           self.open_account)
        self.brief_button = self._button(
            "previewBriefButton", self.tr("Briefing sheet…"),
            self.tr("Preview, print or save the selected meeting's briefing sheet"), "Ctrl+B",
            self.preview_brief)
        self.delete_button = self._button("deleteMeetingButton", self.tr("Delete"),
                                          self.tr("Delete the selected meeting"), "Del", self.delete_selected)
        self.print_day_button = self._button("printDayButton", self.tr("Print all briefs for a date…"),
                                             self.tr("Print or save every briefing sheet of a date"),
                                             "Ctrl+Shift+P", self.print_day)
        # A flow, so the page fits a laptop screen and the buttons wrap when narrow.
        actions = flow_widget([self.new_button, self.edit_button, self.feedback_button, self.account_button,
                               self.brief_button, self.delete_button, self.print_day_button],
                              "meetingActionsBar")

        # A line after a delete, with its undo.
        self.undo_label = _named(QLabel(), "meetingUndoLabel", self.tr("Last change"))
        self.undo_button = _named(QPushButton(self.tr("Undo")), "meetingUndoButton",
                                  self.tr("Undo the delete"))
        self.undo_button.setFlat(True)
        self.undo_button.setStyleSheet("color: palette(link); text-decoration: underline;")
        self.undo_button.clicked.connect(self._undo_delete)
        self.undo_bar = QWidget()
        self.undo_bar.setObjectName("meetingUndoBar")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(0, 0, 0, 0)
        undo_layout.addWidget(self.undo_label)
        undo_layout.addWidget(self.undo_button)
        undo_layout.addStretch(1)
        self.undo_bar.hide()

        self.model = MeetingsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setSortLocaleAware(True)
        self.table = _named(QTableView(), "meetingsTable", self.tr("Meetings"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        list_table(self.table, COLUMN_WIDTHS)
        self.table.doubleClicked.connect(lambda _index: self.edit_meeting())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty_label = _named(QLabel(), "meetingsEmptyLabel", self.tr("No meetings"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(mid); padding: 24px;")
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(filters)
        layout.addWidget(actions)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            add_shortcut(QKeySequence(key), self.table, self.edit_meeting, Qt.ShortcutContext.WidgetShortcut)
        add_shortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_selected,
                     Qt.ShortcutContext.WidgetShortcut)
        for sequence, slot in (("Ctrl+N", self.new_meeting), ("Ctrl+R", self.enter_feedback),
                               ("Ctrl+O", self.open_account), ("Ctrl+B", self.preview_brief),
                               ("Ctrl+Shift+P", self.print_day)):
            add_shortcut(QKeySequence(sequence), self, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.period_combo.currentIndexChanged.connect(self._period_changed)
        for widget in (self.rep_combo, self.status_combo):
            widget.currentIndexChanged.connect(lambda _i: self.reload())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.reload())
        self.bus.changed.connect(self._on_data_changed)
        self._period_changed()
        self._update_buttons()

    def _date_edit(self, name: str, accessible: str, day: date) -> QDateEdit:
        edit = _named(QDateEdit(), name, accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy/MM/dd")
        edit.setDate(_qdate(day))
        return edit

    def _button(self, name: str, text: str, accessible: str, keys: str, slot) -> QPushButton:
        button = _named(QPushButton(text), name, accessible)
        shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{accessible} ({shown})")
        button.clicked.connect(slot)
        return button

    # -- loading ----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded or self._stale:
            self.reload()
            header = self.settings.meetings_header()
            if not self._loaded and not header.isEmpty():
                self.table.horizontalHeader().restoreState(header)

    def hideEvent(self, event) -> None:
        self.settings.set_meetings_header(self.table.horizontalHeader().saveState())
        super().hideEvent(event)

    def _on_data_changed(self, payload: str) -> None:
        if not affects(payload, MEETINGS, MEETING_ATTENDEES, COMPANIES, CONTACTS):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def _period_changed(self) -> None:
        ranged = self.period_combo.currentData() == "range"
        self.from_edit.setEnabled(ranged)
        self.to_edit.setEnabled(ranged)
        self.reload()

    def _bounds(self) -> tuple[date | None, date | None]:
        today = clock.today()
        period = self.period_combo.currentData()
        if period == "upcoming":
            return today, None
        if period == "past":
            return None, today - timedelta(days=1)
        if period == "range":
            return self.from_edit.date().toPython(), self.to_edit.date().toPython()
        return None, None

    def reload(self) -> None:
        """Read the meetings the filters ask for, keeping the selected one selected."""
        if not self.isVisible() and not self._loaded:
            return  # first load on show: nothing heavy while the window starts
        selected = self.selected_id()
        self._reload_reps()
        start, end = self._bounds()
        try:
            rows = list_meetings(self.db, start, end, self.rep_combo.currentData(),
                                 self.status_combo.currentData())
        except KakeruError as error:
            QMessageBox.warning(self, self.tr("Meetings"), str(error))
            rows = []
        self.model.set_rows(rows)
        descending = self.period_combo.currentData() == "past"
        self.table.sortByColumn(COL_WHEN, Qt.SortOrder.DescendingOrder if descending
                                else Qt.SortOrder.AscendingOrder)
        self._loaded = True
        self._stale = False
        if selected is not None:
            self.select_meeting(selected)
        self._update_count(len(rows))
        self._update_buttons()

    def _reload_reps(self) -> None:
        current = self.rep_combo.currentData()
        reps = field_reps(self.db)
        if [self.rep_combo.itemData(i) for i in range(1, self.rep_combo.count())] == reps:
            return
        self.rep_combo.blockSignals(True)
        self.rep_combo.clear()
        self.rep_combo.addItem(self.tr("All field reps"), None)
        for rep in reps:
            self.rep_combo.addItem(rep, rep)
        index = self.rep_combo.findData(current) if current is not None else 0
        self.rep_combo.setCurrentIndex(max(index, 0))
        self.rep_combo.blockSignals(False)

    def _update_count(self, count: int) -> None:
        self.count_label.setText(arg(self.tr("%1 meetings"), number(count)))
        self.empty_label.setVisible(count == 0)
        if count == 0:
            if self.period_combo.currentData() == "upcoming":
                self.empty_label.setText(self.tr(
                    "No upcoming meetings. When a call ends with an appointment, its meeting appears "
                    "here; you can also create one with New meeting… (Ctrl+N)."))
            else:
                self.empty_label.setText(self.tr("No meeting matches these filters."))

    # -- selection --------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(IdRole)

    def select_meeting(self, meeting_id: int) -> bool:
        row = self.model.row_of_id(meeting_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (self.edit_button, self.feedback_button, self.account_button, self.brief_button,
                       self.delete_button):
            button.setEnabled(chosen)
