"""The meeting form: create, edit, values only (for an appointment logged in a session), bad input."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QMessageBox, QPushButton
from typing_helpers import ime

from models.accounts import companies
from models.meetings import meetings
from models.planning.touches import log_outcome
from models.store import clock
from ui.dialogs.meeting_form import MeetingDialog


def fill(qtbot, dialog, place="先方本社 3F 会議室", rep="佐藤"):
    dialog.date_edit.setDate(QDate(2026, 12, 3))
    dialog.time_edit.setTime(QTime(14, 0))
    ime(dialog.lines["place"], place)
    ime(dialog.field_rep.lineEdit(), rep)
    ime(dialog.lines["purpose"], "採用管理の課題ヒアリング")
    ime(dialog.notes["notes_needs"], "エンジニアの採用が進まない")


def check_first_attendee(dialog):
    dialog.attendee_model.item(0).setCheckState(Qt.CheckState.Checked)


def test_create_a_meeting_with_attendees(qtbot, db, check_names):
    person = companies.create_contact(db, 1, {"name": "山田 太郎", "role": "hr"})
    dialog = MeetingDialog(db, 1)
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []
    fill(qtbot, dialog)
    check_first_attendee(dialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "meetingOkButton"), Qt.MouseButton.LeftButton)
    assert dialog.result() == MeetingDialog.DialogCode.Accepted
    saved = meetings.get_meeting(db, dialog.meeting_id)
    assert saved.starts_at.startswith("2026-12-03T14:00:00")
    assert (saved.place, saved.field_rep, saved.duration_min) == ("先方本社 3F 会議室", "佐藤", 60)
    assert saved.notes_needs == "エンジニアの採用が進まない"
    assert [c.id for c, _note in meetings.attendees(db, saved.id)] == [person.id]


def test_edit_a_meeting(qtbot, db):
    made = meetings.create_meeting(db, 1, {"starts_at": "2026-12-03 14:00", "place": "本社",
                                           "online_url": "https://meet.example.jp/abc"})
    dialog = MeetingDialog(db, 1, meeting_id=made.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit meeting"
    assert dialog.lines["place"].text() == "本社" and dialog.time_edit.time() == QTime(14, 0)
    dialog.lines["place"].clear()
    ime(dialog.lines["place"], "大阪支社")
    dialog.duration.setValue(90)
    dialog.accept()
    saved = meetings.get_meeting(db, made.id)
    assert (saved.place, saved.duration_min, saved.online_url) == ("大阪支社", 90, "https://meet.example.jp/abc")
    assert db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 1


def test_values_only_feed_log_outcome(qtbot, db):
    person = companies.create_contact(db, 1, {"name": "山田 太郎", "role": "hr"})
    prefill = {"notes_budget": "年間300万円", "attendees": [person.id]}
    dialog = MeetingDialog(db, 1, save=False, values=prefill)
    qtbot.addWidget(dialog)
    assert dialog.notes["notes_budget"].toPlainText() == "年間300万円"
    assert dialog.attendee_ids() == [person.id]
    fill(qtbot, dialog)
    dialog.accept()
    assert db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 0  # nothing saved by the form
    values = dialog.values()
    assert values["attendees"] == [person.id] and values["place"] == "先方本社 3F 会議室"
    logged = log_outcome(db, 1, "appointment", meeting=values)
    saved = meetings.get_meeting(db, logged.meeting_id)
    assert saved.notes_budget == "年間300万円" and saved.touch_id == logged.touch_id
    assert datetime.fromisoformat(saved.starts_at).hour == 14


def test_a_bad_url_is_refused_in_the_dialog(qtbot, db):
    dialog = MeetingDialog(db, 1)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog)
    dialog.lines["online_url"].setText("zoom を後で送る")
    qtbot.mouseClick(dialog.findChild(QPushButton, "meetingOkButton"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "URL" in dialog.error.text()
    assert db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 0
    dialog.lines["online_url"].setText("zoom.us/j/123")
    dialog.accept()
    assert meetings.get_meeting(db, dialog.meeting_id).online_url == "https://zoom.us/j/123"


def test_japanese_form(qtbot, db, japanese):
    dialog = MeetingDialog(db, 1)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "新しい商談"
    assert dialog.tabs.tabText(1) == "架電担当のメモ(&N)"


# -- the field rep's schedule: a proposed free time, double bookings, the rep remembered ----------------

JST = timezone(timedelta(hours=9))
WEDNESDAY = datetime(2026, 12, 2, 15, 0, tzinfo=JST)  # the next business day is Thursday 12/3


@pytest.fixture
def wednesday(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: WEDNESDAY)


def _open(qtbot, db, **kwargs):
    dialog = MeetingDialog(db, 1, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _shown(dialog) -> tuple[date, time]:
    return dialog.date_edit.date().toPython(), dialog.time_edit.time().toPython()


def test_a_new_meeting_takes_the_last_rep_at_their_first_free_time(qtbot, db, wednesday):
    meetings.create_meeting(db, 2, {"starts_at": "2026-12-03 10:00", "field_rep": "山本 大輔"})
    dialog = _open(qtbot, db)
    assert dialog.field_rep.currentText() == "山本 大輔"  # remembered from the last meeting booked
    assert _shown(dialog) == (date(2026, 12, 3), time(11, 0))  # 10:00 is taken; 11:00–12:00 is free
    assert dialog.slot_hint.isVisible() and "山本 大輔" in dialog.slot_hint.text()
    assert dialog.double_bookings() == []


def test_another_rep_gets_their_own_free_time_until_the_person_picks_one(qtbot, db, wednesday):
    meetings.create_meeting(db, 2, {"starts_at": "2026-12-03 10:00", "field_rep": "山本 大輔"})
    dialog = _open(qtbot, db)
    dialog.field_rep.lineEdit().clear()
    ime(dialog.field_rep.lineEdit(), "佐藤 健")
    assert _shown(dialog) == (date(2026, 12, 3), time(10, 0))  # 佐藤 is free at 10:00
    dialog.time_edit.setFocus()
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Up)  # the person moves the hour: their choice now
    chosen = _shown(dialog)
    dialog.field_rep.lineEdit().clear()
    ime(dialog.field_rep.lineEdit(), "山本 大輔")
    assert _shown(dialog) == chosen


def test_a_double_booking_is_shown_and_asked_about_before_it_is_saved(qtbot, db, wednesday, answer):
    for company in (2, 3):  # three meetings at the same hour were once accepted without a word
        meetings.create_meeting(db, company, {"starts_at": "2026-12-03 14:00", "field_rep": "佐藤"})
    dialog = _open(qtbot, db)
    fill(qtbot, dialog)  # 2026-12-03 14:00, 佐藤 (appended to the remembered name, so cleared first)
    dialog.field_rep.lineEdit().clear()
    ime(dialog.field_rep.lineEdit(), "佐藤")
    assert len(dialog.double_bookings()) == 2
    assert dialog.slot_hint.isVisible() and "Double booking" in dialog.slot_hint.text()
    answer.reply = QMessageBox.StandardButton.No
    qtbot.keyClick(dialog.lines["purpose"], Qt.Key.Key_Return)  # Enter presses OK
    assert answer.calls[-1][0] == "question" and "14:00〜15:00" in answer.calls[-1][2]
    assert dialog.isVisible() and db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 2
    # The next free time moves it out of the way; then nothing is asked.
    asked = len(answer.calls)
    qtbot.mouseClick(dialog.free_button, Qt.MouseButton.LeftButton)
    assert _shown(dialog) == (date(2026, 12, 3), time(15, 0)) and dialog.double_bookings() == []
    qtbot.keyClick(dialog.lines["purpose"], Qt.Key.Key_Return)
    assert len(answer.calls) == asked and dialog.result() == MeetingDialog.DialogCode.Accepted
    assert meetings.get_meeting(db, dialog.meeting_id).starts_at.startswith("2026-12-03T15:00")


def test_a_double_booking_the_person_confirms_is_kept(qtbot, db, wednesday, answer):
    meetings.create_meeting(db, 2, {"starts_at": "2026-12-03 14:00", "field_rep": "佐藤"})
    dialog = _open(qtbot, db)
    fill(qtbot, dialog, rep="")
    dialog.field_rep.lineEdit().clear()
    ime(dialog.field_rep.lineEdit(), "佐藤")
    qtbot.keyClick(dialog.lines["purpose"], Qt.Key.Key_Return)
    assert answer.calls[-1][0] == "question"
    assert dialog.result() == MeetingDialog.DialogCode.Accepted
    assert db.execute("SELECT COUNT(*) FROM meetings WHERE field_rep = '佐藤'").fetchone()[0] == 2
