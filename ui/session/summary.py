"""The end of a call session: what it achieved, and a button to copy it as text for the team chat."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.planning.sessions import SessionSummary, summary_text
from ui.i18n import arg, number


def talk_time(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class SummaryView(QWidget):
    """Counts of the session; ``finish_requested`` when the caller closes it."""

    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sessionSummary")
        self.setAccessibleName(self.tr("Session summary"))
        self.summary: SessionSummary | None = None
        heading = QLabel(self.tr("Session finished"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        heading.setObjectName("summaryHeading")
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        captions = {
            "calls": self.tr("Calls"), "connects": self.tr("Connects"),
            "decision_maker_reaches": self.tr("Decision-maker reaches"),
            "appointments": self.tr("Appointments"), "talk_time": self.tr("Talk time"),
            "skipped": self.tr("Skipped"),
        }
        for key, caption in captions.items():
            value = QLabel()
            value.setObjectName(f"summary_{key}")
            value.setAccessibleName(caption)
            bold = value.font()
            bold.setBold(True)
            value.setFont(bold)
            self.values[key] = value
            form.addRow(caption, value)
        self.copy_button = QPushButton(self.tr("&Copy as text"))
        self.copy_button.setObjectName("copySummaryButton")
        self.copy_button.setAccessibleName(self.tr("Copy the summary as text"))
        self.copy_button.clicked.connect(self.copy)
        self.finish_button = QPushButton(self.tr("&Back to Today"))
        self.finish_button.setObjectName("finishSessionButton")
        self.finish_button.setAccessibleName(self.tr("Close the session and go back to Today"))
        self.finish_button.setDefault(True)
        self.finish_button.clicked.connect(self.finish_requested)
        self.copied = QLabel()
        self.copied.setObjectName("summaryCopiedLabel")
        # What "Copy as text" puts on the clipboard, shown as it will be pasted into the team chat.
        self.preview = QLabel()
        self.preview.setObjectName("summaryPreview")
        self.preview.setAccessibleName(self.tr("The summary as text"))
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setStyleSheet("background: palette(base); border: 1px solid palette(mid); padding: 8px;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.copied)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        copy = QKeySequence.StandardKey.Copy
        for sequence in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, copy):
            made = QShortcut(QKeySequence(sequence), self)
            made.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.activated.connect(self.copy if sequence == copy else self.finish_requested.emit)

    def set_summary(self, summary: SessionSummary) -> None:
        self.summary = summary
        rate = f" ({summary.connects / summary.calls:.0%})" if summary.calls else ""
        self.values["calls"].setText(arg(self.tr("%1 of %2 accounts"), number(summary.calls),
                                         number(summary.accounts)))
        self.values["connects"].setText(number(summary.connects) + rate)
        self.values["decision_maker_reaches"].setText(number(summary.decision_maker_reaches))
        self.values["appointments"].setText(number(summary.appointments))
        self.values["talk_time"].setText(talk_time(summary.talk_time_s))
        self.values["skipped"].setText(number(summary.skipped))
        self.preview.setText(summary_text(summary))
        self.copied.clear()

    def text(self) -> str:
        return summary_text(self.summary) if self.summary else ""

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text())
        self.copied.setText(self.tr("Copied."))
