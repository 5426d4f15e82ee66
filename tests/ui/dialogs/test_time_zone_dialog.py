"""The time zone dialog (タイムゾーン): Save stores the zone and every stored time moves to its offset;
times are shown in the working zone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from models.meetings.meetings import create_meeting
from models.store import clock
from models.store.time_zone import stored_time_zone
from ui.dialogs.time_zone import TimeZoneDialog

CLICK = Qt.MouseButton.LeftButton


def _open(qtbot, db, bus):
    dialog = TimeZoneDialog(db, bus)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(dialog) -> QPushButton:
    return dialog.findChild(QPushButton, "timeZoneSaveButton")


def test_saving_another_zone_rewrites_the_stored_times(qtbot, db, bus, check_names):
    company_id = db.execute("SELECT min(id) FROM companies").fetchone()[0]
    meeting = create_meeting(db, company_id, {"starts_at": "2026-11-20 10:00"})
    assert meeting.starts_at == "2026-11-20T10:00:00+09:00"  # the suite's databases work in Tokyo
    heard = []
    bus.changed.connect(heard.append)
    dialog = _open(qtbot, db, bus)
    assert check_names(dialog) == []
    assert dialog.zone.currentIndex() == 0 and dialog.chosen() is None  # the system's zone
    assert dialog.zone.itemText(0).endswith("(Asia/Tokyo)")
    dialog.zone.setCurrentText("UTC")
    qtbot.mouseClick(_save(dialog), CLICK)
    assert dialog.saved and heard and "meetings" in heard[-1]
    assert stored_time_zone(db) == "UTC" and clock.zone_name() == "UTC"
    assert db.execute("SELECT starts_at FROM meetings WHERE id = ?", [meeting.id]).fetchone()[0] == (
        "2026-11-20T01:00:00+00:00")

    again = _open(qtbot, db, bus)  # opens on the stored zone; back to the system's
    assert again.chosen() == "UTC"
    again.zone.setCurrentIndex(0)
    qtbot.mouseClick(_save(again), CLICK)
    assert stored_time_zone(db) is None
    assert db.execute("SELECT starts_at FROM meetings WHERE id = ?", [meeting.id]).fetchone()[0] == (
        "2026-11-20T10:00:00+09:00")


def test_an_unknown_zone_is_refused_in_place(qtbot, db, bus):
    dialog = _open(qtbot, db, bus)
    dialog.zone.setCurrentText("Asia/Atlantis")
    qtbot.mouseClick(_save(dialog), CLICK)
    assert not dialog.saved and dialog.isVisible()
    assert "タイムゾーンとして認識できません" in dialog.error.text()
    assert stored_time_zone(db) is None


@pytest.mark.usefixtures("japanese")
def test_the_dialog_speaks_japanese(qtbot, db, bus):
    dialog = _open(qtbot, db, bus)
    assert dialog.windowTitle() == "タイムゾーン"
    assert dialog.zone.itemText(0) == "システムのタイムゾーン（Asia/Tokyo）"
    assert "保存" in dialog.findChild(QLabel, "timeZoneIntro").text()


def test_times_are_shown_in_the_working_zone(qapp):
    from ui.qt_models.meetings_model import display_when
    from ui.session.card import touch_time

    # A time written in another offset (an old row, a file from elsewhere) shows as Tokyo's clock reads.
    assert display_when("2026-11-20T01:00:00+00:00").endswith(" 10:00")
    assert display_when("2026-11-20T01:00:00+00:00").startswith("2026/11/20")
    assert touch_time("2026-11-19T23:30:00+00:00") == "2026/11/20 08:30"
