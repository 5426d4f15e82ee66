"""The account page: one company's card, people, lists, status and open hypothesis, its timeline and
relationship map; with no company chosen, a search to pick one.

The company card and contacts are the Targets page's detail panel (``CompanyPanel``); the timeline
is ``TimelineView``; the map is ``MapPanel``. Nothing is read until the page is first shown or a
company is asked for, so building the page costs nothing at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts import lists as lists_model
from models.accounts import targets as targets_query
from models.accounts.companies import get_company
from models.accounts.vocab import COMPANY_STATUS
from models.planning.plans import open_plans
from models.store.changes import COMPANIES, LIST_MEMBERS, PLANS, TARGET_LISTS, TOUCHES
from models.store.errors import NotFound
from ui.i18n import arg, label
from ui.naming import named as _named
from ui.pages.base import Page
from ui.qt_models.targets_model import COL_KANA, COL_NAME, COL_PHONE, COL_PREFECTURE, COL_STATUS, TargetsModel
from ui.settings import AppSettings
from ui.shortcuts import add_shortcut
from ui.signals import DataBus, affects
from ui.undo import edit_company
from ui.widgets.company_panel import CompanyPanel
from ui.widgets.map_panel import MapPanel
from ui.widgets.timeline_view import TimelineView

PICKER_COLUMNS = (COL_NAME, COL_KANA, COL_PHONE, COL_PREFECTURE, COL_STATUS)



class AccountPage(Page):
    """Everything about one account; ``show_company`` opens one, the search line finds one."""


    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__(db, bus, settings, undo_stack, parent)
        self.setObjectName("accountsPage")
        self.setAccessibleName(self.tr("Account"))
        self.company_id: int | None = None
        self.picker_model: TargetsModel | None = None  # built on first use: it reads the store

        self.search = _named(QLineEdit(), "accountSearch", self.tr("Find a company"))
        self.search.setPlaceholderText(self.tr("Find a company by name, reading, phone or address (Ctrl+L)"))
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(150)
        self.search_timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self._open_first_result)
        add_shortcut(QKeySequence("Ctrl+L"), self, self.focus_search,
                     Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.results = _named(QTableView(), "accountResults", self.tr("Companies found"))
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.activated.connect(self._open_result)
        self.results.doubleClicked.connect(self._open_result)
        self.results_hint = _named(QLabel(self.tr("Choose a company to see its account: type in the search "
                                                  "line, then press Enter or double-click a row.")),
                                   "accountPickerHint", self.tr("How to choose a company"))
        self.results_hint.setWordWrap(True)
        picker = QWidget()
        picker.setObjectName("accountPicker")
        picker_layout = QVBoxLayout(picker)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        picker_layout.addWidget(self.results_hint)
        picker_layout.addWidget(self.results, 1)

        # The header of a chosen account: name, status, lists, open hypothesis, call button.
        self.heading = _named(QLabel(), "accountHeading", self.tr("Company name"))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_combo = _named(QComboBox(), "accountStatus", self.tr("Status"))
        for value in COMPANY_STATUS:
            self.status_combo.addItem(label(COMPANY_STATUS, value), value)
        self.status_combo.activated.connect(self._status_chosen)
        self.lists_label = _named(QLabel(), "accountLists", self.tr("Lists the company is on"))
        self.lists_label.setWordWrap(True)
        self.hypothesis_label = _named(QLabel(), "accountHypothesis", self.tr("Open hypothesis"))
        self.hypothesis_label.setWordWrap(True)
        self.session_button = _named(QPushButton(self.tr("Start a call session")), "accountSessionButton",
                                     self.tr("Start a call session on this company"))
        self.session_button.setToolTip(self.tr("Start a call session on this company (Ctrl+Shift+Return)"))
        self.session_button.clicked.connect(self.request_session)
        add_shortcut(QKeySequence("Ctrl+Shift+Return"), self, self.request_session,
                     Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.cadence_button = _named(QPushButton(self.tr("Apply cadence…")), "accountCadenceButton",
                                     self.tr("Apply a cadence to this company"))
        self.cadence_button.setToolTip(self.tr("Plan this company's next touches from a cadence"))
        self.cadence_button.clicked.connect(self.apply_cadence)
        title_row = QHBoxLayout()
        title_row.addWidget(self.heading, 1)
        title_row.addWidget(QLabel(self.tr("Status")))
        title_row.addWidget(self.status_combo)
        title_row.addWidget(self.cadence_button)
        title_row.addWidget(self.session_button)
        header = QWidget()
        header.setObjectName("accountHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.addLayout(title_row)
        header_layout.addWidget(self.lists_label)
        header_layout.addWidget(self.hypothesis_label)

        self.panel = CompanyPanel(db, bus, undo_stack)
        self.timeline = TimelineView(db, bus, undo_stack, settings)
        self.map_panel = MapPanel(db, bus, undo_stack)
        self.tabs = _named(QTabWidget(), "accountTabs", self.tr("Timeline and relationship map"))
        self.tabs.addTab(self.timeline, self.tr("&Timeline"))
        self.tabs.addTab(self.map_panel, self.tr("Relationship &map"))
        self.splitter = QSplitter()
        self.splitter.setObjectName("accountSplitter")
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        account = QWidget()
        account.setObjectName("accountBody")
        account_layout = QVBoxLayout(account)
        account_layout.setContentsMargins(0, 0, 0, 0)
        account_layout.addWidget(header)
        account_layout.addWidget(self.splitter, 1)

        self.stack = QStackedWidget()
        self.stack.setObjectName("accountStack")
        self.stack.addWidget(picker)
        self.stack.addWidget(account)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        bus.changed.connect(self._on_data_changed)
        self.panel.saved.connect(lambda _id: self._show_header())

    # -- picking ---------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.company_id is None and self.picker_model is None:
            self._run_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _ensure_picker(self) -> TargetsModel:
        if self.picker_model is None:
            self.picker_model = TargetsModel(self.db, self)
            self.results.setModel(self.picker_model)
            header = self.results.horizontalHeader()
            for column in range(self.picker_model.columnCount()):
                self.results.setColumnHidden(column, column not in PICKER_COLUMNS)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.results.setColumnWidth(COL_NAME, 260)
            self.results.setColumnWidth(COL_KANA, 180)
            self.results.setColumnWidth(COL_PHONE, 130)
            header.setStretchLastSection(True)
        return self.picker_model

    def _run_search(self) -> None:
        self.search_timer.stop()
        model = self._ensure_picker()
        model.set_filter(targets_query.TargetFilter(search=self.search.text().strip()))
        self.stack.setCurrentIndex(0)
        if model.rowCount():
            self.results.selectRow(0)

    def _open_first_result(self) -> None:
        self._run_search()
        if self.picker_model is not None and self.picker_model.rowCount():
            self._open_result(self.picker_model.index(self.results.currentIndex().row() if
                                                      self.results.currentIndex().isValid() else 0, 0))

    def _open_result(self, index: QModelIndex) -> None:
        if self.picker_model is None or not index.isValid():
            return
        self.show_company(self.picker_model.row_at(index.row()).id)

    # -- the account -----------------------------------------------------------------------------
    def show_company(self, company_id: int | None) -> None:
        """Open the account of ``company_id`` (None: back to the search)."""
        if company_id != self.company_id and not self.panel.confirm_discard():
            return
        if company_id is not None:
            try:
                get_company(self.db, company_id)
            except NotFound as error:
                QMessageBox.warning(self, self.tr("Account"), str(error))
                company_id = None
        self.company_id = company_id
        if company_id is None:
            self.stack.setCurrentIndex(0)
            self._run_search()
            return
        self.stack.setCurrentIndex(1)
        self.panel.show_company(company_id)
        self.timeline.set_company(company_id)
        self.map_panel.set_company(company_id)
        self._show_header()

    def _show_header(self) -> None:
        if self.company_id is None:
            return
        try:
            company = get_company(self.db, self.company_id)
        except NotFound:
            self.show_company(None)
            return
        self.heading.setText(company.name)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(company.status), 0))
        names = [target_list.name for target_list in lists_model.lists_for_company(self.db, company.id)]
        self.lists_label.setText(arg(self.tr("Lists: %1"), "、".join(names) if names else self.tr("none")))
        hypothesis = next((plan for plan in open_plans(self.db, company.id) if plan.hypothesis), None)
        if hypothesis is None:
            self.hypothesis_label.setText(self.tr("Open hypothesis: none"))
        else:
            self.hypothesis_label.setText(arg(self.tr("Open hypothesis: %1 (plan for %2)"),
                                              hypothesis.hypothesis, hypothesis.due[:10].replace("-", "/")))

    def _status_chosen(self, _index: int) -> None:
        if self.company_id is None:
            return
        value = self.status_combo.currentData()
        company = get_company(self.db, self.company_id)
        if value == company.status:
            return
        if edit_company(self.db, self.bus, self.undo_stack, arg(self.tr("Status of %1"), company.name),
                        self.company_id, {"status": value}, parent=self, title=self.tr("Not saved")) is None:
            self._show_header()  # the combo goes back to the stored status

    def apply_cadence(self) -> None:
        """The cadence dialog for this company; its plans appear on the timeline."""
        if self.company_id is None:
            return
        from ui.dialogs.apply_cadence import ApplyCadenceDialog

        ApplyCadenceDialog(self.db, self.bus, [self.company_id], self).exec()

    def request_session(self) -> None:
        if self.company_id is not None:
            self.session_requested.emit([self.company_id])

    def _on_data_changed(self, payload: str) -> None:
        if self.company_id is not None and affects(payload, COMPANIES, PLANS, LIST_MEMBERS,
                                                   TARGET_LISTS, TOUCHES):
            self._show_header()
        elif self.company_id is None and self.picker_model is not None and affects(payload, COMPANIES):
            self.picker_model.refresh()
