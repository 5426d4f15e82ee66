"""The assignment screen in Japanese: every label and button drawn whole (its text fits), and pictures of
the screen, the File menu's entry and the hand-over's confirmation (saved in $KAKERU_SHOTS when set, to
look at)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox

from models.accounts.saved_views import save_view
from models.accounts.target_filter import TargetFilter
from models.team.admin import assign_list
from tests.team.team_roles import make_team
from tests.ui.team.team_helpers import join_as
from ui.team.assignments import AssignmentDialog


@pytest.fixture
def team(team_dsn):  # overrides the conftest's: two callers here
    return make_team(team_dsn, callers=("佐藤", "鈴木"))


def _save(widget, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("KAKERU_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / name))


def _clipped(dialog) -> list[str]:
    cut = []
    for label in dialog.findChildren(QLabel):
        needed = label.fontMetrics().horizontalAdvance(label.text().replace("&", ""))
        if label.isVisible() and not label.wordWrap() and label.width() < needed:
            cut.append(label.text())
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible() and button.width() < button.sizeHint().width():
            cut.append(button.text())
    return cut


def test_the_assignment_screen_in_japanese_is_drawn_whole(japanese, app_font, qtbot, window, team, keychain,
                                                           answer, tmp_path):
    join_as(window.db, team, "田中")
    assert window.team_sync.sync_with_progress(window, "sync").ok
    list_uid, company_uid = window.db.execute(
        "SELECT l.uid, c.uid FROM target_lists l JOIN list_members m ON m.list_id = l.id "
        "JOIN companies c ON c.id = m.company_id ORDER BY c.id LIMIT 1").fetchone()
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:
        assign_list(admin, list_uid, "佐藤")
        admin.execute("INSERT INTO kakeru.plans (uid, created_at, updated_at, company_uid, due, status, "
                      "caller) VALUES ('p', 'now', 'now', %s, '2026-12-01', 'open', '佐藤')", [company_uid])
    save_view(window.db, "東京の企業", TargetFilter(prefectures=("東京都",)))
    window.team_sync.sync_with_progress(window, "sync")

    menu = window.file_menu
    assert window.assign_action in menu.actions() and window.assign_action.text() == "担当の割り当て(&A)…"
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(menu.isVisible)
    _save(menu, tmp_path, "assign_menu.png")
    menu.hide()

    dialog = AssignmentDialog(window.db, window.team_sync, window.bus, window,
                              today=lambda: date(2026, 12, 8))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.windowTitle() == "担当の割り当て"
    assert [dialog.loads_model.headerData(i, Qt.Orientation.Horizontal) for i in range(5)] == [
        "担当者", "リスト", "今日までの予定", "うち期限切れ", "未架電"]
    assert _clipped(dialog) == []
    _save(dialog, tmp_path, "assign_screen.png")

    dialog.to_combo.setCurrentText("鈴木")
    answer.reply = QMessageBox.StandardButton.No
    assert not dialog.hand_over()
    question = answer.calls[-1][2]
    assert "Ctrl+Z では取り消せません" in question and "仮説" in question
    box = QMessageBox(QMessageBox.Icon.Question, "担当の引き継ぎ", question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, dialog)
    box.show()
    qtbot.waitExposed(box)
    _save(box, tmp_path, "assign_handover_confirm.png")
    box.close()

    answer.reply = QMessageBox.StandardButton.Yes
    assert dialog.hand_over()
    assert dialog.message.text() == "鈴木さんに引き継ぎました（リスト 1 件、未完了の予定 1 件）。"
    assert dialog.hand_back_button.isEnabled() and _clipped(dialog) == []
    _save(dialog, tmp_path, "assign_after_handover.png")
