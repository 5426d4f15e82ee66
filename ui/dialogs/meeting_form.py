"""The meeting form: when and where, who attends, and the caller's notes for field sales.

Used by the call session for an appointment (``save=False``: values only, saved with the touch by
``models.planning.touches.log_outcome``) and by the Meetings page (create or edit, saved through
``models.meetings.meetings``; that page notifies the bus afterwards). A refused value is shown in the dialog,
which stays open.

A new meeting starts with the field rep of the account's last meeting (else of the last one booked) at
the first time in the call windows that is free in that rep's schedule (``models.meetings.slots``);
while the person has not chosen a time, another rep gets their own first free time. A time that
overlaps one of the rep's other meetings is shown as a double booking and asked about on save.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.companies import list_contacts
from models.accounts.text_fields import MEETINGS
from models.accounts.vocab import CONTACT_ROLE
from models.meetings import meetings, slots
from models.meetings.hearing_notes import prefill_notes
from models.planning.calendar import load_calendar, next_business_day
from models.planning.hearing import HearingFact, distinct, gather_hearing
from models.store import clock as working_clock
from models.store.errors import KakeruError
from ui.form_parts import bounded, error_label
from ui.i18n import arg, label
from ui.naming import named as _named
from ui.widgets.business_day_hint import BusinessDayHint

LINE_FIELDS = ("place", "online_url", "purpose")
NOTE_FIELDS = (*meetings.NOTE_FIELDS, "questions", "cautions")
DEFAULT_START = time(10, 0)



class MeetingDialog(QDialog):
    """Date and time, duration, place or online URL, field rep, attendees, purpose, caller's notes.

    With ``save=True`` OK creates the meeting (or, with ``meeting_id``, updates it) and ``meeting``
    holds the saved record; with ``save=False`` OK only checks the form and ``values()`` returns it.
    ``values`` pre-fills the form. A new meeting's notes start from everything heard about the account
    (``heard``: what the call being logged heard, not saved yet; then earlier calls), newest first and
    dated, for each note ``values`` does not hold.
    """

    def __init__(self, db: Database, company_id: int, parent: QWidget | None = None, *,
                 meeting_id: int | None = None, values: dict[str, Any] | None = None, save: bool = True,
                 heard: Sequence[HearingFact] = ()):
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self.db = db
        self.company_id = company_id
        self.meeting_id = meeting_id
        self.save = save
        self.meeting: meetings.Meeting | None = None
        self._values: dict[str, Any] = {}
        title = self.tr("Edit meeting") if meeting_id else self.tr("New meeting")
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        initial = self._initial(values)
        if meeting_id is None:
            initial = prefill_notes(initial, distinct((*heard, *gather_hearing(db, company_id))))
        self._build(initial)
        self.resize(640, 560)

    # -- building ---------------------------------------------------------------------------------
    def _initial(self, values: dict[str, Any] | None) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        if self.meeting_id is not None:
            meeting = meetings.get_meeting(self.db, self.meeting_id)
            self.company_id = meeting.company_id
            initial = {field: getattr(meeting, field) for field in meetings.MEETING_FIELDS
                       if hasattr(meeting, field)}
            present = meetings.attendees(self.db, self.meeting_id)
            initial["attendees"] = [contact.id for contact, _note in present]
        initial.update(values or {})
        return initial

    def _starts_at(self, initial: dict[str, Any], rep: str | None = None) -> datetime:
        value = initial.get("starts_at")
        if isinstance(value, datetime):
            return value
        if isinstance(value, str) and value.strip():
            try:
                return working_clock.parse(value)
            except ValueError:
                pass
        self._proposed = True
        return self._proposal(rep, int(initial.get("duration_min") or 60))

    def _proposal(self, rep: str | None, duration_min: int) -> datetime:
        """The first free time of ``rep`` in the call windows from the next business day at 10:00 on."""
        calendar = load_calendar(self.db)
        day = next_business_day(working_clock.today(), calendar.closures)
        default = working_clock.local(datetime.combine(day, DEFAULT_START))
        return slots.propose_start(self.db, rep, duration_min, default, calendar,
                                   ignore_id=self.meeting_id) or default

    def _build(self, initial: dict[str, Any]) -> None:
        self._proposed = False  # the time shown is the form's proposal, not one the person chose
        rep = initial.get("field_rep")
        if not rep and self.meeting_id is None:
            rep = slots.last_field_rep(self.db, self.company_id)  # remembered from the last meeting
        starts = self._starts_at(initial, rep)
        self.date_edit = _named(QDateEdit(QDate(starts.year, starts.month, starts.day)), "meetingDate",
                                self.tr("Meeting date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd (ddd)")
        self.time_edit = _named(QTimeEdit(QTime(starts.hour, starts.minute)), "meetingTime",
                                self.tr("Start time"))
        self.time_edit.setDisplayFormat("HH:mm")
        self.duration = _named(QSpinBox(), "meetingDuration", self.tr("Duration in minutes"))
        self.duration.setRange(5, meetings.MAX_DURATION_MIN)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setValue(int(initial.get("duration_min") or 60))
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(self.time_edit)
        when.addWidget(self.duration)
        self.free_button = _named(QPushButton(self.tr("Next free time")), "meetingFreeTimeButton",
                                  self.tr("Move to the field rep's next free time"))
        self.free_button.setAutoDefault(False)  # Enter still saves the form
        self.free_button.clicked.connect(self.propose_free_time)
        when.addWidget(self.free_button)
        when.addStretch(1)
        closures = load_calendar(self.db).closures
        self.day_hint = BusinessDayHint(self.date_edit, lambda: closures, self.time_edit,
                                        name="meetingDayHint")

        captions = {"place": self.tr("Place"), "online_url": self.tr("Online meeting URL"),
                    "purpose": self.tr("Purpose")}
        self.lines: dict[str, QLineEdit] = {}
        for field in LINE_FIELDS:
            line = bounded(QLineEdit(str(initial.get(field) or "")), MEETINGS, field)
            edit = _named(line, f"meeting_{field}", captions[field])
            self.lines[field] = edit
        self.lines["online_url"].setPlaceholderText("https://")
        self.field_rep = _named(QComboBox(), "meetingFieldRep", self.tr("Field sales rep"))
        self.field_rep.setEditable(True)
        self.field_rep.addItems(meetings.field_reps(self.db))
        self.field_rep.setCurrentText(str(rep or ""))
        self.slot_hint = _named(QLabel(), "meetingSlotHint", self.tr("The field rep's schedule"))
        self.slot_hint.setWordWrap(True)

        self.attendee_model = QStandardItemModel(self)
        chosen = {int(i) for i in initial.get("attendees") or ()}
        for contact in list_contacts(self.db, self.company_id):
            parts = [contact.name, label(CONTACT_ROLE, contact.role)]
            parts += [part for part in (contact.department, contact.title) if part]
            item = QStandardItem(" · ".join(parts))
            item.setData(contact.id, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if contact.id in chosen else Qt.CheckState.Unchecked)
            self.attendee_model.appendRow(item)
        self.attendee_view = _named(QListView(), "meetingAttendees", self.tr("Attendees"))
        self.attendee_view.setModel(self.attendee_model)
        self.attendee_view.setMaximumHeight(110)

        form = QFormLayout()
        form.addRow(self.tr("When"), when)
        form.addRow("", self.day_hint)
        form.addRow("", self.slot_hint)
        form.addRow(captions["place"], self.lines["place"])
        form.addRow(captions["online_url"], self.lines["online_url"])
        form.addRow(self.tr("Field sales rep"), self.field_rep)
        form.addRow(captions["purpose"], self.lines["purpose"])
        form.addRow(self.tr("Attendees"), self.attendee_view)
        if not self.attendee_model.rowCount():
            form.addRow("", QLabel(self.tr("No contacts are recorded for this company yet.")))
        first = QWidget()
        first_layout = QVBoxLayout(first)
        first_layout.addLayout(form)
        first_layout.addStretch(1)

        note_captions = {
            "notes_needs": self.tr("Needs / issues"), "notes_current": self.tr("Current situation"),
            "notes_expectations": self.tr("Expectations"), "notes_concerns": self.tr("Concerns"),
            "notes_personality": self.tr("The person's character"), "notes_budget": self.tr("Budget"),
            "notes_timing": self.tr("Timing"), "notes_decision_process": self.tr("Decision process"),
            "notes_competitors": self.tr("Competitors"), "notes_unknowns": self.tr("Not heard yet"),
            "questions": self.tr("Questions to ask"), "cautions": self.tr("Cautions"),
        }
        self.notes: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout()
        for position, field in enumerate(NOTE_FIELDS):
            edit = _named(QPlainTextEdit(str(initial.get(field) or "")), f"meeting_{field}",
                          note_captions[field])
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(52)
            self.notes[field] = edit
            row, column = divmod(position, 2)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(QLabel(note_captions[field]))
            cell.addWidget(edit)
            grid.addLayout(cell, row, column)
        second = QWidget()
        second.setLayout(grid)

        self.tabs = _named(QTabWidget(), "meetingTabs", self.tr("Meeting form sections"))
        self.tabs.addTab(first, self.tr("&Meeting"))
        self.tabs.addTab(second, self.tr("Caller's &notes"))

        self.error = error_label("meetingError", self.tr("Problem with the form"))
        standard = QDialogButtonBox.StandardButton
        buttons = _named(QDialogButtonBox(standard.Ok | standard.Cancel), "meetingButtons",
                         self.tr("Meeting form buttons"))
        ok = buttons.button(standard.Ok)
        ok.setText(self.tr("Save meeting") if self.save else self.tr("OK"))
        _named(ok, "meetingOkButton", self.tr("Save the meeting"))
        _named(buttons.button(standard.Cancel), "meetingCancelButton", self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.date_edit.setFocus()
        for changed in (self.date_edit.dateChanged, self.time_edit.timeChanged):
            changed.connect(self._time_chosen)
        self.duration.valueChanged.connect(self._show_schedule)
        self.field_rep.currentTextChanged.connect(self._rep_changed)
        self._show_schedule()

    # -- the field rep's schedule --------------------------------------------------------------------
    def _start_moment(self) -> datetime:
        day, clock = self.date_edit.date(), self.time_edit.time()
        return working_clock.local(datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute()))

    def _set_start(self, moment: datetime) -> None:
        for edit in (self.date_edit, self.time_edit):
            edit.blockSignals(True)
        self.date_edit.setDate(QDate(moment.year, moment.month, moment.day))
        self.time_edit.setTime(QTime(moment.hour, moment.minute))
        for edit in (self.date_edit, self.time_edit):
            edit.blockSignals(False)
        self.day_hint.refresh()
        self._show_schedule()

    def _time_chosen(self) -> None:
        self._proposed = False
        self._show_schedule()

    def _rep_changed(self) -> None:
        # While the time is still the form's proposal, another rep gets their own first free time.
        if self._proposed and self.meeting_id is None:
            self._set_start(self._proposal(self.field_rep.currentText(), self.duration.value()))
        else:
            self._show_schedule()

    def propose_free_time(self) -> None:
        """Move the meeting to the rep's first free time in the call windows from the time shown on."""
        calendar = load_calendar(self.db)
        moment = slots.propose_start(self.db, self.field_rep.currentText(), self.duration.value(),
                                     max(self._start_moment(), working_clock.now()), calendar,
                                     ignore_id=self.meeting_id)
        if moment is not None:
            self._set_start(moment)
            self._proposed = True
            self._show_schedule()

    def double_bookings(self) -> list[slots.Busy]:
        """The rep's other meetings that the time shown overlaps."""
        return slots.collisions(self.db, self.field_rep.currentText(), self._start_moment(),
                                self.duration.value(), ignore_id=self.meeting_id)

    def _describe(self, clashes: list[slots.Busy]) -> str:
        return "、".join(f"{b.starts_at:%H:%M}〜{b.ends_at:%H:%M} {b.company_name}" for b in clashes)

    def _show_schedule(self) -> None:
        rep = self.field_rep.currentText().strip()
        clashes = self.double_bookings()
        if clashes:
            self.slot_hint.setStyleSheet("color: #B42318;")
            self.slot_hint.setText(arg(self.tr("Double booking: %1 already has a meeting at this time (%2)."),
                                       rep, self._describe(clashes)))
        elif rep and self._proposed:
            self.slot_hint.setStyleSheet("")
            self.slot_hint.setText(arg(self.tr("Proposed: the first time in the call windows that is free in "
                                               "%1's schedule."), rep))
        else:
            self.slot_hint.setStyleSheet("")
            self.slot_hint.setText("")
        self.slot_hint.setVisible(bool(self.slot_hint.text()))

    # -- values -----------------------------------------------------------------------------------
    def attendee_ids(self) -> list[int]:
        ids = []
        for row in range(self.attendee_model.rowCount()):
            item = self.attendee_model.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return ids

    def _form(self) -> dict[str, Any]:
        day, clock = self.date_edit.date(), self.time_edit.time()
        wall = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
        starts = working_clock.local(wall)  # the time typed is a time in the working zone
        values: dict[str, Any] = {"starts_at": starts, "duration_min": self.duration.value(),
                                  "field_rep": self.field_rep.currentText()}
        values.update({field: edit.text() for field, edit in self.lines.items()})
        values.update({field: edit.toPlainText() for field, edit in self.notes.items()})
        return values

    def values(self) -> dict[str, Any]:
        """The form as a dict for ``models.meetings.meetings.create_meeting`` / ``log_outcome(meeting=…)``
        (keys starts_at, duration_min, place, online_url, field_rep, purpose, notes_*, attendees)."""
        return dict(self._values) if self._values else {**self._checked(), "attendees": self.attendee_ids()}

    def _checked(self) -> dict[str, Any]:
        """The form tidied and checked by ``models.meetings.meetings`` (raises ValidationError)."""
        return meetings.clean_meeting_values(self._form())

    def _double_booking_confirmed(self) -> bool:
        """True when the time overlaps none of the rep's meetings, or the person keeps it anyway."""
        clashes = self.double_bookings()
        if not clashes:
            return True
        answer = QMessageBox.question(
            self, self.tr("Double booking"),
            arg(self.tr("%1 already has a meeting at this time: %2. Book this one anyway?"),
                self.field_rep.currentText().strip(), self._describe(clashes)))
        return answer == QMessageBox.StandardButton.Yes

    def accept(self) -> None:
        try:
            clean = self._checked()
            if not self._double_booking_confirmed():
                return
            attendees = self.attendee_ids()
            if self.save and self.meeting_id is not None:
                self.meeting = meetings.update_meeting(self.db, self.meeting_id, clean, attendees)
            elif self.save:
                self.meeting = meetings.create_meeting(self.db, self.company_id, clean, attendees)
                self.meeting_id = self.meeting.id
        except KakeruError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self._values = {**clean, "attendees": attendees}
        super().accept()
