"""Edit → Caller name… (担当者名): the name every new touch, plan and meeting records; changing it
applies from then on and leaves what was recorded as it was."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from typing_helpers import ime

from models.planning.touches import get_touch, log_outcome
from models.store.settings import caller_name, set_caller_name
from ui.dialogs.caller_name import CallerNameDialog


def test_the_edit_menu_changes_the_name_by_keyboard(window, qtbot, db):
    set_caller_name(db, "高橋 由美")
    before = log_outcome(db, 1, "not_available")
    heard = []
    window.bus.changed.connect(heard.append)
    seen = {}

    def rename():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow() or QApplication.focusWidget() is None:
            QTimer.singleShot(10, rename)
            return
        seen["dialog"] = dialog.objectName()
        seen["offered"] = dialog.name.text()
        field = QApplication.focusWidget()
        seen["focus"] = field is dialog.name
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        ime(field, "佐藤 健")
        qtbot.keyClick(field, Qt.Key.Key_Return)  # Save is the dialog's default button

    QTimer.singleShot(0, rename)
    assert window.caller_name_action.text() == "Caller &name…"
    window.caller_name_action.trigger()
    assert seen == {"dialog": "callerNameDialog", "offered": "高橋 由美", "focus": True}
    assert caller_name(db) == "佐藤 健"
    assert heard and "settings" in heard[-1]
    after = log_outcome(db, 1, "not_available")
    assert get_touch(db, after.touch_id).caller == "佐藤 健"
    assert get_touch(db, before.touch_id).caller == "高橋 由美"  # recorded as it was


def test_cancel_keeps_the_name_and_an_unchanged_save_writes_nothing(qtbot, db, bus, check_names):
    set_caller_name(db, "高橋 由美")
    heard = []
    bus.changed.connect(heard.append)
    dialog = CallerNameDialog(db, bus)
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []
    dialog.name.setText("佐藤 健")
    dialog.reject()
    assert caller_name(db) == "高橋 由美" and heard == []
    again = CallerNameDialog(db, bus)
    qtbot.addWidget(again)
    again.accept()
    assert not again.saved and heard == []
    again = CallerNameDialog(db, bus)
    qtbot.addWidget(again)
    again.name.setText("")
    again.accept()  # an empty name forgets it: touches record nobody until one is given
    assert again.saved and caller_name(db) == ""


def test_japanese_dialog(qtbot, db, bus, japanese):
    dialog = CallerNameDialog(db, bus)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "担当者名"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "お名前（担当者名）(&N)" in texts
    assert any("すでに記録したもの" in text for text in texts)
