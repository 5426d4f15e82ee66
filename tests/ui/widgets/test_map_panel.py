"""The relationship map panel, driven as a caller would: mouse on the map, keys, menus, dialogs."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

from models.accounts import companies, relations
from models.store.changes import CONTACTS, Changes
from models.store.db import stamp
from ui.widgets.map_panel import MapPanel

TODAY = date(2025, 1, 14)


def later(action, popup: bool = False, tries: int = 300) -> None:
    """Run ``action`` once a modal dialog (or a popup menu) is up: its exec loop runs our timer."""
    def attempt():
        up = QApplication.activePopupWidget() if popup else QApplication.activeModalWidget()
        if up is None and tries > 0:
            later(action, popup, tries - 1)
            return
        action()
    QTimer.singleShot(10, attempt)


def type_text(qtbot, edit, text: str) -> None:
    """Type ``text``: ASCII key by key; Japanese committed at once, as an input method does."""
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def fill_person(qtbot, name: str, department: str = "", role_index: int | None = None, save: bool = True):
    def run():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "mapPersonDialog"
        type_text(qtbot, dialog.findChild(QLineEdit, "contact_name"), name)
        if department:
            edit = dialog.findChild(QLineEdit, "contact_department")
            edit.clear()
            type_text(qtbot, edit, department)
        if role_index is not None:
            dialog.role.setCurrentIndex(role_index)
        if save:
            save_button = dialog.findChild(QAbstractButton, "contactSaveButton")
            qtbot.mouseClick(save_button, Qt.MouseButton.LeftButton)
        if dialog.isVisible():  # refused: the error is on screen; note it and close
            fill_person.error = dialog.error.text()
            dialog.reject()
    fill_person.error = ""
    later(run)


def menu_keys(qtbot, *keys: Qt.Key) -> None:
    """Press ``keys`` in whatever popup menu is open at the time (submenus included)."""
    def run():
        for key in keys:
            popup = QApplication.activePopupWidget()
            assert popup is not None, "no menu is open"
            qtbot.keyClick(popup, key)
    later(run, popup=True)


@pytest.fixture
def company(db):
    return companies.create_company(db, {"name": "株式会社みなと精機"})


@pytest.fixture
def host(qtbot, db, bus, answer):
    """A shown full-size panel with Ctrl+Z / Ctrl+Y on its undo stack, as the main window provides."""
    stack = QUndoStack()
    panel = MapPanel(db, bus, stack)
    panel.today_override = TODAY
    for name, keys, slot in (("undo", QKeySequence.StandardKey.Undo, stack.undo),
                             ("redo", QKeySequence.StandardKey.Redo, stack.redo)):
        action = QAction(name, panel)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        panel.addAction(action)
    qtbot.addWidget(panel)
    panel.resize(1200, 760)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.view.setFocus()
    panel.stack = stack
    return panel


def focus(qtbot, widget) -> None:
    """Give the keyboard back to ``widget`` (the window is active again after a dialog closes)."""
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())
    widget.setFocus()


def people(db, company_id):
    return {c.name: c for c in companies.list_contacts(db, company_id)}


def links(db, company_id):
    names = {c.id: c.name for c in companies.list_contacts(db, company_id)}
    return sorted((names[r.from_contact_id], names[r.to_contact_id], r.kind)
                  for r in relations.relationships_for(db, company_id))


def drag(qtbot, view, start: QPoint, end: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * step / 5)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, end)


def test_build_a_five_person_map_with_mouse_and_keyboard(qtbot, db, host, company, check_names):
    panel, view = host, host.view
    panel.set_company(company.id)
    assert check_names(panel) == []
    # Add five people with Insert and the details dialog.
    for name, dept, role in (("佐藤 恵子", "人事部", 2), ("鈴木 健一", "製造部", 3), ("田中 翔", "総務部", 0),
                             ("山口 誠", "製造部", 1), ("井上 浩二", "人事部", 4)):
        fill_person(qtbot, name, dept, role)
        focus(qtbot, view)
        qtbot.keyClick(view, Qt.Key.Key_Insert)
        assert name in people(db, company.id)
    stored = people(db, company.id)
    assert {p.role for p in stored.values()} == {"hr", "field", "gatekeeper", "decision_maker", "champion"}
    assert set(view.cards) == {p.id for p in stored.values()}
    view.resetTransform()
    sato, suzuki, tanaka, yamaguchi = (stored[n].id for n in ("佐藤 恵子", "鈴木 健一", "田中 翔", "山口 誠"))

    # Link by dragging with Shift from 鈴木 to 山口, then choose 上司 (reports to) in the menu.
    menu_keys(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return)
    drag(qtbot, view, view.card_pos(suzuki), view.card_pos(yamaguchi), Qt.KeyboardModifier.ShiftModifier)
    assert links(db, company.id) == [("鈴木 健一", "山口 誠", "reports_to")]
    # In link mode (L) a plain drag links too: 田中 introduced 佐藤.
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_L)
    assert view.link_mode
    menu_keys(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Return)
    drag(qtbot, view, view.card_pos(tanaka), view.card_pos(sato))
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_L)
    assert not view.link_mode
    assert ("田中 翔", "佐藤 恵子", "introduced") in links(db, company.id)

    # Retype the 田中 → 佐藤 link from the keyboard: select it, menu key, Kind ▸ 連携 (works with).
    link_id = next(r.id for r in relations.relationships_for(db, company.id) if r.kind == "introduced")
    view.select_edge(link_id)
    menu_keys(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Down,
              Qt.Key.Key_Return)
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Menu)
    assert ("田中 翔", "佐藤 恵子", "works_with") in links(db, company.id)

    # Drag 田中's card 150 px to the right: every card's position is stored.
    view.resetTransform()
    before = view.cards[tanaka].centre()
    start = view.card_pos(tanaka)
    drag(qtbot, view, start, start + QPoint(150, 40))
    moved = companies.get_contact(db, tanaka)
    assert moved.map_x == pytest.approx(before[0] + 150, abs=2)
    assert moved.map_y == pytest.approx(before[1] + 40, abs=2)
    assert all(c.map_x is not None for c in companies.list_contacts(db, company.id))

    # Delete 鈴木 with the Delete key: the person and the link go; Ctrl+Z brings both back.
    view.select_card(suzuki)
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "鈴木 健一" not in people(db, company.id)
    assert ("鈴木 健一", "山口 誠", "reports_to") not in links(db, company.id)
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert people(db, company.id)["鈴木 健一"].id == suzuki
    assert ("鈴木 健一", "山口 誠", "reports_to") in links(db, company.id)

    # Tidy up (T): bosses above their people; Ctrl+Z puts the dragged layout back.
    dragged = {c.id: (c.map_x, c.map_y) for c in companies.list_contacts(db, company.id)}
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_T)
    tidy = {c.id: (c.map_x, c.map_y) for c in companies.list_contacts(db, company.id)}
    assert tidy != dragged and panel.layout_data.tidy
    assert tidy[yamaguchi][1] < tidy[suzuki][1]
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {c.id: (c.map_x, c.map_y) for c in companies.list_contacts(db, company.id)} == dragged
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert {c.id: (c.map_x, c.map_y) for c in companies.list_contacts(db, company.id)} == tidy
    # The list beside the map shows the same five people.
    assert panel.people.model().rowCount() == 5


def test_undo_and_redo_each_step_in_order(qtbot, db, host, company):
    panel = host
    a = companies.create_contact(db, company.id, {"name": "佐藤 恵子"})
    b = companies.create_contact(db, company.id, {"name": "鈴木 健一"})
    panel.set_company(company.id)
    link = panel.add_link(a.id, b.id, "introduced")
    panel.set_link_kind(link, "conflicts")
    panel.set_role(a.id, "blocker")
    panel.delete_link(link)
    assert links(db, company.id) == []
    stack = panel.stack
    stack.undo()
    assert links(db, company.id) == [("佐藤 恵子", "鈴木 健一", "conflicts")]
    stack.undo()
    assert companies.get_contact(db, a.id).role == "other"
    stack.undo()
    assert links(db, company.id) == [("佐藤 恵子", "鈴木 健一", "introduced")]
    stack.undo()
    assert links(db, company.id) == []
    for _ in range(4):
        stack.redo()
    assert links(db, company.id) == [] and companies.get_contact(db, a.id).role == "blocker"
    assert set(panel.view.cards) == {a.id, b.id}


def test_role_changes_from_the_context_menu(qtbot, db, host, company):
    a = companies.create_contact(db, company.id, {"name": "佐藤 恵子", "role": "other"})
    host.set_company(company.id)
    host.view.select_card(a.id)
    # Edit details…, Role ▸ (窓口, 決裁者, …): the second role is the decision maker.
    menu_keys(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Return)
    focus(qtbot, host.view)
    qtbot.keyClick(host.view, Qt.Key.Key_Menu)
    assert companies.get_contact(db, a.id).role == "decision_maker"
    assert host.layout_data.card(a.id).role == "decision_maker"


def test_bad_input_is_refused_in_plain_japanese(qtbot, db, host, company, answer):
    a = companies.create_contact(db, company.id, {"name": "佐藤 恵子"})
    b = companies.create_contact(db, company.id, {"name": "鈴木 健一"})
    host.set_company(company.id)
    # A person without a name: the dialog says so and nothing is stored.
    fill_person(qtbot, "")
    focus(qtbot, host.view)
    qtbot.keyClick(host.view, Qt.Key.Key_Insert)
    assert "担当者名を入力してください" in fill_person.error
    assert len(companies.list_contacts(db, company.id)) == 2
    # The same link twice, and a reports-to loop: a warning, no second row, nothing on the undo stack.
    host.add_link(a.id, b.id, "reports_to")
    count = host.stack.count()
    host.add_link(a.id, b.id, "reports_to")
    host.add_link(b.id, a.id, "reports_to")
    assert [kind for kind, *_ in answer.calls] == ["warning", "warning"]
    assert "すでに登録されています" in answer.calls[0][2] and "上司にはできません" in answer.calls[1][2]
    assert host.stack.count() == count and len(relations.relationships_for(db, company.id)) == 1
    # Dropping a drawn link on the card it started from makes no link.
    host.view.resetTransform()
    drag(qtbot, host.view, host.view.card_pos(a.id), host.view.card_pos(a.id) + QPoint(3, 0),
         Qt.KeyboardModifier.ShiftModifier)
    assert len(relations.relationships_for(db, company.id)) == 1


def test_double_click_edits_details_and_link_dialog_saves_note(qtbot, db, host, company):
    a = companies.create_contact(db, company.id, {"name": "佐藤 恵子", "department": "人事部"})
    b = companies.create_contact(db, company.id, {"name": "鈴木 健一", "department": "製造部"})
    host.set_company(company.id)

    def rename():
        dialog = QApplication.activeModalWidget()
        title = dialog.findChild(QLineEdit, "contact_title")
        type_text(qtbot, title, "部長")
        qtbot.mouseClick(dialog.findChild(QAbstractButton, "contactSaveButton"), Qt.MouseButton.LeftButton)
    later(rename)
    qtbot.mouseDClick(host.view.viewport(), Qt.MouseButton.LeftButton, pos=host.view.card_pos(a.id))
    assert companies.get_contact(db, a.id).title == "部長"
    link = host.add_link(a.id, b.id, "introduced")

    def note():
        dialog = QApplication.activeModalWidget()
        assert dialog.objectName() == "mapLinkDialog"
        type_text(qtbot, dialog.as_of, "2025/13/40")
        qtbot.mouseClick(dialog.findChild(QAbstractButton, "mapLinkSaveButton"), Qt.MouseButton.LeftButton)
        assert "日付として読めません" in dialog.error.text()  # bad date: stays open, says why
        dialog.as_of.setText("2024-12-03")
        type_text(qtbot, dialog.note, "現場責任者として紹介")
        type_text(qtbot, dialog.source, "佐藤様より")
        qtbot.mouseClick(dialog.findChild(QAbstractButton, "mapLinkSaveButton"), Qt.MouseButton.LeftButton)
    later(note)
    host.view.select_edge(link)
    focus(qtbot, host.view)
    qtbot.keyClick(host.view, Qt.Key.Key_Return)
    stored = relations.get_relationship(db, link)
    assert (stored.note, stored.as_of, stored.source) == ("現場責任者として紹介", "2024-12-03", "佐藤様より")
    tip = host.view.edges[link].toolTip()
    assert "現場責任者として紹介" in tip and "2024/12/03" in tip and "佐藤様より" in tip
    host.stack.undo()
    assert relations.get_relationship(db, link).note is None


def test_mark_moved_greys_the_card_and_links_the_successor(qtbot, db, host, company):
    a = companies.create_contact(db, company.id, {"name": "佐藤 恵子", "role": "hr"})
    b = companies.create_contact(db, company.id, {"name": "井上 浩二", "role": "hr"})
    host.set_company(company.id)

    def fill():
        dialog = QApplication.activeModalWidget()
        dialog.kind.setCurrentIndex(dialog.kind.findData("left"))
        dialog.successor.setCurrentIndex(dialog.successor.findData(b.id))
        qtbot.mouseClick(dialog.findChild(QAbstractButton, "mapMovedSaveButton"), Qt.MouseButton.LeftButton)
    later(fill)
    host.mark_moved(a.id)
    stored = companies.get_contact(db, a.id)
    assert (stored.employment, stored.successor_id) == ("left", b.id)
    assert stored.employment_changed_on == "2025-01-14"  # the dialog proposes today
    assert host.layout_data.card(a.id).greyed
    assert any(e.kind == "successor" and (e.from_id, e.to_id) == (a.id, b.id) for e in host.layout_data.edges)
    host.stack.undo()
    assert companies.get_contact(db, a.id).employment == "active"


def test_coverage_hints_say_what_to_do_next(qtbot, db, host, company):
    hr = companies.create_contact(db, company.id, {"name": "佐藤 恵子", "role": "hr"})
    companies.create_contact(db, company.id, {"name": "鈴木 健一", "role": "field"})
    db.table("touches").insert(stamp({"company_id": company.id, "contact_id": hr.id, "kind": "call",
                                      "at": "2025-01-10T10:00:00+09:00", "outcome": "connected"}))
    host.set_company(company.id)
    layout = host.hint_box.layout()
    shown = [layout.itemAt(i).widget().text() for i in range(layout.count())]
    qtbot.waitUntil(lambda: all(layout.itemAt(i).widget().isVisible() for i in range(layout.count())))
    assert any("決裁者が分かっていません" in text for text in shown)
    assert any("現場の鈴木 健一様にはまだ届いていません" in text and "ご紹介" in text for text in shown)
    # Naming a decision maker on the map makes that hint go away.
    host.set_role(hr.id, "decision_maker")
    shown = [h.code for h in host.hints]
    assert "no_decision_maker" not in shown


def test_zoom_fit_and_export(qtbot, db, host, company, tmp_path):
    for name in ("佐藤 恵子", "鈴木 健一", "田中 翔"):
        companies.create_contact(db, company.id, {"name": name})
    host.set_company(company.id)
    view = host.view
    view.resetTransform()
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom_level() == pytest.approx(1.25)
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom_level() == pytest.approx(0.8)
    for _ in range(30):
        view.zoom_in()
    assert view.zoom_level() <= 5.0
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.zoom_level() <= 1.6
    host.export_png(tmp_path / "map.png")
    host.export_svg(tmp_path / "map.svg")
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg


def test_show_us_is_a_remembered_setting(qtbot, db, host, company, settings):
    a = companies.create_contact(db, company.id, {"name": "佐藤 恵子"})
    db.table("touches").insert(stamp({"company_id": company.id, "contact_id": a.id, "kind": "call",
                                      "at": "2025-01-10T10:00:00+09:00", "outcome": "connected"}))
    host.set_company(company.id)
    assert host.layout_data.us is None
    qtbot.mouseClick(host.findChild(QAbstractButton, "mapShowUsButton"), Qt.MouseButton.LeftButton)
    assert host.layout_data.us is not None and settings.map_show_us()


def test_compact_mode_shows_the_map_only_and_reports_the_person_chosen(qtbot, db, bus, company):
    a = companies.create_contact(db, company.id, {"name": "佐藤 恵子"})
    b = companies.create_contact(db, company.id, {"name": "鈴木 健一"})
    panel = MapPanel(db, bus, QUndoStack(), compact=True)
    qtbot.addWidget(panel)
    panel.resize(400, 260)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_company(company.id)
    assert panel.people is None and panel.hint_box is None
    panel.highlight_contact(b.id)
    assert panel.view.cards[b.id].highlighted and not panel.view.cards[a.id].highlighted
    with qtbot.waitSignal(panel.contact_activated) as chosen:
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.card_pos(a.id))
    assert chosen.args == [a.id]
    panel.view.select_card(b.id)
    with qtbot.waitSignal(panel.contact_activated) as chosen:
        focus(qtbot, panel.view)
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert chosen.args == [b.id]
    # No editing in the session: Delete does nothing, cards do not move.
    focus(qtbot, panel.view)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert len(companies.list_contacts(db, company.id)) == 2
    # Another company, then none.
    panel.set_company(None)
    assert panel.view.cards == {}


def test_map_follows_changes_made_elsewhere(qtbot, db, bus, host, company):
    host.set_company(company.id)
    contact = companies.create_contact(db, company.id, {"name": "佐藤 恵子"})
    bus.notify(Changes.of(CONTACTS))
    assert contact.id in host.view.cards
    assert host.people.model().rowCount() == 1


def test_japanese_ui(qtbot, japanese, db, bus, company, app_font, tmp_path):
    companies.create_contact(db, company.id, {"name": "佐藤 恵子", "role": "hr"})
    panel = MapPanel(db, bus, QUndoStack())
    qtbot.addWidget(panel)
    panel.set_company(company.id)
    assert panel.findChild(QAbstractButton, "mapTidyButton").text() == "配置を整える"
    assert panel.people.model().headerData(0, Qt.Orientation.Horizontal) == "氏名"


def test_dialogs_name_every_control(qtbot, db, company, check_names):
    from models.accounts.entities import Relationship
    from ui.dialogs.map_link import MapLinkDialog
    from ui.dialogs.map_moved import MapMovedDialog
    from ui.dialogs.map_person import MapPersonDialog

    a = companies.create_contact(db, company.id, {"name": "佐藤 恵子"})
    b = companies.create_contact(db, company.id, {"name": "鈴木 健一"})
    link = relations.add_relationship(db, company.id, a.id, b.id, "introduced")
    assert isinstance(link, Relationship)
    for dialog in (MapLinkDialog(link, a.name, b.name, lambda changes: None),
                   MapMovedDialog(a, [a, b], TODAY, lambda *args: None),
                   MapPersonDialog(db, company.id, lambda values: None, department="人事部")):
        qtbot.addWidget(dialog)
        assert check_names(dialog) == [], dialog.objectName()
    assert dialog.edits["department"].text() == "人事部"  # "add person here" in a department's column


def test_every_layout_measured_with_the_app_font_is_free_of_overlaps(app_font):
    from models.maps.layout import layout_map
    from models.maps.samples import org_chart
    from ui.widgets.map_view import qt_style

    for n in (2, 12, 60):
        people, links = org_chart(n, n)
        layout = layout_map(people, links, use_saved_positions=False, style=qt_style())
        boxes = [c.box for c in layout.cards] + [e.label.box for e in layout.edges if e.label]
        assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]


def test_compact_highlight_zooms_a_big_map_to_a_readable_size(qtbot, db, bus, company):
    ids = [companies.create_contact(db, company.id, {"name": f"担当者{i}", "department": f"部署{i % 6}"}).id
           for i in range(30)]
    panel = MapPanel(db, bus, QUndoStack(), compact=True)
    qtbot.addWidget(panel)
    panel.resize(360, 240)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_company(company.id)
    assert panel.view.zoom_level() < 1.0  # fitted: too small to read
    panel.highlight_contact(ids[17])
    assert panel.view.zoom_level() >= 1.29
    card = panel.view.cards[ids[17]].sceneBoundingRect()
    assert panel.view.mapToScene(panel.view.viewport().rect()).boundingRect().contains(card.center())


def test_a_map_filled_while_hidden_fits_its_real_size_when_shown(qtbot, db, bus, company):
    """The account page fills the map in a hidden tab; shown later, it must not stay a speck."""
    for name, department in (("山田 太郎", "人事部"), ("佐藤 花子", "営業部"), ("鈴木 一郎", "総務部")):
        companies.create_contact(db, company.id, {"name": name, "department": department})
    panel = MapPanel(db, bus, QUndoStack())
    qtbot.addWidget(panel)
    panel.set_company(company.id)  # laid out and fitted before the panel has a size
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    shown = panel.view.mapFromScene(panel.view.scene().sceneRect()).boundingRect()
    assert shown.width() > panel.view.viewport().width() * 0.5
    panel.view.zoom_out()  # a zoom the person chose survives a resize
    chosen = panel.view.zoom_level()
    panel.resize(900, 650)
    qtbot.wait(10)
    assert panel.view.zoom_level() == chosen
