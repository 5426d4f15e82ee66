"""A page that is not built yet: says so in a sentence and what it will hold, never a blank pane."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """A centred title, a "coming soon" line and a short description of the page to come."""

    def __init__(self, key: str, title: str, description: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{key}Page")
        self.setAccessibleName(title)
        heading = QLabel(title)
        heading.setObjectName(f"{key}Heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        soon = QLabel(self.tr("This page is coming in a later version."))
        soon.setObjectName(f"{key}ComingSoon")
        body = QLabel(description)
        body.setObjectName(f"{key}Description")
        body.setWordWrap(True)
        # A wrapped label under an alignment gets no width to wrap in; give it one.
        body.setFixedWidth(520)
        for label in (heading, soon, body):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(soon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
