"""The call session driven with the keyboard alone, as a caller works through a morning."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from today_helpers import DAY, NOW, show_host
from typing_helpers import ime

from models.demo.builder import generate_demo
from models.planning import sessions
from models.planning.touches import log_outcome
from models.store import settings as db_settings
from models.store.db import open_db


@pytest.fixture
def demo_db(tmp_path):
    """A demo book built around DAY, its backlog cleared down to three promises, so the queue holds
    three re-contacts and seven fresh targets at a daily target of ten."""
    db = open_db(tmp_path / "demo.db")
    generate_demo(db, companies=80, seed=5, today=DAY)
    keep = [row[0] for row in db.execute(
        "SELECT p.id FROM plans p JOIN companies c ON c.id = p.company_id WHERE p.status = 'open' "
        "AND p.kind = 'call' AND p.due < '2026-11-21' AND c.status NOT IN ('disqualified', 'do_not_call') "
        "ORDER BY p.due, p.id LIMIT 3")]
    with db.atomic():
        db.execute(f"UPDATE plans SET status = 'skipped' WHERE status = 'open' AND due < '2026-11-21' "
                   f"AND id NOT IN ({','.join('?' * len(keep))})", keep)
    db_settings.set_setting(db, db_settings.DAILY_TARGET, 10)
    yield db
    db.close()


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or widget, k, modifier)


def company_row(db, company_id):
    return next(db.query("SELECT * FROM companies WHERE id = ?", [company_id]))


def touches_of(db, company_id):
    return list(db.query("SELECT * FROM touches WHERE company_id = ? AND session_uid IS NOT NULL",
                         [company_id]))


def new_plans(db, company_id):
    return list(db.query("SELECT * FROM plans WHERE company_id = ? AND status = 'open' ORDER BY id",
                         [company_id]))


def test_a_whole_session_with_the_keyboard_alone(qtbot, demo_db, bus, settings, answer, monkeypatch):
    db = demo_db
    dialled = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: dialled.append(url.toString())))
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    view = page.session
    panel = view.panel
    assert page.model.rowCount() == 10
    assert page.counts_label.text().startswith("Overdue 3 · Due today 0 · New 7")
    queue = page.queue_ids()
    page.table.setFocus()

    key(qtbot, page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # start the session
    assert page.stack.currentWidget() is view and view.state.company_ids == tuple(queue)
    assert view.name_label.text() == company_row(db, queue[0])["name"]
    assert view.progress_label.text() == "Account 1 of 10"

    def log(number_key, note=None):
        key(qtbot, view, getattr(Qt.Key, f"Key_{number_key}"))
        if note:
            ime(panel.note, note)

    # 1: dial (D starts the timer), not available, a note, Enter.
    key(qtbot, view, Qt.Key.Key_D)
    assert dialled and dialled[0].startswith("tel:0") and panel.timer_running()
    log(1, "受付にて不在")
    assert not panel.timer_running()
    key(qtbot, view, Qt.Key.Key_Return)
    assert view.progress_label.text() == "Account 2 of 10"
    # 2: gatekeeper block.
    log(2)
    key(qtbot, view, Qt.Key.Key_Return)
    # 3: connected, with a hearing item typed after Tab.
    key(qtbot, view, Qt.Key.Key_T)
    log(3, "人事課長と接続")
    key(qtbot, view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.hearing["issue"]
    ime(panel.hearing["issue"], "エンジニア採用が進まない")
    key(qtbot, view, Qt.Key.Key_Return)
    # 4: callback requested: Enter without a day is refused; Alt+1 (tomorrow) at 10:00 is saved.
    log(4)
    key(qtbot, view, Qt.Key.Key_Return)
    assert "「折返し依頼」として保存するには、次回の日付" in panel.error.text() and panel.error.isVisible()
    assert QApplication.focusWidget() is panel.date_edit
    key(qtbot, view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    key(qtbot, view, Qt.Key.Key_Return)
    assert view.progress_label.text() == "Account 5 of 10"
    # 5: info sent.
    log(5)
    key(qtbot, view, Qt.Key.Key_Return)
    # 6: appointment: the meeting form opens; the place is typed and Enter accepts it.
    def fill_meeting():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "meetingDialog"
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        ime(dialog.lines["place"], "先方本社 3F")
        qtbot.keyClick(dialog.lines["place"], Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_meeting)
    log(6)
    # Closing a dialog gives the window back its activation on a desktop; offscreen, do it by hand.
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    assert panel.meeting and panel.meeting["place"] == "先方本社 3F"
    ime(panel.note, "来週の打合せ確定")
    key(qtbot, view, Qt.Key.Key_Return)
    # 7: no need now: refused without a date and a hypothesis, then Alt+5 (in 3 months) and why.
    log(7)
    key(qtbot, view, Qt.Key.Key_Return)
    assert "ニーズなしとして保存するには" in panel.error.text() and panel.error.isVisible()
    key(qtbot, view, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is panel.hypothesis
    key(qtbot, view, Qt.Key.Key_Return)
    assert "仮説" in panel.error.text() and view.progress_label.text() == "Account 7 of 10"
    ime(panel.hypothesis, "2月に来期の採用計画を立てるため")
    key(qtbot, view, Qt.Key.Key_Return)
    # 8: skipped with S (Esc first leaves no field: the focus is on the card).
    assert view.progress_label.text() == "Account 8 of 10"
    key(qtbot, view, Qt.Key.Key_S)
    assert view.progress_label.text() == "Account 9 of 10 · 1 skipped"
    # 9: bad number, then Ctrl+Z puts it back and it is logged as disqualified instead.
    log(8)
    key(qtbot, view, Qt.Key.Key_Return)
    assert company_row(db, queue[8])["status"] == "do_not_call"
    key(qtbot, host, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.progress_label.text() == "Account 9 of 10 · 1 skipped"
    assert touches_of(db, queue[8]) == [] and company_row(db, queue[8])["status"] != "do_not_call"
    assert panel.outcome() == "bad_number"  # the undone form is back, to fix
    log(9)
    key(qtbot, view, Qt.Key.Key_Return)
    # 10: Esc in the note leaves the field; the next Esc would skip, but 1 and Enter log it.
    log(1, "再度不在")
    key(qtbot, view, Qt.Key.Key_Escape)
    assert view.progress_label.text() == "Account 10 of 10 · 1 skipped"
    key(qtbot, view, Qt.Key.Key_Return)

    # The end: the summary, copied as text.
    assert view.stack.currentWidget() is view.summary
    values = {k: label.text() for k, label in view.summary.values.items()}
    assert values["calls"] == "9 of 10 accounts"
    assert values["appointments"] == "1" and values["skipped"] == "1"
    assert values["connects"] == "5 (56%)"  # connected, callback requested, info sent, appointment, no need
    qtbot.mouseClick(view.summary.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().startswith("架電セッションのまとめ")
    assert "アポ獲得 1件" in QApplication.clipboard().text()

    # The database: one touch per logged account, plans with the rule's dates and hypotheses.
    outcomes = {company_id: [t["outcome"] for t in touches_of(db, company_id)] for company_id in queue}
    assert outcomes == {
        queue[0]: ["not_available"], queue[1]: ["gatekeeper_block"], queue[2]: ["connected"],
        queue[3]: ["callback_requested"], queue[4]: ["info_sent"], queue[5]: ["appointment"],
        queue[6]: ["no_need"], queue[7]: [], queue[8]: ["disqualified"], queue[9]: ["not_available"],
    }
    first = touches_of(db, queue[0])[0]
    assert first["note"] == "受付にて不在" and first["at"] == "2026-11-20T10:00:00+09:00"
    third = touches_of(db, queue[2])[0]
    assert third["hearing_issue"] == "エンジニア採用が進まない" and third["duration_s"] is not None

    def plan(company_id):
        plans = new_plans(db, company_id)
        assert len(plans) == 1, plans
        return plans[0]["due"], plans[0]["hypothesis"], plans[0]["source"]

    assert plan(queue[0]) == ("2026-11-25", "不在のため改めて架電", "rule")  # 2 business days past 11/23
    assert plan(queue[1]) == ("2026-11-30", "別ルート（部署直通・メール）でアプローチ", "rule")
    assert plan(queue[2])[0] == "2026-11-30"
    assert plan(queue[3])[:2] == ("2026-11-24T10:00:00+09:00", "ご指定の時間に折返し")
    assert plan(queue[4]) == ("2026-11-26", "資料の感想を伺う", "rule")
    assert plan(queue[6]) == ("2027-02-22", "2月に来期の採用計画を立てるため", "manual")  # 2/20 is a Saturday
    assert new_plans(db, queue[5]) == [] and new_plans(db, queue[8]) == []
    meeting = next(db.query("SELECT * FROM meetings WHERE company_id = ?", [queue[5]]))
    assert meeting["place"] == "先方本社 3F" and meeting["touch_id"] == touches_of(db, queue[5])[0]["id"]
    statuses = {company_id: company_row(db, company_id)["status"] for company_id in queue}
    assert statuses[queue[5]] == "appointment" and statuses[queue[6]] == "nurturing"
    assert statuses[queue[8]] == "disqualified" and statuses[queue[0]] == "in_progress"

    # Back to Today: the session is closed and the queue shows what is left.
    key(qtbot, view, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.queue and sessions.current_session(db) is None
    assert page.counts_label.text().endswith("Done today 9 (daily target 10)")


def test_reopening_resumes_where_the_caller_was(qtbot, demo_db, bus, settings, answer):
    host = show_host(qtbot, demo_db, bus, settings)
    page = host.page
    page.start_queue_session()
    queue = list(page.session.state.company_ids)
    qtbot.keyClick(page.session.call_page, Qt.Key.Key_1)
    qtbot.keyClick(page.session.panel.note, Qt.Key.Key_Return)
    qtbot.keyClick(page.session.call_page, Qt.Key.Key_S)
    host.close()
    # The app died after logging the third account but before moving on.
    state = sessions.current_session(demo_db)
    log_outcome(demo_db, queue[2], "not_available", at=NOW, session_uid=state.uid)

    again = show_host(qtbot, demo_db, bus, settings)
    view = again.page.session
    assert again.page.stack.currentWidget() is view
    assert view.card.company.id == queue[3]
    assert view.progress_label.text() == "Account 4 of 10 · 1 skipped"


def test_enter_without_an_outcome_says_what_to_do(qtbot, db, bus, settings, answer):
    host = show_host(qtbot, db, bus, settings)
    host.page.start_session([1, 2])
    view = host.page.session
    qtbot.keyClick(view.call_page, Qt.Key.Key_Return)
    assert view.panel.error.text() == "Choose an outcome first (keys 1–9), or skip with S."
    assert view.progress_label.text() == "Account 1 of 2"
    assert db.execute("SELECT COUNT(*) FROM touches").fetchone()[0] == 0


def test_cancelling_the_meeting_form_takes_back_the_appointment(qtbot, db, bus, settings, answer):
    host = show_host(qtbot, db, bus, settings)
    host.page.start_session([1])
    view = host.page.session

    def cancel():
        dialog = QApplication.activeModalWidget()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    qtbot.keyClick(view.call_page, Qt.Key.Key_6)
    assert view.panel.outcome() is None
    assert db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 0


def test_choosing_a_person_on_the_map_logs_the_call_against_them(qtbot, db, bus, settings, answer):
    from models.accounts import companies
    boss = companies.create_contact(db, 1, {"name": "田中 一郎", "role": "decision_maker"})
    clerk = companies.create_contact(db, 1, {"name": "佐藤 花子", "role": "gatekeeper"})
    host = show_host(qtbot, db, bus, settings)
    host.page.start_session([1])
    view = host.page.session
    assert view.panel.contact_id() == boss.id  # the decision maker is the one to ask for
    view.card_view.map_panel.contact_activated.emit(clerk.id)
    assert view.panel.contact_id() == clerk.id and "佐藤 花子" in view.card_view.ask_label.text()
    qtbot.keyClick(view.call_page, Qt.Key.Key_2)
    qtbot.keyClick(view.panel.note, Qt.Key.Key_Return)
    touch = next(db.query("SELECT * FROM touches"))
    assert touch["contact_id"] == clerk.id and touch["outcome"] == "gatekeeper_block"


def test_the_phone_link_dials_and_starts_the_timer(qtbot, db, bus, settings, answer, monkeypatch):
    dialled = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: dialled.append(url.toString())))
    host = show_host(qtbot, db, bus, settings)
    host.page.start_session([1])
    view = host.page.session
    assert "03-1234-5678" in view.phone_label.text()
    view.phone_label.linkActivated.emit("tel:0312345678")
    assert dialled == ["tel:0312345678"] and view.panel.timer_running()


def test_end_session_early_and_redo(qtbot, db, bus, settings, answer):
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    page.start_session([1, 2, 3])
    view = page.session
    qtbot.keyClick(view.call_page, Qt.Key.Key_3)
    qtbot.keyClick(view.panel.note, Qt.Key.Key_Return)
    host.undo_stack.undo()
    assert view.progress_label.text() == "Account 1 of 3"
    host.undo_stack.redo()
    assert view.progress_label.text() == "Account 2 of 3"
    assert db.execute("SELECT COUNT(*) FROM touches WHERE outcome = 'connected'").fetchone()[0] == 1
    qtbot.mouseClick(view.end_button, Qt.MouseButton.LeftButton)
    assert view.summary.values["calls"].text() == "1 of 3 accounts"
    qtbot.mouseClick(view.summary.finish_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.queue and sessions.current_session(db) is None


def test_the_talk_script_of_the_list_and_its_checklist(qtbot, db, bus, settings, answer, check_names):
    from models.accounts import lists
    listed = lists.find_list(db, "重点リスト")
    lists.set_list_script(db, listed.id, "お世話になっております。採用のご支援をしております。")
    host = show_host(qtbot, db, bus, settings)
    host.page.start_session([1])
    view = host.page.session
    assert "採用のご支援" in view.card_view.script_view.toPlainText()

    def fill():
        dialog = QApplication.activeModalWidget()
        assert dialog.objectName() == "scriptDialog" and check_names(dialog) == []
        dialog.checklist.setPlainText("採用予定人数\n\n現在の採用手段")
        dialog.accept()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(view.card_view.script_button, Qt.MouseButton.LeftButton)
    checklist = db_settings.get_setting(db, db_settings.hearing_checklist_key(listed.id))
    assert checklist == ["採用予定人数", "現在の採用手段"]
    assert "現在の採用手段" in view.card_view.script_view.toPlainText()


def test_session_names_every_control(qtbot, db, bus, settings, answer, check_names):
    host = show_host(qtbot, db, bus, settings)
    host.page.start_session([1, 2])
    assert check_names(host) == []
    host.page.session.end()
    assert check_names(host) == []



def test_outcome_keys_follow_the_settings(qtbot, db, bus, settings, answer):
    order = ["connected", "not_available", "gatekeeper_block", "callback_requested", "info_sent",
             "appointment", "no_need", "bad_number", "disqualified"]
    settings.set_session_outcome_order(order)
    host = show_host(qtbot, db, bus, settings)
    host.page.start_session([1])
    view = host.page.session
    assert view.panel.outcome_buttons["connected"].text() == "1  Connected"
    qtbot.keyClick(view.call_page, Qt.Key.Key_1)
    assert view.panel.outcome() == "connected" and view.panel.hearing_box.isVisible()
    with pytest.raises(ValueError):
        settings.set_session_outcome_order(order[:8])
