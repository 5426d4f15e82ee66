"""The map's people as a sortable, keyboard-accessible list: what the map shows, readable without it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget

from models.accounts.entities import Contact
from models.accounts.vocab import CONTACT_ROLE, EMPLOYMENT
from ui.i18n import label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

NAME, DEPARTMENT, TITLE, ROLE, LAST_SPOKEN, STATUS = range(6)
HEADERS = (
    QT_TRANSLATE_NOOP("MapPeopleModel", "Name"),
    QT_TRANSLATE_NOOP("MapPeopleModel", "Department"),
    QT_TRANSLATE_NOOP("MapPeopleModel", "Title"),
    QT_TRANSLATE_NOOP("MapPeopleModel", "Role"),
    QT_TRANSLATE_NOOP("MapPeopleModel", "Last spoken"),
    QT_TRANSLATE_NOOP("MapPeopleModel", "Status"),
)
GREYED = QColor("#8A9096")


@dataclass(frozen=True)
class PersonRow:
    contact: Contact
    last_spoken: date | None
    successor_name: str | None = None


def _tr(text: str) -> str:
    """A header already marked with QT_TRANSLATE_NOOP, translated now."""
    return QApplication.translate("MapPeopleModel", text)


class MapPeopleModel(QAbstractTableModel):
    """One row per contact of the company; ``ID_ROLE`` gives the contact id, ``SORT_ROLE`` native values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[PersonRow] = []

    def set_rows(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def contact_id(self, row: int) -> int:
        return self._rows[row].contact.id

    def row_of(self, contact_id: int) -> int:
        for index, row in enumerate(self._rows):
            if row.contact.id == contact_id:
                return index
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return _tr(HEADERS[section])
        return None

    def _status(self, row: PersonRow) -> str:
        c = row.contact
        if c.employment == "active":
            return label(EMPLOYMENT, "active")
        text = label(EMPLOYMENT, c.employment)
        if c.employment_changed_on:
            text += " " + c.employment_changed_on.replace("-", "/")
        if row.successor_name:
            text += " → " + row.successor_name
        return text

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        c = row.contact
        column = index.column()
        if role == ID_ROLE:
            return c.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == NAME:
                return c.name
            if column == DEPARTMENT:
                return c.department or ""
            if column == TITLE:
                return c.title or ""
            if column == ROLE:
                return label(CONTACT_ROLE, c.role)
            if column == LAST_SPOKEN:
                if row.last_spoken is None:
                    return QApplication.translate("MapPeopleModel", "Never")
                return row.last_spoken.strftime("%Y/%m/%d")
            if column == STATUS:
                return self._status(row)
        if role == SORT_ROLE:
            if column == ROLE:
                return list(CONTACT_ROLE).index(c.role) if c.role in CONTACT_ROLE else len(CONTACT_ROLE)
            if column == LAST_SPOKEN:
                return row.last_spoken.isoformat() if row.last_spoken else ""
            if column == STATUS:
                return list(EMPLOYMENT).index(c.employment) if c.employment in EMPLOYMENT else 0
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ForegroundRole and c.employment != "active":
            return GREYED
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and c.notes:
            return c.notes
        return None


class MapPeopleView(QTableView):
    """The list beside the map. Enter or double-click activates a person; Delete asks to delete."""

    activated_contact = Signal(int)
    current_contact = Signal(int)
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mapPeopleView")
        self.setAccessibleName(self.tr("People on the map"))
        self.people = MapPeopleModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.people)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.doubleClicked.connect(lambda index: self.activated_contact.emit(self._id(index)))
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def _id(self, index: QModelIndex) -> int:
        return int(index.siblingAtColumn(NAME).data(ID_ROLE))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_contact.emit(self._id(current))

    def selected_contact(self) -> int | None:
        index = self.currentIndex()
        if index.isValid() and self.selectionModel().isRowSelected(index.row()):
            return self._id(index)
        return None

    def select_contact(self, contact_id: int | None) -> None:
        row = self.people.row_of(contact_id) if contact_id is not None else -1
        if row < 0:
            self.clearSelection()
            return
        index = self.proxy.mapFromSource(self.people.index(row, NAME))
        self.selectionModel().blockSignals(True)
        self.setCurrentIndex(index)
        self.selectRow(index.row())
        self.selectionModel().blockSignals(False)
        self.scrollTo(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_contact.emit(self._id(self.currentIndex()))
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete and self.selected_contact() is not None:
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
