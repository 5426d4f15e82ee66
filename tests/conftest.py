"""Shared fixtures: a fresh database in memory or in a temporary folder, and the sample data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt runs offscreen in tests; set before any Qt import (pytest-qt creates the QApplication later).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite's data is a Japanese team's (+09:00 timestamps): a database without its own time_zone works
# in Asia/Tokyo here, whatever the machine's zone, and so do the subprocesses the tests start.
# tests/test_time_zones.py runs the date and time tests under TZ=UTC and TZ=Asia/Tokyo to prove that
# nothing else of the machine's zone leaks in.
os.environ.setdefault("KAKERU_TIME_ZONE", "Asia/Tokyo")

from models.store import clock
from models.store.db import open_db

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _working_zone_of_each_test():
    """The working zone is the process's: one test's database must not choose the next test's."""
    yield
    clock.use_zone(None)


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
