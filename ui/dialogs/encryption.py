"""The File menu's encryption commands: encrypt the database, remove the encryption, change the passphrase.

``EncryptionDialog`` asks what the command needs (the new passphrase twice and whether to save it in the
keychain; the current one before removing or changing it) and makes a ``ConversionRequest``. The window
hands it to ``ui.app.AppController``, which closes the window and the database, runs ``run_conversion``
(``models.store.encryption`` in a worker thread, behind a progress bar: a large file takes a while) and
opens a new window on the result; ``after_conversion`` then keeps the keychain in step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QProgressDialog, QVBoxLayout, QWidget

from models.store import cipher, keychain
from models.store.encryption import Conversion, change_passphrase, decrypt_database, encrypt_database
from models.store.errors import ValidationError
from ui.dialogs.passphrase import NewPassphraseFields, passphrase_edit, refuse, save_in_keychain
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg
from ui.naming import named

ENCRYPT, DECRYPT, CHANGE = "encrypt", "decrypt", "change"


@dataclass(frozen=True)
class ConversionRequest:
    """What to do to the database file, with the passphrases it needs (held in memory only).

    ``then`` runs with the new window once the database is open again (the first run's next step).
    """

    kind: str
    passphrase: str = ""  # the new one (encrypt, change)
    remember: bool = False
    then: Callable[[Any], object] | None = None

    def __repr__(self) -> str:  # never a passphrase in a log or a crash report
        return f"ConversionRequest({self.kind!r})"


class EncryptionDialog(QDialog):
    """Asks for what ``kind`` needs; after ``exec()``, ``request`` is the conversion to run (or None)."""

    def __init__(self, kind: str, db_path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("encryptionDialog")
        self.kind = kind
        self.db_path = db_path
        self.request: ConversionRequest | None = None
        titles = {ENCRYPT: self.tr("Encrypt the database"), DECRYPT: self.tr("Remove the encryption"),
                  CHANGE: self.tr("Change the passphrase")}
        self.setWindowTitle(titles[kind])
        self.setAccessibleName(titles[kind])
        texts = {
            ENCRYPT: self.tr(
                "Kakeru encrypts the database and every backup of it with a passphrase, so a lost or stolen "
                "laptop shows nothing of your customers. The passphrase is asked when Kakeru starts, unless "
                "you save it in the keychain. If you forget it, neither the database nor its backups can be "
                "opened again: keep it somewhere safe."),
            DECRYPT: self.tr(
                "Kakeru stores the database and its backups unencrypted again: anyone with the file can then "
                "read it. Enter the current passphrase to confirm."),
            CHANGE: self.tr(
                "Kakeru encrypts the database and its backups with the new passphrase; the old one opens "
                "none of them afterwards."),
        }
        intro = named(QLabel(texts[kind] + " " + self.tr(
            "Kakeru closes the window, backs the database up first, converts it and opens it again.")),
            "encryptionIntro", self.tr("About encryption"))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.current = None
        if kind in (DECRYPT, CHANGE):
            self.current = passphrase_edit("encryptionCurrent", self.tr("Current passphrase"))
            form = QFormLayout()
            form.addRow(self.tr("C&urrent passphrase"), self.current)
            layout.addLayout(form)
        self.fields = NewPassphraseFields("encryption") if kind in (ENCRYPT, CHANGE) else None
        if self.fields is not None:
            layout.addWidget(self.fields)
        self.error = error_label("encryptionError", self.tr("Error"))
        layout.addWidget(self.error)
        ok_texts = {ENCRYPT: self.tr("&Encrypt"), DECRYPT: self.tr("&Remove the encryption"),
                    CHANGE: self.tr("&Change the passphrase")}
        buttons, _ok = save_cancel("encryptionButtons", ("encryptionOkButton", titles[kind]),
                                   "encryptionCancelButton", self.accept, self.reject, ok_text=ok_texts[kind])
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        (self.current or (self.fields.passphrase if self.fields else self)).setFocus()

    def accept(self) -> None:
        try:
            if self.current is not None:
                self._check_current(self.current.text())
            new = self.fields.checked() if self.fields is not None else ""
        except ValidationError as error:
            refuse(error, self.error)
            return
        remember = self.fields.remember.isChecked() if self.fields is not None else False
        self.request = ConversionRequest(self.kind, new, remember)
        super().accept()

    def _check_current(self, passphrase: str) -> None:
        salt = cipher.file_salt(self.db_path)
        if salt is None or not cipher.key_opens(self.db_path, cipher.derive_key(passphrase, salt)):
            raise ValidationError(self.tr("That is not the current passphrase. Nothing was changed."))


def run_conversion(parent: QWidget | None, db_path: str, request: ConversionRequest) -> Conversion:
    """Run ``request`` on the (closed) database at ``db_path`` in a worker thread behind a progress bar.

    Raises:
        KakeruError: from ``models.store.encryption``; the database is then as it was.
    """
    translate = QCoreApplication.translate
    labels = {
        ENCRYPT: translate("Encryption", "Encrypting the database and its backups…"),
        DECRYPT: translate("Encryption", "Removing the encryption of the database and its backups…"),
        CHANGE: translate("Encryption", "Encrypting the database and its backups with the new passphrase…"),
    }
    state: dict[str, Any] = {"done": 0, "total": 1}

    def progress(done: int, total: int) -> None:
        state["done"], state["total"] = done, total  # read by the GUI thread below

    def work() -> Conversion:
        if request.kind == ENCRYPT:
            return encrypt_database(db_path, request.passphrase, progress=progress)
        if request.kind == DECRYPT:
            return decrypt_database(db_path, progress=progress)
        return change_passphrase(db_path, request.passphrase, progress=progress)

    dialog = QProgressDialog(labels[request.kind], None, 0, 1000, parent)
    dialog.setObjectName("encryptionProgress")
    title = QCoreApplication.translate("Encryption", "Encryption")
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(420)
    dialog.setValue(0)
    dialog.show()
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # re-raised below, in the GUI thread
            outcome["error"] = error

    thread = threading.Thread(target=target, name="kakeru-encryption", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            dialog.setValue(int(1000 * state["done"] / max(state["total"], 1)))
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            thread.join(0.05)
    finally:
        dialog.close()
        dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def after_conversion(db_path: str, request: ConversionRequest, done: Conversion,
                     parent: QWidget | None) -> str:
    """Keep the keychain in step with the file and return the sentence that tells the person what was done."""
    if request.kind == DECRYPT or not request.remember:
        keychain.forget(db_path)  # a stale or unwanted passphrase is not left behind
    saved = request.kind != DECRYPT and request.remember and save_in_keychain(db_path, parent)
    translate = QCoreApplication.translate
    done_texts = {ENCRYPT: translate("Encryption", "The database %1 is now encrypted."),
                  DECRYPT: translate("Encryption", "The database %1 is no longer encrypted."),
                  CHANGE: translate("Encryption", "The passphrase of the database %1 was changed.")}
    message = arg(done_texts[request.kind], db_path) + "\n\n" + done.summary_ja()
    if saved:
        message += "\n\n" + translate(
            "Encryption", "The passphrase is saved in the keychain; Kakeru opens without asking.")
    elif request.kind != DECRYPT:
        message += "\n\n" + translate("Encryption", "The passphrase is asked each time Kakeru starts.")
    return message

