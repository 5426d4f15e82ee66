"""A link's details: kind, note, as-of date and source; saving goes through the map's undo stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.accounts.entities import Relationship
from models.accounts.vocab import RELATIONSHIP_KIND
from models.store.errors import KakeruError
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg, label


class MapLinkDialog(QDialog):
    """Edit one link; ``write(changes)`` saves (raising a KakeruError to refuse, shown in the dialog)."""

    def __init__(self, link: Relationship, from_name: str, to_name: str,
                 write: Callable[[dict[str, Any]], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mapLinkDialog")
        self.link = link
        self.write = write
        title = self.tr("Link details")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        form = QFormLayout()
        ends = QLabel(arg(self.tr("%1 → %2"), from_name, to_name))
        ends.setObjectName("mapLinkEnds")
        form.addRow(self.tr("Between"), ends)
        self.kind = QComboBox()
        self.kind.setObjectName("mapLinkKind")
        self.kind.setAccessibleName(self.tr("Kind of link"))
        for value in RELATIONSHIP_KIND:
            self.kind.addItem(label(RELATIONSHIP_KIND, value), value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(link.kind)))
        form.addRow(self.tr("Kind"), self.kind)
        self.note = self._edit("mapLinkNote", self.tr("Note"), link.note)
        form.addRow(self.tr("Note"), self.note)
        self.as_of = self._edit("mapLinkAsOf", self.tr("As of"), link.as_of)
        self.as_of.setPlaceholderText(self.tr("e.g. 2025-04-01"))
        form.addRow(self.tr("As of"), self.as_of)
        self.source = self._edit("mapLinkSource", self.tr("Source"), link.source)
        self.source.setPlaceholderText(self.tr("Who told you, e.g. heard from Ms Sato"))
        form.addRow(self.tr("Source"), self.source)
        self.error = error_label("mapLinkError")
        buttons, _save = save_cancel("mapLinkButtons", ("mapLinkSaveButton", self.tr("Save link")),
                                     "mapLinkCancelButton", self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)

    def _edit(self, name: str, caption: str, value: str | None) -> QLineEdit:
        edit = QLineEdit(value or "")
        edit.setObjectName(name)
        edit.setAccessibleName(caption)
        return edit

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the stored link."""
        values = {"kind": self.kind.currentData(), "note": self.note.text().strip() or None,
                  "as_of": self.as_of.text().strip() or None, "source": self.source.text().strip() or None}
        return {key: value for key, value in values.items() if value != getattr(self.link, key)}

    def save(self) -> None:
        changes = self.changes()
        if changes:
            try:
                self.write(changes)
            except KakeruError as error:
                self.error.setText(str(error))
                self.error.show()
                return
        self.accept()
