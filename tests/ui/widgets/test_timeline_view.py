"""The timeline view driven as a person would: add, drag, complete and skip plans; zoom, scroll, today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QUndoStack, QWheelEvent
from PySide6.QtWidgets import QApplication
from timeline_helpers import drag, when_modal

from models.accounts.companies import create_company, create_contact
from models.planning.plans import create_plan, get_plan
from models.planning.timeline_samples import sample_account
from models.store.changes import PLANS, TOUCHES, Changes
from models.store.db import stamp
from ui.widgets import timeline_actions
from ui.widgets.timeline_view import ZOOMS, TimelineView, describe

JST = timezone(timedelta(hours=9))
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=JST)  # a Wednesday


@pytest.fixture(autouse=True)
def quick_editor(monkeypatch):
    """Use the timeline's own plan editor, whether or not the full plan dialog exists yet."""
    monkeypatch.setattr(timeline_actions, "_full_plan_dialog", lambda: None)


@pytest.fixture
def company(empty_db):
    company_id = create_company(empty_db, {"name": "株式会社みなと精機"}).id
    create_contact(empty_db, company_id, {"name": "佐藤 恵子", "role": "hr"})
    return company_id


@pytest.fixture
def view(qtbot, empty_db, bus, settings, company):
    stack = QUndoStack()
    widget = TimelineView(empty_db, bus, stack, settings)
    widget.undo_stack = stack
    qtbot.addWidget(widget)
    widget.set_now(NOW)
    widget.resize(1200, 420)
    widget.set_company(company)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def point_for(view, item_key):
    entry = view.canvas.placed_item(item_key)
    assert entry is not None, "the item is not drawn"
    return entry.centre.toPoint()


def test_every_control_is_named(view, check_names):
    assert check_names(view.window()) == []


def test_double_click_on_empty_time_adds_a_plan_for_that_day_and_person(qtbot, view, empty_db, company):
    canvas = view.canvas
    day = date(2026, 12, 9)
    x = int(canvas.x_of(datetime.combine(day, time(12), tzinfo=JST)))
    y = int(canvas.lane_top(0) + 30)  # 佐藤 恵子's lane

    def fill(dialog):
        dialog.hypothesis.setText("予算取りの前に事例を送る")
        dialog.kind.setCurrentIndex(dialog.kind.findData("email"))
        qtbot.mouseClick(dialog.findChild(object, "okButton"), Qt.MouseButton.LeftButton)

    when_modal(qtbot, fill)
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    rows = list(empty_db.query("SELECT due, kind, hypothesis, contact_id, status FROM plans"))
    contact = empty_db.execute("SELECT id FROM contacts").fetchone()[0]
    assert rows == [{"due": "2026-12-09", "kind": "email", "hypothesis": "予算取りの前に事例を送る",
                     "contact_id": contact, "status": "open"}]
    assert any(item.hypothesis == "予算取りの前に事例を送る" for item in canvas.ensure_loaded().items)
    view.undo_stack.undo()
    assert empty_db.execute("SELECT count(*) FROM plans").fetchone()[0] == 0


def test_dragging_a_plan_moves_it_to_the_next_business_day_and_undo_puts_it_back(qtbot, view, empty_db,
                                                                                  company):
    plan = create_plan(empty_db, company, date(2026, 11, 25), hypothesis="年末前に確認")
    view.bus.notify(Changes.of(PLANS))
    canvas = view.canvas
    start = point_for(view, ("plan", plan.id))
    # Drop it on Saturday 28 November: it lands on Monday 30 November.
    target = int(canvas.x_of(datetime(2026, 11, 28, 12, 0, tzinfo=JST)))
    drag(canvas, start, QPoint(target, start.y()))
    assert get_plan(empty_db, plan.id).due == "2026-11-30"
    assert view.selected is not None and view.selected.key == ("plan", plan.id)
    assert "2026/11/30" in view.details.toPlainText()
    view.undo_stack.undo()
    assert get_plan(empty_db, plan.id).due == "2026-11-25"
    view.undo_stack.redo()
    assert get_plan(empty_db, plan.id).due == "2026-11-30"


def test_a_timed_plan_dropped_outside_the_call_windows_moves_into_one(qtbot, view, empty_db, company):
    plan = create_plan(empty_db, company, datetime(2026, 11, 24, 12, 30, tzinfo=JST))
    view.bus.notify(Changes.of(PLANS))
    start = point_for(view, ("plan", plan.id))
    target = int(view.canvas.x_of(datetime(2026, 12, 2, 12, 0, tzinfo=JST)))
    drag(view.canvas, start, QPoint(target, start.y()))
    assert get_plan(empty_db, plan.id).due == "2026-12-02T13:00:00+09:00"


