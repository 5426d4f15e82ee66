"""File dialogs open where that kind of file last went, else in Documents: never in the folder the
program was started from (the current directory, where Qt opens a dialog given no folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from ui.settings import AppSettings, documents_dir


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A home folder with Documents in tmp, and the current directory elsewhere (the program's)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.chdir(program)
    assert Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)) \
        == home / "Documents"
    return home


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The folder or suggested file each save/open dialog was opened with; the person cancels."""
    folders: list[str] = []

    def dialog(_parent, _title, start="", *_args, **_kwargs):
        folders.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(dialog))
    return folders


def test_each_kind_starts_in_documents_then_where_the_last_one_went(home, tmp_path):
    settings = AppSettings()
    documents = str(home / "Documents")
    assert documents_dir() == documents
    assert settings.import_dialog_dir() == settings.export_dialog_dir() == settings.brief_dialog_dir() \
        == documents
    chosen = tmp_path / "exports"
    chosen.mkdir()
    settings.remember_export(str(chosen / "targets.csv"))
    assert settings.export_dialog_dir() == str(chosen)
    assert settings.import_dialog_dir() == documents  # each kind of file has its own folder
    chosen.rmdir()  # a folder that is gone (a USB stick pulled out): Documents again
    assert settings.export_dialog_dir() == documents


def test_no_documents_folder_means_the_home_folder(home):
    (home / "Documents").rmdir()
    assert documents_dir() == str(home)


def test_the_first_export_of_the_targets_opens_in_documents(home, window, asked):
    window.export_action.trigger()
    assert Path(asked[0]).parent == home / "Documents"


def test_the_first_kpi_export_opens_in_documents_and_the_next_where_it_went(home, window, asked,
                                                                            monkeypatch, tmp_path):
    window.show_page("kpis")
    page = window.pages["kpis"]
    page.refresh()
    page.export_csv()
    assert Path(asked[0]).parent == home / "Documents"
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(out / "kpi.csv"), "")))
    page.export_csv()
    assert window.settings.export_dialog_dir() == str(out)


def test_restoring_from_a_file_before_any_backup_opens_in_documents(home, qtbot, db, db_path, asked):
    from ui.dialogs.backup_restore import RestoreDialog

    dialog = RestoreDialog(str(db_path))
    qtbot.addWidget(dialog)
    dialog._choose_file()
    assert asked == [str(home / "Documents")]
