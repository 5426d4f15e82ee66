"""Set a month's goals (目標) from the KPI page: appointments, and optionally calls, meetings held and won,
overall, for one list or for one caller. A goal holds for the months after it until another is set
(``models.kpi.goals``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlite_utils import Database

from models.kpi.figures import figure_label
from models.kpi.goals import GOAL_KEYS, MAX_TARGET, get_goal, set_goal
from models.kpi.period import Scope
from models.store.errors import KakeruError
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg, current_language
from ui.naming import named as _named
from ui.operations import run_write
from ui.signals import DataBus


class GoalsDialog(QDialog):
    """The targets of ``month`` for ``scope`` (every account, one list or one caller); ``saved`` after
    Save."""

    def __init__(self, db: Database, bus: DataBus, month: date, scope: Scope, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("goalsDialog")
        title = self.tr("Monthly goals")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.db, self.bus, self.month, self.scope = db, bus, month.replace(day=1), scope
        self.saved = False
        self.list_id = scope.id if scope.kind == "list" else None
        self.caller = scope.name if scope.kind == "caller" and scope.name else None
        if self.list_id:
            whose = arg(self.tr("list %1"), scope.name)
        elif self.caller:
            whose = arg(self.tr("caller %1"), self.caller)
        else:
            whose = self.tr("every account")
        intro = _named(QLabel(arg(self.tr(
            "Goals for %1/%2 and the months after it (%3), until you set others. Leave a figure empty to "
            "set no goal for it."), str(self.month.year), str(self.month.month), whose)),
            "goalsIntro", self.tr("About the goals"))
        intro.setWordWrap(True)
        goal = get_goal(db, self.month, self.list_id, self.caller)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key in GOAL_KEYS:
            label = figure_label(key, current_language())
            edit = _named(QLineEdit(), f"goal_{key}", arg(self.tr("Goal: %1"), label))
            edit.setValidator(QIntValidator(0, MAX_TARGET, edit))
            edit.setPlaceholderText(self.tr("No goal"))
            value = goal.targets.get(key) if goal is not None else None
            if value is not None:
                edit.setText(str(value))
            self.edits[key] = edit
            form.addRow(arg(self.tr("%1 a month"), label), edit)
        self.error = error_label("goalsError", self.tr("Error"))
        buttons, _save = save_cancel("goalsButtons", ("goalsSaveButton", self.tr("Save the goals")),
                                     "goalsCancelButton", self.accept, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _refused(self, error: KakeruError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def accept(self) -> None:
        targets = {key: edit.text().strip() or None for key, edit in self.edits.items()}
        done = run_write(self.bus, None, self.tr("Set the goals"),
                         lambda: set_goal(self.db, self.month, self.list_id, targets, self.caller),
                         parent=self, on_error=self._refused)
        if done is not None:
            self.saved = True
            super().accept()
