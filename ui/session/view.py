"""The call session: one account after another, each outcome logged with a keystroke and committed
at once; Ctrl+Z (the window's undo) puts the last one back; the end shows the summary.

The keys are ``keys.SessionKeys`` (1–9 outcome, Tab note, Enter save and next, Esc, S, T, D, O, E);
saving an outcome (and undoing it) is ``saving.OutcomeSaving``; keeping what was typed until it is
saved, and asking on the way out, is ``drafts.DraftKeeping``. Ending the session closes it for good:
only a session left open (the window closed, a crash) is resumed.

The card follows the data (STYLE.md habit 6): a person or link edited while the session is on screen
is read at once; anything the card shows that changed while it was hidden (a person added on the
account page during the call) is read when it is shown again, keeping the form as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts.vocab import COMPANY_STATUS
from models.planning import sessions
from models.planning.calendar import load_calendar
from models.planning.dispositions import load_rules
from models.planning.session_card import AccountCard, account_card
from models.store import clock as working_clock
from models.store.changes import (
    COMPANIES,
    CONTACTS,
    LIST_MEMBERS,
    MEETINGS,
    PLANS,
    RELATIONSHIPS,
    SETTINGS,
    TARGET_LISTS,
    TOUCHES,
    Changes,
)
from models.store.errors import NotFound
from ui.i18n import arg, label, number
from ui.naming import named as _named
from ui.operations import record
from ui.session.card import AccountCardView
from ui.session.drafts import DraftKeeping
from ui.session.keys import SessionKeys
from ui.session.outcome_panel import OutcomePanel
from ui.session.saving import OutcomeSaving
from ui.session.summary import SummaryView
from ui.settings import AppSettings
from ui.signals import DataBus, affects

MUTED = "color: palette(dark);"
# What the card shows: a change to any of these while the session is hidden is read on showing it.
CARD_TABLES = Changes.of(CONTACTS, RELATIONSHIPS, COMPANIES, TOUCHES, PLANS, MEETINGS, LIST_MEMBERS,
                         TARGET_LISTS, SETTINGS)


def tel_url(phone: str) -> QUrl:
    """``tel:`` with the digits (and a leading +) of a phone number as written."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return QUrl(f"tel:{digits}")


