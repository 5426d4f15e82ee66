"""Which hypotheses work: per template, how many plans, how many held or missed, and how the calls
that fulfilled them went; below, the plans of the chosen template, where each result can be set
(H: held 当たり, M: missed 外れ, U: unknown 不明, Delete: clear)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.entities import Plan
from models.accounts.vocab import HYPOTHESIS_RESULT, OUTCOME, PLAN_STATUS
from models.planning import hypotheses
from models.store import clock
from models.store.changes import NOTHING, Changes
from models.store.errors import KakeruError
from models.store.settings import SETTINGS_CHANGED
from ui.errors import show_expected_error
from ui.i18n import label
from ui.operations import record, run_write
from ui.qt_models.figure_rows_model import CompanyIdRole, FigureRowsModel, RowColumn
from ui.qt_models.plan_agenda_model import due_label
from ui.shortcuts import add_shortcut
from ui.signals import DataBus
from ui.widgets.leadtime_panel import _named, _table

PERIODS = {
    "all": QT_TRANSLATE_NOOP("HypothesisResultsView", "All time"),
    "quarter": QT_TRANSLATE_NOOP("HypothesisResultsView", "Last 90 days"),
    "year": QT_TRANSLATE_NOOP("HypothesisResultsView", "Last 12 months"),
}


def _rate(row: hypotheses.TemplateResult) -> str:
    return "—" if row.hit_rate is None else f"{round(row.hit_rate * 100)}%"


def _count(attr: str):
    return lambda r: str(getattr(r, attr))


SUMMARY_COLUMNS = (
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Template"), lambda r: r.template),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Plans"), _count("plans"), lambda r: r.plans, True),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Done"), _count("done"), lambda r: r.done, True),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Held"), _count("held"), lambda r: r.held, True),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Missed"), _count("missed"), lambda r: r.missed,
              True),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Unknown"), _count("unknown"), lambda r: r.unknown,
              True),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Not rated"), _count("unrated"), lambda r: r.unrated,
              True),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Hit rate"), _rate,
              lambda r: -1.0 if r.hit_rate is None else r.hit_rate, True),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Connected"), _count("connected"),
              lambda r: r.connected, True),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Appointments"), _count("appointments"),
              lambda r: r.appointments, True),
)
PLAN_COLUMNS = (
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Due"), lambda r: due_label(r.due), lambda r: r.due),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Company"), lambda r: r.company_name),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Status"), lambda r: label(PLAN_STATUS, r.status)),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Result"),
              lambda r: label(HYPOTHESIS_RESULT, r.result)),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Call outcome"),
              lambda r: label(OUTCOME, r.outcome)),
    RowColumn(QT_TRANSLATE_NOOP("HypothesisResultsView", "Hypothesis"), lambda r: r.hypothesis or "",
              tooltip=lambda r: r.hypothesis),
)


class HypothesisResultsView(QWidget):
    account_requested = Signal(int)

    def __init__(self, db: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hypothesisResults")
        self.setAccessibleName(self.tr("Which hypotheses work"))
        self.db = db
        self.bus = bus
        self.today: date | None = None

        self.period = _named(QComboBox(), "hypothesisPeriod", self.tr("Period"))
        for key, text in PERIODS.items():
            self.period.addItem(self.tr(text), key)
        self.period.currentIndexChanged.connect(self.refresh)
        intro = _named(QLabel(self.tr(
            "Hit rate = held ÷ (held + missed). Connected and appointments count the calls that fulfilled "
            "the plans.")), "hypothesisIntro", self.tr("How the table is counted"))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: palette(mid);")
        self.edit_button = _named(QPushButton(self.tr("Edit templates…")), "editTemplatesButton",
                                  self.tr("Edit the hypothesis quick templates"))
        self.edit_button.clicked.connect(self.edit_templates)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period")))
        top.addWidget(self.period)
        top.addWidget(intro, 1)
        top.addWidget(self.edit_button)

        self.summary_model = FigureRowsModel(SUMMARY_COLUMNS, "HypothesisResultsView", self)
        self.summary_table, self.summary_proxy = _table("hypothesisSummary", self.tr("Hypothesis templates"),
                                                        self.summary_model, (200,) + (84,) * 9)
        self.summary_table.setSelectionMode(self.summary_table.SelectionMode.SingleSelection)
        self.summary_table.selectionModel().currentRowChanged.connect(self._template_chosen)
        self.plans_title = _named(QLabel(), "hypothesisPlansTitle", self.tr("Plans of the template"))
        self.plan_model = FigureRowsModel(PLAN_COLUMNS, "HypothesisResultsView", self)
        self.plans_table, self.plans_proxy = _table("hypothesisPlans", self.tr("Plans of the template"),
                                                    self.plan_model, (150, 220, 70, 70, 110))
        self.plans_table.doubleClicked.connect(self._open)

        self.result_buttons: dict[str | None, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Mark the selected plans:")))
        captions = {"held": self.tr("Held (H)"), "missed": self.tr("Missed (M)"),
                    "unknown": self.tr("Unknown (U)"), None: self.tr("Clear (Del)")}
        keys = {"held": "H", "missed": "M", "unknown": "U", None: "Delete"}
        for value, caption in captions.items():
            button = _named(QPushButton(caption), f"result_{value or 'clear'}",
                            caption.split(" (")[0])
            button.clicked.connect(lambda _=False, v=value: self.mark(v))
            add_shortcut(QKeySequence(keys[value]), self.plans_table, lambda v=value: self.mark(v),
                         Qt.ShortcutContext.WidgetShortcut)
            buttons.addWidget(button)
            self.result_buttons[value] = button
        buttons.addStretch(1)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.plans_title)
        lower_layout.addWidget(self.plans_table, 1)
        lower_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("hypothesisSplitter")
        splitter.addWidget(self.summary_table)
        splitter.addWidget(lower)
        splitter.setSizes([260, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _bounds(self) -> tuple[date | None, date | None]:
        today = self.today or clock.today()
        key = self.period.currentData()
        if key == "quarter":
            return today - timedelta(days=89), today
        if key == "year":
            return today - timedelta(days=364), today
        return None, None

    def refresh(self) -> None:
        current = self.current_template()
        start, end = self._bounds()
        self.summary_model.set_rows(hypotheses.hypothesis_summary(self.db, start, end))
        row = 0
        for number, result in enumerate(self.summary_model.rows()):
            if result.template == current:
                row = number
        if self.summary_model.rowCount():
            index = self.summary_proxy.mapFromSource(self.summary_model.index(row, 0))
            self.summary_table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._template_chosen()

    def current_template(self) -> str | None:
        index = self.summary_table.currentIndex()
        if not index.isValid():
            return None
        result = self.summary_model.row_at(self.summary_proxy.mapToSource(index).row())
        return result.template if result else None

    def _template_chosen(self, *_args) -> None:
        template = self.current_template()
        if template is None:
            self.plan_model.set_rows([])
            self.plans_title.setText("")
            return
        start, end = self._bounds()
        self.plans_title.setText(template)
        self.plan_model.set_rows(hypotheses.template_plans(self.db, template, start, end))

    def selected_plans(self) -> list[hypotheses.HypothesisPlanRow]:
        rows = {self.plans_proxy.mapToSource(index).row() for index in self.plans_table.selectionModel()
                .selectedRows()}
        if not rows and self.plans_table.currentIndex().isValid():
            rows = {self.plans_proxy.mapToSource(self.plans_table.currentIndex()).row()}
        return [self.plan_model.row_at(row) for row in sorted(rows)]

    def mark(self, result: str | None) -> None:
        plans = [plan for plan in self.selected_plans() if plan is not None]
        if not plans:
            return
        row = self.plans_table.currentIndex().row()

        def mark_all() -> Changes:
            changes = NOTHING
            for plan in plans:
                changes |= hypotheses.set_result(self.db, plan.plan_id, result).changes
            return changes

        def refused(error: KakeruError) -> None:
            show_expected_error(error, self)
            record(self.bus, None, Plan.changes)  # the plans marked before the refused one are saved

        run_write(self.bus, None, "", mark_all, on_error=refused)
        self.refresh()
        # The next plan becomes current, so a run of results is typed key after key.
        if len(plans) == 1 and self.plans_proxy.rowCount():
            next_row = min(row + 1, self.plans_proxy.rowCount() - 1)
            self.plans_table.setCurrentIndex(self.plans_proxy.index(next_row, 0))

    def edit_templates(self) -> None:
        from ui.dialogs.hypothesis_templates import HypothesisTemplatesDialog

        if HypothesisTemplatesDialog(self.db, self).exec():
            record(self.bus, None, SETTINGS_CHANGED)
            self.refresh()

    def _open(self, index) -> None:
        company_id = index.data(CompanyIdRole)
        if company_id is not None:
            self.account_requested.emit(int(company_id))
