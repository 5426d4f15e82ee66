"""The undoable "log this outcome" of the call session (Ctrl+Z puts the touch and its plans back).

The outcome is committed before the command is pushed (a logged call is saved the moment it is
logged); ``undo`` calls ``models.planning.touches.undo_outcome`` and returns the session to that account;
``redo`` logs the same outcome again and moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlite_utils import Database

from models.planning.touches import LoggedOutcome, log_outcome, undo_outcome
from ui.signals import DataBus

TABLES = ("touches", "plans", "meetings", "companies")


class LogOutcomeCommand(QUndoCommand):
    """One logged outcome; ``on_undo(position)`` / ``on_redo(position)`` let the session follow."""

    def __init__(self, text: str, db: Database, bus: DataBus, logged: LoggedOutcome, kwargs: dict[str, Any],
                 session_uid: str | None, position: int,
                 on_undo: Callable[[LogOutcomeCommand], None] | None = None,
                 on_redo: Callable[[LogOutcomeCommand], None] | None = None):
        super().__init__(text)
        self.db = db
        self.bus = bus
        self.logged = logged
        self.kwargs = dict(kwargs)
        self.session_uid = session_uid
        self.position = position
        self.on_undo = on_undo
        self.on_redo = on_redo
        self._applied = True  # pushed after the write: the first redo has already happened

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.logged = log_outcome(self.db, self.logged.company_id, self.logged.outcome, **self.kwargs)
        self.bus.notify(*TABLES)
        if self.on_redo is not None:
            self.on_redo(self)

    def undo(self) -> None:
        undo_outcome(self.db, self.logged)
        self.bus.notify(*TABLES)
        if self.on_undo is not None:
            self.on_undo(self)
