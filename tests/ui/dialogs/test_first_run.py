"""The first run: a short explanation, the caller's name and three ways to start; demo data fills the
database."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from typing_helpers import ime

from models.accounts.targets import TargetFilter, count_targets
from models.store.settings import caller_name, set_caller_name
from ui.dialogs.first_run import FirstRunDialog, needs_first_run, run_first_run


def test_dialog_explains_and_offers_three_starts(qtbot):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    intro = dialog.findChild(QLabel, "firstRunIntro").text()
    assert "inside-sales" in intro and intro.count(".") in (2, 3, 4)
    buttons = {b.objectName() for b in dialog.findChildren(QPushButton)}
    assert {"firstRunDemoButton", "firstRunImportButton", "firstRunEmptyButton"} <= buttons
    assert dialog.demo_button.accessibleName() == "Try it with demo data"
    dialog.empty_button.click()
    assert dialog.choice == "empty"


def test_first_run_is_offered_once_on_an_empty_database(qtbot, empty_db, settings):
    assert needs_first_run(empty_db, settings)
    settings.set_first_run_done(True)
    assert not needs_first_run(empty_db, settings)


def test_demo_data_fills_the_database_and_the_table(qtbot, empty_db, db_path, settings, answer):
    from ui.main_window import MainWindow

    window = MainWindow(empty_db, str(db_path), settings)
    qtbot.addWidget(window)
    window.show()
    assert window.targets_page.empty_label.isVisible()
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().demo_button.click())
    assert run_first_run(window) == "demo"
    assert count_targets(empty_db, TargetFilter()) == 1000
    assert window.targets_page.model.total() == 1000
    assert window.targets_page.count_label.text() == "1,000 companies"
    assert not window.targets_page.empty_label.isVisible()
    assert settings.first_run_done()


def test_start_empty_leaves_the_database_empty(qtbot, empty_db, db_path, settings, answer):
    from ui.main_window import MainWindow

    window = MainWindow(empty_db, str(db_path), settings)
    qtbot.addWidget(window)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().empty_button.click())
    assert run_first_run(window) == "empty"
    assert count_targets(empty_db, TargetFilter()) == 0
    assert "Import a list" in window.targets_page.empty_label.text()


def test_dialog_controls_are_named(qtbot, check_names):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []


def _when_modal(qtbot, act):
    """Run ``act(dialog)`` once the modal dialog is shown and has the focus, as a person would wait."""
    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None or QApplication.focusWidget() is None or not dialog.isActiveWindow():
            QTimer.singleShot(10, poll)
            return
        act(dialog)
    QTimer.singleShot(0, poll)


def test_first_run_asks_the_callers_name_by_keyboard(qtbot, empty_db, db_path, settings, answer):
    """Type the name, Enter moves on to the choices (not into the demo), Tab twice, Enter: start empty."""
    from ui.main_window import MainWindow

    window = MainWindow(empty_db, str(db_path), settings)
    qtbot.addWidget(window)
    window.show()
    heard = []
    window.bus.changed.connect(heard.append)
    seen = {}

    def type_name(dialog):
        seen["first focus"] = QApplication.focusWidget() is dialog.name
        ime(QApplication.focusWidget(), "高橋　由美")  # committed by the input method
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        seen["after Enter"] = QApplication.focusWidget().objectName()
        seen["still open"] = dialog.isVisible()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen["chosen"] = QApplication.focusWidget().objectName()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    _when_modal(qtbot, type_name)
    assert run_first_run(window) == "empty"
    assert seen == {"first focus": True, "after Enter": "firstRunDemoButton", "still open": True,
                    "chosen": "firstRunEmptyButton"}
    assert caller_name(empty_db) == "高橋 由美"
    assert heard and "settings" in heard[-1]
    assert count_targets(empty_db, TargetFilter()) == 0


def test_the_name_may_be_left_empty_and_a_stored_one_is_offered(qtbot, empty_db, db_path, settings, answer):
    from ui.main_window import MainWindow

    window = MainWindow(empty_db, str(db_path), settings)
    qtbot.addWidget(window)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().empty_button.click())
    assert run_first_run(window) == "empty"
    assert caller_name(empty_db) == ""  # nothing asked for twice, nothing stored
    set_caller_name(empty_db, "佐藤 健")
    dialog = FirstRunDialog(caller="佐藤 健")
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "佐藤 健" and dialog.caller_name() == "佐藤 健"
    assert dialog.name.accessibleName() == "Your name (caller)"


def test_japanese_first_run_asks_for_the_name(qtbot, japanese):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "お名前（担当者名）(&N)" in labels
    hint = dialog.findChild(QLabel, "firstRunCallerHint").text()
    assert "担当IS" in hint and "「編集」メニューの「担当者名…」" in hint
    assert dialog.name.placeholderText() == "例：高橋 由美"
