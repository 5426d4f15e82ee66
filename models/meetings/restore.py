"""Deleting a meeting so that it can be put back exactly (the Meetings page's undo)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from sqlite_utils import Database

from models.accounts.entities import Meeting
from models.meetings.meetings import get_meeting
from models.store.changes import Changes
from models.store.db import writing
from models.store.errors import NotFound


@dataclass(frozen=True)
class MeetingSnapshot:
    """A deleted meeting's row and its attendee rows, as stored (ids and uids included)."""

    changes: ClassVar[Changes] = Meeting.changes  # the meeting and its attendees

    meeting: dict[str, Any]
    attendees: tuple[dict[str, Any], ...] = ()

    @property
    def meeting_id(self) -> int:
        return int(self.meeting["id"])


def delete_meeting_keeping(db: Database, meeting_id: int) -> MeetingSnapshot:
    """Delete one meeting (its attendees go with it) and return what ``restore_meeting`` needs.

    Raises:
        NotFound: the meeting does not exist (any more).
    """
    with writing(db):
        get_meeting(db, meeting_id)
        meeting = next(iter(db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id])))
        people = tuple(db.query("SELECT * FROM meeting_attendees WHERE meeting_id = ? ORDER BY id",
                                [meeting_id]))
        db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
    return MeetingSnapshot(dict(meeting), tuple(dict(row) for row in people))


def restore_meeting(db: Database, snapshot: MeetingSnapshot) -> Changes:
    """Put a deleted meeting back with the same id and uid; attendees deleted meanwhile stay out.

    Raises:
        NotFound: the meeting's company was deleted in the meantime.
    """
    with writing(db):
        company_id = snapshot.meeting["company_id"]
        if db.execute("SELECT 1 FROM companies WHERE id = ?", [company_id]).fetchone() is None:
            raise NotFound("この商談の会社は削除されているため、商談を元に戻せません。")
        meeting = dict(snapshot.meeting)
        touch_id = meeting.get("touch_id")
        if touch_id is not None and db.execute(
                "SELECT 1 FROM touches WHERE id = ?", [touch_id]).fetchone() is None:
            meeting["touch_id"] = None
        db.table("meetings").insert(meeting, replace=True)
        for row in snapshot.attendees:
            if db.execute("SELECT 1 FROM contacts WHERE id = ?", [row["contact_id"]]).fetchone():
                db.table("meeting_attendees").insert(row, replace=True)
    return snapshot.changes
