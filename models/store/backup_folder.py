"""The backups folder: how backups are named, listed, validated and rotated.

Backups live in ``models.store.db.backup_dir(db path)`` (a ``backups`` folder beside the database) and are
named ``<stem>-YYYYmmdd-HHMMSS[-N]-<reason>.db``, e.g. ``kakeru-20261123-101500-manual.db``; the
optional ``N`` only tells apart two backups taken in the same second. Migration backups written by
``models.store.db.migrate`` (``<stem>-before-vN-YYYYmmdd-HHMMSS.db``) are listed too.

Rotation, run after every backup (see ``rotate_backups``):

* ``daily`` — the newest 14 are kept (settings key ``backup_keep_daily``);
* ``manual`` — the newest 20 are kept (settings key ``backup_keep_manual``);
* every other reason (``before-import``, ``before-restore``, ``before-v2`` …) — the newest 10 of
  each reason are kept;
* then, newest first, backups are kept while they add up to at most the budget (settings key
  ``backup_max_bytes``; by default five copies of the database, and never less than 2 GB), so a
  700 MB database cannot leave tens of gigabytes of copies;
* the newest backup that validates is never deleted, whatever its reason or age, so a run of
  backups of an already damaged file cannot push the last good copy out.

Taking and restoring backups is ``models.store.backup``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.store import cipher, settings
from models.store.db import backup_dir
from models.store.schema import LATEST_VERSION

DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
KEEP_DAILY = settings.DEFAULT_BACKUP_KEEP_DAILY
KEEP_MANUAL = settings.DEFAULT_BACKUP_KEEP_MANUAL
KEEP_OTHER = 10
# The backups of one database take at most this many copies of it together, and never less than
# MIN_BUDGET unless the settings say so (``backup_max_bytes``).
BUDGET_COPIES = 5
MIN_BUDGET = 2 * 1024**3

_STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME_RE = re.compile(r"-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?-(?P<reason>[a-z][a-z0-9-]*)\.db")
_MIGRATION_NAME_RE = re.compile(r"-(?P<reason>before-v\d+)-(?P<stamp>\d{8}-\d{6})\.db")
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite may keep beside a database file


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


# -- listing, rotation ----------------------------------------------------------------------------

def list_backups(
    db_path: str | Path, *, folder: str | Path | None = None, validate: bool = False
) -> list[BackupInfo]:
    """The backups of the database at ``db_path``, newest first (``*.partial`` files never appear).

    With ``validate=True`` each one is fully checked (slow on large files) and ``valid`` is set.
    """
    folder = Path(folder) if folder is not None else backup_dir(db_path)
    stem = backup_stem(str(db_path))
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
    max_bytes: int | None = None,
) -> list[Path]:
    """Delete the backups beyond what the rotation rules keep; return the deleted paths.

    Args:
        max_bytes: the most the kept backups may take together (None: no limit by size); the newest
            are kept first.

    The newest backup that validates is always kept, even when its group is over the limit or the
    backups are over ``max_bytes``.
    """
    backups = list_backups(db_path, folder=folder)
    limits = {DAILY: max(1, keep_daily), MANUAL: max(1, keep_manual)}
    seen: dict[str, int] = {}
    doomed: list[BackupInfo] = []
    kept_bytes = 0
    for info in backups:  # newest first
        seen[info.reason] = seen.get(info.reason, 0) + 1
        over_count = seen[info.reason] > limits.get(info.reason, max(1, keep_other))
        if over_count or (max_bytes is not None and kept_bytes + info.size > max_bytes):
            doomed.append(info)
        else:
            kept_bytes += info.size
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
            for suffix in SIDE_FILES:
                with contextlib.suppress(FileNotFoundError):
                    Path(str(info.path) + suffix).unlink()
            deleted.append(info.path)
    return deleted


def validate_backup(path: str | Path, *, quick: bool = False) -> ValidationResult:
    """Check that ``path`` is a whole Kakeru database this version can open.

    Opens the file read-only as immutable (no -wal/-shm files are created beside it), runs
    ``PRAGMA integrity_check`` (``quick_check`` when ``quick``), and checks for the companies
    table and a schema version between 1 and ``LATEST_VERSION``.
    """
    path = Path(path)
    if not path.is_file():
        return ValidationResult(False, f"ファイル「{path}」が見つかりません。")
    if not cipher.is_unlocked(path):
        return ValidationResult(False, f"「{path.name}」は暗号化されていて、そのパスフレーズがわからないか、"
                                       "SQLite のデータベースではありません。")
    try:
        conn = cipher.connect(path, query="mode=ro&immutable=1")
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


def backup_budget(database_bytes: int) -> int:
    """How much the backups of a database of ``database_bytes`` may take by default."""
    return max(MIN_BUDGET, BUDGET_COPIES * database_bytes)


def newest_good_backup(db_path: str | Path, *, folder: str | Path | None = None) -> BackupInfo | None:
    """The newest backup that passes a full validation, or None when there is none."""
    for info in list_backups(db_path, folder=folder):
        if validate_backup(info.path).ok:
            return BackupInfo(info.path, info.taken_at, info.reason, info.size, True)
    return None


# -- names and files -----------------------------------------------------------------------------

def clean_reason(reason: str) -> str:
    """``reason`` as it goes into a file name: lower case, words joined by hyphens."""
    clean = re.sub(r"[^a-z0-9]+", "-", reason.strip().lower()).strip("-")
    if not clean or not clean[0].isalpha():
        raise ValueError(f"a backup reason must start with a letter: {reason!r}")
    return clean


def backup_stem(source: str) -> str:
    """The name every backup of the database at ``source`` starts with."""
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


def free_name(folder: Path, stem: str, now: datetime, reason: str) -> Path:
    """``<stem>-<stamp>-<reason>.db``, with ``-2``, ``-3`` … after the stamp when already taken."""
    stamp_text = now.strftime(_STAMP_FORMAT)
    candidate = folder / f"{stem}-{stamp_text}-{reason}.db"
    seq = 1
    while candidate.exists() or Path(str(candidate) + ".partial").exists():
        seq += 1
        candidate = folder / f"{stem}-{stamp_text}-{seq}-{reason}.db"
    return candidate


def remove_partials(folder: Path, stem: str) -> None:
    """Remove what an interrupted backup left: ``*.db.partial`` and its journal."""
    if not folder.is_dir():
        return
    for path in folder.glob(f"{glob.escape(stem)}-*.db.partial*"):
        unlink_quietly(path)


def unlink_quietly(path: Path) -> None:
    """Remove ``path`` if it is there and may be removed."""
    with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
        path.unlink()


def fsync_dir(folder: Path) -> None:
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
