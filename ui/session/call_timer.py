"""The call timer of the session form: how long the call of this account has lasted.

It starts by itself when an account is shown (the next call of the loop begins), again from zero when
the caller dials from the session (the phone link or D), and stops on the outcome key; T stops it or
runs it on. So a touch's duration is the time of its call even when the number was dialled on another
phone, and the session's talk time adds up real calls.

Mixed into ``OutcomePanel`` (``ui/session/outcome_panel.py``), which places the row in its form.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from ui.naming import named as _named


class CallTimer:
    """The timer row and its count (a mixin of ``OutcomePanel``, a QWidget)."""

    def _build_timer(self) -> QHBoxLayout:
        """The row: caption, the time, the start/stop button."""
        self.ticks: Callable[[], float] = time.monotonic  # seconds; tests give a clock of their own
        self._started_at = 0.0  # ticks when the running timer last started
        self._counted_s = 0  # seconds counted before that start (a stopped timer run on)
        self._stopped_s: int | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time)
        self.timer_label = _named(QLabel("00:00"), "callTimerLabel", self.tr("Call time"))
        big = self.timer_label.font()
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setFamilies([*big.families(), "monospace"])
        self.timer_label.setFont(big)
        self.timer_button = _named(QPushButton(self.tr("Start timer (T)")), "callTimerButton",
                                   self.tr("Start or stop the call timer"))
        self.timer_button.clicked.connect(self.toggle_timer)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Call time")))
        row.addWidget(self.timer_label)
        row.addWidget(self.timer_button)
        row.addStretch(1)
        return row

    def timer_running(self) -> bool:
        return self._tick.isActive()

    def start_timer(self) -> None:
        """Run the timer on from where it stopped (T after an outcome chosen mid-call)."""
        if self.timer_running():
            return
        self._counted_s = self._stopped_s or 0
        self._started_at = self.ticks()
        self._stopped_s = None
        self._tick.start()
        self.timer_button.setText(self.tr("Stop timer (T)"))
        self._show_time()

    def restart_timer(self) -> None:
        """Count from zero: the call is being dialled now."""
        self.reset_timer()
        self.start_timer()

    def stop_timer(self) -> None:
        if not self.timer_running():
            return
        self._stopped_s = self.duration_s()
        self._tick.stop()
        self.timer_button.setText(self.tr("Start timer (T)"))
        self._show_time()

    def toggle_timer(self) -> None:
        self.stop_timer() if self.timer_running() else self.start_timer()

    def reset_timer(self) -> None:
        self._tick.stop()
        self._stopped_s = None
        self._counted_s = 0
        self.timer_button.setText(self.tr("Start timer (T)"))
        self.timer_label.setText("00:00")

    def show_stopped(self, seconds: int) -> None:
        """Show a call that lasted ``seconds`` and is over (a logged or kept form shown again)."""
        self._tick.stop()
        self._stopped_s = int(seconds)
        self.timer_button.setText(self.tr("Start timer (T)"))
        self._show_time()

    def duration_s(self) -> int | None:
        """Seconds on the phone: the stopped timer, the running one, or None when never started."""
        if self.timer_running():
            return self._counted_s + max(0, int(self.ticks() - self._started_at))
        return self._stopped_s

    def _show_time(self) -> None:
        seconds = self.duration_s() or 0
        self.timer_label.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")
