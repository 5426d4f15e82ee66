"""The business-day note on every date input that sets a next touch, a plan or a meeting."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QVBoxLayout, QWidget

from models.meetings.meetings import create_meeting
from models.planning.calendar import CalendarRules, save_calendar
from ui.dialogs.feedback import FeedbackDialog
from ui.dialogs.meeting_form import MeetingDialog
from ui.dialogs.timeline_dialogs import QuickPlanDialog
from ui.widgets.business_day_hint import BusinessDayHint


def _host(qtbot, edit, **kwargs):
    host = QWidget()
    qtbot.addWidget(host)
    hint = BusinessDayHint(edit, lambda: CalendarRules().closures, **kwargs)
    layout = QVBoxLayout(host)
    layout.addWidget(edit)
    layout.addWidget(hint)
    host.show()
    return host, hint


def test_built_before_its_form_it_never_opens_as_a_window(qtbot):
    edit = QDateEdit(QDate(2026, 11, 23))
    hint = BusinessDayHint(edit, lambda: ())
    assert hint.isHidden() and hint.text() == "11/23 is a public holiday (勤労感謝の日)."
    host = QWidget()
    qtbot.addWidget(host)
    QVBoxLayout(host).addWidget(hint)
    assert not hint.isHidden()  # put in a form: now it shows


def test_a_date_time_edit_keeps_its_own_time(qtbot):
    edit = QDateTimeEdit(QDateTime(QDate(2026, 5, 4), QTime(16, 15)))
    edit.setDisplayFormat("yyyy/MM/dd HH:mm")
    _kept, hint = _host(qtbot, edit)  # the host owns the hint
    assert hint.text() == "5/4 is a public holiday (みどりの日)."
    assert hint.button.text() == "Use the next business day (5/7 16:15)"  # over こどもの日 and 振替休日
    hint.button.click()
    assert edit.dateTime() == QDateTime(QDate(2026, 5, 7), QTime(16, 15))
    assert hint.isHidden()


def test_no_day_chosen_or_a_disabled_input_shows_nothing(qtbot):
    edit = QDateEdit()
    edit.setMinimumDate(QDate(2026, 11, 21))
    edit.setSpecialValueText("No date")
    edit.setDate(edit.minimumDate())  # a Saturday, but shown as "No date"
    _kept, hint = _host(qtbot, edit)  # the host owns the hint
    assert hint.isHidden()
    edit.setDate(QDate(2026, 11, 22))
    assert hint.isVisible() and hint.text() == "11/22 is a Sunday."
    edit.setEnabled(False)
    assert hint.isHidden()


def test_the_feedback_dialogs_next_touch_uses_the_closures_of_the_settings(qtbot, db, bus):
    save_calendar(db, CalendarRules(closures=(("08-13", "08-16"),)))
    company_id = db.execute("SELECT id FROM companies ORDER BY id LIMIT 1").fetchone()[0]
    made = create_meeting(db, company_id, {"starts_at": "2026-07-15 10:00"})
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.plan_check.setChecked(True)
    dialog.plan_due.setEnabled(True)
    dialog.plan_due.setDate(QDate(2026, 8, 14))
    hint = dialog.plan_due_hint
    assert hint.isVisible() and hint.text() == "8/14 is a company closure day."
    assert hint.button.text() == "Use the next business day (8/17)"
    dialog.plan_due.setDate(QDate(2026, 12, 30))  # 年末年始 is not a closure in these settings
    assert hint.isHidden()


def test_the_meeting_form_and_the_quick_plan_dialog(qtbot, db):
    meeting = MeetingDialog(db, 1, save=False, values={"starts_at": "2026-11-23T15:00:00+09:00"})
    qtbot.addWidget(meeting)
    meeting.show()
    assert meeting.day_hint.text() == "11/23 is a public holiday (勤労感謝の日)."
    meeting.day_hint.button.click()
    assert meeting.date_edit.date() == QDate(2026, 11, 24) and meeting.time_edit.time() == QTime(15, 0)

    quick = QuickPlanDialog([], day=date(2026, 12, 31))
    qtbot.addWidget(quick)
    quick.show()
    assert quick.day_hint.text() == "12/31 is a company closure day (年末年始)."
    assert quick.day_hint.button.text() == "Use the next business day (1/4)"
    quick.timed.setChecked(True)
    assert quick.day_hint.button.text() == "Use the next business day (1/4 10:00)"
    quick.day_hint.button.click()
    assert quick.values()["due"].date() == date(2027, 1, 4)
