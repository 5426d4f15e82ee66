"""Data safety in the app: one Kakeru per database, a damaged file never overwritten, the day's backup,
Back up now and Restore in the File menu (a full round trip), a backup before every import, the
network-drive warning, and a full disk that says so plainly and lets the app go on afterwards."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

import ui.app as app_module
from models.accounts import companies
from models.accounts.targets import TargetFilter, count_targets
from models.store import backup as backups
from models.store import instance_lock
from models.store.check import quick_check
from models.store.db import open_db
from ui.app import AppController, run_gui
from ui.dialogs.backup_restore import BackupTableModel, RestoreDialog
from ui.dialogs.import_wizard import ImportWizard

ROOT = Path(__file__).resolve().parents[2]


def names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM companies ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def no_excepthook_change(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own


@pytest.fixture
def started(qtbot, db, db_path, settings, answer, monkeypatch):
    """A running Kakeru (lock, server, window) on the sample database; the day's backup waits."""
    monkeypatch.setattr(app_module, "DAILY_BACKUP_DELAY_MS", 3_600_000)
    db.close()
    settings.set_first_run_done(True)
    controller = AppController(str(db_path), settings)
    assert controller.start() is None
    qtbot.waitExposed(controller.window)
    yield controller
    if controller.window is not None:
        controller.window.close()
        controller.window.deleteLater()
    controller.shutdown()


