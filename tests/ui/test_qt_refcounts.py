"""Guard for the pinned PySide6: calls into Qt must not leak references to None, True or False.

PySide6 6.12.0 on Python 3.11 dropped one reference to ``None`` on every call of a Qt method returning
void (and to ``True``/``False`` on ``disconnect``). Before 3.12 these objects are not immortal, so a few
thousand repaints aborted the interpreter ("none_dealloc"). Kakeru pins 6.11.3, which is clean; this
test fails if an upgrade brings the leak back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel

CALLS = 5000


class _Sender(QObject):
    fired = Signal()


def _drift(singleton, action) -> int:
    action()  # warm up caches first
    before = sys.getrefcount(singleton)
    for _ in range(CALLS):
        action()
    return sys.getrefcount(singleton) - before


def test_void_calls_keep_none_alive(qtbot):
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    label = QLabel()
    qtbot.addWidget(label)
    try:
        def paint():
            painter.save()
            painter.restore()

        assert abs(_drift(None, paint)) < 50
        assert abs(_drift(None, lambda: label.setText("架電"))) < 50
    finally:
        painter.end()


def test_disconnect_keeps_true_and_false_alive():
    sender = _Sender()

    def slot():
        pass

    def cycle():
        sender.fired.connect(slot)
        sender.fired.disconnect(slot)

    assert abs(_drift(True, cycle)) < 50
    assert abs(_drift(False, cycle)) < 50


def test_add_shortcut_keeps_its_context_and_slot(qtbot):
    """``QShortcut(keys, parent, slot, context=…)`` drops the context in PySide6; ours must keep it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QLineEdit

    from ui.shortcuts import add_shortcut

    field = QLineEdit()
    qtbot.addWidget(field)
    plain = QShortcut(QKeySequence("F8"), field, lambda: None, context=Qt.ShortcutContext.WidgetShortcut)
    assert plain.context() == Qt.ShortcutContext.WindowShortcut  # the PySide6 behaviour we work around
    fired = []
    ours = add_shortcut("F9", field, lambda: fired.append(1), Qt.ShortcutContext.WidgetShortcut)
    assert ours.context() == Qt.ShortcutContext.WidgetShortcut
    assert ours.key() == QKeySequence("F9")
    ours.activated.emit()
    assert fired == [1]
