"""Backing up and restoring from the File menu: a backup taken in a worker thread behind a progress
dialog, and the dialog that picks a backup (from the backups folder or any file) and validates it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEventLoop,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.store import backup as backups
from models.store.db import open_db
from ui.dialogs.progress import ProgressCallback
from ui.settings import documents_dir

CONTEXT = "BackupRestore"

# The reason in a backup's file name, as a person reads it.
REASONS = {
    backups.DAILY: QT_TRANSLATE_NOOP("BackupRestore", "Daily (automatic)"),
    backups.MANUAL: QT_TRANSLATE_NOOP("BackupRestore", "Manual (Back up now)"),
    "before-import": QT_TRANSLATE_NOOP("BackupRestore", "Before an import"),
    backups.BEFORE_RESTORE: QT_TRANSLATE_NOOP("BackupRestore", "Before a restore"),
    "before-encrypt": QT_TRANSLATE_NOOP("BackupRestore", "Before encrypting"),
    "before-decrypt": QT_TRANSLATE_NOOP("BackupRestore", "Before removing the encryption"),
    "before-passphrase": QT_TRANSLATE_NOOP("BackupRestore", "Before changing the passphrase"),
}
MIGRATION_REASON = QT_TRANSLATE_NOOP("BackupRestore", "Before an upgrade")


# One backup at a time: each backup first removes the unfinished files of an interrupted one, which
# would be the file of a backup running in another thread (the day's, or Back up now).
backup_lock = threading.Lock()


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def reason_label(reason: str) -> str:
    if reason in REASONS:
        return _t(REASONS[reason])
    if reason.startswith("before-v"):
        return _t(MIGRATION_REASON)
    return reason


def run_in_thread(parent: QWidget | None, title: str, label: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` in a worker thread behind a busy progress dialog; return its result or raise its error.

    The window keeps painting meanwhile; ``work`` must not touch Qt or the GUI thread's connection.
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # re-raised below, in the GUI thread
            outcome["error"] = error

    progress = ProgressCallback(parent, title, label, cancellable=False)
    thread = threading.Thread(target=target, name="kakeru-backup", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            thread.join(0.02)
    finally:
        progress.close()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def take_backup(parent: QWidget | None, db_path: str, reason: str = backups.MANUAL) -> Path | None:
    """Back the database at ``db_path`` up (reason ``manual`` or ``before-…``) with a progress dialog.

    Raises:
        BackupFailed: the file could not be written (the database is unchanged).
    """

    def work() -> Path | None:
        with backup_lock:
            db = open_db(db_path)  # the worker's own connection: sqlite3 objects stay in their thread
            try:
                if reason == backups.MANUAL:
                    return backups.backup_now(db, reason)
                return backups.backup_before(db, reason)
            finally:
                db.close()

    return run_in_thread(parent, QCoreApplication.translate("BackupRestore", "Backup"),
                         QCoreApplication.translate("BackupRestore", "Backing up the database…"), work)


class BackupTableModel(QAbstractTableModel):
    """The backups of one database, newest first: when, why, size."""

    TAKEN_AT, REASON, SIZE, FILE = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("BackupRestore", "Taken"),
        QT_TRANSLATE_NOOP("BackupRestore", "Kind"),
        QT_TRANSLATE_NOOP("BackupRestore", "Size"),
        QT_TRANSLATE_NOOP("BackupRestore", "File"),
    )

    def __init__(self, items: list[backups.BackupInfo], parent=None):
        super().__init__(parent)
        self.items = list(items)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return _t(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        info = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TAKEN_AT:
                return info.taken_at.strftime("%Y-%m-%d %H:%M:%S")
            if column == self.REASON:
                return reason_label(info.reason)
            if column == self.SIZE:
                return f"{info.size / 1_000_000:,.1f} MB"
            if column == self.FILE:
                return info.path.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return str(info.path)
        return None


class RestoreDialog(QDialog):
    """Pick a backup of ``db_path`` (or any file), see whether it is usable, and choose Restore.

    After ``exec()`` returns Accepted, ``chosen`` is the validated file.
    """

    def __init__(self, db_path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.setAccessibleName(self.tr("Restore from a backup"))
        self.db_path = db_path
        self.chosen: Path | None = None

        intro = QLabel(self.tr(
            "Choose the backup to go back to. The current database is first kept as a backup itself, "
            "then Kakeru reopens on the restored file."))
        intro.setObjectName("restoreIntro")
        intro.setWordWrap(True)
        self.model = BackupTableModel(backups.list_backups(db_path), self)
        self.table = QTableView()
        self.table.setObjectName("backupTable")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.table.doubleClicked.connect(lambda _index: self._accept_if_valid())
        self.empty_label = QLabel(self.tr("There are no backups in the backups folder yet."))
        self.empty_label.setObjectName("noBackupsLabel")
        self.empty_label.setVisible(self.model.rowCount() == 0)

        self.file_button = QPushButton(self.tr("Choose a &file…"))
        self.file_button.setObjectName("restoreFileButton")
        self.file_button.setAccessibleName(self.tr("Choose a file"))
        self.file_button.clicked.connect(self._choose_file)
        self.verdict = QLabel()
        self.verdict.setObjectName("restoreVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("restoreButtons")
        self.restore_button = self.buttons.addButton(self.tr("&Restore"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleName(self.tr("Restore"))
        self.restore_button.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("restoreCancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.file_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)
        self.resize(720, 460)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.choose(Path(self.model.data(current, Qt.ItemDataRole.UserRole)))

    def _choose_file(self) -> None:
        folder = backups.backup_dir(self.db_path)  # not there before the first backup
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Restore from a file"), str(folder) if folder.is_dir() else documents_dir(),
            self.tr("Kakeru databases (*.db);;All files (*)"))
        if path:
            self.table.clearSelection()
            self.choose(Path(path))

    def choose(self, path: Path) -> bool:
        """Validate ``path`` and show the verdict; Restore is enabled only for a usable file."""
        verdict = backups.validate_backup(path)
        self.chosen = path if verdict.ok else None
        self.verdict.setText(f"{path}\n{verdict.message_ja}")
        self.verdict.setStyleSheet("" if verdict.ok else "color: #b3261e;")
        self.restore_button.setEnabled(verdict.ok)
        return verdict.ok

    def _accept_if_valid(self) -> None:
        if self.chosen is not None:
            self.accept()
