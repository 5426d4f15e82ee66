"""The Agenda page: plans grouped by day, filters, opening accounts and starting sessions, the lead-time
panel, the hypothesis results, the .ics export and applying a cadence — driven as a person would."""

from __future__ import annotations

from datetime import date

import icalendar
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QGroupBox

from models.accounts import companies, lists
from models.planning import cadences
from models.store.changes import PLANS, Changes
from models.store.db import stamp, writing
from ui.dialogs.apply_cadence import ApplyCadenceDialog
from ui.dialogs.plan_dialog import PlanDialog
from ui.pages.agenda import AgendaPage
from ui.qt_models.plan_agenda_model import CompanyIdRole

TODAY = date(2026, 11, 18)  # a Wednesday


def _ids(db):
    return [row[0] for row in db.execute("SELECT id FROM companies ORDER BY id").fetchall()]


def _plan(db, company_id, due, **values):
    with writing(db):
        return db.table("plans").insert(stamp({"company_id": company_id, "due": due, **values})).last_pk


@pytest.fixture
def agenda_db(db):
    """Five companies (the first three on 重点リスト), one open plan each in a different group."""
    one, two, three, four, five = _ids(db)
    _plan(db, one, "2026-11-16", hypothesis="不在のため再架電")
    _plan(db, two, "2026-11-18T14:00:00+09:00", hypothesis="折返し依頼")
    _plan(db, three, "2026-11-20", kind="email", hypothesis="資料送付")
    _plan(db, four, "2026-11-25")
    _plan(db, five, "2027-01-10", hypothesis="決算3ヶ月前", hypothesis_template="人事計画策定期",
          source="cadence")
    return db


@pytest.fixture
def page(qtbot, agenda_db, bus, settings):
    page = AgendaPage(agenda_db, bus, settings, QUndoStack())
    page.today = TODAY
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _names(page, group):
    return [row.company_name for row in page.group_rows(group)]


def _plan_index(page, group_row, row=0):
    return page.model.index(row, 0, page.model.index(group_row, 0))


def test_plans_are_grouped_by_day(page, check_names, qtmodeltester):
    assert check_names(page) == []
    assert _names(page, "overdue") == ["株式会社青葉システム"]
    assert _names(page, "today") == ["東洋精機株式会社"]
    assert _names(page, "this_week") == ["有限会社さくら商事"]
    assert _names(page, "next_week") == ["北斗物流株式会社"]
    assert _names(page, "later") == ["株式会社未来建設"]
    model = page.model
    assert [model.index(row, 0).data() for row in range(5)] == [
        "Overdue (1)", "Today (1)", "This week (1)", "Next week (1)", "Later (1)"]
    today = _plan_index(page, 1)
    assert today.data() == "2026/11/18 (Wed) 14:00"
    assert today.siblingAtColumn(3).data() == "折返し依頼"
    assert _plan_index(page, 4).siblingAtColumn(3).data() == "【人事計画策定期】決算3ヶ月前"
    assert page.count_label.text() == "5 open plans"
    qtmodeltester.check(model)


def test_filter_by_list_and_kind(page, qtbot):
    page.list_combo.setFocus()
    qtbot.keyClick(page.list_combo, Qt.Key.Key_Down)  # → 重点リスト
    assert page.list_combo.currentText() == "重点リスト"
    assert sum(len(page.group_rows(g)) for g in ("overdue", "today", "this_week", "next_week", "later")) == 3
    assert _names(page, "next_week") == []
    page.kind_combo.setFocus()
    qtbot.keyClick(page.kind_combo, Qt.Key.Key_Down)
    qtbot.keyClick(page.kind_combo, Qt.Key.Key_Down)  # Call, then Email
    assert page.kind_combo.currentData() == "email"
    assert _names(page, "this_week") == ["有限会社さくら商事"]
    assert _names(page, "overdue") == [] and page.count_label.text() == "1 open plans"


