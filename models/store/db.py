"""Opening the one SQLite store: pragmas, migrations, backups, and the helpers every write uses."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from models.store import cipher, clock
from models.store.errors import (
    DatabaseCannotOpen,
    DatabaseEmpty,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseTooNew,
    classify,
    classify_os_error,
)
from models.store.lazy_database import LazyDatabase
from models.store.output_path import remember_database
from models.store.private import is_private, private_file, private_folder
from models.store.schema import LATEST_VERSION, MIGRATIONS

if TYPE_CHECKING:  # sqlite-utils is loaded when first needed (models.store.lazy_database)
    from sqlite_utils import Database
    from sqlite_utils.db import Table

APP_NAME = "Kakeru"
DB_FILE_NAME = "kakeru.db"


def _user_data_dir() -> str:
    import platformdirs  # only where the default folder is asked for: not at every start

    return platformdirs.user_data_dir(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """The user's data folder for Kakeru (created when missing, open to the user only)."""
    return private_folder(_user_data_dir())


def _in_data_folder(path: str) -> bool:
    """Whether ``path`` is in Kakeru's own data folder (whose older files are made private on open)."""
    return Path(path).resolve().parent == Path(_user_data_dir()).resolve()


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def backup_dir(db_path: str | Path) -> Path:
    """Where backups of the database at ``db_path`` are kept: a ``backups`` folder beside it."""
    return Path(db_path).resolve().parent / "backups"


def now_iso() -> str:
    """Now in the working zone (models.store.clock) as ISO 8601 with its offset, to the second."""
    return clock.now_text()


def new_uid() -> str:
    """A row's uid (for sync between laptops): a UUIDv7 written as 32 lowercase hex digits.

    The first 48 bits are the Unix time in milliseconds, so the uids of new rows sort after the older
    ones and a uid index grows at one end instead of taking inserts on random pages; the other bits are
    the version and variant (6 bits) and 74 random bits, unique among laptops without asking anyone.
    """
    return new_uids(1)[0]


_VARIANT = bytes(ord("89ab"[byte & 3]) for byte in range(256))  # RFC 9562 variant 10xx: 2 random bits


def new_uids(count: int) -> list[str]:
    """``count`` uids as ``new_uid`` makes them, from one clock reading and one read of urandom."""
    millis = f"{time.time_ns() // 1_000_000 & 0xFFFF_FFFF_FFFF:012x}7"
    random_hex = os.urandom(9 * count).hex()  # 72 random bits a uid, and 2 in its variant digit
    variants = os.urandom(count).translate(_VARIANT).decode("ascii")
    return [
        f"{millis}{random_hex[start:start + 3]}{variant}{random_hex[start + 3:start + 18]}"
        for start, variant in zip(range(0, 18 * count, 18), variants, strict=True)
    ]


def stamp(record: dict, *, now: str | None = None) -> dict:
    """Return ``record`` with uid, created_at and updated_at filled in for an insert."""
    now = now or now_iso()
    return {"uid": new_uid(), "created_at": now, "updated_at": now, **record}


def inserted_id(inserted: Table | sqlite3.Cursor) -> int:
    """The id of the row a table or an INSERT cursor just inserted (both are typed as maybe None).

    A cursor is any DB-API cursor: an encrypted file's (sqlcipher3's) is not a ``sqlite3.Cursor``, so the
    table is what is told apart (sqlite-utils is loaded by then: something was written).
    """
    from sqlite_utils.db import Table as _Table

    row_id = inserted.last_pk if isinstance(inserted, _Table) else inserted.lastrowid
    if not isinstance(row_id, int):
        raise TypeError(f"expected the integer id of an inserted row, got {row_id!r}")
    return row_id


@contextmanager
def writing(db: Database) -> Iterator[Database]:
    """One write transaction; environment failures (disk full, lock, damage…) become named errors."""
    try:
        with db.atomic():
            yield db
    except sqlite3.DatabaseError as error:
        mapped = classify(error, db_path(db))
        if mapped is None:
            raise
        raise mapped from error


def db_path(db: Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] or ":memory:"


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def backup_to(db: Database, destination: str | Path) -> Path:
    """Copy the live database to ``destination`` with SQLite's backup API (consistent under writes)."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    # A copy of the customers is the user's alone wherever it goes (the folder stays as chosen).
    target = cipher.connect_like(db.conn, partial)  # a copy of an encrypted database is encrypted alike
    private_file(partial)
    try:
        db.conn.backup(target)
    finally:
        target.close()
    partial.replace(destination)  # a backup is either whole or absent
    return destination


def migrate(db: Database, path: str = ":memory:") -> int:
    """Bring the schema to ``LATEST_VERSION``; return the version the file had before.

    Refuses a file written by a newer Kakeru. Backs a non-empty file up before upgrading it.
    """
    before = schema_version(db)
    if before > LATEST_VERSION:
        raise DatabaseTooNew(path, before, LATEST_VERSION)
    if 0 < before < LATEST_VERSION and path != ":memory:":
        stamp_text = datetime.now().strftime("%Y%m%d-%H%M%S")
        private_folder(backup_dir(path))
        backup_to(db, backup_dir(path) / f"{Path(path).stem}-before-v{LATEST_VERSION}-{stamp_text}.db")
    for version in range(before + 1, LATEST_VERSION + 1):
        with writing(db):
            for statement in MIGRATIONS[version - 1]:
                if callable(statement):
                    statement(db)  # a step SQL cannot say (migration 8 rewrites timestamps in Python)
                else:
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {version}")
    return before


def wrap(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over ``conn``, without running sqlite-utils plugins on it, imported on first need.

    A ``LazyDatabase``: reads go to the connection until something needs sqlite-utils itself (a write,
    a table's metadata), so the first screen is painted without importing it. Plugins installed beside
    Kakeru have no business changing its connections, and looking them up (through the installed
    packages' metadata) took a tenth of the app's start-up.
    """
    return LazyDatabase(conn)


