"""Conflicts in the app (issue 17): the values a merge did not take, each kept or taken back in one click.

A table of the file's conflicts — the account, the field (as the account's screens name it), the value
in force and who wrote it, the value that lost and who wrote it, when — with two buttons: 「この値のまま」
keeps the value in force, 「もう一方の値に戻す」 writes the one that lost. Each choice is one write through
``ui.operations.run_write`` (Ctrl+Z takes it back: the field's previous value and the conflict reopened)
and syncs like any edit. ``ConflictStatus`` is the status bar's 「競合 2 件」, shown while any is open.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.team import conflicts as engine
from ui.i18n import arg, number
from ui.naming import named
from ui.operations import run_write
from ui.signals import DataBus

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from sqlite_utils import Database

_KINDS = {
    "companies": QT_TRANSLATE_NOOP("ConflictFields", "Company"),
    "contacts": QT_TRANSLATE_NOOP("ConflictFields", "Person"),
    "relationships": QT_TRANSLATE_NOOP("ConflictFields", "Relationship"),
    "plans": QT_TRANSLATE_NOOP("ConflictFields", "Plan"),
    "touches": QT_TRANSLATE_NOOP("ConflictFields", "Call"),
    "meetings": QT_TRANSLATE_NOOP("ConflictFields", "Meeting"),
    "target_lists": QT_TRANSLATE_NOOP("ConflictFields", "List"),
    "list_members": QT_TRANSLATE_NOOP("ConflictFields", "List member"),
}
# The fields as the account's screens name them (the company panel, the people, plans and meetings).
_FIELDS = {
    "name": QT_TRANSLATE_NOOP("ConflictFields", "Name"),
    "name_kana": QT_TRANSLATE_NOOP("ConflictFields", "Reading"),
    "corporate_number": QT_TRANSLATE_NOOP("ConflictFields", "Corporate number"),
    "industry": QT_TRANSLATE_NOOP("ConflictFields", "Industry"),
    "business_domain": QT_TRANSLATE_NOOP("ConflictFields", "Business"),
    "prefecture": QT_TRANSLATE_NOOP("ConflictFields", "Prefecture"),
    "address": QT_TRANSLATE_NOOP("ConflictFields", "Address"),
    "postal_code": QT_TRANSLATE_NOOP("ConflictFields", "Postal code"),
    "phone": QT_TRANSLATE_NOOP("ConflictFields", "Phone"),
    "website": QT_TRANSLATE_NOOP("ConflictFields", "Website"),
    "employees": QT_TRANSLATE_NOOP("ConflictFields", "Employees"),
    "fiscal_year_end_month": QT_TRANSLATE_NOOP("ConflictFields", "Fiscal year end"),
    "rank": QT_TRANSLATE_NOOP("ConflictFields", "Rank"),
    "status": QT_TRANSLATE_NOOP("ConflictFields", "Status"),
    "notes": QT_TRANSLATE_NOOP("ConflictFields", "Notes"),
    "department": QT_TRANSLATE_NOOP("ConflictFields", "Department"),
    "title": QT_TRANSLATE_NOOP("ConflictFields", "Title"),
    "role": QT_TRANSLATE_NOOP("ConflictFields", "Role"),
    "mobile": QT_TRANSLATE_NOOP("ConflictFields", "Mobile"),
    "email": QT_TRANSLATE_NOOP("ConflictFields", "Email"),
    "best_time": QT_TRANSLATE_NOOP("ConflictFields", "Best time to call"),
    "due": QT_TRANSLATE_NOOP("ConflictFields", "Due"),
    "kind": QT_TRANSLATE_NOOP("ConflictFields", "Kind"),
    "hypothesis": QT_TRANSLATE_NOOP("ConflictFields", "Hypothesis"),
    "contact_uid": QT_TRANSLATE_NOOP("ConflictFields", "Person"),
    "note": QT_TRANSLATE_NOOP("ConflictFields", "Note"),
    "starts_at": QT_TRANSLATE_NOOP("ConflictFields", "Date and time"),
    "place": QT_TRANSLATE_NOOP("ConflictFields", "Place"),
    "outcome": QT_TRANSLATE_NOOP("ConflictFields", "Outcome"),
    "priority": QT_TRANSLATE_NOOP("ConflictFields", "Priority"),
    "description": QT_TRANSLATE_NOOP("ConflictFields", "Description"),
}
# A reference's value is a uid: shown as the name of the row it names.
_NAMED_BY = {"contact_uid": "contacts", "company_uid": "companies", "from_contact_uid": "contacts",
             "to_contact_uid": "contacts", "successor_uid": "contacts", "list_uid": "target_lists"}


def field_caption(table: str, field: str) -> str:
    """「会社・メモ」: the row's kind and the field's name as the account's screens show them."""
    kind = QCoreApplication.translate("ConflictFields", _KINDS.get(table, table))
    name = QCoreApplication.translate("ConflictFields", _FIELDS[field]) if field in _FIELDS else field
    return arg(QCoreApplication.translate("ConflictFields", "%1 · %2"), kind, name)


