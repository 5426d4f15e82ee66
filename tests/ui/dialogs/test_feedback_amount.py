"""The order amount (受注額) entered with a won meeting's feedback, as the KPIs add it up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from typing_helpers import ime

from models.meetings.meetings import create_meeting, get_meeting
from ui.dialogs.feedback import FeedbackDialog


def test_a_won_meeting_keeps_the_amount_typed(qtbot, db, bus, answer, check_names):
    company_id = db.execute("SELECT id FROM companies WHERE name = '株式会社未来建設'").fetchone()[0]
    made = create_meeting(db, company_id, {"starts_at": "2025-01-15 10:00"})
    dialog = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(dialog)
    assert check_names(dialog) == []
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("lost"))
    assert not dialog.order_amount.isEnabled()  # an amount only for 受注
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("won"))
    assert dialog.order_amount.isEnabled()
    ime(dialog.order_amount, "百万")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    assert answer.calls and "受注額" in answer.calls[-1][2]  # refused, said why
    dialog.order_amount.clear()
    ime(dialog.order_amount, "120万")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    assert get_meeting(db, made.id).order_amount == 1_200_000
    again = FeedbackDialog(db, bus, made.id)
    qtbot.addWidget(again)
    assert again.order_amount.text() == "1200000"
