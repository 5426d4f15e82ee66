"""Checking a database file: SQLite's own integrity checks plus Kakeru's consistency rules.

The rules themselves, one function each, are ``models.store.consistency``.

``check_database`` reads only; it never repairs. ``quick_check`` is the cheap test to run before
opening a file, so a damaged file is reported (and never written to) instead of being opened.
``check_file`` and ``backup_file`` are what ``python main.py check|backup`` run (cli/files.py words them).
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models.store import cipher
from models.store.consistency import CONSISTENCY_CHECKS, Problem, table_names
from models.store.db import backup_to, read_only_connection, wrap
from models.store.errors import (
    DatabaseCorrupt,
    DatabaseEmpty,
    DatabaseError,
    DatabaseMissing,
    ValidationError,
    classify,
    is_busy,
)
from models.store.output_path import check_output_path
from models.store.private import private_file
from models.store.schema import LATEST_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

    from models.store.backup import ValidationResult


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    problems: list[Problem] = field(default_factory=list)


def quick_check(path: str | Path) -> bool:
    """Whether the file at ``path`` passes ``PRAGMA quick_check`` (a missing file counts as fine).

    Opens the file read-only, so a damaged file is not touched. Meant to run before ``open_db``.

    Raises:
        sqlite3.OperationalError: another program holds the file locked (``is_busy``).
        DatabaseReadOnly, DatabaseCannotOpen, DiskError: the file could not be read for a reason other
            than damage (a read-only folder, permissions, the disk), which a restore would not cure.
    """
    path = Path(path)
    if str(path) == ":memory:" or not path.exists():
        return True
    side_files = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    had_side_files = [p.exists() for p in side_files]
    conn = None
    try:
        conn = cipher.connect(path, query="mode=ro", timeout=5.0)
        return [row[0] for row in conn.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.DatabaseError as error:
        if is_busy(error):
            raise
        named = _not_damage(error, path)
        if named is None:
            return False
        raise named from error  # read-only, cannot open, disk error: a restore would not cure it
    finally:
        if conn is not None:
            conn.close()
        # A read-only connection to a WAL file creates an empty -wal and -shm it cannot remove.
        if not any(had_side_files) and side_files[0].exists() and side_files[0].stat().st_size == 0:
            for side_file in side_files:
                side_file.unlink(missing_ok=True)


def _clean_marker(path: Path) -> Path:
    return Path(f"{path}.closed-cleanly")


def record_clean_close(path: str | Path) -> bool:
    """After the app closed its last connection to ``path``: remember the file's size and time.

    Only when no WAL file is left (everything is in the main file). Returns whether it was recorded.
    """
    path = Path(path)
    if str(path) == ":memory:" or not path.exists() or Path(f"{path}-wal").exists():
        return False
    stat = path.stat()
    marker = _clean_marker(path)
    partial = marker.with_name(marker.name + ".partial")
    try:
        partial.write_text(json.dumps({"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}), encoding="utf-8")
        private_file(partial)
        partial.replace(marker)
    except OSError:
        partial.unlink(missing_ok=True)
        return False
    return True


def take_clean_close(path: str | Path) -> bool:
    """Whether ``path`` is exactly as the app left it at a clean close; the record is used up either way.

    True lets the app open a large file without reading all of it first (the check then runs in the
    background). A crash, a kill, a power cut or any other program touching the file makes it False,
    and the file is checked before it is opened.
    """
    path = Path(path)
    marker = _clean_marker(path)
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    finally:
        marker.unlink(missing_ok=True)
    try:
        stat = path.stat()
    except OSError:
        return False
    return (not Path(f"{path}-wal").exists() and recorded.get("size") == stat.st_size
            and recorded.get("mtime_ns") == stat.st_mtime_ns)


def check_database(db: Database) -> CheckReport:
    """Run ``PRAGMA integrity_check``, ``PRAGMA foreign_key_check`` and Kakeru's consistency checks.

    When the file itself is damaged, only that is reported. A check that fails to read is reported
    as a problem itself.
    """
    problems = _integrity(db)
    if problems:  # rows read from a damaged file prove nothing: the other checks would only add noise
        return CheckReport(ok=False, problems=problems)
    for check in CONSISTENCY_CHECKS:
        try:
            problems.extend(check(db))
        except sqlite3.DatabaseError as error:
            problems.append(Problem(
                "unreadable", "", 1,
                f"データの一部を読み取れず、確認を最後まで行えませんでした（{check.__name__.strip('_')}）。",
                (str(error),),
            ))
    return CheckReport(ok=not problems, problems=problems)


def _integrity(db: Database) -> list[Problem]:
    try:
        rows = [row[0] for row in db.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        rows = [str(error)]
    if rows == ["ok"]:
        return []
    return [Problem(
        "integrity", "", len(rows),
        f"データベースファイルの内部構造に破損が見つかりました（{len(rows):,} 件）。"
        "バックアップからの復元をおすすめします（破損があるため、ほかの確認は行っていません）。",
        tuple(rows[:20]),
    )]


class CannotCheck(DatabaseError):
    """The file is there but cannot be checked: not SQLite, not Kakeru's, or from a newer Kakeru."""


