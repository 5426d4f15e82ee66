"""The call loop a caller repeats a hundred times a day, driven with the keyboard alone: every key goes
to whatever has the focus (no slot is called by hand), and each test checks the database and the screen.

Nothing typed is lost on any way out, an outcome can be changed with its key until it is saved while
digits still go into the note, the keys come back after every dialog, only an interrupted session is
resumed, a person added during the call can be chosen, and the call timer counts real calls.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLineEdit
from session_keys_helpers import answer_dialog, press, type_text
from today_helpers import show_host
from typing_helpers import ime

from models.planning import sessions

K = Qt.Key


def touches(db):
    return list(db.query("SELECT * FROM touches ORDER BY id"))


def kept_draft(db):
    state = sessions.current_session(db)
    return state.draft if state is not None else None


def start(qtbot, host, ids):
    host.page.start_session(ids)
    view = host.page.session
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    return view


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


# -- 2: one key scheme: number keys change the outcome until it is saved, digits are text in the note --

def test_a_number_key_changes_the_outcome_and_digits_stay_text_in_the_note(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    view = start(qtbot, host, [1, 2])
    panel = view.panel
    assert view.key_hint.text().startswith("Keys: 1–9 outcome (another number changes it) · Tab note")
    press(qtbot, K.Key_3)
    press(qtbot, K.Key_2)  # a slip: corrected with its key
    assert panel.outcome() == "gatekeeper_block" and QApplication.focusWidget() is view.call_page
    press(qtbot, K.Key_Tab)
    assert QApplication.focusWidget() is panel.note
    assert view.key_hint.text().startswith("Typing: digits are text · Esc back to the outcome keys")
    type_text(qtbot, "3名体制")
    assert panel.note.toPlainText() == "3名体制" and panel.outcome() == "gatekeeper_block"
    press(qtbot, K.Key_Escape)  # back to the keys: 5 changes the outcome again
    press(qtbot, K.Key_5)
    assert panel.outcome() == "info_sent" and panel.note.toPlainText() == "3名体制"
    press(qtbot, K.Key_Return)
    saved = touches(db)
    assert [(t["company_id"], t["outcome"], t["note"]) for t in saved] == [(1, "info_sent", "3名体制")]
    assert view.progress_label.text() == "Account 2 of 2" and panel.outcome() is None
    assert QApplication.focusWidget() is view.call_page


# -- 3: the keys come back to the session after every dialog -------------------------------------------

def test_after_the_meeting_form_the_keys_work_on_the_next_account(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    view = start(qtbot, host, [1, 2])
    # The meeting form: the place typed, Enter accepts it.
    answer_dialog(qtbot, K.Key_Return, name="meetingDialog", fill=lambda d: ime(d.lines["place"], "先方本社"))
    press(qtbot, K.Key_6)
    # No hand-made activation: the session takes the keys back itself.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    assert view.panel.meeting and view.panel.meeting["place"] == "先方本社"
    press(qtbot, K.Key_Return)
    assert view.progress_label.text() == "Account 2 of 2"
    press(qtbot, K.Key_1)
    press(qtbot, K.Key_Return)
    saved = [(t["company_id"], t["outcome"]) for t in touches(db)]
    assert saved == [(1, "appointment"), (2, "not_available")]
    meeting = next(db.query("SELECT * FROM meetings"))
    assert meeting["place"] == "先方本社" and meeting["company_id"] == 1
    assert view.stack.currentWidget() is view.summary


def test_after_any_dialog_the_keys_come_back(qtbot, db, bus, settings):
    from models.accounts import lists

    lists.set_list_script(db, lists.find_list(db, "重点リスト").id, "お世話になっております。")
    host = show_host(qtbot, db, bus, settings)
    view = start(qtbot, host, [1, 2])
    answer_dialog(qtbot, K.Key_Escape, name="scriptDialog")
    view.card_view.script_button.click()  # the talk script's dialog, closed with Esc
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    press(qtbot, K.Key_2)
    press(qtbot, K.Key_Return)
    assert [t["outcome"] for t in touches(db)] == ["gatekeeper_block"]


# -- 1: nothing typed is lost on any way out ------------------------------------------------------------

def _type_a_call(qtbot, view, outcome_key=K.Key_3, note="人事課長と接続"):
    press(qtbot, outcome_key)
    press(qtbot, K.Key_Tab)
    type_text(qtbot, note)
    press(qtbot, K.Key_Escape)


def test_ending_the_session_asks_about_the_typed_call(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    view = start(qtbot, host, [1, 2, 3])
    _type_a_call(qtbot, view)
    seen: list[str] = []
    answer_dialog(qtbot, K.Key_Escape, name="leaveSessionQuestion", seen=seen)  # キャンセル: stay
    press(qtbot, K.Key_E)
    assert "株式会社青葉システム" in seen[0] and "Connected" in seen[0]
    assert view.stack.currentWidget() is view.call_page and view.panel.note.toPlainText() == "人事課長と接続"
    assert touches(db) == [] and kept_draft(db).note == "人事課長と接続"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    answer_dialog(qtbot, K.Key_S, name="leaveSessionQuestion")  # 保存
    press(qtbot, K.Key_E)
    saved = [(t["company_id"], t["outcome"], t["note"]) for t in touches(db)]
    assert saved == [(1, "connected", "人事課長と接続")]
    assert view.stack.currentWidget() is view.summary
    assert view.summary.values["calls"].text() == "1 of 3 accounts"
    assert sessions.current_session(db) is None


def test_ending_and_discarding_writes_nothing(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    view = start(qtbot, host, [1, 2])
    _type_a_call(qtbot, view, K.Key_1, "不在")
    answer_dialog(qtbot, K.Key_D, name="leaveSessionQuestion")  # 破棄
    press(qtbot, K.Key_E)
    assert touches(db) == [] and view.stack.currentWidget() is view.summary
    assert view.summary.values["calls"].text() == "0 of 2 accounts"


def test_switching_page_and_opening_the_account_keep_the_typed_call(qtbot, window, db):
    active(qtbot, window)
    window.start_session([1, 2])
    view = window.pages["today"].session
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    _type_a_call(qtbot, view, K.Key_3, "3名体制で採用中")
    press(qtbot, K.Key_O)  # open the account
    assert window.current_page() == "accounts"
    assert kept_draft(db).note == "3名体制で採用中"  # kept the moment the session was left
    window.pages["accounts"].setFocus()
    press(qtbot, K.Key_2, Qt.KeyboardModifier.ControlModifier)  # Targets
    press(qtbot, K.Key_1, Qt.KeyboardModifier.ControlModifier)  # back to Today
    assert window.current_page() == "today"
    assert view.panel.outcome() == "connected" and view.panel.note.toPlainText() == "3名体制で採用中"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)  # the keys are the session's
    press(qtbot, K.Key_Return)
    assert [(t["outcome"], t["note"]) for t in touches(db)] == [("connected", "3名体制で採用中")]
    assert kept_draft(db) is None


def test_closing_the_window_asks_and_cancel_keeps_it_open(qtbot, window, db):
    active(qtbot, window)
    window.start_session([1, 2])
    view = window.pages["today"].session
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    _type_a_call(qtbot, view, K.Key_2, "受付で断られた")
    answer_dialog(qtbot, K.Key_Escape, name="leaveSessionQuestion")
    press(qtbot, K.Key_Q, Qt.KeyboardModifier.ControlModifier)  # quit
    assert window.isVisible() and touches(db) == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    answer_dialog(qtbot, K.Key_Return, name="leaveSessionQuestion")  # Enter: 保存 is the default
    press(qtbot, K.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert [(t["outcome"], t["note"]) for t in touches(db)] == [("gatekeeper_block", "受付で断られた")]
    state = sessions.current_session(db)
    assert state.position == 1 and state.draft is None  # interrupted, not ended: it resumes next time


def test_a_crash_leaves_a_draft_that_is_offered_back(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    view = start(qtbot, host, [1, 2])
    press(qtbot, K.Key_4)  # callback requested: tomorrow at 10:00 with Alt+1
    press(qtbot, K.Key_1, Qt.KeyboardModifier.AltModifier)
    press(qtbot, K.Key_Tab)
    type_text(qtbot, "明日10時に折返し")
    qtbot.waitUntil(lambda: kept_draft(db) is not None and kept_draft(db).note == "明日10時に折返し")
    draft = kept_draft(db)
    assert draft.outcome == "callback_requested" and draft.due == "2026-11-24T10:00"
    host.hide()  # the process died here: nothing more reaches the database

    again = show_host(qtbot, db, bus, settings)  # the restart
    view = again.page.session
    assert again.page.stack.currentWidget() is view and view.card.company.id == 1
    assert view.draft_bar.isVisible() and "had not saved" in view.draft_label.text()
    assert view.panel.outcome() == "callback_requested"
    assert view.panel.note.toPlainText() == "明日10時に折返し"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    press(qtbot, K.Key_Return)
    saved = touches(db)
    assert [(t["outcome"], t["note"]) for t in saved] == [("callback_requested", "明日10時に折返し")]
    assert saved[0]["at"] == draft.saved_at  # logged at the time of the call, not of the restart
    plan = next(db.query("SELECT due FROM plans WHERE company_id = 1 AND status = 'open'"))
    assert plan["due"] == "2026-11-24T10:00:00+09:00"
    assert not view.draft_bar.isVisible()


def test_a_draft_offered_back_can_be_discarded(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    start(qtbot, host, [1, 2])
    _type_a_call(qtbot, host.page.session, K.Key_1, "不在")
    qtbot.waitUntil(lambda: kept_draft(db) is not None)
    host.hide()
    again = show_host(qtbot, db, bus, settings)
    view = again.page.session
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    press(qtbot, K.Key_R, Qt.KeyboardModifier.AltModifier)  # 下書きを破棄 (a mnemonic clicks with a flash)
    qtbot.waitUntil(lambda: not view.draft_bar.isVisible())
    assert view.panel.outcome() is None and view.panel.note.toPlainText() == ""
    assert not view.draft_bar.isVisible() and kept_draft(db) is None and touches(db) == []


# -- 5: only an interrupted session resumes ----------------------------------------------------------------

def test_an_ended_session_does_not_come_back_but_an_interrupted_one_does(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    view = start(qtbot, host, [1, 2, 3])
    press(qtbot, K.Key_1)
    press(qtbot, K.Key_Return)
    host.hide()  # closed mid-session: interrupted
    again = show_host(qtbot, db, bus, settings)
    view = again.page.session
    assert again.page.stack.currentWidget() is view and view.progress_label.text() == "Account 2 of 3"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    press(qtbot, K.Key_E)  # ended early: the summary...
    assert view.stack.currentWidget() is view.summary
    again.hide()  # ...and the window closed on it
    third = show_host(qtbot, db, bus, settings)
    assert third.page.stack.currentWidget() is third.page.queue and sessions.current_session(db) is None


def test_a_session_at_its_last_account_does_not_come_back(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    view = start(qtbot, host, [1])
    press(qtbot, K.Key_2)
    press(qtbot, K.Key_Return)
    assert view.stack.currentWidget() is view.summary
    host.hide()  # closed on the summary without "Back to Today"
    again = show_host(qtbot, db, bus, settings)
    assert again.page.stack.currentWidget() is again.page.queue and sessions.current_session(db) is None


# -- 6: a person added during the call can be chosen at once ---------------------------------------------

def test_a_person_added_on_the_account_page_is_on_the_line_back_in_the_session(qtbot, window, db):
    active(qtbot, window)
    window.start_session([1, 2])
    view = window.pages["today"].session
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    assert "Nobody recorded yet" in view.card_view.ask_label.text()
    press(qtbot, K.Key_O)
    account = window.pages["accounts"]
    press(qtbot, K.Key_M, Qt.KeyboardModifier.AltModifier)  # the relationship map's tab
    assert account.tabs.currentWidget() is account.map_panel
    account.map_panel.view.setFocus()  # as a click on the map
    answer_dialog(qtbot, K.Key_Return, name="mapPersonDialog",
                  fill=lambda d: ime(d.findChild(QLineEdit, "contact_name"), "田中 一郎"))
    press(qtbot, K.Key_Insert)
    added = next(db.query("SELECT id FROM contacts WHERE company_id = 1"))["id"]
    active(qtbot, window)  # the account page's dialog closed: offscreen, the window is activated by hand
    press(qtbot, K.Key_1, Qt.KeyboardModifier.ControlModifier)  # back to Today
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.call_page)
    assert view.panel.contact_id() == added
    assert view.panel.contact_combo.currentText().startswith("田中 一郎")
    assert view.card_view.ask_label.text().startswith("田中 一郎")
    press(qtbot, K.Key_3)
    press(qtbot, K.Key_Return)
    assert [(t["outcome"], t["contact_id"]) for t in touches(db)] == [("connected", added)]


# -- 13: the call timer counts real calls --------------------------------------------------------------------

def test_the_timer_starts_with_the_call_and_the_summary_adds_real_talk_time(qtbot, db, bus, settings,
                                                                              monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    seconds = [1000.0]
    host = show_host(qtbot, db, bus, settings)
    host.page.session.panel.ticks = lambda: seconds[0]
    view = start(qtbot, host, [1, 2, 3])
    panel = view.panel
    # Account 1: dialled on another phone; the timer started by itself when the account came up.
    assert panel.timer_running()
    seconds[0] += 65
    press(qtbot, K.Key_1)
    assert not panel.timer_running() and panel.timer_label.text() == "01:05"
    press(qtbot, K.Key_Return)
    # Account 2: reading the card for 20 s, then D dials: the call counts from the dial.
    assert panel.timer_running()
    seconds[0] += 20
    press(qtbot, K.Key_D)
    seconds[0] += 30
    press(qtbot, K.Key_3)
    seconds[0] += 40  # the note typed after hanging up is not talk time
    press(qtbot, K.Key_Return)
    # Account 3: the outcome chosen mid-call (3), T runs the timer on; the outcome key stops it again.
    seconds[0] += 10
    press(qtbot, K.Key_3)
    press(qtbot, K.Key_T)
    seconds[0] += 50
    press(qtbot, K.Key_3)
    press(qtbot, K.Key_Return)
    assert [t["duration_s"] for t in touches(db)] == [65, 30, 60]
    assert view.summary.values["talk_time"].text() == "2:35"
    assert "通話時間 2分35秒" in view.summary.text()


@pytest.mark.usefixtures("japanese")
def test_the_key_hint_and_the_leave_question_in_japanese(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    view = start(qtbot, host, [1])
    assert view.key_hint.text().startswith("1〜9 結果")
    press(qtbot, K.Key_1)
    seen: list[str] = []
    answer_dialog(qtbot, K.Key_Escape, name="leaveSessionQuestion", seen=seen)
    press(qtbot, K.Key_E)
    assert "まだ保存されていません" in seen[0]
