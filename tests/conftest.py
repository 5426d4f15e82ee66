"""Shared fixtures: a fresh database in memory or in a temporary folder, and the sample data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt runs offscreen in tests; set before any Qt import (pytest-qt creates the QApplication later).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models.store.db import open_db

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fresh_db():
    """An empty, fully migrated database in memory."""
    db = open_db(":memory:")
    yield db
    db.close()


@pytest.fixture
def file_db(tmp_path):
    """An empty, fully migrated database file in a temporary folder; yields (db, path)."""
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    yield db, path
    db.close()


@pytest.fixture
def post_office_csv() -> Path:
    """The real Japan Post sample (CP932, headerless); skipped when shared/ is not beside the repo."""
    path = SHARED_DATA / "jp_post_offices_sample.cp932.csv"
    if not path.exists():
        pytest.skip(f"sample data not found at {path}")
    return path
