"""The status bar's word on team sync: when it last synced, offline or failing, and how many changes wait.

「同期: 3 分前・未送信 12 件」, 「同期: オフライン（最終 10:42）・未送信 12 件」, 「同期: エラー」 with the
failure's sentence as the tooltip. Hidden while the file is in no team. A click opens the team dialog.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QPushButton

from models.store.changes import Changes
from models.team.membership import TeamStatus, team_status
from ui.i18n import arg, number
from ui.signals import DataBus
from ui.team.runner import TEAM_TABLES, SyncOutcome, TeamSync

if TYPE_CHECKING:
    from sqlite_utils import Database

# Local writes of these tables fill the outbox: the waiting count is read again after them.
WATCHED = TEAM_TABLES | Changes.of("settings")
TICK_MS = 30_000  # "3 分前" moves on while nothing else happens
STYLE = "QPushButton#teamSyncStatus { padding: 0 6px; text-align: left; }"
# A failure the person may need to act on is red; offline is not (Kakeru syncs when it can).
FAILING_STYLE = "QPushButton#teamSyncStatus { padding: 0 6px; text-align: left; color: #b3261e; }"


def parse_moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class SyncStatus(QPushButton):
    """A flat button in the status bar; ``clicked`` opens the team dialog."""

    open_requested = Signal()

    def __init__(self, db: Database, runner: TeamSync, bus: DataBus, parent=None):
        super().__init__(parent)
        self.setObjectName("teamSyncStatus")
        self.setAccessibleName(self.tr("Team sync"))
        self.setFlat(True)
        self.setStyleSheet(STYLE)
        self.db = db
        self.runner = runner
        self.syncing = False
        self.failing = False
        self.now = lambda: datetime.now(UTC)
        self.clicked.connect(self.open_requested)
        runner.started.connect(self._started)
        runner.finished.connect(self._finished)
        runner.changed.connect(self.refresh)
        bus.changed.connect(self._on_data_changed)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.refresh)
        self.refresh()

    def _started(self) -> None:
        self.syncing = True
        self.refresh()

    def _finished(self, _outcome: SyncOutcome | None) -> None:
        self.syncing = False
        self.refresh()

    def _on_data_changed(self, payload: str) -> None:
        if not self.isHidden() and not set(payload.split(",")).isdisjoint(WATCHED.tables):
            self.refresh()

    def refresh(self) -> None:
        try:
            status = team_status(self.db)
        except sqlite3.ProgrammingError:  # the connection was closed (quitting, a restore): nothing to say
            self.ticker.stop()
            return
        self.setVisible(status.joined)
        if not status.joined:
            self.ticker.stop()
            return
        if not self.ticker.isActive():
            self.ticker.start()
        state, tip, self.failing = self.describe(status, self.runner.last)
        text = arg(self.tr("Sync: %1"), state) if not status.waiting else arg(
            self.tr("Sync: %1 · %2 waiting"), state, number(status.waiting))
        self.setText(text)
        self.setToolTip(tip)
        self.setStyleSheet(FAILING_STYLE if self.failing else STYLE)

    def describe(self, status: TeamStatus, last: SyncOutcome | None) -> tuple[str, str, bool]:
        """The state's words, the tooltip (the failure's sentence, or what a click does), and whether
        it failed for a reason other than being offline."""
        click = self.tr("Click to open the team settings.")
        if self.syncing:
            return self.tr("syncing…"), click, False
        synced = parse_moment(status.last_sync_at)
        error = last.error if last is not None else status.last_error
        if error and last is not None and last.offline:
            if synced is None:
                return self.tr("offline"), error, False
            return arg(self.tr("offline (last %1)"), self.clock(synced)), error, False
        if error:
            return self.tr("error"), error, True
        if synced is None:
            return self.tr("not yet"), click, False
        return self.ago(synced), click, False

    def clock(self, moment: datetime) -> str:
        """10:42 today, else 12/07 10:42 (in the offset it was written in: the working zone)."""
        if moment.date() == self.now().astimezone(moment.tzinfo).date():
            return moment.strftime("%H:%M")
        return moment.strftime("%m/%d %H:%M")

    def ago(self, moment: datetime) -> str:
        minutes = int((self.now() - moment).total_seconds() // 60)
        if minutes < 1:
            return self.tr("just now")
        if minutes < 60:
            return arg(self.tr("%1 min ago"), minutes)
        if minutes < 24 * 60:
            return arg(self.tr("%1 h ago"), minutes // 60)
        return self.clock(moment)
