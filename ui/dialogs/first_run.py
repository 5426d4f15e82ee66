"""The first run: what Kakeru is, who is calling, whether to encrypt the database, and three ways to start
(demo data, a list, empty)."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.accounts import targets as targets_query
from models.store.changes import ACCOUNT_DATA
from models.store.errors import ValidationError
from models.store.settings import caller_name
from ui.dialogs.caller_name import name_edit, save_name
from ui.dialogs.passphrase import NewPassphraseFields, refuse
from ui.dialogs.progress import ProgressCallback
from ui.form_parts import error_label
from ui.settings import AppSettings
from ui.signals import DataBus

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ui.main_window import MainWindow

DEMO_COMPANIES = 1000


class FirstRunDialog(QDialog):
    """Explains Kakeru in a few sentences, asks the caller's name and offers: demo data, import a list,
    start empty.

    After ``exec()``, ``choice`` is "demo", "import" or "empty" and ``caller_name()`` the name typed.
    """

    def __init__(self, parent: QWidget | None = None, caller: str = "", *, encryptable: bool = True):
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Welcome to Kakeru"))
        self.setAccessibleName(self.tr("Welcome to Kakeru"))
        self.choice = "empty"

        title = QLabel(self.tr("Welcome to Kakeru"))
        title.setObjectName("firstRunTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr(
            "Kakeru is a desk for inside-sales callers: it keeps your target lists in order of "
            "priority, records every call in a keystroke, and plans the next touch with a reason. "
            "Everything stays on this computer, and it works offline. How would you like to start?"
        ))
        intro.setObjectName("firstRunIntro")
        intro.setWordWrap(True)
        # Asked first but not required: the name can be given (or changed) later from the Edit menu.
        self.name = name_edit("firstRunCallerName", caller)
        self.name.installEventFilter(self)
        name_label = QLabel(self.tr("Your &name (caller)"))
        name_label.setBuddy(self.name)
        name_hint = QLabel(self.tr(
            "Recorded with every call, plan and meeting you log, and printed as 担当IS on briefing sheets. "
            "You can leave it empty and give it later under Edit → Caller name…"))
        name_hint.setObjectName("firstRunCallerHint")
        name_hint.setWordWrap(True)
        name_row = QHBoxLayout()
        name_row.addWidget(name_label)
        name_row.addWidget(self.name, 1)

        self.demo_button = self._button("firstRunDemoButton", self.tr("Try it with demo data"),
                                        self.tr("Adds 1,000 fictitious companies with contacts, calls "
                                                "and plans so you can look around."), "demo")
        self.import_button = self._button("firstRunImportButton", self.tr("Import a list"),
                                          self.tr("Reads a CSV, TSV or Excel file of companies."), "import")
        self.empty_button = self._button("firstRunEmptyButton", self.tr("Start empty"),
                                         self.tr("You can import or add demo data later from the File "
                                                 "menu."), "empty")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(name_row)
        layout.addWidget(name_hint)
        layout.addSpacing(4)
        self._add_encryption(layout, encryptable)
        layout.addSpacing(8)
        for button in (self.demo_button, self.import_button, self.empty_button):
            layout.addWidget(button)
        fields = self.passphrase_fields
        chain = [self.name, self.encrypt, fields.passphrase, fields.confirmation, fields.remember,
                 self.demo_button, self.import_button, self.empty_button]
        for before, after in pairwise(chain):  # top to bottom, as laid out
            QWidget.setTabOrder(before, after)
        self.demo_button.setDefault(True)
        (self.demo_button if caller else self.name).setFocus()
        self.setMinimumWidth(600)

    def caller_name(self) -> str:
        """The name typed, its spaces collapsed ("" when left empty)."""
        return " ".join(self.name.text().split())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Return after typing the name moves on to the choices instead of pressing the default one.
        if watched is self.name and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.demo_button.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _button(self, name: str, text: str, detail: str, choice: str) -> QPushButton:
        button = QPushButton(f"{text}\n{detail}")
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAccessibleDescription(detail)
        button.setMinimumHeight(56)
        # A push button never wraps its text: make it wide enough for the longer line.
        widest = max(button.fontMetrics().horizontalAdvance(line) for line in (text, detail))
        button.setMinimumWidth(widest + 48)
        button.setStyleSheet("text-align: left; padding: 6px 12px;")
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _add_encryption(self, layout: QVBoxLayout, encryptable: bool) -> None:
        """暗号化する: a passphrase (twice) and the keychain, shown once ticked; checked before starting."""
        self.encrypt = QCheckBox(self.tr("&Encrypt the database with a passphrase"))
        self.encrypt.setObjectName("firstRunEncrypt")
        self.encrypt.setAccessibleName(self.tr("Encrypt the database"))
        self.encrypt.setEnabled(encryptable)
        hint = QLabel(self.tr(
            "Recommended on a laptop: a lost or stolen computer then shows nothing of your customers. "
            "The passphrase is asked when Kakeru starts, unless you save it in the keychain; if it is "
            "forgotten, the data cannot be opened again. You can also encrypt later from the File menu."))
        hint.setObjectName("firstRunEncryptHint")
        hint.setWordWrap(True)
        self.passphrase_fields = NewPassphraseFields("firstRun")
        self.passphrase_fields.setVisible(False)
        self.encrypt.toggled.connect(self.passphrase_fields.setVisible)
        self.encrypt.toggled.connect(lambda on: on and self.passphrase_fields.passphrase.setFocus())
        self.encrypt_error = error_label("firstRunEncryptError", self.tr("Error"))
        for widget in (self.encrypt, hint, self.passphrase_fields, self.encrypt_error):
            layout.addWidget(widget)

    def encryption_passphrase(self) -> str | None:
        """The passphrase to encrypt the database with, or None when it is to stay unencrypted."""
        return self.passphrase_fields.passphrase.text() if self.encrypt.isChecked() else None

    def remember_passphrase(self) -> bool:
        return self.encrypt.isChecked() and self.passphrase_fields.remember.isChecked()

    def _choose(self, choice: str) -> None:
        if self.encrypt.isChecked():
            try:
                self.passphrase_fields.checked()
            except ValidationError as error:
                refuse(error, self.encrypt_error)
                self.passphrase_fields.passphrase.setFocus()
                return
        self.choice = choice
        self.accept()


def needs_first_run(db: Database, settings: AppSettings) -> bool:
    """The first-run dialog is offered once, and only on a database without companies."""
    if settings.first_run_done():
        return False
    return targets_query.count_targets(db, targets_query.TargetFilter()) == 0


def fill_demo_data(db: Database, bus: DataBus, parent: QWidget | None, force: bool = False) -> None:
    """Generate the demo companies with a progress dialog, then tell every view."""
    progress = ProgressCallback(
        parent,
        QCoreApplication.translate("FirstRun", "Demo data"),
        QCoreApplication.translate("FirstRun", "Creating demo companies…"),
        cancellable=False,
    )
    try:
        from models.demo import (
            builder as demo,  # imported here: the demo generator is large and rarely needed
        )

        demo.generate_demo(db, companies=DEMO_COMPANIES, progress=progress, force=force)
    finally:
        progress.close()
        bus.notify(ACCOUNT_DATA)  # what was written, even when it stopped half-way


def run_first_run(window: MainWindow) -> str:
    """Show the first-run dialog over ``window``, store the caller's name and act on the choice; returns
    the choice."""
    dialog = FirstRunDialog(window, caller_name(window.db), encryptable=window.db_path != ":memory:")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exec()
    window.settings.set_first_run_done(True)
    window.settings.sync()
    save_name(window.db, window.bus, dialog.caller_name(), window)
    choice, passphrase = dialog.choice, dialog.encryption_passphrase()
    if passphrase is not None:
        from ui.dialogs.encryption import ENCRYPT, ConversionRequest

        # The app closes the window, encrypts the (still empty) file and opens a new window, where the
        # chosen start follows.
        window.conversion_requested.emit(ConversionRequest(
            ENCRYPT, passphrase, dialog.remember_passphrase(), then=lambda new: start(new, choice)))
        return choice
    start(window, choice)
    return choice


def start(window: MainWindow, choice: str) -> None:
    """The start chosen on the first run: demo data, the import wizard, or nothing."""
    if choice == "demo":
        fill_demo_data(window.db, window.bus, window)
    elif choice == "import":
        window.open_import_wizard()
