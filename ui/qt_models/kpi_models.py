"""Qt models of the KPI page: the figures (with the previous period and each definition as tooltip),
and plain read-only rows (the accounts or touches behind a figure, loss reasons, decisions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from models.kpi.figures import FIGURES, SNAPSHOT, Figure, KpiReport, figure_definition, figure_label
from ui.i18n import current_language

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def change_text(now: Figure, before: Figure) -> str:
    return now.change_text(before)


class KpiTableModel(QAbstractTableModel):
    """One row per figure: name, this period, the previous period, the change."""

    COLUMNS = 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report: KpiReport | None = None
        self.previous: KpiReport | None = None
        self.keys = list(FIGURES)

    def set_reports(self, report: KpiReport | None, previous: KpiReport | None) -> None:
        self.beginResetModel()
        self.report, self.previous = report, previous
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.report is None else len(self.keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (QCoreApplication.translate("KpiPage", "Figure"),
                    QCoreApplication.translate("KpiPage", "This period"),
                    QCoreApplication.translate("KpiPage", "Previous period"),
                    QCoreApplication.translate("KpiPage", "Change"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.report is None:
            return None
        key = self.keys[index.row()]
        now = self.report.figures[key]
        before = self.previous.figures[key] if self.previous else None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return figure_label(key, current_language())
            if column == 1:
                if now.is_rate and now.denominator:
                    return f"{now.text()}  ({now.numerator:,} / {now.denominator:,})"
                return now.text()
            if before is None or key in SNAPSHOT:
                return QCoreApplication.translate("KpiPage", "(now)") if column == 2 else "—"
            return before.text() if column == 2 else change_text(now, before)
        if role == Qt.ItemDataRole.ToolTipRole:
            hint = QCoreApplication.translate("KpiPage", "Double-click to list what it counts.")
            return f"{figure_definition(key, current_language(), self.report.scope)}\n{hint}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return key
        return None


class RowsModel(QAbstractTableModel):
    """Read-only rows with fixed headers; ``ids`` (one per row) come back under ``KEY_ROLE``."""

    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Sequence[Any]] = []
        self.ids: list[Any] = []
        self.alerts: set[int] = set()  # rows drawn in red (an overdue decision)
        self.alert_tip = ""

    def set_rows(self, rows: Sequence[Sequence[Any]], ids: Sequence[Any] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.ids = list(ids) if ids is not None else [None] * len(self.rows)
        self.alerts = set()
        self.endResetModel()

    def set_alerts(self, rows: Sequence[int], tip: str = "") -> None:
        """Draw ``rows`` in bold red, with ``tip`` as their tooltip."""
        self.alerts, self.alert_tip = set(rows), tip
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.headers) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        alert = index.row() in self.alerts
        if alert and role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#B42318")
        if alert and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if alert and role == Qt.ItemDataRole.ToolTipRole and self.alert_tip:
            return f"{value}\n{self.alert_tip}" if value not in (None, "") else self.alert_tip
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if isinstance(value, int) and not isinstance(value, bool):
                return f"{value:,}"
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            return value
        if role == KEY_ROLE:
            return self.ids[index.row()]
        return None
