"""Keyboard shortcuts with a context that holds.

PySide6 (6.11, 6.12) ignores ``context=`` when ``QShortcut`` is also given a slot: the shortcut
silently becomes window-wide, so Return on one table fires anywhere in the window. Build them here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def add_shortcut(keys: QKeySequence | QKeySequence.StandardKey | str, parent: QWidget,
                 slot: Callable[[], object],
                 context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QShortcut:
    """A shortcut on ``parent`` that calls ``slot`` within ``context``."""
    shortcut = QShortcut(keys if isinstance(keys, QKeySequence) else QKeySequence(keys), parent)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
    return shortcut