def test_open_the_account_with_enter_or_a_double_click(page, qtbot, agenda_db):
    first = _ids(agenda_db)[0]
    index = _plan_index(page, 0)
    page.tree.setFocus()
    page.tree.setCurrentIndex(index)
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.account_requested) as blocker:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert blocker.args == [first]
    later = _plan_index(page, 4)
    rect = page.tree.visualRect(later)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.account_requested) as blocker:
        qtbot.mouseDClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [_ids(agenda_db)[4]]
    # A group row opens nothing.
    page.tree.setCurrentIndex(page.model.index(0, 0))
    assert not page.open_button.isEnabled()


def test_call_these_on_a_selection_a_group_or_everything(page, qtbot, agenda_db):
    ids = _ids(agenda_db)
    with qtbot.waitSignal(page.session_requested) as blocker:
        qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [ids]  # nothing selected: everything shown, in agenda order
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    page.tree.selectionModel().select(_plan_index(page, 3), flags)
    page.tree.selectionModel().select(_plan_index(page, 1), flags)
    assert page.selected_company_ids() == [ids[1], ids[3]]
    page.select_group("overdue")
    page.tree.setFocus()
    with qtbot.waitSignal(page.session_requested) as blocker:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [[ids[0]]]


def test_edit_a_plan_with_f2(page, qtbot, agenda_db, monkeypatch):
    def fill_and_save(dialog):
        dialog.hypothesis.setPlainText("資料の感想を伺う")
        dialog.kind.setCurrentIndex(dialog.kind.findData("email"))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(PlanDialog, "exec", fill_and_save)
    page.tree.setFocus()
    page.tree.setCurrentIndex(_plan_index(page, 2))
    qtbot.keyClick(page.tree, Qt.Key.Key_F2)
    row = next(agenda_db.query("SELECT * FROM plans WHERE company_id = ?", [_ids(agenda_db)[2]]))
    assert (row["hypothesis"], row["kind"]) == ("資料の感想を伺う", "email")
    # The page heard the bus and shows the change.
    assert _plan_index(page, 2).siblingAtColumn(3).data() == "資料の感想を伺う"


def test_a_change_while_hidden_reloads_on_show(page, qtbot, agenda_db, bus):
    page.hide()
    _plan(agenda_db, _ids(agenda_db)[0], "2026-11-18")
    bus.notify(Changes.of(PLANS))
    assert len(page.group_rows("today")) == 1
    page.show()
    qtbot.waitExposed(page)
    assert len(page.group_rows("today")) == 2


