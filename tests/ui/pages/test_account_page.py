"""The account page: pick a company, see its card, lists, status and hypothesis; work its timeline."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from timeline_helpers import drag, when_modal

from models.accounts.companies import get_company
from models.planning.plans import create_plan, get_plan
from ui.pages.account import AccountPage
from ui.widgets import timeline_actions

JST = timezone(timedelta(hours=9))
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=JST)


@pytest.fixture(autouse=True)
def quick_editor(monkeypatch):
    monkeypatch.setattr(timeline_actions, "_full_plan_dialog", lambda: None)


@pytest.fixture
def page(qtbot, db, bus, settings):
    widget = AccountPage(db, bus, settings, QUndoStack())
    qtbot.addWidget(widget)
    widget.timeline.set_now(NOW)
    widget.resize(1400, 820)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def company_id(db, name):
    return db.execute("SELECT id FROM companies WHERE name = ?", [name]).fetchone()[0]


def test_page_is_named_and_cheap_to_build(qtbot, db, bus, settings, check_names):
    statements = []
    db.conn.set_trace_callback(statements.append)
    widget = AccountPage(db, bus, settings, QUndoStack())
    db.conn.set_trace_callback(None)
    assert statements == []  # built at start-up: nothing is read until the page is shown
    qtbot.addWidget(widget)
    assert widget.objectName() == "accountsPage"
    assert widget.picker_model is None  # nothing read until shown
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.picker_model is not None
    assert check_names(widget) == []


def test_search_and_open_a_company_with_enter(qtbot, page, db):
    assert page.stack.currentIndex() == 0 and page.picker_model.rowCount() == 5
    qtbot.keyClicks(page.search, "052-345")  # さくら商事's phone
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    sakura = company_id(db, "有限会社さくら商事")
    assert page.company_id == sakura and page.stack.currentIndex() == 1
    assert page.heading.text() == "有限会社さくら商事"
    assert page.panel.company.id == sakura
    assert page.lists_label.text() == "Lists: 重点リスト"
    assert page.status_combo.currentText() == "Nurturing"
    assert page.hypothesis_label.text() == "Open hypothesis: none"


def test_show_company_from_the_window_and_start_a_session(qtbot, page, db):
    aoba = company_id(db, "株式会社青葉システム")
    create_plan(db, aoba, date(2026, 12, 7), hypothesis="年末の予算確認の前に提案する")
    page.show_company(aoba)
    shown = page.hypothesis_label.text()
    assert shown == "Open hypothesis: 年末の予算確認の前に提案する (plan for 2026/12/07)"
    with qtbot.waitSignal(page.session_requested) as signal:
        qtbot.mouseClick(page.session_button, Qt.MouseButton.LeftButton)
    assert signal.args == [[aoba]]


def test_status_is_editable_and_undoable(qtbot, page, db):
    aoba = company_id(db, "株式会社青葉システム")
    page.show_company(aoba)
    page.status_combo.setFocus()
    index = page.status_combo.findData("nurturing")
    page.status_combo.setCurrentIndex(index)
    page.status_combo.activated.emit(index)
    assert get_company(db, aoba).status == "nurturing"
    assert page.panel.editors["status"].currentData() == "nurturing"
    page.undo_stack.undo()
    assert get_company(db, aoba).status == "untouched"
    assert page.status_combo.currentData() == "untouched"


def test_unknown_company_falls_back_to_the_search(qtbot, page, answer):
    page.show_company(9999)
    assert page.company_id is None and page.stack.currentIndex() == 0
    assert answer.calls and "見つかりません" in answer.calls[0][2]


def test_add_and_complete_a_plan_on_the_account_timeline(qtbot, page, db):
    aoba = company_id(db, "株式会社青葉システム")
    page.show_company(aoba)
    assert page.tabs.currentWidget() is page.timeline

    def fill(dialog):
        dialog.hypothesis.setText("決算前に予算を確認する")
        qtbot.mouseClick(dialog.findChild(object, "okButton"), Qt.MouseButton.LeftButton)

    canvas = page.timeline.canvas
    x = int(canvas.x_of(datetime(2026, 12, 2, 12, 0, tzinfo=JST)))
    when_modal(qtbot, fill)
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, int(canvas.lane_top(0) + 30)))
    plan_id = db.execute("SELECT id FROM plans WHERE company_id = ?", [aoba]).fetchone()[0]
    assert get_plan(db, plan_id).due == "2026-12-02"
    assert page.hypothesis_label.text() == "Open hypothesis: 決算前に予算を確認する (plan for 2026/12/02)"

    entry = canvas.placed_item(("plan", plan_id))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=entry.centre.toPoint())

    def held(dialog):
        qtbot.mouseClick(dialog.findChild(object, "okButton"), Qt.MouseButton.LeftButton)  # 当たり is preset

    when_modal(qtbot, held)
    qtbot.mouseClick(page.timeline.complete_button, Qt.MouseButton.LeftButton)
    done = get_plan(db, plan_id)
    assert (done.status, done.hypothesis_result) == ("done", "held")
    assert page.hypothesis_label.text() == "Open hypothesis: none"


def test_japanese_labels(qtbot, japanese, db, bus, settings):
    widget = AccountPage(db, bus, settings, QUndoStack())
    qtbot.addWidget(widget)
    widget.show_company(company_id(db, "有限会社さくら商事"))
    assert widget.session_button.text() == "架電セッションを開始"
    assert widget.lists_label.text() == "リスト: 重点リスト"
    assert widget.timeline.today_button.text() == "今日"


def test_from_the_main_window_drag_a_plan_on_the_account(qtbot, window, db):
    kita = company_id(db, "北斗物流株式会社")
    plan = create_plan(db, kita, date(2026, 11, 25), hypothesis="繁忙期の前に")
    window.open_account(kita)
    page = window.pages["accounts"]
    assert window.current_page() == "accounts" and page.heading.text() == "北斗物流株式会社"
    page.timeline.set_now(NOW)
    page.timeline.jump_to_today()
    canvas = page.timeline.canvas
    start = canvas.placed_item(("plan", plan.id)).centre.toPoint()
    drag(canvas, start, QPoint(int(canvas.x_of(datetime(2026, 12, 5, 12, 0, tzinfo=JST))), start.y()))
    assert get_plan(db, plan.id).due == "2026-12-07"  # Saturday 5th → Monday 7th
    window.undo_action.trigger()
    assert get_plan(db, plan.id).due == "2026-11-25"


def test_apply_a_cadence_to_the_open_account_puts_its_plans_on_the_timeline(
        qtbot, page, db, answer, monkeypatch):
    from ui.dialogs.apply_cadence import ApplyCadenceDialog

    target = company_id(db, "株式会社青葉システム")
    page.show_company(target)
    shown = []

    def choose_and_apply(dialog):  # the person reads the steps, keeps 新規開拓 and presses Apply
        shown.append((dialog.company_ids, dialog.cadence.currentText()))
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ApplyCadenceDialog, "exec", choose_and_apply)
    qtbot.mouseClick(page.cadence_button, Qt.MouseButton.LeftButton)
    assert shown == [([target], "新規開拓")]
    rows = db.execute("SELECT due FROM plans WHERE company_id = ? AND source = 'cadence' ORDER BY due",
                      [target]).fetchall()
    assert len(rows) == 5  # 新規開拓: day 0, +2, +5, +8 business days, +1 month
    assert all(date.fromisoformat(due[:10]).weekday() < 5 for (due,) in rows)
    assert answer.calls and "5" in answer.calls[-1][2]  # the result is said in a sentence
