"""What a start loads before the Targets page shows its rows: Qt, the font and plain sqlite3 reads, not the
libraries only later work needs (DESIGN.md: sqlite-utils need not be loaded before the first screen).

A fresh interpreter starts the app's own path (ui.app.AppController, as bench/probe_gui.py does) on a
file closed cleanly, waits for the first rows to be painted, and lists what it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from models.accounts import companies, lists
from models.store.check import record_clean_close
from models.store.db import open_db

ROOT = Path(__file__).resolve().parents[2]
NOT_BEFORE_FIRST_PAINT = ("sqlite_utils", "click", "pluggy", "dateutil", "reportlab", "phonenumbers",
                          "openpyxl", "psycopg", "keyring", "platformdirs", "models.store.backup",
                          "models.accounts.scoring", "ui.dialogs.first_run")

START = """
import json, os, sys
from ui.app import AppController, configure_application
from ui.settings import AppSettings
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

db_path, ini = sys.argv[1], sys.argv[2]
app = QApplication([])
settings = AppSettings(QSettings(ini, QSettings.Format.IniFormat))
settings.set_first_run_done(True)
settings.set_last_page("targets")
configure_application(app, settings)
controller = AppController(db_path, settings)
assert controller.start() is None
page = controller.window.targets_page
while page.model.rowCount() == 0:
    app.processEvents()
QTest.qWaitForWindowExposed(controller.window, 10_000)
app.processEvents()
# A module lazy_import registered but nothing used yet is in sys.modules as importlib's _LazyModule.
loaded = [name for name in json.loads(sys.argv[3])
          if name in sys.modules and type(sys.modules[name]).__name__ != "_LazyModule"]
print(json.dumps({"loaded": loaded,
                  "count": page.count_label.text(), "lists": page.filters.list_combo.count()}))
sys.stdout.flush()
os._exit(0)
"""


def test_the_first_screen_is_painted_before_the_libraries_later_work_needs(tmp_path):
    db_path = tmp_path / "kakeru.db"
    db = open_db(db_path)
    ids = [companies.create_company(db, {"name": f"株式会社起動{number:02d}"}).id for number in range(30)]
    lists.add_to_list(db, lists.create_list(db, "起動リスト").id, ids[:10])
    db.close()
    record_clean_close(db_path)  # the usual morning start: no check of the whole file first
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", START, str(db_path), str(tmp_path / "kakeru.ini"),
         json.dumps(NOT_BEFORE_FIRST_PAINT)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["loaded"] == []
    assert "30" in shown["count"] and shown["lists"] == 2  # real rows and counts, the list in its filter
