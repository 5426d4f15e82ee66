"""The cadence editor, driven as a person would: clicks, typing, keys; Save writes, Cancel does not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from typing_helpers import ime

from models.planning import cadences
from ui.dialogs.apply_cadence import ApplyCadenceDialog
from ui.dialogs.cadence_editor import COL_AMOUNT, COL_HYPOTHESIS, COL_KIND, COL_UNIT, CadenceEditorDialog

CLICK = Qt.MouseButton.LeftButton


def _steps(db, name):
    cadence = next(c for c in cadences.list_cadences(db) if c.name == name)
    return [(step.offset_amount, step.offset_unit, step.kind, step.hypothesis)
            for step in cadences.cadence_steps(db, cadence.id)]


def _editor(qtbot, db, bus):
    cadences.ensure_default_cadences(db)
    dialog = CadenceEditorDialog(db, bus)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _cell_editor(dialog):
    """The line edit of the hypothesis cell being edited (not a spin box's own)."""
    editors = [edit for edit in dialog.steps.viewport().findChildren(QLineEdit)
               if edit.objectName() != "qt_spinbox_lineedit" and edit.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def _type_into_cell(qtbot, dialog, row, text):
    """Click the hypothesis cell, F2, type, Enter."""
    rect = dialog.steps.visualItemRect(dialog.steps.item(row, COL_HYPOTHESIS))
    qtbot.mouseClick(dialog.steps.viewport(), CLICK, pos=rect.center())
    qtbot.keyClick(dialog.steps, Qt.Key.Key_F2)
    editor = _cell_editor(dialog)
    editor.selectAll()
    ime(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.steps.item(row, COL_HYPOTHESIS).text() == text)  # committed (queued)


def test_a_new_cadence_made_with_clicks_and_typing(qtbot, db, bus, check_names):
    dialog = _editor(qtbot, db, bus)
    assert check_names(dialog) == []
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "新規開拓", "四半期ナーチャリング", "決算期アプローチ"]
    qtbot.mouseClick(dialog.new_button, CLICK)
    assert dialog.list.currentRow() == 3 and dialog.focusWidget() is dialog.name
    assert dialog.name.selectedText() == "New cadence"  # typing replaces it
    ime(dialog.name, "展示会フォロー")
    assert dialog.list.item(3).text() == "展示会フォロー"  # the list follows the typing
    ime(dialog.description, "展示会で名刺交換した会社へ")
    qtbot.mouseClick(dialog.stop_reply, CLICK)
    _type_into_cell(qtbot, dialog, 0, "お礼の電話と資料送付の確認")
    qtbot.mouseClick(dialog.add_step_button, CLICK)  # one business day after the last step, editing
    editor = _cell_editor(dialog)
    ime(editor, "資料の感想を伺う")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.steps.item(1, COL_HYPOTHESIS).text() == "資料の感想を伺う")
    qtbot.mouseClick(dialog.add_step_button, CLICK)
    amount = dialog.steps.cellWidget(2, COL_AMOUNT)
    amount.setValue(2)
    unit, kind = dialog.steps.cellWidget(2, COL_UNIT), dialog.steps.cellWidget(2, COL_KIND)
    unit.setCurrentIndex(unit.findData("weeks"))
    kind.setCurrentIndex(kind.findData("email"))
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.saved
    assert _steps(db, "展示会フォロー") == [
        (0, "business_days", "call", "お礼の電話と資料送付の確認"),
        (1, "business_days", "call", "資料の感想を伺う"),
        (2, "weeks", "email", None),
    ]
    made = next(c for c in cadences.list_cadences(db) if c.name == "展示会フォロー")
    assert (made.description, made.stop_on_reply, made.stop_on_appointment) == (
        "展示会で名刺交換した会社へ", 1, 1)


