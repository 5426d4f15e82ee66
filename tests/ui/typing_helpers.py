"""Typing as a person does: ASCII key by key, Japanese committed by an input method."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def ime(widget, text: str) -> None:
    """Type ``text`` as a Japanese input method commits it (QTest cannot type kanji)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
