"""Backups of the database file: taken with SQLite's backup API, and restored.

Where backups live, how they are named, listed, validated and rotated is ``models.store.backup_folder``;
its names that callers use are importable from here too. A backup is written to ``<name>.partial`` and
renamed when complete, so a file named ``*.db`` is always whole; partial files left by a crash are never
listed and are removed by the next backup. Every backup is followed by a rotation.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from models.store import cipher, settings
from models.store.backup_folder import (
    BEFORE_RESTORE,
    DAILY,
    MANUAL,
    SIDE_FILES,
    backup_stem,
    clean_reason,
    free_name,
    fsync_dir,
    list_backups,
    remove_partials,
    rotate_backups,
    unlink_quietly,
    validate_backup,
)
from models.store.backup_folder import KEEP_DAILY as KEEP_DAILY
from models.store.backup_folder import KEEP_MANUAL as KEEP_MANUAL
from models.store.backup_folder import KEEP_OTHER as KEEP_OTHER
from models.store.backup_folder import BackupInfo as BackupInfo
from models.store.backup_folder import ValidationResult as ValidationResult
from models.store.backup_folder import backup_budget as backup_budget
from models.store.backup_folder import newest_good_backup as newest_good_backup
from models.store.db import backup_dir, backup_to, wrap
from models.store.db import db_path as path_of
from models.store.errors import DatabaseLocked, KakeruError, is_busy
from models.store.private import private_file, private_folder

if TYPE_CHECKING:
    from sqlite_utils import Database

# ``X as X`` above: callers import the folder's names (listing, validation, rotation) from here too.


class BackupFailed(KakeruError):
    """A backup could not be written; the database itself was not changed."""

    def __init__(self, destination: str | Path, detail: str = ""):
        self.destination = str(destination)
        super().__init__(
            f"バックアップを保存できませんでした（保存先: {destination}）。"
            "保存先のフォルダーに書き込めるか、ディスクの空き容量が足りているかをご確認ください。"
            "データベースは変更していません。" + (f"（詳細: {detail}）" if detail else "")
        )


class InvalidBackup(KakeruError):
    """A file offered for restoring is not a usable Kakeru backup; nothing was changed."""

    def __init__(self, path: str | Path, reason_ja: str):
        self.path = str(path)
        super().__init__(f"このファイルからは復元できません。{reason_ja}現在のデータベースは変更していません。")


class RestoreFailed(KakeruError):
    """Restoring stopped before the database file was replaced; it is as it was."""

    def __init__(self, path: str | Path, detail: str = ""):
        super().__init__(
            f"データベース「{path}」を復元できませんでした。データベースは復元前の状態のままです。"
            "保存先のフォルダーに書き込めるか、ディスクの空き容量が足りているかをご確認ください。"
            + (f"（詳細: {detail}）" if detail else "")
        )


# -- taking backups -------------------------------------------------------------------------------

def backup_now(
    db: Database, reason: str = MANUAL, folder: str | Path | None = None, *, now: datetime | None = None
) -> Path:
    """Back the live database up into ``folder`` (default: its backups folder), then rotate.

    Args:
        db: the open database; other connections may keep writing while it is copied.
        reason: a short lower-case word or words joined by hyphens (``manual``, ``daily``,
            ``before-import`` …); it becomes part of the file name and picks the rotation rule.
        folder: where to write; defaults to ``models.store.db.backup_dir`` of the database.
        now: the time written into the name (tests inject it).

    Returns:
        The path of the new, complete backup file.

    Raises:
        BackupFailed: the file could not be written; no partial file is left behind.
    """
    reason = clean_reason(reason)
    source = path_of(db)
    if folder is None:
        if source == ":memory:":
            raise ValueError("an in-memory database has no backups folder; pass folder=")
        folder = backup_dir(source)
    folder = Path(folder)
    stem = backup_stem(source)
    destination = folder
    try:
        private_folder(folder)
        remove_partials(folder, stem)
        destination = free_name(folder, stem, now or datetime.now(), reason)
        backup_to(db, destination)
        fsync_dir(folder)
    except (OSError, sqlite3.Error) as error:
        remove_partials(folder, stem)
        raise BackupFailed(destination, str(error)) from error
    budget = settings.backup_max_bytes(db) or backup_budget(destination.stat().st_size)
    rotate_backups(
        source, folder=folder,
        keep_daily=settings.backup_keep_daily(db), keep_manual=settings.backup_keep_manual(db),
        max_bytes=budget,
    )
    return destination


def daily_backup_if_due(db: Database, today: date | None = None) -> Path | None:
    """Take the day's ``daily`` backup unless one was already taken today (call on start).

    Returns the new backup, or None when today's exists or the database lives in memory.
    """
    source = path_of(db)
    if source == ":memory:":
        return None
    today = today or date.today()
    if any(b.reason == DAILY and b.taken_at.date() == today for b in list_backups(source)):
        return None
    return backup_now(db, DAILY, now=datetime.combine(today, datetime.now().time()))


def backup_before(db: Database, reason: str) -> Path | None:
    """Back up before a risky change (``"import"``, ``"migration"`` …); file reason ``before-<reason>``.

    Returns None for an in-memory database, which has nowhere to keep a backup.
    """
    if path_of(db) == ":memory:":
        return None
    reason = clean_reason(reason)
    return backup_now(db, reason if reason.startswith("before-") else f"before-{reason}")


# -- restoring ------------------------------------------------------------------------------------

def restore_backup(db_path: str | Path, backup_path: str | Path) -> Path | None:
    """Replace the database at ``db_path`` with the backup at ``backup_path``.

    The caller must have closed every connection to the database first (and reopen it with
    ``models.store.db.open_db`` afterwards, which migrates an older backup). The procedure:

    1. the backup is fully validated; an invalid one raises ``InvalidBackup`` and nothing changes;
    2. it is copied with the backup API to ``<db>.restoring`` beside the database and synced;
    3. the current database is kept as a ``before-restore`` backup (with the backup API, or as a
       raw copy of the file and its -wal when it is too damaged to read);
    4. the current file is checkpointed and switched out of WAL mode, which needs exclusive
       access: if another connection is still open this raises ``DatabaseLocked`` and the
       database is left as it was; this also removes its -wal and -shm files, so no stale log can
       be replayed over the restored file;
    5. ``<db>.restoring`` is renamed over the database (atomic on one file system).

    A crash at any point leaves either the old or the restored database, never a mixture. When
    ``DatabaseLocked`` is raised, the ``before-restore`` backup of step 3 has already been taken.

    Returns:
        The path of the ``before-restore`` backup, or None when there was no current file.

    Raises:
        InvalidBackup: the chosen file is not a usable backup.
        DatabaseLocked: the database is still open somewhere.
        RestoreFailed, BackupFailed: a file could not be written; the database is as it was.
    """
    target = Path(db_path)
    source = Path(backup_path)
    verdict = validate_backup(source)
    if not verdict.ok:
        raise InvalidBackup(source, verdict.message_ja)
    if target.exists() and source.resolve() == target.resolve():
        raise InvalidBackup(source, "復元元に、現在のデータベースそのものが指定されています。")
    staging = target.with_name(target.name + ".restoring")
    try:
        # Copied first: rotating the backups below must not be able to remove the chosen file.
        _copy_database(source, staging)
        kept = _keep_current(target) if target.exists() else None
        if target.exists():
            _leave_wal_mode(target)
        for suffix in SIDE_FILES:
            unlink_quietly(Path(str(target) + suffix))
        os.replace(staging, target)
        fsync_dir(target.parent)
    except (OSError, sqlite3.Error) as error:
        raise RestoreFailed(target, str(error)) from error
    finally:
        for suffix in ("", *SIDE_FILES):
            unlink_quietly(Path(str(staging) + suffix))
    return kept


# -- helpers --------------------------------------------------------------------------------------

def _keep_current(target: Path) -> Path:
    """Back the current file up as ``before-restore``; fall back to a raw copy when it is damaged."""
    try:
        conn = cipher.connect(target, timeout=1.0)
        try:
            return backup_now(wrap(conn), BEFORE_RESTORE)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, BackupFailed) as error:
        cause = error.__cause__ if isinstance(error, BackupFailed) else error
        if isinstance(cause, sqlite3.OperationalError) and is_busy(cause):
            raise DatabaseLocked(str(target)) from error
    folder = private_folder(backup_dir(target))
    stem = backup_stem(str(target))
    kept = free_name(folder, stem, datetime.now(), BEFORE_RESTORE)
    partial = kept.with_name(kept.name + ".partial")
    try:
        shutil.copyfile(target, partial)
        private_file(partial)
        wal = Path(str(target) + "-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(str(kept) + "-wal"))
            private_file(Path(str(kept) + "-wal"))
        os.replace(partial, kept)
    except OSError as error:
        unlink_quietly(partial)
        raise BackupFailed(kept, str(error)) from error
    return kept


def _copy_database(source: Path, destination: Path) -> None:
    """Copy a (validated, unchanging) database file with the backup API and sync it to disk."""
    unlink_quietly(destination)
    reader = cipher.connect(source, query="mode=ro&immutable=1")
    writer = cipher.connect_like(reader, destination)  # an encrypted backup is restored encrypted alike
    private_file(destination)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()
    with open(destination, "rb+") as handle:
        os.fsync(handle.fileno())


def _leave_wal_mode(target: Path) -> None:
    """Checkpoint the database and switch it to rollback journaling; needs exclusive access."""
    try:
        conn = cipher.connect(target, timeout=1.0, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode.lower() != "delete":
            raise DatabaseLocked(str(target))
    except sqlite3.OperationalError as error:
        if is_busy(error):
            raise DatabaseLocked(str(target)) from error
        # A damaged file cannot be checkpointed; its copy is kept, so it is simply replaced.
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()
