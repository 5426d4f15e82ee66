"""The people beside the map: a sortable, keyboard-accessible list of what the map shows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from models.accounts import companies, relations
from ui.widgets.map_people import (
    ID_ROLE,
    LAST_SPOKEN,
    NAME,
    ROLE,
    SORT_ROLE,
    STATUS,
    MapPeopleModel,
    MapPeopleView,
    PersonRow,
)


def sample_rows(db):
    company = companies.create_company(db, {"name": "株式会社みなと精機"})
    sato = companies.create_contact(db, company.id, {"name": "佐藤 恵子", "department": "人事部",
                                                     "title": "部長", "role": "hr",
                                                     "notes": "数字で判断される"})
    suzuki = companies.create_contact(db, company.id, {"name": "鈴木 健一", "department": "製造部",
                                                       "role": "field"})
    tanaka = companies.create_contact(db, company.id, {"name": "田中 翔", "role": "gatekeeper"})
    tanaka = relations.mark_moved(db, tanaka.id, "left", "2025-04-01", sato.id)
    return [PersonRow(sato, date(2025, 1, 10)), PersonRow(suzuki, None),
            PersonRow(tanaka, date(2024, 6, 1), "佐藤 恵子")]


def test_model_passes_the_model_tester(qtmodeltester, db):
    model = MapPeopleModel()
    model.set_rows(sample_rows(db))
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_columns_show_what_the_cards_show(db):
    model = MapPeopleModel()
    model.set_rows(sample_rows(db))
    text = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert text[0] == ["佐藤 恵子", "人事部", "部長", "HR", "2025/01/10", "Active"]
    assert text[1][LAST_SPOKEN] == "Never" and text[1][ROLE] == "Field"
    assert text[2][STATUS] == "Left 2025/04/01 → 佐藤 恵子"
    assert model.index(2, NAME).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert model.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole) == "数字で判断される"
    assert model.index(0, NAME).data(ID_ROLE) == model.contact_id(0)
    assert model.index(1, LAST_SPOKEN).data(SORT_ROLE) == ""
    assert model.headerData(LAST_SPOKEN, Qt.Orientation.Horizontal) == "Last spoken"


def test_sorting_by_last_spoken_and_role_uses_native_order(qtbot, db):
    view = MapPeopleView()
    qtbot.addWidget(view)
    view.people.set_rows(sample_rows(db))
    view.sortByColumn(LAST_SPOKEN, Qt.SortOrder.DescendingOrder)
    names = [view.model().index(r, NAME).data() for r in range(3)]
    assert names == ["佐藤 恵子", "田中 翔", "鈴木 健一"]
    view.sortByColumn(ROLE, Qt.SortOrder.AscendingOrder)  # 窓口, 決裁者, 人事, 現場, … as on the map
    assert [view.model().index(r, NAME).data() for r in range(3)] == ["田中 翔", "佐藤 恵子", "鈴木 健一"]


def test_keyboard_moves_through_people_enter_activates_delete_asks(qtbot, db):
    view = MapPeopleView()
    qtbot.addWidget(view)
    rows = sample_rows(db)
    view.people.set_rows(rows)
    view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    view.show()
    qtbot.waitExposed(view)
    assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    view.setFocus()
    current = []
    view.current_contact.connect(current.append)
    view.setCurrentIndex(view.model().index(0, NAME))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert current[-1] == view.model().index(1, NAME).data(ID_ROLE)
    with qtbot.waitSignal(view.activated_contact) as chosen:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert chosen.args == [current[-1]]
    with qtbot.waitSignal(view.delete_requested):
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    view.select_contact(rows[2].contact.id)
    assert view.selected_contact() == rows[2].contact.id
    view.select_contact(None)
    assert view.selected_contact() is None
