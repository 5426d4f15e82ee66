"""A person's details on the map: the contact form, whose save goes through the map's undo stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from models.store.errors import KakeruError
from ui.dialogs.contact import ContactDialog


class MapPersonDialog(ContactDialog):
    """``ContactDialog`` that hands its values to ``write`` (which saves and pushes the undo command).

    ``write`` raises a KakeruError to refuse: the sentence is shown and the dialog stays open.
    """

    def __init__(self, db: Database, company_id: int, write: Callable[[dict[str, Any]], Any], contact=None,
                 parent: QWidget | None = None, *, department: str | None = None):
        super().__init__(db, company_id, contact, parent)
        self.setObjectName("mapPersonDialog")
        self.write = write
        if contact is None and department:
            self.edits["department"].setText(department)

    def save(self) -> None:
        try:
            self.contact = self.write(self.values())
        except KakeruError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()
