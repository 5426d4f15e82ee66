"""Driving the call session as a caller does: every key goes to whatever has the focus, Japanese is
committed by an input method, and a dialog that opens is answered with its keys."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from typing_helpers import ime


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """One key to the focused widget (nothing is pressed when no widget has the focus: dead keys)."""
    focus = QApplication.focusWidget()
    assert focus is not None, "no widget has the keyboard focus"
    qtbot.keyClick(focus, key, modifier)


def type_text(qtbot, text: str) -> None:
    """Type into the focused widget: ASCII key by key, anything else through the input method."""
    for part in _runs(text):
        focus = QApplication.focusWidget()
        assert focus is not None, "no widget has the keyboard focus"
        if part.isascii():
            qtbot.keyClicks(focus, part)
        else:
            ime(focus, part)


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for char in text:
        if runs and runs[-1][-1].isascii() == char.isascii():
            runs[-1] += char
        else:
            runs.append(char)
    return runs


def answer_dialog(qtbot, *keys: Qt.Key, name: str | None = None, seen: list | None = None,
                  fill=None) -> None:
    """Once a modal dialog opens, ``fill(dialog)`` (typing into it), then press ``keys`` in it
    (``seen`` collects the dialog's text)."""
    def run():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        if name is not None:
            assert dialog.objectName() == name
        if seen is not None:
            seen.append(dialog.text() if hasattr(dialog, "text") else dialog.objectName())
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        if fill is not None:
            fill(dialog)
        for key in keys:
            qtbot.keyClick(QApplication.focusWidget() or dialog, key)

    QTimer.singleShot(0, run)
