"""The weekly review's decisions and next actions on the KPI page: add, mark done, delete (undoable).

Mixed into ``KpiPage`` (``ui/pages/kpis.py``), which builds the decisions table and its edit bar.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLineEdit, QMessageBox, QTableView
from sqlite_utils import Database

from models.kpi import review
from models.store.errors import KakeruError
from ui.qt_models.kpi_models import KEY_ROLE, RowsModel
from ui.signals import DataBus


class DeleteDecisionCommand(QUndoCommand):
    """Delete a review decision; undo puts it back with its id."""

    def __init__(self, text: str, db: Database, bus: DataBus, gone: review.Decision):
        super().__init__(text)
        self.db, self.bus, self.gone = db, bus, gone
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        review.delete_decision(self.db, self.gone.id)
        self.bus.notify("review_decisions")

    def undo(self) -> None:
        review.restore_decision(self.db, self.gone)
        self.bus.notify("review_decisions")


class KpiDecisions:
    """The decisions list of the KPI page (a mixin of ``KpiPage``, a QWidget)."""

    # What the page provides.
    db: Database
    bus: DataBus
    undo_stack: QUndoStack
    decisions_model: RowsModel
    decisions_table: QTableView
    decision_edit: QLineEdit
    owner_edit: QLineEdit
    due_edit: QLineEdit

    def _load_decisions(self) -> None:
        try:
            decisions = review.decisions_for(self.db, self.period())
        except KakeruError:
            decisions = []
        self.decisions_model.set_rows(
            [(d.decision, d.owner or "", d.due or "", "✓" if d.done else "") for d in decisions],
            [d.id for d in decisions])

    def _chosen_decision(self) -> int | None:
        index = self.decisions_table.currentIndex()
        return self.decisions_model.data(index, KEY_ROLE) if index.isValid() else None

    def add_decision(self) -> None:
        try:
            review.add_decision(self.db, self.period(), self.decision_edit.text(), self.owner_edit.text(),
                                self.due_edit.text())
        except KakeruError as error:
            QMessageBox.warning(self, self.tr("Decision not added"), str(error))
            return
        for edit in (self.decision_edit, self.owner_edit, self.due_edit):
            edit.clear()
        self.bus.notify("review_decisions")

    def toggle_done(self) -> None:
        chosen = self._chosen_decision()
        if chosen is None:
            return
        row = self.decisions_table.currentIndex().row()
        review.update_decision(self.db, chosen, done=not review.get_decision(self.db, chosen).done)
        self.bus.notify("review_decisions")
        self.decisions_table.selectRow(row)

    def delete_decision(self) -> None:
        chosen = self._chosen_decision()
        if chosen is None:
            return
        gone = review.delete_decision(self.db, chosen)
        self.bus.notify("review_decisions")
        self.undo_stack.push(DeleteDecisionCommand(self.tr("Delete decision"), self.db, self.bus, gone))
