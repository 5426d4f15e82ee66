"""Entering the field's feedback in the dialog, as a person would, and what it changes."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QPushButton
from typing_helpers import ime

from models.accounts.companies import get_company
from models.meetings.feedback import record_feedback
from models.meetings.meetings import create_meeting, get_meeting
from models.planning.plans import open_plans
from models.planning.touches import list_touches
from models.store import clock
from ui.dialogs.feedback import FeedbackDialog


def _meeting(db):
    company_id = db.execute("SELECT id FROM companies WHERE name = '株式会社未来建設'").fetchone()[0]
    return create_meeting(db, company_id, {"starts_at": "2025-01-15 10:00"})


def _choose(combo, value):
    combo.setCurrentIndex(combo.findData(value))


def test_lost_needs_a_hypothesis_then_nurtures(qtbot, db, bus, answer, check_names):
    made = _meeting(db)
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []
    _choose(dialog.outcome, "lost")
    assert not dialog.plan_check.isEnabled() and dialog.plan_check.isChecked()
    dialog.reason.setCurrentIndex(dialog.reason.findData("price"))
    ime(dialog.note, "価格で他社に決定")
    dialog.plan_due.setDate(QDate(2025, 4, 1))
    seen = []
    bus.changed.connect(seen.append)
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    assert seen == []
    assert answer.calls and "仮説" in answer.calls[-1][2]  # refused, said why
    assert get_meeting(db, made.id).outcome is None
    ime(dialog.plan_hypothesis, "新年度予算で再検討")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    assert seen == ["meetings,touches,plans,companies"]
    assert dialog.result() == dialog.DialogCode.Accepted
    assert get_meeting(db, made.id).outcome_reason == "price"
    assert get_company(db, made.company_id).status == "nurturing"
    [plan] = open_plans(db, made.company_id)
    assert (plan.due, plan.hypothesis) == ("2025-04-01", "新年度予算で再検討")
    touch = list_touches(db, made.company_id)[0]
    assert touch.kind == "meeting" and "価格で他社に決定" in touch.note


def test_won_with_a_typed_reason_and_undo(qtbot, db, bus, answer):
    made = _meeting(db)
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    _choose(dialog.outcome, "won")
    assert dialog.plan_check.isEnabled() and not dialog.plan_check.isChecked()
    dialog.reason.setCurrentIndex(0)
    ime(dialog.reason.lineEdit(), "導入事例が決め手")
    ime(dialog.difference, "決裁者は社長だった")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    assert get_company(db, made.company_id).status == "customer"
    assert get_meeting(db, made.id).outcome_reason == "導入事例が決め手"
    stack = QUndoStack()
    stack.push(dialog.undo_command())
    stack.undo()
    assert get_company(db, made.company_id).status == "appointment"
    assert get_meeting(db, made.id).outcome is None and list_touches(db, made.company_id) == []
    again = FeedbackDialog(db, bus, made.id)  # the typed reason is on the pick list now
    qtbot.addWidget(again)
    assert again.reason.findData("導入事例が決め手") >= 0


def test_the_dialog_in_japanese(qtbot, japanese, db, bus):
    made = _meeting(db)
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    assert [dialog.outcome.itemText(i) for i in range(dialog.outcome.count())] == [
        "受注", "失注", "継続", "延期", "キャンセル"]
    assert dialog.windowTitle() == "商談のフィードバック"
    assert date.today()  # the dialog opened with today's calendar


def test_saved_in_the_window_joins_its_undo_stack_and_ctrl_enter_saves(qtbot, window, db, answer):
    made = _meeting(db)
    dialog = FeedbackDialog(db, window.bus, made.id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("won"))
    dialog.outcome.setFocus()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert get_company(db, made.company_id).status == "customer"
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert get_company(db, made.company_id).status == "appointment"


# -- no default, reasons, a meeting not held yet, changing the feedback, the amounts (by keyboard) ------

def _save_by_keyboard(qtbot, dialog):
    """Ctrl+Enter in the dialog, as a person saves it (the shortcut needs it shown and active)."""
    if not dialog.isActiveWindow():
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_no_outcome_is_chosen_until_the_person_picks_one(qtbot, db, bus, answer):
    made = _meeting(db)
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    assert dialog.outcome.currentIndex() == -1 and dialog.outcome_value() is None
    assert not dialog.order_amount.isEnabled() and not dialog.plan_check.isChecked()
    _save_by_keyboard(qtbot, dialog)
    assert answer.calls and "商談結果" in answer.calls[-1][2]  # refused, said why
    assert get_meeting(db, made.id).outcome is None
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)  # the first outcome, chosen on purpose
    assert dialog.outcome_value() == "won" and dialog.order_amount.isEnabled()


def test_lost_asks_for_a_reason(qtbot, db, bus, answer):
    made = _meeting(db)
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    dialog.outcome.setFocus()
    for _ in range(2):
        qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
    assert dialog.outcome_value() == "lost"
    assert "Required" in dialog.reason.lineEdit().placeholderText()
    dialog.plan_due.setDate(QDate(2025, 6, 2))
    ime(dialog.plan_hypothesis, "新年度予算で再検討")
    _save_by_keyboard(qtbot, dialog)
    assert "理由" in answer.calls[-1][2] and get_meeting(db, made.id).outcome is None
    ime(dialog.reason.lineEdit(), "稟議が通らず")
    _save_by_keyboard(qtbot, dialog)
    stored = get_meeting(db, made.id)
    assert (stored.outcome, stored.outcome_reason) == ("lost", "稟議が通らず")


def test_a_meeting_not_held_yet_is_recorded_only_when_confirmed(qtbot, db, bus, answer):
    company_id = db.execute("SELECT id FROM companies WHERE name = '株式会社未来建設'").fetchone()[0]
    later = clock.now() + timedelta(days=3)
    made = create_meeting(db, company_id, {"starts_at": later})
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    dialog.outcome.setFocus()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)  # 受注
    answer.reply = QMessageBox.StandardButton.No
    _save_by_keyboard(qtbot, dialog)
    assert answer.calls[-1][0] == "question" and "has not taken place yet" in answer.calls[-1][2]
    assert get_meeting(db, made.id).outcome is None and dialog.result() != dialog.DialogCode.Accepted
    answer.reply = QMessageBox.StandardButton.Yes
    _save_by_keyboard(qtbot, dialog)
    assert get_meeting(db, made.id).outcome == "won"
    # Calling it off ahead of time needs no question.
    other = create_meeting(db, company_id, {"starts_at": later})
    cancel = FeedbackDialog(db, bus, other.id)
    qtbot.addWidget(cancel)
    asked = len(answer.calls)
    cancel.outcome.setCurrentIndex(cancel.outcome.findData("cancelled"))
    _save_by_keyboard(qtbot, cancel)
    assert len(answer.calls) == asked and get_meeting(db, other.id).status == "cancelled"


def test_changing_lost_to_won_takes_the_nurture_plan_back(qtbot, db, bus, answer):
    made = _meeting(db)
    record_feedback(db, made.id, "lost", reason="price", plan_due="2025-06-02", plan_hypothesis="新年度予算",
                    at="2025-01-15T18:00:00+09:00")
    assert len(open_plans(db, made.company_id)) == 1
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    assert dialog.outcome_value() == "lost"
    assert not dialog.earlier.isHidden() and "2025-01-15" in dialog.earlier.text()
    dialog.outcome.setFocus()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Up)  # 受注
    ime(dialog.order_amount, "250万")
    _save_by_keyboard(qtbot, dialog)
    assert get_meeting(db, made.id).order_amount == 2_500_000
    assert open_plans(db, made.company_id) == [] and get_company(db, made.company_id).status == "customer"


def test_ongoing_keeps_the_expected_amount(qtbot, db, bus, answer):
    made = _meeting(db)
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    dialog.outcome.setFocus()
    for _ in range(3):
        qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
    assert dialog.outcome_value() == "ongoing"
    assert dialog.expected_amount.isEnabled() and not dialog.order_amount.isEnabled()
    ime(dialog.expected_amount, "300万")
    dialog.plan_due.setDate(QDate(2025, 2, 3))
    ime(dialog.next_step, "見積り提出")
    _save_by_keyboard(qtbot, dialog)
    stored = get_meeting(db, made.id)
    assert (stored.outcome, stored.expected_amount, stored.order_amount) == ("ongoing", 3_000_000, None)


def test_feedback_opened_again_shows_the_plan_it_made_and_saving_keeps_one(qtbot, db, bus, answer):
    made = _meeting(db)
    record_feedback(db, made.id, "postponed", reason="timing", plan_due="2025-04-07",
                    plan_hypothesis="新年度の体制が決まってから", at="2025-01-15T18:00:00+09:00")
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    assert dialog.plan_check.isChecked() and dialog.plan_due.date() == QDate(2025, 4, 7)
    assert dialog.plan_hypothesis.text() == "新年度の体制が決まってから"
    _save_by_keyboard(qtbot, dialog)
    [plan] = open_plans(db, made.company_id)
    assert (plan.due, plan.hypothesis) == ("2025-04-07", "新年度の体制が決まってから")
