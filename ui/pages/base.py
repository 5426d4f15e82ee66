"""What every page of the main window shares: how it is built and the two requests it may make."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ui.settings import AppSettings
from ui.signals import DataBus

if TYPE_CHECKING:
    from sqlite_utils import Database


class Page(QWidget):
    """A page built from (db, bus, settings, undo_stack), as ``ui.main_window`` builds every page.

    Signals:
        account_requested(int): open this company on the account page.
        session_requested(list): start a call session on these company ids, in order.
    """

    account_requested = Signal(int)
    session_requested = Signal(list)

    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.bus = bus
        self.settings = settings
        self.undo_stack = undo_stack
