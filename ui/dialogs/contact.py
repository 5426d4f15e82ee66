"""Add or edit one contact of a company; a refused value is shown in the dialog, which stays open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.accounts import companies
from models.accounts.text_fields import CONTACTS
from models.accounts.vocab import CONTACT_ROLE
from models.store.errors import ValidationError
from ui.form_parts import bounded, error_label, save_cancel
from ui.i18n import label

if TYPE_CHECKING:
    from sqlite_utils import Database


class ContactDialog(QDialog):
    """A form for one contact; ``contact`` holds the saved record after ``accept``."""

    TEXT_FIELDS = ("name", "name_kana", "department", "title", "phone", "mobile", "email", "best_time")

    def __init__(self, db: Database, company_id: int, contact=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.db = db
        self.company_id = company_id
        self.contact = contact
        title = self.tr("Edit contact") if contact else self.tr("Add contact")
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        captions = {
            "name": self.tr("Name"), "name_kana": self.tr("Reading"), "department": self.tr("Department"),
            "title": self.tr("Title"), "phone": self.tr("Phone"), "mobile": self.tr("Mobile"),
            "email": self.tr("Email"), "best_time": self.tr("Best time to call"),
        }
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for field in self.TEXT_FIELDS:
            edit = QLineEdit("" if contact is None else (getattr(contact, field) or ""))
            bounded(edit, CONTACTS, field)
            edit.setObjectName(f"contact_{field}")
            edit.setAccessibleName(captions[field])
            self.edits[field] = edit
            form.addRow(captions[field], edit)
            if field == "name_kana":
                self.role = QComboBox()
                self.role.setObjectName("contact_role")
                self.role.setAccessibleName(self.tr("Role"))
                for value in CONTACT_ROLE:
                    self.role.addItem(label(CONTACT_ROLE, value), value)
                self.role.setCurrentIndex(max(self.role.findData(contact.role if contact else "other"), 0))
                form.addRow(self.tr("Role"), self.role)
        self.notes = QPlainTextEdit("" if contact is None else (contact.notes or ""))
        self.notes.setObjectName("contact_notes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        form.addRow(self.tr("Notes"), self.notes)

        self.error = error_label("contactError")
        buttons, _save = save_cancel("contactButtons", ("contactSaveButton", self.tr("Save contact")),
                                     "contactCancelButton", self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def values(self) -> dict:
        values = {field: edit.text() for field, edit in self.edits.items()}
        values["role"] = self.role.currentData()
        values["notes"] = self.notes.toPlainText()
        return values

    def save(self) -> None:
        try:
            if self.contact is None:
                self.contact = companies.create_contact(self.db, self.company_id, self.values())
            else:
                self.contact = companies.update_contact(self.db, self.contact.id, self.values())
        except ValidationError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()
