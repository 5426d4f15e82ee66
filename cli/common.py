"""What every subcommand shares: exit codes and opening the database for reading or writing."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


EXIT_OK = 0
EXIT_FAILED = 1


def open_for_writing(args: argparse.Namespace) -> tuple[Database, bool]:
    """The database of a subcommand that writes (import, demo), checked as the app checks it at start;
    with whether the file was there before (and so is backed up before the first write).

    A missing file is created. An existing one is checked before anything writes to it: a damaged file
    is refused, never written to.

    Raises:
        DatabaseCorrupt: the file fails ``quick_check``.
        DatabaseLocked: another program holds the file.
        DatabaseError: as ``open_db``.
    """
    import sqlite3

    from models.store.check import quick_check
    from models.store.db import check_can_open, open_db
    from models.store.errors import DatabaseCorrupt, DatabaseLocked

    path = str(args.db)
    check_can_open(path)  # a read-only folder or an empty file is said plainly, not taken for damage
    existed = Path(path).exists()
    try:
        sound = quick_check(path)
    except sqlite3.OperationalError as error:  # busy: another program is writing
        raise DatabaseLocked(path) from error
    if not sound:
        raise DatabaseCorrupt(path, "整合性チェック（quick_check）で問題が見つかりました。"
                                    "`check` で内容を確認できます")
    return open_db(path), existed


def open_for_reading(args: argparse.Namespace):
    """The database of a subcommand that only reads: a mistyped ``--db`` is refused, never created.

    Raises:
        DatabaseMissing: no file at ``--db``.
    """
    from models.store.db import open_existing

    return open_existing(args.db)
