"""What Kakeru writes about the customers is its user's alone (files 0600, folders 0700 on POSIX), and the
backups of a database are bounded by their total size as well as by their count."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from models.store import instance_lock, settings
from models.store.backup import backup_now, list_backups, restore_backup
from models.store.backup_folder import BUDGET_COPIES, MIN_BUDGET, backup_budget, rotate_backups
from models.store.check import backup_file, record_clean_close
from models.store.db import backup_dir, data_dir, open_db, stamp, writing

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """A umask that lets everyone read new files (022, the usual one), restored afterwards."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def fill(db, count: int = 50) -> None:
    with writing(db):
        db.table("companies").insert_all(stamp({"name": f"株式会社{i}", "notes": "メモ" * 500})
                                         for i in range(count))


@posix_only
def test_a_new_database_its_companions_backups_lock_and_marker_are_private(tmp_path, open_umask):
    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)
    path = chosen / "kakeru.db"
    db = open_db(path)
    fill(db)
    assert {p.name: mode(p) for p in chosen.glob("kakeru.db*")} == {
        "kakeru.db": 0o600, "kakeru.db-wal": 0o600, "kakeru.db-shm": 0o600}
    made = backup_now(db)
    assert mode(backup_dir(path)) == 0o700 and mode(made) == 0o600
    copy = backup_file(path, tmp_path / "elsewhere" / "copy.db").path
    assert mode(copy) == 0o600 and mode(copy.parent) == 0o755  # the chosen folder stays as it was
    with instance_lock.acquire(path) as lock:
        assert mode(lock.path) == 0o600
    db.close()
    assert record_clean_close(path) and mode(Path(f"{path}.closed-cleanly")) == 0o600
    kept = restore_backup(path, made)
    assert kept is not None and mode(kept) == 0o600 and mode(path) == 0o600
    assert mode(chosen) == 0o755  # a folder the person chose is not changed


@posix_only
def test_an_older_database_in_the_data_folder_is_made_private_elsewhere_left_as_it_is(tmp_path, monkeypatch,
                                                                                      open_umask):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = data_dir()
    assert folder == tmp_path / "xdg" / "Kakeru" and mode(folder) == 0o700
    own, chosen = folder / "kakeru.db", tmp_path / "shared" / "team.db"
    for path in (own, chosen):
        open_db(path).close()
        path.chmod(0o644)  # as an older Kakeru left it
    open_db(own).close()
    open_db(chosen).close()
    assert mode(own) == 0o600 and mode(chosen) == 0o644


def test_the_default_budget_is_five_copies_and_at_least_2_gb():
    assert backup_budget(10 * 1024**2) == MIN_BUDGET == 2 * 1024**3
    assert backup_budget(700 * 1024**2) == BUDGET_COPIES * 700 * 1024**2  # 3.5 GB, not 38 GB


def test_backups_are_kept_within_the_size_budget_newest_first(tmp_path):
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    fill(db, 200)
    size = backup_now(db).stat().st_size
    settings.set_setting(db, settings.BACKUP_MAX_BYTES, int(size * 3.5))
    assert settings.backup_max_bytes(db) == int(size * 3.5)
    for _ in range(8):
        backup_now(db)
    kept = list_backups(path)
    assert len(kept) == 3 and sum(info.size for info in kept) <= size * 3.5
    assert kept[0].path.stat().st_mtime >= max(info.path.stat().st_mtime for info in kept)
    db.close()


def test_the_newest_good_backup_survives_a_budget_smaller_than_itself(tmp_path):
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    fill(db)
    for _ in range(3):
        backup_now(db)
    db.close()
    rotate_backups(path, max_bytes=1)
    [survivor] = list_backups(path)
    assert survivor.path.exists()


def test_without_the_setting_the_budget_is_the_default(fresh_db):
    assert settings.backup_max_bytes(fresh_db) is None
    settings.set_setting(fresh_db, settings.BACKUP_MAX_BYTES, "not a number")
    assert settings.backup_max_bytes(fresh_db) is None  # unusable: the default, with a warning logged
