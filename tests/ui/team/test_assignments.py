"""File → Assignments… on a real PostgreSQL: a manager assigns a list by keyboard and the caller's Today
queue draws from it after their sync; a hand-over moves a caller's open plan (and hands it back); a saved
view's companies become an assigned list; a refusal is the engine's sentence; a caller never sees it."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from PySide6.QtCore import Qt

from models.accounts.saved_views import save_view
from models.accounts.target_filter import TargetFilter
from models.planning.agenda import build_agenda
from models.team import workload
from models.team.admin import assign_list
from models.team.connect import where
from models.team.errors import NotAllowed, ServerUnreachable
from tests.team.team_roles import make_team, seed
from tests.ui.team.team_helpers import closed_port, colleague, join_as, sync_colleague
from ui.team.assignments import AssignmentDialog

TODAY = date(2026, 12, 8)


@pytest.fixture
def team(team_dsn):  # overrides the conftest's: two callers here
    """田中 manages; 佐藤 and 鈴木 call."""
    return make_team(team_dsn, callers=("佐藤", "鈴木"))


def _manager_window(window, team):
    join_as(window.db, team, "田中")
    assert window.team_sync.sync_with_progress(window, "sync").ok
    return window


def _dialog(qtbot, window):
    dialog = AssignmentDialog(window.db, window.team_sync, window.bus, window, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def _key(qtbot, dialog, key) -> None:
    qtbot.keyClick(dialog.focusWidget(), key)


def _holders(dialog) -> dict[str, str]:
    return {row[0]: row[2] for row in dialog.lists_model.rows}


def test_a_manager_assigns_a_list_by_keyboard_and_the_callers_today_queue_draws_from_it(
        qtbot, window, team, keychain, tmp_path, answer, check_names):
    _manager_window(window, team)
    sato = colleague(tmp_path, team, "佐藤", "sato.db")
    try:
        assert sato.execute("SELECT count(*) FROM companies").fetchone()[0] == 0  # nothing assigned yet
        assert window.assign_action in window.file_menu.actions()
        dialog = _dialog(qtbot, window)
        assert check_names(dialog) == []
        assert dialog.focusWidget() is dialog.lists_view
        assert _holders(dialog) == {"重点リスト": "(nobody)"}
        assert "As of the last sync" in dialog.age_label.text()
        _key(qtbot, dialog, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.assign_to and dialog.assign_to.currentText() == "佐藤"
        _key(qtbot, dialog, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.assign_button
        _key(qtbot, dialog, Qt.Key.Key_Space)
        kind, _title, text = answer.calls[-1]
        assert kind == "question" and "重点リスト" in text and "Ctrl+Z cannot take it back" in text
        assert dialog.message.text() == "佐藤 now holds the list 重点リスト."
        assert _holders(dialog) == {"重点リスト": "佐藤"}  # the sync after the act brought it
        load = {row[0]: row[1:] for row in dialog.loads_model.rows}
        assert load["佐藤"] == (1, 0, 0, 1)  # one list, one account on it never called (青葉)

        sync_colleague(sato, team, "佐藤")
        queue = build_agenda(sato, TODAY)
        names = {entry.company_name for entry in queue.entries}
        assert names == {"株式会社青葉システム"}  # the list's only fresh target; 北斗物流 is not theirs
        assert all(entry.section == "fresh" for entry in queue.entries)
        # The manager holds no list: working as a caller, every untouched account feeds their queue.
        mine = {entry.company_name for entry in build_agenda(window.db, TODAY).entries}
        assert {"株式会社青葉システム", "北斗物流株式会社"} <= mine
    finally:
        sato.close()


def test_a_hand_over_from_the_screen_moves_the_callers_open_plan_and_can_be_handed_back(
        qtbot, window, team, keychain, tmp_path, answer):
    _manager_window(window, team)
    list_uid = window.db.execute("SELECT uid FROM target_lists WHERE name = '重点リスト'").fetchone()[0]
    company_uid = window.db.execute(
        "SELECT uid FROM companies WHERE name = '株式会社青葉システム'").fetchone()[0]
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:
        assign_list(admin, list_uid, "佐藤")
        admin.execute("INSERT INTO kakeru.plans (uid, created_at, updated_at, company_uid, due, status, "
                      "caller, hypothesis) VALUES ('away-plan', 'now', 'now', %s, '2026-12-07', 'open', "
                      "'佐藤', '1月に人事計画を立てるので12月上旬に')", [company_uid])
    dialog = _dialog(qtbot, window)
    dialog._sync()
    load = {row[0]: row[1:] for row in dialog.loads_model.rows}
    assert load["佐藤"] == (1, 1, 1, 0) and load["鈴木"] == (0, 0, 0, 0)  # the plan is overdue
    # From 佐藤 (first), to 鈴木, all of their work: by keyboard from the From combo.
    dialog.from_combo.setFocus()
    assert dialog.from_combo.currentText() == "佐藤" and dialog.to_combo.currentText() == "鈴木"
    assert [dialog.scope_combo.itemText(i) for i in range(dialog.scope_combo.count())] == [
        "All of their work (every list and open plan)", "Only the list 重点リスト"]
    qtbot.keyClick(dialog.scope_combo, Qt.Key.Key_Down)
    assert dialog.scope_combo.currentData() == list_uid
    dialog.hand_over_button.setFocus()
    _key(qtbot, dialog, Qt.Key.Key_Space)
    kind, _title, text = answer.calls[-1]
    assert kind == "question" and "open plans with their hypotheses" in text and "keeps the name" in text
    assert "Ctrl+Z cannot take it back" in text
    assert dialog.message.text() == "Handed over to 鈴木: 1 lists and 1 open plans."
    with psycopg.connect(team.admin_dsn) as admin:
        moved = admin.execute("SELECT caller FROM kakeru.plans WHERE uid = 'away-plan'").fetchone()[0]
    assert moved == "鈴木"
    assert window.db.execute("SELECT caller FROM plans WHERE uid = 'away-plan'").fetchone()[0] == "鈴木"
    assert _holders(dialog) == {"重点リスト": "鈴木"}
    load = {row[0]: row[1:] for row in dialog.loads_model.rows}
    assert load["鈴木"] == (1, 1, 1, 0) and load["佐藤"] == (0, 0, 0, 0)

    assert dialog.hand_back_button.isEnabled()
    dialog.hand_back_button.setFocus()
    _key(qtbot, dialog, Qt.Key.Key_Space)
    assert answer.calls[-1][0] == "question"
    assert dialog.message.text() == "Handed back to 佐藤: 1 lists and 1 open plans."
    assert window.db.execute("SELECT caller FROM plans WHERE uid = 'away-plan'").fetchone()[0] == "佐藤"
    assert _holders(dialog) == {"重点リスト": "佐藤"}
    assert not dialog.hand_back_button.isEnabled()


def test_a_saved_views_companies_become_a_list_assigned_to_a_caller(qtbot, window, team, keychain, answer):
    _manager_window(window, team)
    save_view(window.db, "東京の企業", TargetFilter(prefectures=("東京都",)))
    dialog = _dialog(qtbot, window)
    assert dialog.view_combo.currentText() == "東京の企業"
    dialog.view_to.setCurrentText("鈴木")
    assert dialog.assign_view()
    assert "東京の企業" in answer.calls[-1][2] and "1 companies" in answer.calls[-1][2]
    assert dialog.message.text() == "鈴木 now holds the list 東京の企業."
    with psycopg.connect(team.admin_dsn) as admin:
        held = admin.execute(
            "SELECT l.name, m.display_name, (SELECT count(*) FROM kakeru.list_members lm "
            "WHERE lm.list_uid = l.uid AND NOT lm.deleted) FROM kakeru.assignments a "
            "JOIN kakeru.target_lists l ON l.uid = a.list_uid "
            "JOIN kakeru.members m ON m.login = a.caller_login "
            "WHERE NOT a.deleted").fetchall()
    assert held == [("東京の企業", "鈴木", 1)]
    assert _holders(dialog)["東京の企業"] == "鈴木"


def test_a_refusal_is_the_engines_sentence(qtbot, window, team, keychain, answer):
    _manager_window(window, team)
    dialog = _dialog(qtbot, window)
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:  # demoted since the last sync
        admin.execute("UPDATE kakeru.members SET is_manager = false WHERE login = %s", [team.logins["田中"]])
    assert not dialog.assign_selected()
    assert dialog.message.text() == str(NotAllowed("リストの割り当て"))
    with psycopg.connect(team.admin_dsn) as admin:
        assert admin.execute("SELECT count(*) FROM kakeru.assignments").fetchone()[0] == 0


def test_an_unreachable_server_is_said_and_nothing_changes(qtbot, window, team, keychain, answer):
    _manager_window(window, team)
    dialog = _dialog(qtbot, window)
    away = f"host=127.0.0.1 port={closed_port()} dbname={team.database}"
    window.db.execute("UPDATE sync_state SET server = ? WHERE id = 1", [away])
    window.db.conn.commit()
    assert not dialog.assign_selected()
    assert dialog.message.text() == str(ServerUnreachable(where(away)))
    assert _holders(dialog) == {"重点リスト": "(nobody)"}


def test_a_caller_does_not_see_the_managers_entry(qtbot, window, team, keychain):
    assert window.assign_action not in window.file_menu.actions()  # a file in no team
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:
        seed(admin, "c1", "L1")
        assign_list(admin, "L1", "佐藤")
    join_as(window.db, team, "佐藤")
    assert window.team_sync.sync_with_progress(window, "sync").ok
    assert not workload.is_manager(window.db)
    assert window.assign_action not in window.file_menu.actions()
    assert not window.assign_action.isEnabled()
    window.assign_action.trigger()  # even triggered some other way, nothing opens
    assert not window.findChildren(AssignmentDialog)
    # A manager working as a caller: no assignment of their own, so every list feeds their queue.
    window.db.execute("UPDATE team_members SET is_manager = 1 WHERE login = ?", [team.logins["佐藤"]])
    window.db.conn.commit()
    window.show_roles()
    assert window.assign_action in window.file_menu.actions() and window.assign_action.isEnabled()
