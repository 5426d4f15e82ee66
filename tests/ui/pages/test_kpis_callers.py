"""The KPI page of a team: a scope per caller chosen by keyboard, every caller side by side (known
answers), the rows behind a cell, and the team's review sheet."""

from __future__ import annotations

import io

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.models.kpi import test_kpi_callers as caller_tests
from tests.models.kpi.test_kpi_callers import KATO, SATO, TANAKA, TODAY
from tests.ui.pages.test_kpis_page import _cell, _page

team = caller_tests.team


@pytest.fixture
def fresh_db(empty_db):
    """The team's week (tests/models/kpi/test_kpi_callers.py) in the page's database file."""
    return empty_db


def _team_page(qtbot, team, bus, settings):
    db, _ = team
    page = _page(qtbot, db, bus, settings)
    page.today = lambda: TODAY
    page._sync_dates()
    page.refresh()
    return page


def _callers_row(page, name):
    model = page.caller_model
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)


def test_a_callers_scope_chosen_by_keyboard(qtbot, team, bus, settings, check_names):
    page = _team_page(qtbot, team, bus, settings)
    assert check_names(page) == []
    combo = page.scope_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[:4] == ["Whole team", f"Caller: {SATO}", f"Caller: {KATO}", f"Caller: {TANAKA}"]
    assert _cell(page, "calls") == "8"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 佐藤 花子
    qtbot.waitUntil(lambda: page.report is not None and page.report.scope.kind == "caller")
    assert page.report.scope.name == SATO
    assert (_cell(page, "calls"), _cell(page, "appointments"), _cell(page, "won")) == ("3", "2", "1")
    tip = page.kpi_model.index(page.kpi_model.keys.index("untouched"), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "assigned to them" in tip
    assert page.goal_report.items == ()
    assert page.goals_bar.text.text().startswith("No goals for ")
    assert page.goals_bar.button.isEnabled()  # a caller's own goals are set from their scope


def test_every_caller_side_by_side_and_the_rows_behind_a_cell(qtbot, team, bus, settings):
    page = _team_page(qtbot, team, bus, settings)
    assert page.tabs.isTabVisible(1)
    page.tabs.setCurrentIndex(1)
    model = page.caller_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Caller", "Calls", "Connects", "Decision-maker reaches", "Appointments",
                       "Meetings held", "Won", "Order amount", "Appointment target", "Pace needed"]
    cells = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, model.columnCount())]
             for r in range(model.rowCount())}
    assert cells[TANAKA] == ["4", "2", "1", "1", "1", "1", "300万円", "", ""]
    assert cells[SATO] == ["3", "2", "1", "2", "2", "1", "120万円", "", ""]
    assert cells[KATO] == ["0", "0", "0", "0", "0", "0", "0円", "", ""]
    assert cells["(no caller recorded)"][0] == "1"
    assert cells["Team total"] == ["8", "5", "2", "3", "3", "2", "420万円", "", ""]
    # Double-click 佐藤's appointments: her two appointment calls.
    index = model.index(_callers_row(page, SATO), 4)
    page.caller_table.scrollTo(index)
    qtbot.wait(10)
    rect = page.caller_table.visualRect(index)
    qtbot.mouseClick(page.caller_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.caller_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.drill_model.rowCount() == 2
    assert [page.drill_model.index(r, 1).data() for r in range(2)] == ["会社E", "会社F"]
    assert page.drill_label.text() == f"Appointments of {SATO}: 2 rows"
    # By keyboard: the team's calls.
    page.caller_table.setCurrentIndex(model.index(_callers_row(page, "Team total"), 1))
    page.caller_table.setFocus()
    qtbot.keyClick(page.caller_table, Qt.Key.Key_Return)
    assert page.drill_model.rowCount() == 8


def test_the_team_sheet_from_the_page(qtbot, team, bus, settings, tmp_path, monkeypatch):
    page = _team_page(qtbot, team, bus, settings)
    pdf = tmp_path / "team.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), "")))
    assert page.team_pdf_button.isVisible()
    page.team_pdf_pages_action.trigger()
    assert page.last_pdf == str(pdf)
    pages = [p.extract_text().replace(" ", "") for p in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages]
    assert len(pages) >= 5
    assert "チーム週次レビューシート" in pages[0] and "田中一郎\n4\n2\n1\n1\n1\n1\n300万円" in pages[0]


def test_a_file_of_one_caller_has_no_callers_tab(qtbot, db, bus, settings):
    page = _page(qtbot, db, bus, settings)
    assert page.scope_combo.itemText(0) == "All accounts"
    assert not page.tabs.isTabVisible(1)
    assert not page.team_pdf_button.isVisible()


def test_in_japanese(qtbot, japanese, team, bus, settings):
    page = _team_page(qtbot, team, bus, settings)
    assert page.scope_combo.itemText(0) == "チーム全体"
    assert page.scope_combo.itemText(1) == f"担当者: {SATO}"
    assert page.tabs.tabText(1) == "担当者別"
    page.tabs.setCurrentIndex(1)
    model = page.caller_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "担当者", "架電", "接続", "キーパーソン接触", "アポ", "商談化", "受注", "受注額", "アポ目標",
        "必要なペース"]
    assert model.index(model.rowCount() - 1, 0).data() == "チーム合計"
    assert page.team_pdf_button.text() == "チームのレビューシート"


def test_the_csv_export_has_every_caller(qtbot, team, bus, settings, tmp_path, monkeypatch):
    import csv

    page = _team_page(qtbot, team, bus, settings)
    target = tmp_path / "kpi.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page.export_csv()
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    header = rows.index(["担当者", "架電数", "接続数", "キーパーソン接触数", "アポ数", "商談化数", "受注数",
                         "受注額", "アポ目標", "必要なペース（1日あたり）"])
    assert rows[header + 1][:8] == [SATO, "3", "2", "1", "2", "2", "1", "1200000"]
    assert rows[-1][:8] == ["チーム合計", "8", "5", "2", "3", "3", "2", "4200000"]
