"""The Targets page driven as a caller would: type, click headers, select rows, use menus and keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QPushButton

from models.accounts import companies, lists
from models.accounts.targets import TargetFilter, list_views
from ui.qt_models import targets_model
from ui.qt_models.targets_model import COL_EMPLOYEES, COL_NAME, COL_RANK


def ime_type(widget, text: str) -> None:
    """Type Japanese as an input method delivers it: one committed string (QTest only knows ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def names(page) -> list[str]:
    model = page.model
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def select_rows(qtbot, page, rows: list[int]) -> None:
    table = page.table
    first = table.visualRect(page.model.index(rows[0], COL_NAME)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    for row in rows[1:]:
        point = table.visualRect(page.model.index(row, COL_NAME)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                         point)


def test_typing_in_search_filters_rows_as_you_type(window, qtbot):
    page = window.targets_page
    assert page.count_label.text() == "5 companies"
    ime_type(page.search, "青葉")  # two characters: below the trigram index, still found
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert names(page) == ["株式会社青葉システム"]
    assert page.count_label.text() == "1 companies"
    page.search.clear()
    ime_type(page.search, "株式会社")
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)


def test_ctrl_f_focuses_the_search_box(window, qtbot):
    window.targets_page.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.targets_page.search


def test_clicking_a_header_sorts_through_sql(window, qtbot):
    page = window.targets_page
    header = page.table.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(COL_EMPLOYEES) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert page.model.sort_key() == "employees"
    first = [page.model.index(row, COL_EMPLOYEES).data() for row in range(5)]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    second = [page.model.index(row, COL_EMPLOYEES).data() for row in range(5)]
    assert first == ["15", "75", "120", "260", "480"]
    assert second == list(reversed(first))


def test_bulk_rank_change_and_undo(window, qtbot, db):
    page = window.targets_page
    select_rows(qtbot, page, [0, 1])
    assert page.selection_label.text() == "2 selected"
    chosen = [page.model.row_at(row).id for row in (0, 1)]
    before = {company_id: companies.get_company(db, company_id).rank for company_id in chosen}
    action = next(a for a in page.actions.rank_menu.actions() if a.objectName() == "bulkRank_D")
    action.trigger()
    assert {companies.get_company(db, i).rank for i in chosen} == {"D"}
    assert "Undo" in window.statusBar().currentMessage() or "Ctrl+Z" in window.statusBar().currentMessage()
    page.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {i: companies.get_company(db, i).rank for i in chosen} == before
    ranks = {page.model.index(row, COL_RANK).data() for row in range(5)}
    assert "D" in ranks  # 未来建設 was D before and is still


def test_bulk_status_change_and_filter_by_status(window, qtbot, db):
    page = window.targets_page
    select_rows(qtbot, page, [0])
    target = page.model.row_at(0).id
    menu = page.actions.status_menu
    next(a for a in menu.actions() if a.objectName() == "bulkStatus_do_not_call").trigger()
    assert companies.get_company(db, target).status == "do_not_call"
    status_list = page.filters.status_filter.list
    item = next(status_list.item(r) for r in range(status_list.count())
                if status_list.item(r).data(Qt.ItemDataRole.UserRole) == "do_not_call")
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_at(0).id == target
    assert page.filters.status_filter.text() == "Status: Do not call"


def test_list_filter_add_and_remove_from_list(window, qtbot, db):
    page = window.targets_page
    combo = page.filters.list_combo
    combo.setCurrentIndex(combo.findText("重点リスト (3)"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    select_rows(qtbot, page, [0])
    qtbot.mouseClick(page.remove_list_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert combo.currentText() == "重点リスト (2)"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)


def test_delete_key_asks_first_then_deletes(window, qtbot, db):
    page = window.targets_page
    select_rows(qtbot, page, [0])
    doomed = page.model.row_at(0)

    def confirm():
        box = QApplication.activeModalWidget()
        assert doomed.name in box.informativeText()
        box.findChild(QPushButton, "confirmDeleteButton").click()

    QTimer.singleShot(0, confirm)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.total() == 4)
    assert doomed.name not in names(page)
    assert window.counts_label.text().startswith("4 companies")


def test_delete_can_be_cancelled(window, qtbot):
    page = window.targets_page
    select_rows(qtbot, page, [0])
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    page.delete_button.click()
    assert page.model.total() == 5


def test_enter_on_a_row_moves_to_the_detail_panel(window, qtbot):
    page = window.targets_page
    select_rows(qtbot, page, [1])
    assert page.panel.heading.text() == page.model.row_at(1).name
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.panel.editors["name"]


def test_saved_views_restore_their_filters(window, qtbot, monkeypatch, db):
    page = window.targets_page
    page.filters.untouched.click()
    qtbot.waitUntil(lambda: page.model.total() == 2)  # 青葉システム and 北斗物流 are 未接触
    page.filters.rank_filter.set_selected(["A", "B"], notify=True)
    qtbot.waitUntil(lambda: page.model.total() == 1)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("A・B 未接触", True)))
    page.actions.save_view_action.trigger()
    assert [view.name for view in list_views(db)] == ["A・B 未接触"]
    page.filters.clear_button.click()
    page.filters.untouched.setChecked(False)
    qtbot.waitUntil(lambda: page.model.total() == 5)
    index = page.view_combo.findText("A・B 未接触")
    page.view_combo.setCurrentIndex(index)
    page.view_combo.activated.emit(index)
    qtbot.waitUntil(lambda: page.model.total() == 1)
    assert page.filters.untouched.isChecked()
    assert page.view_combo.currentText() == "A・B 未接触"
    page.actions.delete_view_action.trigger()
    assert list_views(db) == []