def shown_value(db: Database, field: str, value: Any) -> str:
    """A conflict's value as a person reads it: a person or company by name, empty said as such."""
    if value is None or value == "":
        return QCoreApplication.translate("ConflictsDialog", "(empty)")
    if field in _NAMED_BY and isinstance(value, str):
        row = db.execute(f"SELECT name FROM {_NAMED_BY[field]} WHERE uid = ?", [value]).fetchone()
        return str(row[0]) if row else value
    if isinstance(value, bool):
        return (QCoreApplication.translate("ConflictsDialog", "Yes") if value
                else QCoreApplication.translate("ConflictsDialog", "No"))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value).replace("\n", " ")


_ROOT = QModelIndex()


class ConflictsModel(QAbstractTableModel):
    """The conflicts as rows: account, field, the value in force and its writer, the other and its
    writer, when; resolved ones (when shown) say how."""

    COLUMNS = 8

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.include_resolved = False
        self.rows: list[engine.Conflict] = []
        self.texts: list[tuple[str, ...]] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = engine.conflicts(self.db, include_resolved=self.include_resolved)
        self.texts = [self._texts(conflict) for conflict in self.rows]
        self.endResetModel()

    def _texts(self, c: engine.Conflict) -> tuple[str, ...]:
        if c.open:
            state = self.tr("Open")
        elif c.resolution == engine.LOST:
            state = arg(self.tr("Other value taken by %1"), c.resolved_by or "")
        else:
            state = arg(self.tr("Kept by %1"), c.resolved_by or "")
        return (c.company_name or self.tr("(account not on this computer)"),
                field_caption(c.table_name, c.field),
                shown_value(self.db, c.field, c.won_value), c.won_by or "",
                shown_value(self.db, c.field, c.lost_value), c.lost_by or "",
                c.at[:16].replace("T", " "), state)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Account"), self.tr("Field"), self.tr("Value in force"), self.tr("Written by"),
                self.tr("Other value"), self.tr("Written by"), self.tr("When"), self.tr("State"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.texts[index.row()][index.column()]
        return None


class ConflictsDialog(QDialog):
    """The file's conflicts, each kept or taken back in one click, undoable with Ctrl+Z."""

    def __init__(self, db: Database, bus: DataBus, undo_stack: QUndoStack | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Conflicts"))
        self.setAccessibleName(self.tr("Conflicts"))
        self.db = db
        self.bus = bus
        self.undo_stack = undo_stack
        intro = QLabel(self.tr(
            "When two people changed the same field before syncing, the later change is in force and the "
            "other value is kept here. Keep the value in force, or take the other value back; Ctrl+Z "
            "undoes either. Your choice reaches the team at the next sync."))
        intro.setWordWrap(True)
        self.model = ConflictsModel(db, self)
        self.view = named(QTableView(), "conflictsTable", self.tr("Conflicts"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel(self.tr("There are no open conflicts."))
        self.empty.setObjectName("conflictsEmpty")
        self.show_resolved = named(QCheckBox(self.tr("Show &resolved")), "conflictsShowResolved",
                                   self.tr("Show resolved conflicts too"))
        self.show_resolved.toggled.connect(self._toggle_resolved)
        self.keep_button = named(QPushButton(self.tr("&Keep the value in force")), "conflictsKeepButton",
                                 self.tr("Keep the value in force and close the conflict"))
        self.take_button = named(QPushButton(self.tr("&Take the other value")), "conflictsTakeButton",
                                 self.tr("Write the other value back and close the conflict"))
        self.keep_button.clicked.connect(lambda: self.resolve(engine.WON))
        self.take_button.clicked.connect(lambda: self.resolve(engine.LOST))
        for button in (self.keep_button, self.take_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_resolved)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        named(close.button(QDialogButtonBox.StandardButton.Close), "conflictsCloseButton", self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(close)
        # A modal dialog keeps the window's Edit menu from seeing the keys: undo and redo answered here.
        if undo_stack is not None:
            QShortcut(QKeySequence.StandardKey.Undo, self, undo_stack.undo)
            QShortcut(QKeySequence.StandardKey.Redo, self, undo_stack.redo)
        self.view.selectionModel().selectionChanged.connect(self._enable)
        bus.changed.connect(self._on_data_changed)
        self.resize(980, 360)
        self.refresh()

    def _toggle_resolved(self, on: bool) -> None:
        self.model.include_resolved = on
        self.refresh()

    def _on_data_changed(self, payload: str) -> None:
        if engine.CONFLICTS in payload.split(","):
            self.refresh()

    def refresh(self) -> None:
        selected = self.current()
        self.model.reload()
        self.empty.setVisible(not self.model.rows)
        row = next((index for index, c in enumerate(self.model.rows) if selected and c.id == selected.id),
                   0 if self.model.rows else -1)
        if row >= 0:
            self.view.selectRow(row)
        self._enable()

    def current(self) -> engine.Conflict | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.rows[rows[0].row()] if rows and rows[0].row() < len(self.model.rows) else None

    def _enable(self, *_args) -> None:
        conflict = self.current()
        can = conflict is not None and conflict.open
        self.keep_button.setEnabled(can)
        self.take_button.setEnabled(can)

    def resolve(self, resolution: str) -> engine.Resolved | None:
        """Keep the value in force (``WON``) or take the other back (``LOST``) for the selected conflict."""
        conflict = self.current()
        if conflict is None or not conflict.open:
            return None
        caption = field_caption(conflict.table_name, conflict.field)
        text = (arg(self.tr("Keep the value of %1"), caption) if resolution == engine.WON
                else arg(self.tr("Take the other value of %1"), caption))
        return run_write(self.bus, self.undo_stack, text,
                         lambda: engine.resolve(self.db, conflict.id, resolution),
                         lambda done: engine.reopen(self.db, done),
                         parent=self, title=self.tr("Conflicts"))


class ConflictStatus(QPushButton):
    """「競合 2 件」 in the status bar while conflicts are open; a click lists them."""

    open_requested = Signal()

    def __init__(self, db: Database, bus: DataBus, parent=None):
        super().__init__(parent)
        self.setObjectName("teamConflictStatus")
        self.setFlat(True)
        self.setStyleSheet("QPushButton#teamConflictStatus { padding: 0 6px; color: #b3261e; }")
        self.setToolTip(self.tr("Click to see the conflicts and choose which value stands."))
        self.db = db
        self.clicked.connect(self.open_requested)
        bus.changed.connect(self._on_data_changed)
        self.refresh()

    def _on_data_changed(self, payload: str) -> None:
        if engine.CONFLICTS in payload.split(","):
            self.refresh()

    def refresh(self) -> None:
        try:
            count = engine.open_count(self.db)
        except sqlite3.ProgrammingError:  # the connection was closed (quitting, a restore): nothing to say
            count = 0
        self.setText(arg(self.tr("Conflicts: %1"), number(count)))
        self.setAccessibleName(self.text())
        self.setVisible(count > 0)


def open_conflicts(db: Database, bus: DataBus, undo_stack: QUndoStack | None, parent: QWidget | None) -> None:
    """The conflicts dialog, modal; what it wrote stays undoable from the window afterwards."""
    dialog = ConflictsDialog(db, bus, undo_stack, parent)
    dialog.exec()
    bus.changed.disconnect(dialog._on_data_changed)
    dialog.deleteLater()

