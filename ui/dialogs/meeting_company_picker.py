"""Pick the company a new meeting is with: search as you type (``models.accounts.search`` through
``models.accounts.targets``), arrows to move, Enter to choose."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.targets import TargetFilter, TargetRow, fetch_targets
from ui.i18n import arg

LIMIT = 50
_HEADERS = (
    QT_TRANSLATE_NOOP("CompanyPickModel", "Company"),
    QT_TRANSLATE_NOOP("CompanyPickModel", "Prefecture"),
    QT_TRANSLATE_NOOP("CompanyPickModel", "Phone"),
)


class CompanyPickModel(QAbstractTableModel):
    """The companies matching the search: name, prefecture, phone."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[TargetRow] = []

    def set_rows(self, rows: list[TargetRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TargetRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_HEADERS):
            return QCoreApplication.translate("CompanyPickModel", _HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (row.name, row.prefecture or "", row.phone or "")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.address
        return None


class CompanyPickerDialog(QDialog):
    """A search box over every company and the first matches; ``company_id()`` after OK."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("companyPickerDialog")
        self.setWindowTitle(self.tr("New meeting: choose the company"))
        self.setAccessibleName(self.tr("Choose the company"))
        self.db = db
        self.search = QLineEdit()
        self.search.setObjectName("companyPickerSearch")
        self.search.setAccessibleName(self.tr("Search companies"))
        self.search.setPlaceholderText(self.tr("Name, reading, phone or address"))
        self.search.setClearButtonEnabled(True)
        self.model = CompanyPickModel(self)
        self.table = QTableView()
        self.table.setObjectName("companyPickerTable")
        self.table.setAccessibleName(self.tr("Matching companies"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 90)
        header.resizeSection(2, 130)
        self.table.doubleClicked.connect(self.accept)
        self.hint = QLabel()
        self.hint.setObjectName("companyPickerHint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("companyPickerButtons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("companyPickerOk")
        self.ok_button.setAccessibleName(self.tr("Choose this company"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("companyPickerCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._search_enter)
        self.search.installEventFilter(self)
        self.refresh()

    def refresh(self) -> None:
        """Show the first matches of the search text, the first one selected."""
        self._timer.stop()
        rows = fetch_targets(self.db, TargetFilter(search=self.search.text()), limit=LIMIT)
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        if not rows:
            self.hint.setText(self.tr("No company matches. Try fewer or other words."))
        elif len(rows) >= LIMIT:
            self.hint.setText(arg(self.tr("Showing the first %1 matches; type more to narrow them down."),
                                  LIMIT))
        else:
            self.hint.setText("")
        self.ok_button.setEnabled(bool(rows))

    def _search_enter(self) -> None:
        if self._timer.isActive():
            self.refresh()
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down in the search box move through the matches without leaving the box.
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
            if self._timer.isActive():
                self.refresh()
            current = self.table.currentIndex().row()
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.table.selectRow(max(0, min(self.model.rowCount() - 1, current + step)))
            return True
        return super().eventFilter(watched, event)

    def company_id(self) -> int | None:
        """The chosen company, or None when nothing matches."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(rows[0].row()).id

    def accept(self) -> None:
        if self.company_id() is None:
            return
        super().accept()
