"""The contacts part of the detail panel: the people at the company, added and edited in a dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.accounts import companies
from models.accounts.entities import Contact
from ui.dialogs.contact import ContactDialog
from ui.i18n import arg
from ui.operations import record, run_write
from ui.qt_models.contacts_model import ContactsModel
from ui.signals import DataBus

if TYPE_CHECKING:
    from sqlite_utils import Database


class ContactsSection(QWidget):
    """A title with Add / Edit / Delete, and the table of the company's contacts."""

    def __init__(self, db: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("contactsSection")
        self.db = db
        self.bus = bus
        self.company_id: int | None = None
        self.model = ContactsModel(db, self)
        self.table = QTableView()
        self.table.setObjectName("contactsTable")
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(120)
        self.table.doubleClicked.connect(lambda _index: self.edit_contact())
        self.add_button = self._button("addContactButton", self.tr("Add"), self.tr("Add contact"),
                                       self.add_contact)
        self.edit_button = self._button("editContactButton", self.tr("Edit"), self.tr("Edit contact"),
                                        self.edit_contact)
        self.delete_button = self._button("deleteContactButton", self.tr("Delete"), self.tr("Delete contact"),
                                          self.delete_contact)
        title = QLabel(self.tr("Contacts"))
        title.setObjectName("contactsTitle")
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        row = QHBoxLayout()
        row.addWidget(title)
        row.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table)

    def _button(self, name: str, text: str, accessible: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        return button

    def set_company(self, company_id: int | None) -> None:
        self.company_id = company_id
        self.model.set_company(company_id)
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setEnabled(company_id is not None)

    def reload(self) -> None:
        self.model.reload()

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.contact_at(rows[0].row()) if rows else None

    def add_contact(self) -> None:
        if self.company_id is None:
            return
        if ContactDialog(self.db, self.company_id, None, self).exec():
            record(self.bus, None, Contact.changes)

    def edit_contact(self) -> None:
        contact = self._selected()
        if contact is None or self.company_id is None:
            return
        if ContactDialog(self.db, self.company_id, contact, self).exec():
            record(self.bus, None, Contact.changes)

    def delete_contact(self) -> None:
        contact = self._selected()
        if contact is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete contact"),
            arg(self.tr("Delete the contact %1? Their calls stay in the history without a name."),
                contact.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            run_write(self.bus, None, "", lambda: companies.delete_contact(self.db, contact.id), parent=self)
