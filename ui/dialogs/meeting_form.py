"""The meeting form (being built: a placeholder with the final API).

Used by the call session for an appointment (values only, saved by ``models.touches.log_outcome``)
and by the Meetings page (create or edit, saved through ``models.meetings``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget
from sqlite_utils import Database


class MeetingDialog(QDialog):
    """Date and time, duration, place or online URL, field rep, attendees, purpose, caller's notes.

    With ``meeting_id`` the dialog edits that meeting and saves on OK; without it and with
    ``save=False`` it only collects ``values()`` for the caller to save (the session's appointment).
    """

    def __init__(self, db: Database, company_id: int, parent: QWidget | None = None, *,
                 meeting_id: int | None = None, values: dict[str, Any] | None = None, save: bool = True):
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self.db = db
        self.company_id = company_id
        self.meeting_id = meeting_id
        self._values = dict(values or {})

    def values(self) -> dict[str, Any]:
        """The form as a dict for ``models.meetings.create_meeting`` / ``log_outcome(meeting=…)``
        (keys starts_at, duration_min, place, online_url, field_rep, purpose, notes_*, attendees)."""
        return dict(self._values)
