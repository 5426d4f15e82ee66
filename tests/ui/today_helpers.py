"""Shared by the Today and session tests: a window hosting the page with the app's Ctrl+Z, a fixed
clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow

from ui.pages.today import TodayPage

JST = timezone(timedelta(hours=9))
DAY = date(2026, 11, 20)  # a Friday; Monday 23 November is 勤労感謝の日
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=JST)


class Host(QMainWindow):
    """The page inside a window whose Edit → Undo is Ctrl+Z on the shared stack, as in MainWindow."""

    def __init__(self, db, bus, settings):
        super().__init__()
        self.undo_stack = QUndoStack(self)
        self.undo_action = self.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.addAction(self.undo_action)
        self.page = TodayPage(db, bus, settings, self.undo_stack)
        self.page.session.clock = lambda: NOW
        self.page.date_edit.setDate(QDate(DAY.year, DAY.month, DAY.day))
        self.setCentralWidget(self.page)
        self.resize(1280, 800)


def show_host(qtbot, db, bus, settings) -> Host:
    host = Host(db, bus, settings)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    return host
