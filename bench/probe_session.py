"""A fresh process that drives a call session on a database and times it (run by figures_session).

    probe_session.py DB_PATH OUTCOMES

Prints ``value=SECONDS`` (median: Enter on an outcome → saved, planned, next account loaded and the
window painted) and ``baseline=SECONDS`` (median: the same page drawn with another account that is
already in memory — the previous one — and painted), each over OUTCOMES steps.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KEYS = ("Key_1", "Key_2", "Key_5", "Key_3")  # 不在, 受付ブロック, 資料送付, 担当者接続: no dialog needed


def main(db_path: str, outcomes: int) -> None:
    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtGui import QUndoStack
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow

    from bench.common import unlock_from_environment
    from models.planning.agenda import build_agenda
    from models.store import settings
    from models.store.db import open_db
    from ui.fonts import apply_app_font
    from ui.pages.today import TodayPage
    from ui.settings import AppSettings
    from ui.signals import DataBus

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication([])
    QCoreApplication.setOrganizationName("KakeruBench")
    apply_app_font(app)
    unlock_from_environment(db_path)
    db = open_db(db_path)
    window = QMainWindow()
    undo_stack = QUndoStack(window)
    page = TodayPage(db, DataBus(), AppSettings(), undo_stack)
    window.setCentralWidget(page)
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window, 10_000)
    window.activateWindow()
    app.processEvents()

    from datetime import date

    # A session left open would make start_session ask first.
    settings.delete_setting(db, settings.CALL_SESSION)
    agenda = build_agenda(db, date.today(), daily_target=outcomes + 20)
    ids = agenda.company_ids[: outcomes + 10]
    page.start_session(ids)
    view = page.session
    app.processEvents()

    def key(name: str) -> None:
        QTest.keyClick(view.call_page, getattr(Qt.Key, name))

    for step in range(5):  # warm up queries, fonts and the map
        key(KEYS[step % len(KEYS)])
        key("Key_Return")
        window.repaint()
    value_s: list[float] = []
    baseline_s: list[float] = []
    previous = view.card
    for step in range(outcomes):
        key(KEYS[step % len(KEYS)])
        app.processEvents()
        started = time.perf_counter()
        key("Key_Return")  # save, plan, advance, load the next account
        window.repaint()
        value_s.append(time.perf_counter() - started)
        # The baseline: the page drawn with another account already in memory (the one before), so
        # the texts change and the layout is redone as in a real step, without any database work.
        card = view.card
        started = time.perf_counter()
        view._show_card(previous)
        window.repaint()
        baseline_s.append(time.perf_counter() - started)
        view._show_card(card)
        window.repaint()
        previous = card
    logged = db.execute("SELECT COUNT(*) FROM touches WHERE session_uid = ?", [view.state.uid]).fetchone()[0]
    if logged != outcomes + 5:
        raise SystemExit(f"expected {outcomes + 5} logged outcomes, found {logged}")
    print(f"value={statistics.median(value_s):.6f}")
    print(f"baseline={statistics.median(baseline_s):.6f}")
    print(f"p90={statistics.quantiles(value_s, n=10)[8]:.6f}")
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
