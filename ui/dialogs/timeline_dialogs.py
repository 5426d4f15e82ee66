"""Small dialogs the timeline opens: complete a plan (did the hypothesis hold?), skip it with a reason,
and a quick plan editor used until (and where) the full plan dialog is not available."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from models.accounts.vocab import TOUCH_KIND
from models.planning.calendar import DEFAULT_CLOSURES, Closure
from models.planning.plans import parse_due
from models.store import clock as working_clock
from ui.i18n import label
from ui.widgets.business_day_hint import BusinessDayHint


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.setObjectName("dialogButtons")
    box.setAccessibleName(ok_text)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("okButton")
    ok.setAccessibleName(ok_text)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setObjectName("cancelButton")
    cancel.setText(cancel_text)
    cancel.setAccessibleName(cancel_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class CompletePlanDialog(QDialog):
    """Mark a plan done and say whether its hypothesis held (当たり / 外れ / 不明)."""

    def __init__(self, hypothesis: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("completePlanDialog")
        self.setWindowTitle(self.tr("Complete plan"))
        self.setAccessibleName(self.tr("Complete plan"))
        question = QLabel(self.tr("Did the hypothesis hold?"))
        question.setObjectName("completeQuestion")
        shown = QLabel(hypothesis or self.tr("(this plan has no hypothesis)"))
        shown.setObjectName("completeHypothesis")
        shown.setWordWrap(True)
        shown.setStyleSheet("font-weight: bold;")
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(shown)
        for value, text in (("held", self.tr("&Held")), ("missed", self.tr("&Missed")),
                            ("unknown", self.tr("&Unknown"))):
            button = QRadioButton(text)
            button.setObjectName(f"result_{value}")
            button.setAccessibleName(text.replace("&", ""))
            self.group.addButton(button)
            self.choices[value] = button
            layout.addWidget(button)
        self.choices["unknown" if not hypothesis else "held"].setChecked(True)
        layout.addWidget(_buttons(self, self.tr("Complete"), self.tr("Cancel")))

    def result_value(self) -> str:
        return next(value for value, button in self.choices.items() if button.isChecked())


class SkipPlanDialog(QDialog):
    """Skip a plan; the reason is required (picked from common ones or typed)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("skipPlanDialog")
        self.setWindowTitle(self.tr("Skip plan"))
        self.setAccessibleName(self.tr("Skip plan"))
        self.reason = QComboBox()
        self.reason.setObjectName("skipReason")
        self.reason.setAccessibleName(self.tr("Reason for skipping"))
        self.reason.setEditable(True)
        self.reason.addItems(["", self.tr("The person has left or moved"), self.tr("Priority dropped"),
                              self.tr("Replaced by another plan"), self.tr("Duplicate plan")])
        self.reason.setMinimumContentsLength(24)
        self.error = QLabel()
        self.error.setObjectName("skipError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.error)
        form.addRow(_buttons(self, self.tr("Skip"), self.tr("Cancel")))

    def reason_text(self) -> str:
        return self.reason.currentText().strip()

    def accept(self) -> None:
        if not self.reason_text():
            self.error.setText(self.tr("Please give a reason for skipping."))
            self.error.show()
            self.reason.setFocus()
            return
        super().accept()


class QuickPlanDialog(QDialog):
    """A plan's day (and optional time), kind, person and hypothesis."""

    def __init__(self, contacts: list[tuple[int, str]], parent: QWidget | None = None, *,
                 due: str | None = None, day: date | None = None, kind: str = "call",
                 contact_id: int | None = None, hypothesis: str | None = None,
                 closures: tuple[Closure, ...] = DEFAULT_CLOSURES):
        super().__init__(parent)
        self.setObjectName("quickPlanDialog")
        self.setWindowTitle(self.tr("Plan") if due else self.tr("New plan"))
        self.setAccessibleName(self.windowTitle())
        value = parse_due(due) if due else (day or working_clock.today())
        self.date = QDateEdit()
        self.date.setObjectName("planDate")
        self.date.setAccessibleName(self.tr("Day"))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy/MM/dd")
        shown_day = value.date() if isinstance(value, datetime) else value
        self.date.setDate(QDate(shown_day.year, shown_day.month, shown_day.day))
        self.timed = QCheckBox(self.tr("At a time"))
        self.timed.setObjectName("planTimed")
        self.timed.setAccessibleName(self.tr("Plan at a time of day"))
        self.time = QTimeEdit()
        self.time.setObjectName("planTime")
        self.time.setAccessibleName(self.tr("Time"))
        self.time.setDisplayFormat("HH:mm")
        clock = value.time() if isinstance(value, datetime) else time(10, 0)
        self.time.setTime(QTime(clock.hour, clock.minute))
        self.timed.setChecked(isinstance(value, datetime))
        self.time.setEnabled(self.timed.isChecked())
        self.timed.toggled.connect(self.time.setEnabled)
        self.day_hint = BusinessDayHint(self.date, lambda: closures, self.time, name="planDayHint")
        self.kind = QComboBox()
        self.kind.setObjectName("planKind")
        self.kind.setAccessibleName(self.tr("Kind"))
        for key in TOUCH_KIND:
            self.kind.addItem(label(TOUCH_KIND, key), key)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.contact = QComboBox()
        self.contact.setObjectName("planContact")
        self.contact.setAccessibleName(self.tr("Person"))
        self.contact.addItem(self.tr("(no contact)"), None)
        for contact_key, name in contacts:
            self.contact.addItem(name, contact_key)
        self.contact.setCurrentIndex(max(self.contact.findData(contact_id), 0) if contact_id else 0)
        self.hypothesis = QLineEdit(hypothesis or "")
        self.hypothesis.setObjectName("planHypothesis")
        self.hypothesis.setAccessibleName(self.tr("Hypothesis"))
        self.hypothesis.setPlaceholderText(self.tr("Why then? e.g. their budget is set in January"))
        self.hypothesis.setMinimumWidth(320)
        form = QFormLayout(self)
        form.addRow(self.tr("Day"), self.date)
        form.addRow("", self.day_hint)
        form.addRow(self.timed, self.time)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Person"), self.contact)
        form.addRow(self.tr("Hypothesis"), self.hypothesis)
        form.addRow(_buttons(self, self.tr("Save"), self.tr("Cancel")))

    def values(self) -> dict:
        """The plan as entered: due (a date, or an aware datetime), kind, contact_id, hypothesis."""
        day = self.date.date().toPython()
        due: date | datetime = day
        if self.timed.isChecked():
            clock = self.time.time().toPython()
            due = working_clock.local(datetime.combine(day, clock))
        return {"due": due, "kind": self.kind.currentData(), "contact_id": self.contact.currentData(),
                "hypothesis": self.hypothesis.text().strip() or None}
