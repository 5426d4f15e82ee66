"""Encryption in the GUI: the passphrase asked at start, the first run's choice, and File ▸ Encrypt… /
Remove encryption… / Change the passphrase… (close, convert behind a progress bar, reopen)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from models.accounts import companies
from models.store import cipher, keychain
from models.store.db import backup_dir, open_db
from models.store.encryption import encrypt_database
from ui.app import run_gui
from ui.dialogs.encryption import CHANGE, DECRYPT, ENCRYPT, ConversionRequest, EncryptionDialog
from ui.dialogs.first_run import FirstRunDialog, run_first_run
from ui.dialogs.passphrase import UnlockDialog, unlock_at_start
from ui.main_window import MainWindow

PASSPHRASE = "minato-mirai 21"
CUSTOMER = "株式会社画面暗号"


class MemoryKeyring:
    def __init__(self):
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service, account):
        return self.stored.get((service, account))

    def set_password(self, service, account, password):
        self.stored[(service, account)] = password

    def delete_password(self, service, account):
        del self.stored[(service, account)]


@pytest.fixture(autouse=True)
def memory_keychain(monkeypatch):
    """No test touches the machine's own keychain."""
    memory = MemoryKeyring()
    monkeypatch.setattr(keychain, "_keyring", lambda: memory)
    yield memory
    cipher.forget_all()


@pytest.fixture
def encrypted_path(db_path):
    db = open_db(db_path)
    companies.create_company(db, {"name": CUSTOMER})
    db.close()
    encrypt_database(db_path, PASSPHRASE)
    cipher.forget_all()  # as at a new start
    return db_path


def when_modal(kind, act):
    """Run ``act(dialog)`` once a modal dialog of ``kind`` shows."""
    def poll():
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind):
            act(modal)
        else:
            QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)


def test_a_wrong_passphrase_is_said_in_the_dialog_and_changes_nothing(qtbot, encrypted_path, check_names):
    before = encrypted_path.read_bytes()
    dialog = UnlockDialog(str(encrypted_path))
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []
    dialog.passphrase.setText("not the passphrase")
    dialog.open_button.click()
    assert dialog.result() == 0 and not dialog.error.isHidden()
    assert "does not open this database" in dialog.error.text()
    assert encrypted_path.read_bytes() == before and not cipher.is_unlocked(encrypted_path)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.open_button.click()
    assert dialog.result() == UnlockDialog.DialogCode.Accepted and cipher.is_unlocked(encrypted_path)


def test_the_keychain_opens_it_without_asking_and_a_stale_one_asks(qtbot, encrypted_path, memory_keychain):
    keychain.remember(encrypted_path, PASSPHRASE)
    assert unlock_at_start(str(encrypted_path)) is True
    cipher.forget_all()
    keychain.remember(encrypted_path, "an older passphrase")
    remembered = dict(memory_keychain.stored)
    notes = []

    def type_it(dialog):
        notes.append(dialog.error.text())
        dialog.passphrase.setText(PASSPHRASE)
        dialog.remember.setChecked(True)
        dialog.open_button.click()

    when_modal(UnlockDialog, type_it)
    assert unlock_at_start(str(encrypted_path)) is True
    assert "keychain does not open" in notes[0]
    assert memory_keychain.stored != remembered  # saved again, as asked
    assert keychain.recall_key(encrypted_path) == cipher.key_for(encrypted_path)


def test_run_gui_asks_for_the_passphrase_then_opens_the_window(qtbot, encrypted_path, monkeypatch, settings,
                                                               answer):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    settings.set_first_run_done(True)
    settings.sync()
    seen = []

    def type_it(dialog):
        dialog.passphrase.setText(PASSPHRASE)
        dialog.open_button.click()

    def close_window():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(50, close_window)
            return
        seen.append(windows[0].targets_page.model.total())
        seen.append(windows[0].decrypt_action.isEnabled() and not windows[0].encrypt_action.isEnabled())
        windows[0].close()

    when_modal(UnlockDialog, type_it)
    QTimer.singleShot(0, close_window)
    assert run_gui(str(encrypted_path), ["kakeru"]) == 0
    assert seen == [1, True]


def test_cancelling_the_passphrase_closes_without_opening(qtbot, encrypted_path, monkeypatch, answer):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    before = encrypted_path.read_bytes()
    when_modal(UnlockDialog, lambda dialog: dialog.reject())
    assert run_gui(str(encrypted_path), ["kakeru"]) == 0
    assert encrypted_path.read_bytes() == before


def test_first_run_offers_encryption_and_checks_the_passphrase(qtbot, check_names):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert check_names(dialog) == []
    assert dialog.passphrase_fields.isHidden() and dialog.encryption_passphrase() is None
    dialog.encrypt.setChecked(True)
    assert not dialog.passphrase_fields.isHidden()
    dialog.passphrase_fields.passphrase.setText(PASSPHRASE)
    dialog.passphrase_fields.confirmation.setText(PASSPHRASE + "?")
    dialog.empty_button.click()
    assert dialog.result() == 0 and "do not match" not in dialog.encrypt_error.text()  # said in Japanese
    assert not dialog.encrypt_error.isHidden()
    dialog.passphrase_fields.confirmation.setText(PASSPHRASE)
    dialog.passphrase_fields.remember.setChecked(True)
    dialog.empty_button.click()
    assert dialog.choice == "empty" and dialog.encryption_passphrase() == PASSPHRASE
    assert dialog.remember_passphrase()


