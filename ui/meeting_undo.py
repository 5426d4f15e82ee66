"""Undoable meeting deletion (Ctrl+Z puts the meeting back with its attendees and the same id)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from sqlite_utils import Database

from models.meetings.restore import MeetingSnapshot, delete_meeting_keeping, restore_meeting
from ui.signals import DataBus


class DeleteMeetingCommand(QUndoCommand):
    """Pushed after the first delete succeeded, so the first ``redo`` (on push) does nothing."""

    def __init__(self, text: str, db: Database, bus: DataBus, snapshot: MeetingSnapshot):
        super().__init__(text)
        self.db = db
        self.bus = bus
        self.snapshot = snapshot
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.snapshot = delete_meeting_keeping(self.db, self.snapshot.meeting_id)
        self.bus.notify("meetings")

    def undo(self) -> None:
        restore_meeting(self.db, self.snapshot)
        self.bus.notify("meetings")


def delete_meeting(db: Database, bus: DataBus, text: str, meeting_id: int) -> DeleteMeetingCommand:
    """Delete now (raising NotFound when it is already gone) and return the command to push."""
    snapshot = delete_meeting_keeping(db, meeting_id)
    bus.notify("meetings")
    return DeleteMeetingCommand(text, db, bus, snapshot)
