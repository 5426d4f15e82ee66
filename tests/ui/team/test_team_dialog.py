"""File → Team…: joining by keyboard on a real PostgreSQL, each connection failure said, leaving keeps
the data."""

from __future__ import annotations

import psycopg
from psycopg.conninfo import make_conninfo
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from models.accounts.companies import create_company
from models.store.changes import COMPANIES, Changes
from models.team.connect import SERVICE, keychain_user
from models.team.errors import (
    CertificateNotTrusted,
    LoginRefused,
    NotAMember,
    ServerTooNew,
    ServerUnreachable,
)
from models.team.membership import team_status
from models.team.server_schema import LATEST_SERVER_VERSION
from tests.ui.team.team_helpers import closed_port, join_as, server_dsn, server_parts
from ui.team.dialog import TeamDialog


def _dialog(qtbot, window):
    dialog = TeamDialog(window.db, window.team_sync, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def _type(qtbot, dialog, text: str) -> None:
    qtbot.keyClicks(dialog.focusWidget(), text)


def _tab(qtbot, dialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)


def _server_count(team, table: str) -> int:
    with psycopg.connect(team.admin_dsn) as conn:
        return conn.execute(f"SELECT count(*) FROM kakeru.{table}").fetchone()[0]


def test_joining_by_keyboard_binds_the_file_keeps_the_password_in_the_keychain_and_syncs(
        qtbot, window, team, keychain, tmp_path, check_names):
    host, port, database = server_parts(team)
    # A manager joins with a file full of accounts (a caller's push of new companies is refused by the
    # server's policies as they stand: see the report).
    login, password = team.logins["田中"], team.passwords["田中"]
    assert window.team_action in window.menuBar().findChild(QMenu, "fileMenu").actions()
    dialog = _dialog(qtbot, window)
    assert check_names(dialog) == []
    assert dialog.focusWidget() is dialog.host_edit
    _type(qtbot, dialog, host)
    _tab(qtbot, dialog)
    assert dialog.focusWidget() is dialog.port_spin
    qtbot.keyClick(dialog.port_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, dialog, port)
    _tab(qtbot, dialog)
    _type(qtbot, dialog, database)
    _tab(qtbot, dialog)  # past the connection string: the fields above are enough
    _tab(qtbot, dialog)
    _type(qtbot, dialog, login)
    _tab(qtbot, dialog)
    assert dialog.focusWidget() is dialog.password_edit
    _type(qtbot, dialog, password)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # 参加, the default button
    status = team_status(window.db)
    assert status.joined and status.login == login and status.caller_name == "田中"
    assert "password" not in (status.server or "")
    assert keychain.stored == {(SERVICE, keychain_user(server_dsn(team), login)): password}
    assert dialog.pages.currentWidget() is dialog.joined_page
    assert status.waiting == 0 and status.last_sync_at
    assert _server_count(team, "companies") == 5  # the file's accounts went to the team
    assert dialog.waiting_value.text() == "0 changes"
    # The password is in no settings file.
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.suffix in (".ini", ".conf", ".json"):
            assert password not in path.read_text(encoding="utf-8", errors="replace")
    assert window.team_status.isVisible()
    assert window.team_status.text() == "Sync: just now"


def _fill(dialog, team, login: str, password: str, port: str | None = None) -> None:
    host, real_port, database = server_parts(team)
    dialog.host_edit.setText(host)
    dialog.port_spin.setValue(int(port or real_port))
    dialog.database_edit.setText(database)
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)


def _test(qtbot, dialog) -> str:
    assert dialog.start_test()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=20_000)
    return dialog.message.text()


def test_the_connection_test_answers_each_failure_with_its_sentence(qtbot, window, team, keychain):
    login = team.logins["佐藤"]
    dialog = _dialog(qtbot, window)
    _fill(dialog, team, login, "wrong password")
    assert _test(qtbot, dialog) == str(LoginRefused(login))
    _fill(dialog, team, login, team.passwords["佐藤"], port=str(closed_port()))
    host, _port, database = server_parts(team)
    assert _test(qtbot, dialog) == str(ServerUnreachable(f"{host}:{dialog.port_spin.value()}/{database}"))
    _fill(dialog, team, login, team.passwords["佐藤"])
    assert "佐藤" in _test(qtbot, dialog)
    assert dialog.name_label.text() == "佐藤"  # the name as the server knows it
    # A failed test changed nothing: no binding, nothing kept.
    assert not team_status(window.db).joined and keychain.stored == {}


