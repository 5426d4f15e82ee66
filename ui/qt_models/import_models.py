"""Models for the import wizard: the preview of the first rows, the rejected rows and the duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.i18n import arg

PREVIEW_ROWS = 50

# The fields an import can fill, in English (translated in the "ImportFields" context).
FIELD_CAPTIONS = {
    "name": QT_TRANSLATE_NOOP("ImportFields", "Company name"),
    "name_kana": QT_TRANSLATE_NOOP("ImportFields", "Company reading"),
    "corporate_number": QT_TRANSLATE_NOOP("ImportFields", "Corporate number"),
    "phone": QT_TRANSLATE_NOOP("ImportFields", "Phone"),
    "prefecture": QT_TRANSLATE_NOOP("ImportFields", "Prefecture"),
    "address": QT_TRANSLATE_NOOP("ImportFields", "Address"),
    "postal_code": QT_TRANSLATE_NOOP("ImportFields", "Postal code"),
    "industry": QT_TRANSLATE_NOOP("ImportFields", "Industry"),
    "employees": QT_TRANSLATE_NOOP("ImportFields", "Employees"),
    "fiscal_year_end_month": QT_TRANSLATE_NOOP("ImportFields", "Fiscal year end month"),
    "website": QT_TRANSLATE_NOOP("ImportFields", "Website"),
    "notes": QT_TRANSLATE_NOOP("ImportFields", "Notes"),
    "contact_name": QT_TRANSLATE_NOOP("ImportFields", "Contact name"),
    "contact_kana": QT_TRANSLATE_NOOP("ImportFields", "Contact reading"),
    "contact_department": QT_TRANSLATE_NOOP("ImportFields", "Contact department"),
    "contact_title": QT_TRANSLATE_NOOP("ImportFields", "Contact title"),
    "contact_phone": QT_TRANSLATE_NOOP("ImportFields", "Contact phone"),
    "contact_email": QT_TRANSLATE_NOOP("ImportFields", "Contact email"),
}


def field_caption(field: str | None) -> str:
    """The UI name of an import field; None is "do not import"."""
    if field is None:
        return QCoreApplication.translate("ImportFields", "(skip)")
    return QCoreApplication.translate("ImportFields", FIELD_CAPTIONS.get(field, field))


class PreviewModel(QAbstractTableModel):
    """The first rows of the file, with each column headed by its name and the field it goes to."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._header: list[str] = []
        self._rows: list[list[str]] = []
        self._mapping: list[str | None] = []

    def set_table(self, header: Sequence[str], rows: Sequence[Sequence[str]], mapping: Sequence[str | None]):
        self.beginResetModel()
        self._header = list(header)
        self._rows = [list(row) for row in rows[:PREVIEW_ROWS]]
        self._mapping = list(mapping)
        self.endResetModel()

    def set_mapping(self, mapping: Sequence[str | None]) -> None:
        self._mapping = list(mapping)
        if self._header:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._header) - 1)
        if self._rows and self._header:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._header) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        if not 0 <= section < len(self._header):
            return None
        field = self._mapping[section] if section < len(self._mapping) else None
        return f"{self._header[section]}\n→ {field_caption(field)}"

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._header):
            return None
        row = self._rows[index.row()]
        value = row[index.column()] if index.column() < len(row) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return value
        if role == Qt.ItemDataRole.ForegroundRole:
            mapped = index.column() < len(self._mapping) and self._mapping[index.column()] is not None
            return None if mapped else QBrush(QColor("#8a8a8a"))  # skipped columns are greyed
        return None


class RejectsModel(QAbstractTableModel):
    """Rejected rows: the line number in the file, the reason, and the row as read."""

    HEADERS = (QT_TRANSLATE_NOOP("RejectsModel", "Line"), QT_TRANSLATE_NOOP("RejectsModel", "Reason"),
               QT_TRANSLATE_NOOP("RejectsModel", "Row"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rejects: list = []

    def set_rejects(self, rejects: Sequence) -> None:
        self.beginResetModel()
        self._rejects = list(rejects)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rejects)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("RejectsModel", self.HEADERS[section])
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rejects) or index.column() >= len(self.HEADERS):
            return None
        reject = self._rejects[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.column() == 0:
            return str(reject.line)
        if index.column() == 1:
            return reject.reason
        return " | ".join(reject.values)


class DuplicatesModel(QAbstractTableModel):
    """Rows taken for a company already known (in the database or earlier in the file): the line, the
    company, the key they share and whether the row filled empty fields."""

    HEADERS = (QT_TRANSLATE_NOOP("DuplicatesModel", "Line"), QT_TRANSLATE_NOOP("DuplicatesModel", "Company"),
               QT_TRANSLATE_NOOP("DuplicatesModel", "Why"), QT_TRANSLATE_NOOP("DuplicatesModel", "Result"))
    KEYS: ClassVar[dict[str, str]] = {
        "corporate_number": QT_TRANSLATE_NOOP("DuplicatesModel", "Same corporate number"),
        "phone": QT_TRANSLATE_NOOP("DuplicatesModel", "Same phone number"),
        "name_address": QT_TRANSLATE_NOOP("DuplicatesModel", "Same name and address")}
    OUTCOMES: ClassVar[dict[str, str]] = {
        "updated": QT_TRANSLATE_NOOP("DuplicatesModel", "Filled its empty fields"),
        "duplicates": QT_TRANSLATE_NOOP("DuplicatesModel", "Nothing new")}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._matches: list = []

    def set_matches(self, matches: Sequence) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("DuplicatesModel", self.HEADERS[section])
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._matches) or index.column() >= len(self.HEADERS):
            return None
        match = self._matches[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return str(match.line)
        if column == 1:
            if match.company_id is None:
                return arg(QCoreApplication.translate("DuplicatesModel", "Line %1: %2"), match.matched_line,
                           match.company_name)
            return match.company_name
        if column == 2:
            return QCoreApplication.translate("DuplicatesModel", self.KEYS[match.key])
        return QCoreApplication.translate("DuplicatesModel", self.OUTCOMES[match.outcome])
