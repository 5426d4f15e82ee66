"""The next-touch part of the call form: quick picks, date and time, hypothesis, and what the rules
propose (or the meeting, for an appointment).

Mixed into ``OutcomePanel`` (``ui/session/outcome_panel.py``), which builds this box in its form and
sets the proposal when an outcome is chosen.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from models.accounts.entities import Plan
from models.planning.calendar import CalendarRules
from models.planning.dispositions import Proposal, Rule, is_nurture_plan, pick_template, quick_pick_dates
from models.planning.plans import due_day
from models.planning.session_card import AccountCard
from models.store import clock as working_clock
from ui.i18n import arg
from ui.naming import named as _named
from ui.widgets.business_day_hint import BusinessDayHint
from ui.widgets.flow_layout import flow_widget

# The quick picks of models.planning.dispositions.quick_pick_dates, in its order, by their Japanese key.
QUICK_PICKS = ("明日", "3営業日後", "来週", "1ヶ月後", "3ヶ月後", "6ヶ月後", "決算月の3ヶ月前")


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class NextTouchForm:
    """The next-touch box of the outcome panel (a mixin of ``OutcomePanel``, a QWidget)."""

    # What the panel provides.
    card: AccountCard | None
    rules: dict[str, Rule]
    calendar: CalendarRules
    now: datetime
    proposal: Proposal | None
    meeting: dict[str, Any] | None

    def _build_next_box(self) -> None:
        """The box below the note: quick picks, date, time and hypothesis, or the meeting button."""
        self.next_box = _named(QGroupBox(self.tr("Next touch")), "nextTouchBox", self.tr("Next touch"))
        self.pick_buttons: list[QPushButton] = []
        pick_texts = (self.tr("Tomorrow"), self.tr("In 3 business days"), self.tr("Next week"),
                      self.tr("In 1 month"), self.tr("In 3 months"), self.tr("In 6 months"),
                      self.tr("3 months before FY end"))
        for position, text in enumerate(pick_texts):
            button = _named(QPushButton(text), f"quickPick_{position + 1}", text)
            button.setToolTip(arg(self.tr("Alt+%1"), position + 1))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _checked=False, p=position: self.quick_pick(p))
            self.pick_buttons.append(button)
        self.picks = flow_widget(self.pick_buttons, "quickPicks")

        self.date_edit = _named(QDateEdit(), "nextDateEdit", self.tr("Next touch date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd (ddd)")
        self.date_edit.setSpecialValueText(self.tr("No date"))
        self.time_check = _named(QCheckBox(self.tr("at")), "nextTimeCheck", self.tr("At a set time"))
        self.time_edit = _named(QTimeEdit(QTime(10, 0)), "nextTimeEdit", self.tr("Next touch time"))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_check.toggled.connect(self.time_edit.setEnabled)
        self.time_edit.setEnabled(False)
        self.day_hint = BusinessDayHint(self.date_edit, lambda: self.calendar.closures, self.time_edit,
                                        name="nextDayHint")
        when = QHBoxLayout()
        when.addWidget(self.date_edit, 1)
        when.addWidget(self.time_check)
        when.addWidget(self.time_edit)
        self.hypothesis = _named(QLineEdit(), "hypothesisEdit", self.tr("Hypothesis"))
        self.hypothesis.setPlaceholderText(self.tr("Why then? e.g. their hiring plan is drafted in January"))
        self.offer_button = _named(QPushButton(), "offeredHypothesisButton",
                                   self.tr("Use the hypothesis of the open plan"))
        self.offer_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.offer_button.setFlat(True)
        self.offer_button.setStyleSheet("text-align: left;")
        self.offer_button.clicked.connect(self._use_offered)
        self.hypothesis.textChanged.connect(self._show_offer)
        self.date_edit.dateChanged.connect(self._date_changed)
        self._picked: str | None = None  # the quick pick that set the date
        self._pick_dates: dict[str, date] = {}
        self.next_info = _named(QLabel(), "nextTouchInfo", self.tr("About the next touch"))
        self.next_info.setWordWrap(True)
        self.meeting_button = _named(QPushButton(self.tr("Edit &meeting…")), "editMeetingButton",
                                     self.tr("Edit the meeting"))
        self.meeting_button.clicked.connect(self.meeting_requested)
        date_label = QLabel(self.tr("D&ate"))
        date_label.setBuddy(self.date_edit)
        hypothesis_label = QLabel(self.tr("&Hypothesis"))
        hypothesis_label.setBuddy(self.hypothesis)
        self.plan_form = QWidget()
        plan_layout = QFormLayout(self.plan_form)
        plan_layout.setContentsMargins(0, 0, 0, 0)
        plan_layout.addRow(self.picks)
        plan_layout.addRow(date_label, when)
        plan_layout.addRow("", self.day_hint)
        plan_layout.addRow(hypothesis_label, self.hypothesis)
        plan_layout.addRow("", self.offer_button)
        next_layout = QVBoxLayout(self.next_box)
        next_layout.setContentsMargins(6, 4, 6, 4)
        next_layout.addWidget(self.next_info)
        next_layout.addWidget(self.plan_form)
        next_layout.addWidget(self.meeting_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _configure_picks(self) -> None:
        fiscal = self.card.company.fiscal_year_end_month if self.card else None
        self._pick_dates = dict(quick_pick_dates(self.now.date(), fiscal, self.calendar))
        for position, button in enumerate(self.pick_buttons):
            day = self._pick_dates.get(QUICK_PICKS[position])
            button.setVisible(day is not None)
            if day is not None:
                button.setToolTip(f"{day.isoformat()} (Alt+{position + 1})")
        self.date_edit.setMinimumDate(qdate(self.now.date()).addDays(-1))
        self.date_edit.setDate(self.date_edit.minimumDate())
        self._picked = None
        self._show_offer()

    def _show_next(self, outcome: str | None) -> None:
        proposal = self.proposal if outcome else None
        self.plan_form.setVisible(bool(proposal and proposal.makes_plan))
        self.meeting_button.setVisible(outcome == "appointment")
        if outcome is None:
            self.next_info.setText(self.tr("Choose an outcome: the next touch is proposed from the rules."))
        elif proposal.leaves_queue:
            self.next_info.setText(self.tr("No next touch: the account leaves every queue."))
        elif proposal.opens_meeting_form:
            self.next_info.setText(self._meeting_text())
        elif outcome == "no_need" or (outcome != "callback_requested"
                                      and is_nurture_plan(self.due(), self.now.date(), self.calendar)):
            # A date past the follow-ups makes it a nurture plan: it needs its reason too.
            self.next_info.setText(self.tr("Nurture: choose when to call again and write why then."))
        elif outcome == "callback_requested":
            self.next_info.setText(self.tr("Enter the day and time they asked to be called back."))
        else:
            self.next_info.setText(self.tr("Proposed from the rules; change it if you know better."))

    def _meeting_text(self) -> str:
        if not self.meeting:
            return self.tr("The meeting form opens to set the appointment.")
        starts = self.meeting.get("starts_at")
        if isinstance(starts, str):
            starts = working_clock.parse(starts)
        when = f"{starts.month}/{starts.day} {starts:%H:%M}" if isinstance(starts, datetime) else ""
        where = self.meeting.get("place") or self.meeting.get("online_url") or ""
        rep = self.meeting.get("field_rep") or ""
        return arg(self.tr("Meeting: %1 %2 %3"), when, where, rep).strip()

    def quick_pick(self, position: int) -> None:
        """Set the next date to quick pick ``position`` (0-based); then the hypothesis is next to fill."""
        day = self._pick_dates.get(QUICK_PICKS[position]) if 0 <= position < len(QUICK_PICKS) else None
        if day is None or not self.plan_form.isVisible():
            return
        self.date_edit.setDate(qdate(day))
        self._picked = QUICK_PICKS[position]
        if is_nurture_plan(day, self.now.date(), self.calendar, outcome=self.outcome(), rules=self.rules) \
                and not self.hypothesis.text().strip():
            self.hypothesis.setFocus()

    def _date_changed(self) -> None:
        if self.outcome() and self.proposal is not None:
            self._show_next(self.outcome())

    # -- the hypothesis of the open plan, and the template the plan records ---------------------------
    def offered_plan(self) -> Plan | None:
        """The open plan whose hypothesis the next touch is offered: the soonest with one someone wrote
        (not a disposition rule's stock sentence)."""
        if self.card is None:
            return None
        stock = {rule.hypothesis for rule in self.rules.values() if rule.hypothesis}
        return next((plan for plan in self.card.open_plans
                     if (plan.hypothesis or "").strip() and plan.hypothesis.strip() not in stock), None)

    def offered_hypothesis(self) -> str:
        plan = self.offered_plan()
        return plan.hypothesis.strip() if plan is not None else ""

    def _show_offer(self) -> None:
        offered = self.offered_hypothesis()
        shown = bool(offered) and self.hypothesis.text().strip() != offered
        if shown:
            self.offer_button.setText(arg(self.tr("Use the open plan's hypothesis: %1"),
                                          " ".join(offered.split())))
        self.offer_button.setVisible(shown)

    def _use_offered(self) -> None:
        self.hypothesis.setText(self.offered_hypothesis())
        self.hypothesis.setFocus()

    def plan_template(self) -> str | None:
        """The template the next plan came from: the quick pick that set its day, when it is one that
        parks the account (a hypothesis kept from the open plan does not time this one: no template)."""
        due = self.due()
        picked = self._pick_dates.get(self._picked) if self._picked else None
        if due is not None and picked is not None and due_day(due) == picked:
            return pick_template(self._picked)
        return None

    def restore_template(self, template: str | None) -> None:
        """After an undo: the quick pick a logged plan's template names set its day again."""
        if template in QUICK_PICKS:
            self._picked = template

    def due(self) -> date | datetime | None:
        if self.date_edit.date() == self.date_edit.minimumDate():
            return None
        day = self.date_edit.date().toPython()
        if self.time_check.isChecked():
            clock = self.time_edit.time().toPython()
            return datetime.combine(day, clock).replace(tzinfo=self.now.tzinfo)
        return day
