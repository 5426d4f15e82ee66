"""The Today page: the queue for a day with its counts, the list filter and daily target, opening an
account, and starting a session from the queue or from another page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QListWidget
from session_keys_helpers import answer_dialog
from today_helpers import DAY, show_host

from models.accounts import lists
from models.planning import sessions
from models.planning.plans import create_plan
from models.store import settings as db_settings
from ui.qt_models.today_agenda_model import COL_NAME, COL_REASON, COL_SECTION, AgendaModel


def names(page) -> list[str]:
    return [page.proxy.index(row, COL_NAME).data() for row in range(page.proxy.rowCount())]


def test_the_queue_for_a_day_with_counts_and_reasons(qtbot, db, bus, settings, answer, qtmodeltester):
    create_plan(db, 2, date(2026, 11, 18), hypothesis="決算前の採用計画を確認")
    create_plan(db, 3, DAY, hypothesis="資料の感想を伺う")
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    assert page.counts_label.text() == "Overdue 1 · Due today 1 · New 2 · Done today 0 (daily target 40)"
    assert names(page) == ["東洋精機株式会社", "有限会社さくら商事", "株式会社青葉システム",
                           "北斗物流株式会社"]
    assert page.proxy.index(0, COL_SECTION).data() == "Overdue"
    assert page.proxy.index(0, COL_REASON).data() == "予定日 11/18 を2日過ぎています：決算前の採用計画を確認"
    qtmodeltester.check(page.model)
    # Another day: the plan of the 18th is not yet due on the 17th.
    page.date_edit.setDate(QDate(2026, 11, 17))
    assert page.counts_label.text().startswith("Overdue 0 · Due today 0 · New 2")


def test_list_filter_and_daily_target(qtbot, db, bus, settings, answer):
    other = lists.create_list(db, "北海道リスト")
    lists.add_to_list(db, other.id, [4])
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    assert names(page) == ["株式会社青葉システム", "北斗物流株式会社"]
    page.list_combo.setFocus()
    index = page.list_combo.findData(other.id)
    page.list_combo.setCurrentIndex(index)
    page.list_combo.activated.emit(index)
    assert names(page) == ["北斗物流株式会社"]
    assert settings.today_list_id() == other.id
    page.list_combo.setCurrentIndex(0)
    page.list_combo.activated.emit(0)
    # The daily target, typed: stored in the database and applied at once.
    page.target_spin.setFocus()
    page.target_spin.selectAll()
    qtbot.keyClicks(page.target_spin, "1")
    qtbot.keyClick(page.target_spin, Qt.Key.Key_Return)
    assert db_settings.daily_target(db) == 1
    assert names(page) == ["株式会社青葉システム"]
    assert page.counts_label.text().endswith("(daily target 1)")


def test_enter_and_double_click_open_the_account(qtbot, db, bus, settings, answer):
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    opened = []
    page.account_requested.connect(opened.append)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    rect = page.table.visualRect(page.proxy.index(0, COL_NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [4, 1]  # 北斗物流 second in the queue, then 青葉 first


def test_start_button_and_an_empty_day(qtbot, empty_db, bus, settings, answer):
    host = show_host(qtbot, empty_db, bus, settings)
    page = host.page
    assert page.empty_label.isVisible() and not page.table.isVisible()
    assert "Nothing to call on this day" in page.empty_label.text()
    assert not page.start_button.isEnabled()


def test_a_session_started_from_another_page_and_a_second_one(qtbot, db, bus, settings, answer):
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    page.start_session([5, 3])
    assert page.stack.currentWidget() is page.session
    assert page.session.name_label.text() == "株式会社未来建設"
    # A new session while one is open asks first; "No" goes back to the open one.
    answer.reply = answer.reply.No
    page.start_session([1])
    assert answer.calls[-1][0] == "question" and "account 1 of 2" in answer.calls[-1][2]
    assert page.session.name_label.text() == "株式会社未来建設"
    answer.reply = answer.reply.Yes
    page.start_session([1])
    assert sessions.current_session(db).company_ids == (1,)
    # Leaving the session for the queue keeps it open, and "Resume session" returns to it.
    page.session.end()
    qtbot.keyClick(page.session.summary, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.queue


def test_ctrl_enter_starts_on_the_queue_in_its_order(qtbot, db, bus, settings, answer):
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.session.state.company_ids == (1, 4)
    assert QApplication.focusWidget() is page.session.call_page


def test_ctrl_enter_starts_wherever_the_focus_is_on_the_page(qtbot, db, bus, settings, answer):
    """The button says Ctrl+Enter: it holds with the focus on the day, the list, the target or a button."""
    for name, key in (("date_edit", Qt.Key.Key_Return), ("list_combo", Qt.Key.Key_Enter),
                      ("target_spin", Qt.Key.Key_Return), ("keys_button", Qt.Key.Key_Return)):
        host = show_host(qtbot, db, bus, settings)
        page = host.page
        widget = getattr(page, name)
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.ControlModifier)
        assert page.stack.currentWidget() is page.session, name
        assert page.session.state.company_ids == (1, 4)
        page.session.end()
        qtbot.keyClick(page.session.summary, Qt.Key.Key_Escape)
        host.close()


def test_ctrl_enter_in_the_window_starts_while_today_is_shown_only(window, qtbot):
    """With the focus in the navigation beside the page (where it is after choosing Today there)."""
    today = window.pages["today"]
    window.show_page("targets")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    navigation = window.findChild(QListWidget, "navigation")
    navigation.setFocus()
    qtbot.keyClick(navigation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert today.stack.currentWidget() is today.queue  # another page: the Today shortcut is off
    window.show_page("today")
    navigation.setFocus()
    qtbot.waitUntil(navigation.hasFocus)
    qtbot.keyClick(navigation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert today.stack.currentWidget() is today.session
    assert QApplication.focusWidget() is today.session.call_page


def test_the_main_window_starts_a_session_on_today(window, qtbot):
    window.start_session([2, 1])
    assert window.current_page() == "today"
    page = window.pages["today"]
    assert page.stack.currentWidget() is page.session
    assert page.session.name_label.text() == "東洋精機株式会社"


def test_japanese_labels(qtbot, db, bus, settings, answer, japanese):
    create_plan(db, 2, date(2026, 11, 18))
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    assert page.counts_label.text().startswith("期限超過 1件")
    assert page.proxy.index(0, COL_SECTION).data() == "期限超過"
    page.start_session([2])
    assert page.session.panel.outcome_buttons["not_available"].text() == "1  不在"


def test_today_names_every_control(qtbot, db, bus, settings, answer, check_names):
    host = show_host(qtbot, db, bus, settings)
    assert check_names(host) == []


def test_agenda_model_passes_the_model_tester_empty(qtmodeltester):
    qtmodeltester.check(AgendaModel())


def test_ctrl_z_in_the_main_window_undoes_the_last_outcome(window, qtbot, db):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.start_session([1, 4])
    view = window.pages["today"].session
    qtbot.keyClick(view.call_page, Qt.Key.Key_1)
    qtbot.keyClick(view.panel.note, Qt.Key.Key_Return)
    assert view.progress_label.text() == "Account 2 of 2"
    assert db.execute("SELECT COUNT(*) FROM touches").fetchone()[0] == 1
    assert window.undo_action.text().startswith("&Undo Log Not available for 株式会社青葉システム")
    qtbot.keyClick(view.call_page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.progress_label.text() == "Account 1 of 2"
    assert db.execute("SELECT COUNT(*) FROM touches").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 0
    # The undone call is back in the form, not saved: closing the window asks first; D discards it.
    answer_dialog(qtbot, Qt.Key.Key_D, name="leaveSessionQuestion")
    window.close()
    assert not window.isVisible() and sessions.current_session(db).draft is None


def _reorder_with_keys(qtbot, dialog):
    """As a person would: pick the third outcome, Ctrl+Up twice, Save."""
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.list.currentRow() == 0
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return dialog.result()


def test_outcome_keys_are_reordered_and_the_session_uses_them(qtbot, db, bus, settings, answer,
                                                               monkeypatch):
    from models.accounts.vocab import OUTCOME
    from ui.dialogs.outcome_keys import OutcomeKeysDialog

    host = show_host(qtbot, db, bus, settings)
    page = host.page
    monkeypatch.setattr(OutcomeKeysDialog, "exec", lambda dialog: _reorder_with_keys(qtbot, dialog))
    qtbot.mouseClick(page.keys_button, Qt.MouseButton.LeftButton)
    first, second, third = list(OUTCOME)[:3]
    assert settings.session_outcome_order()[:3] == [third, first, second]
    panel = page.session.panel
    assert panel.outcome_buttons[third].text().startswith("1 ")
    assert panel.outcome_buttons[first].toolTip() == "Key 2"
    host.activateWindow()  # the dialog has closed: the window is the active one again
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    page.start_session([1])
    qtbot.keyClick(page.session.call_page, Qt.Key.Key_1)
    assert panel.outcome() == third


def test_outcome_keys_default_order_and_cancel(qtbot, settings, check_names):
    from models.accounts.vocab import OUTCOME
    from ui.dialogs.outcome_keys import OutcomeKeysDialog

    settings.set_session_outcome_order(list(reversed(OUTCOME)))
    dialog = OutcomeKeysDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert check_names(dialog) == []
    assert dialog.list.item(0).text().startswith("1   ")
    assert dialog.list.item(0).data(Qt.ItemDataRole.UserRole) == list(OUTCOME)[-1]
    qtbot.mouseClick(dialog.default_button, Qt.MouseButton.LeftButton)
    assert dialog.order == list(OUTCOME)
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)  # the first cannot go up
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    assert dialog.order[:2] == list(OUTCOME)[1::-1] and dialog.list.currentRow() == 1
    dialog.reject()
    assert settings.session_outcome_order() == list(reversed(OUTCOME))  # Cancel saved nothing
