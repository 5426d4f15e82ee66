"""The main window: navigation between the pages, menus, status bar, and the
geometry and last page remembered from one run to the next."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStackedWidget

from ui.main_window import MainWindow


def test_navigation_shows_every_page_by_click_and_shortcut(window, qtbot):
    keys = ["today", "targets", "accounts", "agenda", "meetings", "kpis"]
    nav = window.findChild(type(window.nav), "navigation")
    assert [nav.item(row).text() for row in range(nav.count())] == [
        "Today", "Targets", "Accounts", "Agenda", "Meetings", "KPIs"]
    stack = window.findChild(QStackedWidget, "pages")
    for row, key in enumerate(keys):
        spot = nav.visualItemRect(nav.item(row)).center()
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        assert stack.currentWidget().objectName() == f"{key}Page"
        assert window.current_page() == key
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "targets"


def test_menus_have_the_expected_commands_and_shortcuts(window):
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    menus = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]
    assert set(window.language_actions) == {"ja", "en"}


def test_status_bar_shows_the_database_and_counts(window, db_path):
    assert str(db_path) in window.db_label.text()
    assert window.counts_label.text() == "5 companies · 1 lists"


def test_language_choice_is_saved_for_next_start(window, settings, answer):
    window.language_actions["en"].trigger()
    assert settings.language() == "en"
    assert answer.calls and "次回の起動時" in answer.calls[-1][2]


def test_geometry_and_last_page_are_remembered(qtbot, db, db_path, settings, answer):
    first = MainWindow(db, str(db_path), settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.setGeometry(QRect(40, 50, 1234, 789))
    first.show_page("meetings")
    first.close()

    second = MainWindow(db, str(db_path), settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.current_page() == "meetings"
    assert (second.width(), second.height()) == (1234, 789)


def test_every_control_has_an_object_and_accessible_name(window, check_names):
    assert check_names(window) == []
