"""The session's next-touch date says when a typed day is not a business day and offers the next one."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication
from today_helpers import JST, show_host


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or widget, k, modifier)


def _session(qtbot, db, bus, settings):
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    page.table.setFocus()
    key(qtbot, page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # start the session
    assert page.stack.currentWidget() is page.session
    return host, page.session


def _type_date(qtbot, edit, text):
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    qtbot.keyClicks(edit, text)


def _new_plan(db, company_id):
    [row] = db.query("SELECT due FROM plans WHERE company_id = ? AND status = 'open'", [company_id])
    return row["due"]


def test_a_typed_holiday_is_named_and_alt_right_moves_it_keeping_the_time(qtbot, db, bus, settings, answer):
    _host, view = _session(qtbot, db, bus, settings)  # the host kept: it owns the view
    panel = view.panel
    company_id = view.state.company_ids[0]
    key(qtbot, view, Qt.Key.Key_4)  # callback requested: a day and a time
    key(qtbot, view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # a day to type over ("No date" is not)
    panel.time_edit.setTime(QTime(14, 30))
    _type_date(qtbot, panel.date_edit, "2026-11-23")
    hint = panel.day_hint
    assert hint.isVisible() and hint.text() == "11/23 is a public holiday (勤労感謝の日)."
    assert hint.button.text() == "Use the next business day (11/24 14:30)"
    assert QApplication.focusWidget() is panel.date_edit  # still typing in the date
    key(qtbot, panel, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert panel.date_edit.date().toPython() == date(2026, 11, 24)
    assert panel.time_edit.time() == QTime(14, 30) and hint.isHidden()
    key(qtbot, view, Qt.Key.Key_Return)  # save and next
    assert datetime.fromisoformat(_new_plan(db, company_id)) == datetime(2026, 11, 24, 14, 30, tzinfo=JST)


def test_the_offer_is_a_tab_away_and_saving_without_it_keeps_the_holiday(qtbot, db, bus, settings, answer):
    _host, view = _session(qtbot, db, bus, settings)  # the host kept: it owns the view
    panel = view.panel
    first, second = view.state.company_ids[:2]
    key(qtbot, view, Qt.Key.Key_1)  # not available: a day without a time
    _type_date(qtbot, panel.date_edit, "2026-11-22")
    assert panel.day_hint.text() == "11/22 is a Sunday."
    assert panel.day_hint.button.text() == "Use the next business day (11/24)"
    # The button is in the Tab order after the date and time, before the hypothesis.
    chain, widget = [], panel.date_edit
    while widget is not panel.hypothesis and len(chain) < 50:
        widget = widget.nextInFocusChain()
        chain.append(widget)
    assert panel.day_hint.button in chain
    key(qtbot, view, Qt.Key.Key_Return)  # saved as chosen: the note warns, it does not refuse
    assert _new_plan(db, first) == "2026-11-22"
    assert view.state.company_ids[view.state.position] == second
