"""Backups of the database file: taken with SQLite's backup API, rotated, validated and restored.

Backups live in ``models.store.db.backup_dir(db path)`` (a ``backups`` folder beside the database) and are
named ``<stem>-YYYYmmdd-HHMMSS[-N]-<reason>.db``, e.g. ``kakeru-20261123-101500-manual.db``; the
optional ``N`` only tells apart two backups taken in the same second. Migration backups written by
``models.store.db.migrate`` (``<stem>-before-vN-YYYYmmdd-HHMMSS.db``) are listed too.

Rotation, run after every backup (see ``rotate_backups``):

* ``daily`` — the newest 14 are kept (settings key ``backup_keep_daily``);
* ``manual`` — the newest 20 are kept (settings key ``backup_keep_manual``);
* every other reason (``before-import``, ``before-restore``, ``before-v2`` …) — the newest 10 of
  each reason are kept;
* the newest backup that validates is never deleted, whatever its reason or age, so a run of
  backups of an already damaged file cannot push the last good copy out.

A backup is written to ``<name>.partial`` and renamed when complete, so a file named ``*.db`` is
always whole; partial files left by a crash are never listed and are removed by the next backup.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from models.store import settings
from models.store.db import backup_dir, backup_to, wrap
from models.store.db import db_path as path_of
from models.store.errors import DatabaseLocked, KakeruError, is_busy
from models.store.schema import LATEST_VERSION

DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
KEEP_DAILY = settings.DEFAULT_BACKUP_KEEP_DAILY
KEEP_MANUAL = settings.DEFAULT_BACKUP_KEEP_MANUAL
KEEP_OTHER = 10

_STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME_RE = re.compile(r"-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?-(?P<reason>[a-z][a-z0-9-]*)\.db")
_MIGRATION_NAME_RE = re.compile(r"-(?P<reason>before-v\d+)-(?P<stamp>\d{8}-\d{6})\.db")
_SIDE_FILES = ("-wal", "-shm", "-journal")


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


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. ``valid`` is None until the file has been validated."""

    path: Path
    taken_at: datetime
    reason: str
    size: int
    valid: bool | None = None


@dataclass(frozen=True)
class ValidationResult:
    """The verdict on a backup file, with a Japanese sentence saying why."""

    ok: bool
    message_ja: str
    user_version: int | None = None
    companies: int | None = None


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
    reason = _clean_reason(reason)
    source = path_of(db)
    if folder is None:
        if source == ":memory:":
            raise ValueError("an in-memory database has no backups folder; pass folder=")
        folder = backup_dir(source)
    folder = Path(folder)
    stem = _stem(source)
    destination = folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_partials(folder, stem)
        destination = _free_name(folder, stem, now or datetime.now(), reason)
        backup_to(db, destination)
        _fsync_dir(folder)
    except (OSError, sqlite3.Error) as error:
        _remove_partials(folder, stem)
        raise BackupFailed(destination, str(error)) from error
    rotate_backups(
        source, folder=folder,
        keep_daily=settings.backup_keep_daily(db), keep_manual=settings.backup_keep_manual(db),
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
    reason = _clean_reason(reason)
    return backup_now(db, reason if reason.startswith("before-") else f"before-{reason}")


# -- listing, rotation ----------------------------------------------------------------------------

def list_backups(
    db_path: str | Path, *, folder: str | Path | None = None, validate: bool = False
) -> list[BackupInfo]:
    """The backups of the database at ``db_path``, newest first (``*.partial`` files never appear).

    With ``validate=True`` each one is fully checked (slow on large files) and ``valid`` is set.
    """
    folder = Path(folder) if folder is not None else backup_dir(db_path)
    stem = _stem(str(db_path))
    found: list[tuple[datetime, int, BackupInfo]] = []
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        parsed = _parse_name(path.name, stem)
        if parsed is None or not path.is_file():
            continue
        taken_at, seq, reason = parsed
        try:
            size = path.stat().st_size
        except OSError:
            continue
        valid = validate_backup(path).ok if validate else None
        found.append((taken_at, seq, BackupInfo(path, taken_at, reason, size, valid)))
    found.sort(key=lambda item: (item[0], item[1], item[2].path.name), reverse=True)
    return [info for _, _, info in found]


def rotate_backups(
    db_path: str | Path,
    *,
    folder: str | Path | None = None,
    keep_daily: int = KEEP_DAILY,
    keep_manual: int = KEEP_MANUAL,
    keep_other: int = KEEP_OTHER,
) -> list[Path]:
    """Delete the backups beyond what the rotation rules keep; return the deleted paths.

    The newest backup that validates is always kept, even when its group is over the limit.
    """
    backups = list_backups(db_path, folder=folder)
    limits = {DAILY: max(1, keep_daily), MANUAL: max(1, keep_manual)}
    seen: dict[str, int] = {}
    doomed: list[BackupInfo] = []
    for info in backups:  # newest first
        seen[info.reason] = seen.get(info.reason, 0) + 1
        if seen[info.reason] > limits.get(info.reason, max(1, keep_other)):
            doomed.append(info)
    if not doomed:
        return []
    doomed_paths = {info.path for info in doomed}
    for info in backups:  # the newest good backup survives; quick_check keeps this affordable
        if validate_backup(info.path, quick=True).ok:
            doomed_paths.discard(info.path)
            break
    deleted = []
    for info in doomed:
        if info.path in doomed_paths:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
            for suffix in _SIDE_FILES:
                with contextlib.suppress(FileNotFoundError):
                    Path(str(info.path) + suffix).unlink()
            deleted.append(info.path)
    return deleted


# -- validating, restoring ------------------------------------------------------------------------

def validate_backup(path: str | Path, *, quick: bool = False) -> ValidationResult:
    """Check that ``path`` is a whole Kakeru database this version can open.

    Opens the file read-only as immutable (no -wal/-shm files are created beside it), runs
    ``PRAGMA integrity_check`` (``quick_check`` when ``quick``), and checks for the companies
    table and a schema version between 1 and ``LATEST_VERSION``.
    """
    path = Path(path)
    if not path.is_file():
        return ValidationResult(False, f"ファイル「{path}」が見つかりません。")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as error:
        return ValidationResult(False, f"ファイル「{path.name}」を開けません（{error}）。")
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
        if rows != ["ok"]:
            return ValidationResult(
                False,
                f"「{path.name}」は破損しています（整合性チェックで {len(rows)} 件の問題が見つかりました）。",
            )
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_companies = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'companies'"
        ).fetchone()[0]
        if not has_companies or version < 1:
            return ValidationResult(
                False, f"「{path.name}」は Kakeru のデータベースではありません。", version
            )
        if version > LATEST_VERSION:
            return ValidationResult(
                False,
                f"「{path.name}」は新しいバージョンの Kakeru で作成されたため、このバージョンでは使えません"
                f"（ファイルの版 {version}、対応版 {LATEST_VERSION}）。",
                version,
            )
        companies = conn.execute("SELECT count(*) FROM companies").fetchone()[0]
    except sqlite3.DatabaseError:
        return ValidationResult(False, f"「{path.name}」は SQLite のデータベースではないか、破損しています。")
    finally:
        conn.close()
    return ValidationResult(True, f"正常なバックアップです（会社 {companies:,} 件）。", version, companies)