def test_lead_time_figures_and_the_accounts_behind_them(page, qtbot, agenda_db):
    ids = _ids(agenda_db)
    _plan(agenda_db, ids[0], "2026-11-10", status="done", done_at="2026-11-10T10:00:00+09:00")
    _plan(agenda_db, ids[1], "2026-11-11", status="done", done_at="2026-11-14T10:00:00+09:00")
    companies.update_company(agenda_db, ids[3], {"status": "nurturing"})
    agenda_db.execute("UPDATE companies SET last_touch_at = '2026-08-01T10:00:00+09:00' WHERE id = ?",
                      [ids[3]])
    agenda_db.execute("DELETE FROM plans WHERE company_id = ?", [ids[3]])
    page.reload()
    panel = page.leadtime
    # Counted in the last 30 days: the two done ones and the open one due 11/16 (overdue by 2 days).
    assert panel.buttons["on_time"].text() == "33% (1 of 3)"
    # Delays in business days: 11/11 (Wed) done on Saturday 11/14 is 2 late (Thursday, Friday), not 3.
    assert panel.buttons["median"].text() == "1 business days"
    assert panel.buttons["p90"].text() == "2 business days"
    assert panel.buttons["late"].text() == "2"
    assert panel.buttons["silent"].text() == "1"
    qtbot.mouseClick(panel.buttons["late"], Qt.MouseButton.LeftButton)
    assert panel.detail_title.text() == "Late plans (done late or still open)"
    assert [(r.company_name, r.delay_days) for r in panel.visible_rows()] == [
        ("東洋精機株式会社", 2), ("株式会社青葉システム", 2)]
    qtbot.mouseClick(panel.buttons["silent"], Qt.MouseButton.LeftButton)
    assert [r.company_name for r in panel.visible_rows()] == ["北斗物流株式会社"]
    centre = panel.silent_table.visualRect(panel.silent_table.model().index(0, 0)).center()
    qtbot.mouseClick(panel.silent_table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(page.account_requested) as blocker:
        qtbot.mouseDClick(panel.silent_table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [ids[3]]
    # N is a setting: 200 days without a touch, and nobody is silent.
    panel.silent_days.setValue(200)
    assert panel.buttons["silent"].text() == "0"
    assert page.settings.agenda_silent_days() == 200


def test_which_hypotheses_work_and_marking_results(page, qtbot, agenda_db, answer):
    ids = _ids(agenda_db)
    with writing(agenda_db):
        touch = agenda_db.table("touches").insert(stamp({
            "company_id": ids[0], "at": "2026-10-01T10:00:00+09:00", "outcome": "appointment"})).last_pk
    done = _plan(agenda_db, ids[0], "2026-10-01", status="done", hypothesis="人事計画の前",
                 hypothesis_template="人事計画策定期", done_touch_id=touch)
    view = page.hypotheses
    page.tabs.setCurrentWidget(view)
    first = view.summary_model.rows()[0]
    assert (first.template, first.plans, first.done, first.appointments) == ("人事計画策定期", 2, 1, 1)
    assert view.current_template() == "人事計画策定期"
    table = view.plans_table
    assert view.plan_model.rows()[0].plan_id == done  # done plans first
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_H)
    result = agenda_db.execute("SELECT hypothesis_result FROM plans WHERE id = ?", [done]).fetchone()[0]
    assert result == "held"
    assert view.summary_model.rows()[0].hit_rate == 1.0
    assert view.summary_model.index(0, 7).data() == "100%"
    # The open plan cannot be judged yet: the person is told why.
    table.setCurrentIndex(table.model().index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_M)
    assert answer.calls and "架電した後" in answer.calls[-1][2]


def test_export_to_ics(page, qtbot, agenda_db, monkeypatch, tmp_path, answer):
    target = tmp_path / "plans"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "plans.ics"
    events = icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    assert len(events) == 5
    assert {str(e["SUMMARY"]) for e in events} >= {"架電: 株式会社青葉システム", "メール: 有限会社さくら商事"}
    assert answer.calls[-1][0] == "information" and "5 plans and 0 meetings" in answer.calls[-1][2]
    assert page.settings.last_export_dir() == str(tmp_path)
    # With a list chosen, only its accounts.
    page.list_combo.setCurrentIndex(1)
    page.list_combo.activated.emit(1)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert len(icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")) == 3
    # A folder that cannot be written: the plain sentence, nothing else.
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "none" / "x.ics"), "")))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert answer.calls[-1][0] == "warning" and "保存できませんでした" in answer.calls[-1][2]


def test_apply_cadence_needs_a_list_or_a_selection(page, qtbot, answer):
    qtbot.mouseClick(page.cadence_button, Qt.MouseButton.LeftButton)
    assert answer.calls[-1][0] == "information" and "Choose a list" in answer.calls[-1][2]


def test_apply_a_cadence_to_the_chosen_list(page, qtbot, agenda_db, monkeypatch, answer):
    ids = _ids(agenda_db)
    companies.update_company(agenda_db, ids[0], {"fiscal_year_end_month": 3})
    seen = {}

    def choose_and_apply(dialog):
        seen["dialog"] = dialog
        dialog.cadence.setCurrentIndex(dialog.cadence.findText("決算期アプローチ"))
        seen["summary"] = dialog.summary.text()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ApplyCadenceDialog, "exec", choose_and_apply)
    page.list_combo.setCurrentIndex(page.list_combo.findText("重点リスト"))
    page.list_combo.activated.emit(page.list_combo.currentIndex())
    qtbot.mouseClick(page.cadence_button, Qt.MouseButton.LeftButton)
    assert seen["summary"].splitlines() == [
        "1 of 3 accounts will get 4 plans.",
        "2 accounts have no fiscal year end month and will be skipped."]
    assert seen["dialog"].result() == QDialog.DialogCode.Accepted
    assert "4 plans created" in answer.calls[-1][2]
    rows = agenda_db.query("SELECT due FROM plans WHERE source = 'cadence' AND company_id = ? ORDER BY due",
                           [ids[0]])
    # November 2026's step has passed (18th), so the year end is March 2028.
    assert [r["due"] for r in rows] == ["2027-11-01", "2027-12-01", "2028-01-04", "2028-04-03"]
    assert len(page.group_rows("later")) == 4  # the page reloaded from the bus (the list's accounts only)


