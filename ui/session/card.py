"""The left half of the call session: who to ask for, the open plan and its hypothesis, the last
touches with their notes, the relationship map, and the list's talk script and hearing checklist."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget
from sqlite_utils import Database

from models.accounts.vocab import CONTACT_ROLE, OUTCOME, TOUCH_KIND
from models.planning import colleagues
from models.planning.plans import parse_due
from models.planning.session_card import AccountCard
from models.store import clock
from ui.i18n import arg, label
from ui.naming import named as _named
from ui.signals import DataBus
from ui.widgets.map_panel import MapPanel

MUTED = "color: palette(dark);"



def _section(text: str) -> QLabel:
    heading = QLabel(text)
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    return heading


def due_text(due: str) -> str:
    value = parse_due(due)
    if isinstance(value, datetime):
        return f"{value.year}/{value.month}/{value.day} {value:%H:%M}"
    return f"{value.year}/{value.month}/{value.day}"


def touch_time(at: str) -> str:
    try:
        moment = clock.parse(at)
    except ValueError:
        return at
    return f"{moment.year}/{moment.month}/{moment.day} {moment:%H:%M}"


class AccountCardView(QWidget):
    """Shows an ``AccountCard``; ``contact_activated(int)`` when a person is chosen on the map."""

    contact_activated = Signal(int)
    script_edit_requested = Signal()

    def __init__(self, db: Database, bus: DataBus, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("accountCard")
        self.setAccessibleName(self.tr("The account being called"))
        self.card: AccountCard | None = None

        self.db = db
        # In a team: a colleague called this account recently or holds a plan on it (read before dialling).
        self.others_label = _named(QLabel(), "colleagueWorkLabel",
                                   self.tr("A colleague's work on this account"))
        self.others_label.setWordWrap(True)
        self.others_label.setStyleSheet(
            "color: #7a4800; background: #fff4dc; border: 1px solid #e0b050; padding: 4px; "
            "font-weight: bold;")
        self.others_label.hide()
        self.ask_label = _named(QLabel(), "askForLabel", self.tr("Person to ask for"))
        self.ask_label.setWordWrap(True)
        self.plan_label = _named(QLabel(), "openPlanLabel", self.tr("Open plan and hypothesis"))
        self.plan_label.setWordWrap(True)
        self.touches_label = _named(QLabel(), "lastTouchesLabel", self.tr("Last touches"))
        self.touches_label.setWordWrap(True)
        self.touches_label.setTextFormat(Qt.TextFormat.RichText)
        self.touches_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.map_panel = MapPanel(db, bus, undo_stack, compact=True)
        self.map_panel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.map_panel.setMinimumHeight(160)
        self.map_panel.contact_activated.connect(self.contact_activated)
        self.script_view = _named(QTextBrowser(), "scriptView", self.tr("Talk script and hearing checklist"))
        self.script_view.setOpenLinks(False)
        self.script_view.setMaximumHeight(120)
        self.script_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.script_button = _named(QPushButton(self.tr("Edit script…")), "editScriptButton",
                                    self.tr("Edit the talk script and hearing checklist of this list"))
        self.script_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.script_button.clicked.connect(self.script_edit_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.others_label)
        layout.addWidget(_section(self.tr("Ask for")))
        layout.addWidget(self.ask_label)
        layout.addWidget(_section(self.tr("Open plan")))
        layout.addWidget(self.plan_label)
        layout.addWidget(_section(self.tr("Last touches")))
        layout.addWidget(self.touches_label)
        layout.addWidget(_section(self.tr("Relationship map")))
        layout.addWidget(self.map_panel, 1)
        layout.addWidget(_section(self.tr("Talk script")))
        layout.addWidget(self.script_view)
        layout.addWidget(self.script_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_card(self, card: AccountCard, now: datetime | None = None) -> None:
        """Show ``card``; ``now``: the session's clock (what counts as a colleague's recent call)."""
        self.card = card
        self._show_others(card.company.id, now or clock.now())
        self.map_panel.set_company(card.company.id)
        self.show_contact(card.ask_for.id if card.ask_for else None)
        self.plan_label.setText(self._plan_text(card))
        self.touches_label.setText(self._touches_html(card))
        self.script_view.setHtml(self._script_html(card))
        self.script_button.setEnabled(card.script.list_id is not None)

    def _show_others(self, company_id: int, now: datetime) -> None:
        today = now.date()
        work = colleagues.others_at(self.db, [company_id], today).get(company_id)
        self.others_label.setVisible(work is not None)
        if work is not None:
            age = colleagues.sync_age_text(colleagues.team_view(self.db), now)
            self.others_label.setText(f"⚠ {work.describe(today)}（{age}）")

    def show_contact(self, contact_id: int | None) -> None:
        """Name the person being called and mark them on the map (while nobody named is on the line,
        the person to ask for)."""
        card = self.card
        contact = card.contact(contact_id) if card else None
        if contact is None and card is not None:
            contact = card.ask_for
        if contact is None:
            self.ask_label.setText(self.tr("Nobody recorded yet: ask reception who handles hiring."))
        else:
            details = " · ".join(p for p in (label(CONTACT_ROLE, contact.role), contact.department,
                                             contact.title) if p)
            reading = f"（{contact.name_kana}）" if contact.name_kana else ""
            extra = []
            if contact.phone or contact.mobile:
                extra.append(arg(self.tr("direct %1"), contact.phone or contact.mobile))
            if contact.best_time:
                extra.append(arg(self.tr("best time %1"), contact.best_time))
            self.ask_label.setText(f"{contact.name}{reading} — {details}"
                                   + (f"\n{' / '.join(extra)}" if extra else ""))
        self.map_panel.highlight_contact(contact.id if contact else None)

    def _plan_text(self, card: AccountCard) -> str:
        if not card.open_plans:
            return self.tr("No open plan: a first call.")
        lines = []
        for plan in card.open_plans[:2]:
            hypothesis = plan.hypothesis or self.tr("(no hypothesis)")
            lines.append(f"{due_text(plan.due)} — {hypothesis}")
        return "\n".join(lines)

    def _touches_html(self, card: AccountCard) -> str:
        if not card.last_touches:
            return escape(self.tr("Never called."))
        rows = []
        for line in card.last_touches:
            touch = line.touch
            who = f" · {escape(line.contact_name)}" if line.contact_name else ""
            what = label(OUTCOME, touch.outcome) if touch.outcome else label(TOUCH_KIND, touch.kind)
            outcome = escape(what)
            note = f"<br>&nbsp;&nbsp;{escape(touch.note)}" if touch.note else ""
            rows.append(f"<b>{escape(touch_time(touch.at))}</b> {outcome}{who}{note}")
        return "<br>".join(rows)

    def _script_html(self, card: AccountCard) -> str:
        script = card.script
        if script.list_id is None:
            return escape(self.tr("This company is on no list, so there is no talk script."))
        parts = [f"<p style='color:gray'>{escape(script.list_name or '')}</p>"]
        if script.script:
            parts.append("<p>" + escape(script.script).replace("\n", "<br>") + "</p>")
        else:
            none_yet = self.tr("No talk script for this list yet.")
            parts.append(f"<p>{escape(none_yet)}</p>")
        if script.checklist:
            items = "".join(f"<li>{escape(item)}</li>" for item in script.checklist)
            heading = self.tr("Hearing checklist")
            parts.append(f"<b>{escape(heading)}</b><ul>{items}</ul>")
        return "".join(parts)
