"""Encrypted databases (SQLCipher): telling them from plain files, their keys, and opening them.

An encrypted file starts with its 16 random bytes of salt where a plain one says "SQLite format 3". Its key
is SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512 of the passphrase over the salt, 256,000 rounds), so the
file opens with its passphrase in any SQLCipher tool too. Kakeru derives the key once and hands SQLCipher
the raw key: a second connection (a worker thread, a backup, the check) then costs no derivation, and a copy
written with the same raw key and salt (every backup) opens with the same passphrase.

The keys of the files unlocked in this process are kept in its memory, by salt, and nowhere else (the OS
keychain holds a passphrase only when the caller asks: ``models.store.keychain``). A plain file never
loads SQLCipher: ``connect`` opens it with ``sqlite3`` exactly as before.

SQLCipher's connections raise their own exception classes, which ``except sqlite3.Error`` (here, in
sqlite-utils) would not catch; ``connect`` returns connections whose errors are ``sqlite3``'s, with the
same SQLite error code, so every error path works the same on both kinds of file.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.store.errors import PassphraseRequired, WrongPassphrase, sqlite_code

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
KDF_ITERATIONS = 256_000  # SQLCipher 4's default: a file keyed here opens with the passphrase elsewhere
# Every SQLite page size is a multiple of 512: a file of another size is no database, encrypted or not.
_PAGE_MULTIPLE = 512


@dataclass(frozen=True)
class Key:
    """The raw key of an encrypted file and its salt."""

    raw: bytes
    salt: bytes

    def __repr__(self) -> str:  # never print a key into a log or a crash report
        return "Key(…)"

    def sql(self) -> str:
        """The key as ``PRAGMA key = …`` and ``ATTACH … KEY …`` take it: raw key and salt, in hex."""
        return f"\"x'{self.raw.hex()}{self.salt.hex()}'\""


ENCRYPTED_CACHE_KIB = -16 * 1024  # PRAGMA cache_size of an encrypted connection (negative: KiB)

_lock = threading.Lock()
_keys: dict[bytes, Key] = {}  # salt → key, for every encrypted file unlocked in this process
_new_files: dict[str, Key] = {}  # resolved path → key, for an encrypted database not written yet


def derive_key(passphrase: str, salt: bytes | None = None) -> Key:
    """The key SQLCipher derives from ``passphrase`` over ``salt`` (a new random salt when None).

    Takes a few tenths of a second on purpose: that is what makes guessing passphrases slow.
    """
    import hashlib  # only for an encrypted file: loading OpenSSL costs a plain start a few milliseconds

    salt = os.urandom(SALT_BYTES) if salt is None else salt
    raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
    return Key(raw, salt)


def file_salt(path: str | Path) -> bytes | None:
    """The salt of the encrypted file at ``path``; None for a plain SQLite file, a missing or empty one, or
    one that cannot be a database (its size is no whole number of pages)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SALT_BYTES)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return None
    if len(head) < SALT_BYTES or head == SQLITE_HEADER or size % _PAGE_MULTIPLE:
        return None
    return head


def looks_encrypted(path: str | Path) -> bool:
    """Whether the file at ``path`` is not plain SQLite but could be an encrypted database.

    Without the passphrase an encrypted file cannot be told from random bytes of a page's size.
    """
    return file_salt(path) is not None


def key_for(path: str | Path) -> Key | None:
    """The key this process holds for the file at ``path``; None for a plain file or an unknown key."""
    salt = file_salt(path)
    with _lock:
        if salt is not None:
            return _keys.get(salt)
        try:
            empty = Path(path).stat().st_size < SALT_BYTES
        except OSError:
            empty = True
        return _new_files.get(_resolved(path)) if empty else None


def is_unlocked(path: str | Path) -> bool:
    """Whether ``path`` opens as it is: a plain (or new) file, or an encrypted one whose key is held."""
    return not looks_encrypted(path) or key_for(path) is not None


