"""The KPI page: a field outcome entered in the dialog shows in the account's status, its timeline
rows (touch and plan) and the figures; figures open their rows; decisions; CSV and PDF."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton
from typing_helpers import ime

from models.accounts.companies import get_company
from models.kpi import review
from models.kpi.figures import Period
from models.meetings.meetings import create_meeting
from models.planning.plans import open_plans
from models.planning.timeline import load_timeline
from models.planning.touches import list_touches, log_outcome
from ui.dialogs.feedback import FeedbackDialog
from ui.pages.kpis import KpiPage

TODAY = date(2025, 1, 16)  # a Thursday


def _row(page, key):
    return page.kpi_model.keys.index(key)


def _cell(page, key, column=1):
    return page.kpi_model.index(_row(page, key), column).data()


def _page(qtbot, db, bus, settings, undo_stack=None):
    from PySide6.QtGui import QUndoStack

    page = KpiPage(db, bus, settings, undo_stack or QUndoStack())
    page.today = lambda: TODAY
    page._sync_dates()
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # keyboard shortcuts need the active window
    return page


def test_a_field_outcome_changes_status_timeline_and_kpis(qtbot, db, bus, settings, answer, check_names):
    company_id = db.execute("SELECT id FROM companies WHERE name = '株式会社未来建設'").fetchone()[0]
    log_outcome(db, company_id, "connected", at="2025-01-13T10:00:00+09:00")
    meeting = create_meeting(db, company_id, {"starts_at": "2025-01-14 15:00"})
    page = _page(qtbot, db, bus, settings)
    assert check_names(page) == []
    assert page.period() == Period(date(2025, 1, 13), date(2025, 1, 19))
    assert (_cell(page, "calls"), _cell(page, "meetings_held"), _cell(page, "won")) == ("1", "0", "0")
    assert "÷" in page.kpi_model.index(_row(page, "win_rate"), 1).data(Qt.ItemDataRole.ToolTipRole)

    dialog = FeedbackDialog(db, bus, meeting.id, page)
    qtbot.addWidget(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("won"))
    ime(dialog.note, "導入決定")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    assert get_company(db, company_id).status == "customer"
    assert [t.kind for t in list_touches(db, company_id)][:1] == ["meeting"]  # on the timeline
    assert (_cell(page, "meetings_held"), _cell(page, "won")) == ("1", "1")  # the page refreshed itself
    assert _cell(page, "win_rate").startswith("100.0%")

    meeting2 = create_meeting(db, company_id, {"starts_at": "2025-01-15 15:00"})
    dialog = FeedbackDialog(db, bus, meeting2.id, page)
    qtbot.addWidget(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("ongoing"))
    dialog.plan_due.setDate(QDate(2025, 1, 22))
    ime(dialog.next_step, "見積り提出")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert "見積り提出" in [p.hypothesis for p in open_plans(db, company_id)]
    # The account's timeline shows both: the meetings' feedback touches and the follow-up plan.
    timeline = load_timeline(db, company_id, date(2025, 1, 1), date(2025, 2, 1),
                             now=datetime(2025, 1, 16, 12, tzinfo=timezone(timedelta(hours=9))))
    touches = [(item.kind, (item.note or "").split("\n")[0]) for item in timeline.items if not item.is_plan]
    assert ("meeting", "商談結果: 受注") in touches and ("meeting", "商談結果: 継続") in touches
    assert "見積り提出" in [item.hypothesis for item in timeline.items if item.is_plan]
    assert _cell(page, "win_rate").startswith("50.0%")
    assert _cell(page, "pipeline") == "1"  # one account with open plans


def test_a_figure_opens_its_rows_and_the_account(qtbot, db, bus, settings):
    company_id = db.execute("SELECT id FROM companies WHERE name = '東洋精機株式会社'").fetchone()[0]
    log_outcome(db, company_id, "connected", at="2025-01-14T10:00:00+09:00", reached_decision_maker=True)
    page = _page(qtbot, db, bus, settings)
    page.kpi_table.setFocus()
    page.kpi_table.setCurrentIndex(page.kpi_model.index(_row(page, "key_person"), 0))
    qtbot.keyClick(page.kpi_table, Qt.Key.Key_Return)
    assert page.drill_model.rowCount() == 1
    assert page.drill_model.index(0, 1).data() == "東洋精機株式会社"
    assert "1" in page.drill_label.text()
    with qtbot.waitSignal(page.account_requested) as opened:
        rect = page.drill_table.visualRect(page.drill_model.index(0, 1))
        qtbot.mouseClick(page.drill_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.drill_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [company_id]
    page.kpi_table.setFocus()  # back from the list below, as a person clicks the figures again
    page.kpi_table.setCurrentIndex(page.kpi_model.index(_row(page, "untouched"), 0))
    qtbot.keyClick(page.kpi_table, Qt.Key.Key_Return)
    # 重点リスト holds 青葉 (untouched), 東洋 (touched now) and さくら (never touched).
    assert sorted(page.drill_model.index(r, 1).data() for r in range(page.drill_model.rowCount())) == [
        "有限会社さくら商事", "株式会社青葉システム"]


def test_scope_custom_period_and_bad_period(qtbot, db, bus, settings, answer):
    page = _page(qtbot, db, bus, settings)
    page.period_combo.setCurrentIndex(page.period_combo.findData("custom"))
    assert page.from_edit.isEnabled()
    page.to_edit.setDate(QDate(2025, 1, 1))
    page.from_edit.setDate(QDate(2025, 1, 10))  # after the end: refused in a sentence
    assert any("開始日" in text for _, _, text in answer.calls)
    assert settings.kpi_period() == "custom"
    page.to_edit.setDate(QDate(2025, 1, 31))
    assert page.period() == Period(date(2025, 1, 10), date(2025, 1, 31))
    page.scope_combo.setCurrentIndex(page.scope_combo.findText("List: 重点リスト"))
    page.refresh()
    assert page.report.scope.name == "重点リスト"


def test_decisions_add_done_delete_and_undo(qtbot, db, bus, settings, answer):
    from PySide6.QtGui import QUndoStack

    stack = QUndoStack()
    page = _page(qtbot, db, bus, settings, stack)
    ime(page.decision_edit, "受付突破トークを見直す")
    ime(page.owner_edit, "佐藤")
    qtbot.keyClicks(page.due_edit, "2025-01-24")
    qtbot.mouseClick(page.add_decision_button, Qt.MouseButton.LeftButton)
    assert page.decisions_model.rowCount() == 1
    assert [d.owner for d in review.decisions_for(db, page.period())] == ["佐藤"]
    ime(page.decision_edit, "期限が変")
    ime(page.due_edit, "来週")
    qtbot.mouseClick(page.add_decision_button, Qt.MouseButton.LeftButton)
    assert "期限" in answer.calls[-1][2] and page.decisions_model.rowCount() == 1
    page.decisions_table.selectRow(0)
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert page.decisions_model.index(0, 3).data() == "✓"
    page.decisions_table.setFocus()
    qtbot.keyClick(page.decisions_table, Qt.Key.Key_Delete)
    assert page.decisions_model.rowCount() == 0
    stack.undo()
    assert page.decisions_model.rowCount() == 1


def test_goals_set_in_the_dialog_show_with_the_pace_and_carried_decisions_stand_out(
        qtbot, db, bus, settings, answer, check_names):
    from models.kpi.goals import get_goal
    from ui.dialogs.kpi_goals import GoalsDialog

    company_id = db.execute("SELECT min(id) FROM companies").fetchone()[0]
    log_outcome(db, company_id, "appointment", at="2025-01-14T10:00:00+09:00",
                meeting={"starts_at": "2025-01-21 10:00"})
    review.add_decision(db, Period(date(2025, 1, 6), date(2025, 1, 12)), "受付突破トークを見直す", "佐藤",
                        "2025-01-10")
    page = _page(qtbot, db, bus, settings)
    assert "No goals for 2025/1 yet" in page.goals_bar.text.text()
    dialog = GoalsDialog(db, bus, TODAY, page.scope(), page)
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []
    ime(dialog.edits["appointments"], "12")
    ime(dialog.edits["calls"], "200")
    dialog.accept()
    assert get_goal(db, date(2025, 1, 1)).targets == {
        "calls": 200, "appointments": 12, "meetings_held": None, "won": None}
    # From Thursday 16 January: 16, 17, 20–24 and 27–31 are the business days left; (12 − 1) ÷ 12.
    text = page.goals_bar.text.text()
    assert "12 business days left" in text and "1 / 12" in text and "0.9 a day" in text, text
    # Last week's decision, still open and past its due day, is carried into this week in red.
    assert page.decisions_model.index(0, 0).data() == "受付突破トークを見直す"
    assert page.decisions_model.index(0, 4).data() == "01/06〜01/12"
    assert page.decisions_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_csv_and_review_pdf(qtbot, db, bus, settings, answer, tmp_path, monkeypatch):
    log_outcome(db, db.execute("SELECT min(id) FROM companies").fetchone()[0], "not_available",
                at="2025-01-14T10:00:00+09:00")
    page = _page(qtbot, db, bus, settings)
    target = tmp_path / "kpi.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "指標" and rows[1][:2] == ["架電数", "1"]
    pdf = tmp_path / "review.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), "")))
    qtbot.mouseClick(page.findChild(QPushButton, "reviewPdfButton"), Qt.MouseButton.LeftButton)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_list_quality_saves_as_pdf_or_csv_for_the_chosen_list(qtbot, db, bus, settings, tmp_path,
                                                               monkeypatch):
    page = _page(qtbot, db, bus, settings)
    page.scope_combo.setCurrentIndex(page.scope_combo.findText("List: 重点リスト"))
    for name in ("quality.pdf", "quality.csv"):
        target = tmp_path / name
        chosen = staticmethod(lambda *a, t=target, **k: (str(t), ""))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", chosen)
        qtbot.mouseClick(page.findChild(QPushButton, "listQualityButton"), Qt.MouseButton.LeftButton)
    assert (tmp_path / "quality.pdf").read_bytes().startswith(b"%PDF")
    rows = list(csv.reader((tmp_path / "quality.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:5] == ["リスト", "取込行数", "除外行", "重複", "掲載社数"]
    assert rows[1][0] == "重点リスト" and rows[1][4] == "3" and rows[2] == []  # one list, then the key


def test_models_pass_the_model_tester(qtbot, qtmodeltester, db, bus, settings):
    page = _page(qtbot, db, bus, settings)
    qtmodeltester.check(page.kpi_model)
    page.show_rows("calls")
    qtmodeltester.check(page.drill_model)
    qtmodeltester.check(page.reasons_model)
