"""Passphrases in the GUI: asking for an encrypted database's at start, and the fields that choose a new one.

An encrypted database opens with the passphrase remembered in the OS keychain, else with the one typed
in ``UnlockDialog``; a wrong one is said in the dialog, which stays open, and the file is not changed.
``NewPassphraseFields`` (a passphrase, its confirmation and "Save in the keychain") serve the first-run
dialog and the File menu's encryption commands (``ui.dialogs.encryption``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from models.store import cipher, keychain
from models.store.encryption import check_passphrase
from models.store.errors import KakeruError, ValidationError, WrongPassphrase
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg
from ui.naming import named


def passphrase_edit(name: str, accessible: str) -> QLineEdit:
    """A line edit that shows dots for what is typed."""
    edit = named(QLineEdit(), name, accessible)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(280)
    return edit


def remember_box(name: str) -> QCheckBox:
    box = named(QCheckBox(QCoreApplication.translate("Passphrase", "Save in the &keychain")), name,
                QCoreApplication.translate("Passphrase", "Save the passphrase in the keychain"))
    box.setToolTip(QCoreApplication.translate(
        "Passphrase", "The operating system's password store (Keychain, Credential Manager, Secret Service) "
        "keeps it, and Kakeru opens without asking. Without it, the passphrase is asked at every start."))
    return box


class NewPassphraseFields(QWidget):
    """A new passphrase, typed twice, and whether to save it in the keychain."""

    def __init__(self, prefix: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{prefix}Fields")
        self.passphrase = passphrase_edit(f"{prefix}Passphrase", self.tr("New passphrase"))
        self.confirmation = passphrase_edit(f"{prefix}Confirmation", self.tr("The passphrase again"))
        self.remember = remember_box(f"{prefix}Remember")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("New &passphrase"), self.passphrase)
        form.addRow(self.tr("&Again, to confirm"), self.confirmation)
        form.addRow("", self.remember)

    def checked(self) -> str:
        """The passphrase when both fields agree and it is long enough.

        Raises:
            ValidationError: with the sentence to show.
        """
        check_passphrase(self.passphrase.text(), self.confirmation.text())
        return self.passphrase.text()


class UnlockDialog(QDialog):
    """Asks for an encrypted database's passphrase and checks it; accepted only once it opens the file."""

    def __init__(self, db_path: str, parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        title = self.tr("Encrypted database")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.db_path = db_path
        intro = named(QLabel(arg(self.tr(
            "The database %1 is encrypted. Enter its passphrase to open it."), db_path)),
            "unlockIntro", self.tr("About the passphrase"))
        intro.setWordWrap(True)
        self.passphrase = passphrase_edit("unlockPassphrase", self.tr("Passphrase"))
        self.remember = remember_box("unlockRemember")
        self.error = error_label("unlockError", self.tr("Error"), hidden=not note)
        self.error.setText(note)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase"), self.passphrase)
        form.addRow("", self.remember)
        buttons, self.open_button = save_cancel(
            "unlockButtons", ("unlockOpenButton", self.tr("Open the database")), "unlockCancelButton",
            self.accept, self.reject, ok_text=self.tr("&Open"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.passphrase.setFocus()

    def accept(self) -> None:
        try:
            cipher.unlock(self.db_path, self.passphrase.text())
        except WrongPassphrase:
            self.error.setText(self.tr(
                "That passphrase does not open this database. Check it (and the keyboard's input mode and "
                "Caps Lock) and enter it again. Nothing was changed."))
            self.error.show()
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        if self.remember.isChecked():
            save_in_keychain(self.db_path, self)
        super().accept()


def save_in_keychain(db_path: str, parent: QWidget | None) -> bool:
    """Remember the (unlocked) database's key in the keychain; without one, say that it was stored nowhere."""
    key = cipher.key_for(db_path)
    if key is None:
        return False
    try:
        keychain.remember_key(db_path, key)
    except KakeruError as error:
        QMessageBox.warning(parent, QCoreApplication.translate("Passphrase", "Keychain"), str(error))
        return False
    return True


def unlock_at_start(db_path: str, parent: QWidget | None = None) -> bool:
    """Hold the key of the encrypted database at ``db_path``: from the keychain, else asked. False when the
    person cancelled (the app then closes without opening the file)."""
    remembered = keychain.recall_key(db_path)  # the key itself: no derivation at each start
    note = ""
    if remembered is not None:
        if remembered.salt == cipher.file_salt(db_path) and cipher.key_opens(db_path, remembered):
            cipher.remember(remembered)
            return True
        note = QCoreApplication.translate(
            "Passphrase", "The passphrase saved in the keychain does not open this database (it may have "
            "been changed). Enter the current one.")
    dialog = UnlockDialog(db_path, parent, note)
    return dialog.exec() == QDialog.DialogCode.Accepted


def refuse(error: ValidationError, label: QLabel) -> None:
    label.setText(str(error))
    label.show()
