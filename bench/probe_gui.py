"""A fresh process that starts a window, reports when it is painted, and its peak memory.

    probe_gui.py bare T0                 a bare PySide6 window (the baseline)
    probe_gui.py kakeru T0 --db PATH     Kakeru's main window on the Targets page, showing rows
    probe_gui.py floor T0 --db PATH      sqlite-utils, the font and a plain table of rows: no Kakeru code

T0 is the parent's ``time.time()`` just before it started this process, so ``ready`` includes the
interpreter's start and every import. Prints ``ready=SECONDS`` and ``peak_mb=MB`` (after the table
is fetched to its last row and scrolled to the end); Kakeru's also ``ready_mb`` (peak when ready).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_mb() -> float:
    """This process's peak resident memory.

    On Linux it is read from ``VmHWM``: ``ru_maxrss`` survives ``exec`` there, so a probe started by a
    big parent (the benchmark, after building its demo database) would report the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux (macOS: bytes)


def wait_painted(app, widget) -> None:
    from PySide6.QtTest import QTest

    QTest.qWaitForWindowExposed(widget, 10_000)
    widget.repaint()
    app.processEvents()


def bare(t0: float) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    wait_painted(app, window)
    print(f"ready={time.time() - t0:.4f}")
    print(f"peak_mb={peak_mb():.1f}")


def floor(t0: float, db_path: str) -> None:
    """What any start of Kakeru needs before its own code: sqlite-utils (the design's store), the bundled
    Japanese font, and a plain table of the first rows. Not a figure: it shows how near ``bare`` a start
    with rows can be."""
    import sqlite_utils
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

    app = QApplication([])
    fonts = Path(__file__).resolve().parent.parent / "reports" / "fonts"
    font_id = QFontDatabase.addApplicationFont(str(fonts / "BIZUDPGothic-Regular.ttf"))
    app.setFont(QFont(QFontDatabase.applicationFontFamilies(font_id)[0], 10))
    passphrase = os.environ.get("KAKERU_PASSPHRASE")
    if passphrase:  # an encrypted database needs SQLCipher and its key, which is Kakeru code
        from models.store import cipher

        cipher.unlock(db_path, passphrase)
        db = sqlite_utils.Database(cipher.connect(db_path), execute_plugins=False)
    else:
        db = sqlite_utils.Database(db_path, execute_plugins=False)
    rows = db.execute("SELECT name, name_kana, phone, prefecture, address FROM companies "
                      "ORDER BY id LIMIT 40").fetchall()
    window = QMainWindow()
    window.resize(1280, 800)
    table = QTableWidget(len(rows), 5)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value or ""))
    window.setCentralWidget(table)
    window.show()
    wait_painted(app, window)
    print(f"ready={time.time() - t0:.4f}")


def kakeru(t0: float, db_path: str) -> None:
    """The app's own start path (ui.app.AppController): lock, check, open, main window.

    Imported in main.py's order: ``ui.app`` first (it brings the models layer in before Qt).
    """
    from ui.app import AppController, configure_application
    from ui.settings import AppSettings

    from PySide6.QtCore import QSettings  # isort: skip
    from PySide6.QtWidgets import QApplication  # isort: skip

    app = QApplication([])
    # An encrypted database opens with the key the keychain holds (bench/keyring_backend.py), as ui.app does.
    store = QSettings(str(Path(db_path).with_suffix(".ini")), QSettings.Format.IniFormat)
    settings = AppSettings(store)
    settings.set_first_run_done(True)
    settings.set_last_page("targets")
    configure_application(app, settings)
    controller = AppController(db_path, settings)
    if controller.start() is not None:
        raise SystemExit("Kakeru did not start")
    window = controller.window
    page = window.targets_page
    view = page.table
    model = view.model()
    while model.rowCount() == 0:
        app.processEvents()
    wait_painted(app, window)
    print(f"ready={time.time() - t0:.4f}")
    print(f"ready_mb={peak_mb():.1f}")  # for reading the figure: memory before the rows are fetched
    while model.canFetchMore(view.rootIndex()):
        model.fetchMore(view.rootIndex())
        app.processEvents()
    view.scrollToBottom()
    app.processEvents()
    view.repaint()
    print(f"rows={model.rowCount()}")
    print(f"peak_mb={peak_mb():.1f}")
    print(f"checked_before_open={int(controller.checked_before_open)}")


if __name__ == "__main__":
    mode, t0 = sys.argv[1], float(sys.argv[2])
    if mode == "bare":
        bare(t0)
    elif mode == "floor":
        floor(t0, sys.argv[sys.argv.index("--db") + 1])
    else:
        kakeru(t0, sys.argv[sys.argv.index("--db") + 1])
    # The figures are out: leave without tearing the window and the database down, which measures
    # nothing (the next probe starts from the file as a crash would leave it; the benchmark closes it).
    sys.stdout.flush()
    os._exit(0)