def test_complete_with_the_keyboard_asks_whether_the_hypothesis_held(qtbot, view, empty_db, company):
    plan = create_plan(empty_db, company, date(2026, 11, 16), hypothesis="決算前の予算取り")
    view.bus.notify(Changes.of(PLANS))
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=point_for(view, ("plan", plan.id)))
    assert "決算前の予算取り" in view.details.toPlainText()
    assert "Overdue" in view.details.toPlainText()  # due two days ago

    def missed(dialog):
        radio = dialog.choices["missed"]
        qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
        qtbot.mouseClick(dialog.findChild(object, "okButton"), Qt.MouseButton.LeftButton)

    when_modal(qtbot, missed)
    qtbot.keyClick(view.canvas, Qt.Key.Key_D)
    done = get_plan(empty_db, plan.id)
    assert (done.status, done.hypothesis_result) == ("done", "missed")
    assert not view.complete_button.isEnabled()
    view.undo_stack.undo()
    reopened = get_plan(empty_db, plan.id)
    assert (reopened.status, reopened.hypothesis_result) == ("open", None)


def test_cancelling_the_completion_changes_nothing(qtbot, view, empty_db, company):
    plan = create_plan(empty_db, company, date(2026, 11, 20))
    view.bus.notify(Changes.of(PLANS))
    view.select_key(("plan", plan.id))
    when_modal(qtbot, lambda dialog: dialog.reject())
    qtbot.mouseClick(view.complete_button, Qt.MouseButton.LeftButton)
    assert get_plan(empty_db, plan.id).status == "open"
    assert view.undo_stack.count() == 0


def test_skip_needs_a_reason(qtbot, view, empty_db, company):
    plan = create_plan(empty_db, company, date(2026, 11, 26))
    view.bus.notify(Changes.of(PLANS))
    view.select_key(("plan", plan.id))
    seen = {}

    def answer(dialog):
        qtbot.mouseClick(dialog.findChild(object, "okButton"), Qt.MouseButton.LeftButton)  # no reason yet
        seen["error"] = dialog.error.text() if dialog.error.isVisible() else ""
        dialog.reason.setEditText("担当者が退職された")
        qtbot.mouseClick(dialog.findChild(object, "okButton"), Qt.MouseButton.LeftButton)

    when_modal(qtbot, answer)
    qtbot.mouseClick(view.skip_button, Qt.MouseButton.LeftButton)
    assert seen["error"] == "Please give a reason for skipping."
    skipped = get_plan(empty_db, plan.id)
    assert (skipped.status, skipped.skip_reason) == ("skipped", "担当者が退職された")


def test_alt_arrow_moves_a_plan_one_business_day(qtbot, view, empty_db, company):
    plan = create_plan(empty_db, company, date(2026, 11, 20))  # Friday; Monday 23rd is a holiday
    view.bus.notify(Changes.of(PLANS))
    view.select_key(("plan", plan.id))
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert get_plan(empty_db, plan.id).due == "2026-11-24"
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert get_plan(empty_db, plan.id).due == "2026-11-20"


def test_a_completed_plan_cannot_be_dragged(qtbot, view, empty_db, company):
    plan = create_plan(empty_db, company, date(2026, 11, 25))
    empty_db.table("plans").update(plan.id, {"status": "done", "done_at": "2026-11-27T10:00:00+09:00"})
    view.bus.notify(Changes.of(PLANS))
    start = point_for(view, ("plan", plan.id))
    drag(view.canvas, start, QPoint(start.x() + 120, start.y()))
    assert get_plan(empty_db, plan.id).due == "2026-11-25"
    item = view.canvas.placed_item(("plan", plan.id)).item
    assert item.late_days == 2 and "(2 days late)" in dict(describe(item))["Done"]


