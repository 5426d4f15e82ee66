"""Who is calling (担当者名): the database's ``caller_name`` setting, asked on the first run and changed here.

Every touch, plan and meeting records the name as it is when they are made; briefing sheets print it as
担当IS. Changing it later does not rewrite what was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.store.errors import KakeruError
from models.store.settings import caller_name, set_caller_name
from ui.form_parts import error_label, save_cancel
from ui.naming import named as _named
from ui.operations import run_write
from ui.signals import DataBus

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_LENGTH = 60


def name_edit(name: str, current: str = "") -> QLineEdit:
    """The field a person types their name in, named ``name``, holding ``current``."""
    edit = _named(QLineEdit(current), name, QCoreApplication.translate("CallerName", "Your name (caller)"))
    edit.setMaxLength(MAX_LENGTH)
    edit.setPlaceholderText(QCoreApplication.translate("CallerName", "e.g. 高橋 由美"))
    edit.setClearButtonEnabled(True)
    return edit


def what_it_is_for() -> str:
    """The sentence under the field: where the name goes."""
    return QCoreApplication.translate(
        "CallerName",
        "Recorded with every call, plan and meeting you log, and printed as 担当IS on briefing sheets.")


def save_name(db: Database, bus: DataBus, name: str, parent: QWidget | None = None,
              on_error: Callable[[KakeruError], None] | None = None) -> bool:
    """Store ``name`` as the caller's name (a settings write, not undone); False when it was refused."""
    if " ".join(name.split()) == caller_name(db):
        return True
    text = QCoreApplication.translate("CallerName", "Change the caller's name")
    done = run_write(bus, None, text, lambda: set_caller_name(db, name), parent=parent, on_error=on_error)
    return done is not None


class CallerNameDialog(QDialog):
    """Edit → Caller name…: ``saved`` is True after Save stored another name."""

    def __init__(self, db: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("callerNameDialog")
        title = self.tr("Caller name")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.db = db
        self.bus = bus
        self.saved = False

        self.name = name_edit("callerNameEdit", caller_name(db))
        self.name.selectAll()
        intro = _named(QLabel(what_it_is_for() + "\n" + self.tr(
            "Changing it applies from now on: what was already recorded keeps the name it was recorded "
            "with.")), "callerNameIntro", self.tr("About the caller's name"))
        intro.setWordWrap(True)
        self.error = error_label("callerNameError", self.tr("Error"))
        label = QLabel(self.tr("Your &name (caller)"))
        label.setBuddy(self.name)
        form = QFormLayout()
        form.addRow(label, self.name)
        buttons, _save = save_cancel("callerNameButtons", ("callerNameSaveButton", self.tr("Save the name")),
                                     "callerNameCancelButton", self.accept, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(intro)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)
        self.name.setFocus()

    def _refused(self, error: KakeruError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def accept(self) -> None:
        before = caller_name(self.db)
        if save_name(self.db, self.bus, self.name.text(), self, self._refused):
            self.saved = caller_name(self.db) != before
            super().accept()
