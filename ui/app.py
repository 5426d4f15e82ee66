"""Starting the GUI: the QApplication, the bundled font, the language, the error hook, one Kakeru per
database, a check of the file before it is opened, the first-run choice, the main window, and the
day's backup once the window shows."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox

from models.store import cipher, instance_lock
from models.store import db as store
from models.store.changes import ACCOUNT_DATA, Changes
from models.store.check import quick_check, record_clean_close, take_clean_close
from models.store.errors import DatabaseCorrupt, DatabaseLocked, KakeruError
from models.store.lazy import lazy_import
from ui import errors
from ui.fonts import apply_app_font
from ui.i18n import arg, install_translators
from ui.settings import AppSettings
from ui.style import apply_style

T = TypeVar("T")

# Needed after the first paint (the day's backup, a restore) or never: loaded on first use.
backups = lazy_import("models.store.backup")
scoring = lazy_import("models.accounts.scoring")

ORGANIZATION = "Kakeru"
APPLICATION = "Kakeru"
EXIT_OK = 0
EXIT_FAILED = 1
# How long a second start waits for the first to answer before saying it cannot reach it.
HANDOVER_TIMEOUT_MS = 3000
# The day's backup starts this long after the window shows, so it never delays the first paint.
DAILY_BACKUP_DELAY_MS = 1500
ACTIVATE = b"activate\n"
# Files at least this large are checked with a "Checking the database…" note on screen.
QUIET_CHECK_BYTES = 64 * 1024 * 1024


def configure_application(app: QApplication, settings: AppSettings | None = None) -> AppSettings:
    """Names (for QSettings), the style, the bundled font and the translators; returns the settings."""
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION)
    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() == "python":
        QCoreApplication.setApplicationName(APPLICATION)
    apply_style(app)
    apply_app_font(app)
    settings = settings or AppSettings()
    install_translators(app, settings.language())
    return settings


class _CheckRelay(QObject):
    finished = Signal(object)  # True, False, or the exception the background check raised


class _BackupRelay(QObject):
    """Carries a worker thread's result back to the GUI thread (a queued signal)."""

    finished = Signal(object)
    rescored = Signal(object)  # the month changed: every company was scored again (what that changed)


