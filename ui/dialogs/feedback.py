"""The field's feedback on a meeting (being built: a placeholder with the final API)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget
from sqlite_utils import Database

from ui.signals import DataBus


class FeedbackDialog(QDialog):
    """Outcome (受注/失注/継続/延期/キャンセル), reason, what happened, next step, what differed from the
    brief; saving updates the account and notifies ``bus``."""

    def __init__(self, db: Database, bus: DataBus, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("feedbackDialog")
        self.db = db
        self.bus = bus
        self.meeting_id = meeting_id