def test_zoom_scroll_and_today(qtbot, view):
    canvas = view.canvas
    assert canvas.span_days == 92 and view.zoom.currentText() == "3 months"
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.span_days == 31 and view.zoom.currentText() == "1 month"
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.span_days == 183
    view.zoom.setCurrentIndex(len(ZOOMS) - 1)
    assert canvas.span_days == 730 and view.zoom.currentText() == "2 years"
    # Ctrl+wheel zooms in around the pointer.
    x = int(canvas.x_of(NOW))
    wheel = QWheelEvent(QPointF(x, 100), QPointF(canvas.mapToGlobal(QPoint(x, 100))), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert canvas.span_days == 365 and abs(canvas.x_of(NOW) - x) < 3
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert canvas.start > NOW
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    assert canvas.start < NOW < canvas.end
    view.scroll.setValue(view.scroll.value() - 30)
    assert canvas.start < NOW - timedelta(days=200)
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert canvas.start < NOW < canvas.end


def test_a_long_history_is_read_a_window_at_a_time(qtbot, empty_db, bus, settings):
    company = sample_account(empty_db, touches=1500, plans=500, now=NOW)
    widget = TimelineView(empty_db, bus, QUndoStack(), settings)
    qtbot.addWidget(widget)
    widget.set_now(NOW)
    widget.resize(1200, 420)
    widget.zoom.setCurrentIndex(1)  # one month
    widget.set_company(company)
    widget.show()
    qtbot.waitExposed(widget)
    loaded = widget.canvas.ensure_loaded()
    assert len(loaded.items) < 200  # three months around the view, not two thousand items
    assert 0 < len(widget.canvas.placed()) < 80
    before = widget.canvas.loads
    qtbot.keyClick(widget.canvas, Qt.Key.Key_PageDown)  # still inside the loaded window
    widget.canvas.placed()
    assert widget.canvas.loads == before


def test_one_lane_setting_is_kept(qtbot, view, settings):
    assert len(view.canvas.ensure_loaded().lanes) == 2
    qtbot.mouseClick(view.lanes_check, Qt.MouseButton.LeftButton)
    assert len(view.canvas.ensure_loaded().lanes) == 1
    assert settings.timeline_lanes_per_contact() is False


def test_hover_and_selection_show_the_note(qtbot, view, empty_db, company):
    empty_db.table("touches").insert(stamp({
        "company_id": company, "kind": "call", "at": "2026-11-10T11:00:00+09:00", "outcome": "connected",
        "note": "来期の採用計画は1月に固まる。"}))
    view.bus.notify(Changes.of(TOUCHES))
    timeline = view.canvas.ensure_loaded()
    touch = next(item for item in timeline.items if item.source == "touch")
    assert ("Note", "来期の採用計画は1月に固まる。") in describe(touch)
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=point_for(view, touch.key))
    assert "来期の採用計画は1月に固まる。" in view.details.toPlainText()
    assert not view.complete_button.isEnabled()  # a touch is not a plan


def test_the_full_plan_dialog_opens_on_the_day_and_person_double_clicked(qtbot, view, empty_db, company,
                                                                         monkeypatch):
    plan_dialog = pytest.importorskip("ui.dialogs.plan_dialog")
    monkeypatch.setattr(timeline_actions, "_full_plan_dialog", lambda: plan_dialog.PlanDialog)
    canvas = view.canvas
    day = date.today() + timedelta(days=21)
    view.set_range(datetime.combine(day, time(0), tzinfo=JST) - timedelta(days=30))
    x = int(canvas.x_of(datetime.combine(day, time(12), tzinfo=JST)))
    seen = {}

    def fill(dialog):
        seen["day"] = dialog.chosen_date()
        seen["contact"] = dialog.contact.currentData()
        dialog.hypothesis.setPlainText("新年度の体制が固まる頃に連絡する")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, fill)
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, int(canvas.lane_top(0) + 30)))
    contact = empty_db.execute("SELECT id FROM contacts").fetchone()[0]
    assert seen == {"day": day, "contact": contact}
    rows = list(empty_db.query("SELECT due, hypothesis, contact_id FROM plans"))
    assert len(rows) == 1 and rows[0]["hypothesis"] == "新年度の体制が固まる頃に連絡する"
    assert rows[0]["contact_id"] == contact
    view.undo_stack.undo()
    assert empty_db.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    view.undo_stack.redo()
    again = empty_db.execute("SELECT hypothesis FROM plans").fetchone()[0]
    assert again == "新年度の体制が固まる頃に連絡する"


def test_hovering_shows_the_item_in_full_and_arrows_walk_through_items(qtbot, view, empty_db, company):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    contact = empty_db.execute("SELECT id FROM contacts").fetchone()[0]
    empty_db.table("touches").insert(stamp({
        "company_id": company, "contact_id": contact, "kind": "call", "at": "2026-11-10T11:00:00+09:00",
        "outcome": "gatekeeper_block", "note": "営業電話はお断りとのこと。資料送付なら可。"}))
    plan = create_plan(empty_db, company, date(2026, 11, 26), hypothesis="資料の回覧が終わる頃")
    view.bus.notify(Changes.of(TOUCHES, PLANS))
    touch = next(item for item in view.canvas.ensure_loaded().items if item.source == "touch")
    where = point_for(view, touch.key)
    hover = QHelpEvent(QEvent.Type.ToolTip, where, view.canvas.mapToGlobal(where))
    QApplication.sendEvent(view.canvas, hover)
    assert "営業電話はお断りとのこと。資料送付なら可。" in QToolTip.text()
    assert "Gatekeeper block" in QToolTip.text() and "佐藤 恵子" in QToolTip.text()
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)  # from nothing: the first item after now
    assert view.selected.key == ("plan", plan.id)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    assert view.selected.key == touch.key
    assert view.complete_button.isEnabled() is False


