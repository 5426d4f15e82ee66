"""Helpers for the timeline tests: answer a modal dialog, drag with the mouse."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog


def when_modal(qtbot, handle):
    """Run ``handle(dialog)`` on the next modal dialog that opens (as a person answering it)."""
    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            handle(dialog)
        else:
            QTimer.singleShot(10, poll)
    QTimer.singleShot(0, poll)


def drag(canvas, start: QPoint, end: QPoint) -> None:
    """Press, move in steps and release the left button, as a hand drags."""
    def send(kind, pos, button, buttons):
        event = QMouseEvent(kind, QPointF(pos), QPointF(canvas.mapToGlobal(pos)), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(canvas, event)
    left = Qt.MouseButton.LeftButton
    send(QEvent.Type.MouseButtonPress, start, left, left)
    for step in range(1, 6):
        x = start.x() + (end.x() - start.x()) * step // 5
        send(QEvent.Type.MouseMove, QPoint(x, start.y()), Qt.MouseButton.NoButton, left)
    send(QEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)
