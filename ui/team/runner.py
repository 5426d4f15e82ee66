"""Team sync in the background: every few minutes and after a call session ends, never on the GUI thread.

Each sync runs in a worker thread with its own SQLite connection (sqlite3 objects stay in their thread)
and holds ``sync_lock``, so a background sync, the dialog's 今すぐ同期 and a file being replaced never
overlap. The engine keeps its SQLite transactions short and holds none across a round trip, so a call
logged meanwhile is never kept waiting. A sync that pulled changes tells the views through the DataBus;
an unreachable server is quiet (the status bar says "offline"), any other failure is kept as its
sentence for the status bar's tooltip and the team dialog.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from models.store import db as store
from models.store.changes import (
    COMPANIES,
    CONTACTS,
    LIST_MEMBERS,
    MEETINGS,
    PLANS,
    RELATIONSHIPS,
    TARGET_LISTS,
    TOUCHES,
    Changes,
)
from models.store.errors import KakeruError
from models.team.membership import team_status
from ui.signals import DataBus

if TYPE_CHECKING:
    from sqlite_utils import Database

# What a pull may write (models.team.rows.TABLE_ORDER): the views showing any of them read again.
TEAM_TABLES = Changes.of(COMPANIES, TARGET_LISTS, CONTACTS, TOUCHES, RELATIONSHIPS, PLANS, MEETINGS,
                         LIST_MEMBERS)
INTERVAL_KEY = "team/syncIntervalMinutes"
DEFAULT_INTERVAL_MIN = 5
# The first sync waits for the window and the day's backup (1.5 s) to be under way.
FIRST_SYNC_DELAY_MS = 4000
# After a session ends the caller is between calls: sync soon, but let the summary's writes land first.
AFTER_SESSION_DELAY_MS = 1000

# Makes the connection factory of a sync from the worker's own connection to the file.
Factory = Callable[["Database"], Callable[[], Any]]

# Held by every sync of this process, and by a restore or re-encryption while it replaces the file.
sync_lock = threading.Lock()


@dataclass(frozen=True)
class SyncOutcome:
    """How one sync went: the counts when it worked, else the sentence and whether it was only offline."""

    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    error: str | None = None
    offline: bool = False
    tables: frozenset[str] = frozenset()  # the local tables the pull wrote (SyncResult.tables)

    @property
    def ok(self) -> bool:
        return self.error is None


def interval_minutes() -> int:
    """Minutes between background syncs (QSettings ``team/syncIntervalMinutes``, 1 to 240, default 5)."""
    value: Any = QSettings().value(INTERVAL_KEY, DEFAULT_INTERVAL_MIN)
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL_MIN
    return min(max(minutes, 1), 240)


def sync_file(path: str, factory: Factory | None = None) -> SyncOutcome | None:
    """One sync of the file at ``path`` on this thread with its own connection; None when not in a team.

    ``factory`` makes the connection factory from the worker's connection (default: the binding's DSN
    and the keychain's password). Expected failures come back as an outcome, bugs are raised.
    """
    import psycopg  # loaded off the GUI thread, on the first sync only

    from models.team import sync as engine
    from models.team.errors import ServerUnreachable, TeamError

    own = store.open_db(path)
    try:
        if not team_status(own).joined:
            return None
        try:
            connections = (factory or engine.default_factory)(own)
            result = engine.sync(own, connections)
        except TeamError as error:
            cause = error.__cause__
            offline = isinstance(error, ServerUnreachable) or isinstance(
                cause, psycopg.OperationalError | psycopg.InterfaceError)
            return SyncOutcome(error=str(error), offline=offline)
    except KakeruError as error:  # the file itself (locked, disk): said like a failed sync
        return SyncOutcome(error=str(error))
    finally:
        own.close()
    return SyncOutcome(result.pushed, result.pulled, result.conflicts, tables=result.tables)


class _Relay(QObject):
    done = Signal(object)  # a SyncOutcome, None (not in a team), or the exception a bug raised


class TeamSync(QObject):
    """Runs the file's syncs: on a timer, after a session, or when asked; says how each went.

    ``started`` when a sync begins, ``finished(outcome)`` when it ends (a ``SyncOutcome``), ``changed``
    when the binding changed (joined, left) so the status bar reads it again.
    """

    started = Signal()
    finished = Signal(object)
    changed = Signal()

    def __init__(self, db: Database, db_path: str, bus: DataBus, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.path = db_path
        self.bus = bus
        self.last: SyncOutcome | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False  # the window is going: its connection is about to close
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self.timer = QTimer(self)
        self.timer.setObjectName("teamSyncTimer")
        self.timer.timeout.connect(self.sync_in_background)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Sync every ``interval_minutes()`` from now on, the first time shortly after start-up."""
        if self.path == ":memory:":
            return
        self._stopped = False
        self.timer.start(interval_minutes() * 60_000)
        QTimer.singleShot(FIRST_SYNC_DELAY_MS, self, self.sync_in_background)

    def stop(self, timeout_s: float = 30.0) -> None:
        """No more syncs (the timer's, or a delayed first or after-session one); let a running one finish."""
        self._stopped = True
        self.timer.stop()
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)

    def session_ended(self) -> None:
        if self.path != ":memory:":
            QTimer.singleShot(AFTER_SESSION_DELAY_MS, self, self.sync_in_background)

    def announce(self) -> None:
        """The binding changed (a join, a leave): the status bar reads it again."""
        self.changed.emit()

    def sync_in_background(self) -> bool:
        """Start a sync in a worker thread unless one runs or the file is in no team; whether one started."""
        if self._thread is not None or self.path == ":memory:" or self._stopped:
            return False
        try:
            if not team_status(self.db).joined:
                return False
        except sqlite3.ProgrammingError:  # the window's connection was closed (quitting, a restore)
            self.timer.stop()
            return False
        path, relay = self.path, self._relay

        def work() -> None:
            if not sync_lock.acquire(blocking=False):  # the dialog syncs, or the file is being replaced
                relay.done.emit(None)
                return
            try:
                result: object = sync_file(path)
            except Exception as error:  # a bug: raised again in the GUI thread, where the crash dialog is
                result = error
            finally:
                sync_lock.release()
            relay.done.emit(result)

        self._thread = threading.Thread(target=work, name="team-sync", daemon=True)
        self.started.emit()
        self._thread.start()
        return True

    def _done(self, result: object) -> None:
        self._thread = None
        if isinstance(result, BaseException):
            raise result
        if isinstance(result, SyncOutcome):
            self.report(result)
        else:
            self.finished.emit(self.last)

    def report(self, outcome: SyncOutcome) -> None:
        """Keep ``outcome`` as the last, tell the views what a pull changed, and say it ended."""
        self.last = outcome
        if outcome.tables:
            # Only the views of what the pull wrote read again (a list's members, a colleague's calls…).
            self.bus.notify(Changes.of(*sorted(outcome.tables)))
        self.finished.emit(outcome)

    def sync_with_progress(self, parent, label: str,
                           factory: Factory | None = None) -> SyncOutcome | None:
        """One sync now behind a busy dialog (after a join, 今すぐ同期); waits for a background one first."""
        from ui.dialogs.backup_restore import run_in_thread

        path = self.path

        def work() -> SyncOutcome | None:
            with sync_lock:
                return sync_file(path, factory)

        self.started.emit()
        outcome = run_in_thread(parent, parent.windowTitle() if parent is not None else "Kakeru", label, work)
        if outcome is None:
            self.finished.emit(self.last)
            return None
        self.report(outcome)
        return outcome


def pause_syncs(timeout_s: float = 60.0) -> bool:
    """Hold off every sync (a file is being replaced, or the app quits); whether the hold was taken."""
    return sync_lock.acquire(timeout=timeout_s)


def resume_syncs() -> None:
    sync_lock.release()
