"""The keyboard of the call session: one scheme, learned in a minute and shown on screen.

- 1–9 choose the outcome (the keys set in 結果キー); another number changes it until the call is
  saved, because choosing leaves the keys on the session instead of moving into the note.
- Tab goes to the note, where digits are text ("3名体制"); Esc leaves a field, back to the keys (and
  Esc on the keys skips the account).
- Enter saves and goes to the next account from anywhere; Shift+Enter is a new line in the note.
- S skip, T timer, D dial, O open the account, E end the session, Alt+1…7 the quick picks of the
  next touch.

A one-line hint under the form says which of the two the keys are doing now. After any dialog
closes, the keys come back to the session (``take_keys_back``): a closed dialog could leave the
window without focus, and the number keys and Enter did nothing until a click.

Mixed into ``SessionView`` (``ui/session/view.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QWidget,
)

from ui.naming import named as _named
from ui.session.outcome_panel import OutcomePanel
from ui.session.summary import SummaryView

TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox)


class SessionKeys:
    """Shortcuts, the Tab/Enter/Esc rules, the key hint and focus after dialogs (a mixin of
    ``SessionView``)."""

    # What the view provides.
    panel: OutcomePanel
    call_page: QWidget
    summary: SummaryView
    stack: QStackedWidget

    def _build_key_hint(self) -> QLabel:
        self.key_hint = _named(QLabel(), "sessionKeyHint", self.tr("Keys"))
        self.key_hint.setStyleSheet("color: palette(dark);")
        self.key_hint.setWordWrap(True)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._show_key_hint()
        return self.key_hint

    def _shortcuts(self) -> None:
        def key(sequence: QKeySequence | str, slot) -> QShortcut:
            shortcut = QShortcut(QKeySequence(sequence), self.call_page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            return shortcut

        for number_key in range(1, 10):
            key(str(number_key), lambda n=number_key: self._outcome_key(n))
            if number_key <= 7:
                key(f"Alt+{number_key}", lambda n=number_key: self.panel.quick_pick(n - 1))
        key(Qt.Key.Key_Return, self.save)
        key(Qt.Key.Key_Enter, self.save)
        key(Qt.Key.Key_Escape, self._escape)
        key("S", self.skip)
        key("T", self.panel.toggle_timer)
        key("D", self.dial)
        key("O", self._open_account)
        key("E", self.end)
        # Tab from the keys goes to the note; a multi-line note takes Enter for itself, so here Enter
        # saves and Shift+Enter starts a new line.
        self.call_page.installEventFilter(self)
        self.panel.note.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if watched is self.call_page and event.key() == Qt.Key.Key_Tab and plain:
                self.panel.note.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if watched is self.panel.note and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.save()
                return True
        return super().eventFilter(watched, event)

    def _outcome_key(self, key: int) -> None:
        """A number key: that outcome, and the keys stay on the session for another."""
        self.panel.choose_key(key)
        if QApplication.activeModalWidget() is None:
            self.call_page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _escape(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, TEXT_FIELDS) and self.isAncestorOf(focus):
            self.call_page.setFocus()  # leave the field; the next Esc skips
            return
        self.skip()

    # -- where the keys go ----------------------------------------------------------------------------
    def key_target(self) -> QWidget:
        """The widget that takes the session's keys: the call page, or the summary's button."""
        return self.summary.finish_button if self.stack.currentWidget() is self.summary else self.call_page

    def _typing(self) -> bool:
        focus = QApplication.focusWidget()
        return isinstance(focus, TEXT_FIELDS) and self.call_page.isAncestorOf(focus)

    def _show_key_hint(self) -> None:
        if self._typing():
            self.key_hint.setText(self.tr(
                "Typing: digits are text · Esc back to the outcome keys · Enter save and next · "
                "Shift+Enter new line"))
        else:
            self.key_hint.setText(self.tr(
                "Keys: 1–9 outcome (another number changes it) · Tab note · Enter save and next · "
                "S skip · D dial · O account"))

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not self.isVisible():
            return
        self._show_key_hint()
        # Focus leaving a dialog for nothing, or for a widget of this window outside the session: a
        # dialog has closed. Give the keys back once Qt is done restoring its own focus.
        if old is None or not isinstance(old.window(), QDialog) or old.window() is self.window():
            return
        if new is None or new.window() is self.window():
            QTimer.singleShot(0, self, self.take_keys_back)

    def take_keys_back(self) -> None:
        """After a dialog: the window active again and the keys on the session's key target, unless
        the caller was typing in one of its fields (that field keeps them)."""
        if not self.isVisible() or QApplication.activeModalWidget() is not None \
                or QApplication.activePopupWidget() is not None:
            return
        window = self.window()
        if not window.isActiveWindow():
            window.activateWindow()
        target = self.key_target()
        kept = window.focusWidget()
        if kept is None or not (kept is target or target.isAncestorOf(kept)) or not kept.isVisible():
            target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self._show_key_hint()
