"""The first run: a short explanation and three ways to start; demo data fills the database."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from models.accounts.targets import TargetFilter, count_targets
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