def test_a_refused_join_leaves_the_file_alone(qtbot, window, team, keychain):
    dialog = _dialog(qtbot, window)
    _fill(dialog, team, team.logins["佐藤"], "wrong password")
    assert not dialog.join_team()
    assert dialog.message.text() == str(LoginRefused(team.logins["佐藤"]))
    assert not team_status(window.db).joined and keychain.stored == {}


def test_leaving_keeps_every_row_forgets_the_password_and_says_so_first(
        qtbot, window, team, keychain, answer):
    join_as(window.db, team, "佐藤")
    window.team_sync.announce()
    create_company(window.db, {"name": "株式会社未送信"})  # one change waiting
    window.bus.notify(Changes.of(COMPANIES))  # as run_write tells the views
    before = {table: window.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("companies", "contacts", "target_lists", "list_members", "touches", "plans")}
    dialog = _dialog(qtbot, window)
    assert dialog.pages.currentWidget() is dialog.joined_page
    assert window.team_status.text().endswith("· 10 waiting")  # 9 rows queued at the join + the new one
    answer.reply = answer.reply.No
    assert not dialog.leave_team()
    assert team_status(window.db).joined
    answer.reply = answer.reply.Yes
    assert dialog.leave_team()
    kind, _title, question = answer.calls[-1]
    assert kind == "question" and "stays" in question and "nothing to undo" in question
    assert "10 changes not yet sent" in question
    after = {table: window.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in before}
    assert after == before
    assert not team_status(window.db).joined
    assert window.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert keychain.stored == {}
    assert dialog.pages.currentWidget() is dialog.join_page
    assert window.team_status.isHidden()
    # Later writes are no longer recorded for a team.
    create_company(window.db, {"name": "株式会社ひとり"})
    assert window.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_the_connection_test_says_certificate_server_too_new_and_not_a_member(
        qtbot, window, team, keychain):
    _host, port, database = server_parts(team)
    login, password = team.logins["佐藤"], team.passwords["佐藤"]
    dialog = _dialog(qtbot, window)
    # Named as a remote host (TLS demanded), reached at the test server, which offers none.
    dialog.dsn_edit.setText(make_conninfo(host="team.example.com", hostaddr="127.0.0.1", port=port,
                                          dbname=database))
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    assert _test(qtbot, dialog) == str(CertificateNotTrusted(f"team.example.com:{port}/{database}"))
    dialog.dsn_edit.clear()
    _fill(dialog, team, login, password)
    with psycopg.connect(team.admin_dsn) as admin:
        admin.execute("UPDATE kakeru.kakeru_meta SET version = %s", [LATEST_SERVER_VERSION + 1])
    answer = _test(qtbot, dialog)
    assert answer == str(ServerTooNew(LATEST_SERVER_VERSION + 1, LATEST_SERVER_VERSION))
    with psycopg.connect(team.admin_dsn) as admin:
        admin.execute("UPDATE kakeru.kakeru_meta SET version = %s", [LATEST_SERVER_VERSION])
        admin.execute("UPDATE kakeru.members SET active = false WHERE login = %s", [login])
    assert _test(qtbot, dialog) == str(NotAMember(login))
    assert not team_status(window.db).joined and keychain.stored == {}


def test_without_a_keychain_the_join_still_works_and_says_the_password_was_not_kept(
        qtbot, window, team, monkeypatch, answer):
    from models.team import connect as team_connect

    class NoKeychain:
        def set_password(self, *args):
            raise RuntimeError("no D-Bus")

        def get_password(self, *args):
            raise RuntimeError("no D-Bus")

    monkeypatch.setattr(team_connect, "_keyring", lambda: NoKeychain())
    dialog = _dialog(qtbot, window)
    _fill(dialog, team, team.logins["田中"], team.passwords["田中"])
    assert dialog.join_team()
    status = team_status(window.db)
    assert status.joined and status.waiting == 0  # the first sync used the password typed
    kind, _title, text = answer.calls[-1]
    assert kind == "warning" and "keychain" in text and "~/.pgpass" in text
