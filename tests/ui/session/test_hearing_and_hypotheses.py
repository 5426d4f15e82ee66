"""What was heard reaches the meeting, and hypotheses are written and judged, in a session driven with
the keyboard alone (issue "The call loop", items 7 and 8)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from today_helpers import show_host
from typing_helpers import ime

from models.planning.touches import log_outcome
from models.store import settings as db_settings
from models.store.db import stamp, writing

SHOTS = os.environ.get("KAKERU_SHOTS")  # a folder: the screens are saved there to be looked at


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or widget, k, modifier)


def shot(widget, name):
    if SHOTS:
        widget.grab().save(str(Path(SHOTS, name)))


def _session(qtbot, db, bus, settings, company_ids):
    host = show_host(qtbot, db, bus, settings)
    host.page.start_session(company_ids)
    view = host.page.session
    view.call_page.setFocus()
    return host, view


def test_hearing_typed_during_the_call_and_earlier_facts_fill_the_meeting_form(qtbot, db, bus, settings,
                                                                             answer):
    db_settings.set_caller_name(db, "高橋 由美")
    log_outcome(db, 1, "connected", at="2026-10-15T14:30:00+09:00", caller="佐藤 健",
                hearing={"budget": "年間300万円", "competitor": "A社の採用管理"}, plan_next=False)
    host, view = _session(qtbot, db, bus, settings, [1])
    panel = view.panel
    # Before any outcome the hearing is open, and each field shows what earlier calls heard.
    assert panel.outcome() is None and panel.hearing_box.isVisible()
    assert panel.hearing["budget"].placeholderText() == "Earlier: 年間300万円 (2026/10/15)"

    key(qtbot, view, Qt.Key.Key_Tab)  # to the note
    ime(panel.note, "人事部長と話せた")
    key(qtbot, view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.hearing["issue"]
    ime(panel.hearing["issue"], "エンジニア採用が進まない")
    key(qtbot, view, Qt.Key.Key_Tab)
    key(qtbot, view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.hearing["budget"]
    ime(panel.hearing["budget"], "年間500万円")
    key(qtbot, view, Qt.Key.Key_Escape)  # back to the keys
    assert QApplication.focusWidget() is view.call_page

    seen = {}

    def meeting_form():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "meetingDialog"
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        seen.update({field: edit.toPlainText() for field, edit in dialog.notes.items()})
        dialog.tabs.setCurrentIndex(1)
        shot(dialog, "meeting_form_prefilled.png")
        dialog.tabs.setCurrentIndex(0)
        ime(dialog.lines["place"], "先方本社 3F")
        qtbot.keyClick(dialog.lines["place"], Qt.Key.Key_Return)

    QTimer.singleShot(0, meeting_form)
    key(qtbot, view, Qt.Key.Key_6)  # アポ獲得: the meeting form opens at once
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)

    # The form showed this call's hearing first, then what earlier calls heard, each dated.
    assert seen["notes_needs"] == "エンジニア採用が進まない（2026/11/20 高橋 由美）"
    assert seen["notes_budget"] == "年間500万円（2026/11/20 高橋 由美）\n年間300万円（2026/10/15 佐藤 健）"
    assert seen["notes_competitors"] == "A社の採用管理（2026/10/15 佐藤 健）"
    assert seen["notes_timing"] == "" and seen["notes_expectations"] == ""

    key(qtbot, view, Qt.Key.Key_Return)  # save and next
    touch = next(db.query("SELECT * FROM touches WHERE outcome = 'appointment'"))
    assert (touch["hearing_issue"], touch["hearing_budget"], touch["note"]) == (
        "エンジニア採用が進まない", "年間500万円", "人事部長と話せた")
    meeting = next(db.query("SELECT * FROM meetings WHERE company_id = 1"))
    assert meeting["touch_id"] == touch["id"] and meeting["place"] == "先方本社 3F"
    assert meeting["notes_budget"] == seen["notes_budget"]
    assert meeting["notes_competitors"] == "A社の採用管理（2026/10/15 佐藤 健）"


def test_hearing_is_kept_whatever_the_outcome(qtbot, db, bus, settings, answer):
    _host, view = _session(qtbot, db, bus, settings, [2])
    ime(view.panel.hearing["timing"], "来年4月に見直し")
    key(qtbot, view, Qt.Key.Key_Escape)
    key(qtbot, view, Qt.Key.Key_2)  # 受付ブロック: still heard from reception
    assert view.panel.hearing_box.isVisible()
    key(qtbot, view, Qt.Key.Key_Return)
    [timing] = db.execute("SELECT hearing_timing FROM touches WHERE company_id = 2").fetchone()
    assert timing == "来年4月に見直し"


def test_a_nurture_plan_without_its_reason_is_refused_and_its_quick_pick_is_its_template(
        qtbot, db, bus, settings, answer):
    _host, view = _session(qtbot, db, bus, settings, [1])
    panel = view.panel
    key(qtbot, view, Qt.Key.Key_3)  # 担当者接続: the rule proposes a follow-up in 5 business days
    key(qtbot, view, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)  # 3ヶ月後: parks the account
    assert panel.due().isoformat() == "2027-02-22"
    assert panel.next_info.text() == "Nurture: choose when to call again and write why then."
    assert QApplication.focusWidget() is panel.hypothesis  # the reason is what is missing
    key(qtbot, view, Qt.Key.Key_Return)
    assert panel.error.isVisible() and "ナーチャリングの予定です" in panel.error.text()
    assert "仮説" in panel.error.text()
    assert QApplication.focusWidget() is panel.hypothesis
    assert db.execute("SELECT COUNT(*) FROM touches").fetchone()[0] == 0
    ime(panel.hypothesis, "2月に来期の採用計画を立てるため")
    key(qtbot, view, Qt.Key.Key_Return)
    plan = next(db.query("SELECT * FROM plans WHERE company_id = 1 AND status = 'open'"))
    assert (plan["due"], plan["hypothesis"], plan["hypothesis_template"]) == (
        "2027-02-22", "2月に来期の採用計画を立てるため", "3ヶ月後")


def test_a_fulfilled_plans_hypothesis_is_judged_by_key_and_the_agenda_counts_it(qtbot, db, bus, settings,
                                                                               answer):
    from ui.pages.agenda import AgendaPage

    hypothesis = "2月に来期の採用計画を立てるため"
    with writing(db):
        plan_id = db.table("plans").insert(stamp({
            "company_id": 1, "due": "2026-11-20", "kind": "call", "status": "open", "hypothesis": hypothesis,
            "hypothesis_template": "3ヶ月後", "source": "manual"})).last_pk
    host, view = _session(qtbot, db, bus, settings, [1])
    panel = view.panel
    row = panel.hypothesis_check
    assert not row.isVisible()  # nothing asked before the call
    key(qtbot, view, Qt.Key.Key_3)  # 担当者接続
    assert row.isVisible() and hypothesis in row.question.text()
    assert panel.hypothesis.text() == hypothesis  # the open plan's hypothesis is offered for the next
    key(qtbot, view, Qt.Key.Key_H)
    assert row.buttons["held"].isChecked() and row.result() == "held"
    shot(panel, "hypothesis_result_row.png")
    key(qtbot, view, Qt.Key.Key_M)  # changed the mind: missed
    assert row.result() == "missed" and not row.buttons["held"].isChecked()
    key(qtbot, view, Qt.Key.Key_H)
    key(qtbot, view, Qt.Key.Key_Return)

    plan = next(db.query("SELECT * FROM plans WHERE id = ?", [plan_id]))
    assert (plan["status"], plan["hypothesis_result"]) == ("done", "held")
    assert not row.isVisible()  # the session is on, with nothing to ask

    agenda = AgendaPage(db, bus, settings, host.undo_stack)
    qtbot.addWidget(agenda)
    agenda.show()
    agenda.tabs.setCurrentWidget(agenda.hypotheses)
    agenda.hypotheses.refresh()
    model = agenda.hypotheses.summary_model
    [line] = [r for r in range(model.rowCount()) if model.index(r, 0).data() == "3ヶ月後"]
    shown = {model.headerData(c, Qt.Orientation.Horizontal): model.index(line, c).data()
             for c in range(model.columnCount())}
    assert (shown["Held"], shown["Missed"], shown["Hit rate"]) == ("1", "0", "100%")


def test_no_question_for_a_rules_stock_sentence(qtbot, db, bus, settings, answer):
    log_outcome(db, 1, "not_available", at="2026-11-18T10:00:00+09:00")  # 不在 → a plan due on the 20th
    _host, view = _session(qtbot, db, bus, settings, [1])
    key(qtbot, view, Qt.Key.Key_1)
    assert not view.panel.hypothesis_check.isVisible()
    key(qtbot, view, Qt.Key.Key_H)  # nothing asked: H does nothing
    key(qtbot, view, Qt.Key.Key_Return)
    assert db.execute("SELECT COUNT(*) FROM plans WHERE hypothesis_result IS NOT NULL").fetchone()[0] == 0
