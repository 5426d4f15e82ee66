"""File → チーム…: join a team (server, login, password kept in the keychain, a connection test), or, once
joined, see how sync goes, sync now, or leave the team keeping every local row.

The connection test and the first sync run off the GUI thread; each failure is the engine's sentence
(``TeamError``: unreachable, wrong password, certificate not trusted, server too new, not a member).
The password goes to the OS keychain (``connect.save_password``), never to a settings file.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.store.errors import KakeruError
from models.team.membership import leave, team_status
from ui.form_parts import ERROR_STYLE
from ui.i18n import arg, number
from ui.naming import named as _named
from ui.team.runner import SyncOutcome, TeamSync, interval_minutes
from ui.team.status import parse_moment

if TYPE_CHECKING:
    from sqlite_utils import Database

OK_STYLE = "color: #1b5e20;"


class _Relay(QObject):
    done = Signal(object)  # (login, display name) or the TeamError / bug the test raised


def test_connection(dsn: str, login: str, password: str | None) -> tuple[str, str]:
    """Connect as ``login`` (checked to be a member, the server not too new); their login and name.

    Raises:
        TeamError: the sentence for what failed.
    """
    from models.team.connect import connect
    from models.team.sync import find_member

    return find_member(lambda: connect(dsn, login, password), login, "")


class TeamDialog(QDialog):
    """The team of this file: a join form, or, when joined, its state with 今すぐ同期 and チームから抜ける."""

    conflicts_requested = Signal()  # 競合… was pressed: the window lists them (it holds the undo stack)

    def __init__(self, db: Database, runner: TeamSync, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("teamDialog")
        self.setWindowTitle(self.tr("Team"))
        self.setAccessibleName(self.tr("Team"))
        self.db = db
        self.runner = runner
        self.member: tuple[str, str] | None = None  # (login, name) the last good test found
        self._thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._tested)
        self.pages = QStackedWidget()
        self.pages.setObjectName("teamPages")
        self.join_page = self._build_join_page()
        self.joined_page = self._build_joined_page()
        self.pages.addWidget(self.join_page)
        self.pages.addWidget(self.joined_page)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("teamCloseBox")
        close.rejected.connect(self.reject)
        close_button = close.button(QDialogButtonBox.StandardButton.Close)
        _named(close_button, "teamCloseButton", self.tr("Close"))
        close_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(close)
        self.setMinimumWidth(560)
        runner.finished.connect(self._show_joined_state)
        self.show_state()

    # -- building ---------------------------------------------------------------------------------
    def _build_join_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("teamJoinPage")
        intro = QLabel(self.tr(
            "Join your team's server to share lists, calls and plans with your colleagues. Kakeru keeps "
            "working on this computer when the server cannot be reached, and syncs when it can."))
        intro.setWordWrap(True)
        self.host_edit = _named(QLineEdit(), "teamHost", self.tr("Server"))
        self.host_edit.setPlaceholderText(self.tr("e.g. team.example.co.jp"))
        self.port_spin = _named(QSpinBox(), "teamPort", self.tr("Port"))
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.database_edit = _named(QLineEdit(), "teamDatabase", self.tr("Database"))
        self.dsn_edit = _named(QLineEdit(), "teamDsn", self.tr("Or a connection string (DSN)"))
        self.dsn_edit.setPlaceholderText("host=… port=5432 dbname=…")
        self.login_edit = _named(QLineEdit(), "teamLogin", self.tr("Login"))
        self.password_edit = _named(QLineEdit(), "teamPassword", self.tr("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.name_label = _named(QLabel(self.tr("(shown after the connection test)")), "teamMemberName",
                                 self.tr("Name on the team"))
        self.name_label.setStyleSheet("color: palette(dark);")
        server_row = QHBoxLayout()
        server_row.addWidget(self.host_edit, 1)
        port_label = QLabel(self.tr("Port"))
        port_label.setBuddy(self.port_spin)
        server_row.addWidget(port_label)
        server_row.addWidget(self.port_spin)
        form = QFormLayout()
        form.addRow(self.tr("&Server"), server_row)
        form.addRow(self.tr("&Database"), self.database_edit)
        form.addRow(self.tr("or &connection string"), self.dsn_edit)
        form.addRow(self.tr("&Login"), self.login_edit)
        form.addRow(self.tr("&Password"), self.password_edit)
        form.addRow(self.tr("Name on the team"), self.name_label)
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and field is not None and isinstance(label.widget(), QLabel):
                buddy = field.widget() or self.host_edit
                label.widget().setBuddy(buddy)
        keychain_note = QLabel(self.tr(
            "The password is kept in this computer's keychain, never in a file, so Kakeru can sync in "
            "the background."))
        keychain_note.setWordWrap(True)
        keychain_note.setStyleSheet("color: palette(dark);")
        self.message = _named(QLabel(), "teamMessage", self.tr("Connection test result"))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = _named(QPushButton(self.tr("&Test connection")), "teamTestButton",
                                  self.tr("Test the connection to the team's server"))
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.start_test)
        self.join_button = _named(QPushButton(self.tr("&Join")), "teamJoinButton",
                                  self.tr("Join the team with this file"))
        self.join_button.setDefault(True)
        self.join_button.clicked.connect(self.join_team)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.join_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(keychain_note)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        for edit in (self.host_edit, self.database_edit, self.dsn_edit, self.login_edit, self.password_edit):
            edit.textEdited.connect(self._forget_test)
        self.setTabOrder(self.host_edit, self.port_spin)
        self.setTabOrder(self.port_spin, self.database_edit)
        self.setTabOrder(self.database_edit, self.dsn_edit)
        self.setTabOrder(self.dsn_edit, self.login_edit)
        self.setTabOrder(self.login_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.test_button)
        self.setTabOrder(self.test_button, self.join_button)
        return page

    def _build_joined_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("teamJoinedPage")
        self.server_value = _named(QLabel(), "teamServerValue", self.tr("Server"))
        self.member_value = _named(QLabel(), "teamNameValue", self.tr("Name on the team"))
        self.last_sync_value = _named(QLabel(), "teamLastSyncValue", self.tr("Last sync"))
        self.waiting_value = _named(QLabel(), "teamWaitingValue", self.tr("Changes waiting to be sent"))
        for label in (self.server_value, self.member_value, self.last_sync_value, self.waiting_value):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_message = _named(QLabel(), "teamStateMessage", self.tr("How the last sync went"))
        self.state_message.setWordWrap(True)
        background = QLabel(arg(self.tr(
            "Kakeru syncs in the background every %1 minutes and when a call session ends."),
            interval_minutes()))
        background.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server_value)
        form.addRow(self.tr("Name on the team"), self.member_value)
        form.addRow(self.tr("Last sync"), self.last_sync_value)
        form.addRow(self.tr("Waiting to be sent"), self.waiting_value)
        self.sync_button = _named(QPushButton(self.tr("&Sync now")), "teamSyncNowButton",
                                  self.tr("Sync with the team's server now"))
        self.sync_button.clicked.connect(self.sync_now)
        self.leave_button = _named(QPushButton(self.tr("&Leave the team…")), "teamLeaveButton",
                                   self.tr("Leave the team, keeping the data on this computer"))
        self.leave_button.setAutoDefault(False)
        self.leave_button.clicked.connect(self.leave_team)
        self.conflicts_button = _named(QPushButton(self.tr("&Conflicts…")), "teamConflictsButton",
                                       self.tr("See the conflicts and choose which value stands"))
        self.conflicts_button.setAutoDefault(False)
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        buttons.addWidget(self.conflicts_button)
        buttons.addWidget(self.sync_button)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.state_message)
        layout.addStretch(1)
        layout.addWidget(background)
        layout.addLayout(buttons)
        return page

    # -- state ------------------------------------------------------------------------------------
    def show_state(self) -> None:
        """The join form for a file in no team, else the team's state."""
        status = team_status(self.db)
        if not status.joined:
            self.pages.setCurrentWidget(self.join_page)
            self.host_edit.setFocus()
            return
        self.pages.setCurrentWidget(self.joined_page)
        self._show_joined_state()
        self.sync_button.setFocus()

    def _show_joined_state(self, _outcome: SyncOutcome | None = None) -> None:
        status = team_status(self.db)
        if not status.joined:
            return
        from models.team.connect import where

        self.server_value.setText(where(status.server or ""))
        self.member_value.setText(arg(self.tr("%1 (login %2)"), status.caller_name or "", status.login or ""))
        synced = parse_moment(status.last_sync_at)
        self.last_sync_value.setText(synced.strftime("%Y-%m-%d %H:%M") if synced else self.tr("Not yet"))
        self.waiting_value.setText(arg(self.tr("%1 changes"), number(status.waiting)))
        from models.team.conflicts import open_count

        opened = open_count(self.db)
        self.conflicts_button.setText(arg(self.tr("&Conflicts (%1)…"), number(opened)) if opened
                                      else self.tr("&Conflicts…"))
        last = self.runner.last
        error = last.error if last is not None else status.last_error
        if error and last is not None and last.offline:  # quiet: Kakeru works on and syncs later
            self.state_message.setStyleSheet("")
            self.state_message.setText(error)
        elif error:
            self._say(self.state_message, error, False)
        elif last is not None:
            self._say(self.state_message, arg(self.tr("Synced: %1 sent, %2 received."), number(last.pushed),
                                              number(last.pulled)), True)
        else:
            self.state_message.clear()

    def _say(self, label: QLabel, text: str, good: bool) -> None:
        label.setStyleSheet(OK_STYLE if good else ERROR_STYLE)
        label.setText(text)

    # -- the join form ------------------------------------------------------------------------------
    def server_dsn(self) -> tuple[str, str | None]:
        """The server's DSN (without password) and a password the DSN carried, from the form.

        Raises:
            TeamError: the DSN cannot be read, or no server was given.
        """
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        from models.team.errors import TeamError
        from models.team.join import without_password

        text = self.dsn_edit.text().strip()
        if text:
            dsn = without_password(text)
            password = conninfo_to_dict(text).get("password")
            return dsn, str(password) if password else None
        host, database = self.host_edit.text().strip(), self.database_edit.text().strip()
        if not host or not database:
            raise TeamError(self.tr("Enter the server and the database (or a connection string)."))
        return make_conninfo(host=host, port=str(self.port_spin.value()), dbname=database), None

    def _credentials(self) -> tuple[str, str, str | None]:
        from models.team.errors import TeamError

        dsn, dsn_password = self.server_dsn()
        login = self.login_edit.text().strip()
        if not login:
            raise TeamError(self.tr("Enter your login."))
        return dsn, login, self.password_edit.text() or dsn_password

    def _forget_test(self) -> None:
        self.member = None
        self.name_label.setText(self.tr("(shown after the connection test)"))

    def start_test(self) -> bool:
        """Test the connection in a worker thread; the answer shows in ``message``. Whether it started."""
        if self._thread is not None:
            return False
        try:
            dsn, login, password = self._credentials()
        except KakeruError as error:
            self._say(self.message, str(error), False)
            return False
        self._say(self.message, self.tr("Connecting…"), True)
        self.test_button.setEnabled(False)
        self.join_button.setEnabled(False)
        relay = self._relay

        def work() -> None:
            try:
                result: object = test_connection(dsn, login, password)
            except Exception as error:  # a TeamError is said; anything else is raised in the GUI thread
                result = error
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile: nobody to tell
                relay.done.emit(result)

        self._thread = threading.Thread(target=work, name="team-connection-test", daemon=True)
        self._thread.start()
        return True

    def _tested(self, result: object) -> None:
        self._thread = None
        self.test_button.setEnabled(True)
        self.join_button.setEnabled(True)
        if isinstance(result, KakeruError):
            self._say(self.message, str(result), False)
            return
        if isinstance(result, BaseException):
            raise result
        assert isinstance(result, tuple)
        self.member = result
        self.name_label.setText(result[1])
        self._say(self.message, arg(self.tr("Connected. You are a member of this team as %1."), result[1]),
                  True)

    def join_team(self) -> bool:
        """Test, bind this file, keep the password in the keychain, sync once; whether the file joined."""
        from ui.dialogs.backup_restore import run_in_thread

        try:
            dsn, login, password = self._credentials()
            self._say(self.message, self.tr("Connecting…"), True)
            login, name = run_in_thread(self, self.windowTitle(), self.tr("Connecting to the team's server…"),
                                        lambda: test_connection(dsn, login, password))
        except KakeruError as error:
            self._say(self.message, str(error), False)
            return False
        self.name_label.setText(name)
        from models.team.connect import connect, save_password
        from models.team.join import join

        try:
            joined = join(self.db, dsn, login, name)
        except KakeruError as error:
            self._say(self.message, str(error), False)
            return False
        kept = True
        if password:
            try:
                save_password(dsn, login, password)
            except KakeruError:
                kept = False
        self.runner.announce()
        self.pages.setCurrentWidget(self.joined_page)
        self._show_joined_state()
        outcome = self.runner.sync_with_progress(
            self, arg(self.tr("Sending this file's %1 rows to the team and receiving the team's changes…"),
                      number(joined.queued)),
            lambda _db: (lambda: connect(dsn, login, password)))
        self._show_joined_state(outcome)
        if not kept:
            QMessageBox.warning(self, self.windowTitle(), self.tr(
                "This computer has no usable keychain, so the password was not kept and Kakeru cannot "
                "sync with the team. Ask your administrator to set up a ~/.pgpass file (or PGPASSWORD) "
                "on this computer."))
        self.sync_button.setFocus()
        return True

    # -- when joined --------------------------------------------------------------------------------
    def sync_now(self) -> SyncOutcome | None:
        self.sync_button.setEnabled(False)
        try:
            return self.runner.sync_with_progress(self, self.tr("Syncing with the team's server…"))
        finally:
            self.sync_button.setEnabled(True)
            self._show_joined_state()

    def leave_team(self) -> bool:
        """Confirm, then unbind the file (its data stays) and forget the password; whether it left."""
        status = team_status(self.db)
        if not status.joined:
            return False
        question = self.tr(
            "Leave the team? Everything on this computer stays: accounts, calls, plans and meetings are "
            "kept, so there is nothing to undo. From now on this file no longer syncs with the team.")
        if status.waiting:
            question += "\n\n" + arg(self.tr(
                "%1 changes not yet sent will not reach the team. To send them first, choose No and "
                "sync now."), number(status.waiting))
        answer = QMessageBox.question(self, self.tr("Leave the team"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        from ui.team.runner import sync_lock

        with sync_lock:  # not while a background sync uses the binding
            try:
                leave(self.db)
            except KakeruError as error:
                self._say(self.state_message, str(error), False)
                return False
        if status.server and status.login:
            from models.team.connect import forget_password

            forget_password(status.server, status.login)
        self.runner.last = None
        self.runner.announce()
        self._forget_test()
        self.message.clear()
        self.password_edit.clear()
        self.show_state()
        return True
