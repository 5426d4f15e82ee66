"""Text typed into the app: a line field holds at most what its column stores (the limits of
``models.accounts.text_fields``), and a search holding a NUL or another control character is answered."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from models.accounts.text_fields import limit_of
from ui.dialogs.contact import ContactDialog
from ui.dialogs.meeting_form import MeetingDialog


def test_line_fields_hold_at_most_what_the_database_stores(window, qtbot, db):
    panel = window.targets_page.panel
    name = panel.editors["name"]
    assert isinstance(name, QLineEdit) and name.maxLength() == limit_of("companies", "name") == 200
    assert panel.editors["address"].maxLength() == limit_of("companies", "address")
    contact = ContactDialog(db, 1)
    qtbot.addWidget(contact)
    assert contact.edits["department"].maxLength() == limit_of("contacts", "department")
    meeting = MeetingDialog(db, 1)
    qtbot.addWidget(meeting)
    assert meeting.lines["purpose"].maxLength() == limit_of("meetings", "purpose")


def test_a_search_with_a_nul_is_answered_not_a_crash(window, qtbot):
    page = window.targets_page
    before = page.model.rowCount()
    shown = []
    for text in ("\x00", "株式\x00会社", "\x1b[", "ｶ\x00"):
        page.search.setText(text)
        page.filters.flush()  # Enter: the search runs now, not after the typing pause
        qtbot.wait(20)
        shown.append(page.model.rowCount())
    page.search.clear()
    page.filters.flush()
    qtbot.waitUntil(lambda: page.model.rowCount() == before)
    assert shown[0] == before  # nothing but a control character: no search at all
