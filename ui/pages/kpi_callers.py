"""The KPI page's callers: the 担当者別 tab of every caller side by side (the rows behind a cell on a
double-click or Return) and the team's review sheet.

Mixed into ``KpiPage`` (``ui/pages/kpis.py``), which places the tab and the button and lists the callers
as scopes. Strings are in the page's translation context (``KpiPage``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.kpi import callers
from models.kpi.figures import Period, Scope
from models.store import clock
from models.store.errors import KakeruError
from ui.naming import named
from ui.qt_models.caller_model import CELL_ROLE, CallerTableModel
from ui.shortcuts import add_shortcut


class KpiCallers:
    """Every caller side by side on the KPI page (a mixin of ``KpiPage``, a QWidget)."""

    # What the page provides.
    db: Database
    tabs: QTabWidget
    has_callers: bool
    today: Callable[[], date]
    period: Callable[[], Period]
    show_rows: Callable[..., None]
    _save_path: Callable[[str, str, str], str]

    def _build_callers(self) -> QWidget:
        """The 担当者別 tab's widgets and the team sheet's button; returns the tab."""
        self.caller_model = CallerTableModel(self)  # the page owns it
        view = named(QTableView(), "callerTable",
                     QCoreApplication.translate("KpiPage", "Every caller side by side"))
        view.setModel(self.caller_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.caller_table = view
        self.caller_note = QLabel(QCoreApplication.translate(
            "KpiPage", "A caller's target and pace are the goals set for that caller (choose the caller as "
            "the scope, then Goals…). Double-click a cell to list what it counts."))
        self.caller_note.setWordWrap(True)
        self.caller_table_data: callers.CallerTable | None = None
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view, 1)
        layout.addWidget(self.caller_note)
        view.doubleClicked.connect(self._cell_chosen)
        add_shortcut(QKeySequence(Qt.Key.Key_Return), view, self._cell_chosen,
                     Qt.ShortcutContext.WidgetShortcut)

        self.team_pdf_button = named(
            QPushButton(QCoreApplication.translate("KpiPage", "Team review sheet")), "teamReviewButton",
            QCoreApplication.translate("KpiPage", "Save the team's review sheet as PDF"))
        menu = QMenu(self.team_pdf_button)
        self.team_pdf_action = menu.addAction(QCoreApplication.translate("KpiPage", "Callers side by side…"))
        self.team_pdf_pages_action = menu.addAction(
            QCoreApplication.translate("KpiPage", "Side by side, then a sheet per caller…"))
        self.team_pdf_button.setMenu(menu)
        self.team_pdf_action.triggered.connect(lambda: self.save_team_review_pdf(False))
        self.team_pdf_pages_action.triggered.connect(lambda: self.save_team_review_pdf(True))
        return tab

    def _fill_callers(self) -> None:
        """The 担当者別 table of the period, read when its tab is shown (and the page refreshed)."""
        if self.caller_table_data is not None or self.tabs.currentIndex() != 1 or not self.has_callers:
            return
        try:
            self.caller_table_data = callers.caller_table(self.db, self.period(), today=self.today())
        except KakeruError as error:
            QMessageBox.warning(self.tabs, QCoreApplication.translate("KpiPage", "Cannot compute the KPIs"),
                                str(error))
            return
        self.caller_model.set_table(self.caller_table_data)

    def _cell_chosen(self, index=None) -> None:
        """The rows behind a cell of the 担当者別 table: its figure in its row's caller (or the team)."""
        index = index if index is not None and index.isValid() else self.caller_table.currentIndex()
        if not index.isValid():
            return
        row, key = self.caller_model.data(index, CELL_ROLE)
        if key is not None:
            scope: Scope = row.scope()
            self.show_rows(key, scope, self.caller_model.name(row))

    def save_team_review_pdf(self, per_caller: bool = False) -> None:
        """The team's review sheet: every caller side by side (``per_caller``: then a sheet per caller)."""
        path = self._save_path(QCoreApplication.translate("KpiPage", "Save the team's review sheet"),
                               f"team-review-{self.period().start}.pdf",
                               QCoreApplication.translate("KpiPage", "PDF files (*.pdf)"))
        if not path:
            return
        from reports.team_review import render_team_review

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a sheet per caller takes seconds
        try:
            data = callers.gather_team_review(self.db, self.period(), per_caller=per_caller,
                                              today=self.today(), generated_at=clock.now())
            render_team_review(data, path)
        except KakeruError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self.tabs, QCoreApplication.translate("KpiPage", "Review sheet not saved"),
                                str(error))
            return
        QApplication.restoreOverrideCursor()
        self.last_pdf = path