def test_steps_move_and_go_and_names_can_be_swapped(qtbot, db, bus):
    dialog = _editor(qtbot, db, bus)
    dialog.list.setCurrentRow(1)  # 四半期ナーチャリング: 3, 6, 9, 12 months
    dialog.steps.selectRow(3)
    qtbot.mouseClick(dialog.up_button, CLICK)
    qtbot.mouseClick(dialog.up_button, CLICK)
    assert dialog.steps.currentRow() == 1
    dialog.steps.selectRow(0)
    qtbot.mouseClick(dialog.remove_step_button, CLICK)
    # Two cadences trade names: each keeps its own steps.
    dialog.name.selectAll()
    ime(dialog.name, "新規開拓")
    dialog.list.setCurrentRow(0)
    dialog.name.selectAll()
    ime(dialog.name, "四半期ナーチャリング")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert dialog.saved
    assert [s[0] for s in _steps(db, "新規開拓")] == [12, 6, 9]
    assert len(_steps(db, "四半期ナーチャリング")) == 5  # the five steps of the first-month cadence


def test_a_refused_value_names_the_cadence_and_writes_nothing(qtbot, db, bus):
    dialog = _editor(qtbot, db, bus)
    before = [(c.name, _steps(db, c.name)) for c in cadences.list_cadences(db)]
    dialog.list.setCurrentRow(0)
    dialog.name.end(False)
    ime(dialog.name, "（改）")
    dialog.list.setCurrentRow(2)  # 決算期アプローチ: months from the fiscal year end go from -11 to 11
    dialog.steps.cellWidget(0, COL_AMOUNT).setValue(12)
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert not dialog.saved and dialog.isVisible()
    assert dialog.error.isVisible()
    assert "決算期アプローチ" in dialog.error.text() and "-11〜11" in dialog.error.text()
    assert dialog.list.currentRow() == 2  # the cadence with the refused value is shown
    assert [(c.name, _steps(db, c.name)) for c in cadences.list_cadences(db)] == before
    # An empty name is refused too.
    dialog.steps.cellWidget(0, COL_AMOUNT).setValue(-4)
    dialog.name.clear()
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert "名前を入力" in dialog.error.text()
    assert [(c.name, _steps(db, c.name)) for c in cadences.list_cadences(db)] == before


def test_delete_asks_and_cancel_keeps_everything(qtbot, db, bus, answer):
    dialog = _editor(qtbot, db, bus)
    dialog.list.setCurrentRow(2)
    answer.reply = answer.reply.No
    qtbot.mouseClick(dialog.delete_button, CLICK)
    assert dialog.list.count() == 3
    answer.reply = answer.reply.Yes
    qtbot.mouseClick(dialog.delete_button, CLICK)
    assert dialog.list.count() == 2 and answer.calls[-1][0] == "question"
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel), CLICK)
    assert not dialog.saved
    assert len(cadences.list_cadences(db)) == 3  # nothing was written
    again = _editor(qtbot, db, bus)
    again.list.setCurrentRow(2)
    qtbot.mouseClick(again.delete_button, CLICK)
    qtbot.mouseClick(again.save_button, CLICK)
    assert [c.name for c in cadences.list_cadences(db)] == ["新規開拓", "四半期ナーチャリング"]


def test_the_apply_dialog_opens_the_editor_and_shows_what_it_saved(qtbot, db, bus, monkeypatch):
    ids = [row[0] for row in db.execute("SELECT id FROM companies ORDER BY id LIMIT 2")]
    dialog = ApplyCadenceDialog(db, bus, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cadence.setCurrentIndex(1)

    def edit_and_save(editor):
        editor.list.setCurrentRow(1)
        editor.steps.cellWidget(0, COL_AMOUNT).setValue(2)
        editor.save()
        return 1

    monkeypatch.setattr(CadenceEditorDialog, "exec", edit_and_save)
    qtbot.mouseClick(dialog.edit_button, CLICK)
    assert dialog.cadence.currentText() == "四半期ナーチャリング"  # still the cadence chosen
    assert dialog.steps_model.index(0, 1).data() == "+2 months"


def test_the_editor_reads_in_japanese(qtbot, japanese, db, bus):
    dialog = _editor(qtbot, db, bus)
    assert dialog.windowTitle() == "ケイデンスの編集"
    headers = [dialog.steps.horizontalHeaderItem(i).text() for i in range(4)]
    assert headers == ["間隔", "単位", "種類", "確認する仮説"]
    assert dialog.steps.cellWidget(0, COL_UNIT).currentText() == "営業日後（開始日から）"
    assert dialog.steps.cellWidget(0, COL_KIND).currentText() == "架電"
