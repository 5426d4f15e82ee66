"""What the File menu of the main window does: import, export, back up, restore, add demo data, and
open the database's folder.

Mixed into ``MainWindow`` (``ui/main_window.py``), which builds the menu and owns the database, the
Targets page and the ``restore_requested`` signal these commands use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from models.accounts import targets as targets_query
from models.store import cipher
from models.store.errors import KakeruError
from models.store.lazy import lazy_import
from ui.errors import show_expected_error
from ui.i18n import arg
from ui.pages.targets import TargetsPage
from ui.settings import AppSettings
from ui.signals import DataBus

if TYPE_CHECKING:
    from sqlite_utils import Database

backups = lazy_import("models.store.backup")  # for the commands, none of which runs at start-up


class FileCommands:
    """The File menu's commands (a mixin of ``MainWindow``, a QMainWindow)."""

    # What the window provides.
    db: Database
    db_path: str
    settings: AppSettings
    bus: DataBus
    targets_page: TargetsPage


    def open_import_wizard(self, path: str | None = None) -> None:
        from ui.dialogs.import_wizard import ImportWizard

        self.show_page("targets")
        wizard = ImportWizard(self.db, self.bus, self.settings, self, path=path or None)
        self._back_up_before_import(wizard)
        wizard.exec()
        if wizard.imported_list_id is not None:
            self.targets_page.show_list(wizard.imported_list_id)

    def _back_up_before_import(self, wizard) -> None:
        """Back up once, when the wizard reaches its last step before importing (not on a cancel earlier)."""
        if self.db_path == ":memory:":
            return
        last_step = getattr(wizard, "list_page", None)
        done = []

        def maybe_back_up(_page_id: int = -1) -> None:
            if done or (last_step is not None and wizard.currentPage() is not last_step):
                return
            done.append(True)
            self.back_up("import")  # models.store.backup.backup_before(db, "import"), in a worker thread

        if last_step is None:  # an unknown wizard: back up before it opens rather than not at all
            maybe_back_up()
        else:
            wizard.currentIdChanged.connect(maybe_back_up)

    def back_up(self, reason: str | None = None) -> Path | None:
        """Take a backup (a manual one unless ``reason`` says otherwise) with a progress dialog; say
        where it went in the status bar."""
        from ui.dialogs.backup_restore import take_backup

        try:
            made = take_backup(self, self.db_path, reason or backups.MANUAL)
        except KakeruError as error:
            show_expected_error(error, self)
            return None
        if made is not None:
            self.statusBar().showMessage(arg(self.tr("Backup saved: %1"), str(made)), 15000)
        return made

    def back_up_now(self) -> Path | None:
        return self.back_up(backups.MANUAL)

    def restore_from_backup(self) -> None:
        """Choose a backup, confirm, then hand over to the app to close, restore and reopen."""
        from ui.dialogs.backup_restore import RestoreDialog

        dialog = RestoreDialog(self.db_path, self)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        answer = QMessageBox.question(self, self.tr("Restore from a backup"), arg(self.tr(
            "Replace the current database with %1?\n\nThe current database is kept as a backup first "
            "(listed as \"Before a restore\"). Anything entered after that backup will not be in "
            "the restored database. Kakeru closes this window and reopens on the restored file."),
            str(dialog.chosen)))
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(str(dialog.chosen))

    # -- encryption ---------------------------------------------------------------------------------
    def _encryption_actions(self) -> list:
        """File ▸ Encrypt…, Remove encryption…, Change passphrase…: the ones that apply are enabled."""
        encrypted = self.db_path != ":memory:" and cipher.looks_encrypted(self.db_path)
        self.encrypt_action = self._action("encryptAction", self.tr("E&ncrypt…"), None,
                                           lambda: self._ask_conversion("encrypt"))
        self.decrypt_action = self._action("decryptAction", self.tr("Remove encr&yption…"), None,
                                           lambda: self._ask_conversion("decrypt"))
        self.passphrase_action = self._action("passphraseAction", self.tr("Change the &passphrase…"), None,
                                              lambda: self._ask_conversion("change"))
        self.encrypt_action.setEnabled(not encrypted and self.db_path != ":memory:")
        self.decrypt_action.setEnabled(encrypted)
        self.passphrase_action.setEnabled(encrypted)
        return [self.encrypt_action, self.decrypt_action, self.passphrase_action]

    def _ask_conversion(self, kind: str) -> None:
        """Ask what the command needs, then hand over to the app to close, convert and reopen."""
        from ui.dialogs.encryption import EncryptionDialog

        dialog = EncryptionDialog(kind, self.db_path, self)
        if dialog.exec() == EncryptionDialog.DialogCode.Accepted and dialog.request is not None:
            self.conversion_requested.emit(dialog.request)

    def export_current_view(self) -> None:
        self.show_page("targets")
        self.targets_page.export_current_view()

    def add_demo_data(self) -> None:
        from ui.dialogs.first_run import fill_demo_data

        if targets_query.count_targets(self.db, targets_query.TargetFilter()) > 0:
            answer = QMessageBox.question(
                self, self.tr("Add demo data"),
                self.tr("The database already holds companies. Add 1,000 demo companies to it?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            fill_demo_data(self.db, self.bus, self, force=True)
        except KakeruError as error:  # e.g. a full disk: said plainly, and the app goes on
            show_expected_error(error, self)

    def open_db_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.db_path).resolve().parent)))
