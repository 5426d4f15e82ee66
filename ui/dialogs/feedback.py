"""The field's feedback on a meeting: outcome, reason, what happened, next step, what differed from
the brief, the amounts, and the next touch the outcome calls for. Saved through
``models.meetings.feedback`` on OK.

No outcome is chosen at first (one Save must not record a win); 失注 and 延期 ask for a reason; a meeting
whose time has not come asks first whether to record it anyway. Entering feedback again replaces the
earlier one, which the dialog says.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.vocab import MEETING_OUTCOME
from models.kpi.figures import reason_label
from models.meetings import feedback
from models.meetings.meetings import get_meeting
from models.planning.calendar import load_calendar
from models.store import clock
from models.store.changes import Changes
from ui.i18n import arg, current_language, label
from ui.naming import named as _named
from ui.operations import WriteCommand, run_write
from ui.signals import DataBus
from ui.widgets.business_day_hint import BusinessDayHint


class FeedbackDialog(QDialog):
    """Outcome (受注/失注/継続/延期/キャンセル), reason, what happened, next step, what differed from the
    brief; saving updates the account and notifies ``bus``. ``recorded`` holds what was saved."""

    def __init__(self, db: Database, bus: DataBus, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("feedbackDialog")
        self.setAccessibleName(self.tr("Meeting feedback"))
        self.setWindowTitle(self.tr("Meeting feedback"))
        self.db = db
        self.bus = bus
        self.meeting_id = meeting_id
        self.recorded: feedback.RecordedFeedback | None = None
        meeting = get_meeting(db, meeting_id)
        company = db.execute("SELECT name FROM companies WHERE id = ?", [meeting.company_id]).fetchone()

        when = meeting.starts_at[:16].replace("T", " ")
        heading = _named(QLabel(f"<b>{company[0] if company else ''}</b>　{when}"), "feedbackHeading",
                         self.tr("Meeting"))
        self.outcome = _named(QComboBox(), "outcomeCombo", self.tr("Outcome"))
        for value in MEETING_OUTCOME:
            self.outcome.addItem(label(MEETING_OUTCOME, value), value)
        self.outcome.setPlaceholderText(self.tr("Choose the outcome"))
        self.outcome.setCurrentIndex(-1)  # nothing chosen: one Save must not record a win
        self.reason = _named(QComboBox(), "reasonCombo", self.tr("Reason"))
        self.reason.setEditable(True)
        self.reason.addItem("", None)
        for value in feedback.reason_choices(db):
            self.reason.addItem(reason_label(value, current_language()), value)
        self.reason.lineEdit().setPlaceholderText(self.tr("Choose or type a reason"))
        self.note = _named(QPlainTextEdit(), "outcomeNoteEdit", self.tr("What happened"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(64)
        self.next_step = _named(QLineEdit(), "nextStepEdit", self.tr("Next step"))
        # 受注額 in yen, for a won meeting (the KPIs add it up): "1200000" or "120万".
        self.order_amount = _named(QLineEdit(), "orderAmountEdit", self.tr("Order amount (yen)"))
        self.order_amount.setPlaceholderText(self.tr("e.g. 1200000 or 120万"))
        # 継続: the amount hoped for, when the field can say (optional).
        self.expected_amount = _named(QLineEdit(), "expectedAmountEdit", self.tr("Expected amount (yen)"))
        self.expected_amount.setPlaceholderText(self.tr("Optional, e.g. 3000000 or 300万"))
        self.earlier = _named(QLabel(), "earlierFeedbackNote", self.tr("Earlier feedback"))
        self.earlier.setWordWrap(True)
        if meeting.outcome:
            self.earlier.setText(arg(
                self.tr("Feedback was entered on %1 (%2). Saving replaces it, and a next touch it planned "
                        "is taken back while still open."),
                (meeting.feedback_at or "")[:10], label(MEETING_OUTCOME, meeting.outcome)))
        else:
            self.earlier.hide()
        self.difference = _named(QPlainTextEdit(), "briefDifferenceEdit",
                                 self.tr("What differed from the brief"))
        self.difference.setTabChangesFocus(True)
        self.difference.setFixedHeight(52)
        self.difference.setPlaceholderText(self.tr("What the field found that the brief did not say"))

        self.plan_check = _named(QCheckBox(self.tr("Plan the next touch")), "planCheck",
                                 self.tr("Plan the next touch"))
        self.plan_due = _named(QDateEdit(), "planDueEdit", self.tr("Next touch date"))
        self.plan_due.setCalendarPopup(True)
        self.plan_due.setDisplayFormat("yyyy-MM-dd")
        self.plan_due.setDate(QDate(clock.today()).addMonths(1))
        closures = load_calendar(db).closures
        self.plan_due_hint = BusinessDayHint(self.plan_due, lambda: closures, name="planDueHint")
        self.plan_hypothesis = _named(QLineEdit(), "planHypothesisEdit", self.tr("Hypothesis"))
        self.plan_hypothesis.setPlaceholderText(self.tr("Why this date: e.g. budget is set in March"))
        self.plan_hint = _named(QLabel(), "planHint", self.tr("What the outcome asks for"))
        self.plan_hint.setWordWrap(True)
        plan_box = QGroupBox(self.tr("Next touch"))
        plan_box.setObjectName("planBox")
        plan_form = QFormLayout(plan_box)
        plan_form.addRow(self.plan_hint)
        plan_form.addRow(self.plan_check)
        plan_form.addRow(self.tr("Date"), self.plan_due)
        plan_form.addRow("", self.plan_due_hint)
        plan_form.addRow(self.tr("Hypothesis"), self.plan_hypothesis)

        form = QFormLayout()
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("What happened"), self.note)
        form.addRow(self.tr("Next step"), self.next_step)
        form.addRow(self.tr("Order amount (yen)"), self.order_amount)
        form.addRow(self.tr("Expected amount (yen)"), self.expected_amount)
        form.addRow(self.tr("Differed from the brief"), self.difference)
        self.buttons = _named(QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                               | QDialogButtonBox.StandardButton.Cancel),
                              "feedbackButtons", self.tr("Save or cancel"))
        for button in self.buttons.buttons():
            name = "saveButton" if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole \
                else "cancelButton"
            _named(button, name, button.text().replace("&", ""))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(self.tr("Save (Ctrl+Enter)"))
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.earlier)
        layout.addLayout(form)
        layout.addWidget(plan_box)
        layout.addWidget(self.buttons)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.plan_check.toggled.connect(self._plan_toggled)
        self._load(meeting)
        self._outcome_changed()
        if self._earlier_plan is not None:
            self.plan_check.setChecked(True)
        self.outcome.setFocus()
        self.resize(520, self.sizeHint().height())

    def _load(self, meeting) -> None:
        if meeting.outcome:
            self.outcome.setCurrentIndex(self.outcome.findData(meeting.outcome))
        if meeting.order_amount is not None:
            self.order_amount.setText(str(meeting.order_amount))
        if meeting.expected_amount is not None:
            self.expected_amount.setText(str(meeting.expected_amount))
        if meeting.outcome_reason:
            index = self.reason.findData(meeting.outcome_reason)
            if index < 0:
                self.reason.addItem(meeting.outcome_reason, meeting.outcome_reason)
                index = self.reason.count() - 1
            self.reason.setCurrentIndex(index)
        self._earlier_plan = planned = feedback.earlier_plan(self.db, meeting)
        if planned is not None:  # shown again, so saving the same outcome keeps it as it was
            self.plan_due.setDate(QDate.fromString(planned.due[:10], "yyyy-MM-dd"))
            self.plan_hypothesis.setText(planned.hypothesis or "")
        self.note.setPlainText(meeting.outcome_note or "")
        self.next_step.setText(meeting.next_step or "")
        self.difference.setPlainText(meeting.brief_difference or "")

    def outcome_value(self) -> str | None:
        """The outcome chosen, or None while none is."""
        return self.outcome.currentData()

    def _outcome_changed(self) -> None:
        value = self.outcome_value()
        rule = feedback.RULES[value][1] if value else "unchosen"
        hints = {
            "required": self.tr("The account moves to nurturing: a date and a hypothesis are required."),
            "date": self.tr("A follow-up date is required."),
            None: self.tr("Optional: plan a next touch."),
            "unchosen": self.tr("Choose the outcome first: it decides the next touch."),
        }
        self.plan_hint.setText(hints[rule])
        self.order_amount.setEnabled(value == "won")
        self.expected_amount.setEnabled(value == "ongoing")
        self.reason.lineEdit().setPlaceholderText(
            self.tr("Required: choose or type a reason") if value in feedback.REASON_REQUIRED
            else self.tr("Choose or type a reason"))
        self.plan_check.setEnabled(rule is None)
        # A plan the outcome asks for is on; one it does not is off until the person asks for it
        # (from 失注 to 受注, the nurture plan is not carried over).
        self.plan_check.setChecked(rule in ("required", "date"))
        self._plan_toggled(self.plan_check.isChecked())

    def _plan_toggled(self, on: bool) -> None:
        self.plan_due.setEnabled(on)
        self.plan_hypothesis.setEnabled(on)

    def _reason_value(self) -> str | None:
        text = self.reason.currentText().strip()
        index = self.reason.findText(text)
        if index >= 0 and self.reason.itemData(index):
            return self.reason.itemData(index)
        return text or None

    def _confirmed_early(self) -> bool | None:
        """For a meeting whose time has not come, whether the person records it anyway (None: no need)."""
        meeting = get_meeting(self.db, self.meeting_id)
        if not self.outcome_value() or not feedback.not_held_yet(meeting, self.outcome_value()):
            return None
        when = meeting.starts_at[:16].replace("T", " ")
        answer = QMessageBox.question(
            self, self.tr("Meeting not held yet"),
            arg(self.tr("This meeting is planned for %1 and has not taken place yet. Record its outcome "
                        "anyway?"), when))
        return answer == QMessageBox.StandardButton.Yes

    def accept(self) -> None:
        due: date | None = None
        if self.plan_check.isChecked():
            due = self.plan_due.date().toPython()
        early = self._confirmed_early()
        if early is False:
            return

        def save() -> feedback.RecordedFeedback:
            return feedback.record_feedback(
                self.db, self.meeting_id, self.outcome_value(), reason=self._reason_value(),
                note=self.note.toPlainText(), next_step=self.next_step.text(),
                brief_difference=self.difference.toPlainText(), plan_due=due,
                plan_hypothesis=self.plan_hypothesis.text() if due else None,
                order_amount=self.order_amount.text(), expected_amount=self.expected_amount.text(),
                early=bool(early))

        # In the main window the save joins its undo stack (Ctrl+Z), like every destructive edit.
        stack = getattr(self.parent().window(), "undo_stack", None) if self.parent() else None
        recorded = run_write(self.bus, stack if isinstance(stack, QUndoStack) else None, "", save,
                             command=self._command, parent=self, title=self.tr("Feedback not saved"))
        if recorded is None:
            return
        self.recorded = recorded
        super().accept()

    def undo_command(self) -> FeedbackCommand | None:
        """After a save, a command that undoes it (push it on the window's undo stack)."""
        if self.recorded is None:
            return None
        return self._command(self.recorded)

    def _command(self, recorded: feedback.RecordedFeedback) -> FeedbackCommand:
        return FeedbackCommand(self.tr("Meeting feedback"), self.db, self.bus, recorded)


class FeedbackCommand(WriteCommand):
    """Undo a saved feedback. Pushed after the save (the first redo is skipped); once undone it is
    obsolete and leaves the stack: entering the feedback again is done in the dialog."""

    def __init__(self, text: str, db: Database, bus: DataBus, recorded: feedback.RecordedFeedback):
        super().__init__(text, bus)
        self.db = db
        self.recorded = recorded

    def revert(self) -> Changes:
        return feedback.undo_feedback(self.db, self.recorded)

    def undone(self) -> None:
        self.setObsolete(True)
