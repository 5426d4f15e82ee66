"""The KPI page's goals line: each target of the month beside the actual figure so far and the pace
still needed per business day (``models.kpi.goals.GoalReport``), and the button that sets them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from models.kpi.figures import figure_label
from models.kpi.goals import GoalReport
from ui.i18n import arg, current_language, number
from ui.naming import named as _named

BEHIND = "#B42318"
MET = "#1E7B4B"


class KpiGoalsBar(QWidget):
    """One line of goals; ``edit_requested`` when the goals button is pressed."""

    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kpiGoalsBar")
        self.text = _named(QLabel(), "goalsLabel", self.tr("Goals of the month"))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.button = _named(QPushButton(self.tr("Goals…")), "goalsButton", self.tr("Set the monthly goals"))
        self.button.clicked.connect(self.edit_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.report: GoalReport | None = None

    def set_report(self, report: GoalReport) -> None:
        self.report = report
        view = report.scope.kind == "view"
        unnamed = report.scope.kind == "caller" and not report.scope.name  # the rows of no caller
        self.button.setEnabled(not view and not unnamed)
        month = arg(self.tr("%1/%2"), str(report.month.year), str(report.month.month))
        if view:
            self.text.setText(self.tr("A saved view has no goals: choose all accounts or a list."))
            return
        if unnamed:
            self.text.setText(self.tr("Rows that name no caller have no goals: choose a caller or the team."))
            return
        if not report.items:
            self.text.setText(arg(self.tr("No goals for %1 yet. Set them with Goals…"), month))
            return
        met, short, a_day = self.tr("met"), self.tr("%1 short"), self.tr("%1 a day")
        parts = []
        for item in report.items:
            name = escape(figure_label(item.key, current_language()))
            if item.achieved:
                pace = f'<span style="color:{MET}">{escape(met)}</span>'
            elif item.pace is None:
                pace = escape(arg(short, number(item.remaining)))
            else:
                pace = f'<span style="color:{BEHIND}">{escape(arg(a_day, f"{item.pace:.1f}"))}</span>'
            parts.append(f"<b>{name}</b> {number(item.actual)} / {number(item.target)} {pace}")
        days = arg(self.tr("%1 business days left"), number(report.days_left))
        head = escape(arg(self.tr("Goals %1 (%2):"), month, days))
        self.text.setText(f"{head}&nbsp;&nbsp;" + "&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts))
