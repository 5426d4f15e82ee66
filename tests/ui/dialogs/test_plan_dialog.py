"""The plan dialog: a person picks a day (quick picks, a template's proposal), a time, a kind, a contact
and a hypothesis, and Save writes the plan; bad input is shown in the dialog, which stays open."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication, QDialog

from models.accounts import companies
from models.planning.plans import get_plan
from models.store.db import stamp, writing
from ui.dialogs.plan_dialog import PlanDialog

TODAY = date(2026, 11, 18)  # a Wednesday; Monday 23 November is 勤労感謝の日


@pytest.fixture
def company_id(db):
    first = db.execute("SELECT id FROM companies ORDER BY id LIMIT 1").fetchone()[0]
    companies.update_company(db, first, {"fiscal_year_end_month": 3})
    companies.create_contact(db, first, {"name": "佐藤 花子", "department": "人事部", "role": "hr"})
    return first


def _dialog(qtbot, db, company_id, **kwargs):
    dialog = PlanDialog(db, company_id, today=TODAY, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def _plans(db, company_id):
    return list(db.query("SELECT * FROM plans WHERE company_id = ? ORDER BY id", [company_id]))


def test_a_template_proposes_its_day_and_fills_the_hypothesis(qtbot, db, company_id, check_names):
    dialog = _dialog(qtbot, db, company_id)
    assert check_names(dialog) == []
    assert dialog.chosen_date() == date(2026, 11, 19)  # starts on the next business day
    # Down through the template list with the keyboard, as a person would, to 人事計画策定期.
    dialog.template.setFocus()
    qtbot.keyClick(dialog.template, Qt.Key.Key_Down)
    assert dialog.template.currentText() == "人事計画策定期"
    # March year end: three months before is December → its first business day.
    assert dialog.chosen_date() == date(2026, 12, 1)
    assert dialog.hypothesis.toPlainText().startswith("決算3ヶ月前")
    assert "Proposed day: 2026/12/01" in dialog.template_note.text()
    dialog.contact.setCurrentIndex(dialog.contact.findText("佐藤 花子（人事部）"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [row] = _plans(db, company_id)
    assert (row["due"], row["hypothesis_template"], row["source"], row["status"]) == (
        "2026-12-01", "人事計画策定期", "manual", "open")
    assert row["contact_id"] == dialog.contact.currentData()


def test_quick_picks_a_time_and_a_typed_hypothesis(qtbot, db, company_id):
    dialog = _dialog(qtbot, db, company_id)
    captions = [button.text() for button in dialog.quick_buttons]
    assert captions[:3] == ["Tomorrow", "In 3 business days", "Next week"]
    assert captions[-1] == "3 months before year end"
    qtbot.mouseClick(dialog.quick_buttons[1], Qt.MouseButton.LeftButton)
    assert dialog.chosen_date() == date(2026, 11, 24)  # Thu, Fri, (weekend, 勤労感謝の日) Tue
    qtbot.mouseClick(dialog.timed, Qt.MouseButton.LeftButton)
    assert dialog.time_edit.isEnabled()
    dialog.time_edit.setFocus()
    for _ in range(4):  # 10 → 14 o'clock with the arrow key
        qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Up)
    dialog.time_edit.setTime(dialog.time_edit.time().addSecs(30 * 60))
    dialog.kind.setCurrentIndex(dialog.kind.findData("email"))
    dialog.hypothesis.setFocus()
    dialog.hypothesis.insertPlainText("資料の感想を伺う")  # typed through an IME, which QTest cannot drive
    qtbot.keyClick(dialog.hypothesis, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [row] = _plans(db, company_id)
    assert row["due"].startswith("2026-11-24T14:30:00")
    assert (row["kind"], row["hypothesis"], row["hypothesis_template"]) == ("email", "資料の感想を伺う", None)


def test_the_day_note_names_holidays_and_weekends(qtbot, db, company_id):
    dialog = _dialog(qtbot, db, company_id)
    dialog.date_edit.setDate(QDate(2026, 11, 23))
    assert dialog.day_note.text() == "11/23 is a public holiday (勤労感謝の日)."
    dialog.date_edit.setDate(QDate(2026, 11, 21))
    assert dialog.day_note.text() == "11/21 is a Saturday."
    dialog.date_edit.setDate(QDate(2026, 12, 30))
    assert dialog.day_note.text() == "12/30 is a company closure day (年末年始)."
    dialog.date_edit.setDate(QDate(2026, 12, 1))
    assert dialog.day_note.isHidden()


def _active(qtbot, dialog):
    """The dialog as the active window, so the focus and the shortcuts work as on a desktop."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _type_date(qtbot, edit, text):
    """Type a date over the edit's text, key by key from its first section."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    qtbot.keyClicks(edit, text)


def test_a_typed_holiday_offers_the_next_business_day_keeping_the_time(qtbot, db, company_id, check_names):
    dialog = _active(qtbot, _dialog(qtbot, db, company_id))
    qtbot.mouseClick(dialog.timed, Qt.MouseButton.LeftButton)
    dialog.time_edit.setTime(QTime(14, 30))
    _type_date(qtbot, dialog.date_edit, "2026/11/23")
    hint = dialog.day_note
    assert hint.isVisible() and hint.text() == "11/23 is a public holiday (勤労感謝の日)."
    assert hint.button.text() == "Use the next business day (11/24 14:30)"
    assert check_names(dialog) == []
    assert dialog.date_edit.hasFocus()  # the note never takes the focus from the caller typing
    # Tab reaches the offer; Space takes it: Tuesday 24th, the time kept, the focus back on the date.
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    assert hint.button.hasFocus()
    qtbot.keyClick(hint.button, Qt.Key.Key_Space)
    assert dialog.chosen_date() == date(2026, 11, 24)
    assert dialog.time_edit.time() == QTime(14, 30)
    assert hint.isHidden() and dialog.date_edit.hasFocus()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [row] = _plans(db, company_id)
    assert row["due"].startswith("2026-11-24T14:30:00")


def test_alt_right_in_the_date_takes_the_offer_over_a_weekend_and_a_holiday(qtbot, db, company_id):
    dialog = _active(qtbot, _dialog(qtbot, db, company_id))
    _type_date(qtbot, dialog.date_edit, "2026/11/21")
    assert dialog.day_note.button.text() == "Use the next business day (11/24)"  # no time: the day alone
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert dialog.chosen_date() == date(2026, 11, 24)
    assert dialog.day_note.isHidden()
    # 年末年始: the closure days lead to the first business day of the year.
    _type_date(qtbot, dialog.date_edit, "2026/12/30")
    assert dialog.day_note.text() == "12/30 is a company closure day (年末年始)."
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert dialog.chosen_date() == date(2027, 1, 4)


def test_a_holiday_saved_without_taking_the_offer_is_kept(qtbot, db, company_id):
    dialog = _active(qtbot, _dialog(qtbot, db, company_id))
    _type_date(qtbot, dialog.date_edit, "2026/11/23")
    assert dialog.day_note.isVisible()
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted  # a warning, not a refusal
    [row] = _plans(db, company_id)
    assert row["due"] == "2026-11-23"


def test_a_fiscal_template_without_a_fiscal_month_says_so(qtbot, db):
    other = db.execute("SELECT id FROM companies ORDER BY id DESC LIMIT 1").fetchone()[0]
    dialog = _dialog(qtbot, db, other)
    before = dialog.chosen_date()
    dialog.template.setCurrentIndex(dialog.template.findData("予算策定期"))
    assert "no fiscal year end month" in dialog.template_note.text()
    assert dialog.chosen_date() == before
    # A template by calendar month still proposes: 異動期 → April.
    dialog.template.setCurrentIndex(dialog.template.findData("異動期"))
    assert dialog.chosen_date() == date(2027, 4, 1)
    assert dialog.hypothesis.toPlainText().startswith("4月・10月の人事異動後")


def test_edit_a_plan_and_refuse_a_past_day(qtbot, db, company_id):
    with writing(db):
        plan_id = db.table("plans").insert(stamp({
            "company_id": company_id, "due": "2026-11-16T10:00:00+09:00", "kind": "call",
            "hypothesis": "折返し", "hypothesis_template": "決算後",
        })).last_pk
    dialog = _dialog(qtbot, db, company_id, plan_id=plan_id)
    assert dialog.windowTitle().startswith("Edit plan")
    assert dialog.chosen_date() == date(2026, 11, 16)
    assert dialog.timed.isChecked() and dialog.time_edit.time().toString("HH:mm") == "10:00"
    assert dialog.template.currentData() == "決算後"
    # Moving an overdue plan to another past day is refused, in the dialog.
    dialog.date_edit.setDate(QDate(2026, 11, 17))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and "過去の日付" in dialog.error.text()
    assert get_plan(db, plan_id).due.startswith("2026-11-16")
    # Keeping its day while changing the hypothesis is fine.
    dialog.date_edit.setDate(QDate(2026, 11, 16))
    dialog.hypothesis.setPlainText("決算明けの体制を確認")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert get_plan(db, plan_id).hypothesis == "決算明けの体制を確認"


def test_a_new_plan_cannot_start_before_today(qtbot, db, company_id):
    dialog = _dialog(qtbot, db, company_id)
    dialog.date_edit.setDate(QDate(2026, 11, 1))
    assert dialog.chosen_date() == TODAY  # the calendar stops at today


def test_japanese(qtbot, db, company_id, japanese):
    dialog = _dialog(qtbot, db, company_id)
    assert dialog.windowTitle().startswith("予定を追加")
    assert [b.text() for b in dialog.quick_buttons][:2] == ["明日", "3営業日後"]
    assert dialog.save_button.accessibleName() == "予定を保存"
    dialog.date_edit.setDate(QDate(2026, 11, 23))
    assert dialog.day_note.text() == "11月23日は祝日（勤労感謝の日）です。"
    assert dialog.day_note.button.text() == "翌営業日（11月24日）にする"
    dialog.date_edit.setDate(QDate(2026, 11, 21))
    assert dialog.day_note.text() == "11月21日は土曜日です。"
    dialog.date_edit.setDate(QDate(2026, 12, 30))
    assert dialog.day_note.text() == "12月30日は休業日（年末年始）です。"


def test_edit_the_templates(qtbot, db, company_id, check_names):
    from models.planning import hypotheses
    from ui.dialogs.hypothesis_templates import HypothesisTemplatesDialog

    dialog = HypothesisTemplatesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert check_names(dialog) == []
    assert dialog.names.stringList() == ["人事計画策定期", "予算策定期", "採用繁忙期明け", "決算後", "異動期"]
    dialog.list.setCurrentIndex(dialog.names.index(4))
    assert dialog.rule.currentData() == "months" and dialog.calendar_months.text() == "4, 10"
    dialog.calendar_months.setFocus()
    dialog.calendar_months.selectAll()
    qtbot.keyClicks(dialog.calendar_months, "4, 7, 10")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.name.text() == "New template" and dialog.focusWidget() is dialog.name
    dialog.name.setText("契約更新")
    dialog.text.setPlainText("現行契約の更新前に比較検討を提案")
    dialog.months.setValue(10)
    # Bad input: an empty name is refused in the dialog.
    dialog.list.setCurrentIndex(dialog.names.index(0))
    dialog.name.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "名前" in dialog.error.text()
    assert hypotheses.load_templates(db) == list(hypotheses.DEFAULT_TEMPLATES)  # nothing written
    dialog.name.setText("人事計画策定期")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = {t.name: t for t in hypotheses.load_templates(db)}
    assert saved["異動期"].calendar_months == (4, 7, 10)
    assert (saved["契約更新"].rule, saved["契約更新"].months) == ("after", 10)
    plan = _dialog(qtbot, db, company_id)
    assert plan.template.findData("契約更新") > 0
    plan.template.setCurrentIndex(plan.template.findData("契約更新"))
    assert plan.chosen_date() == date(2027, 9, 21)  # 9/18 + 10 months is Saturday → 9/20 敬老の日 → 9/21
    # Restore the defaults.
    again = HypothesisTemplatesDialog(db)
    qtbot.addWidget(again)
    qtbot.mouseClick(again.reset_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert [t.name for t in hypotheses.load_templates(db)] == [t.name for t in hypotheses.DEFAULT_TEMPLATES]