def test_apply_cadence_dialog(qtbot, agenda_db, bus, check_names, answer):
    ids = _ids(agenda_db)
    companies.update_company(agenda_db, ids[1], {"fiscal_year_end_month": 9})
    companies.update_company(agenda_db, ids[2], {"status": "do_not_call"})
    dialog = ApplyCadenceDialog(agenda_db, bus, ids[:3], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert check_names(dialog) == []
    assert [dialog.cadence.itemText(i) for i in range(dialog.cadence.count())] == [
        "新規開拓", "四半期ナーチャリング", "決算期アプローチ"]
    # 新規開拓 from Wednesday 18 November: day 0, +2, +5, +8 business days (23rd is a holiday), +1 month.
    days = [dialog.steps_model.index(row, 2).data() for row in range(dialog.steps_model.rowCount())]
    assert days == ["2026/11/18", "2026/11/20", "2026/11/26", "2026/12/01", "2026/12/18"]
    assert dialog.steps_model.index(2, 1).data() == "+5 business days"
    assert dialog.stop_reply.isChecked() and dialog.stop_appointment.isChecked()
    assert dialog.summary.text().splitlines() == [
        "2 of 3 accounts will get 10 plans.",
        "1 accounts are do not call or disqualified and will be skipped."]
    dialog.cadence.setCurrentIndex(2)
    assert dialog.example.text() == "Days shown for 東洋精機株式会社."
    assert dialog.steps_model.index(0, 1).data() == "4 months before the fiscal year end"
    # The stop rules can be changed here; Apply saves them with the cadence.
    dialog.cadence.setCurrentIndex(1)
    qtbot.mouseClick(dialog.stop_reply, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    nurture = next(c for c in cadences.list_cadences(agenda_db) if c.name == "四半期ナーチャリング")
    assert nurture.stop_on_reply == 1
    assert dialog.expansion.plans_created == 8
    assert lists.get_lists(agenda_db)  # untouched
    again = ApplyCadenceDialog(agenda_db, bus, ids[:2], today=TODAY)
    qtbot.addWidget(again)
    again.cadence.setCurrentIndex(1)
    assert "already run this cadence" in again.summary.text()
    assert not again.apply_button.isEnabled()


def test_japanese(qtbot, agenda_db, bus, settings, japanese):
    page = AgendaPage(agenda_db, bus, settings, QUndoStack())
    page.today = TODAY
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.model.index(0, 0).data() == "期限超過 (1)"
    assert page.export_button.text() == "カレンダーに書き出し（.ics）…"
    assert page.tabs.tabText(1) == "仮説の当たり外れ"
    assert page.leadtime.findChild(QGroupBox, "leadTimeBox").title() == "リードタイム"
    assert _plan_index(page, 0).data(CompanyIdRole) == _ids(agenda_db)[0]


def test_a_big_export_shows_progress(page, qtbot, monkeypatch, tmp_path, answer):
    import ui.pages.agenda as agenda_module
    from ui.dialogs.progress import ProgressCallback

    shown = []
    original = ProgressCallback.__init__

    def spy(self, *args, **kwargs):
        shown.append(args[1])
        original(self, *args, **kwargs)

    monkeypatch.setattr(ProgressCallback, "__init__", spy)
    monkeypatch.setattr(agenda_module._LazyProgress, "FROM", 2)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "big.ics"), "")))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert shown == ["Export to calendar"]
    assert (tmp_path / "big.ics").exists()


def test_the_constructor_reads_nothing(qtbot, agenda_db, bus, settings):
    statements = []
    agenda_db.conn.set_trace_callback(statements.append)
    try:
        page = AgendaPage(agenda_db, bus, settings, QUndoStack())
        qtbot.addWidget(page)
    finally:
        agenda_db.conn.set_trace_callback(None)
    assert statements == []  # the plans load on the first show, not at start-up
