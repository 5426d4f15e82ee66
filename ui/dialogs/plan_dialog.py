"""Add or edit one plan (次回予定) of an account: day, optional time, kind, contact and the hypothesis.

``PlanDialog(db, company_id, parent, plan_id=None).exec()`` saves through ``planning.plan_form`` when the
person presses Save (a refused value is shown in the dialog, which stays open); the caller notifies
the bus. A hypothesis template fills the hypothesis and proposes its day for this account.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QEvent, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.companies import get_company, list_contacts
from models.accounts.vocab import TOUCH_KIND
from models.planning import hypotheses, plan_form
from models.planning.calendar import load_calendar
from models.planning.dispositions import pick_template, quick_pick_dates
from models.planning.plans import get_plan, parse_due
from models.store import clock as working_clock
from models.store.errors import KakeruError
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg, label
from ui.naming import named as _named
from ui.widgets.business_day_hint import BusinessDayHint
from ui.widgets.flow_layout import flow_widget

NOTE_STYLE = "color: palette(mid);"



def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PlanDialog(QDialog):
    """A form for one plan; ``plan`` holds the saved record after ``accept``."""

    def __init__(self, db: Database, company_id: int, parent: QWidget | None = None, *,
                 plan_id: int | None = None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("planDialog")
        self.db = db
        self.company_id = company_id
        self.plan_id = plan_id
        self.today = today or working_clock.today()
        self.plan = get_plan(db, plan_id) if plan_id is not None else None
        self.company = get_company(db, company_id)
        self.calendar = load_calendar(db)
        self.templates = hypotheses.load_templates(db)
        self._template_text = ""  # the text the chosen template put in, replaced when another is chosen
        self._picked: tuple[str, date] | None = None  # the quick pick that set the date, and its day
        title = self.tr("Edit plan") if self.plan else self.tr("Add plan")
        self.setWindowTitle(f"{title} — {self.company.name}")
        self.setAccessibleName(title)

        self.date_edit = _named(QDateEdit(), "planDate", self.tr("Date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd (ddd)")
        self.date_edit.setMinimumDate(_qdate(self.today) if self.plan is None else QDate(2000, 1, 1))
        picks = []
        self.quick_buttons: list[QPushButton] = []
        for number, (caption, day) in enumerate(
                quick_pick_dates(self.today, self.company.fiscal_year_end_month, self.calendar), start=1):
            text = self._pick_caption(caption)
            button = _named(QPushButton(text), f"planQuickPick{number}",
                            arg(self.tr("Set the date: %1"), text))
            button.setToolTip(f"{day:%Y/%m/%d}")
            button.clicked.connect(lambda _=False, c=caption, d=day: self._pick(c, d))
            self.quick_buttons.append(button)
            picks.append(button)

        self.timed = _named(QCheckBox(self.tr("At a set time")), "planTimed", self.tr("At a set time"))
        self.time_edit = _named(QTimeEdit(), "planTime", self.tr("Time"))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setTime(QTime(10, 0))
        self.time_edit.setEnabled(False)
        self.timed.toggled.connect(self.time_edit.setEnabled)
        self.day_note = BusinessDayHint(self.date_edit, lambda: self.calendar.closures, self.time_edit,
                                        name="planDayNote")
        time_row = QHBoxLayout()
        time_row.addWidget(self.timed)
        time_row.addWidget(self.time_edit)
        time_row.addStretch(1)

        self.kind = _named(QComboBox(), "planKind", self.tr("Kind"))
        for value in TOUCH_KIND:
            self.kind.addItem(label(TOUCH_KIND, value), value)
        self.contact = _named(QComboBox(), "planContact", self.tr("Contact"))
        self.contact.addItem(self.tr("(anyone)"), None)
        for person in list_contacts(db, company_id):
            extra = " / ".join(part for part in (person.department, person.title) if part)
            self.contact.addItem(f"{person.name}（{extra}）" if extra else person.name, person.id)
        self.template = _named(QComboBox(), "planTemplate", self.tr("Hypothesis template"))
        self.template.addItem(self.tr("(no template)"), None)
        for template in self.templates:
            self.template.addItem(template.name, template.name)
            self.template.setItemData(self.template.count() - 1, hypotheses.describe_rule(template),
                                      Qt.ItemDataRole.ToolTipRole)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.template_note = _named(QLabel(), "planTemplateNote", self.tr("About the template"))
        self.template_note.setStyleSheet(NOTE_STYLE)
        self.template_note.setWordWrap(True)
        self.hypothesis = _named(QPlainTextEdit(), "planHypothesis", self.tr("Hypothesis"))
        self.hypothesis.setPlaceholderText(self.tr(
            "Why this day? e.g. their HR plan is drafted in January, so call in early December"))
        self.hypothesis.setTabChangesFocus(True)
        self.hypothesis.setFixedHeight(84)
        self.hypothesis.installEventFilter(self)  # Ctrl+Enter saves from inside the text too

        form = QFormLayout()
        form.addRow(self.tr("Date"), self.date_edit)
        form.addRow("", self.day_note)
        form.addRow(self.tr("Quick picks"), flow_widget(picks, "planQuickPicks"))
        form.addRow(self.tr("Time"), time_row)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Template"), self.template)
        form.addRow("", self.template_note)
        form.addRow(self.tr("Hypothesis"), self.hypothesis)

        self.error = error_label("planError", self.tr("Error"))
        buttons, self.save_button = save_cancel("planButtons", ("planSaveButton", self.tr("Save plan")),
                                                "planCancelButton", self.save, self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._fill()

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.hypothesis and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.save()
            return True
        return super().eventFilter(watched, event)

    def _pick_caption(self, caption: str) -> str:
        captions = {
            "明日": self.tr("Tomorrow"), "3営業日後": self.tr("In 3 business days"),
            "来週": self.tr("Next week"), "1ヶ月後": self.tr("In 1 month"), "3ヶ月後": self.tr("In 3 months"),
            "6ヶ月後": self.tr("In 6 months"),
            "決算月の3ヶ月前": self.tr("3 months before year end"),
        }
        return captions.get(caption, caption)

    def _fill(self) -> None:
        plan = self.plan
        if plan is None:
            self.date_edit.setDate(_qdate(quick_pick_dates(self.today, None, self.calendar)[0][1]))
            return
        due = parse_due(plan.due)
        if isinstance(due, datetime):
            self.date_edit.setDate(_qdate(due.date()))
            self.timed.setChecked(True)
            self.time_edit.setTime(QTime(due.hour, due.minute))
        else:
            self.date_edit.setDate(_qdate(due))
        self.kind.setCurrentIndex(max(0, self.kind.findData(plan.kind)))
        self.contact.setCurrentIndex(max(0, self.contact.findData(plan.contact_id)))
        self.hypothesis.setPlainText(plan.hypothesis or "")
        index = self.template.findData(plan.hypothesis_template)
        if index < 0 and plan.hypothesis_template:  # a template since removed: keep it on the plan
            self.template.addItem(plan.hypothesis_template, plan.hypothesis_template)
            index = self.template.count() - 1
        self.template.blockSignals(True)
        self.template.setCurrentIndex(max(0, index))
        self.template.blockSignals(False)
        self._template_text = plan.hypothesis or ""

    def _pick(self, caption: str, day: date) -> None:
        self.date_edit.setDate(_qdate(day))
        self._picked = (caption, day)

    def chosen_template(self) -> str | None:
        """The template chosen, else the quick pick that set the day (one that parks the account)."""
        if self.template.currentData():
            return self.template.currentData()
        if self._picked is not None and self._picked[1] == self.chosen_date():
            return pick_template(self._picked[0])
        return None

    def chosen_date(self) -> date:
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())

    def _template_chosen(self) -> None:
        name = self.template.currentData()
        template = hypotheses.find_template(self.templates, name)
        current = self.hypothesis.toPlainText().strip()
        if template is None:
            self.template_note.setText("")
            return
        if not current or current == self._template_text.strip():
            self.hypothesis.setPlainText(template.text)
            self._template_text = template.text
        proposed = hypotheses.propose_date(template, self.today, self.company.fiscal_year_end_month,
                                           self.calendar.closures)
        if proposed is not None:
            self.date_edit.setDate(_qdate(proposed))
            self.template_note.setText(arg(self.tr("Proposed day: %1 (%2)"), f"{proposed:%Y/%m/%d}",
                                           hypotheses.describe_rule(template)))
        elif template.needs_fiscal_month():
            self.template_note.setText(self.tr(
                "This account has no fiscal year end month, so the template cannot propose a day. "
                "Choose the day yourself, or enter the month on the account."))
        else:
            self.template_note.setText("")

    def _tzinfo(self):
        """An edited plan keeps the time zone it was stored with (the time shown is its own)."""
        if self.plan is None:
            return None
        due = parse_due(self.plan.due)
        return due.tzinfo if isinstance(due, datetime) else None

    def save(self) -> None:
        clock = None
        if self.timed.isChecked():
            value = self.time_edit.time()
            clock = time(value.hour(), value.minute())
        try:
            self.plan = plan_form.save_plan(
                self.db, self.company_id, plan_form.combine(self.chosen_date(), clock, self._tzinfo()),
                kind=self.kind.currentData(), hypothesis=self.hypothesis.toPlainText(),
                template=self.chosen_template(), contact_id=self.contact.currentData(),
                plan_id=self.plan_id, today=self.today,
            )
        except KakeruError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()
