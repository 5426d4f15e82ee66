"""The Targets page: search and filters, saved views, lists, the target table with bulk actions, and
the detail panel of the selected company."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.store.changes import COMPANIES, LIST_MEMBERS, PLANS, SAVED_VIEWS, TARGET_LISTS, TOUCHES
from ui.form_parts import list_table
from ui.i18n import arg, number
from ui.naming import named as _named
from ui.pages.base import Page
from ui.pages.target_actions import TargetActions
from ui.qt_models.targets_model import (
    COL_ADDRESS,
    COL_EMPLOYEES,
    COL_INDUSTRY,
    COL_KANA,
    COL_LAST_TOUCH,
    COL_NAME,
    COL_NEXT_PLAN,
    COL_PHONE,
    COL_PREFECTURE,
    COL_RANK,
    COL_SCORE,
    COL_STATUS,
    COLUMNS,
    TargetsModel,
)
from ui.settings import AppSettings
from ui.shortcuts import add_shortcut
from ui.signals import DataBus, affects
from ui.widgets.company_panel import CompanyPanel
from ui.widgets.filter_bar import FilterBar
from ui.widgets.flow_layout import flow_widget

if TYPE_CHECKING:
    from sqlite_utils import Database

COLUMN_WIDTHS = {
    COL_NAME: 220, COL_KANA: 150, COL_PHONE: 130, COL_RANK: 56, COL_SCORE: 60, COL_STATUS: 110,
    COL_NEXT_PLAN: 108, COL_LAST_TOUCH: 108, COL_PREFECTURE: 75, COL_ADDRESS: 260, COL_INDUSTRY: 120,
    COL_EMPLOYEES: 80,
}
# What a caller decides on comes first (rank, score, status, next plan); the address last. The header
# can be rearranged by dragging, and the arrangement is remembered.
DEFAULT_ORDER = (COL_NAME, COL_KANA, COL_PHONE, COL_RANK, COL_SCORE, COL_STATUS, COL_NEXT_PLAN,
                 COL_LAST_TOUCH, COL_PREFECTURE, COL_ADDRESS, COL_INDUSTRY, COL_EMPLOYEES)



class TargetsPage(Page):
    """Everything about finding and tidying targets; ``import_requested`` asks the window to import."""

    import_requested = Signal()

    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__(db, bus, settings, undo_stack, parent)
        self.setObjectName("targetsPage")
        self.setAccessibleName(self.tr("Targets"))
        self._current_id: int | None = None
        self.all_matching = False  # the bulk actions apply to every matching row, loaded or not

        self.filters = FilterBar(db)
        self.search = self.filters.search
        self.model = TargetsModel(db, self)
        self.actions = TargetActions(self)

        # Row 1: search, list, saved views, import/export.
        self.list_menu_button = self._menu_button("listMenuButton", self.tr("Lists"), self.actions.list_menu,
                                                  self.tr("Manage lists"))
        self.view_combo = _named(QComboBox(), "viewCombo", self.tr("Saved view"))
        self.view_combo.setMinimumContentsLength(11)
        self.view_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.view_combo.activated.connect(self._view_chosen)
        self.view_menu_button = self._menu_button("viewMenuButton", self.tr("Views"), self.actions.view_menu,
                                                  self.tr("Manage saved views"))
        self.import_button = _named(QPushButton(self.tr("Import…")), "importButton", self.tr("Import a list"))
        self.import_button.clicked.connect(self.import_requested)
        self.export_button = _named(QPushButton(self.tr("Export…")), "exportButton",
                                    self.tr("Export the current view to CSV"))
        self.export_button.clicked.connect(self.export_current_view)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addSpacing(8)
        top.addWidget(self.filters.list_combo, 2)
        top.addWidget(self.list_menu_button)
        top.addSpacing(8)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        # Row 2 (the filter bar, wrapping when narrow) ends with the saved views.
        self.filters.flow.addWidget(self.view_combo)
        self.filters.flow.addWidget(self.view_menu_button)

        # Row 3: selection and bulk actions, and the count.
        self.selection_label = _named(QLabel(), "selectionLabel", self.tr("Selection"))
        self.select_all_button = _named(QPushButton(), "selectAllMatchingButton",
                                        self.tr("Select every matching company"))
        self.select_all_button.setFlat(True)
        self.select_all_button.setStyleSheet("color: palette(link); text-decoration: underline;")
        self.select_all_button.clicked.connect(self.select_all_matching)
        self.rank_button = self._menu_button("bulkRankButton", self.tr("Change rank"), self.actions.rank_menu)
        self.status_button = self._menu_button("bulkStatusButton", self.tr("Change status"),
                                               self.actions.status_menu)
        self.add_list_button = self._menu_button("addToListButton", self.tr("Add to list"),
                                                 self.actions.add_to_list_menu)
        self.remove_list_button = _named(QPushButton(self.tr("Remove from list")), "removeFromListButton",
                                         self.tr("Remove from the chosen list"))
        self.remove_list_button.clicked.connect(self.actions.remove_from_list)
        self.delete_button = _named(QPushButton(self.tr("Delete…")), "deleteButton",
                                    self.tr("Delete the selected companies"))
        self.delete_button.clicked.connect(self.actions.delete_selected)
        self.call_button = _named(QPushButton(self.tr("Call these…")), "callTheseButton",
                                  self.tr("Start a call session on the selected companies, or on all shown"))
        self.call_button.setToolTip(self.tr("Start a call session on the selection (or on every company "
                                            "shown when nothing is selected), in the table's order"))
        self.call_button.clicked.connect(self.request_session)
        self.count_label = _named(QLabel(), "countLabel", self.tr("Number of companies shown"))
        bold = self.count_label.font()
        bold.setBold(True)
        self.count_label.setFont(bold)
        bulk = QHBoxLayout()
        bulk.addWidget(flow_widget([self.selection_label, self.select_all_button, self.rank_button,
                                    self.status_button, self.add_list_button, self.remove_list_button,
                                    self.delete_button, self.call_button], "bulkBar"), 1)
        bulk.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)

        self.table = _named(QTableView(), "targetsTable", self.tr("Targets"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # No indicator before sorting is enabled: enabling it sorts by the indicator, a needless query.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        list_table(self.table, {column: COLUMN_WIDTHS.get(column, 90) for column in range(len(COLUMNS))})
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        for visual, logical in enumerate(DEFAULT_ORDER):
            header.moveSection(header.visualIndex(logical), visual)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._open_account)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty_label = _named(QLabel(), "emptyLabel", self.tr("No companies"))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(mid); padding: 24px;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.empty_label)
        left_layout.addWidget(self.table, 1)

        self.panel = CompanyPanel(db, bus, undo_stack)
        self.panel.targets_model = self.model
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("targetsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 380])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addLayout(bulk)
        layout.addWidget(self.splitter, 1)

        add_shortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._enter_pressed,
                     Qt.ShortcutContext.WidgetShortcut)
        add_shortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self._enter_pressed,
                     Qt.ShortcutContext.WidgetShortcut)
        add_shortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self._leave_search,
                     Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.actions.delete_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.actions.show_context_menu)

        self._set_tab_order()
        self.filters.filter_changed.connect(self._filter_changed)
        self.model.modelReset.connect(self._update_counts)
        self.model.rowsInserted.connect(self._update_counts)
        self.bus.changed.connect(self._on_data_changed)
        self.actions.reload_views()
        self._restore()
        self._update_counts()
        self._selection_changed()

    def _menu_button(self, name: str, text: str, menu, accessible: str | None = None) -> QPushButton:
        button = _named(QPushButton(text), name, accessible or text)
        button.setMenu(menu)
        return button

    def _set_tab_order(self) -> None:
        chain = [self.search, self.filters.list_combo, self.list_menu_button, self.view_combo,
                 self.view_menu_button, self.import_button, self.export_button, self.filters.status_filter,
                 self.filters.rank_filter, self.filters.prefecture_filter, self.filters.industry_filter,
                 self.filters.untouched, self.filters.stale, self.filters.stale_days, self.filters.plan_combo,
                 self.filters.clear_button, self.table, self.select_all_button, self.rank_button,
                 self.status_button, self.add_list_button, self.remove_list_button, self.delete_button,
                 self.panel.editors["name"]]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def edit_actions(self) -> list[QAction]:
        """Actions for the window's Edit menu."""
        return [self.actions.select_all_action, self.actions.delete_action]

    # -- filter and model ---------------------------------------------------------------------
    def _filter_changed(self) -> None:
        if not self.panel.confirm_discard():
            return
        self.all_matching = False
        self.view_combo.setCurrentIndex(0)
        self.model.set_filter(self.filters.current_filter())
        self._after_reset()

    def apply_filter(self, flt) -> None:
        """Show ``flt`` in the filters and the table."""
        self.filters.set_filter(flt)

    def show_list(self, list_id: int | None) -> None:
        """Choose a list in the list filter (e.g. the one an import just filled)."""
        self.filters.select_list(list_id)

    def _after_reset(self) -> None:
        self._update_counts()
        if self.model.rowCount() and self._current_id is not None:
            row = self.model.row_of_id(self._current_id)
            if row >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                return
        if self._current_id is not None and self.model.row_of_id(self._current_id) < 0:
            self._current_id = None
            self.panel.show_company(None)

    def _update_counts(self, *_args) -> None:
        total = self.model.total()
        self.count_label.setText(arg(self.tr("%1 companies"), number(total)))
        if total == 0:
            empty_db = self.filters.list_combo.count() <= 1 and self.filters.current_filter() == type(
                self.filters.current_filter())()
            self.empty_label.setText(
                self.tr("There are no companies yet. Import a list with File → Import… (Ctrl+I), or add demo "
                        "data with File → Add demo data…") if empty_db
                else self.tr("No company matches these conditions. Change or clear the filters."))
            self.empty_label.show()
        else:
            self.empty_label.hide()
        self._selection_changed()

    def _on_data_changed(self, payload: str) -> None:
        if affects(payload, TARGET_LISTS, LIST_MEMBERS, COMPANIES):
            self.filters.reload_options()
        if affects(payload, SAVED_VIEWS):
            self.actions.reload_views()
        if affects(payload, COMPANIES, LIST_MEMBERS, TOUCHES, PLANS, TARGET_LISTS):
            self.model.refresh()
            self._after_reset()

    # -- selection ----------------------------------------------------------------------------
    def selected_rows(self) -> list:
        """The TargetRows the bulk actions apply to (every matching row after "select all")."""
        if self.all_matching:
            return self.actions.all_matching_rows()
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row) for row in rows]

    def selection_count(self) -> int:
        if self.all_matching:
            return self.model.total()
        return len(self.table.selectionModel().selectedRows())

    def _selection_changed(self, *_args) -> None:
        selected = len(self.table.selectionModel().selectedRows())
        if self.all_matching and selected != self.model.rowCount():
            self.all_matching = False
        count = self.selection_count()
        self.selection_label.setText(arg(self.tr("%1 selected"), number(count)) if count
                                     else self.tr("Nothing selected"))
        more = (not self.all_matching and selected > 1 and selected == self.model.rowCount()
                and self.model.total() > selected)
        self.select_all_button.setText(arg(self.tr("Select all %1 matching"), number(self.model.total())))
        self.select_all_button.setVisible(more)
        for widget in (self.rank_button, self.status_button, self.add_list_button, self.delete_button):
            widget.setEnabled(count > 0)
        self.remove_list_button.setEnabled(count > 0 and self.filters.list_combo.currentData() is not None)
        self.actions.delete_action.setEnabled(count > 0)

    def select_all_matching(self) -> None:
        self.table.selectAll()
        self.all_matching = True
        self._selection_changed()

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        company_id = self.model.row_at(current.row()).id if current.isValid() else None
        if company_id == self._current_id:
            return
        if not self.panel.confirm_discard():
            QTimer.singleShot(0, lambda: self._reselect(self._current_id))
            return
        self._current_id = company_id
        self.panel.show_company(company_id)

    def _reselect(self, company_id: int | None) -> None:
        row = self.model.row_of_id(company_id) if company_id is not None else -1
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().blockSignals(False)
            self.table.viewport().update()

    def _open_account(self, index: QModelIndex) -> None:
        if index.isValid():
            self.account_requested.emit(self.model.row_at(index.row()).id)

    def request_session(self) -> None:
        """Ask for a call session on the selection, or on every matching company when none is selected."""
        rows = self.selected_rows() if self.selection_count() else self.actions.all_matching_rows()
        ids = [row.id for row in rows]
        if ids:
            self.session_requested.emit(ids)

    # -- keyboard -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _leave_search(self) -> None:
        if self.search.text():
            self.search.clear()
        else:
            self.table.setFocus()

    def _enter_pressed(self) -> None:
        if self.table.currentIndex().isValid():
            self.panel.focus_first_field()

    # -- views and files ----------------------------------------------------------------------
    def _view_chosen(self, index: int) -> None:
        view = self.view_combo.itemData(index)
        if view is not None:
            self.filters.set_filter(view.filter)
            self.view_combo.setCurrentIndex(index)

    def export_current_view(self) -> None:
        self.actions.export_current_view()

    def confirm_discard(self) -> bool:
        return self.panel.confirm_discard()

    # -- state --------------------------------------------------------------------------------
    def _restore(self) -> None:
        splitter = self.settings.targets_splitter()
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = self.settings.targets_header()
        if not header.isEmpty():
            view_header = self.table.horizontalHeader()
            view_header.restoreState(header)
            self.model.sort(view_header.sortIndicatorSection(), view_header.sortIndicatorOrder())

    def save_state(self) -> None:
        self.settings.set_targets_splitter(self.splitter.saveState())
        self.settings.set_targets_header(self.table.horizontalHeader().saveState())
