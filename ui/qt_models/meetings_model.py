"""The meetings table: one row per meeting of ``models.meetings.meetings.list_meetings`` (dozens to a few
thousand rows, so all are loaded and a proxy sorts them)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from models.accounts.vocab import MEETING_OUTCOME, MEETING_STATUS
from models.meetings.meetings import MeetingRow
from models.store import clock
from ui.i18n import label

SortRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2

HEADERS = (
    QT_TRANSLATE_NOOP("MeetingsModel", "Date and time"),
    QT_TRANSLATE_NOOP("MeetingsModel", "Company"),
    QT_TRANSLATE_NOOP("MeetingsModel", "Field rep"),
    QT_TRANSLATE_NOOP("MeetingsModel", "Status"),
    QT_TRANSLATE_NOOP("MeetingsModel", "Outcome"),
    QT_TRANSLATE_NOOP("MeetingsModel", "Attendees"),
    QT_TRANSLATE_NOOP("MeetingsModel", "Place"),
)
COL_WHEN, COL_COMPANY, COL_REP, COL_STATUS, COL_OUTCOME, COL_ATTENDEES, COL_PLACE = range(len(HEADERS))
_MUTED = QColor("#777777")
_ALERT = QColor("#b3261e")


def _t(text: str) -> str:
    return QCoreApplication.translate("MeetingsModel", text)


def display_when(starts_at: str) -> str:
    """'2025-01-16T10:00:00+09:00' → '2025/01/16 (Thu) 10:00', the weekday in the UI language."""
    try:
        moment = clock.parse(starts_at)
    except ValueError:
        return starts_at
    weekday = QLocale().dayName(moment.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{moment:%Y/%m/%d} ({weekday}) {moment:%H:%M}"


class MeetingsModel(QAbstractTableModel):
    """Rows of meetings; ``now`` (ISO text) decides which are past, for the muted look and
    the "feedback awaited" mark on a past meeting with no outcome yet."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[MeetingRow] = []
        self._now = ""

    def set_rows(self, rows: list[MeetingRow], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = (now or clock.now()).isoformat(timespec="seconds")
        self.endResetModel()

    def row_at(self, row: int) -> MeetingRow:
        return self._rows[row]

    def rows(self) -> list[MeetingRow]:
        return list(self._rows)

    def row_of_id(self, meeting_id: int) -> int:
        return next((n for n, row in enumerate(self._rows) if row.meeting.id == meeting_id), -1)

    def is_past(self, row: MeetingRow) -> bool:
        return row.meeting.starts_at < self._now

    def awaiting_feedback(self, row: MeetingRow) -> bool:
        meeting = row.meeting
        return self.is_past(row) and meeting.outcome is None and meeting.status != "cancelled"

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return _t(HEADERS[section])
        return None

    def _text(self, row: MeetingRow, column: int) -> str:
        meeting = row.meeting
        if column == COL_WHEN:
            return display_when(meeting.starts_at)
        if column == COL_COMPANY:
            return row.company_name
        if column == COL_REP:
            return meeting.field_rep or ""
        if column == COL_STATUS:
            return label(MEETING_STATUS, meeting.status)
        if column == COL_OUTCOME:
            if meeting.outcome is None and self.awaiting_feedback(row):
                return QCoreApplication.translate("MeetingsModel", "Feedback awaited")
            return label(MEETING_OUTCOME, meeting.outcome)
        if column == COL_PLACE:
            online = QCoreApplication.translate("MeetingsModel", "Online") if meeting.online_url else ""
            return meeting.place or online
        if column == COL_ATTENDEES:
            return str(row.attendee_count) if row.attendee_count else ""
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == SortRole:
            if column == COL_WHEN:
                return row.meeting.starts_at
            if column == COL_ATTENDEES:
                return row.attendee_count
            return self._text(row, column)
        if role == IdRole:
            return row.meeting.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_PLACE and row.meeting.online_url:
                return row.meeting.online_url
            if column == COL_OUTCOME and row.meeting.outcome_note:
                return row.meeting.outcome_note
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_OUTCOME and self.awaiting_feedback(row):
                return QBrush(_ALERT)
            if row.meeting.status == "cancelled" or (self.is_past(row) and column != COL_OUTCOME):
                return QBrush(_MUTED)
            return None
        if role == Qt.ItemDataRole.FontRole and row.meeting.status == "cancelled":
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ATTENDEES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
