"""Two kinds of error: a KakeruError is shown as its sentence; anything else opens the crash dialog and
is written to the log in the user data folder."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton

from models.store.errors import DatabaseLocked
from ui import errors
from ui.dialogs.crash import CrashDialog


def raise_and_handle(error: BaseException) -> None:
    try:
        raise error
    except BaseException:
        errors.handle_exception(*sys.exc_info())


def test_expected_error_shows_its_japanese_sentence(qtbot, answer, isolated_environment):
    raise_and_handle(DatabaseLocked("/tmp/kakeru.db"))
    kind, _title, text = answer.calls[-1]
    assert kind == "warning"
    assert "別のプログラムが使用中です" in text
    assert not (isolated_environment / "logs" / "kakeru.log").exists()  # not a bug: not logged


def test_unexpected_error_opens_the_crash_dialog_and_is_logged(qtbot, isolated_environment):
    seen = {}

    def look_and_copy():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CrashDialog)
        report = dialog.findChild(QPlainTextEdit, "crashReport")
        seen["read_only"] = report.isReadOnly()
        seen["text"] = report.toPlainText()
        seen["path_label"] = dialog.log_label.text()
        dialog.findChild(QPushButton, "crashCopyButton").click()
        dialog.accept()

    QTimer.singleShot(0, look_and_copy)
    raise_and_handle(ZeroDivisionError("division by zero in the scorer"))
    log = isolated_environment / "logs" / "kakeru.log"
    assert log.exists()
    assert "ZeroDivisionError: division by zero in the scorer" in log.read_text(encoding="utf-8")
    assert seen["read_only"]
    assert "Traceback" in seen["text"] and "ZeroDivisionError" in seen["text"]
    assert str(log) in seen["path_label"]
    assert "ZeroDivisionError" in QGuiApplication.clipboard().text()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_hook(qtbot, monkeypatch, isolated_environment):
    shown = []
    import ui.dialogs.crash as crash

    class FakeDialog:
        def __init__(self, report, path, parent):
            shown.append((report, path))

        def exec(self):
            return 0

    monkeypatch.setattr(crash, "CrashDialog", FakeDialog)
    monkeypatch.setattr(sys, "excepthook", errors.handle_exception)

    def broken_slot():
        raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown))
    assert "RuntimeError: a bug in a slot" in shown[0][0]
    assert shown[0][1] == isolated_environment / "logs" / "kakeru.log"


def test_crash_dialog_controls_are_named(qtbot, check_names, tmp_path):
    dialog = CrashDialog("Traceback …", tmp_path / "kakeru.log")
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []
