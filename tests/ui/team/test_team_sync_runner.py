"""Background team sync on a real PostgreSQL: a colleague's account reaches the Targets page, the status
bar says how sync goes (synced, offline, failing), a finished call session starts a sync."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from models.accounts import companies, lists
from models.team.admin import assign_list
from models.team.errors import LoginRefused
from models.team.membership import team_status
from tests.ui.team.team_helpers import closed_port, colleague, join_as, server_dsn, sync_colleague
from ui.team.runner import SyncOutcome, interval_minutes
from ui.team.status import SyncStatus, parse_moment


@pytest.fixture
def caller_window(qtbot, empty_db, db_path, settings, answer):
    """The app of caller 佐藤 on a new, empty file (a caller holds what is assigned to them)."""
    from ui.main_window import MainWindow

    win = MainWindow(empty_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _sync(qtbot, window) -> SyncOutcome:
    with qtbot.waitSignal(window.team_sync.finished, timeout=60_000) as caught:
        assert window.team_sync.sync_in_background()
    return caught.args[0]


def test_a_background_sync_brings_a_colleagues_account_into_the_targets_page(
        qtbot, caller_window, team, keychain, tmp_path):
    window = caller_window
    join_as(window.db, team, "佐藤")
    window.team_sync.announce()
    assert _sync(qtbot, window).ok
    # The manager 田中, on their laptop, adds an account to a list and gives the list to 佐藤.
    other = colleague(tmp_path, team, "田中")
    made = companies.create_company(other, {"name": "株式会社ひかり通信", "phone": "03-9999-0000"})
    shared = lists.create_list(other, "十二月の重点")
    lists.add_to_list(other, shared.id, [made.id])
    sync_colleague(other, team, "田中")
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:
        assign_list(admin, shared.uid, "佐藤")
    other.close()
    model = window.targets_page.model
    assert model.rowCount() == 0

    outcome = _sync(qtbot, window)  # what the timer does, in its worker thread

    assert outcome.ok and outcome.pulled > 0
    here = window.db.execute("SELECT id FROM companies WHERE uid = ?", [made.uid]).fetchone()
    assert here is not None
    qtbot.waitUntil(lambda: model.row_of_id(here[0]) >= 0, timeout=5_000)  # the page read it again
    assert window.team_status.text() == "Sync: just now"


def test_offline_is_quiet_and_said_in_the_status_bar(qtbot, window, team, keychain, answer):
    join_as(window.db, team, "佐藤")
    # The server moved away (a laptop on a train): the file's server is a port nobody listens on.
    window.db.execute("UPDATE sync_state SET server = ?, last_sync_at = '2026-12-08T10:42:00+09:00'",
                      [make_conninfo(server_dsn(team), port=str(closed_port()))])
    window.db.conn.commit()
    outcome = _sync(qtbot, window)
    assert outcome.offline and not outcome.ok
    assert answer.calls == []  # no dialog
    status = window.team_status
    assert status.text().startswith("Sync: offline (last ") and status.text().endswith(" · 9 waiting")
    assert "12/08 10:42" in status.text() or "(last 10:42)" in status.text()
    assert status.toolTip() == outcome.error and not status.failing  # offline is not a failure
    assert team_status(window.db).waiting == 9  # nothing lost


def test_a_refused_login_is_an_error_with_its_sentence_as_tooltip(qtbot, window, team, keychain):
    join_as(window.db, team, "佐藤")
    keychain.stored = {key: "no longer the password" for key in keychain.stored}
    outcome = _sync(qtbot, window)
    assert not outcome.offline
    assert outcome.error == str(LoginRefused(team.logins["佐藤"]))
    assert window.team_status.text() == "Sync: error · 9 waiting"
    assert window.team_status.toolTip() == outcome.error
    assert window.team_status.failing


def test_the_status_bar_in_japanese(qtbot, japanese, db, settings, bus):
    from ui.team.runner import TeamSync

    db.execute("UPDATE sync_state SET server = 'host=x dbname=y', login = 'sato', caller_name = '佐藤', "
               "origin = 'o1', recording = 1, last_sync_at = '2026-12-08T10:42:00+09:00'")
    db.execute("INSERT INTO outbox (table_name, row_uid, op) "
               "SELECT 'companies', uid, 'insert' FROM companies")
    db.conn.commit()
    runner = TeamSync(db, ":memory:", bus)
    status = SyncStatus(db, runner, bus)
    qtbot.addWidget(status)
    status.now = lambda: parse_moment("2026-12-08T10:45:30+09:00")
    status.refresh()
    assert status.text() == "同期: 3 分前・未送信 5 件"
    runner.last = SyncOutcome(error="チームのサーバー（x:5432/y）に接続できません。", offline=True)
    status.refresh()
    assert status.text() == "同期: オフライン（最終 10:42）・未送信 5 件"
    runner.last = SyncOutcome(error="ログインできませんでした。")
    status.refresh()
    assert status.text() == "同期: エラー・未送信 5 件" and status.toolTip() == "ログインできませんでした。"


def test_a_finished_session_starts_a_sync_and_the_interval_has_a_sane_default(qtbot, window, team, keychain):
    assert interval_minutes() == 5
    join_as(window.db, team, "田中")
    today = window.pages["today"]
    with qtbot.waitSignal(window.team_sync.finished, timeout=60_000) as caught:
        today.session.closed.emit()
    assert caught.args[0].ok
    assert team_status(window.db).waiting == 0


def test_clicking_the_status_bar_opens_the_team_dialog(qtbot, window, team, keychain):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    assert window.team_status.isHidden()  # a file in no team says nothing about sync
    join_as(window.db, team, "佐藤")
    window.team_sync.announce()
    assert window.team_status.isVisible() and window.team_status.text() == "Sync: not yet · 9 waiting"
    seen = []

    def answer_dialog():
        dialog = QApplication.activeModalWidget()
        seen.append((dialog.objectName(), dialog.pages.currentWidget().objectName()))
        dialog.reject()

    QTimer.singleShot(0, answer_dialog)
    qtbot.mouseClick(window.team_status, Qt.MouseButton.LeftButton)
    assert seen == [("teamDialog", "teamJoinedPage")]
