"""Conflicts in the app on a real PostgreSQL: a caller's laptop (the window) and a manager's file edit one
company's notes offline; the window shows 「競合 1 件」, the caller takes their value back by keyboard,
Ctrl+Z undoes it, and after syncs both files hold the chosen value with the conflict resolved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from models.accounts.companies import create_company, update_company
from models.team import conflicts
from tests.ui.team.team_helpers import colleague, join_as, sync_colleague
from ui.team.conflicts import ConflictsDialog


@pytest.fixture
def window(qtbot, empty_db, db_path, settings, answer):
    from ui.main_window import MainWindow

    win = MainWindow(empty_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _sync(window):
    outcome = window.team_sync.sync_with_progress(window, "sync")
    assert outcome is not None and outcome.ok, outcome
    return outcome


@pytest.fixture
def conflicted(window, team, keychain, tmp_path):
    """The caller 佐藤 (the window) and the manager 田中 edited the notes; 田中's later edit is in force."""
    join_as(window.db, team, "佐藤")
    made = create_company(window.db, {"name": "株式会社競合テスト", "notes": "元のメモ"})
    _sync(window)
    manager = colleague(tmp_path, team, "田中")
    update_company(window.db, made.id, {"notes": "佐藤のメモ"})
    theirs = manager.execute("SELECT id FROM companies").fetchone()[0]
    update_company(manager, theirs, {"notes": "田中のメモ"})
    _sync(window)
    sync_colleague(manager, team, "田中")
    outcome = _sync(window)
    assert outcome.conflicts == 1 and "conflicts" in outcome.tables
    yield window, manager
    manager.close()


def _open(qtbot, window):
    dialog = ConflictsDialog(window.db, window.bus, window.undo_stack, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.view.setFocus()
    return dialog


def _key(qtbot, dialog, key, modifier):
    qtbot.keyClick(QApplication.focusWidget() or dialog, key, modifier)


def _press(qtbot, dialog, key, done):
    """A button's Alt+letter: Qt clicks it after a short animation, so wait for what the click does."""
    _key(qtbot, dialog, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(done, timeout=3000)


def _notes(db):
    return db.execute("SELECT notes FROM companies").fetchone()[0]


def test_a_conflict_is_listed_taken_back_by_keyboard_undone_and_synced(qtbot, conflicted, team):
    window, manager = conflicted
    assert window.conflict_status.isVisible() and window.conflict_status.text() == "Conflicts: 1"
    dialog = _open(qtbot, window)
    model = dialog.model
    assert [model.data(model.index(0, column)) for column in range(6)] == [
        "株式会社競合テスト", "Company · Notes", "田中のメモ", "田中", "佐藤のメモ", "佐藤"]
    _press(qtbot, dialog, Qt.Key.Key_T, lambda: conflicts.open_count(window.db) == 0)  # &Take the other value
    assert _notes(window.db) == "佐藤のメモ" and conflicts.open_count(window.db) == 0
    assert not window.conflict_status.isVisible()
    assert dialog.empty.isVisible()
    _key(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert _notes(window.db) == "田中のメモ" and conflicts.open_count(window.db) == 1
    assert window.conflict_status.isVisible() and not dialog.empty.isVisible()
    _press(qtbot, dialog, Qt.Key.Key_T, lambda: conflicts.open_count(window.db) == 0)
    assert _notes(window.db) == "佐藤のメモ"
    dialog.close()
    _sync(window)
    sync_colleague(manager, team, "田中")
    assert _notes(manager) == "佐藤のメモ"
    assert manager.execute("SELECT resolution, resolved_by FROM conflicts").fetchall() == [("lost", "佐藤")]
    assert conflicts.open_count(manager) == 0


def test_keeping_the_value_in_force_changes_nothing_but_the_conflict(qtbot, conflicted):
    window, _manager = conflicted
    dialog = _open(qtbot, window)
    # &Keep the value in force
    _press(qtbot, dialog, Qt.Key.Key_K, lambda: conflicts.open_count(window.db) == 0)
    assert _notes(window.db) == "田中のメモ" and conflicts.open_count(window.db) == 0
    dialog.show_resolved.setChecked(True)
    assert dialog.model.rowCount() == 1 and dialog.model.data(dialog.model.index(0, 7)) == "Kept by 佐藤"
    assert not dialog.keep_button.isEnabled() and not dialog.take_button.isEnabled()


def test_the_team_dialog_offers_the_conflicts(qtbot, conflicted):
    window, _manager = conflicted
    from ui.team.dialog import TeamDialog

    dialog = TeamDialog(window.db, window.team_sync, window)
    qtbot.addWidget(dialog)
    assert dialog.conflicts_button.text() == "&Conflicts (1)…"
    with qtbot.waitSignal(dialog.conflicts_requested, timeout=1000):
        dialog.conflicts_button.click()


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


def test_the_conflicts_in_japanese_are_drawn_whole(app_font, japanese, qtbot, conflicted):
    window, _manager = conflicted
    window.conflict_status.refresh()
    assert window.conflict_status.text() == "競合 1 件"
    dialog = ConflictsDialog(window.db, window.bus, window.undo_stack, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.windowTitle() == "競合"
    model = dialog.model
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(8)] == [
        "会社", "項目", "反映中の値", "変更した人", "もう一方の値", "変更した人", "日時", "状態"]
    assert model.data(model.index(0, 1)) == "会社・メモ" and model.data(model.index(0, 7)) == "未解決"
    assert _clipped(dialog) == []
    folder = Path(os.environ.get("KAKERU_SHOTS") or "/tmp/team_shots")
    folder.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(folder / "conflicts.png"))
    assert window.statusBar().grab().save(str(folder / "conflicts_status.png"))
