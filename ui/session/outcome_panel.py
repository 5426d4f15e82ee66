"""The right half of the call session: timer, who answered, the outcome on keys 1–9, note, hearing,
and the next touch as the rule proposes it (quick picks, date, time, hypothesis) or the meeting.

The panel only gathers; ``log_kwargs`` turns the form into the arguments of
``models.planning.touches.log_outcome`` and the session view saves; ``draft`` is the same form as a
``models.planning.sessions.Draft`` kept while it is typed, and ``restore_draft`` puts one back. The
next-touch box is ``next_touch.NextTouchForm``, the timer ``call_timer.CallTimer``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.accounts.vocab import CONTACT_ROLE, CONVERSATION_OUTCOMES, OUTCOME
from models.planning.calendar import CalendarRules
from models.planning.dispositions import Proposal, Rule, propose_next
from models.planning.hypotheses import plan_to_judge
from models.planning.session_card import AccountCard
from models.planning.sessions import Draft
from models.planning.touches import HEARING_FIELDS
from models.store import clock
from ui.form_parts import error_label
from ui.i18n import arg, label
from ui.naming import named as _named
from ui.session.call_timer import CallTimer
from ui.session.hypothesis_check import HypothesisCheck
from ui.session.next_touch import NextTouchForm, qdate

# The chosen outcome must be visible at a glance, across the room as well.
CHECKED_STYLE = "QPushButton:checked { background: #1f5fa8; color: white; font-weight: bold; }"
DEFAULT_CALLBACK_TIME = time(10, 0)


class OutcomePanel(CallTimer, NextTouchForm, QWidget):
    """The form of one call. ``outcome_chosen(str)`` fires when an outcome is picked (the view opens
    the meeting form for an appointment); ``save_requested`` when the person asks to save; ``edited``
    when the person changed anything (not when an account fills the form)."""

    outcome_chosen = Signal(str)
    save_requested = Signal()
    meeting_requested = Signal()
    edited = Signal()

    def __init__(self, outcome_order: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outcomePanel")
        self.setAccessibleName(self.tr("Call outcome"))
        self.outcome_order = list(outcome_order)
        self.card: AccountCard | None = None
        self.rules: dict[str, Rule] = {}
        self.calendar = CalendarRules()
        self.now = clock.now()
        self.proposal: Proposal | None = None
        self.meeting: dict[str, Any] | None = None
        self._quiet = 0  # > 0 while the form is filled for an account: not the person's edit
        self._build()
        self._watch_edits()

    # -- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        timer_row = self._build_timer()

        self.contact_combo = _named(QComboBox(), "sessionContactCombo", self.tr("Person on the line"))
        self.contact_combo.currentIndexChanged.connect(self._contact_changed)
        self.decision_maker_check = _named(QCheckBox(self.tr("Reached a &decision maker")),
                                           "decisionMakerCheck", self.tr("Reached a decision maker"))
        who = QHBoxLayout()
        who.addWidget(self.contact_combo, 1)
        who.addWidget(self.decision_maker_check)
        who_label = QLabel(self.tr("&Talking to"))
        who_label.setBuddy(self.contact_combo)

        self.outcome_group = QButtonGroup(self)
        self.outcome_group.setExclusive(True)
        self.outcome_buttons: dict[str, QPushButton] = {}
        grid = self.outcome_grid = QGridLayout()
        grid.setSpacing(4)
        for outcome in self.outcome_order:
            button = _named(QPushButton(), f"outcome_{outcome}", label(OUTCOME, outcome))
            button.setCheckable(True)
            # The number keys are the way to an outcome from the keyboard; a click must not take the
            # keys away from where the caller is typing.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(34)
            button.setStyleSheet(CHECKED_STYLE)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, o=outcome: self.choose(o))
            self.outcome_group.addButton(button)
            self.outcome_buttons[outcome] = button
        self._label_outcomes()

        self.note = _named(QPlainTextEdit(), "sessionNote", self.tr("Note"))
        self.note.setPlaceholderText(self.tr("What was said (Enter saves, Shift+Enter for a new line)"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(64)
        note_label = QLabel(self.tr("&Note"))
        note_label.setBuddy(self.note)

        self.hearing_box = _named(QGroupBox(self.tr("Hearing")), "hearingBox", self.tr("Hearing"))
        captions = {
            "issue": self.tr("Issue"), "current": self.tr("Current situation"), "budget": self.tr("Budget"),
            "timing": self.tr("Timing"), "decision_maker": self.tr("Decision maker"),
            "competitor": self.tr("Competitors"),
        }
        self.hearing: dict[str, QLineEdit] = {}
        hearing_grid = QGridLayout(self.hearing_box)
        hearing_grid.setContentsMargins(6, 4, 6, 4)
        for position, field in enumerate(HEARING_FIELDS):
            edit = _named(QLineEdit(), f"hearing_{field}", captions[field])
            self.hearing[field] = edit
            row, column = divmod(position, 2)
            hearing_grid.addWidget(QLabel(captions[field]), row, column * 2)
            hearing_grid.addWidget(edit, row, column * 2 + 1)
        # Open from the start: what is heard is typed during the call, before any outcome (and the
        # meeting form of an appointment starts from it).
        self.hypothesis_check = HypothesisCheck()

        self._build_next_box()

        self.error = error_label("sessionError", self.tr("Why it cannot be saved"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(timer_row)
        layout.addWidget(who_label)
        layout.addLayout(who)
        heading = QLabel(self.tr("Outcome (keys 1–9)"))
        bold = QFont(heading.font())
        bold.setBold(True)
        heading.setFont(bold)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(self.hypothesis_check)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.hearing_box)
        layout.addWidget(self.next_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._show_next(None)

    def _watch_edits(self) -> None:
        """Every change the person makes to the form says ``edited`` (the session keeps a draft)."""
        signals = [self.note.textChanged, self.hypothesis.textChanged, self.date_edit.dateChanged,
                   self.time_check.toggled, self.time_edit.timeChanged, self.decision_maker_check.toggled,
                   self.contact_combo.currentIndexChanged]
        signals += [edit.textChanged for edit in self.hearing.values()]
        signals.append(self.hypothesis_check.changed)
        for signal in signals:
            signal.connect(self._edited)

    def _edited(self, *_args: Any) -> None:
        if not self._quiet:
            self.edited.emit()

    def _label_outcomes(self) -> None:
        """The buttons in key order, three to a row, each with its key."""
        for position, outcome in enumerate(self.outcome_order):
            button = self.outcome_buttons[outcome]
            button.setText(f"{position + 1}  {label(OUTCOME, outcome)}")
            button.setToolTip(arg(self.tr("Key %1"), position + 1))
            self.outcome_grid.addWidget(button, position // 3, position % 3)  # moves it if placed already

    def set_order(self, outcome_order: list[str]) -> None:
        """Put the outcomes on other number keys (the same outcomes, another order)."""
        if sorted(outcome_order) != sorted(self.outcome_buttons):
            raise ValueError(f"the order must name every outcome once: {outcome_order!r}")
        self.outcome_order = list(outcome_order)
        self._label_outcomes()

    # -- account ------------------------------------------------------------------------------------
    def set_account(self, card: AccountCard, rules: dict[str, Rule], calendar: CalendarRules,
                    now: datetime, contact_id: int | None = None) -> None:
        """Clear the form for a new account called at ``now``; its call timer starts."""
        self.card, self.rules, self.calendar, self.now = card, rules, calendar, now
        self._quiet += 1  # clearing the form is not the person's edit
        self.proposal = None
        self.meeting = None
        self.reset_timer()
        chosen = contact_id if contact_id is not None else (card.ask_for.id if card.ask_for else None)
        self.fill_contacts(card, chosen)
        self.outcome_group.setExclusive(False)
        for button in self.outcome_buttons.values():
            button.setChecked(False)
        self.outcome_group.setExclusive(True)
        self.note.clear()
        for edit in self.hearing.values():
            edit.clear()
        self.hypothesis.clear()
        self.decision_maker_check.setChecked(False)
        self._show_earlier_hearing(card)
        self.hypothesis_check.set_plan(plan_to_judge(card.open_plans, now.date(), rules))
        self.error.hide()
        self._configure_picks()
        self._show_next(None)
        self._quiet -= 1
        self.start_timer()

    def fill_contacts(self, card: AccountCard, chosen: int | None) -> None:
        """The people of ``card`` in the "talking to" list, ``chosen`` selected."""
        self.card = card
        self._quiet += 1
        self.contact_combo.blockSignals(True)
        self.contact_combo.clear()
        self.contact_combo.addItem(self.tr("Reception / not named"), None)
        for contact in card.contacts:
            details = " · ".join(p for p in (label(CONTACT_ROLE, contact.role), contact.department,
                                             contact.title) if p)
            text = f"{contact.name}（{details}）" if details else contact.name
            self.contact_combo.addItem(text, contact.id)
        self.contact_combo.blockSignals(False)
        self.set_contact(chosen)
        self._quiet -= 1

    def set_contact(self, contact_id: int | None) -> None:
        index = self.contact_combo.findData(contact_id)
        self.contact_combo.setCurrentIndex(max(index, 0))

    def contact_id(self) -> int | None:
        value = self.contact_combo.currentData()
        return int(value) if value is not None else None

    def _contact_changed(self) -> None:
        contact = self.card.contact(self.contact_id()) if self.card else None
        # Talking with a decision maker about the account is reaching one; naming a time is not.
        if (contact is not None and contact.role == "decision_maker"
                and self.outcome() in CONVERSATION_OUTCOMES):
            self.decision_maker_check.setChecked(True)

    # -- outcome ------------------------------------------------------------------------------------
    def outcome(self) -> str | None:
        button = self.outcome_group.checkedButton()
        return next((o for o, b in self.outcome_buttons.items() if b is button), None)

    def choose_key(self, key: int) -> None:
        """The outcome on number key ``key`` (1–9)."""
        if 1 <= key <= len(self.outcome_order):
            self.choose(self.outcome_order[key - 1])

    def choose(self, outcome: str, announce: bool = True) -> None:
        """Pick ``outcome``: stop the timer and show the proposal (the keys stay where they were, so
        another number key changes the outcome; Tab goes on to the note)."""
        if self.card is None:
            return
        self.stop_timer()
        self.outcome_buttons[outcome].setChecked(True)
        self.error.hide()
        self.proposal = propose_next(outcome, self.now, self.card.company, self.rules, self.calendar)
        self.hypothesis_check.offer(True)  # the call happened: did the plan's hypothesis hold?
        contact = self.card.contact(self.contact_id())
        if outcome in CONVERSATION_OUTCOMES and contact is not None and contact.role == "decision_maker":
            self.decision_maker_check.setChecked(True)
        if outcome != "appointment":
            self.meeting = None
        if self.proposal.makes_plan:
            due = self.proposal.due
            self.date_edit.setDate(qdate(due) if due else self.date_edit.minimumDate())
            self.time_check.setChecked(self.proposal.requires_time)
            self.time_edit.setTime(QTime(DEFAULT_CALLBACK_TIME.hour, DEFAULT_CALLBACK_TIME.minute))
            self.hypothesis.setText(self.proposal.hypothesis or self.offered_hypothesis())
        self._show_next(outcome)
        self._edited()
        if announce:
            self.outcome_chosen.emit(outcome)

    def clear_outcome(self) -> None:
        self.outcome_group.setExclusive(False)
        for button in self.outcome_buttons.values():
            button.setChecked(False)
        self.outcome_group.setExclusive(True)
        self.proposal = None
        self.meeting = None
        self.hypothesis_check.offer(False)
        self._show_next(None)
        self._edited()

    def set_meeting(self, values: dict[str, Any]) -> None:
        self.meeting = dict(values)
        self._show_next("appointment")
        self._edited()

    # -- the form as log_outcome arguments ----------------------------------------------------------
    def hearing_values(self) -> dict[str, str]:
        return {field: edit.text().strip() for field, edit in self.hearing.items() if edit.text().strip()}

    def _show_earlier_hearing(self, card: AccountCard) -> None:
        """Each hearing field shows in grey what earlier calls heard (newest), its tooltip all of it."""
        for field, edit in self.hearing.items():
            facts = [fact for fact in card.hearing if fact.field == field]
            edit.setPlaceholderText(arg(self.tr("Earlier: %1 (%2)"), facts[0].text, facts[0].day())
                                    if facts else "")
            edit.setToolTip("\n".join(f"{fact.day()}  {fact.text}" for fact in facts))

    def log_kwargs(self) -> dict[str, Any]:
        """The form as keyword arguments of ``log_outcome`` (without the company and outcome)."""
        outcome = self.outcome()
        kwargs: dict[str, Any] = {
            "contact_id": self.contact_id(), "duration_s": self.duration_s(),
            "note": self.note.toPlainText(), "reached_decision_maker": self.decision_maker_check.isChecked(),
        }
        if hearing := self.hearing_values():  # heard during the call, whatever the outcome
            kwargs["hearing"] = hearing
        if self.proposal and self.proposal.makes_plan:
            kwargs["next_plan"] = {"due": self.due(), "hypothesis": self.hypothesis.text(),
                                   "contact_id": self.contact_id(), "template": self.plan_template()}
        if results := self.hypothesis_check.results():
            kwargs["hypothesis_results"] = results
        if outcome == "appointment" and self.meeting:
            kwargs["meeting"] = dict(self.meeting)
        return kwargs

    def draft(self, company_id: int) -> Draft:
        """The form as it stands, to keep until it is saved."""
        outcome = self.outcome()
        due: str | None = None
        plan = bool(outcome and self.proposal and self.proposal.makes_plan)
        if plan and (value := self.due()) is not None:
            due = value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value.isoformat()
        return Draft(
            company_id=company_id, outcome=outcome, note=self.note.toPlainText(),
            contact_id=self.contact_id(), reached_decision_maker=self.decision_maker_check.isChecked(),
            hearing=self.hearing_values(), due=due, hypothesis=self.hypothesis.text() if plan else "",
            meeting=dict(self.meeting) if outcome == "appointment" and self.meeting else None,
            duration_s=self.duration_s() if outcome else None,
        )

    def restore_draft(self, draft: Draft) -> None:
        """Show a kept draft in the form of its account (after a restart); it stays kept as it is."""
        self._quiet += 1
        try:
            if draft.outcome in self.outcome_buttons:
                plan: dict[str, Any] = {"hypothesis": draft.hypothesis}
                if draft.due:
                    plan["due"] = (datetime.fromisoformat(draft.due) if "T" in draft.due
                                   else date.fromisoformat(draft.due))
                self._restore(draft.outcome, {
                    "contact_id": draft.contact_id, "note": draft.note, "hearing": draft.hearing,
                    "reached_decision_maker": draft.reached_decision_maker, "next_plan": plan,
                    "meeting": draft.meeting, "duration_s": draft.duration_s})
            else:
                self.set_contact(draft.contact_id)
                self.note.setPlainText(draft.note)
                for field, value in draft.hearing.items():
                    if field in self.hearing:
                        self.hearing[field].setText(value)
                self.decision_maker_check.setChecked(draft.reached_decision_maker)
        finally:
            self._quiet -= 1

    def restore(self, outcome: str, kwargs: dict[str, Any]) -> None:
        """Show a logged outcome's form again (after an undo), so it can be fixed and saved."""
        self._quiet += 1
        try:
            self._restore(outcome, kwargs)
        finally:
            self._quiet -= 1
        self.edited.emit()  # the form is an unsaved one again

    def _restore(self, outcome: str, kwargs: dict[str, Any]) -> None:
        self.set_contact(kwargs.get("contact_id"))
        self.choose(outcome, announce=False)
        self.note.setPlainText(kwargs.get("note") or "")
        for field, value in (kwargs.get("hearing") or {}).items():
            if field in self.hearing:
                self.hearing[field].setText(value or "")
        self.decision_maker_check.setChecked(bool(kwargs.get("reached_decision_maker")))
        plan = kwargs.get("next_plan") or {}
        due = plan.get("due")
        if isinstance(due, datetime):
            self.date_edit.setDate(qdate(due.date()))
            self.time_check.setChecked(True)
            self.time_edit.setTime(QTime(due.hour, due.minute))
        elif isinstance(due, date):
            self.date_edit.setDate(qdate(due))
        if "hypothesis" in plan:
            self.hypothesis.setText(plan.get("hypothesis") or "")
        self.restore_template(plan.get("template"))
        for result in (kwargs.get("hypothesis_results") or {}).values():
            self.hypothesis_check.choose(result)
        if kwargs.get("meeting"):
            self.set_meeting(kwargs["meeting"])
        if kwargs.get("duration_s") is not None:
            self.show_stopped(kwargs["duration_s"])

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
