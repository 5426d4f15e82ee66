"""The Today page: the day's queue (overdue and due re-contacts, then fresh targets up to the daily
target) and, once started, the call session that works through it.

Nothing is read in the constructor: the queue is built on the first show (or when asked), and an
open session is resumed then, so a restart — or a crash — lands where the caller was.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts import lists as lists_model
from models.planning import colleagues, sessions
from models.planning.agenda import Agenda, build_agenda
from models.store import clock
from models.store import settings as db_settings
from models.store.changes import (
    COMPANIES,
    IMPORTS,
    LIST_MEMBERS,
    PLANS,
    SETTINGS,
    TARGET_LISTS,
    TOUCHES,
    Changes,
)
from models.store.errors import KakeruError
from ui.errors import show_expected_error
from ui.form_parts import list_table
from ui.i18n import arg, number
from ui.naming import named as _named
from ui.pages.base import Page
from ui.qt_models.today_agenda_model import (
    COL_DUE,
    COL_KANA,
    COL_NAME,
    COL_NUMBER,
    COL_PHONE,
    COL_RANK,
    COL_REASON,
    COL_SECTION,
    COL_STATUS,
    AgendaModel,
    IdRole,
    SortRole,
)
from ui.session.view import SessionView
from ui.settings import AppSettings
from ui.signals import DataBus, affects

COLUMN_WIDTHS = {COL_NUMBER: 40, COL_SECTION: 80, COL_NAME: 220, COL_KANA: 150, COL_PHONE: 120, COL_DUE: 100,
                 COL_RANK: 50, COL_STATUS: 100, COL_REASON: 320}
REFRESH_ON = Changes.of(COMPANIES, TOUCHES, PLANS, LIST_MEMBERS, TARGET_LISTS, SETTINGS, IMPORTS)


def shortcut(sequence, parent: QWidget, slot,
             context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QShortcut:
    """A shortcut limited to ``parent`` (PySide6 ignores a ``context`` keyword in the constructor)."""
    made = QShortcut(QKeySequence(sequence), parent)
    made.setContext(context)
    made.activated.connect(slot)
    return made



class TodayPage(Page):
    """The queue for a day with its counts; Enter opens an account, Ctrl+Enter starts the session."""


    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__(db, bus, settings, undo_stack, parent)
        self.setObjectName("todayPage")
        self.setAccessibleName(self.tr("Today"))
        self.agenda: Agenda | None = None
        self._controls_filled = False
        self._shown_once = False  # the first show resumes an open session
        self._stale = True

        self.queue = _named(QWidget(), "todayQueue", self.tr("Today's queue"))
        self._build_queue()
        self.session = SessionView(db, bus, settings, undo_stack)
        self.session.closed.connect(self.show_queue)
        self.session.account_requested.connect(self.account_requested)
        self.stack = QStackedWidget()
        self.stack.setObjectName("todayStack")
        self.stack.addWidget(self.queue)
        self.stack.addWidget(self.session)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        bus.changed.connect(self._on_data_changed)

    # -- building ---------------------------------------------------------------------------------
    def _build_queue(self) -> None:
        heading = QLabel(self.tr("Today"))
        heading.setObjectName("todayHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        today = clock.today()
        self.date_edit = _named(QDateEdit(QDate(today.year, today.month, today.day)), "todayDate",
                                self.tr("Day"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd (ddd)")
        self.date_edit.dateChanged.connect(lambda _d: self.reload())
        self.list_combo = _named(QComboBox(), "todayListCombo", self.tr("List the new targets come from"))
        self.list_combo.setMinimumContentsLength(16)
        self.list_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.list_combo.activated.connect(self._list_chosen)
        self.target_spin = _named(QSpinBox(), "dailyTargetSpin", self.tr("Daily target"))
        self.target_spin.setRange(0, 1000)
        self.target_spin.setKeyboardTracking(False)
        self.target_spin.setSuffix(self.tr(" accounts"))
        self.target_spin.valueChanged.connect(self._target_changed)
        self.start_button = _named(QPushButton(self.tr("Start session (Ctrl+Enter)")), "startSessionButton",
                                   self.tr("Start a call session on this queue"))
        self.start_button.clicked.connect(self.start_queue_session)
        self.resume_button = _named(QPushButton(self.tr("Resume session")), "resumeSessionButton",
                                    self.tr("Go back to the session in progress"))
        self.resume_button.clicked.connect(self.resume_session)
        self.resume_button.hide()
        self.keys_button = _named(QPushButton(self.tr("Outcome keys…")), "outcomeKeysButton",
                                  self.tr("Choose which outcome each number key logs"))
        self.keys_button.clicked.connect(self.edit_outcome_keys)
        # In a team: accounts a colleague called recently or holds a plan on are left out unless asked.
        self.others_check = _named(
            QCheckBox(self.tr("Show accounts colleagues are working on")), "todayShowOthers",
            self.tr("Also list accounts a colleague called recently or holds a plan on"))
        self.others_check.toggled.connect(lambda _on: self.reload())
        self.others_check.hide()

        day_label = QLabel(self.tr("&Day"))
        day_label.setBuddy(self.date_edit)
        list_label = QLabel(self.tr("&List"))
        list_label.setBuddy(self.list_combo)
        target_label = QLabel(self.tr("Daily &target"))
        target_label.setBuddy(self.target_spin)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        for caption, widget in ((day_label, self.date_edit), (list_label, self.list_combo),
                                (target_label, self.target_spin)):
            top.addWidget(caption)
            top.addWidget(widget)
            top.addSpacing(8)
        top.addStretch(1)
        top.addWidget(self.others_check)
        top.addWidget(self.keys_button)
        top.addWidget(self.resume_button)
        top.addWidget(self.start_button)

        self.counts_label = _named(QLabel(), "todayCounts", self.tr("Counts of the queue"))
        bold = self.counts_label.font()
        bold.setBold(True)
        self.counts_label.setFont(bold)

        self.model = AgendaModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = _named(QTableView(), "todayTable", self.tr("Today's queue"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        list_table(self.table, COLUMN_WIDTHS)
        self.table.doubleClicked.connect(self._open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut(key, self.table, self._open_current, Qt.ShortcutContext.WidgetShortcut)
        # Window-wide, so it works wherever the focus is (the navigation list beside the page too); a
        # shortcut whose widget is hidden is off, so it holds only while the queue is shown.
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(sequence, self.queue, self.start_queue_session, Qt.ShortcutContext.WindowShortcut)
        self.empty_label = _named(QLabel(), "todayEmpty", self.tr("Nothing to call"))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(dark); padding: 24px;")
        self.empty_label.hide()

        layout = QVBoxLayout(self.queue)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    # -- loading ----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._fill_controls()
            if self.session.resume():
                self.stack.setCurrentWidget(self.session)
                return
        if self._stale and self.stack.currentWidget() is self.queue:
            self.reload()

    def _fill_controls(self) -> None:
        if self._controls_filled:
            return
        self._controls_filled = True
        self.target_spin.blockSignals(True)
        self.target_spin.setValue(db_settings.daily_target(self.db))
        self.target_spin.blockSignals(False)
        self._fill_lists(self.settings.today_list_id())

    def _fill_lists(self, chosen: int | None) -> None:
        self.list_combo.clear()
        self.list_combo.addItem(self.tr("All lists"), None)
        for target_list in lists_model.get_lists(self.db):
            if not target_list.archived:
                text = f"{target_list.name} ({number(target_list.member_count)})"
                self.list_combo.addItem(text, target_list.id)
        self.list_combo.setCurrentIndex(max(self.list_combo.findData(chosen), 0))

    def day(self) -> date:
        return self.date_edit.date().toPython()

    def list_id(self) -> int | None:
        value = self.list_combo.currentData()
        return int(value) if value is not None else None

    def reload(self) -> None:
        """Build the queue for the chosen day, list and target."""
        self._fill_controls()
        list_id = self.list_id()
        self.agenda = build_agenda(self.db, self.day(), None if list_id is None else [list_id],
                                   self.target_spin.value(), include_others=self.others_check.isChecked())
        self.model.set_agenda(self.agenda)
        self._stale = False
        counts = self.agenda.counts
        text = arg(
            self.tr("Overdue %1 · Due today %2 · New %3 · Done today %4 (daily target %5)"),
            number(counts.overdue), number(counts.due), number(counts.fresh), number(counts.done_today),
            number(self.agenda.daily_target))
        team = colleagues.team_view(self.db)
        self.others_check.setVisible(team.bound)
        if team.bound:
            # What the laptop knows of its colleagues is what it last synced: say how old that is.
            age = colleagues.sync_age_text(team, clock.now())
            if self.agenda.held_by_others:
                text += "　" + arg(self.tr("%1 left out: a colleague is working on them (%2)"),
                                   number(self.agenda.held_by_others), age)
            else:
                text += "　" + arg(self.tr("(colleagues' work as of the last sync: %1)"), age)
        self.counts_label.setText(text)
        empty = not self.agenda.entries
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)
        if empty:
            self.empty_label.setText(self.tr(
                "Nothing to call on this day: no re-contacts are due and no untouched targets are left "
                "in this list. Choose another list or import one on the Targets page."))
        self.start_button.setEnabled(not empty)
        self.resume_button.setVisible(self._unfinished_session() is not None)
        if self.table.currentIndex().row() < 0 and not empty:
            self.table.setCurrentIndex(self.proxy.index(0, COL_NAME))

    def _unfinished_session(self) -> sessions.SessionState | None:
        state = sessions.current_session(self.db)
        return state if state is not None and not state.finished else None

    def _on_data_changed(self, payload: str) -> None:
        if affects(payload, TARGET_LISTS, LIST_MEMBERS) and self._controls_filled:
            self._fill_lists(self.list_id())
        if affects(payload, REFRESH_ON):
            self._stale = True
            if self.isVisible() and self.stack.currentWidget() is self.queue:
                self.reload()

    def _list_chosen(self) -> None:
        self.settings.set_today_list_id(self.list_id())
        self.reload()

    def _target_changed(self, value: int) -> None:
        try:
            db_settings.set_daily_target(self.db, value)
        except KakeruError as error:
            show_expected_error(error, self)
            return
        self.reload()

    # -- opening accounts and sessions ------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.account_requested.emit(int(index.data(IdRole)))

    def _open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def queue_ids(self) -> list[int]:
        """The companies of the queue in the order shown."""
        return [int(self.proxy.index(row, 0).data(IdRole)) for row in range(self.proxy.rowCount())]

    def start_queue_session(self) -> None:
        if self.agenda is None:
            self.reload()
        self.start_session(self.queue_ids())

    def start_session(self, company_ids: list[int]) -> None:
        """Start a call session on ``company_ids`` in that order (from this page or any other)."""
        self._fill_controls()
        open_state = self._unfinished_session()
        if open_state is not None:
            answer = QMessageBox.question(self, self.tr("Start a new session"), arg(self.tr(
                "A session is in progress (account %1 of %2). Start a new one instead? "
                "Everything logged so far stays saved."), number(open_state.position + 1),
                number(len(open_state.company_ids))))
            if answer != QMessageBox.StandardButton.Yes:
                self.resume_session()
                return
            if not self.session.confirm_leave():  # a call typed and not saved: save, discard or stay
                self.resume_session()
                return
        try:
            self.session.start(list(company_ids), self.list_id())
        except KakeruError as error:
            show_expected_error(error, self)
            return
        self.stack.setCurrentWidget(self.session)

    def edit_outcome_keys(self) -> None:
        from ui.dialogs.outcome_keys import OutcomeKeysDialog

        dialog = OutcomeKeysDialog(self.settings, self)
        if dialog.exec():
            self.session.panel.set_order(dialog.order)

    def resume_session(self) -> None:
        if self.stack.currentWidget() is self.session and self.session.card is not None:
            return  # already on screen, as typed
        if self.session.resume():
            self.stack.setCurrentWidget(self.session)

    def confirm_leave(self) -> bool:
        """Before the window closes: a call typed and not saved is saved, discarded, or the window stays."""
        return self.session.confirm_leave()

    def show_queue(self) -> None:
        self.stack.setCurrentWidget(self.queue)
        self.reload()
        self.table.setFocus()