def damage(path: Path) -> bytes:
    """Overwrite pages in the middle of the file with garbage, as a failing disk would."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(bytes(range(256)) * (min(size - 8192, 4096 * 6) // 256))
    assert not quick_check(path)
    return path.read_bytes()


def database_with_backup(path: Path) -> backups.BackupInfo:
    """A file with 300 companies and a good backup of it, then damaged."""
    db = open_db(path)
    for number in range(300):
        companies.create_company(db, {"name": f"株式会社バックアップ{number:03d}", "notes": "メモ" * 40})
    backups.backup_now(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return backups.list_backups(path)[0]


# -- one Kakeru per database ------------------------------------------------------------------------

def test_a_second_start_brings_the_first_window_to_the_front_and_shows_nothing(
        started, qtbot, db_path, answer, no_excepthook_change):
    assert run_gui(str(db_path), ["kakeru"]) == 0
    qtbot.waitUntil(lambda: started.front_requests == 1)
    assert answer.calls == []
    assert started.window.isVisible()


def test_a_second_process_hands_over_to_the_first_and_exits_0(started, qtbot, db_path, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "second-config"),
               XDG_DATA_HOME=str(tmp_path / "second-data"), PYTHONIOENCODING="utf-8")
    second = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    qtbot.waitUntil(lambda: started.front_requests == 1)


def test_when_the_first_cannot_be_reached_the_second_says_so_plainly(
        db_path, answer, no_excepthook_change, empty_db):
    with instance_lock.acquire(db_path):  # held, but nobody listens
        assert run_gui(str(db_path), ["kakeru"]) == 1
    [(kind, _title, text)] = answer.calls
    assert kind == "warning"
    assert "すでに別の Kakeru" in text and "前面" in text  # run_gui starts in Japanese, the default


def test_a_database_on_a_network_drive_is_warned_about_once(qtbot, db, db_path, settings, answer,
                                                             monkeypatch):
    monkeypatch.setattr(app_module.instance_lock, "is_network_path", lambda path: True)
    monkeypatch.setattr(app_module, "DAILY_BACKUP_DELAY_MS", 3_600_000)
    settings.set_first_run_done(True)
    db.close()
    controller = AppController(str(db_path), settings)
    try:
        assert controller.start() is None
        warnings = [text for kind, _title, text in answer.calls if kind == "warning"]
        assert len(warnings) == 1 and "ネットワーク" in warnings[0] and "WAL" in warnings[0]
    finally:
        controller.window.close()
        controller.shutdown()


# -- a damaged file ---------------------------------------------------------------------------------

def test_a_damaged_file_is_restored_from_the_newest_good_backup_and_kept_aside(
        qtbot, db_path, settings, answer, monkeypatch):
    monkeypatch.setattr(app_module, "DAILY_BACKUP_DELAY_MS", 3_600_000)
    monkeypatch.setattr(app_module, "QUIET_CHECK_BYTES", 0)  # checked behind the busy note, in a thread
    settings.set_first_run_done(True)
    good = database_with_backup(db_path)
    damaged = damage(db_path)
    controller = AppController(str(db_path), settings)
    try:
        assert controller.start() is None
        kind, _title, question = answer.calls[0]
        assert kind == "question"
        assert str(good.path) in question and "damaged" in question and "before-restore" in question
        assert count_targets(controller.db, TargetFilter()) == 300
        kept = [b for b in backups.list_backups(db_path) if b.reason == backups.BEFORE_RESTORE]
        assert len(kept) == 1 and not quick_check(kept[0].path)  # the damaged file, kept as it was
        assert kept[0].path.read_bytes()[100:] == damaged[100:]  # page for page (only the header differs)
        assert str(kept[0].path) in answer.calls[-1][2]
    finally:
        controller.window.close()
        controller.shutdown()


def test_a_damaged_file_is_left_alone_when_the_person_says_no(db_path, settings, answer):
    database_with_backup(db_path)
    damaged = damage(db_path)
    answer.reply = QMessageBox.StandardButton.No
    controller = AppController(str(db_path), settings)
    try:
        assert controller.start() == 1
    finally:
        controller.shutdown()
    assert db_path.read_bytes() == damaged
    assert controller.window is None


def test_a_damaged_file_without_a_backup_is_explained_and_not_touched(db_path, settings, answer):
    db = open_db(db_path)
    for number in range(300):
        companies.create_company(db, {"name": f"株式会社{number:03d}", "notes": "メモ" * 40})
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    damaged = damage(db_path)
    controller = AppController(str(db_path), settings)
    try:
        assert controller.start() == 1
    finally:
        controller.shutdown()
    [(kind, _title, text)] = answer.calls
    assert kind == "warning" and "破損" in text and "No usable backup" in text
    assert db_path.read_bytes() == damaged


# -- the day's backup --------------------------------------------------------------------------------

def test_the_days_backup_is_taken_after_the_window_shows_at_most_once_a_day(
        qtbot, db, db_path, settings, answer, monkeypatch):
    monkeypatch.setattr(app_module, "DAILY_BACKUP_DELAY_MS", 0)
    settings.set_first_run_done(True)
    db.close()
    for run in range(2):
        controller = AppController(str(db_path), settings)
        try:
            assert controller.start() is None
            status = controller.window.statusBar()
            qtbot.waitUntil(lambda c=controller: c._backup_thread is None and "backup" in
                            c.window.statusBar().currentMessage())
            expected = "Today's backup was saved" if run == 0 else "already exists"
            assert expected in status.currentMessage()
        finally:
            controller.window.close()
            controller.shutdown()
    daily = [b for b in backups.list_backups(db_path) if b.reason == backups.DAILY]
    assert len(daily) == 1 and backups.validate_backup(daily[0].path).ok
    assert answer.calls == []


def test_a_new_month_scores_every_company_again_after_start(qtbot, db, db_path, settings, answer,
                                                           monkeypatch):
    """Scores written before the month changed (or by a version that did not score) are made right in
    the background after the window shows, and the table hears of it."""
    from models.store import settings as db_settings
    monkeypatch.setattr(app_module, "DAILY_BACKUP_DELAY_MS", 0)
    settings.set_first_run_done(True)
    db.execute("UPDATE companies SET score = -1")
    db_settings.set_setting(db, db_settings.SCORES_MONTH, "1999-01")
    db.close()
    controller = AppController(str(db_path), settings)
    try:
        assert controller.start() is None
        heard = []
        controller.window.bus.changed.connect(heard.append)
        qtbot.waitUntil(lambda: controller._backup_thread is None and bool(heard))
        assert "companies" in str(heard)
        scores = [row[0] for row in controller.db.execute("SELECT score FROM companies")]
        assert -1 not in scores and any(score > 0 for score in scores)
        assert db_settings.get_setting(controller.db, db_settings.SCORES_MONTH) != "1999-01"
    finally:
        controller.window.close()
        controller.shutdown()


def test_back_up_now_while_the_days_backup_runs_gives_two_whole_backups(
        qtbot, db, db_path, settings, answer, monkeypatch):
    monkeypatch.setattr(app_module, "DAILY_BACKUP_DELAY_MS", 0)
    settings.set_first_run_done(True)
    db.close()
    controller = AppController(str(db_path), settings)
    try:
        assert controller.start() is None
        controller.window.backup_action.trigger()  # the day's backup starts while this one runs
        qtbot.waitUntil(lambda: controller._backup_thread is None and len(backups.list_backups(db_path)) == 2)
    finally:
        controller.window.close()
        controller.shutdown()
    made = backups.list_backups(db_path)
    assert sorted(b.reason for b in made) == [backups.DAILY, backups.MANUAL]
    assert all(backups.validate_backup(b.path).ok for b in made)
    assert answer.calls == []


# -- Back up now, Restore -----------------------------------------------------------------------------

def test_back_up_now_shows_progress_then_the_file_in_the_status_bar(window, qtbot, db_path):
    assert window.backup_action.shortcut().toString() == "Ctrl+Shift+B"
    window.backup_action.trigger()
    [made] = backups.list_backups(db_path)
    assert made.reason == backups.MANUAL and backups.validate_backup(made.path).companies == 5
    assert str(made.path) in window.statusBar().currentMessage()


def test_restore_round_trip_from_the_file_menu(started, qtbot, db_path, answer):
    window = started.window
    window.backup_action.trigger()
    companies.create_company(started.db, {"name": "株式会社あとから追加"})
    assert "株式会社あとから追加" in names(db_path)

    def choose_the_backup():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RestoreDialog)
        assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
        assert "5" in dialog.verdict.text()  # 会社 5 件
        dialog.restore_button.click()

    QTimer.singleShot(0, choose_the_backup)
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: started.window is not None and started.window is not window
                    and started.window.isVisible())
    assert "株式会社あとから追加" not in names(db_path)
    assert count_targets(started.db, TargetFilter()) == 5
    assert started.window.counts_label.text() == "5 companies · 1 lists"
    [kept] = [b for b in backups.list_backups(db_path) if b.reason == backups.BEFORE_RESTORE]
    assert "株式会社あとから追加" in names(kept.path)  # the state before the restore is kept
    confirm = [text for kind, _t, text in answer.calls if kind == "question"]
    assert confirm and "kept as a backup first" in confirm[0]
    assert str(kept.path) in answer.calls[-1][2] and answer.calls[-1][0] == "information"
    assert started.lock is not None  # still the one Kakeru on this database


def test_restore_dialog_refuses_a_file_that_is_not_a_backup(qtbot, db, db_path, tmp_path, check_names):
    backups.backup_now(db)
    dialog = RestoreDialog(str(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert check_names(dialog) == []
    assert dialog.restore_button.isEnabled()
    stranger = tmp_path / "notes.db"
    stranger.write_bytes(b"not a database at all " * 100)
    assert not dialog.choose(stranger)
    assert not dialog.restore_button.isEnabled() and dialog.chosen is None
    assert "notes.db" in dialog.verdict.text() and "破損" in dialog.verdict.text()


def test_restore_dialog_speaks_japanese(qtbot, japanese, db, db_path):
    backups.backup_now(db)
    backups.backup_before(db, "import")
    dialog = RestoreDialog(str(db_path))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "バックアップから復元"
    kinds = {dialog.model.index(row, BackupTableModel.REASON).data() for row in range(2)}
    assert kinds == {"手動（今すぐバックアップ）", "取り込み前"}


def test_the_backup_table_model_is_a_proper_qt_model(qtmodeltester, db, db_path):
    backups.backup_now(db)
    backups.backup_before(db, "import")
    model = BackupTableModel(backups.list_backups(db_path))
    qtmodeltester.check(model)
    assert model.rowCount(QModelIndex()) == 2


# -- a backup before every import -------------------------------------------------------------------

def test_an_import_is_preceded_by_a_backup_of_the_database_as_it_was(window, qtbot, db_path, tmp_path,
                                                                     monkeypatch):
    source = tmp_path / "list.csv"
    source.write_bytes("会社名,電話番号\r\n株式会社取り込み,03-1111-2222\r\n".encode("cp932"))
    seen = {}

    def drive(wizard):
        wizard.show()
        for _ in range(3):  # file → columns → list → Import
            if wizard.currentPage() is wizard.list_page:
                seen["backups"] = [b.reason for b in backups.list_backups(db_path)]
            button = wizard.button(QWizard.WizardButton.CommitButton)
            if not button.isVisible():
                button = wizard.button(QWizard.WizardButton.NextButton)
            button.click()
        return QWizard.DialogCode.Accepted

    monkeypatch.setattr(ImportWizard, "exec", drive)
    window.open_import_wizard(str(source))
    assert seen["backups"] == ["before-import"]
    [before] = backups.list_backups(db_path)
    assert backups.validate_backup(before.path).companies == 5  # taken before the import wrote
    assert count_targets(window.db, TargetFilter()) == 6
    assert str(before.path) in window.statusBar().currentMessage()


# -- a full disk -----------------------------------------------------------------------------------

def test_a_full_disk_says_so_plainly_and_the_app_goes_on_once_space_is_freed(window, qtbot, answer):
    db = window.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 1}")
    window.demo_action.trigger()  # answer: Yes, add 1,000 demo companies
    warnings = [text for kind, _title, text in answer.calls if kind == "warning"]
    assert warnings and "空き容量が不足" in warnings[-1] and "保存前の状態のまま" in warnings[-1]
    assert count_targets(db, TargetFilter()) == 5
    assert window.counts_label.text().startswith("5 companies")

    db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    window.demo_action.trigger()
    assert count_targets(db, TargetFilter()) == 1005
    qtbot.waitUntil(lambda: window.counts_label.text().startswith("1,005 companies"))
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_file_menu_and_messages_speak_japanese(japanese, window, db_path):
    assert window.backup_action.text() == "今すぐバックアップ(&B)"
    assert window.restore_action.text() == "バックアップから復元(&R)…"
    window.backup_action.trigger()
    assert window.statusBar().currentMessage().startswith("バックアップを保存しました: ")


# -- a clean close lets the next start skip the check before opening --------------------------------
def test_after_a_clean_close_the_next_start_opens_at_once_and_checks_in_the_background(
        qtbot, db, db_path, settings, answer, monkeypatch):
    monkeypatch.setattr(app_module, "DAILY_BACKUP_DELAY_MS", 3_600_000)
    db.close()
    settings.set_first_run_done(True)
    first = AppController(str(db_path), settings)
    assert first.start() is None and first.checked_before_open  # no record of a clean close yet
    first.window.close()
    first.shutdown()
    assert Path(f"{db_path}.closed-cleanly").exists()

    second = AppController(str(db_path), settings)
    try:
        assert second.start() is None
        assert not second.checked_before_open
        assert not Path(f"{db_path}.closed-cleanly").exists()  # used up: a crash now means a check
        with qtbot.waitSignal(second._check_relay.finished, timeout=10_000) as done:
            second.start_background_check()
        assert done.args == [True]
        assert answer.calls == []
    finally:
        second.window.close()
        second.shutdown()


def test_a_file_damaged_after_a_clean_close_is_caught_before_opening(db_path, settings, answer):
    database_with_backup(db_path)
    from models.store.check import record_clean_close

    assert record_clean_close(db_path)
    damaged = damage(db_path)  # another program (or a failing disk) wrote to it since
    answer.reply = QMessageBox.StandardButton.No
    controller = AppController(str(db_path), settings)
    try:
        assert controller.start() == 1
        assert controller.checked_before_open
    finally:
        controller.shutdown()
    assert db_path.read_bytes() == damaged
