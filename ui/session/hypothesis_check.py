"""The small row of the call form that asks whether the hypothesis of the plan this call fulfils held:
当たり (H), 外れ (M), 不明 (U). It shows only when there is such a plan and an outcome was chosen; the
answer is logged with the call (``log_outcome(hypothesis_results=…)``), so the Agenda page's hit rates
count it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QWidget

from models.accounts.entities import Plan
from ui.i18n import arg
from ui.naming import named as _named
from ui.shortcuts import add_shortcut

RESULTS = ("held", "missed", "unknown")
# The keys of the Agenda page's hit-rate table, for the same three answers.
KEYS = {"held": "H", "missed": "M", "unknown": "U"}
# The answer chosen must be plain to see, as the outcome is.
CHECKED_STYLE = "QPushButton:checked { background: #1f5fa8; color: white; font-weight: bold; }"


class HypothesisCheck(QWidget):
    """Asks about ``plan``'s hypothesis; ``changed`` when the person picks (or drops) an answer."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hypothesisCheck")
        self.setAccessibleName(self.tr("Did the hypothesis hold?"))
        self.plan: Plan | None = None
        self.asking = False  # shown, whether or not the panel itself is on screen
        self.question = _named(QLabel(), "hypothesisQuestion", self.tr("The hypothesis to judge"))
        self.question.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # a second press of the chosen answer takes it back
        self.buttons: dict[str, QPushButton] = {}
        captions = {"held": self.tr("Held (H)"), "missed": self.tr("Missed (M)"),
                    "unknown": self.tr("Unknown (U)")}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question, 1)
        for result in RESULTS:
            button = _named(QPushButton(captions[result]), f"hypothesisResult_{result}",
                            captions[result].split(" (")[0])
            button.setCheckable(True)
            button.setStyleSheet(CHECKED_STYLE)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _checked=False, r=result: self._clicked(r))
            self.group.addButton(button)
            self.buttons[result] = button
            layout.addWidget(button)
            # Window-wide, but alive only while the row shows; a text field keeps its letters.
            add_shortcut(QKeySequence(KEYS[result]), self, lambda r=result: self.choose(r),
                         Qt.ShortcutContext.WindowShortcut)
        self.hide()

    def set_plan(self, plan: Plan | None) -> None:
        """Ask about ``plan`` (None: nothing to ask); no answer yet, hidden until ``offer``."""
        self.plan = plan
        self.asking = False
        self._set(None)
        if plan is not None:
            text = " ".join((plan.hypothesis or "").split())
            self.question.setText(arg(self.tr("Did the hypothesis hold? “%1”"), text))
            self.question.setToolTip(plan.hypothesis or "")
        self.hide()

    def offer(self, shown: bool) -> None:
        """Show the row (when there is a plan to ask about) or hide it."""
        self.asking = shown and self.plan is not None
        self.setVisible(self.asking)

    def choose(self, result: str | None) -> bool:
        """Answer ``result`` (None: no answer) when the row is shown; returns whether it was taken."""
        if not self.asking or (result is not None and result not in RESULTS):
            return False
        self._set(result)
        self.changed.emit()
        return True

    def result(self) -> str | None:
        """The answer chosen, or None; None too while the row is hidden (nothing was asked)."""
        if not self.asking:
            return None
        return next((r for r, button in self.buttons.items() if button.isChecked()), None)

    def results(self) -> dict[int, str]:
        """The answer as ``log_outcome``'s ``hypothesis_results`` (plan id → result), empty without one."""
        result = self.result()
        return {self.plan.id: result} if result and self.plan is not None else {}

    def _clicked(self, result: str) -> None:
        self.choose(result if self.buttons[result].isChecked() else None)

    def _set(self, result: str | None) -> None:
        for name, button in self.buttons.items():
            button.setChecked(name == result)
