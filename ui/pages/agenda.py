"""Placeholder with the final constructor and signals; the real page replaces this file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from ui.pages.placeholder import PlaceholderPage
from ui.settings import AppSettings
from ui.signals import DataBus


class AgendaPage(PlaceholderPage):
    """Placeholder until the page is built."""

    account_requested = Signal(int)
    session_requested = Signal(list)

    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__("agenda", QCoreApplication.translate("MainWindow", "Agenda"),
                         "", parent)
        self.db = db