def test_first_run_with_encryption_hands_the_conversion_to_the_app(qtbot, empty_db, db_path, settings,
                                                                   answer):
    window = MainWindow(empty_db, str(db_path), settings)
    qtbot.addWidget(window)
    requests = []
    window.conversion_requested.connect(requests.append)

    def choose(dialog):
        dialog.encrypt.setChecked(True)
        dialog.passphrase_fields.passphrase.setText(PASSPHRASE)
        dialog.passphrase_fields.confirmation.setText(PASSPHRASE)
        dialog.empty_button.click()

    when_modal(FirstRunDialog, choose)
    assert run_first_run(window) == "empty"
    assert [(r.kind, r.passphrase, r.remember) for r in requests] == [(ENCRYPT, PASSPHRASE, False)]
    assert PASSPHRASE not in repr(requests[0])


def test_first_run_encrypts_the_new_database_then_goes_on(qtbot, db_path, monkeypatch, answer,
                                                          memory_keychain):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    seen = []

    def choose(dialog):
        dialog.encrypt.setChecked(True)
        dialog.passphrase_fields.passphrase.setText(PASSPHRASE)
        dialog.passphrase_fields.confirmation.setText(PASSPHRASE)
        dialog.passphrase_fields.remember.setChecked(True)
        dialog.import_button.click()

    def close_when_encrypted():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.objectName() == "importWizard":  # the start chosen, on the new window
            seen.append(cipher.looks_encrypted(db_path))
            modal.reject()
            QTimer.singleShot(50, close_when_encrypted)
            return
        if seen and windows:
            windows[0].close()
            return
        QTimer.singleShot(50, close_when_encrypted)

    when_modal(FirstRunDialog, choose)
    QTimer.singleShot(0, close_when_encrypted)
    assert run_gui(str(db_path), ["kakeru"]) == 0
    assert seen == [True]
    assert list(memory_keychain.stored) == [("Kakeru", str(db_path.resolve()))]
    cipher.forget_all()
    assert unlock_at_start(str(db_path))  # from the keychain


def test_encryption_dialog_asks_the_current_passphrase_before_removing_it(qtbot, encrypted_path, check_names):
    cipher.unlock(encrypted_path, PASSPHRASE)
    dialog = EncryptionDialog(DECRYPT, str(encrypted_path))
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []
    dialog.current.setText("a guess at it")
    dialog.accept()
    assert dialog.request is None and not dialog.error.isHidden()
    dialog.current.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.request == ConversionRequest(DECRYPT, "", False)


def test_file_menu_encrypts_changes_and_removes_through_the_app(qtbot, db_path, monkeypatch, settings, answer,
                                                                memory_keychain):
    """The app closes the window, converts the file behind a progress bar and opens a new window."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    settings.set_first_run_done(True)
    settings.sync()
    db = open_db(db_path)
    companies.create_company(db, {"name": CUSTOMER})
    db.close()
    steps = [ConversionRequest(ENCRYPT, PASSPHRASE, remember=True),
             ConversionRequest(CHANGE, "the next passphrase", remember=False),
             ConversionRequest(DECRYPT)]
    seen = []

    def drive():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(50, drive)
            return
        window = windows[0]
        seen.append((cipher.looks_encrypted(db_path), window.targets_page.model.total(),
                     window.encrypt_action.isEnabled(), dict(memory_keychain.stored)))
        if steps:
            window.conversion_requested.emit(steps.pop(0))
            QTimer.singleShot(50, drive)
        else:
            window.close()

    QTimer.singleShot(0, drive)
    assert run_gui(str(db_path), ["kakeru"]) == 0
    assert [call for call in answer.calls if call[0] != "information"] == []
    assert [entry[:3] for entry in seen] == [
        (False, 1, True), (True, 1, False), (True, 1, False), (False, 1, True)]
    # Remembered when asked; not asked to remember the new one: the old one is not left behind.
    assert [len(entry[3]) for entry in seen] == [0, 1, 0, 0]
    messages = [text for kind, _title, text in answer.calls if kind == "information"]
    assert [reason in message for reason, message in zip(
        ("before-encrypt", "before-passphrase", "before-decrypt"), messages, strict=True)] == [True] * 3
    assert len(list(backup_dir(db_path).glob("*-before-*.db"))) == 3


def test_japanese_texts(qtbot, japanese, encrypted_path):
    dialog = UnlockDialog(str(encrypted_path))
    qtbot.addWidget(dialog)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "パスフレーズ" in labels and "暗号化されています" in labels
    first = FirstRunDialog()
    qtbot.addWidget(first)
    assert "暗号化" in first.encrypt.text() and "キーチェーン" in first.passphrase_fields.remember.text()