def require_unlocked(path: str | Path) -> None:
    """Raise ``PassphraseRequired`` unless the file at ``path`` opens without asking for a passphrase."""
    if not is_unlocked(path):
        raise PassphraseRequired(str(path))


def unlock(path: str | Path, passphrase: str) -> bool:
    """Check ``passphrase`` against the encrypted file at ``path`` and keep its key for this process.

    The file is only read (as immutable: no lock, no file made beside it), so a wrong passphrase leaves it
    byte for byte as it was. Returns False, doing nothing, for a plain file.

    Raises:
        WrongPassphrase: the passphrase does not open the file (or it is no encrypted database).
    """
    salt = file_salt(path)
    if salt is None:
        return False
    key = derive_key(passphrase, salt)
    if not key_opens(path, key):
        raise WrongPassphrase(str(path))
    remember(key)
    return True


def key_opens(path: str | Path, key: Key) -> bool:
    """Whether ``key`` reads the encrypted file at ``path`` (opened read-only as immutable)."""
    conn = _open(_read_only_uri(path), key, uri=True, timeout=5.0)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        if error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_NOTADB:
            return False
        raise
    finally:
        conn.close()
    return True


def remember(key: Key) -> None:
    """Hold ``key`` for every file with its salt (the database, its backups) until the process ends."""
    with _lock:
        _keys[key.salt] = key


def prepare_new(path: str | Path, key: Key) -> None:
    """Make the database about to be created at ``path`` an encrypted one, with ``key``."""
    remember(key)
    with _lock:
        _new_files[_resolved(path)] = key


def forget_all() -> None:
    """Drop every key held (tests; a person locking the app would too)."""
    with _lock:
        _keys.clear()
        _new_files.clear()


def connect(path: str | Path, *, query: str = "", timeout: float = 5.0, **kwargs: Any) -> sqlite3.Connection:
    """``sqlite3.connect`` for the database file at ``path``, through SQLCipher when it is encrypted.

    Args:
        path: the database file, or ":memory:".
        query: URI parameters (``mode=ro&immutable=1``); the file is then opened by its ``file:`` URI.
        timeout: how long to wait for a lock, as ``sqlite3.connect`` takes it.
        kwargs: passed on (``isolation_level``, ``check_same_thread``).

    An encrypted file whose key this process does not hold is opened plainly: reading it raises
    SQLITE_NOTADB, as any file that is not a database does (``require_unlocked`` says it better first).
    """
    path = str(path)
    key = None if path == ":memory:" else key_for(path)
    target = f"{Path(path).resolve().as_uri()}?{query}" if query else path
    if key is None:
        return sqlite3.connect(target, timeout=timeout, uri=bool(query), **kwargs)
    return _open(target, key, uri=bool(query), timeout=timeout, **kwargs)


def connect_like(conn: Any, path: str | Path, **kwargs: Any) -> sqlite3.Connection:
    """A connection to a new file at ``path`` encrypted as ``conn``'s database is (or plain, as it is).

    What a copy of ``conn``'s database is written through: the backup API copies pages between
    connections whose files are encrypted alike, and the copy opens with the same passphrase.
    """
    key = key_of(conn)
    if key is None:
        return sqlite3.connect(str(path), **kwargs)
    return _open(str(path), key, uri=False, timeout=kwargs.pop("timeout", 5.0), **kwargs)


def key_of(conn: Any) -> Key | None:
    """The key of the encrypted database ``conn`` (a connection or a sqlite-utils Database) is open on."""
    return getattr(getattr(conn, "conn", conn), "kakeru_key", None)


def open_with_key(target: str | Path, key: Key | None, **kwargs: Any) -> sqlite3.Connection:
    """A SQLCipher connection to ``target`` keyed with ``key``, or reading a plain file when ``key`` is None
    (what converting between the two needs: one connection that can attach both kinds)."""
    return _open(str(target), key, uri=False, timeout=kwargs.pop("timeout", 5.0), **kwargs)


