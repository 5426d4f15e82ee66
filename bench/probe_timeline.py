"""Open and draw the timelines of two accounts in a fresh offscreen Qt process; print the medians.

    python bench/probe_timeline.py DB LARGE_ID SMALL_ID RUNS

Prints ``large=<seconds>``, ``small=<seconds>``, ``items_large=`` and ``drawn_large=`` lines. Each run
opens the account (``TimelineView.set_company``: the extent, the visible window read from the store)
and paints the view into a pixmap, as showing the account page does.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from bench.common import unlock_from_environment
    from models.store.db import open_db
    from ui.fonts import apply_app_font
    from ui.settings import AppSettings
    from ui.signals import DataBus
    from ui.widgets.timeline_view import TimelineView

    path, large, small, runs = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    now = datetime.fromisoformat(argv[4]) if len(argv) > 4 else None
    app = QApplication(["kakeru-bench"])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(path).parent / "qs"))
    QCoreApplication.setOrganizationName("KakeruBench")
    apply_app_font(app)
    unlock_from_environment(path)
    db = open_db(path)
    view = TimelineView(db, DataBus(), QUndoStack(), AppSettings())
    view.set_now(now)
    view.resize(1200, 520)
    view.show()
    app.processEvents()

    def one(company_id: int) -> float:
        started = time.perf_counter()
        view.set_company(company_id)
        view.grab()  # paints the canvas as the screen would
        return time.perf_counter() - started

    for _ in range(3):  # warm up fonts, caches, the query planner
        one(large)
        one(small)
    large_s, small_s = [], []
    for _ in range(runs):
        large_s.append(one(large))
        small_s.append(one(small))
    view.set_company(large)
    view.grab()
    print(f"large={statistics.median(large_s)}")
    print(f"small={statistics.median(small_s)}")
    items = sum(db.execute(f"SELECT count(*) FROM {table} WHERE company_id = ?", [large]).fetchone()[0]
                for table in ("touches", "plans"))
    print(f"items_large={items}")
    print(f"drawn_large={len(view.canvas.placed())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
