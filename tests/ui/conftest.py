"""Fixtures for the GUI tests: isolated QSettings and data folder, a database with companies, a window.

Nothing here touches the real user's settings or files: QSettings goes to an INI file under the
test's temporary folder and ``models.store.db.data_dir`` (where the crash log goes) points there too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox

import models.store.db
from models.accounts import companies, lists
from models.store.db import open_db
from ui import i18n
from ui.fonts import apply_app_font
from ui.settings import AppSettings
from ui.signals import DataBus

# The offscreen screen is 800×800 by default: smaller than a laptop, so Qt would shrink restored
# windows. Give the tests a 1600×1000 screen (read when pytest-qt creates the QApplication).
if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    SCREEN_CONFIG = Path(__file__).with_name("offscreen_screen.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN_CONFIG}"


SAMPLE_COMPANIES = [
    # name, kana, phone, prefecture, address, industry, employees, rank, status
    ("株式会社青葉システム", "アオバシステム", "03-1234-5678", "東京都", "東京都千代田区丸の内1-1-1",
     "IT・ソフトウェア", 120, "A", "untouched"),
    ("東洋精機株式会社", "トウヨウセイキ", "06-2345-6789", "大阪府", "大阪府大阪市北区梅田2-2-2",
     "製造業", 480, "B", "in_progress"),
    ("有限会社さくら商事", "サクラショウジ", "052-345-6789", "愛知県", "愛知県名古屋市中区栄3-3-3",
     "卸売業", 15, "C", "nurturing"),
    ("北斗物流株式会社", "ホクトブツリュウ", "011-456-7890", "北海道", "北海道札幌市中央区北一条西4-4",
     "運輸業", 260, None, "untouched"),
    ("株式会社未来建設", "ミライケンセツ", "092-567-8901", "福岡県", "福岡県福岡市博多区博多駅前5-5",
     "建設業", 75, "D", "appointment"),
]


def unnamed_controls(root) -> list[str]:
    """Controls under ``root`` (a window or dialog) that lack an objectName or an accessibleName."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
    )

    missing = []
    for kind in (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView):
        for widget in root.findChildren(kind):
            if isinstance(widget, QHeaderView) or widget.window() is not root \
                    or widget.objectName().startswith("qt_") or isinstance(widget.parent(), QLineEdit):
                continue  # Qt's own parts of a named control: headers, popups, a line edit's clear button
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # the editor inside a combo or spin box: named by its owner
            if not widget.objectName() or not widget.accessibleName():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r} {widget.accessibleName()!r}")
    return missing


@pytest.fixture
def check_names():
    return unnamed_controls


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch, qapp):
    """QSettings in a temporary INI file, the data folder in tmp, English UI (no translator)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("KakeruTest")
    QCoreApplication.setApplicationName("KakeruTest")
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(models.store.db, "data_dir", lambda: data)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    i18n.install_translators(qapp, "en")
    yield data
    i18n.install_translators(qapp, "en")


@pytest.fixture(scope="session")
def qapp_args():
    return ["kakeru-tests"]


@pytest.fixture
def app_font(qapp):
    """The bundled Japanese font registered and set as the application font."""
    return apply_app_font(qapp)


@pytest.fixture
def japanese(qapp):
    """Run the UI in Japanese (install the catalogue); widgets must be built after this fixture."""
    assert i18n.install_translators(qapp, "ja")
    yield
    i18n.install_translators(qapp, "en")


@pytest.fixture
def settings() -> AppSettings:
    return AppSettings()


@pytest.fixture
def bus() -> DataBus:
    return DataBus()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "kakeru.db"


@pytest.fixture
def empty_db(db_path):
    db = open_db(db_path)
    yield db
    db.close()


@pytest.fixture
def db(empty_db):
    """A database with five companies of different ranks, statuses and places, and one list of three."""
    ids = []
    for name, kana, phone, pref, address, industry, employees, rank, status in SAMPLE_COMPANIES:
        company = companies.create_company(empty_db, {
            "name": name, "name_kana": kana, "phone": phone, "prefecture": pref, "address": address,
            "industry": industry, "employees": employees, "rank": rank, "status": status,
        })
        ids.append(company.id)
    sample = lists.create_list(empty_db, "重点リスト")
    lists.add_to_list(empty_db, sample.id, ids[:3])
    return empty_db


@pytest.fixture
def answer(monkeypatch):
    """Patch QMessageBox's static dialogs so nothing blocks; records (kind, title, text) of each call.

    Set ``answer.reply`` to the button the "person" presses for questions (default Yes).
    """

    class Recorder:
        reply = QMessageBox.StandardButton.Yes

        def __init__(self):
            self.calls: list[tuple[str, str, str]] = []

        def _make(self, kind):
            def show(_parent, title, text, *args, **kwargs):
                self.calls.append((kind, title, text))
                return self.reply if kind == "question" else QMessageBox.StandardButton.Ok
            return show

    recorder = Recorder()
    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder._make(kind)))
    monkeypatch.setattr(QMessageBox, "about",
                        staticmethod(lambda *a: recorder.calls.append(("about", "", ""))))
    return recorder


@pytest.fixture
def window(qtbot, db, db_path, settings, answer):
    from ui.main_window import MainWindow

    win = MainWindow(db, str(db_path), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win
