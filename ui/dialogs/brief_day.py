"""Making briefing sheets from the UI: one meeting's sheet, or every sheet of a day in one file.

Both are drawn into a temporary folder owned by the preview window, which prints or saves them.
A day's sheets are gathered and laid out one meeting at a time under a progress dialog.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.meetings.briefs import BriefData, gather_brief
from models.meetings.meetings import meetings_on
from models.store import clock
from reports.briefing import brief_file_name, format_day, render_brief, render_briefs
from ui.dialogs.progress import ProgressCallback
from ui.i18n import arg
from ui.settings import AppSettings
from ui.widgets.brief_preview import BriefPreviewDialog

PROGRESS_FROM_MEETINGS = 3


class _Cancelled(Exception):
    pass


class _WaitCursor:
    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        return self

    def __exit__(self, *exc):
        QGuiApplication.restoreOverrideCursor()
        return False


def preview_meeting_brief(db: Database, meeting_id: int, settings: AppSettings,
                          parent: QWidget | None = None) -> BriefPreviewDialog:
    """Draw one meeting's sheet and return its preview window (not shown yet).

    Raises:
        NotFound: the meeting was deleted.
        BriefWriteError: the temporary file could not be written.
    """
    dialog = BriefPreviewDialog(settings, parent)
    with _WaitCursor():
        data = gather_brief(db, meeting_id, clock.now())
        path = dialog.folder() / brief_file_name(data)
        result = render_brief(data, path)
        dialog.preview.load(path, _title(data), path.name, result.warnings)
    title = QCoreApplication.translate("BriefPreviewDialog", "Briefing sheet — %1")
    dialog.setWindowTitle(arg(title, data.header.company_name))
    return dialog


def _title(data: BriefData) -> str:
    return f"{data.header.company_name}　{format_day(data.header.starts_at)} {data.header.starts_at:%H:%M}"


def preview_day_briefs(db: Database, day: date, settings: AppSettings,
                       parent: QWidget | None = None) -> BriefPreviewDialog | None:
    """Draw every sheet of ``day`` into one file and return its preview window; None when there
    are no meetings that day or the person cancelled."""
    meetings = meetings_on(db, day)
    if not meetings:
        return None
    dialog = BriefPreviewDialog(settings, parent)
    now = clock.now()
    progress = None
    if len(meetings) >= PROGRESS_FROM_MEETINGS:
        title = QCoreApplication.translate("BriefPreviewDialog", "Briefing sheets")
        text = QCoreApplication.translate("BriefPreviewDialog", "Preparing %1 briefing sheets…")
        progress = ProgressCallback(parent, title, arg(text, len(meetings)))

    def briefs():
        # render_briefs lays each brief out as it is handed over: the progress follows the real work.
        for index, meeting in enumerate(meetings):
            if progress is not None and not progress(index, len(meetings)):
                raise _Cancelled
            yield gather_brief(db, meeting.id, now)

    name = f"briefs-{day.isoformat()}-all.pdf"
    try:
        with _WaitCursor():
            paths = render_briefs(briefs(), dialog.folder(), name)
    except _Cancelled:
        dialog.deleteLater()
        return None
    finally:
        if progress is not None:
            progress.close()
    heading = QCoreApplication.translate("BriefPreviewDialog", "%1: %2 meetings")
    dialog.preview.load(paths[-1], arg(heading, format_day(day), len(meetings)), name)
    title = QCoreApplication.translate("BriefPreviewDialog", "Briefing sheets for %1")
    dialog.setWindowTitle(arg(title, format_day(day)))
    return dialog


class BriefDayDialog(QDialog):
    """Choose the day whose briefing sheets to print (tomorrow by default, as in the evening)."""

    def __init__(self, db: Database, parent: QWidget | None = None, day: date | None = None):
        super().__init__(parent)
        self.setObjectName("briefDayDialog")
        self.setWindowTitle(self.tr("Print all briefs for a date"))
        self.setAccessibleName(self.tr("Print all briefs for a date"))
        self.db = db
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("briefDayDate")
        self.date_edit.setAccessibleName(self.tr("Date of the meetings"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd (ddd)")
        chosen = day or clock.today() + timedelta(days=1)
        self.date_edit.setDate(QDate(chosen.year, chosen.month, chosen.day))
        self.count_label = QLabel()
        self.count_label.setObjectName("briefDayCount")
        self.count_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("briefDayButtons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Prepare…"))
        self.ok_button.setObjectName("briefDayOk")
        self.ok_button.setAccessibleName(self.tr("Prepare the briefing sheets of this date"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("briefDayCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Date:"), self.date_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)
        self.date_edit.dateChanged.connect(self._update_count)
        self._update_count()
        self.setMinimumWidth(380)

    def day(self) -> date:
        return self.date_edit.date().toPython()

    def _update_count(self) -> None:
        count = len(meetings_on(self.db, self.day()))
        if count:
            self.count_label.setText(arg(self.tr("%1 meetings on this date (cancelled ones are left out)."),
                                         count))
        else:
            self.count_label.setText(self.tr("There are no meetings on this date."))
        self.ok_button.setEnabled(bool(count))
