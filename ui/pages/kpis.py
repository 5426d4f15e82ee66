"""The KPI page: a period and a scope, every figure with its definition as tooltip and the rows behind
it, the funnel and weekly trend, loss reasons, the review's decisions, CSV export and the review PDF.
A team (or a file of several callers) also gets a scope per caller, the 担当者別 tab of every caller side
by side (double-click a cell for the rows behind it) and the team's review sheet.

What the decisions list does (add, done, delete with undo) is ``kpi_decisions.KpiDecisions``; the
callers' tab and the team's sheet are ``kpi_callers.KpiCallers``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.lists import get_lists
from models.accounts.targets import list_views
from models.kpi import callers, goals, review
from models.kpi import figures as kpi
from models.kpi.export import caller_csv_table, drill_table, report_tables, write_tables_csv
from models.store import clock
from models.store.changes import (
    COMPANIES,
    KPI_GOALS,
    LIST_MEMBERS,
    MEETINGS,
    PLANS,
    REVIEW_DECISIONS,
    SAVED_VIEWS,
    SETTINGS,
    TARGET_LISTS,
    TOUCHES,
    Changes,
)
from models.store.errors import KakeruError
from ui.i18n import arg, current_language, number
from ui.naming import named as _named
from ui.pages.base import Page
from ui.pages.kpi_callers import KpiCallers
from ui.pages.kpi_decisions import KpiDecisions
from ui.qt_models.kpi_models import KEY_ROLE, KpiTableModel, RowsModel
from ui.settings import AppSettings
from ui.shortcuts import add_shortcut
from ui.signals import DataBus, affects
from ui.widgets.flow_layout import flow_widget
from ui.widgets.kpi_charts import KpiCharts
from ui.widgets.kpi_goals import KpiGoalsBar

WATCHED = Changes.of(TOUCHES, MEETINGS, PLANS, COMPANIES, LIST_MEMBERS, TARGET_LISTS, SAVED_VIEWS, KPI_GOALS,
                     SETTINGS)
PERIODS = (("this_week", QT_TRANSLATE_NOOP("KpiPage", "This week")),
           ("last_week", QT_TRANSLATE_NOOP("KpiPage", "Last week")),
           ("this_month", QT_TRANSLATE_NOOP("KpiPage", "This month")),
           ("last_month", QT_TRANSLATE_NOOP("KpiPage", "Last month")),
           ("custom", QT_TRANSLATE_NOOP("KpiPage", "Custom")))



def _table(name: str, accessible: str, model) -> QTableView:
    view = _named(QTableView(), name, accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class KpiPage(KpiCallers, KpiDecisions, Page):
    """Figures for a period and a scope; double-click a figure to see the accounts or touches behind it."""


    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__(db, bus, settings, undo_stack, parent)
        self.setObjectName("kpisPage")
        self.setAccessibleName(self.tr("KPIs"))
        self.report: kpi.KpiReport | None = None
        self.previous: kpi.KpiReport | None = None
        self.drill_key: str | None = None
        self.drill_scope: kpi.Scope | None = None
        self.drill_who: str | None = None
        self.has_callers = False
        self._dirty = True
        self._scopes_stale = True
        self.today = clock.today  # tests may replace it

        self.period_combo = _named(QComboBox(), "periodCombo", self.tr("Period"))
        for key, text in PERIODS:
            self.period_combo.addItem(QCoreApplication.translate("KpiPage", text), key)
        self.period_combo.setCurrentIndex(self.period_combo.findData(settings.kpi_period()))
        self.from_edit = _named(QDateEdit(), "fromDate", self.tr("From"))
        self.to_edit = _named(QDateEdit(), "toDate", self.tr("To"))
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.scope_combo = _named(QComboBox(), "scopeCombo", self.tr("Scope"))
        self.scope_combo.setMinimumContentsLength(14)
        self.refresh_button = _named(QPushButton(self.tr("Refresh")), "refreshButton",
                                     self.tr("Refresh the figures"))
        self.refresh_button.setToolTip(self.tr("Recompute the figures (F5)"))
        self.export_button = _named(QPushButton(self.tr("Export CSV…")), "exportKpiButton",
                                    self.tr("Export the KPI tables to CSV"))
        self.pdf_button = _named(QPushButton(self.tr("Review sheet PDF…")), "reviewPdfButton",
                                 self.tr("Save the weekly review sheet as PDF"))
        self.quality_button = _named(QPushButton(self.tr("List quality…")), "listQualityButton",
                                     self.tr("Save the list-quality report as PDF or CSV"))
        callers_tab = self._build_callers()
        # Flows rather than rows, so the page fits a laptop screen and wraps when narrow.
        top = flow_widget([QLabel(self.tr("Period")), self.period_combo, self.from_edit, QLabel("〜"),
                           self.to_edit, QLabel(self.tr("Scope")), self.scope_combo, self.refresh_button,
                           self.export_button, self.pdf_button, self.team_pdf_button, self.quality_button],
                          "kpiTopBar")

        self.goals_bar = KpiGoalsBar()
        self.goal_report: goals.GoalReport | None = None
        self.kpi_model = KpiTableModel(self)
        self.kpi_table = _table("kpiTable", self.tr("Key figures"), self.kpi_model)
        self.kpi_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.charts = KpiCharts()
        self.reasons_model = RowsModel([self.tr("Loss reason"), self.tr("Meetings")], self)
        self.reasons_table = _table("lossReasonsTable", self.tr("Loss reasons, most frequent first"),
                                    self.reasons_model)
        self.drill_label = _named(QLabel(self.tr("Double-click a figure to list what it counts.")),
                                  "drillLabel", self.tr("What the list below shows"))
        self.drill_model = RowsModel([self.tr("When"), self.tr("Company"), self.tr("What"), self.tr("Note")],
                                     self)
        self.drill_table = _table("drillTable", self.tr("Accounts or touches behind the figure"),
                                  self.drill_model)
        for column, width in enumerate((150, 200, 150)):
            self.drill_table.setColumnWidth(column, width)
        self.drill_export = _named(QPushButton(self.tr("Export list…")), "exportDrillButton",
                                   self.tr("Export this list to CSV"))
        self.drill_call = _named(QPushButton(self.tr("Call these…")), "drillCallButton",
                                 self.tr("Start a call session on these accounts"))

        self.decisions_model = RowsModel([self.tr("Decision"), self.tr("Owner"), self.tr("Due"),
                                          self.tr("Done"), self.tr("Review")], self)
        self.decisions_table = _table("decisionsTable", self.tr("Decisions and next actions"),
                                      self.decisions_model)
        decisions_header = self.decisions_table.horizontalHeader()
        decisions_header.setStretchLastSection(False)
        decisions_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        decisions_header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.decision_edit = _named(QLineEdit(), "decisionEdit", self.tr("Decision"))
        self.decision_edit.setPlaceholderText(self.tr("Decision or next action"))
        self.owner_edit = _named(QLineEdit(), "ownerEdit", self.tr("Owner"))
        self.owner_edit.setPlaceholderText(self.tr("Owner"))
        self.due_edit = _named(QLineEdit(), "decisionDueEdit", self.tr("Due"))
        self.due_edit.setPlaceholderText("YYYY-MM-DD")
        self.add_decision_button = _named(QPushButton(self.tr("Add")), "addDecisionButton",
                                          self.tr("Add the decision"))
        self.done_button = _named(QPushButton(self.tr("Done / not done")), "decisionDoneButton",
                                  self.tr("Mark the chosen decision done or not done"))
        self.delete_decision_button = _named(QPushButton(self.tr("Delete")), "deleteDecisionButton",
                                             self.tr("Delete the chosen decision"))

        figures_tab = QWidget()
        left_layout = QVBoxLayout(figures_tab)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.kpi_table, 3)
        left_layout.addWidget(QLabel(self.tr("Loss reasons")))
        left_layout.addWidget(self.reasons_table, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("kpiTabs")
        self.tabs.addTab(figures_tab, self.tr("Figures"))
        self.tabs.addTab(callers_tab, self.tr("By caller"))
        self.tabs.currentChanged.connect(lambda _=0: self._fill_callers())
        left = self.tabs
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.charts, 2)
        drill_bar = QHBoxLayout()
        drill_bar.addWidget(self.drill_label, 1)
        drill_bar.addWidget(self.drill_call)
        drill_bar.addWidget(self.drill_export)
        right_layout.addLayout(drill_bar)
        right_layout.addWidget(self.drill_table, 2)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.setObjectName("kpiSplitter")
        upper.addWidget(left)
        upper.addWidget(right)
        upper.setSizes([640, 740])
        decision_title = QLabel(self.tr("Decisions and next actions"))
        decision_bar = QHBoxLayout()
        decision_bar.addWidget(self.decision_edit, 3)
        decision_bar.addWidget(self.owner_edit, 1)
        decision_bar.addWidget(self.due_edit, 1)
        decision_bar.addWidget(self.add_decision_button)
        decision_bar.addWidget(self.done_button)
        decision_bar.addWidget(self.delete_decision_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(top)
        layout.addWidget(self.goals_bar)
        layout.addWidget(upper, 4)
        layout.addWidget(decision_title)
        layout.addLayout(decision_bar)
        layout.addWidget(self.decisions_table, 1)

        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.from_edit.dateChanged.connect(self._custom_changed)
        self.to_edit.dateChanged.connect(self._custom_changed)
        self.scope_combo.activated.connect(lambda _=0: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export_csv)
        self.pdf_button.clicked.connect(self.save_review_pdf)
        self.goals_bar.edit_requested.connect(self.edit_goals)
        self.quality_button.clicked.connect(self.save_list_quality)
        self.kpi_table.doubleClicked.connect(self._figure_chosen)
        add_shortcut(QKeySequence(Qt.Key.Key_Return), self.kpi_table, self._figure_chosen,
                     Qt.ShortcutContext.WidgetShortcut)
        add_shortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh,
                     Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.drill_table.doubleClicked.connect(self._open_account)
        self.drill_export.clicked.connect(self.export_drill)
        self.drill_call.clicked.connect(self._call_these)
        self.add_decision_button.clicked.connect(self.add_decision)
        self.decision_edit.returnPressed.connect(self.add_decision)
        self.done_button.clicked.connect(self.toggle_done)
        self.delete_decision_button.clicked.connect(self.delete_decision)
        add_shortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.decisions_table,
                     self.delete_decision, Qt.ShortcutContext.WidgetShortcut)
        bus.changed.connect(self._data_changed)
        self._sync_dates()

    # -- period and scope -------------------------------------------------------------------------
    def period(self) -> kpi.Period:
        return kpi.Period(self.from_edit.date().toPython(), self.to_edit.date().toPython())

    def _sync_dates(self) -> None:
        key = self.period_combo.currentData()
        custom = key == "custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if custom:
            return
        period = kpi.period_for(key, self.today())
        for edit, day in ((self.from_edit, period.start), (self.to_edit, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _period_changed(self) -> None:
        self.settings.set_kpi_period(self.period_combo.currentData())
        self._sync_dates()
        self.refresh()

    def _custom_changed(self) -> None:
        if self.period_combo.currentData() == "custom":
            self.refresh()

    def _fill_scopes(self) -> None:
        current = self.scope_combo.currentData()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        names = callers.callers_of(self.db)
        # A team, or a file of several callers: every account is the whole team, and each caller a scope.
        self.has_callers = callers.in_team(self.db) or len(names) > 1
        self.scope_combo.addItem(self.tr("Whole team") if self.has_callers else self.tr("All accounts"),
                                 ("all", None))
        if self.has_callers:
            for name in names:
                self.scope_combo.addItem(arg(self.tr("Caller: %1"), name), ("caller", name))
        self.tabs.setTabVisible(1, self.has_callers)
        self.team_pdf_button.setVisible(self.has_callers)
        for item in get_lists(self.db):
            self.scope_combo.addItem(arg(self.tr("List: %1"), item.name), ("list", item.id))
        for view in list_views(self.db):
            self.scope_combo.addItem(arg(self.tr("View: %1"), view.name), ("view", view.id))
        index = self.scope_combo.findData(current) if current else 0
        self.scope_combo.setCurrentIndex(max(index, 0))
        self.scope_combo.blockSignals(False)

    def scope(self) -> kpi.Scope:
        kind, ident = self.scope_combo.currentData() or ("all", None)
        if kind == "list":
            return kpi.Scope.of_list(self.db, ident)
        if kind == "view":
            return kpi.Scope.of_view(self.db, ident)
        if kind == "caller":
            return kpi.Scope.of_caller(ident)
        return kpi.Scope()

    # -- computing ----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _data_changed(self, payload: str) -> None:
        if affects(payload, REVIEW_DECISIONS):
            self._load_decisions()
        # New lists or views; or rows of a caller not listed yet (a colleague's, pulled by a sync).
        if affects(payload, TARGET_LISTS, SAVED_VIEWS, TOUCHES, MEETINGS, PLANS):
            self._scopes_stale = True
        if affects(payload, WATCHED):
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        """Compute every figure for the chosen period and scope (and the previous period beside it)."""
        self._dirty = False
        if self._scopes_stale:
            self._fill_scopes()
            self._scopes_stale = False
        try:
            period, scope = self.period(), self.scope()
            today = self.today()
            self.report = kpi.compute_kpis(self.db, period, scope, today=today)
            self.previous = kpi.compute_kpis(self.db, period.previous(), scope, today=today, with_trend=False,
                                             with_stock=False)
        except KakeruError as error:
            QMessageBox.warning(self, self.tr("Cannot compute the KPIs"), str(error))
            return
        self.kpi_model.set_reports(self.report, self.previous)
        self.goal_report = goals.goal_report(self.db, period, scope, today=today)
        self.goals_bar.set_report(self.goal_report)
        self.charts.set_report(self.report)
        self.reasons_model.set_rows(list(self.report.loss_reasons))
        self.caller_table_data = None
        self._fill_callers()
        if self.drill_key:
            self.show_rows(self.drill_key, self.drill_scope, self.drill_who)
        self._load_decisions()

    def edit_goals(self) -> None:
        """Open the goals of the month shown (of every account, or of the chosen list)."""
        from ui.dialogs.kpi_goals import GoalsDialog

        scope = self.scope()
        if scope.kind in ("view", "caller"):
            return
        dialog = GoalsDialog(self.db, self.bus, goals.goal_month(self.period(), self.today()), scope, self)
        dialog.exec()

    # -- the rows behind a figure ---------------------------------------------------------------------
    def _figure_chosen(self, index=None) -> None:
        index = index if index is not None and index.isValid() else self.kpi_table.currentIndex()
        if index.isValid():
            self.show_rows(self.kpi_model.data(index, KEY_ROLE))

    def show_rows(self, key: str, scope: kpi.Scope | None = None, who: str | None = None) -> None:
        """List the rows behind figure ``key`` in ``scope`` (default: the page's scope), ``who`` naming
        the caller (or team) of a cell of the 担当者別 table."""
        self.drill_key, self.drill_scope, self.drill_who = key, scope, who
        rows = kpi.figure_rows(self.db, key, self.period(), scope or self.scope(), today=self.today())
        self.drill_rows = rows
        self.drill_model.set_rows([(r.when, r.company_name, r.what, r.note) for r in rows],
                                  [r.company_id for r in rows])
        label = kpi.figure_label(key, current_language())
        if who:
            label = arg(self.tr("%1 of %2"), label, who)
        self.drill_label.setText(arg(self.tr("%1: %2 rows"), label, number(len(rows))))

    def _open_account(self, index) -> None:
        company_id = self.drill_model.data(index, KEY_ROLE)
        if company_id is not None:
            self.account_requested.emit(int(company_id))

    def _call_these(self) -> None:
        ids = list(dict.fromkeys(self.drill_model.ids))
        if ids:
            self.session_requested.emit(ids)

    # -- files ----------------------------------------------------------------------------------------------
    def _save_path(self, title: str, name: str, pattern: str) -> str:
        folder = self.settings.export_dialog_dir()
        path, _ = QFileDialog.getSaveFileName(self, title, f"{folder}/{name}", pattern)
        if path:
            self.settings.remember_export(path)
        return path

    def export_csv(self) -> None:
        if self.report is None:
            return
        path = self._save_path(self.tr("Export the KPI tables"), f"kpi-{self.report.period.start}.csv",
                               self.tr("CSV files (*.csv)"))
        if path:
            tables = report_tables(self.report, self.previous)
            if self.has_callers:  # and every caller side by side
                table = self.caller_table_data or callers.caller_table(self.db, self.period(),
                                                                       today=self.today())
                tables.append(caller_csv_table(table))
            self._write(path, tables)

    def export_drill(self) -> None:
        if not self.drill_key:
            return
        path = self._save_path(self.tr("Export the list"), f"kpi-{self.drill_key}.csv",
                               self.tr("CSV files (*.csv)"))
        if path:
            self._write(path, [drill_table(self.drill_rows)])

    def _write(self, path: str, tables) -> None:
        try:
            result = write_tables_csv(path, tables, self.settings.export_encoding())
        except KakeruError as error:
            QMessageBox.warning(self, self.tr("Export failed"), str(error))
            return
        self.last_export = result

    def save_review_pdf(self) -> None:
        path = self._save_path(self.tr("Save the weekly review sheet"), f"review-{self.period().start}.pdf",
                               self.tr("PDF files (*.pdf)"))
        if not path:
            return
        from reports.weekly import render_weekly

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a second or so on a large file
        try:
            data = review.gather_review(self.db, self.period(), self.scope(), today=self.today(),
                                        generated_at=clock.now())
            render_weekly(data, path)
        except KakeruError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Review sheet not saved"), str(error))
            return
        QApplication.restoreOverrideCursor()
        self.last_pdf = path

    def save_list_quality(self) -> None:
        """The chosen list's quality (every list's for all accounts or a view), as PDF or CSV."""
        from models.kpi.list_quality import quality_report, quality_tables
        from reports.list_quality import render_list_quality

        scope = self.scope()
        path = self._save_path(self.tr("Save the list-quality report"), f"list-quality-{self.today()}.pdf",
                               self.tr("PDF files (*.pdf);;CSV files (*.csv)"))
        if not path:
            return
        report = quality_report(self.db, [scope.id] if scope.kind == "list" and scope.id else None,
                                generated_at=clock.now())
        if path.lower().endswith(".csv"):
            self._write(path, quality_tables(report))
            return
        try:
            render_list_quality(report, path)
        except KakeruError as error:
            QMessageBox.warning(self, self.tr("List-quality report not saved"), str(error))
            return
        self.last_pdf = path
