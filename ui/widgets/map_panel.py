"""The relationship map of one account (being built: a placeholder with the final API).

Used by the account page (full size) and the call session (``compact=True``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from ui.signals import DataBus


class MapPanel(QWidget):
    """The map and, beside it (not in compact mode), the same people as a sortable list.

    Signals:
        contact_activated(int): a person was chosen (double-click or Enter); the session logs the call
            against them.
    """

    contact_activated = Signal(int)

    def __init__(self, db: Database, bus: DataBus, undo_stack: QUndoStack, parent: QWidget | None = None,
                 *, compact: bool = False):
        super().__init__(parent)
        self.setObjectName("mapPanel")
        self.db = db
        self.bus = bus
        self.undo_stack = undo_stack
        self.compact = compact
        self.company_id: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Relationship map")))

    def set_company(self, company_id: int | None) -> None:
        """Show the map of ``company_id`` (None: nothing)."""
        self.company_id = company_id

    def highlight_contact(self, contact_id: int | None) -> None:
        """Mark the person being called."""
