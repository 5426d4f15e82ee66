"""Nothing the caller typed is lost: the call form is kept in the open session as a draft while it is
typed (a moment after the last change, and at once when the session is hidden), it is offered back
after a restart or a crash, and every way out of the session — ending it, starting another, closing
the window — asks first whether to save it, discard it or stay.

Mixed into ``SessionView`` (``ui/session/view.py``), which owns the form (``panel``), the card and
the session state. Keeping a draft is the session's own bookkeeping (like its position), so it is
written straight through ``models.planning.sessions`` and tells no view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QStackedWidget, QWidget
from sqlite_utils import Database

from models.accounts.vocab import OUTCOME
from models.planning import sessions
from models.planning.session_card import AccountCard
from models.store import clock as working_clock
from models.store.errors import KakeruError
from ui.i18n import arg, label
from ui.naming import named as _named
from ui.session.outcome_panel import OutcomePanel

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 400  # after the last keystroke: one small write per pause, not one per key


class DraftKeeping:
    """The draft of the call form, and the question on leaving (a mixin of ``SessionView``)."""

    # What the view provides.
    db: Database
    clock: Callable[[], datetime]
    state: sessions.SessionState | None
    card: AccountCard | None
    panel: OutcomePanel
    call_page: QWidget
    stack: QStackedWidget

    def _build_draft_bar(self) -> QWidget:
        """The line saying a draft was put back, with the button that discards it."""
        self._draft_kept = False  # whether the stored session holds a draft of the form on screen
        self.draft_at: datetime | None = None  # when the draft put back was typed (the call's time)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self.panel.edited.connect(self._draft_timer.start)
        self.draft_bar = _named(QWidget(), "sessionDraftBar", self.tr("Input put back"))
        self.draft_bar.setStyleSheet("#sessionDraftBar { background: #fff4ce; border-radius: 3px; }")
        self.draft_label = _named(QLabel(), "sessionDraftLabel", self.tr("About the input put back"))
        self.draft_label.setWordWrap(True)
        self.discard_draft_button = _named(QPushButton(self.tr("Discard d&raft")), "discardDraftButton",
                                           self.tr("Discard the input put back"))
        self.discard_draft_button.clicked.connect(self.discard_draft)
        row = QHBoxLayout(self.draft_bar)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.draft_label, 1)
        row.addWidget(self.discard_draft_button)
        self.draft_bar.hide()
        return self.draft_bar

    # -- keeping --------------------------------------------------------------------------------------
    def keep_draft(self) -> None:
        """Write the form as it stands into the session (an empty form forgets the draft)."""
        self._draft_timer.stop()
        if self.state is None or self.card is None or self.stack.currentWidget() is not self.call_page:
            return
        draft = self.panel.draft(self.card.company.id)
        if draft.empty and not self._draft_kept:
            return
        try:
            self.state = sessions.keep_draft(self.db, draft, now=working_clock.iso(self.clock()))
        except KakeruError as error:  # a locked or full disk: say so where the caller looks
            log.warning("could not keep the draft: %s", error)
            self.panel.show_error(arg(self.tr("What you typed could not be kept: %1"), str(error)))
            return
        self._draft_kept = self.state.draft is not None

    def _form_shown(self, state: sessions.SessionState | None) -> None:
        """A fresh form is on screen for the current account of ``state`` (None: no form): put back
        its draft, if one was kept."""
        self._draft_timer.stop()
        draft = state.draft if state is not None else None
        self._draft_kept = draft is not None
        self.draft_bar.setVisible(draft is not None)
        self.draft_at = None
        if draft is None:
            return
        self.panel.restore_draft(draft)
        try:
            self.draft_at = working_clock.parse(draft.saved_at)
            when = f"{self.draft_at.month}/{self.draft_at.day} {self.draft_at:%H:%M}"
        except ValueError:
            when = ""
        self.draft_label.setText(arg(self.tr(
            "Put back what you typed at %1 and had not saved. Enter saves it; Alt+R discards it."), when))

    def discard_draft(self) -> None:
        """Forget the draft put back and start the form of this account afresh."""
        if self.state is None or self.card is None:
            return
        self._draft_timer.stop()
        self.state = sessions.discard_draft(self.db)
        self._draft_kept = False
        self.draft_at = None
        self.draft_bar.hide()
        self.panel.set_account(self.card, self.panel.rules, self.panel.calendar, self.panel.now)
        self.call_page.setFocus()

    # -- leaving --------------------------------------------------------------------------------------
    def has_unsaved_input(self) -> bool:
        """Whether the form on screen holds an outcome or words not saved yet."""
        return (self.card is not None and self.stack.currentWidget() is self.call_page
                and not self.panel.draft(self.card.company.id).empty)

    def confirm_leave(self) -> bool:
        """Before leaving the session (ending it, starting another, closing the window): save what
        was typed, discard it, or stay. Returns False to stay."""
        if not self.has_unsaved_input():
            return True
        self.keep_draft()  # whatever is answered, nothing is lost while the question is open
        outcome = self.panel.outcome()
        what = label(OUTCOME, outcome) if outcome else self.tr("a note")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved call"), arg(self.tr(
            "The call with %1 (%2) has not been saved yet. Save it before leaving?"),
            self.card.company.name, what), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("leaveSessionQuestion")
        box.setAccessibleName(self.tr("Unsaved call"))
        save = box.addButton(self.tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        for button, name in ((save, "leaveSaveButton"), (discard, "leaveDiscardButton"),
                             (cancel, "leaveCancelButton")):
            button.setObjectName(name)
            button.setAccessibleName(button.text().replace("&", ""))
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is save:
            return self.save()
        if clicked is discard:
            self.state = sessions.discard_draft(self.db)
            self._draft_kept = False
            return True
        return False
