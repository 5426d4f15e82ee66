"""The contacts of one company, for the detail panel (edited through the contact dialog)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from models.accounts.companies import list_contacts
from models.accounts.vocab import CONTACT_ROLE
from ui.i18n import label

if TYPE_CHECKING:
    from sqlite_utils import Database

IdRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("ContactsModel", "Name")),
    ("role", QT_TRANSLATE_NOOP("ContactsModel", "Role")),
    ("department", QT_TRANSLATE_NOOP("ContactsModel", "Department")),
    ("title", QT_TRANSLATE_NOOP("ContactsModel", "Title")),
    ("phone", QT_TRANSLATE_NOOP("ContactsModel", "Phone")),
    ("email", QT_TRANSLATE_NOOP("ContactsModel", "Email")),
)

COL_NAME, COL_ROLE, COL_DEPARTMENT, COL_TITLE, COL_PHONE, COL_EMAIL = range(len(COLUMNS))


class ContactsModel(QAbstractTableModel):
    """The people at one company (few enough to load at once)."""

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.company_id: int | None = None
        self._contacts: list = []

    def set_company(self, company_id: int | None) -> None:
        self.beginResetModel()
        self.company_id = company_id
        self._contacts = list_contacts(self.db, company_id) if company_id is not None else []
        self.endResetModel()

    def reload(self) -> None:
        self.set_company(self.company_id)

    def contact_at(self, row: int):
        return self._contacts[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("ContactsModel", COLUMNS[section][1])
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._contacts) or index.column() >= len(COLUMNS):
            return None
        contact = self._contacts[index.row()]
        value = getattr(contact, COLUMNS[index.column()][0])
        if role == IdRole:
            return contact.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == COL_ROLE:
                return label(CONTACT_ROLE, value)
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_NAME:
                return contact.notes or None
            return "" if value is None else str(value)
        return None
