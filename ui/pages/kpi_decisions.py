"""The weekly review's decisions and next actions on the KPI page: add, mark done, delete (undoable).

Mixed into ``KpiPage`` (``ui/pages/kpis.py``), which builds the decisions table and its edit bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLineEdit, QTableView
from sqlite_utils import Database

from models.kpi import review
from models.store.errors import KakeruError
from ui.operations import run_write
from ui.qt_models.kpi_models import KEY_ROLE, RowsModel
from ui.signals import DataBus


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
    today: Callable[[], date]

    def _load_decisions(self) -> None:
        """This review's decisions and the open ones carried from earlier reviews, the overdue in red."""
        try:
            period = self.period()
            decisions = review.review_decisions(self.db, period)
        except KakeruError:
            decisions = []
        today = self.today()
        this_review = QCoreApplication.translate("KpiPage", "This review")
        self.decisions_model.set_rows(
            [(d.decision, d.owner or "", d.due or "", "✓" if d.done else "",
              d.period_text() if d.carried_into(period) else this_review) for d in decisions],
            [d.id for d in decisions])
        self.decisions_model.set_alerts([row for row, d in enumerate(decisions) if d.is_overdue(today)],
                                         QCoreApplication.translate("KpiPage", "Overdue: past its due day"))

    def _chosen_decision(self) -> int | None:
        index = self.decisions_table.currentIndex()
        return self.decisions_model.data(index, KEY_ROLE) if index.isValid() else None

    def add_decision(self) -> None:
        def add() -> review.Decision:
            return review.add_decision(self.db, self.period(), self.decision_edit.text(),
                                       self.owner_edit.text(), self.due_edit.text())

        if run_write(self.bus, None, "", add, parent=self, title=self.tr("Decision not added")) is not None:
            for edit in (self.decision_edit, self.owner_edit, self.due_edit):
                edit.clear()

    def toggle_done(self) -> None:
        chosen = self._chosen_decision()
        if chosen is None:
            return
        row = self.decisions_table.currentIndex().row()

        def toggle() -> review.Decision:
            return review.update_decision(self.db, chosen, done=not review.get_decision(self.db, chosen).done)

        if run_write(self.bus, None, "", toggle, parent=self) is not None:
            self.decisions_table.selectRow(row)

    def delete_decision(self) -> None:
        chosen = self._chosen_decision()
        if chosen is None:
            return
        run_write(self.bus, self.undo_stack, self.tr("Delete decision"),
                  lambda: review.delete_decision(self.db, chosen),
                  lambda gone: review.restore_decision(self.db, gone), parent=self)
