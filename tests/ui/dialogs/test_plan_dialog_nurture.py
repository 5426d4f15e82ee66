"""The plan dialog, by keyboard: a nurture plan is refused without its reason, and the quick pick that
timed a plan is recorded as its template (issue "The call loop", item 8)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog
from typing_helpers import ime

from models.accounts import companies
from ui.dialogs.plan_dialog import PlanDialog

TODAY = date(2026, 11, 18)  # a Wednesday; Monday 23 November is 勤労感謝の日


@pytest.fixture
def company_id(db):
    first = db.execute("SELECT id FROM companies ORDER BY id LIMIT 1").fetchone()[0]
    companies.update_company(db, first, {"fiscal_year_end_month": 3})
    return first


def _dialog(qtbot, db, company_id):
    dialog = PlanDialog(db, company_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _plans(db, company_id):
    return list(db.query("SELECT * FROM plans WHERE company_id = ? ORDER BY id", [company_id]))


def _press(qtbot, button):
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_a_nurture_plan_needs_its_reason_and_keeps_its_quick_pick(qtbot, db, company_id):
    dialog = _dialog(qtbot, db, company_id)
    _press(qtbot, dialog.quick_buttons[4])  # In 3 months
    assert dialog.chosen_date() == date(2027, 2, 18)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "ナーチャリングの予定です" in dialog.error.text() and "仮説" in dialog.error.text()
    assert _plans(db, company_id) == []
    ime(dialog.hypothesis, "2月に来期の採用計画を立てるため")
    qtbot.keyClick(dialog.hypothesis, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [row] = _plans(db, company_id)
    assert (row["due"], row["hypothesis_template"]) == ("2027-02-18", "3ヶ月後")


def test_a_day_changed_after_the_pick_is_no_longer_the_picks(qtbot, db, company_id):
    dialog = _dialog(qtbot, db, company_id)
    _press(qtbot, dialog.quick_buttons[5])  # In 6 months
    dialog.date_edit.setDate(QDate(2027, 5, 24))
    ime(dialog.hypothesis, "新年度の体制が固まった頃")
    qtbot.keyClick(dialog.hypothesis, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [row] = _plans(db, company_id)
    assert (row["due"], row["hypothesis_template"]) == ("2027-05-24", None)


def test_a_follow_up_within_two_weeks_needs_no_reason(qtbot, db, company_id):
    dialog = _dialog(qtbot, db, company_id)
    _press(qtbot, dialog.quick_buttons[2])  # Next week
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [row] = _plans(db, company_id)
    assert (row["due"], row["hypothesis"], row["hypothesis_template"]) == ("2026-11-24", None, None)
