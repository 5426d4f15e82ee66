"""Which outcome each number key (1–9) logs in the call session: the order, moved with buttons or
Ctrl+Up / Ctrl+Down, saved in the settings on Save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.accounts.vocab import OUTCOME
from ui.form_parts import save_cancel
from ui.i18n import label
from ui.naming import named as _named
from ui.settings import AppSettings
from ui.shortcuts import add_shortcut


class OutcomeKeysDialog(QDialog):
    """``order`` is what was saved after ``accept``."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outcomeKeysDialog")
        title = self.tr("Outcome keys")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.settings = settings
        self.order = settings.session_outcome_order()

        intro = _named(QLabel(self.tr("In a call session, the number keys choose these outcomes; another "
                                      "number changes the choice until the call is saved, and in the "
                                      "note digits are text. Put the ones you use most on the keys you "
                                      "reach most easily.")),
                       "outcomeKeysIntro", self.tr("About outcome keys"))
        intro.setWordWrap(True)
        self.list = _named(QListWidget(), "outcomeKeyList", self.tr("Outcomes by key"))
        self.list.setMinimumHeight(260)
        self.list.setSpacing(2)
        self.up_button = _named(QPushButton(self.tr("Up (Ctrl+↑)")), "outcomeKeyUp",
                                self.tr("Move the outcome to the key before"))
        self.down_button = _named(QPushButton(self.tr("Down (Ctrl+↓)")), "outcomeKeyDown",
                                  self.tr("Move the outcome to the key after"))
        self.default_button = _named(QPushButton(self.tr("Default order")), "outcomeKeyDefault",
                                     self.tr("Restore the default order"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.default_button.clicked.connect(self.restore_default)
        add_shortcut(QKeySequence("Ctrl+Up"), self.list, lambda: self.move(-1),
                     Qt.ShortcutContext.WidgetShortcut)
        add_shortcut(QKeySequence("Ctrl+Down"), self.list, lambda: self.move(1),
                     Qt.ShortcutContext.WidgetShortcut)

        buttons, self.save_button = save_cancel(
            "outcomeKeyButtons", ("outcomeKeySave", self.tr("Save the order")), "outcomeKeyCancel",
            self.accept, self.reject)

        side = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.default_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(460, 400)
        self._show(0)

    def _show(self, row: int) -> None:
        self.list.clear()
        for key, outcome in enumerate(self.order, start=1):
            item = QListWidgetItem(f"{key}   {label(OUTCOME, outcome)}")
            item.setData(Qt.ItemDataRole.UserRole, outcome)
            self.list.addItem(item)
        self.list.setCurrentRow(row)

    def move(self, delta: int) -> None:
        row = self.list.currentRow()
        other = row + delta
        if 0 <= row < len(self.order) and 0 <= other < len(self.order):
            self.order[row], self.order[other] = self.order[other], self.order[row]
            self._show(other)

    def restore_default(self) -> None:
        self.order = list(OUTCOME)
        self._show(0)

    def accept(self) -> None:
        self.settings.set_session_outcome_order(self.order)
        super().accept()