def newest_good_backup(db_path: str | Path, *, folder: str | Path | None = None) -> BackupInfo | None:
    """The newest backup that passes a full validation, or None when there is none."""
    for info in list_backups(db_path, folder=folder):
        if validate_backup(info.path).ok:
            return BackupInfo(info.path, info.taken_at, info.reason, info.size, True)
    return None


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
        for suffix in _SIDE_FILES:
            _unlink_quietly(Path(str(target) + suffix))
        os.replace(staging, target)
        _fsync_dir(target.parent)
    except (OSError, sqlite3.Error) as error:
        raise RestoreFailed(target, str(error)) from error
    finally:
        for suffix in ("", *_SIDE_FILES):
            _unlink_quietly(Path(str(staging) + suffix))
    return kept


# -- helpers --------------------------------------------------------------------------------------

def _keep_current(target: Path) -> Path:
    """Back the current file up as ``before-restore``; fall back to a raw copy when it is damaged."""
    try:
        conn = sqlite3.connect(target, timeout=1.0)
        try:
            return backup_now(wrap(conn), BEFORE_RESTORE)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, BackupFailed) as error:
        cause = error.__cause__ if isinstance(error, BackupFailed) else error
        if isinstance(cause, sqlite3.OperationalError) and is_busy(cause):
            raise DatabaseLocked(str(target)) from error
    folder = backup_dir(target)
    folder.mkdir(parents=True, exist_ok=True)
    stem = _stem(str(target))
    kept = _free_name(folder, stem, datetime.now(), BEFORE_RESTORE)
    partial = kept.with_name(kept.name + ".partial")
    try:
        shutil.copyfile(target, partial)
        wal = Path(str(target) + "-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(str(kept) + "-wal"))
        os.replace(partial, kept)
    except OSError as error:
        _unlink_quietly(partial)
        raise BackupFailed(kept, str(error)) from error
    return kept


def _copy_database(source: Path, destination: Path) -> None:
    """Copy a (validated, unchanging) database file with the backup API and sync it to disk."""
    _unlink_quietly(destination)
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    writer = sqlite3.connect(destination)
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
        conn = sqlite3.connect(target, timeout=1.0, isolation_level=None)
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


def _clean_reason(reason: str) -> str:
    clean = re.sub(r"[^a-z0-9]+", "-", reason.strip().lower()).strip("-")
    if not clean or not clean[0].isalpha():
        raise ValueError(f"a backup reason must start with a letter: {reason!r}")
    return clean


def _stem(source: str) -> str:
    return "kakeru" if source == ":memory:" else Path(source).stem


def _parse_name(name: str, stem: str) -> tuple[datetime, int, str] | None:
    prefix = stem + "-"
    if not name.startswith(prefix) or not name.endswith(".db"):
        return None
    rest = "-" + name[len(prefix):]
    match = _NAME_RE.fullmatch(rest) or _MIGRATION_NAME_RE.fullmatch(rest)
    if match is None:
        return None
    try:
        taken_at = datetime.strptime(match["stamp"], _STAMP_FORMAT).astimezone()
    except ValueError:
        return None
    seq = int(match.groupdict().get("seq") or 0)
    return taken_at, seq, match["reason"]


def _free_name(folder: Path, stem: str, now: datetime, reason: str) -> Path:
    """``<stem>-<stamp>-<reason>.db``, with ``-2``, ``-3`` … after the stamp when already taken."""
    stamp_text = now.strftime(_STAMP_FORMAT)
    candidate = folder / f"{stem}-{stamp_text}-{reason}.db"
    seq = 1
    while candidate.exists() or Path(str(candidate) + ".partial").exists():
        seq += 1
        candidate = folder / f"{stem}-{stamp_text}-{seq}-{reason}.db"
    return candidate


def _remove_partials(folder: Path, stem: str) -> None:
    """Remove what an interrupted backup left: ``*.db.partial`` and its journal."""
    if not folder.is_dir():
        return
    for path in folder.glob(f"{glob.escape(stem)}-*.db.partial*"):
        _unlink_quietly(path)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
        path.unlink()


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); directories cannot be opened this way on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is already synced
    finally:
        os.close(fd)