@dataclass(frozen=True)
class BackupCopy:
    """A copy ``backup_file`` wrote: where, how large, and whether the copy itself is usable."""

    path: Path
    size: int
    verdict: ValidationResult


def _open_existing(path: Path) -> Database:
    """Open a file as it is: no migration, no WAL switch, so checking or copying never changes it.

    A file on read-only storage is opened read-only, since SQLite could not make its -shm file there.

    Raises:
        DatabaseMissing: no file at ``path``.
        DatabaseEmpty: the file has 0 bytes (no database to check or copy).
    """
    if not path.is_file():
        raise DatabaseMissing(str(path))
    if path.stat().st_size == 0:
        raise DatabaseEmpty(str(path))
    if not (os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK | os.X_OK)):
        return wrap(read_only_connection(path))
    return wrap(cipher.connect(path, timeout=5.0))


def _not_damage(error: sqlite3.DatabaseError, path: Path) -> DatabaseError | None:
    """The named error when ``error`` says the file could not be read for a reason other than damage."""
    named = classify(error, str(path))
    return None if named is None or isinstance(named, DatabaseCorrupt) else named


def check_file(path: str | Path) -> CheckReport:
    """Check the Kakeru database at ``path`` as it is (``python main.py check``); nothing is written.

    Raises:
        DatabaseMissing: no file at ``path``.
        DatabaseEmpty: the file has 0 bytes.
        DatabaseReadOnly, DatabaseCannotOpen, DiskError, DatabaseLocked: the file could not be read
            for a reason other than damage.
        CannotCheck: the file is not a readable SQLite database, not Kakeru's, or from a newer Kakeru.
    """
    path = Path(path)
    db = _open_existing(path)
    try:
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as error:
            named = _not_damage(error, path)
            if named is not None:
                raise named from error
            raise CannotCheck(
                f"データベース「{path}」は SQLite のデータベースとして読み取れません（{error}）。"
                "バックアップからの復元をおすすめします。"
            ) from error
        if "companies" not in table_names(db):
            raise CannotCheck(f"「{path}」は Kakeru のデータベースではありません（会社の表がありません）。")
        if version > LATEST_VERSION:
            raise CannotCheck(
                f"データベース「{path}」は新しいバージョンの Kakeru で作成されているため、確認できません"
                f"（ファイルの版 {version}、このアプリの対応版 {LATEST_VERSION}）。"
            )
        return check_database(db)
    finally:
        db.close()


def backup_file(path: str | Path, out: str | Path | None = None) -> BackupCopy:
    """Copy the database at ``path`` as it is (``python main.py backup``), then validate the copy.

    Without ``out`` the copy goes to the backups folder as a ``manual`` backup (rotation applies);
    with it, exactly to ``out`` (replacing a file there). An unusable copy is returned, not raised:
    its ``verdict`` says why.

    Raises:
        DatabaseMissing: no file at ``path``.
        DatabaseEmpty: the file has 0 bytes (a copy of it would be no backup).
        ValidationError: ``out`` is the database itself.
        OutputPathRefused: ``out`` is a companion of a database, a folder or a device.
        BackupFailed: the copy could not be written.
    """
    # Here, not at the top: the app imports this module at start-up for the clean-close marker.
    from models.store.backup import BackupFailed, backup_now, validate_backup

    path = Path(path)
    db = _open_existing(path)
    try:
        if out is not None:
            if Path(out).resolve() == path.resolve():
                raise ValidationError(
                    "バックアップの保存先に、元のデータベースと同じファイルは指定できません。"
                )
            check_output_path(out, path, database_copy=True)
            try:
                written = backup_to(db, out)
            except (OSError, sqlite3.Error) as error:
                Path(str(out) + ".partial").unlink(missing_ok=True)
                raise BackupFailed(out, str(error)) from error
        else:
            written = backup_now(db)
    finally:
        db.close()
    return BackupCopy(written, written.stat().st_size, validate_backup(written))
