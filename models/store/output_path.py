"""Where Kakeru may write a file a person chose: never over a database, its companions or a device.

Every writer of a user-chosen path (a briefing sheet, a calendar file, a CSV export, the rejected rows
of an import, a map picture, a copy made by ``backup --out``) calls ``check_output_path`` first. It
refuses, with a sentence saying why:

* the database this process has open (``open_db`` remembers each one), or the one passed in, and the
  files SQLite and Kakeru keep beside it (``-wal``, ``-shm``, ``-journal``, ``.lock``,
  ``.closed-cleanly``) and its backups folder;
* any existing SQLite database file (another database, a backup), and the companions of one;
* a folder, a device (``/dev/sda``, ``/dev/null``), a pipe or a socket: a writer that saves through
  a temporary file would rename that over the device entry itself.

Paths are compared after following symbolic links, and existing files by identity
(``os.path.samefile``), so a link or a hard link to the database is caught too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from models.store.errors import KakeruError

# What SQLite (-wal, -shm, -journal) and Kakeru (.lock, .closed-cleanly) keep beside a database.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock", ".closed-cleanly")
BACKUPS_FOLDER = "backups"  # models.store.db.backup_dir: beside the database
SQLITE_HEADER = b"SQLite format 3\x00"

_open_databases: set[Path] = set()


class OutputPathRefused(KakeruError):
    """A file a person chose to write would replace the database, a companion of it, or a device."""

    def __init__(self, path: str | Path, reason_ja: str):
        self.path = str(path)
        super().__init__(
            f"「{path}」には保存できません。{reason_ja}"
            "別の場所かファイル名を指定してください。どのファイルも変更していません。"
        )


def remember_database(path: str | Path) -> None:
    """Note that this process has the database at ``path`` open (``open_db`` calls this)."""
    if str(path) != ":memory:":
        _open_databases.add(Path(path).resolve())


def check_output_path(
    path: str | Path, db_path: str | Path | None = None, *, database_copy: bool = False
) -> Path:
    """Refuse ``path`` as a place to write when writing there could damage a database; return it.

    Args:
        path: where a file is about to be written (it may not exist yet).
        db_path: the database the writer works on, besides those this process has open.
        database_copy: the file written is itself a database (``backup --out``): replacing another
            SQLite file that is not open is then allowed, and so is the backups folder.

    Raises:
        OutputPathRefused: the path is an open database or a companion of one, an existing SQLite
            file, a folder, or not a regular file.
    """
    target = Path(path)
    resolved = target.resolve()
    try:
        mode = os.stat(resolved).st_mode
    except OSError:
        mode = None  # nothing there yet (or unreadable: the writer reports that itself)
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputPathRefused(path, "フォルダーです。")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputPathRefused(path, "通常のファイルではありません（デバイスなどの特殊なファイルです）。")
    databases = set(_open_databases)
    if db_path is not None and str(db_path) != ":memory:":
        databases.add(Path(db_path).resolve())
    for database in databases:
        if resolved == database or (mode is not None and _same_file(resolved, database)):
            raise OutputPathRefused(path, "使用中のデータベースそのものです。")
        if resolved.parent == database.parent and resolved.name in _companion_names(database.name):
            raise OutputPathRefused(path, "使用中のデータベースと一緒に使われている関連ファイルです。")
        if not database_copy and resolved.is_relative_to(database.parent / BACKUPS_FOLDER):
            raise OutputPathRefused(path, "データベースのバックアップを保管するフォルダーの中です。")
    if mode is not None and not database_copy and _is_sqlite(resolved):
        raise OutputPathRefused(path, "SQLite のデータベースファイルです（上書きすると中身が失われます）。")
    for suffix in COMPANION_SUFFIXES:
        if resolved.name.endswith(suffix) and _is_sqlite(resolved.with_name(resolved.name[: -len(suffix)])):
            raise OutputPathRefused(path, "データベースと一緒に使われている関連ファイルです。")
    return target


def _companion_names(name: str) -> set[str]:
    return {name + suffix for suffix in COMPANION_SUFFIXES}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _is_sqlite(path: Path) -> bool:
    """Whether ``path`` is a regular file starting with SQLite's header (an empty file is not)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False
