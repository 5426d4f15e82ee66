"""The KPI page's 担当者別 table: one row per caller and the team's total, a column per figure, then each
row's appointment goal and pace (a caller's own goal, the team's on the team's row)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from models.kpi.callers import CALLER_FIGURES, CallerRow, CallerTable
from models.kpi.figures import Figure, figure_definition, figure_label
from ui.i18n import current_language

Index = QModelIndex | QPersistentModelIndex
# (caller row, figure key or None) of a cell: the rows behind it are that figure in that row's scope.
CELL_ROLE = Qt.ItemDataRole.UserRole
TARGET, PACE = len(CALLER_FIGURES) + 1, len(CALLER_FIGURES) + 2


class CallerTableModel(QAbstractTableModel):
    """Read-only: the rows of a ``CallerTable`` (callers by name, then the team's total)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: CallerTable | None = None
        self.rows: tuple[CallerRow, ...] = ()

    def set_table(self, table: CallerTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self.rows = table.rows if table is not None else ()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else PACE + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return QCoreApplication.translate("KpiPage", "Caller")
            if section == TARGET:
                return QCoreApplication.translate("KpiPage", "Appointment target")
            if section == PACE:
                return QCoreApplication.translate("KpiPage", "Pace needed")
            label = figure_label(CALLER_FIGURES[section - 1], current_language())
            return label.removesuffix("数")
        if role == Qt.ItemDataRole.ToolTipRole:
            if section in (TARGET, PACE):
                return QCoreApplication.translate(
                    "KpiPage", "A caller's target and pace are the goals set for that caller (choose the "
                    "caller as the scope, then Goals…); the team's row has the team's goals.")
            if section:
                return figure_definition(CALLER_FIGURES[section - 1], current_language())
        return None

    def name(self, row: CallerRow) -> str:
        if row.is_team:
            return QCoreApplication.translate("KpiPage", "Team total")
        text = row.caller or QCoreApplication.translate("KpiPage", "(no caller recorded)")
        if row.member and not row.active:
            text += " " + QCoreApplication.translate("KpiPage", "(left)")
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        key = CALLER_FIGURES[column - 1] if 0 < column <= len(CALLER_FIGURES) else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.name(row)
            if key is not None:
                return Figure(key, row.figures[key]).text()
            if row.goal is None:
                return ""
            return f"{row.goal.target:,}" if column == TARGET else row.goal.pace_text()
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < column < PACE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.is_team:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and key is not None:
            return QCoreApplication.translate("KpiPage", "Double-click to list what it counts.")
        if role == CELL_ROLE:
            return row, key
        return None
