"""The undoable "log this outcome" of the call session (Ctrl+Z puts the touch and its plans back).

The outcome is committed before the command is pushed (a logged call is saved the moment it is
logged); ``undo`` calls ``models.planning.touches.undo_outcome`` and returns the session to that account;
``redo`` logs the same outcome again and moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from models.planning.touches import LoggedOutcome, log_outcome, undo_outcome
from models.store.changes import Changes
from ui.operations import WriteCommand
from ui.signals import DataBus


class LogOutcomeCommand(WriteCommand):
    """One logged outcome; ``on_undo(command)`` / ``on_redo(command)`` let the session follow."""

    def __init__(self, text: str, db: Database, bus: DataBus, logged: LoggedOutcome, kwargs: dict[str, Any],
                 session_uid: str | None, position: int,
                 on_undo: Callable[[LogOutcomeCommand], None] | None = None,
                 on_redo: Callable[[LogOutcomeCommand], None] | None = None):
        super().__init__(text, bus)
        self.db = db
        self.logged = logged
        self.kwargs = dict(kwargs)
        self.session_uid = session_uid
        self.position = position
        self.on_undo = on_undo
        self.on_redo = on_redo

    def apply(self) -> LoggedOutcome:
        self.logged = log_outcome(self.db, self.logged.company_id, self.logged.outcome, **self.kwargs)
        return self.logged

    def revert(self) -> Changes:
        return undo_outcome(self.db, self.logged)

    def redone(self) -> None:
        if self.on_redo is not None:
            self.on_redo(self)

    def undone(self) -> None:
        if self.on_undo is not None:
            self.on_undo(self)