# -- SQLCipher connections that raise sqlite3's errors ----------------------------------------------

def _resolved(path: str | Path) -> str:
    return str(Path(path).resolve())


def _read_only_uri(path: str | Path) -> str:
    return f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1"


_classes: tuple[type, type] | None = None


def _open(target: str, key: Key | None, *, uri: bool, timeout: float, **kwargs: Any) -> sqlite3.Connection:
    import sqlcipher3  # only for an encrypted file: a plain one never loads SQLCipher

    connection_class, _cursor_class = _cipher_classes()
    try:
        conn = sqlcipher3.connect(target, timeout=timeout, uri=uri, factory=connection_class, **kwargs)
    except (sqlcipher3.Error, sqlcipher3.Warning) as error:
        raise as_sqlite3_error(error) from error
    # SQLCipher writes a wrong key's decryption failures to stderr; the caller reads a sentence instead.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f"PRAGMA key = {key.sql()}")
        # A page read again costs a decryption (and its HMAC), not a copy from the OS's cache: keep more of
        # them decrypted (16 MiB instead of 8; the KPI page of a 100,000-company file then reads as fast as
        # a plain one, bench/run.py --encrypted). Only pages actually read take memory.
        try:
            conn.execute(f"PRAGMA cache_size = {ENCRYPTED_CACHE_KIB}")
        except sqlite3.DatabaseError as error:
            if sqlite_code(error) != sqlite3.SQLITE_NOTADB:
                raise
            # A wrong key: the caller's first read says so (WrongPassphrase, or a file that is no database).
    conn.kakeru_key = key
    return conn


def as_sqlite3_error(error: BaseException) -> BaseException:
    """``sqlite3``'s exception of the same kind as SQLCipher's ``error``, with its SQLite error code."""
    kind = getattr(sqlite3, type(error).__name__, None)
    if not (isinstance(kind, type) and issubclass(kind, (sqlite3.Error, sqlite3.Warning))):
        kind = sqlite3.DatabaseError
    same = kind(*error.args)
    for name in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(error, name):
            setattr(same, name, getattr(error, name))
    return same


def _cipher_classes() -> tuple[type, type]:
    """SQLCipher's connection and cursor classes, raising ``sqlite3``'s exceptions (made on first use)."""
    global _classes
    if _classes is not None:
        return _classes
    import sqlcipher3

    caught = (sqlcipher3.Error, sqlcipher3.Warning)

    def translated(method: Any) -> Any:
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except caught as error:
                raise as_sqlite3_error(error) from error

        call.__name__ = method.__name__
        return call

    class CipherCursor(sqlcipher3.Cursor):
        execute = translated(sqlcipher3.Cursor.execute)
        executemany = translated(sqlcipher3.Cursor.executemany)
        executescript = translated(sqlcipher3.Cursor.executescript)
        fetchone = translated(sqlcipher3.Cursor.fetchone)
        fetchmany = translated(sqlcipher3.Cursor.fetchmany)
        fetchall = translated(sqlcipher3.Cursor.fetchall)
        __next__ = translated(sqlcipher3.Cursor.__next__)

    class CipherConnection(sqlcipher3.Connection):
        kakeru_key: Key | None = None

        def cursor(self, factory: Any = CipherCursor) -> Any:
            return super().cursor(factory)

        execute = translated(sqlcipher3.Connection.execute)
        executemany = translated(sqlcipher3.Connection.executemany)
        executescript = translated(sqlcipher3.Connection.executescript)
        commit = translated(sqlcipher3.Connection.commit)
        rollback = translated(sqlcipher3.Connection.rollback)
        backup = translated(sqlcipher3.Connection.backup)
        __exit__ = translated(sqlcipher3.Connection.__exit__)

    with _lock:
        _classes = (CipherConnection, CipherCursor)
    return _classes
