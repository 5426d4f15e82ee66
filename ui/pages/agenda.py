"""The Agenda page: every open plan grouped overdue / today / this week / next week / later, with the
lead-time panel beside it, the "which hypotheses work" tab, calendar export and cadences.

Nothing is read in the constructor: the plans load on the first showEvent (or ``reload()``), so the
page costs nothing at start-up on a big database. A data change while hidden marks it stale.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts import lists
from models.accounts.entities import Plan
from models.accounts.vocab import TOUCH_KIND
from models.meetings import ics
from models.planning.agenda_groups import agenda_groups
from models.store import clock
from models.store.changes import (
    CADENCES,
    COMPANIES,
    CONTACTS,
    LIST_MEMBERS,
    MEETINGS,
    PLANS,
    TARGET_LISTS,
    TOUCHES,
    Changes,
)
from models.store.errors import KakeruError
from ui.dialogs.apply_cadence import ApplyCadenceDialog
from ui.dialogs.plan_dialog import PlanDialog
from ui.dialogs.progress import ProgressCallback
from ui.errors import show_expected_error
from ui.i18n import arg, label, number
from ui.naming import named as _named
from ui.operations import record
from ui.pages.base import Page
from ui.qt_models.plan_agenda_model import (
    COL_COMPANY,
    COL_HYPOTHESIS,
    COL_KIND,
    COL_WHEN,
    CompanyIdRole,
    PlanAgendaModel,
    PlanIdRole,
)
from ui.settings import AppSettings
from ui.shortcuts import add_shortcut
from ui.signals import DataBus, affects
from ui.widgets.hypothesis_results import HypothesisResultsView
from ui.widgets.leadtime_panel import LeadTimePanel

WATCHED = Changes.of(PLANS, COMPANIES, TOUCHES, MEETINGS, LIST_MEMBERS, TARGET_LISTS, CADENCES, CONTACTS)
COLUMN_WIDTHS = {COL_WHEN: 240, COL_COMPANY: 210, COL_KIND: 64, COL_HYPOTHESIS: 320}



class _LazyProgress:
    """A progress dialog that appears only when there is enough to wait for (a big export)."""

    FROM = 1000

    def __init__(self, parent: QWidget, title: str, text: str):
        self.parent, self.title, self.text = parent, title, text
        self.dialog: ProgressCallback | None = None

    def __call__(self, done: int, total: int) -> bool:
        if self.dialog is None:
            if total < self.FROM:
                return True
            self.dialog = ProgressCallback(self.parent, self.title, self.text)
        return self.dialog(done, total)

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()


class AgendaPage(Page):

    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__(db, bus, settings, undo_stack, parent)
        self.setObjectName("agendaPage")
        self.setAccessibleName(self.tr("Agenda"))
        self.today: date | None = None  # None: the real today (tests set a day)
        self._loaded = False
        self._stale = True

        self.list_combo = _named(QComboBox(), "agendaListFilter", self.tr("List"))
        self.list_combo.setMinimumContentsLength(12)
        self.list_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.list_combo.addItem(self.tr("All lists"), None)
        self.list_combo.activated.connect(self.reload)
        self.kind_combo = _named(QComboBox(), "agendaKindFilter", self.tr("Kind"))
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for value in TOUCH_KIND:
            self.kind_combo.addItem(label(TOUCH_KIND, value), value)
        self.kind_combo.activated.connect(self.reload)
        self.cadence_button = _named(QPushButton(self.tr("Apply cadence…")), "applyCadenceButton",
                                     self.tr("Apply a cadence to the chosen list or the selected accounts"))
        self.cadence_button.setToolTip(self.tr(
            "Plan a sequence of touches for every account of the list chosen on the left "
            "(or for the selected accounts when no list is chosen)"))
        self.cadence_button.clicked.connect(self.apply_cadence)
        self.export_button = _named(QPushButton(self.tr("Export to calendar (.ics)…")), "exportIcsButton",
                                    self.tr("Export open plans and meetings to a calendar file"))
        self.export_button.setToolTip(self.tr(
            "Outlook, Google Calendar and phones can import the file; importing it again updates the "
            "events instead of adding copies"))
        self.export_button.clicked.connect(self.export_ics)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("List")))
        top.addWidget(self.list_combo)
        top.addSpacing(8)
        top.addWidget(QLabel(self.tr("Kind")))
        top.addWidget(self.kind_combo)
        top.addStretch(1)
        top.addWidget(self.cadence_button)
        top.addWidget(self.export_button)

        self.model = PlanAgendaModel(self)
        self.tree = _named(QTreeView(), "agendaTree", self.tr("Open plans by day"))
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 2px 0; }")  # room for the Japanese font
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        for column, width in COLUMN_WIDTHS.items():
            self.tree.header().resizeSection(column, width)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

        self.open_button = _named(QPushButton(self.tr("Open account")), "agendaOpenAccount",
                                  self.tr("Open the account of the selected plan"))
        self.open_button.setToolTip(self.tr("Open the account (Enter)"))
        self.open_button.clicked.connect(self.open_current)
        self.edit_button = _named(QPushButton(self.tr("Edit plan…")), "agendaEditPlan",
                                  self.tr("Edit the selected plan"))
        self.edit_button.setToolTip(self.tr("Edit the plan (F2)"))
        self.edit_button.clicked.connect(self.edit_current)
        self.call_button = _named(QPushButton(self.tr("Call these…")), "agendaCallThese",
                                  self.tr("Start a call session on the selected plans' accounts"))
        self.call_button.setToolTip(self.tr(
            "Start a call session on the selected accounts (a selected group takes all of its plans; "
            "with nothing selected, every account shown), in agenda order (Ctrl+Enter)"))
        self.call_button.clicked.connect(self.request_session)
        self.count_label = _named(QLabel(), "agendaCount", self.tr("Number of open plans"))
        actions = QHBoxLayout()
        for button in (self.open_button, self.edit_button, self.call_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(actions)

        self.leadtime = LeadTimePanel(db, settings)
        self.leadtime.account_requested.connect(self.account_requested)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("agendaSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.leadtime)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 460])
        self.splitter.setChildrenCollapsible(False)
        self.splitter.restoreState(settings.agenda_splitter())
        self.splitter.splitterMoved.connect(
            lambda *_: self.settings.set_agenda_splitter(self.splitter.saveState()))

        self.hypotheses = HypothesisResultsView(db, bus)
        self.hypotheses.account_requested.connect(self.account_requested)
        self.tabs = _named(QTabWidget(), "agendaTabs", self.tr("Agenda views"))
        self.tabs.addTab(self.splitter, self.tr("Plans"))
        self.tabs.addTab(self.hypotheses, self.tr("Which hypotheses work"))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            add_shortcut(QKeySequence(key), self.tree, self.open_current, Qt.ShortcutContext.WidgetShortcut)
        add_shortcut(QKeySequence("Ctrl+Return"), self.tree, self.request_session,
                     Qt.ShortcutContext.WidgetShortcut)
        add_shortcut(QKeySequence(Qt.Key.Key_F2), self.tree, self.edit_current,
                     Qt.ShortcutContext.WidgetShortcut)
        add_shortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload,
                     Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.bus.changed.connect(self._on_data_changed)
        self._selection_changed()

    # -- loading ------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _day(self) -> date:
        return self.today or clock.today()

    def _fill_lists(self) -> None:
        current = self.list_combo.currentData()
        self.list_combo.blockSignals(True)
        self.list_combo.clear()
        self.list_combo.addItem(self.tr("All lists"), None)
        for target_list in lists.get_lists(self.db):
            if not target_list.archived:
                self.list_combo.addItem(target_list.name, target_list.id)
        self.list_combo.setCurrentIndex(max(0, self.list_combo.findData(current)))
        self.list_combo.blockSignals(False)

    def reload(self) -> None:
        """Read the plans (and the figures of the visible tab) again."""
        self._fill_lists()
        self.leadtime.today = self.hypotheses.today = self.today
        groups = agenda_groups(self.db, self._day(), list_id=self.list_combo.currentData(),
                               kind=self.kind_combo.currentData())
        self.model.set_groups(groups)
        self.tree.expandAll()
        total = sum(groups.counts.values())
        self.count_label.setText(arg(self.tr("%1 open plans"), number(total)))
        self.leadtime.refresh()
        if self.tabs.currentWidget() is self.hypotheses:
            self.hypotheses.refresh()
        self._loaded = True
        self._stale = False
        self._selection_changed()

    def _tab_changed(self) -> None:
        if self._loaded and self.tabs.currentWidget() is self.hypotheses:
            self.hypotheses.refresh()

    def _on_data_changed(self, payload: str) -> None:
        if not affects(payload, WATCHED):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    # -- selection ----------------------------------------------------------------------------
    def selected_company_ids(self) -> list[int]:
        """The selected plans' accounts in agenda order; a selected group row brings all of its plans."""
        rows = self.tree.selectionModel().selectedRows()
        chosen: set[tuple[int, int]] = set()
        groups: set[int] = set()
        for index in rows:
            if index.parent().isValid():
                chosen.add((index.parent().row(), index.row()))
            else:
                groups.add(index.row())
        ids: list[int] = []
        for group_row in range(self.model.rowCount()):
            parent = self.model.index(group_row, 0)
            for row in range(self.model.rowCount(parent)):
                if group_row in groups or (group_row, row) in chosen:
                    ids.append(self.model.index(row, 0, parent).data(CompanyIdRole))
        return list(dict.fromkeys(ids))

    def _current_plan_index(self):
        index = self.tree.currentIndex()
        if index.isValid() and index.parent().isValid():
            return index.siblingAtColumn(0)
        return None

    def _selection_changed(self, *_args) -> None:
        has_plan = self._current_plan_index() is not None
        self.open_button.setEnabled(has_plan)
        self.edit_button.setEnabled(has_plan)
        groups = self.model.groups()
        self.call_button.setEnabled(bool(groups and groups.company_ids()))

    def select_group(self, group: str) -> None:
        index = self.model.group_index(group)
        self.tree.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.setCurrentIndex(index)

    # -- actions ------------------------------------------------------------------------------
    def _double_clicked(self, index) -> None:
        if index.parent().isValid():
            self.open_current()

    def open_current(self) -> None:
        index = self._current_plan_index()
        if index is not None:
            self.account_requested.emit(int(index.data(CompanyIdRole)))

    def edit_current(self) -> None:
        index = self._current_plan_index()
        if index is None:
            return
        try:
            dialog = PlanDialog(self.db, int(index.data(CompanyIdRole)), self,
                                plan_id=int(index.data(PlanIdRole)), today=self.today)
        except KakeruError as error:
            show_expected_error(error, self)
            self.reload()
            return
        if dialog.exec():
            record(self.bus, None, dialog.plan or Plan.changes)

    def add_plan_for_current(self) -> None:
        index = self._current_plan_index()
        if index is None:
            return
        dialog = PlanDialog(self.db, int(index.data(CompanyIdRole)), self, today=self.today)
        if dialog.exec():
            record(self.bus, None, dialog.plan or Plan.changes)

    def request_session(self) -> None:
        ids = self.selected_company_ids()
        if not ids:
            groups = self.model.groups()
            ids = groups.company_ids() if groups else []
        if ids:
            self.session_requested.emit(ids)

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        menu.setObjectName("agendaContextMenu")
        has_plan = self._current_plan_index() is not None
        for text, slot, enabled in (
            (self.tr("Open account"), self.open_current, has_plan),
            (self.tr("Edit plan…"), self.edit_current, has_plan),
            (self.tr("Add another plan for this account…"), self.add_plan_for_current, has_plan),
            (self.tr("Call these…"), self.request_session, True),
        ):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(slot)
        menu.popup(self.tree.viewport().mapToGlobal(position))

    def _target_company_ids(self) -> list[int]:
        list_id = self.list_combo.currentData()
        if list_id is not None:
            return lists.member_ids(self.db, list_id)
        return self.selected_company_ids()

    def apply_cadence(self) -> None:
        ids = self._target_company_ids()
        if not ids:
            QMessageBox.information(self, self.tr("Apply cadence"), self.tr(
                "Choose a list in the List filter, or select plans in the agenda, to say which accounts "
                "the cadence is for."))
            return
        dialog = ApplyCadenceDialog(self.db, self.bus, ids, self, today=self.today)
        dialog.exec()

    def export_ics(self) -> None:
        folder = self.settings.export_dialog_dir()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to calendar"), str(Path(folder) / "kakeru.ics"),
            self.tr("iCalendar files (*.ics)"))
        if not path:
            return
        if not path.lower().endswith(".ics"):
            path += ".ics"
        list_id = self.list_combo.currentData()
        company_ids = lists.member_ids(self.db, list_id) if list_id is not None else None
        progress = _LazyProgress(self, self.tr("Export to calendar"), self.tr("Writing the calendar file…"))
        try:
            result = ics.export_ics(self.db, path, company_ids=company_ids, progress=progress)
        except KakeruError as error:
            show_expected_error(error, self)
            return
        finally:
            progress.close()
        self.settings.set_last_export_dir(str(Path(path).parent))
        QMessageBox.information(self, self.tr("Export to calendar"), arg(self.tr(
            "%1 plans and %2 meetings were written to %3. Importing the file again later updates these "
            "events instead of adding copies."), number(result.plans), number(result.meetings), path))

    def group_rows(self, group: str) -> list:
        """The plans shown in ``group`` (for tests and the session)."""
        groups = self.model.groups()
        return list(groups.rows[group]) if groups else []