def test_enter_edits_the_selected_plan_and_undo_restores_it(qtbot, view, empty_db, company):
    plan = create_plan(empty_db, company, date(2026, 12, 1), hypothesis="年末前")
    view.bus.notify(Changes.of(PLANS))
    view.select_key(("plan", plan.id))
    view.canvas.setFocus()

    def change(dialog):
        dialog.hypothesis.setText("予算確定の直後")
        dialog.timed.setChecked(True)
        qtbot.mouseClick(dialog.findChild(object, "okButton"), Qt.MouseButton.LeftButton)

    when_modal(qtbot, change)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Return)
    edited = get_plan(empty_db, plan.id)
    assert edited.hypothesis == "予算確定の直後" and edited.due.startswith("2026-12-01T10:00:00")
    assert "予算確定の直後" in view.details.toPlainText()
    view.undo_stack.undo()
    restored = get_plan(empty_db, plan.id)
    assert (restored.hypothesis, restored.due) == ("年末前", "2026-12-01")


def test_right_click_offers_what_can_be_done_with_a_plan(qtbot, view, empty_db, company, monkeypatch):
    from PySide6.QtGui import QContextMenuEvent

    from ui.widgets import timeline_view

    plan = create_plan(empty_db, company, date(2026, 11, 30))
    view.bus.notify(Changes.of(PLANS))
    offered = []
    chosen = {}

    def answer(menu, _where):
        offered.extend(action.text() for action in menu.actions() if action.text())
        chosen["skip"] = next(action for action in menu.actions() if action.text() == "Skip…")

    monkeypatch.setattr(timeline_view, "show_menu", answer)
    where = point_for(view, ("plan", plan.id))
    QApplication.sendEvent(view.canvas, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                                                          view.canvas.mapToGlobal(where)))
    assert offered == ["Complete…", "Skip…", "Edit…", "Add plan…", "Today"]
    assert view.selected.key == ("plan", plan.id)

    def reason(dialog):
        dialog.reason.setCurrentIndex(2)  # a common reason from the list
        qtbot.mouseClick(dialog.findChild(object, "okButton"), Qt.MouseButton.LeftButton)

    when_modal(qtbot, reason)
    chosen["skip"].trigger()
    skipped = get_plan(empty_db, plan.id)
    assert (skipped.status, skipped.skip_reason) == ("skipped", "Priority dropped")


def test_double_click_on_a_plan_opens_its_editor(qtbot, view, empty_db, company):
    plan = create_plan(empty_db, company, date(2026, 11, 30), hypothesis="月末")
    view.bus.notify(Changes.of(PLANS))
    seen = {}

    def look(dialog):
        seen["hypothesis"] = dialog.hypothesis.text()
        dialog.reject()

    when_modal(qtbot, look)
    qtbot.mouseDClick(view.canvas, Qt.MouseButton.LeftButton, pos=point_for(view, ("plan", plan.id)))
    assert seen == {"hypothesis": "月末"}
    assert empty_db.execute("SELECT count(*) FROM plans").fetchone()[0] == 1


def test_a_meeting_booked_for_the_account_appears_on_its_timeline(qtbot, view, empty_db, company, bus):
    from models.meetings.meetings import create_meeting
    from models.store.changes import MEETINGS

    meeting = create_meeting(empty_db, company, {"starts_at": "2026-11-25T14:00:00+09:00",
                                                  "purpose": "デモのご提案", "field_rep": "山本 大輔"})
    bus.notify(Changes.of(MEETINGS))  # as the meeting form's save does
    centre = point_for(view, ("meeting", meeting.id))
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=centre)
    assert view.selected is not None and view.selected.key == ("meeting", meeting.id)
    lines = dict(describe(view.selected))
    assert lines["Kind"] == "Meeting" and lines["Purpose"] == "デモのご提案"
    assert lines["Field sales rep"] == "山本 大輔"
    assert not view.complete_button.isEnabled()  # a meeting is not a plan to complete or drag