class AppController(QObject):
    """One running Kakeru on one database: the instance lock, the local server that brings the window to
    the front, the open database, the main window, and reopening after a restore."""

    def __init__(self, db_path: str, settings: AppSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.path = db_path
        self.settings = settings
        self.lock: instance_lock.InstanceLock | None = None
        self.server: QLocalServer | None = None
        self.db = None
        self.window = None
        self.front_requests = 0
        self._backup_thread: threading.Thread | None = None
        self._relay = _BackupRelay(self)
        self._relay.finished.connect(self._daily_backup_done)
        self._relay.rescored.connect(self._rescored)
        self._check_thread: threading.Thread | None = None
        self._check_relay = _CheckRelay(self)
        self._check_relay.finished.connect(self._background_check_done)
        self.checked_before_open = False

    # -- start ------------------------------------------------------------------------------------
    def start(self) -> int | None:
        """Lock, check and open the database and show the window; returns an exit code when it must stop.

        None means the window is showing and the event loop should run.
        """
        try:
            # Read-only storage or an empty file is said as it is before anything is made beside it (the
            # lock file) or read as damage; the database would not keep a single record there.
            if self.path != ":memory:":
                store.check_can_open(self.path)
        except KakeruError as error:
            errors.show_expected_error(error)
            return EXIT_FAILED
        try:
            self.lock = instance_lock.acquire(self.path)
        except instance_lock.AlreadyRunning as running:
            return self.hand_over(running)
        self._listen(self.lock.server_name)
        if self.path != ":memory:" and not cipher.is_unlocked(self.path):
            from ui.dialogs.passphrase import unlock_at_start  # only for an encrypted file

            if not unlock_at_start(self.path):
                return EXIT_OK  # the person chose not to open it: nothing was read or changed
        if instance_lock.is_network_path(self.path):
            QMessageBox.warning(None, APPLICATION, instance_lock.network_warning_text(self.path))
        # A file exactly as a clean close left it is opened at once and checked in the background; any
        # other file (after a crash, a kill, another program) is checked before anything writes to it.
        clean = take_clean_close(self.path)
        try:
            healthy = True if clean else self._check_file()
            self.checked_before_open = not clean
        except sqlite3.OperationalError:
            errors.show_expected_error(DatabaseLocked(self.path))
            return EXIT_FAILED
        except KakeruError as error:  # unreadable for a reason a restore would not cure (the disk, rights)
            errors.show_expected_error(error)
            return EXIT_FAILED
        if not healthy and not self._offer_restore_of_damaged_file():
            return EXIT_FAILED
        try:
            self.db = store.open_db(self.path)
        except KakeruError as error:
            errors.show_expected_error(error)
            return EXIT_FAILED
        self._open_window()
        if not self.settings.first_run_done():  # the dialog's module only when it may be offered
            from ui.dialogs.first_run import needs_first_run, run_first_run

            if needs_first_run(self.db, self.settings):
                QTimer.singleShot(0, lambda: run_first_run(self.window))
        QTimer.singleShot(DAILY_BACKUP_DELAY_MS, self.start_daily_backup)
        if clean:
            QTimer.singleShot(DAILY_BACKUP_DELAY_MS, self.start_background_check)
        return None

    def start_background_check(self) -> None:
        """``quick_check`` on a read-only connection while the app works (WAL lets both read)."""
        if self.db is None or self.path == ":memory:":
            return
        path, relay = self.path, self._check_relay

        def work() -> None:
            try:
                result: object = quick_check(path)
            except Exception as error:  # reported in the GUI thread
                result = error
            relay.finished.emit(result)

        self._check_thread = threading.Thread(target=work, name="background-check", daemon=True)
        self._check_thread.start()

    def _background_check_done(self, result: object) -> None:
        self._check_thread = None
        if result is True or isinstance(result, sqlite3.OperationalError):  # sound, or busy: next start
            return
        if isinstance(result, KakeruError):  # unreadable now for a reason that is not damage
            errors.show_expected_error(result, self.window)
            return
        if isinstance(result, Exception):
            raise result
        QMessageBox.critical(self.window, APPLICATION, str(DatabaseCorrupt(self.path)) + "\n\n" + self.tr(
            "The check that runs after start-up found damage in the database. Choose a backup to "
            "restore now; the damaged file is kept aside as a \"before-restore\" copy."))
        if self.window is not None:
            self.window.restore_from_backup()

    def _check_file(self) -> bool:
        """``quick_check`` before anything writes to the file; a large file is checked behind a busy note.

        On a 100,000-company database (about 700 MB) the check reads the whole file: close to a second.
        """
        try:
            size = Path(self.path).stat().st_size
        except OSError:
            size = 0
        if size < QUIET_CHECK_BYTES:
            return quick_check(self.path)
        from ui.dialogs.backup_restore import run_in_thread  # its Qt classes are not needed at start-up

        return run_in_thread(None, APPLICATION, self.tr("Checking the database before opening it…"),
                             lambda: quick_check(self.path))

    def hand_over(self, running: instance_lock.AlreadyRunning) -> int:
        """Ask the Kakeru already running on ``db_path`` to come to the front; say so plainly if it cannot.

        Returns EXIT_OK when the first window was reached (nothing else is shown), else EXIT_FAILED.
        """
        name = running.server_name or instance_lock.server_name_for(self.path)
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(HANDOVER_TIMEOUT_MS):
            socket.write(ACTIVATE)
            sent = socket.waitForBytesWritten(HANDOVER_TIMEOUT_MS) or socket.bytesToWrite() == 0
            socket.disconnectFromServer()
            if sent:
                return EXIT_OK
        QMessageBox.warning(None, APPLICATION, str(running) + "\n\n" + self.tr(
            "The open Kakeru window could not be brought to the front. If you cannot find it, end Kakeru "
            "in the Task Manager (or restart the computer), then start Kakeru again."))
        return EXIT_FAILED

    def _open_window(self) -> None:
        from ui.main_window import MainWindow

        self.window = MainWindow(self.db, self.path, self.settings)
        self.window.restore_requested.connect(self.restore)
        self.window.conversion_requested.connect(self.convert)
        self.window.show()
        self.window.team_sync.start()  # syncs only a file bound to a team

    def _listen(self, name: str) -> None:
        server = QLocalServer(self)
        server.setObjectName("instanceServer")
        # A crashed Kakeru can leave its socket file behind; we hold the lock, so it is stale.
        QLocalServer.removeServer(name)
        if server.listen(name):
            server.newConnection.connect(self._on_connection)
            self.server = server

    def _on_connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_message(socket)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
            self.bring_to_front()

    def bring_to_front(self) -> None:
        """Another start of Kakeru on this database asked for the window: show it on top."""
        self.front_requests += 1
        if self.window is None:
            return
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def _offer_restore_of_damaged_file(self) -> bool:
        """The file failed its check: offer the newest good backup. True when it was restored."""
        best = backups.newest_good_backup(self.path)
        if best is None:
            QMessageBox.warning(None, APPLICATION, str(DatabaseCorrupt(self.path)) + "\n\n" + arg(self.tr(
                "No usable backup was found in %1, so Kakeru will now close. Copy the damaged file "
                "somewhere safe and ask for help; \"main.py check\" shows what is wrong."),
                backups.backup_dir(self.path)))
            return False
        question = arg(self.tr(
            "The database %1 is damaged. Kakeru has not changed it.\n\nRestore the newest good "
            "backup, %2 (taken %3)? The damaged file is kept aside in the backups folder as a "
            "\"before-restore\" copy, then the backup replaces it. Anything entered after that backup "
            "will not be in the restored database.\n\nChoose No to close Kakeru without changing "
            "anything."), self.path, best.path, best.taken_at.strftime("%Y-%m-%d %H:%M"))
        answer = QMessageBox.question(None, APPLICATION, question)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            kept = backups.restore_backup(self.path, best.path)
        except KakeruError as error:
            errors.show_expected_error(error)
            return False
        QMessageBox.information(None, APPLICATION, arg(self.tr(
            "The database was restored from %1. The damaged file is kept as %2."), best.path, kept))
        return True

    # -- the day's backup -------------------------------------------------------------------------
    def start_daily_backup(self) -> None:
        """Take today's backup (at most one a day) in a worker thread with its own connection, then score
        every company again when a new month began (the fiscal-year-end rule counts months)."""
        if self.db is None or self._backup_thread is not None or self.path == ":memory:":
            return
        if self.window is not None:
            self.window.statusBar().showMessage(self.tr("Checking today's backup…"))
        from ui.dialogs.backup_restore import backup_lock

        path = self.path
        relay = self._relay

        def work() -> None:
            try:
                with backup_lock:
                    own = store.open_db(path)
                    try:
                        result: object = backups.daily_backup_if_due(own)
                        try:
                            rescored = scoring.rescore_if_month_changed(own)
                            if rescored:
                                relay.rescored.emit(rescored)
                        except (sqlite3.OperationalError, KakeruError):
                            pass  # busy or locked: the next start scores again
                    finally:
                        own.close()
            except Exception as error:  # a KakeruError or a bug: reported in the GUI thread
                result = error
            relay.finished.emit(result)

        self._backup_thread = threading.Thread(target=work, name="daily-backup", daemon=True)
        self._backup_thread.start()

    def _rescored(self, changes: Changes) -> None:
        if self.window is not None:
            self.window.bus.notify(changes)

    def wait_for_backup(self, timeout_s: float = 60.0) -> None:
        """Let a running daily backup finish (before a restore or on quit)."""
        thread = self._backup_thread
        if thread is not None:
            thread.join(timeout_s)

    def _daily_backup_done(self, result: object) -> None:
        self._backup_thread = None
        status = self.window.statusBar() if self.window is not None else None
        if isinstance(result, KakeruError):
            if status is not None:
                status.clearMessage()
            errors.show_expected_error(result, self.window)
        elif isinstance(result, BaseException):
            raise result
        elif isinstance(result, Path):
            if status is not None:
                status.showMessage(arg(self.tr("Today's backup was saved: %1"), result), 15000)
        elif status is not None:
            status.showMessage(self.tr("Today's backup already exists."), 5000)

    # -- replacing the file: restore and encryption ------------------------------------------------
    def _close_window_then(self, work: Callable[[], None]) -> None:
        """Close the window (the person may keep unsaved edits and refuse), then run ``work``."""
        old = self.window
        app = QApplication.instance()
        if old is None or not isinstance(app, QApplication):
            return
        app.setQuitOnLastWindowClosed(False)
        if not old.close():  # the person kept unsaved edits
            app.setQuitOnLastWindowClosed(True)
            return
        self.window = None
        # The pages hold the connection: reopen only once the old window is really gone.
        old.destroyed.connect(lambda *_: QTimer.singleShot(0, work))
        old.deleteLater()

    def _replace_file(self, change: Callable[[], T]) -> tuple[T | None] | None:
        """Close the database, run ``change`` on the file, reopen it in a new window.

        Returns ``(change's result,)``, or None when ``change`` was refused (its sentence shown over the
        new window) or the file could not be opened again (said, and the app quits).
        """
        app = QApplication.instance()
        self.wait_for_backup()
        if self._check_thread is not None:
            self._check_thread.join(60)
        from ui.team import runner as team_runner

        paused = team_runner.pause_syncs()  # no team sync opens the file while it is replaced
        try:
            return self._replace_file_paused(change, app)
        finally:
            if paused:
                team_runner.resume_syncs()

    def _replace_file_paused(self, change: Callable[[], T], app) -> tuple[T | None] | None:
        self.db.close()
        self.db = None  # the day's backup, due meanwhile, must not open the file while it changes
        failure: KakeruError | None = None
        result: T | None = None
        try:
            result = change()
        except KakeruError as error:
            failure = error
        try:
            self.db = store.open_db(self.path)
        except KakeruError as error:
            errors.show_expected_error(error)
            app.quit()
            return None
        self._open_window()
        app.setQuitOnLastWindowClosed(True)
        if failure is not None:
            errors.show_expected_error(failure, self.window)
            return None
        return (result,)

    def restore(self, backup_path: str) -> None:
        """Close the window and the database, restore ``backup_path``, then reopen on the result."""
        self._close_window_then(lambda: self._finish_restore(backup_path))

    def _finish_restore(self, backup_path: str) -> None:
        done = self._replace_file(lambda: backups.restore_backup(self.path, backup_path))
        if done is None:
            return
        (kept,) = done
        message = arg(self.tr("The database was restored from %1."), backup_path)
        if kept is not None:
            message += "\n" + arg(self.tr("The database as it was before is kept as %1."), kept)
        self.window.statusBar().showMessage(message, 15000)
        self.window.bus.notify(ACCOUNT_DATA)  # the whole file was replaced
        QMessageBox.information(self.window, APPLICATION, message)

    def convert(self, request) -> None:
        """Close the window and the database, encrypt, decrypt or re-key the file (``request``, a
        ``ui.dialogs.encryption.ConversionRequest``), then open a new window on it."""
        self._close_window_then(lambda: self._finish_conversion(request))

    def _finish_conversion(self, request) -> None:
        from ui.dialogs.encryption import after_conversion, run_conversion

        done = self._replace_file(lambda: run_conversion(None, self.path, request))
        if done is None:
            return
        message = after_conversion(self.path, request, done[0], self.window)
        QMessageBox.information(self.window, APPLICATION, message)
        if request.then is not None:
            request.then(self.window)

    # -- stop -------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Finish the backup, close the database, stop listening and give the lock up."""
        self.wait_for_backup()
        if self._check_thread is not None:
            self._check_thread.join(60)
        if self.db is not None:
            from ui.team import runner as team_runner

            if self.window is not None:
                with contextlib.suppress(RuntimeError):  # the window may be deleted already
                    self.window.team_sync.stop(0)
            # A running sync may finish its batch (the engine survives a kill too, so not for long);
            # none starts until the file is closed and marked clean.
            paused = team_runner.pause_syncs(15.0)
            try:
                self.db.close()
                self.db = None
                record_clean_close(self.path)
            finally:
                if paused:
                    team_runner.resume_syncs()
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def run_gui(db_path: str | None, argv: Sequence[str]) -> int:
    """Run the desktop app on the database at ``db_path`` (default: the user data folder)."""
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    settings = configure_application(app)
    errors.install_excepthook()
    path = str(db_path) if db_path else str(store.default_db_path())
    controller = AppController(path, settings)
    try:
        code = controller.start()
        if code is not None:
            return code
        return app.exec()
    finally:
        controller.shutdown()
