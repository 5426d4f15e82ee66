"""What the Meetings page does with a meeting: new (company picker, then the meeting form), edit,
the field's outcome, open the account, delete with undo, and the briefing sheets (one, or a day's)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox

from models.accounts.entities import Meeting
from models.meetings.meetings import get_meeting
from models.meetings.restore import delete_meeting_keeping, restore_meeting
from models.store.errors import KakeruError
from ui.dialogs.brief_day import BriefDayDialog, preview_day_briefs, preview_meeting_brief
from ui.dialogs.feedback import FeedbackDialog
from ui.dialogs.meeting_company_picker import CompanyPickerDialog
from ui.dialogs.meeting_form import MeetingDialog
from ui.i18n import arg
from ui.operations import record, run_write

PERIODS = ("upcoming", "past", "all", "range")


class MeetingActions:
    """Mixed into ``MeetingsPage``: uses its db, bus, settings, undo_stack, model, table and filters."""

    preview_dialog = None

    def _selected_meeting(self):
        meeting_id = self.selected_id()
        if meeting_id is None:
            return None
        try:
            return get_meeting(self.db, meeting_id)
        except KakeruError as error:
            QMessageBox.warning(self, QCoreApplication.translate("MeetingsPage", "Meetings"), str(error))
            self.reload()
            return None

    def new_meeting(self) -> int | None:
        """Choose the company, then fill the meeting form; returns the new meeting's id."""
        picker = CompanyPickerDialog(self.db, self)
        if picker.exec() != QDialog.DialogCode.Accepted or picker.company_id() is None:
            return None
        company_id = picker.company_id()
        before = {row.meeting.id for row in self.model.rows()}
        known = self.db.execute("SELECT coalesce(max(id), 0) FROM meetings").fetchone()[0]
        dialog = MeetingDialog(self.db, company_id, self, save=True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        saved = getattr(dialog, "meeting", None)  # the form keeps what it saved
        record(self.bus, None, saved if saved is not None else Meeting.changes)
        new_id = saved.id if saved is not None else self.db.execute(
            "SELECT max(id) FROM meetings WHERE id > ? AND company_id = ?", [known, company_id]).fetchone()[0]
        self.reload()
        if new_id is not None and new_id not in before and not self.select_meeting(new_id):
            # The filters hide it (a past date, another rep…): show every meeting so it can be seen.
            self.period_combo.setCurrentIndex(PERIODS.index("all"))
            self.rep_combo.setCurrentIndex(0)
            self.status_combo.setCurrentIndex(0)
            self.select_meeting(new_id)
        return new_id

    def edit_meeting(self) -> None:
        meeting = self._selected_meeting()
        if meeting is None:
            return
        dialog = MeetingDialog(self.db, meeting.company_id, self, meeting_id=meeting.id, save=True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            saved = getattr(dialog, "meeting", None)
            record(self.bus, None, saved if saved is not None else Meeting.changes)
            self.reload()

    def enter_feedback(self) -> None:
        meeting = self._selected_meeting()
        if meeting is None:
            return
        # The dialog saves through run_write onto this window's undo stack: Ctrl+Z takes the outcome back.
        FeedbackDialog(self.db, self.bus, meeting.id, self).exec()
        self.reload()

    def open_account(self) -> None:
        meeting = self._selected_meeting()
        if meeting is not None:
            self.account_requested.emit(meeting.company_id)

    def delete_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        row = self.model.row_at(self.model.row_of_id(meeting_id))
        when = row.meeting.starts_at[:16].replace("T", " ")
        text = arg(QCoreApplication.translate("MeetingsPage", "Delete the meeting with %1 on %2"),
                   row.company_name, when)

        def refused(error: KakeruError) -> None:
            title = QCoreApplication.translate("MeetingsPage", "Delete meeting")
            QMessageBox.warning(self, title, str(error))
            self.reload()

        if run_write(self.bus, self.undo_stack, text, lambda: delete_meeting_keeping(self.db, meeting_id),
                     lambda gone: restore_meeting(self.db, gone), on_error=refused) is None:
            return
        done = QCoreApplication.translate("MeetingsPage", "Deleted the meeting with %1 on %2.")
        self.undo_label.setText(arg(done, row.company_name, when))
        self.undo_bar.show()
        self.reload()

    def _undo_delete(self) -> None:
        try:
            self.undo_stack.undo()
        except KakeruError as error:
            QMessageBox.warning(self, QCoreApplication.translate("MeetingsPage", "Undo"), str(error))
        self.undo_bar.hide()

    def preview_brief(self) -> None:
        """Draw the selected meeting's briefing sheet and show it, ready to print or save."""
        meeting = self._selected_meeting()
        if meeting is None:
            return
        try:
            dialog = preview_meeting_brief(self.db, meeting.id, self.settings, self)
        except KakeruError as error:
            title = QCoreApplication.translate("MeetingsPage", "Briefing sheet")
            QMessageBox.warning(self, title, str(error))
            return
        self._show_preview(dialog)

    def print_day(self, day: date | None = None) -> None:
        """Choose a date, draw all its briefing sheets into one file, and show it to print or save."""
        if not isinstance(day, date):
            chooser = BriefDayDialog(self.db, self)
            if chooser.exec() != QDialog.DialogCode.Accepted:
                return
            day = chooser.day()
        try:
            dialog = preview_day_briefs(self.db, day, self.settings, self)
        except KakeruError as error:
            title = QCoreApplication.translate("MeetingsPage", "Briefing sheets")
            QMessageBox.warning(self, title, str(error))
            return
        if dialog is not None:
            self._show_preview(dialog)

    def _show_preview(self, dialog) -> None:
        if self.preview_dialog is not None:
            self.preview_dialog.close()
            self.preview_dialog.deleteLater()
        self.preview_dialog = dialog
        dialog.show()
        dialog.preview.print_button.setFocus()