def open_db(path: str | Path | None = None, *, busy_timeout_s: float = 5.0) -> Database:
    """Open (or create) the Kakeru database at ``path`` (default: the user data folder).

    The file's ``time_zone`` setting becomes the process's working zone (models.store.time_zone).

    An encrypted file opens once its key is held (``models.store.cipher.unlock``).

    Raises:
        DatabaseEmpty, DatabaseReadOnly: the file is empty, or it or its folder cannot be written
            (``check_can_open``).
        PassphraseRequired: the file is encrypted (or no database) and no passphrase was given for it.
        DatabaseTooNew, DatabaseCorrupt, DatabaseLocked, DiskFull, DatabaseReadOnly, DiskError,
        DatabaseCannotOpen: the file cannot be used as is.
    """
    path = str(path) if path is not None else str(default_db_path())
    if path != ":memory:":
        check_can_open(path)
        cipher.require_unlocked(path)
    created = path != ":memory:" and not Path(path).exists()
    try:
        conn = cipher.connect(path, timeout=busy_timeout_s)
        db = wrap(conn)
        # A private file needs nothing (its -wal and -shm get its mode), nor the data folder's name.
        if created or (path != ":memory:" and not is_private(path) and _in_data_folder(path)):
            # Before the WAL switch: SQLite gives the -wal and -shm it makes the database file's mode.
            for file in (path, *(path + suffix for suffix in ("-wal", "-shm", "-journal"))):
                private_file(file)
        # Refuse a newer file before anything (even the WAL switch) touches its header.
        if schema_version(db) > LATEST_VERSION:
            raise DatabaseTooNew(path, schema_version(db), LATEST_VERSION)
        # Asked first: a file already in WAL mode (every file Kakeru opened before) needs no switch,
        # and the switch is sqlite-utils' (outside any transaction).
        if path != ":memory:" and db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        # FULL: a logged call survives a power cut too, not only a killed process.
        db.execute("PRAGMA synchronous = FULL")
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        migrate(db, path)
        from models.store.time_zone import apply_time_zone  # it imports this module

        apply_time_zone(db)
    except sqlite3.DatabaseError as error:
        mapped = classify(error, path)
        if mapped is None:
            raise
        raise mapped from error
    remember_database(path)
    return db


def check_can_open(path: str | Path) -> None:
    """Refuse, before SQLite touches it, a file Kakeru could not keep its records in; make its folder.

    Raises:
        DatabaseEmpty: an existing file of 0 bytes: not a database, and SQLite would silently make it
            a new, empty one.
        DatabaseReadOnly: the file or its folder cannot be written (permissions, a read-only drive),
            so the first record would fail to save.
        DiskFull, DatabaseCannotOpen: the folder could not be made, or ``path`` is a folder.
    """
    file = Path(path)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise classify_os_error(error, str(path), folder=True) from error
    if file.is_dir():
        raise DatabaseCannotOpen(str(path))
    if file.is_file():
        if file.stat().st_size == 0:
            raise DatabaseEmpty(str(path))
        if not os.access(file, os.W_OK):
            raise DatabaseReadOnly(str(path), opening=True)
    # SQLite makes its -wal, -shm and -journal files beside the database.
    if not os.access(file.parent, os.W_OK | os.X_OK):
        raise DatabaseReadOnly(str(path), opening=True, folder=True)


def open_existing(path: str | Path, *, busy_timeout_s: float = 5.0) -> Database:
    """``open_db`` for a file that must already exist, as a command that only reads needs.

    A file on read-only storage is opened read-only (``read_only_connection``) instead of refused.

    Raises:
        DatabaseMissing: no file at ``path`` (nothing is created, not even its folder).
        DatabaseError: as ``open_db``.
    """
    if not Path(path).is_file():
        raise DatabaseMissing(str(path))
    try:
        return open_db(path, busy_timeout_s=busy_timeout_s)
    except DatabaseReadOnly as error:
        if not error.opening:
            raise
        refused = error
    # Read-only storage (a CD, a write-protected share): reading needs no write, so read it as it is.
    path = str(path)
    cipher.require_unlocked(path)
    try:
        db = wrap(read_only_connection(path, busy_timeout_s=busy_timeout_s))
        version = schema_version(db)
        if version > LATEST_VERSION:
            raise DatabaseTooNew(path, version, LATEST_VERSION)
        if version < LATEST_VERSION:
            raise refused  # an older file must be upgraded first, which needs a write
        from models.store.time_zone import apply_time_zone

        apply_time_zone(db)
    except sqlite3.DatabaseError as error:
        mapped = classify(error, path)
        if mapped is None:
            raise
        raise mapped from error
    remember_database(path)
    return db


def read_only_connection(path: str | Path, *, busy_timeout_s: float = 5.0) -> sqlite3.Connection:
    """A connection that can only read the database at ``path``, even on read-only storage.

    ``PRAGMA query_only`` makes any write fail with SQLITE_READONLY (``DatabaseReadOnly``). Without a
    -wal file beside it the main file holds everything, so it is opened as immutable: SQLite then
    needs no -shm file, which a read-only folder could not hold.
    """
    file = Path(path).resolve()
    immutable = "" if Path(f"{file}-wal").exists() else "&immutable=1"
    conn = cipher.connect(file, query=f"mode=ro{immutable}", timeout=busy_timeout_s)
    conn.execute("PRAGMA query_only = ON")
    return conn
