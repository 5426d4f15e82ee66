"""The Agenda page's tree: five group rows (overdue, today, this week, next week, later), each holding
its open plans as children. Filled from ``models.planning.agenda_groups``; a refresh re-reads it whole."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from models.accounts.vocab import PLAN_SOURCE, TOUCH_KIND
from models.planning.agenda_groups import GROUPS, AgendaGroups, AgendaPlan
from models.planning.plans import parse_due
from ui.i18n import arg, label, number

CompanyIdRole = Qt.ItemDataRole.UserRole + 1
PlanIdRole = Qt.ItemDataRole.UserRole + 2
GroupRole = Qt.ItemDataRole.UserRole + 3

HEADERS = (
    QT_TRANSLATE_NOOP("PlanAgendaModel", "When"),
    QT_TRANSLATE_NOOP("PlanAgendaModel", "Company"),
    QT_TRANSLATE_NOOP("PlanAgendaModel", "Kind"),
    QT_TRANSLATE_NOOP("PlanAgendaModel", "Hypothesis"),
    QT_TRANSLATE_NOOP("PlanAgendaModel", "Contact"),
    QT_TRANSLATE_NOOP("PlanAgendaModel", "Source"),
    QT_TRANSLATE_NOOP("PlanAgendaModel", "Phone"),
)
COL_WHEN, COL_COMPANY, COL_KIND, COL_HYPOTHESIS, COL_CONTACT, COL_SOURCE, COL_PHONE = range(len(HEADERS))
GROUP_TITLES = {
    "overdue": QT_TRANSLATE_NOOP("PlanAgendaModel", "Overdue"),
    "today": QT_TRANSLATE_NOOP("PlanAgendaModel", "Today"),
    "this_week": QT_TRANSLATE_NOOP("PlanAgendaModel", "This week"),
    "next_week": QT_TRANSLATE_NOOP("PlanAgendaModel", "Next week"),
    "later": QT_TRANSLATE_NOOP("PlanAgendaModel", "Later"),
}
_OVERDUE_COLOUR = QColor("#b3261e")
_NO_PARENT = 0  # internalId of a group row; a plan row carries its group's number + 1


def _t(text: str) -> str:
    return QCoreApplication.translate("PlanAgendaModel", text)


def due_label(text: str, *, year: bool = True) -> str:
    """'2026-11-20' → '2026/11/20 (Fri)'; with a time, '2026/11/20 (Fri) 14:00' (weekday in the UI
    language). Without ``year``: '11/20 (Fri)'."""
    due = parse_due(text)
    day = due.date() if isinstance(due, datetime) else due
    pattern = "yyyy/MM/dd (ddd)" if year else "MM/dd (ddd)"
    shown = QLocale().toString(QDate(day.year, day.month, day.day), pattern)
    return f"{shown} {due:%H:%M}" if isinstance(due, datetime) else shown


class PlanAgendaModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: AgendaGroups | None = None

    # -- data in ------------------------------------------------------------------------------
    def set_groups(self, groups: AgendaGroups) -> None:
        self.beginResetModel()
        self._groups = groups
        self.endResetModel()

    def groups(self) -> AgendaGroups | None:
        return self._groups

    def _rows(self, group_row: int) -> tuple[AgendaPlan, ...]:
        if self._groups is None:
            return ()
        return self._groups.rows[GROUPS[group_row]]

    def plan_at(self, index: QModelIndex) -> AgendaPlan | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        rows = self._rows(index.internalId() - 1)
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def group_index(self, group: str) -> QModelIndex:
        return self.index(GROUPS.index(group), 0)

    # -- structure ----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()):  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=QModelIndex()):  # noqa: B008
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_PARENT)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if self._groups is None:
            return 0
        if not parent.isValid():
            return len(GROUPS)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._rows(parent.row()))
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(HEADERS[section])
        return None

    # -- data out -----------------------------------------------------------------------------
    def _group_data(self, index, role):
        group = GROUPS[index.row()]
        if role == GroupRole:
            return group
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            shown = len(self._rows(index.row()))
            total = self._groups.counts[group]
            text = f"{_t(GROUP_TITLES[group])} ({number(total)})"
            if shown < total:
                more = QCoreApplication.translate("PlanAgendaModel", "showing the first %1")
                text += "  " + arg(more, number(shown))
            return text
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and group == "overdue" and self._groups.counts[group]:
            return QBrush(_OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(0, 0, 0, 12))
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._groups is None:
            return None
        if index.internalId() == _NO_PARENT:
            return self._group_data(index, role)
        plan = self.plan_at(index)
        if plan is None:
            return None
        if role == CompanyIdRole:
            return plan.company_id
        if role == PlanIdRole:
            return plan.plan_id
        if role == GroupRole:
            return plan.group
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(plan, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_HYPOTHESIS:
            return plan.hypothesis
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_WHEN and plan.group == "overdue":
            return QBrush(_OVERDUE_COLOUR)
        return None

    def _text(self, plan: AgendaPlan, column: int) -> str:
        if column == COL_WHEN:
            return due_label(plan.due)
        if column == COL_COMPANY:
            return plan.company_name
        if column == COL_KIND:
            return label(TOUCH_KIND, plan.kind)
        if column == COL_HYPOTHESIS:
            hypothesis = plan.hypothesis or ""
            return f"【{plan.hypothesis_template}】{hypothesis}" if plan.hypothesis_template else hypothesis
        if column == COL_CONTACT:
            return plan.contact_name or ""
        if column == COL_SOURCE:
            source = label(PLAN_SOURCE, plan.source)
            return f"{source}: {plan.cadence_name}" if plan.cadence_name else source
        if column == COL_PHONE:
            return plan.phone or ""
        return ""
