"""Logging the call of a session: the meeting form for an appointment, the save that commits the outcome
and the step to the next account together, and what undo and redo of that save do to the session.

Mixed into ``SessionView`` (``ui/session/view.py``), which owns the form (``panel``), the card and
the session state these methods read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget
from sqlite_utils import Database

from models.accounts.vocab import OUTCOME
from models.planning import sessions
from models.planning.calendar import CalendarRules
from models.planning.dispositions import Rule
from models.planning.hearing import heard_now
from models.planning.session_card import AccountCard
from models.planning.touches import LoggedOutcome, log_outcome
from models.store.db import writing
from models.store.errors import KakeruError
from models.store.settings import caller_name
from ui.i18n import arg, label
from ui.operations import run_write
from ui.session.card import AccountCardView
from ui.session.commands import LogOutcomeCommand
from ui.session.outcome_panel import OutcomePanel
from ui.signals import DataBus


class OutcomeSaving:
    """Save, the appointment's meeting form, and undo/redo of a save (a mixin of ``SessionView``)."""

    # What the view provides.
    db: Database
    bus: DataBus
    undo_stack: QUndoStack
    state: sessions.SessionState | None
    card: AccountCard | None
    clock: Callable[[], datetime]
    draft_at: datetime | None  # when a draft put back after a restart was typed: the call's time
    rules: dict[str, Rule]
    calendar: CalendarRules
    panel: OutcomePanel
    card_view: AccountCardView
    call_page: QWidget
    _saving: bool

    # -- the meeting of an appointment ----------------------------------------------------------------
    def _meeting_prefill(self) -> dict[str, Any]:
        contact_id = self.panel.contact_id()
        return {"attendees": [contact_id] if contact_id else []}

    def _open_meeting_form(self, values: dict[str, Any]) -> bool:
        from ui.dialogs.meeting_form import MeetingDialog

        # The notes start from what this call heard (dated now) and what earlier calls heard.
        heard = heard_now(self.panel.hearing_values(), self.clock(), caller_name(self.db) or None)
        dialog = MeetingDialog(self.db, self.card.company.id, self, values=values, save=False, heard=heard)
        accepted = dialog.exec() == MeetingDialog.DialogCode.Accepted
        if accepted:
            self.panel.set_meeting(dialog.values())
        dialog.deleteLater()
        return accepted

    def _outcome_chosen(self, outcome: str) -> None:
        # The keys come back to the session when the form closes (SessionView.take_keys_back).
        if outcome == "appointment" and self.card is not None and not self._open_meeting_form(
                self._meeting_prefill()):
            self.panel.clear_outcome()

    def _edit_meeting(self) -> None:
        if self.card is not None:
            self._open_meeting_form({**self._meeting_prefill(), **(self.panel.meeting or {})})

    # -- saving ---------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Log the outcome (committed at once), make it undoable, and draw the next account.

        Returns whether it was logged (False: nothing to log, or refused with the reason shown).
        """
        if self._saving or self.card is None or self.state is None or QApplication.activeModalWidget():
            return False
        outcome = self.panel.outcome()
        if outcome is None:
            self.panel.show_error(self.tr("Choose an outcome first (keys 1–9), or skip with S."))
            return False
        if outcome == "appointment" and not self.panel.meeting and not self._open_meeting_form(
                self._meeting_prefill()):
            return False
        kwargs = self.panel.log_kwargs()
        kwargs.update(at=self.draft_at or self.clock(), session_uid=self.state.uid,
                      caller=caller_name(self.db) or None)
        company_id, session_uid, position = self.card.company.id, self.state.uid, self.state.position
        text = arg(self.tr("Log %1 for %2"), label(OUTCOME, outcome), self.card.company.name)

        def log() -> LoggedOutcome:
            # The outcome and the step to the next account commit together: one write to disk, and
            # a crash can never leave one without the other.
            with writing(self.db):
                logged = log_outcome(self.db, company_id, outcome, rules=self.rules, calendar=self.calendar,
                                     **kwargs)
                sessions.advance(self.db)
            self.card_view.map_panel.set_company(None)  # the next account's map is drawn below, once
            return logged

        def refused(error: KakeruError) -> None:
            self.panel.show_error(str(error))
            self._focus_missing(outcome)

        def command(logged: LoggedOutcome) -> LogOutcomeCommand:
            again = {**kwargs, "rules": self.rules, "calendar": self.calendar}
            return LogOutcomeCommand(text, self.db, self.bus, logged, again, session_uid, position,
                                     self._undone, self._redone)

        self._saving = True
        try:
            logged = run_write(self.bus, self.undo_stack, text, log, command=command, on_error=refused)
        finally:
            self._saving = False
        if logged is not None:
            self.show_current()
        return logged is not None

    def _focus_missing(self, outcome: str) -> None:
        if outcome in ("no_need", "callback_requested"):
            if self.panel.due() is None:
                self.panel.date_edit.setFocus()
            elif outcome == "callback_requested":
                self.panel.time_edit.setFocus()
            else:
                self.panel.hypothesis.setFocus()
        elif self.panel.plan_form.isVisible() and not self.panel.hypothesis.text().strip():
            self.panel.hypothesis.setFocus()  # a nurture plan refused without its hypothesis

    # -- undo ---------------------------------------------------------------------------------------
    def _undone(self, command: LogOutcomeCommand) -> None:
        state = sessions.current_session(self.db)
        if state is None or state.uid != command.session_uid or state.position < command.position:
            return
        while state.position > command.position:
            state = sessions.step_back(self.db)
        self.show_current(restore=(command.logged.outcome, command.kwargs))

    def _redone(self, command: LogOutcomeCommand) -> None:
        state = sessions.current_session(self.db)
        if state is None or state.uid != command.session_uid or state.position != command.position:
            return
        sessions.advance(self.db)
        self.show_current()
