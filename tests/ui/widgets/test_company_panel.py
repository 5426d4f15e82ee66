"""The detail panel: edit a company and save, refused values shown under their field, contacts."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from models.accounts import companies
from ui.qt_models.targets_model import COL_NAME, COL_PHONE


def select_first(qtbot, page) -> int:
    point = page.table.visualRect(page.model.index(0, COL_NAME)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    return page.model.row_at(0).id


def retype(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_edit_and_save_updates_the_store_and_the_table(window, qtbot, db):
    page = window.targets_page
    company_id = select_first(qtbot, page)
    panel = page.panel
    assert not panel.save_button.isEnabled()
    retype(qtbot, panel.editors["phone"], "0312345679")
    panel.editors["notes"].setFocus()
    qtbot.keyClicks(panel.editors["notes"], "HR plan drafted in January")
    assert panel.save_button.isEnabled()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    saved = companies.get_company(db, company_id)
    assert saved.phone == "03-1234-5679"  # written the Japanese way by models
    assert saved.notes == "HR plan drafted in January"
    row = page.model.row_of_id(company_id)
    assert page.model.index(row, COL_PHONE).data() == "03-1234-5679"
    assert panel.editors["phone"].text() == "03-1234-5679"
    assert not panel.save_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert companies.get_company(db, company_id).phone == "03-1234-5678"


def test_refused_values_show_under_their_field_and_nothing_is_saved(window, qtbot, db):
    page = window.targets_page
    company_id = select_first(qtbot, page)
    panel = page.panel
    retype(qtbot, panel.editors["corporate_number"], "1234567890123")
    retype(qtbot, panel.editors["employees"], "many")
    panel.save_button.click()
    assert panel.errors["corporate_number"].isVisible()
    assert "法人番号" in panel.errors["corporate_number"].text()
    assert panel.errors["employees"].isVisible()
    assert not panel.errors["name"].isVisible()
    assert panel.error_summary.isVisible()
    assert companies.get_company(db, company_id).corporate_number is None
    panel.revert_button.click()
    assert panel.editors["corporate_number"].text() == ""
    assert not panel.errors["corporate_number"].isVisible()


def test_ctrl_s_saves_from_the_keyboard(window, qtbot, db):
    page = window.targets_page
    company_id = select_first(qtbot, page)
    retype(qtbot, page.panel.editors["name"], "Aoba Systems K.K.")
    qtbot.keyClick(page.panel.editors["name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert companies.get_company(db, company_id).name == "Aoba Systems K.K."


def test_leaving_unsaved_edits_asks_first(window, qtbot, db, answer):
    page = window.targets_page
    company_id = select_first(qtbot, page)
    retype(qtbot, page.panel.editors["name"], "Changed")
    answer.reply = QMessageBox.StandardButton.Discard
    point = page.table.visualRect(page.model.index(1, COL_NAME)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert answer.calls[-1][0] == "question"
    assert companies.get_company(db, company_id).name != "Changed"
    assert page.panel.heading.text() == page.model.row_at(1).name


def test_add_a_contact_through_the_dialog(window, qtbot, db):
    page = window.targets_page
    company_id = select_first(qtbot, page)

    def fill():
        dialog = QApplication.activeModalWidget()
        dialog.findChild(QLineEdit, "contact_name").setText("佐藤 花子")
        dialog.findChild(QLineEdit, "contact_department").setText("人事部")
        role = dialog.role
        role.setCurrentIndex(role.findData("hr"))
        dialog.save()

    QTimer.singleShot(0, fill)
    page.panel.add_contact_button.click()
    contacts = companies.list_contacts(db, company_id)
    assert [(c.name, c.role, c.department) for c in contacts] == [("佐藤 花子", "hr", "人事部")]
    assert page.panel.contacts_model.rowCount() == 1


def test_a_contact_without_a_name_is_refused_in_the_dialog(window, qtbot, db):
    page = window.targets_page
    company_id = select_first(qtbot, page)
    seen = {}

    def submit_empty():
        dialog = QApplication.activeModalWidget()
        dialog.save()
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    QTimer.singleShot(0, submit_empty)
    page.panel.add_contact_button.click()
    assert "担当者名" in seen["error"] and seen["open"]
    assert companies.list_contacts(db, company_id) == []


def test_contact_dialog_controls_are_named(qtbot, db, check_names):
    from ui.dialogs.contact import ContactDialog

    dialog = ContactDialog(db, 1)
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []
