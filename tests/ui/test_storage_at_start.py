"""The app refuses, with the sentence saying what is wrong, a database it could not keep records in: a
read-only file or folder (never offered a restore as if damaged, nothing made beside it) and an empty file."""

from __future__ import annotations

import os
from pathlib import Path

from models.store.db import open_db
from ui.app import AppController


def test_a_read_only_database_is_refused_at_start_not_opened_or_restored(db_path, settings, answer,
                                                                         monkeypatch):
    open_db(db_path).close()
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: (
        False if mode & os.W_OK and Path(path).resolve() == db_path.parent.resolve() else real(path, mode)))
    before = sorted(p.name for p in db_path.parent.iterdir())
    controller = AppController(str(db_path), settings)
    try:
        assert controller.start() == 1
    finally:
        controller.shutdown()
    [(kind, _title, text)] = answer.calls
    assert kind == "warning" and "読み取り専用のため、Kakeru で開けません" in text and "復元" not in text
    assert controller.window is None
    assert sorted(p.name for p in db_path.parent.iterdir()) == before  # not even a lock file


def test_an_empty_file_is_refused_at_start_and_left_empty(db_path, settings, answer):
    db_path.touch()
    controller = AppController(str(db_path), settings)
    try:
        assert controller.start() == 1
    finally:
        controller.shutdown()
    [(kind, _title, text)] = answer.calls
    assert kind == "warning" and "0 バイト" in text
    assert db_path.stat().st_size == 0
    assert sorted(p.name for p in db_path.parent.glob("kakeru*")) == ["kakeru.db"]  # no -wal, no lock