class SessionView(SessionKeys, DraftKeeping, OutcomeSaving, QWidget):
    """Fills the Today page while a session runs. ``closed`` when the caller is back to the queue."""

    closed = Signal()
    account_requested = Signal(int)

    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sessionView")
        self.setAccessibleName(self.tr("Call session"))
        self.db = db
        self.bus = bus
        self.settings = settings
        self.undo_stack = undo_stack
        self.list_id: int | None = None
        self.state: sessions.SessionState | None = None
        self.card: AccountCard | None = None
        self.clock: Callable[[], datetime] = working_clock.now
        self.rules = load_rules(db)
        self.calendar = load_calendar(db)
        self._saving = False
        self._card_stale = False  # the card's data changed while the session was hidden

        self.call_page = _named(QWidget(), "callPage", self.tr("The account being called"))
        self.call_page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build_call_page()
        self.summary = SummaryView()
        self.summary.finish_requested.connect(self.finish)
        self.stack = QStackedWidget()
        self.stack.setObjectName("sessionStack")
        self.stack.addWidget(self.call_page)
        self.stack.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._shortcuts()
        bus.changed.connect(self._on_data_changed)

    # -- building ---------------------------------------------------------------------------------
    def _build_call_page(self) -> None:
        self.progress_label = _named(QLabel(), "sessionProgress", self.tr("Progress"))
        self.progress_label.setStyleSheet(MUTED)
        self.name_label = _named(QLabel(), "sessionCompanyName", self.tr("Company"))
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kana_label = _named(QLabel(), "sessionCompanyKana", self.tr("Reading"))
        self.kana_label.setStyleSheet(MUTED)
        self.phone_label = _named(QLabel(), "sessionPhone", self.tr("Phone (click to call)"))
        phone_font = self.phone_label.font()
        phone_font.setPointSizeF(phone_font.pointSizeF() * 1.4)
        self.phone_label.setFont(phone_font)
        self.phone_label.setTextFormat(Qt.TextFormat.RichText)
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.phone_label.linkActivated.connect(lambda _link: self.dial())
        self.phone_label.setToolTip(self.tr("Call (D); the timer starts"))
        self.meta_label = _named(QLabel(), "sessionCompanyMeta", self.tr("About the company"))
        self.meta_label.setWordWrap(True)
        self.open_button = _named(QPushButton(self.tr("Open account (O)")), "sessionOpenAccountButton",
                                  self.tr("Open this account"))
        self.open_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.open_button.clicked.connect(self._open_account)
        self.end_button = _named(QPushButton(self.tr("End session (E)")), "endSessionButton",
                                 self.tr("End the session and show the summary"))
        self.end_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.end_button.clicked.connect(self.end)

        names = QVBoxLayout()
        names.setSpacing(2)
        title_row = QHBoxLayout()
        title_row.addWidget(self.name_label)
        title_row.addSpacing(10)
        title_row.addWidget(self.kana_label, 0, Qt.AlignmentFlag.AlignBottom)
        title_row.addStretch(1)
        names.addLayout(title_row)
        phone_row = QHBoxLayout()
        phone_row.addWidget(self.phone_label)
        phone_row.addSpacing(16)
        phone_row.addWidget(self.meta_label, 1)
        names.addLayout(phone_row)
        header = QHBoxLayout()
        header.addLayout(names, 1)
        header.addWidget(self.progress_label, 0, Qt.AlignmentFlag.AlignTop)
        header.addSpacing(8)
        header.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignTop)

        self.card_view = AccountCardView(self.db, self.bus, self.undo_stack)
        self.card_view.contact_activated.connect(self._contact_activated)
        self.card_view.script_edit_requested.connect(self.edit_script)
        self.panel = OutcomePanel(self.settings.session_outcome_order())
        self.panel.outcome_chosen.connect(self._outcome_chosen)
        self.panel.meeting_requested.connect(self._edit_meeting)
        self.panel.contact_combo.currentIndexChanged.connect(
            lambda _i: self.card_view.show_contact(self.panel.contact_id()))

        self.save_button = _named(QPushButton(self.tr("Save and next (Enter)")), "saveOutcomeButton",
                                  self.tr("Save the outcome and go to the next account"))
        self.save_button.clicked.connect(self.save)
        self.skip_button = _named(QPushButton(self.tr("Skip (S)")), "skipButton",
                                  self.tr("Skip this account"))
        self.skip_button.clicked.connect(self.skip)
        self.undo_button = _named(QPushButton(self.tr("Undo last (Ctrl+Z)")), "undoOutcomeButton",
                                  self.tr("Undo the last logged outcome"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        for button in (self.save_button, self.skip_button, self.undo_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button, 2)
        buttons.addWidget(self.skip_button, 1)
        buttons.addWidget(self.undo_button, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setObjectName("outcomeScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.panel)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self._build_key_hint())
        right_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sessionSplitter")
        self.splitter.addWidget(self.card_view)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 560])
        saved = self.settings.session_splitter()
        if not saved.isEmpty():
            self.splitter.restoreState(saved)
        self.splitter.splitterMoved.connect(
            lambda *_: self.settings.set_session_splitter(self.splitter.saveState()))

        layout = QVBoxLayout(self.call_page)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(header)
        layout.addWidget(self._build_draft_bar())
        layout.addWidget(self.splitter, 1)

    # -- starting and resuming ----------------------------------------------------------------------
    def start(self, company_ids: list[int], list_id: int | None = None) -> None:
        """Start a new session over ``company_ids`` (raises ValidationError when there are none)."""
        self.list_id = list_id
        self.state = sessions.start_session(self.db, company_ids)
        self.show_current()

    def resume(self) -> bool:
        """Pick up the session left open (after a restart or a crash); False when there is none."""
        self.state = sessions.resume_session(self.db)
        if self.state is None:
            return False
        self.show_current()
        return True

    def show_current(self, restore: tuple[str, dict[str, Any]] | None = None) -> None:
        """Draw the current account of the stored session (or the summary at its end)."""
        self.state = sessions.current_session(self.db)
        while self.state is not None and not self.state.finished:
            try:
                self.card = account_card(self.db, self.state.current_company_id, self.list_id)
                break
            except NotFound:  # deleted since the session began: nothing to call
                self.state = sessions.skip(self.db)
        if self.state is None:
            self.closed.emit()
            return
        if self.state.finished:
            self._show_summary(sessions.session_summary(self.db, self.state))
            return
        self.stack.setCurrentWidget(self.call_page)
        self._show_card(self.card)
        self._form_shown(self.state)
        if restore is not None:
            self.panel.restore(*restore)
        self.call_page.setFocus()

    def _show_summary(self, summary: sessions.SessionSummary) -> None:
        self.card = None
        self._form_shown(None)
        self.summary.set_summary(summary)
        self.stack.setCurrentWidget(self.summary)
        self.summary.finish_button.setFocus()

    def _show_card(self, card: AccountCard) -> None:
        self._show_header(card)
        self._card_stale = False
        now = self.clock()
        self.card_view.set_card(card, now)
        self.panel.set_account(card, self.rules, self.calendar, now)

    def _show_header(self, card: AccountCard) -> None:
        company = card.company
        state = self.state
        progress = arg(self.tr("Account %1 of %2"), number(state.position + 1),
                       number(len(state.company_ids)))
        if state.skipped:
            progress += " · " + arg(self.tr("%1 skipped"), number(len(state.skipped)))
        self.progress_label.setText(progress)
        self.name_label.setText(company.name)
        self.kana_label.setText(company.name_kana or "")
        if company.phone:
            url = tel_url(company.phone).toString()
            self.phone_label.setText(f'<a href="{escape(url)}">☎ {escape(company.phone)}</a>')
        else:
            self.phone_label.setText(self.tr("No phone number"))
        meta = [part for part in (
            arg(self.tr("Rank %1"), company.rank) if company.rank else None,
            label(COMPANY_STATUS, company.status), company.industry, company.prefecture,
            arg(self.tr("%1 employees"), number(company.employees)) if company.employees else None,
            arg(self.tr("FY ends in month %1"), company.fiscal_year_end_month)
            if company.fiscal_year_end_month else None,
        ) if part]
        self.meta_label.setText(" · ".join(meta))

    # -- actions ------------------------------------------------------------------------------------
    def dial(self) -> None:
        """Hand the phone number to the system's dialler; the call timer counts from now."""
        if self.card is None or not self.card.company.phone:
            return
        QDesktopServices.openUrl(tel_url(self.card.company.phone))
        self.panel.restart_timer()

    def _contact_activated(self, contact_id: int) -> None:
        self.panel.set_contact(contact_id)

    def _open_account(self) -> None:
        if self.card is not None:
            self.account_requested.emit(self.card.company.id)

    def skip(self) -> None:
        if self.state is None or self.card is None:
            return
        sessions.skip(self.db)
        self.show_current()

    def end(self) -> None:
        """End early (after asking about a call typed and not saved): the session is closed for good,
        so a restart does not bring it back, and its summary is shown."""
        if self.state is None or not self.confirm_leave():
            return
        if sessions.current_session(self.db) is None:
            return
        self._show_summary(sessions.end_session(self.db))

    def finish(self) -> None:
        """Close the session for good and go back to the queue."""
        if sessions.current_session(self.db) is not None:
            sessions.end_session(self.db)
        self.state = None
        self.card = None
        self.closed.emit()

    def edit_script(self) -> None:
        from ui.dialogs.call_settings_script import ScriptDialog

        if self.card is None or self.card.script.list_id is None:
            return
        dialog = ScriptDialog(self.db, self.card.script, self)
        if dialog.exec() == ScriptDialog.DialogCode.Accepted and dialog.saved is not None:
            record(self.bus, None, dialog.saved)
            self.card = account_card(self.db, self.card.company.id, self.list_id)
            self.card_view.set_card(self.card, self.clock())
        dialog.deleteLater()

    # -- refresh ------------------------------------------------------------------------------------
    def _on_data_changed(self, payload: str) -> None:
        if affects(payload, SETTINGS):
            self.rules = load_rules(self.db)
            self.calendar = load_calendar(self.db)
        if self.card is None:
            return
        if not self.isVisible():
            self._card_stale = self._card_stale or affects(payload, CARD_TABLES)
        elif affects(payload, CONTACTS, RELATIONSHIPS):  # edited on the card's own map
            self._refresh_card()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._card_stale and self.card is not None:
            self._refresh_card()
        QTimer.singleShot(0, self, self.take_keys_back)  # back from another page: the keys are ours

    def hideEvent(self, event) -> None:
        # Leaving for another page (opening the account, say): what was typed is kept now, not later.
        if self._draft_timer.isActive():
            self.keep_draft()
        super().hideEvent(event)

    def _refresh_card(self) -> None:
        """Read the account again keeping the form as typed; a person added meanwhile can be chosen."""
        self._card_stale = False
        before = self.card
        try:
            self.card = account_card(self.db, before.company.id, self.list_id)
        except NotFound:  # deleted meanwhile: on to the next account
            self.show_current()
            return
        chosen = self.panel.contact_id()
        if chosen is None and not before.contacts and self.card.ask_for is not None:
            chosen = self.card.ask_for.id  # nobody was registered: the one just added is on the line
        self._show_header(self.card)
        self.card_view.set_card(self.card, self.clock())
        self.panel.fill_contacts(self.card, chosen)
        self.card_view.show_contact(self.panel.contact_id())
