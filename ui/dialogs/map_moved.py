"""Mark a person as moved (異動) or left (退職): the date, and the successor when known."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models.accounts.entities import Contact
from models.accounts.vocab import EMPLOYMENT
from models.store.errors import KakeruError
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg, label


class MapMovedDialog(QDialog):
    """``write(kind, date, successor id or None)`` saves; a KakeruError is shown and the dialog stays."""

    def __init__(self, contact: Contact, others: list[Contact], today: date,
                 write: Callable[[str, str, int | None], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mapMovedDialog")
        self.write = write
        title = self.tr("Moved or left")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        form = QFormLayout()
        who = QLabel(arg(self.tr("%1 is no longer in this post."), contact.name))
        who.setObjectName("mapMovedWho")
        form.addRow(who)
        self.kind = QComboBox()
        self.kind.setObjectName("mapMovedKind")
        self.kind.setAccessibleName(self.tr("Moved or left"))
        for value in ("moved", "left"):
            self.kind.addItem(label(EMPLOYMENT, value), value)
        if contact.employment in ("moved", "left"):
            self.kind.setCurrentIndex(self.kind.findData(contact.employment))
        form.addRow(self.tr("What happened"), self.kind)
        self.on = QDateEdit()
        self.on.setObjectName("mapMovedDate")
        self.on.setAccessibleName(self.tr("Date"))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy/MM/dd")
        start = date.fromisoformat(contact.employment_changed_on) if contact.employment_changed_on else today
        self.on.setDate(QDate(start.year, start.month, start.day))
        form.addRow(self.tr("Date"), self.on)
        self.successor = QComboBox()
        self.successor.setObjectName("mapMovedSuccessor")
        self.successor.setAccessibleName(self.tr("Successor"))
        self.successor.addItem(self.tr("Not known yet"), None)
        for other in others:
            if other.id != contact.id and other.employment == "active":
                self.successor.addItem(other.name, other.id)
        if contact.successor_id is not None:
            self.successor.setCurrentIndex(max(0, self.successor.findData(contact.successor_id)))
        form.addRow(self.tr("Successor"), self.successor)
        self.error = error_label("mapMovedError")
        buttons, _save = save_cancel("mapMovedButtons", ("mapMovedSaveButton", self.tr("Save")),
                                     "mapMovedCancelButton", self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)

    def save(self) -> None:
        day = self.on.date().toString("yyyy-MM-dd")
        try:
            self.write(self.kind.currentData(), day, self.successor.currentData())
        except KakeruError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()
