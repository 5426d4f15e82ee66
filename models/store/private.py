"""What Kakeru writes about the customers is its user's alone: folders 0700, files 0600 (POSIX).

The database, its -wal and -shm (SQLite gives them the database file's mode), the backups, the lock and
the crash log are made private as they are created, so another account on a shared or lost laptop
cannot read them. An older file in Kakeru's own data folder is tightened when it is opened. A folder the
person chose for ``--db`` is not changed: only what Kakeru creates in it. Windows keeps a user's profile
private already; there these do nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(path: str | Path) -> Path:
    """Make the folder ``path`` (and its missing parents) and leave it open to its owner only."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    tighten(folder, PRIVATE_FOLDER)
    return folder


def private_file(path: str | Path) -> None:
    """Leave the file at ``path`` readable and writable by its owner only (nothing when it is not there)."""
    tighten(Path(path), PRIVATE_FILE)


def tighten(path: Path, mode: int) -> None:
    """Take away every permission ``mode`` does not give; nothing is ever added.

    A file the process does not own, or cannot change, is left as it is: privacy is a best effort that
    must never stop Kakeru from working.
    """
    if os.name != "posix":
        return
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & ~mode:
            os.chmod(path, current & mode)
    except OSError:
        pass


def is_private(path: str | Path, mode: int = PRIVATE_FILE) -> bool:
    """Whether nobody but the owner may read ``path`` (always True where modes do not apply)."""
    if os.name != "posix":
        return True
    return not stat.S_IMODE(os.stat(path).st_mode) & ~mode