def test_lists_can_be_created_renamed_and_deleted(window, qtbot, monkeypatch, db):
    page = window.targets_page
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("秋の架電リスト", True)))
    select_rows(qtbot, page, [0, 2])
    page.actions.add_to_list(None)  # "Add to list → New list…"
    created = lists.find_list(db, "秋の架電リスト")
    assert created is not None and created.member_count == 2
    page.show_list(created.id)
    qtbot.waitUntil(lambda: page.model.total() == 2)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("冬の架電リスト", True)))
    page.actions.rename_list_action.trigger()
    assert lists.find_list(db, "冬の架電リスト") is not None
    assert page.filters.list_combo.currentText() == "冬の架電リスト (2)"
    page.actions.delete_list_action.trigger()  # answer fixture says Yes
    assert lists.find_list(db, "冬の架電リスト") is None
    qtbot.waitUntil(lambda: page.model.total() == 5)


def test_export_current_view_to_csv(window, qtbot, monkeypatch, tmp_path):
    page = window.targets_page
    ime_type(page.search, "株式会社")
    qtbot.waitUntil(lambda: page.model.total() == 4)
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), a[4] if len(a) > 4 else "")))
    window.export_action.trigger()
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert len(data.decode("utf-8-sig").strip().splitlines()) == 5  # header + 4 rows
    assert "Exported 4 companies" in window.statusBar().currentMessage()


def test_select_all_matching_reaches_rows_not_loaded_yet(qtbot, empty_db, db_path, settings, answer,
                                                         monkeypatch):
    from ui.main_window import MainWindow

    monkeypatch.setattr(targets_model, "PAGE_SIZE", 10)
    for number in range(25):
        companies.create_company(empty_db, {"name": f"商事{number:02d}",
                                            "name_kana": f"ショウジ{number:02d}"})
    win = MainWindow(empty_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.show()
    page = win.targets_page
    assert page.model.rowCount() == 10
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert page.select_all_button.isVisible()
    assert page.select_all_button.text() == "Select all 25 matching"
    page.select_all_button.click()
    assert page.selection_label.text() == "25 selected"
    next(a for a in page.actions.rank_menu.actions() if a.objectName() == "bulkRank_B").trigger()
    assert {c.rank for c in map(lambda i: companies.get_company(empty_db, i),
                                range(1, 26))} == {"B"}
    assert TargetFilter() == page.model.current_filter()


def test_count_label_in_japanese(qtbot, japanese, db, db_path, settings, answer):
    from ui.main_window import MainWindow

    win = MainWindow(db, str(db_path), settings)
    qtbot.addWidget(win)
    assert win.targets_page.count_label.text() == "5 件"
    assert win.targets_page.search.placeholderText().startswith("会社名")


def test_double_click_opens_the_account_and_call_these_starts_a_session(qtbot, db, bus, settings):
    from PySide6.QtGui import QUndoStack

    from ui.pages.targets import TargetsPage

    page = TargetsPage(db, bus, settings, QUndoStack())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    first = page.model.row_at(0).id
    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.account_requested) as opened:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [first]
    page.table.clearSelection()
    with qtbot.waitSignal(page.session_requested) as started:
        qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    assert started.args[0] == [page.model.row_at(row).id for row in range(page.model.rowCount())]
