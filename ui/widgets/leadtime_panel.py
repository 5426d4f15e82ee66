"""The lead-time panel of the Agenda page: on-time share, median and 90th-percentile delay, late plans
and silent accounts for a period; clicking a figure lists the accounts behind it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.vocab import COMPANY_STATUS
from models.kpi import leadtime
from models.store import clock
from ui.i18n import arg, label, number
from ui.naming import named as _named
from ui.qt_models.figure_rows_model import CompanyIdRole, FigureRowsModel, RowColumn, SortRole
from ui.qt_models.plan_agenda_model import due_label
from ui.settings import AppSettings

PERIODS = {
    "week": QT_TRANSLATE_NOOP("LeadTimePanel", "Last 7 days"),
    "month": QT_TRANSLATE_NOOP("LeadTimePanel", "Last 30 days"),
    "quarter": QT_TRANSLATE_NOOP("LeadTimePanel", "Last 90 days"),
    "this_month": QT_TRANSLATE_NOOP("LeadTimePanel", "This month"),
}
FIGURES = ("on_time", "median", "p90", "late", "silent")
SILENT_LIMIT = 2000
LINK_STYLE = ("QPushButton { text-align: left; border: none; padding: 2px 0; color: palette(link); }"
              "QPushButton:hover { text-decoration: underline; }"
              "QPushButton:checked { font-weight: bold; }")


def period_bounds(period: str, today: date) -> tuple[date, date]:
    if period == "week":
        return today - timedelta(days=6), today
    if period == "quarter":
        return today - timedelta(days=89), today
    if period == "this_month":
        return today.replace(day=1), today
    return today - timedelta(days=29), today


def _done_text(row: leadtime.PlanDelay) -> str:
    return due_label(row.done_at[:10], year=False) if row.done_at else ""


PLAN_COLUMNS = (
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Company"), lambda r: r.company_name),
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Due"), lambda r: due_label(r.due[:10], year=False),
              lambda r: r.due),
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Done"), _done_text, lambda r: r.done_at or "9999"),
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Business days late"), lambda r: str(r.delay_days),
              lambda r: r.delay_days, numeric=True),
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Hypothesis"), lambda r: r.hypothesis or "",
              tooltip=lambda r: r.hypothesis),
)
SILENT_COLUMNS = (
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Company"), lambda r: r.company_name),
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Status"), lambda r: label(COMPANY_STATUS, r.status)),
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Last touch"),
              lambda r: due_label(r.last_touch_at[:10], year=False) if r.last_touch_at else "—",
              lambda r: r.last_touch_at or ""),
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Silent days"),
              lambda r: "—" if r.silent_days is None else str(r.silent_days),
              lambda r: 100000 if r.silent_days is None else r.silent_days, numeric=True),
    RowColumn(QT_TRANSLATE_NOOP("LeadTimePanel", "Phone"), lambda r: r.phone or ""),
)



def _table(name: str, accessible: str, model: FigureRowsModel,
           widths: tuple[int, ...] = ()) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    view = _named(QTableView(), name, accessible)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the model's own order first
    proxy.sort(-1)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    for column, width in enumerate(widths):
        view.horizontalHeader().resizeSection(column, width)
    return view, proxy


class LeadTimePanel(QWidget):
    """Figures for a period; ``account_requested`` when a listed account is opened (double-click/Enter)."""

    account_requested = Signal(int)

    def __init__(self, db: Database, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("leadTimePanel")
        self.setAccessibleName(self.tr("Lead time"))
        self.db = db
        self.settings = settings
        self.today: date | None = None  # None: the real today (tests set a day)
        self.figures: leadtime.LeadTime | None = None
        self.silent: list[leadtime.SilentAccount] = []
        self.shown_figure: str | None = None

        self.period = _named(QComboBox(), "leadTimePeriod", self.tr("Period"))
        for key, text in PERIODS.items():
            self.period.addItem(self.tr(text), key)
        self.period.setCurrentIndex(max(0, self.period.findData(settings.agenda_period())))
        self.period.currentIndexChanged.connect(self._period_changed)
        self.silent_days = _named(QSpinBox(), "silentDays", self.tr("Days without a touch"))
        self.silent_days.setRange(1, 365)
        self.silent_days.setValue(settings.agenda_silent_days())
        self.silent_days.setSuffix(self.tr(" days"))
        self.silent_days.valueChanged.connect(self._silent_days_changed)

        names = {
            "on_time": self.tr("On-time share"), "median": self.tr("Median delay"),
            "p90": self.tr("90th percentile delay"), "late": self.tr("Late plans"),
            "silent": self.tr("Silent accounts"),
        }
        self.buttons: dict[str, QPushButton] = {}
        form = QFormLayout()
        form.addRow(self.tr("Period"), self.period)
        for key in FIGURES:
            button = _named(QPushButton(), f"{key}Figure", names[key])
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setStyleSheet(LINK_STYLE)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, k=key: self.show_figure(k))
            self.buttons[key] = button
            form.addRow(names[key], button)
            if key == "late":
                form.addRow(self.tr("Silent after"), self.silent_days)
        box = QGroupBox(self.tr("Lead time"))
        box.setObjectName("leadTimeBox")
        box.setLayout(form)
        self.hint = _named(QLabel(self.tr(
            "Plans due in the period that were done, or are overdue. On time: done on the day or earlier. "
            "Delays count business days.")),
            "leadTimeHint", self.tr("How the figures are counted"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")

        self.detail_title = _named(QLabel(), "leadTimeDetailTitle", self.tr("Accounts behind the figure"))
        bold = self.detail_title.font()
        bold.setBold(True)
        self.detail_title.setFont(bold)
        self.plan_model = FigureRowsModel(PLAN_COLUMNS, "LeadTimePanel", self)
        self.silent_model = FigureRowsModel(SILENT_COLUMNS, "LeadTimePanel", self)
        self.plan_table, self.plan_proxy = _table("leadTimePlans", self.tr("Plans behind the figure"),
                                                  self.plan_model, (170, 95, 95, 84))
        self.silent_table, self.silent_proxy = _table("silentAccounts", self.tr("Silent accounts"),
                                                      self.silent_model, (170, 95, 95, 84))
        for view in (self.plan_table, self.silent_table):
            view.doubleClicked.connect(self._open)
            view.activated.connect(self._open)
            view.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(self.hint)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.plan_table, 1)
        layout.addWidget(self.silent_table, 1)
        self.detail_title.hide()

    def _today(self) -> date:
        return self.today or clock.today()

    def _period_changed(self) -> None:
        self.settings.set_agenda_period(self.period.currentData())
        self.refresh()

    def _silent_days_changed(self, days: int) -> None:
        self.settings.set_agenda_silent_days(days)
        self.refresh()

    def refresh(self) -> None:
        today = self._today()
        start, end = period_bounds(self.period.currentData(), today)
        self.figures = leadtime.lead_time(self.db, start, end, today)
        self.silent = leadtime.silent_accounts(self.db, today, self.silent_days.value(), limit=SILENT_LIMIT)
        figures = self.figures
        share = figures.on_time_share
        self.buttons["on_time"].setText(
            "—" if share is None else arg(self.tr("%1% (%2 of %3)"), round(share * 100),
                                          number(len(figures.on_time)), number(len(figures.plans))))
        self.buttons["median"].setText(self._days(figures.median_delay))
        self.buttons["p90"].setText(self._days(figures.p90_delay))
        self.buttons["late"].setText(number(len(figures.late)))
        silent = number(len(self.silent)) + ("+" if len(self.silent) >= SILENT_LIMIT else "")
        self.buttons["silent"].setText(silent)
        if self.shown_figure:
            self.show_figure(self.shown_figure)

    def _days(self, value) -> str:
        if value is None:
            return "—"
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return arg(self.tr("%1 business days"), text)

    def show_figure(self, key: str) -> None:
        """List the rows behind a figure below the figures."""
        if self.figures is None:
            self.refresh()
        self.shown_figure = key
        self.buttons[key].setChecked(True)
        figures = self.figures
        titles = {
            "on_time": self.tr("Plans counted (on time and late)"),
            "median": self.tr("Done plans by delay"), "p90": self.tr("Done plans by delay"),
            "late": self.tr("Late plans (done late or still open)"),
            "silent": arg(self.tr("Accounts without a touch for %1 days and no plan"),
                          self.silent_days.value()),
        }
        self.detail_title.setText(titles[key])
        self.detail_title.show()
        if key == "silent":
            self.silent_model.set_rows(self.silent)
            self.plan_table.hide()
            self.silent_table.show()
            return
        rows = {"on_time": figures.plans, "median": figures.done, "p90": figures.done,
                "late": figures.late}[key]
        if key in ("median", "p90"):
            rows = sorted(rows, key=lambda r: (-r.delay_days, r.due))
        self.plan_model.set_rows(rows)
        self.plan_proxy.sort(-1)
        self.silent_table.hide()
        self.plan_table.show()

    def visible_rows(self) -> list:
        """The rows listed under the figure, in the order shown."""
        view = self.silent_table if self.shown_figure == "silent" else self.plan_table
        model = self.silent_model if view is self.silent_table else self.plan_model
        proxy = view.model()
        return [model.row_at(proxy.mapToSource(proxy.index(r, 0)).row()) for r in range(proxy.rowCount())]

    def _open(self, index) -> None:
        company_id = index.data(CompanyIdRole)
        if company_id is not None:
            self.account_requested.emit(int(company_id))
