"""run_gui from start to quit: the font, the first-run choice, the window; and a database it cannot use."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.app import run_gui
from ui.dialogs.first_run import FirstRunDialog
from ui.main_window import MainWindow


def test_run_gui_offers_the_first_run_then_shows_the_window(qtbot, db_path, monkeypatch, settings):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    seen = []

    def drive():
        modal = QApplication.activeModalWidget()
        if isinstance(modal, FirstRunDialog):
            seen.append("first run")
            modal.empty_button.click()
            return
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and seen:
            seen.append(windows[0].current_page())
            seen.append(QApplication.font().family())
            windows[0].close()
            timer.stop()

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(50)
    assert run_gui(str(db_path), ["kakeru"]) == 0
    assert seen == ["first run", "targets", "BIZ UDPGothic"]
    assert db_path.exists()
    assert settings.first_run_done()


def test_run_gui_explains_a_database_it_cannot_open(tmp_path, answer, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    bad = tmp_path / "broken.db"
    bad.write_bytes(b"this is not a database, just text " * 200)
    assert run_gui(str(bad), ["kakeru"]) == 1
    kind, _title, text = answer.calls[-1]
    assert kind == "warning" and "破損" in text
