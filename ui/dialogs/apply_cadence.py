"""Apply a cadence to some accounts: choose it and the start day, see each step's day and how many
accounts will take it (and why the others will not), then Apply writes the plans through models/."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.vocab import TOUCH_KIND
from models.planning import cadences
from models.planning.calendar import load_calendar
from models.store import clock
from models.store.changes import NOTHING, Changes
from models.store.errors import KakeruError, ValidationError
from ui.dialogs.progress import ProgressCallback
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg, label, number
from ui.naming import named as _named
from ui.operations import record, run_write
from ui.qt_models.figure_rows_model import FigureRowsModel, RowColumn
from ui.signals import DataBus

# Above this many accounts the expansion shows a progress dialog.
PROGRESS_FROM = 2000



def step_offset_text(step) -> str:
    """'+2 business days', '3 months before the fiscal year end'… in the UI language."""
    amount, unit = step.offset_amount, step.offset_unit
    if unit == "business_days":
        if amount == 0:
            return QCoreApplication.translate("ApplyCadenceDialog", "Start day")
        return arg(QCoreApplication.translate("ApplyCadenceDialog", "+%1 business days"), amount)
    if unit == "weeks":
        return arg(QCoreApplication.translate("ApplyCadenceDialog", "+%1 weeks"), amount)
    if unit == "months":
        return arg(QCoreApplication.translate("ApplyCadenceDialog", "+%1 months"), amount)
    if amount < 0:
        text = QCoreApplication.translate("ApplyCadenceDialog", "%1 months before the fiscal year end")
        return arg(text, -amount)
    if amount > 0:
        text = QCoreApplication.translate("ApplyCadenceDialog", "%1 months after the fiscal year end")
        return arg(text, amount)
    return QCoreApplication.translate("ApplyCadenceDialog", "Fiscal year end month")


def _day_text(row) -> str:
    return f"{row[2]:%Y/%m/%d}" if row[2] else "—"


STEP_COLUMNS = (
    RowColumn(QT_TRANSLATE_NOOP("ApplyCadenceDialog", "Step"), lambda r: str(r[0]), lambda r: r[0],
              numeric=True),
    RowColumn(QT_TRANSLATE_NOOP("ApplyCadenceDialog", "When"), lambda r: step_offset_text(r[1])),
    RowColumn(QT_TRANSLATE_NOOP("ApplyCadenceDialog", "Day"), _day_text),
    RowColumn(QT_TRANSLATE_NOOP("ApplyCadenceDialog", "Kind"), lambda r: label(TOUCH_KIND, r[1].kind)),
    RowColumn(QT_TRANSLATE_NOOP("ApplyCadenceDialog", "Hypothesis"), lambda r: r[1].hypothesis or "",
              tooltip=lambda r: r[1].hypothesis),
)


class ApplyCadenceDialog(QDialog):
    """``expansion`` holds what was done after ``accept``."""

    def __init__(self, db: Database, bus: DataBus, company_ids: list[int], parent: QWidget | None = None,
                 *, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("applyCadenceDialog")
        self.db = db
        self.bus = bus
        self.company_ids = list(dict.fromkeys(company_ids))
        self.today = today or clock.today()
        self.expansion: cadences.Expansion | None = None
        self.calendar = load_calendar(db)
        title = self.tr("Apply cadence")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        created = cadences.ensure_default_cadences(db)
        if created.cadences:
            record(bus, None, created)

        self.cadence = _named(QComboBox(), "cadenceCombo", self.tr("Cadence"))
        self._fill_cadences(None)
        self.edit_button = _named(QPushButton(self.tr("Edit cadences…")), "cadenceEditButton",
                                  self.tr("Edit the cadences and their steps"))
        self.edit_button.clicked.connect(self.edit_cadences)
        chooser = QHBoxLayout()
        chooser.addWidget(self.cadence, 1)
        chooser.addWidget(self.edit_button)
        self.description = _named(QLabel(), "cadenceDescription", self.tr("About the cadence"))
        self.description.setWordWrap(True)
        self.start = _named(QDateEdit(), "cadenceStart", self.tr("Start day"))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy/MM/dd (ddd)")
        self.start.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.start.setMinimumDate(QDate(self.today.year, self.today.month, self.today.day))
        self.stop_appointment = _named(QCheckBox(self.tr("an appointment")), "stopOnAppointment",
                                       self.tr("Stop on an appointment"))
        self.stop_do_not_call = _named(QCheckBox(self.tr("do not call / disqualified")), "stopOnDoNotCall",
                                       self.tr("Stop when do not call or disqualified"))
        self.stop_reply = _named(QCheckBox(self.tr("a reply (connected)")), "stopOnReply",
                                 self.tr("Stop on a reply"))
        stops = QHBoxLayout()
        for box in (self.stop_appointment, self.stop_do_not_call, self.stop_reply):
            stops.addWidget(box)
        stops.addStretch(1)

        self.steps_model = FigureRowsModel(STEP_COLUMNS, "ApplyCadenceDialog", self)
        self.steps = _named(QTableView(), "cadenceSteps", self.tr("Steps"))
        self.steps.setModel(self.steps_model)
        self.steps.verticalHeader().hide()
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.horizontalHeader().setStretchLastSection(True)
        self.steps.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.steps.setMinimumHeight(170)
        self.steps.setWordWrap(False)
        self.example = _named(QLabel(), "cadenceExample", self.tr("Example account"))
        self.example.setStyleSheet("color: palette(mid);")
        self.summary = _named(QLabel(), "cadenceSummary", self.tr("Summary"))
        self.summary.setWordWrap(True)
        self.error = error_label("cadenceError", self.tr("Error"))

        form = QFormLayout()
        form.addRow(self.tr("Cadence"), chooser)
        form.addRow("", self.description)
        form.addRow(self.tr("Start day"), self.start)
        form.addRow(self.tr("Stops on"), stops)
        buttons, self.apply_button = save_cancel(
            "cadenceButtons", ("cadenceApplyButton", self.tr("Apply the cadence")), "cadenceCancelButton",
            self.apply, self.reject, ok_text=self.tr("Apply"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.example)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

        self.cadence.currentIndexChanged.connect(self._refresh)
        self.start.dateChanged.connect(self._refresh)
        self._refresh()

    def _fill_cadences(self, keep: int | None) -> None:
        self.cadence.blockSignals(True)
        self.cadence.clear()
        for cadence in cadences.list_cadences(self.db):
            self.cadence.addItem(cadence.name, cadence.id)
        self.cadence.setCurrentIndex(max(0, self.cadence.findData(keep)))
        self.cadence.blockSignals(False)

    def edit_cadences(self) -> None:
        """Open the cadence editor; what it saved shows here at once."""
        from ui.dialogs.cadence_editor import CadenceEditorDialog

        editor = CadenceEditorDialog(self.db, self.bus, self)
        editor.exec()
        if editor.saved:
            self._fill_cadences(self.cadence.currentData())
            self._refresh()

    def start_day(self) -> date:
        value = self.start.date()
        return date(value.year(), value.month(), value.day())

    def _example_account(self, needs_fiscal: bool) -> dict | None:
        if not self.company_ids:
            return None
        ids = self.company_ids[:500]
        marks = ",".join("?" * len(ids))
        extra = " AND fiscal_year_end_month IS NOT NULL" if needs_fiscal else ""
        sql = f"SELECT id, name, fiscal_year_end_month FROM companies WHERE id IN ({marks}){extra} LIMIT 1"
        rows = list(self.db.query(sql, ids))
        return rows[0] if rows else None

    def _refresh(self) -> None:
        cadence_id = self.cadence.currentData()
        self.error.hide()
        if cadence_id is None:
            self.steps_model.set_rows([])
            self.summary.setText(self.tr("There is no cadence yet."))
            self.apply_button.setEnabled(False)
            return
        cadence = cadences.get_cadence(self.db, cadence_id)
        steps = cadences.cadence_steps(self.db, cadence_id)
        self.description.setText(cadence.description or "")
        self.stop_appointment.setChecked(bool(cadence.stop_on_appointment))
        self.stop_do_not_call.setChecked(bool(cadence.stop_on_do_not_call))
        self.stop_reply.setChecked(bool(cadence.stop_on_reply))
        needs_fiscal = cadences.needs_fiscal_month(steps)
        example = self._example_account(needs_fiscal)
        days: list = [None] * len(steps)
        if example is not None or not needs_fiscal:
            fiscal = example["fiscal_year_end_month"] if example else None
            days = cadences.step_dates(steps, self.start_day(), fiscal, self.calendar.closures)
        pairs = zip(steps, days, strict=True)
        self.steps_model.set_rows([(n, step, day) for n, (step, day) in enumerate(pairs, start=1)])
        if example is not None:
            self.example.setText(arg(self.tr("Days shown for %1."), example["name"]))
        else:
            self.example.setText("")
        preview = cadences.expand_cadence(self.db, cadence_id, self.company_ids, self.start_day(),
                                          calendar=self.calendar, dry_run=True)
        lines = [arg(self.tr("%1 of %2 accounts will get %3 plans."), number(len(preview.planned_companies)),
                     number(len(self.company_ids)), number(preview.plans_created))]
        if preview.no_fiscal_month:
            lines.append(arg(self.tr("%1 accounts have no fiscal year end month and will be skipped."),
                             number(len(preview.no_fiscal_month))))
        if preview.closed:
            lines.append(arg(self.tr("%1 accounts are do not call or disqualified and will be skipped."),
                             number(len(preview.closed))))
        if preview.already_running:
            lines.append(arg(self.tr("%1 accounts already run this cadence and will be left as they are."),
                             number(len(preview.already_running))))
        self.summary.setText("\n".join(lines))
        self.apply_button.setEnabled(bool(preview.plans_created))

    def apply(self) -> None:
        cadence_id = self.cadence.currentData()
        if cadence_id is None:
            return

        def keep_stop_rules() -> Changes:
            cadence = cadences.get_cadence(self.db, cadence_id)
            flags = {"stop_on_appointment": self.stop_appointment.isChecked(),
                     "stop_on_do_not_call": self.stop_do_not_call.isChecked(),
                     "stop_on_reply": self.stop_reply.isChecked()}
            if any(bool(getattr(cadence, key)) != value for key, value in flags.items()):
                return cadences.update_cadence(self.db, cadence_id, **flags).changes
            return NOTHING

        def expand() -> cadences.Expansion:
            progress = None
            if len(self.company_ids) >= PROGRESS_FROM:
                progress = ProgressCallback(self, self.tr("Apply cadence"), self.tr("Creating plans…"))
            try:
                return cadences.expand_cadence(self.db, cadence_id, self.company_ids, self.start_day(),
                                               calendar=self.calendar, progress=progress)
            finally:
                if progress is not None:
                    progress.close()

        def refused(error: KakeruError) -> None:
            if isinstance(error, ValidationError):
                self.error.setText(str(error))
                self.error.show()
            else:
                QMessageBox.warning(self, self.tr("Apply cadence"), str(error))

        if run_write(self.bus, None, "", keep_stop_rules, on_error=refused) is None:
            return
        expansion = run_write(self.bus, None, "", expand, on_error=refused)
        if expansion is None:
            return
        self.expansion = expansion
        QMessageBox.information(self, self.tr("Apply cadence"), self._result_text(self.expansion))
        self.accept()

    def _result_text(self, result: cadences.Expansion) -> str:
        text = self.tr("Cadence \"%1\" was applied to %2 accounts: %3 plans created.")
        lines = [arg(text, result.cadence_name, number(len(result.planned_companies)),
                     number(result.plans_created))]
        if result.no_fiscal_month:
            lines.append(arg(self.tr("%1 accounts without a fiscal year end month were skipped."),
                             number(len(result.no_fiscal_month))))
        if result.closed:
            lines.append(arg(self.tr("%1 do-not-call or disqualified accounts were skipped."),
                             number(len(result.closed))))
        if result.already_running:
            lines.append(arg(self.tr("%1 accounts already running this cadence were left as they are."),
                             number(len(result.already_running))))
        return "\n".join(lines)
