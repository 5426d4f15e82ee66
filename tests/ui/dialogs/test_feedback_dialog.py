"""Entering the field's feedback in the dialog, as a person would, and what it changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QPushButton
from typing_helpers import ime

from models.accounts.companies import get_company
from models.meetings.meetings import create_meeting, get_meeting
from models.planning.plans import open_plans
from models.planning.touches import list_touches
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
