"""Edit the cadences: their names, what stops them, and their steps (when, what kind of touch, and the
hypothesis each step's plan starts with). Everything is kept in the dialog until Save, which writes all
of it in one transaction through models/ (a refused value names its cadence and step; nothing is
written). Plans already made from a cadence keep their days."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.vocab import TOUCH_KIND
from models.planning import cadences
from models.planning.cadences import StepSpec
from models.store.changes import Changes
from models.store.db import writing
from models.store.errors import KakeruError, ValidationError
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg, label
from ui.naming import named as _named
from ui.operations import run_write
from ui.signals import DataBus

CONTEXT = "CadenceEditorDialog"
COL_AMOUNT, COL_UNIT, COL_KIND, COL_HYPOTHESIS = range(4)


def unit_captions() -> dict[str, str]:
    """How each step interval reads in the unit drop-down."""
    translate = QCoreApplication.translate
    return {
        "business_days": translate("CadenceEditorDialog", "business days after the start"),
        "weeks": translate("CadenceEditorDialog", "weeks after the start"),
        "months": translate("CadenceEditorDialog", "months after the start"),
        "fiscal_year_end_months": translate("CadenceEditorDialog",
                                            "months from the fiscal year end (-3 = three months before)"),
    }


@dataclass
class _Draft:
    """One cadence as edited here; ``cadence_id`` None for a new one."""

    cadence_id: int | None
    name: str
    description: str
    stop_on_appointment: bool
    stop_on_do_not_call: bool
    stop_on_reply: bool
    steps: list[StepSpec] = field(default_factory=list)


class CadenceEditorDialog(QDialog):
    """``saved`` is True after Save wrote the cadences."""

    def __init__(self, db: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cadenceEditorDialog")
        title = self.tr("Cadences")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.db = db
        self.bus = bus
        self.saved = False
        self.drafts = [_draft_of(db, cadence) for cadence in cadences.list_cadences(db)]
        self.deleted: list[int] = []
        self._row = -1

        self.list = _named(QListWidget(), "cadenceList", self.tr("Cadences"))
        self.list.setMinimumWidth(180)
        self.new_button = _named(QPushButton(self.tr("New cadence")), "cadenceNew", self.tr("New cadence"))
        self.delete_button = _named(QPushButton(self.tr("Delete cadence")), "cadenceDelete",
                                    self.tr("Delete the selected cadence"))
        self.new_button.clicked.connect(self.add_cadence)
        self.delete_button.clicked.connect(self.delete_cadence)

        self.name = _named(QLineEdit(), "cadenceName", self.tr("Name"))
        self.description = _named(QLineEdit(), "cadenceDescriptionEdit", self.tr("Description"))
        self.stop_appointment = _named(QCheckBox(self.tr("an appointment")), "cadenceStopAppointment",
                                       self.tr("Stop on an appointment"))
        self.stop_do_not_call = _named(QCheckBox(self.tr("do not call / disqualified")),
                                       "cadenceStopDoNotCall",
                                       self.tr("Stop when do not call or disqualified"))
        self.stop_reply = _named(QCheckBox(self.tr("a reply (connected)")), "cadenceStopReply",
                                 self.tr("Stop on a reply"))
        stops = QHBoxLayout()
        for box in (self.stop_appointment, self.stop_do_not_call, self.stop_reply):
            stops.addWidget(box)
        stops.addStretch(1)

        self.steps = _named(QTableWidget(0, 4), "cadenceStepTable", self.tr("Steps"))
        self.steps.setHorizontalHeaderLabels(
            [self.tr("Interval"), self.tr("Counted as"), self.tr("Kind"), self.tr("Hypothesis to check")])
        header = self.steps.horizontalHeader()
        header.setSectionResizeMode(COL_UNIT, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps.verticalHeader().setDefaultSectionSize(30)
        self.steps.setMinimumHeight(200)
        self.add_step_button = _named(QPushButton(self.tr("Add step")), "stepAdd", self.tr("Add a step"))
        self.remove_step_button = _named(QPushButton(self.tr("Remove step")), "stepRemove",
                                         self.tr("Remove the selected step"))
        self.up_button = _named(QPushButton(self.tr("Up")), "stepUp", self.tr("Move the step up"))
        self.down_button = _named(QPushButton(self.tr("Down")), "stepDown", self.tr("Move the step down"))
        self.add_step_button.clicked.connect(self.add_step)
        self.remove_step_button.clicked.connect(self.remove_step)
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        step_buttons = QHBoxLayout()
        for button in (self.add_step_button, self.remove_step_button, self.up_button, self.down_button):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        note = _named(QLabel(self.tr(
            "Days fall on business days (weekends, holidays and the closures of the call settings are "
            "skipped). Plans already made keep their days.")), "cadenceEditorNote", self.tr("About steps"))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Stops on"), stops)
        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.steps, 1)
        editor_layout.addLayout(step_buttons)
        editor_layout.addWidget(note)

        self.error = error_label("cadenceEditorError", self.tr("Error"))
        buttons, self.save_button = save_cancel(
            "cadenceEditorButtons", ("cadenceSave", self.tr("Save cadences")), "cadenceEditorCancel",
            self.save, self.reject)

        side = QVBoxLayout()
        side.addWidget(self.list, 1)
        side.addWidget(self.new_button)
        side.addWidget(self.delete_button)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addWidget(self.editor, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(1060, 560)

        self.name.textEdited.connect(self._name_edited)
        self.list.currentRowChanged.connect(self._row_changed)
        self._show_list(0)

    # -- the list --------------------------------------------------------------------------------
    def _show_list(self, row: int) -> None:
        self._row = -1
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([draft.name for draft in self.drafts])
        self.list.blockSignals(False)
        self.delete_button.setEnabled(bool(self.drafts))
        if self.drafts:
            self.list.setCurrentRow(max(0, min(row, len(self.drafts) - 1)))
        else:
            self._load(None)

    def _row_changed(self, row: int) -> None:
        self._store()
        self._row = row
        self._load(self.drafts[row] if 0 <= row < len(self.drafts) else None)

    def _name_edited(self, text: str) -> None:
        item = self.list.item(self._row) if self._row >= 0 else None
        if item is not None:
            item.setText(text)

    def add_cadence(self) -> None:
        self._store()
        self.drafts.append(_Draft(None, self.tr("New cadence"), "", True, True, False,
                                  [StepSpec(0, "business_days", "call", None)]))
        self._show_list(len(self.drafts) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def delete_cadence(self) -> None:
        if not 0 <= self._row < len(self.drafts):
            return
        draft = self.drafts[self._row]
        answer = QMessageBox.question(
            self, self.tr("Delete cadence"),
            arg(self.tr("Delete the cadence \"%1\"? Plans already made from it stay as they are. "
                        "Nothing is deleted until you press Save."), draft.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self._row
        if draft.cadence_id is not None:
            self.deleted.append(draft.cadence_id)
        del self.drafts[row]
        self._show_list(row)

    # -- one cadence in the form ------------------------------------------------------------------
    def _load(self, draft: _Draft | None) -> None:
        self.editor.setEnabled(draft is not None)
        draft = draft or _Draft(None, "", "", False, False, False)
        self.name.setText(draft.name)
        self.description.setText(draft.description)
        self.stop_appointment.setChecked(draft.stop_on_appointment)
        self.stop_do_not_call.setChecked(draft.stop_on_do_not_call)
        self.stop_reply.setChecked(draft.stop_on_reply)
        self.steps.setRowCount(0)
        for step in draft.steps:
            self._append_step_row(step)
        if draft.steps:
            self.steps.selectRow(0)

    def _append_step_row(self, step: StepSpec) -> None:
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        amount = _named(QSpinBox(), f"stepAmount{row + 1}", arg(self.tr("Interval of step %1"), row + 1))
        amount.setRange(-11, 1000)
        amount.setValue(step.offset_amount)
        unit = _named(QComboBox(), f"stepUnit{row + 1}", arg(self.tr("How step %1 is counted"), row + 1))
        for value, caption in unit_captions().items():
            unit.addItem(caption, value)
        unit.setCurrentIndex(max(0, unit.findData(step.offset_unit)))
        kind = _named(QComboBox(), f"stepKind{row + 1}", arg(self.tr("Kind of step %1"), row + 1))
        for value in TOUCH_KIND:
            kind.addItem(label(TOUCH_KIND, value), value)
        kind.setCurrentIndex(max(0, kind.findData(step.kind)))
        self.steps.setCellWidget(row, COL_AMOUNT, amount)
        self.steps.setCellWidget(row, COL_UNIT, unit)
        self.steps.setCellWidget(row, COL_KIND, kind)
        self.steps.setItem(row, COL_HYPOTHESIS, QTableWidgetItem(step.hypothesis or ""))

    def _step_at(self, row: int) -> StepSpec:
        amount = self.steps.cellWidget(row, COL_AMOUNT)
        unit = self.steps.cellWidget(row, COL_UNIT)
        kind = self.steps.cellWidget(row, COL_KIND)
        item = self.steps.item(row, COL_HYPOTHESIS)
        text = item.text().strip() if item is not None else ""
        return StepSpec(amount.value(), unit.currentData(), kind.currentData(), text or None)

    def form_steps(self) -> list[StepSpec]:
        return [self._step_at(row) for row in range(self.steps.rowCount())]

    def _store(self) -> None:
        """Keep the form in the cadence being edited (checked on Save)."""
        if 0 <= self._row < len(self.drafts):
            self.drafts[self._row] = replace(
                self.drafts[self._row], name=self.name.text(), description=self.description.text(),
                stop_on_appointment=self.stop_appointment.isChecked(),
                stop_on_do_not_call=self.stop_do_not_call.isChecked(),
                stop_on_reply=self.stop_reply.isChecked(), steps=self.form_steps())

    def _selected_step(self) -> int:
        rows = self.steps.selectionModel().selectedRows()
        return rows[0].row() if rows else self.steps.currentRow()

    def _reload_steps(self, steps: list[StepSpec], select: int) -> None:
        self.steps.setRowCount(0)
        for step in steps:
            self._append_step_row(step)
        if steps:
            self.steps.selectRow(max(0, min(select, len(steps) - 1)))

    def add_step(self) -> None:
        steps = self.form_steps()
        last = steps[-1] if steps else StepSpec(0, "business_days", "call", None)
        steps.append(StepSpec(last.offset_amount + (1 if last.offset_amount < 1000 else 0), last.offset_unit,
                              last.kind, None))
        self._reload_steps(steps, len(steps) - 1)
        item = self.steps.item(len(steps) - 1, COL_HYPOTHESIS)
        self.steps.setCurrentItem(item)
        self.steps.editItem(item)

    def remove_step(self) -> None:
        steps = self.form_steps()
        row = self._selected_step()
        if 0 <= row < len(steps):
            del steps[row]
            self._reload_steps(steps, row)

    def move_step(self, delta: int) -> None:
        steps = self.form_steps()
        row = self._selected_step()
        other = row + delta
        if 0 <= row < len(steps) and 0 <= other < len(steps):
            steps[row], steps[other] = steps[other], steps[row]
            self._reload_steps(steps, other)

    # -- saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        self._store()
        if run_write(self.bus, None, "", self._save_all, on_error=self._refused) is None:
            return
        self.saved = True
        self.accept()

    def _refused(self, error: KakeruError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def _save_all(self) -> Changes:
        """Every draft and deletion in one transaction."""
        changes = Changes()
        with writing(self.db):
            for cadence_id in self.deleted:
                changes |= cadences.delete_cadence(self.db, cadence_id)
            # Names may be swapped between cadences: each takes a name of its own first.
            for draft in self.drafts:
                if draft.cadence_id is not None:
                    cadences.update_cadence(self.db, draft.cadence_id, name=f"\x00{draft.cadence_id}")
            for number, draft in enumerate(self.drafts, start=1):
                changes |= self._save_one(number, draft)
        return changes

    def _save_one(self, number: int, draft: _Draft) -> Changes:
        flags = {"stop_on_appointment": draft.stop_on_appointment,
                 "stop_on_do_not_call": draft.stop_on_do_not_call, "stop_on_reply": draft.stop_on_reply}
        try:
            if draft.cadence_id is None:
                created = cadences.create_cadence(self.db, draft.name, draft.steps,
                                                  description=draft.description, **flags)
                return created.changes
            cadences.update_cadence(self.db, draft.cadence_id, name=draft.name, description=draft.description,
                                    **flags)
            return cadences.set_steps(self.db, draft.cadence_id, draft.steps).changes
        except ValidationError as error:  # which cadence it is, and show it
            self.list.setCurrentRow(number - 1)
            name = " ".join(draft.name.split()) or arg(self.tr("No. %1"), number)
            raise ValidationError(arg(self.tr("Cadence \"%1\": %2"), name, str(error))) from error


def _draft_of(db: Database, cadence) -> _Draft:
    steps = [StepSpec(step.offset_amount, step.offset_unit, step.kind, step.hypothesis)
             for step in cadences.cadence_steps(db, cadence.id)]
    return _Draft(cadence.id, cadence.name, cadence.description or "", bool(cadence.stop_on_appointment),
                  bool(cadence.stop_on_do_not_call), bool(cadence.stop_on_reply), steps)
