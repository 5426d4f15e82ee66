"""The Today queue as a table: one row per account, in the order the agenda gives (at most the daily
target plus the promises, so it is loaded at once)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from models.accounts.vocab import COMPANY_STATUS
from models.planning.agenda import Agenda, AgendaEntry
from ui.i18n import label

IdRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3

SECTION_LABELS = {
    "overdue": QT_TRANSLATE_NOOP("AgendaModel", "Overdue"),
    "due": QT_TRANSLATE_NOOP("AgendaModel", "Due today"),
    "fresh": QT_TRANSLATE_NOOP("AgendaModel", "New"),
}
SECTION_COLOURS = {"overdue": "#b3261e", "due": "#1f6f43", "fresh": "#555555"}
OTHERS_COLOUR = "#9a5b00"  # a colleague works on the account: amber, read before dialling

COLUMNS = (
    QT_TRANSLATE_NOOP("AgendaModel", "#"),
    QT_TRANSLATE_NOOP("AgendaModel", "Section"),
    QT_TRANSLATE_NOOP("AgendaModel", "Company"),
    QT_TRANSLATE_NOOP("AgendaModel", "Reading"),
    QT_TRANSLATE_NOOP("AgendaModel", "Phone"),
    QT_TRANSLATE_NOOP("AgendaModel", "Due"),
    QT_TRANSLATE_NOOP("AgendaModel", "Rank"),
    QT_TRANSLATE_NOOP("AgendaModel", "Status"),
    QT_TRANSLATE_NOOP("AgendaModel", "Why now"),
)
(COL_NUMBER, COL_SECTION, COL_NAME, COL_KANA, COL_PHONE, COL_DUE, COL_RANK, COL_STATUS,
 COL_REASON) = range(len(COLUMNS))


def _t(text: str) -> str:
    return QCoreApplication.translate("AgendaModel", text)


def due_display(entry: AgendaEntry) -> str:
    if entry.due is None:
        return ""
    if isinstance(entry.due, datetime):
        return f"{entry.due.month}/{entry.due.day} {entry.due:%H:%M}"
    return f"{entry.due.month}/{entry.due.day}"


class AgendaModel(QAbstractTableModel):
    """The entries of one ``Agenda``; ``set_agenda`` replaces them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: tuple[AgendaEntry, ...] = ()

    def set_agenda(self, agenda: Agenda | None) -> None:
        self.beginResetModel()
        self._entries = agenda.entries if agenda is not None else ()
        self.endResetModel()

    def entry_at(self, row: int) -> AgendaEntry:
        return self._entries[row]

    def company_ids(self) -> list[int]:
        return [entry.company_id for entry in self._entries]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return _t(COLUMNS[section])
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _display(self, row: int, entry: AgendaEntry, column: int) -> str:
        values = {
            COL_NUMBER: str(row + 1),
            COL_SECTION: _t(SECTION_LABELS[entry.section]),
            COL_NAME: entry.company_name,
            COL_KANA: entry.name_kana or "",
            COL_PHONE: entry.phone or "",
            COL_DUE: due_display(entry),
            COL_RANK: entry.rank or "",
            COL_STATUS: label(COMPANY_STATUS, entry.status),
            # A colleague's work on the account first: the caller reads it before dialling.
            COL_REASON: f"⚠ {entry.others}／{entry.reason}" if entry.others else entry.reason,
        }
        return values[column]

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._entries) or index.column() >= len(COLUMNS):
            return None
        row, column = index.row(), index.column()
        entry = self._entries[row]
        if role == IdRole:
            return entry.company_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column not in (COL_REASON, COL_NAME):
                return None
            return self._display(row, entry, column)
        if role == SortRole:
            if column == COL_NUMBER:
                return row
            if column == COL_DUE:
                return entry.due.isoformat() if entry.due is not None else ""
            return self._display(row, entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_SECTION:
            return QColor(SECTION_COLOURS[entry.section])
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_REASON and entry.others:
            return QColor(OTHERS_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_NUMBER, COL_RANK):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
