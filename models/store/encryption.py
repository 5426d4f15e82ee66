"""Encrypting, decrypting and changing the passphrase of a database file in place, with its backups.

Every conversion runs in the same order, so that stopping anywhere (a crash, a full disk) leaves the
database as it was and running the same command again finishes the work:

1. the database is switched out of WAL mode, which needs every other connection closed (else
   ``DatabaseLocked``, nothing changed);
2. a backup is taken first (``before-encrypt``, ``before-decrypt``, ``before-passphrase``), written as the
   database will be: an encrypted database's backups are encrypted too;
3. every other backup in its folder is converted the same way, so no readable copy is left behind;
4. the database itself is exported with SQLCipher's ``sqlcipher_export`` into a file beside it, synced
   and verified (``quick_check``, the schema version, every table's row count), then renamed over it.

The caller closes its connections first and opens the file again afterwards (``open_db``).
"""

from __future__ import annotations

import glob
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from models.store import cipher
from models.store.backup_folder import (
    SIDE_FILES,
    backup_stem,
    free_name,
    fsync_dir,
    list_backups,
    remove_partials,
    unlink_quietly,
)
from models.store.db import backup_dir
from models.store.errors import (
    DatabaseLocked,
    DatabaseMissing,
    KakeruError,
    ValidationError,
    classify,
    is_busy,
)

MIN_PASSPHRASE_LENGTH = 8
ENCRYPT, DECRYPT, REKEY = "before-encrypt", "before-decrypt", "before-passphrase"
STAGING_SUFFIX = ".converting"

Progress = Callable[[int, int], object]  # (bytes done, bytes in all); what it returns is ignored


class AlreadyEncrypted(KakeruError):
    def __init__(self, path: str | Path):
        super().__init__(f"データベース「{path}」はすでに暗号化されています。ファイルは変更していません。"
                         "パスフレーズを変えるときは「パスフレーズの変更」をお使いください。")


class NotEncrypted(KakeruError):
    def __init__(self, path: str | Path):
        super().__init__(f"データベース「{path}」は暗号化されていません。ファイルは変更していません。")


class ConversionFailed(KakeruError):
    """The converted file could not be written or did not match the original; the database is as it was."""

    def __init__(self, path: str | Path, detail: str = ""):
        super().__init__(
            f"データベース「{path}」を変換できませんでした。データベースは変更していません。"
            "ディスクの空き容量が足りているか（変換前のバックアップと変換中の複製のため、"
            "データベースの 2 倍ほどの空きが要ります）、フォルダーに書き込めるかをご確認ください。"
            + (f"（詳細: {detail}）" if detail else "")
        )


@dataclass(frozen=True)
class Conversion:
    """What a conversion did: the backup it took first, and the other backups it converted or could not."""

    path: Path
    backup: Path
    backups_converted: int
    backups_left: tuple[Path, ...] = field(default=())

    def summary_ja(self) -> str:
        """The result as a sentence, naming any backup left as it was."""
        text = f"変換前のバックアップ「{self.backup.name}」を作成しました。"
        if self.backups_converted:
            text = (f"変換前のバックアップ「{self.backup.name}」を作成し、"
                    f"ほかのバックアップ {self.backups_converted} 件も同じように変換しました。")
        if self.backups_left:
            names = "、".join(path.name for path in self.backups_left)
            text += (f"次のバックアップは読み取れなかったため、そのまま残しています"
                     f"（破損しているか、別のパスフレーズで暗号化されています）: {names}")
        return text


def check_passphrase(passphrase: str, confirmation: str | None = None) -> None:
    """Refuse a passphrase too short to protect anything, or one its confirmation does not repeat.

    Raises:
        ValidationError: with the sentence to show.
    """
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError(f"パスフレーズは {MIN_PASSPHRASE_LENGTH} 文字以上にしてください。")
    if confirmation is not None and confirmation != passphrase:
        raise ValidationError("確認のために入力したパスフレーズが一致しません。もう一度入力してください。")


def encrypt_database(path: str | Path, passphrase: str, *, progress: Progress | None = None,
                     now: datetime | None = None) -> Conversion:
    """Encrypt the plain database at ``path`` (and its backups) with ``passphrase``; keep its key.

    Raises:
        ValidationError: the passphrase is too short.
        AlreadyEncrypted: the file is encrypted already.
        DatabaseMissing, DatabaseLocked, ConversionFailed: nothing was changed (see the module).
    """
    path = _existing(path)
    check_passphrase(passphrase)
    if cipher.looks_encrypted(path):
        raise AlreadyEncrypted(path)
    key = cipher.derive_key(passphrase)
    done = _convert(path, None, key, ENCRYPT, [passphrase], progress, now)
    cipher.remember(key)
    return done


def decrypt_database(path: str | Path, passphrase: str | None = None, *, progress: Progress | None = None,
                     now: datetime | None = None) -> Conversion:
    """Store the encrypted database at ``path`` (and its backups) unencrypted again.

    ``passphrase`` may be None when this process holds the key already (the app has the file open).

    Raises:
        NotEncrypted, WrongPassphrase: nothing was changed.
        PassphraseRequired: no passphrase given and no key held.
        DatabaseMissing, DatabaseLocked, ConversionFailed: nothing was changed (see the module).
    """
    path = _existing(path)
    old = _current_key(path, passphrase)
    return _convert(path, old, None, DECRYPT, [passphrase] if passphrase else [], progress, now)


def change_passphrase(path: str | Path, new_passphrase: str, old_passphrase: str | None = None, *,
                      progress: Progress | None = None, now: datetime | None = None) -> Conversion:
    """Encrypt the database at ``path`` (and its backups) with ``new_passphrase`` instead; keep its key.

    Raises:
        ValidationError: the new passphrase is too short.
        NotEncrypted, WrongPassphrase, PassphraseRequired: nothing was changed.
        DatabaseMissing, DatabaseLocked, ConversionFailed: nothing was changed (see the module).
    """
    path = _existing(path)
    check_passphrase(new_passphrase)
    old = _current_key(path, old_passphrase)
    key = cipher.derive_key(new_passphrase)
    tried = [p for p in (old_passphrase, new_passphrase) if p]
    done = _convert(path, old, key, REKEY, tried, progress, now)
    cipher.remember(key)
    return done


def encrypted_copy(source: str | Path, destination: str | Path, key: cipher.Key) -> None:
    """Write the (plain, closed) database at ``source`` to ``destination`` encrypted with ``key``, synced
    and verified; ``source`` is left as it is (the benchmark's encrypted copy of its demo database).

    Raises:
        ConversionFailed: the copy does not match the original.
    """
    _export(Path(source), None, Path(destination), key, _Meter(None, 1))


# -- the steps -----------------------------------------------------------------------------------------

def _existing(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise DatabaseMissing(str(path))
    return path


def _current_key(path: Path, passphrase: str | None) -> cipher.Key:
    """The key of the encrypted file at ``path``: from ``passphrase``, else the one this process holds."""
    if not cipher.looks_encrypted(path):
        raise NotEncrypted(path)
    if passphrase is not None:
        cipher.unlock(path, passphrase)
    cipher.require_unlocked(path)
    key = cipher.key_for(path)
    assert key is not None  # require_unlocked said so
    return key


def _convert(path: Path, old: cipher.Key | None, new: cipher.Key | None, reason: str,
             passphrases: Sequence[str], progress: Progress | None, now: datetime | None) -> Conversion:
    _leave_wal_mode(path)
    before = _stat(path)
    folder = backup_dir(path)
    stem = backup_stem(str(path))
    others = [info.path for info in list_backups(path)]
    sizes = [path.stat().st_size, *(_size(other) for other in others), path.stat().st_size]
    meter = _Meter(progress, sum(sizes))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(path, folder, stem)
        first = free_name(folder, stem, now or datetime.now(), reason)
        _export(path, old, first, new, meter, partial=Path(f"{first}.partial"))
        fsync_dir(folder)
    except (OSError, sqlite3.Error) as error:
        raise _failed(path, error) from error
    meter.finish(sizes[0])
    converted, left = 0, []
    for other, size in zip(others, sizes[1:-1], strict=True):
        outcome = _convert_backup(other, new, passphrases, meter)
        converted += outcome is True
        if outcome is None:
            left.append(other)
        meter.finish(size)
    staging = Path(f"{path}{STAGING_SUFFIX}")
    try:
        _export(path, old, staging, new, meter)
        if _stat(path) != before:  # another program wrote meanwhile: its writes are not in the copy
            raise DatabaseLocked(str(path))
        for suffix in SIDE_FILES:
            unlink_quietly(Path(f"{path}{suffix}"))
        os.replace(staging, path)
        fsync_dir(path.parent)
    except (OSError, sqlite3.Error) as error:
        raise _failed(path, error) from error
    finally:
        unlink_quietly(staging)
    meter.finish(sizes[-1])
    return Conversion(path, first, converted, tuple(left))


def _convert_backup(backup: Path, new: cipher.Key | None, passphrases: Sequence[str],
                    meter: _Meter) -> bool | None:
    """Convert one backup in place: True when done, False when already as wanted, None when unreadable."""
    salt = cipher.file_salt(backup)
    if (new is None and salt is None) or (new is not None and salt == new.salt):
        return False
    old = cipher.key_for(backup) if salt is not None else None
    if salt is not None and old is None:
        old = next((key for key in (cipher.derive_key(p, salt) for p in passphrases)
                    if cipher.key_opens(backup, key)), None)
        if old is None:
            return None
    staging = Path(f"{backup}{STAGING_SUFFIX}")
    try:
        _export(backup, old, staging, new, meter)
        os.replace(staging, backup)
        for suffix in SIDE_FILES:
            unlink_quietly(Path(f"{backup}{suffix}"))
        fsync_dir(backup.parent)
    except (OSError, sqlite3.Error, ConversionFailed):
        return None
    finally:
        unlink_quietly(staging)
    return True


def _export(source: Path, old: cipher.Key | None, destination: Path, new: cipher.Key | None,
            meter: _Meter, partial: Path | None = None) -> None:
    """Write ``source`` (keyed ``old``) to ``destination`` keyed ``new``, synced and verified.

    With ``partial`` the file is written there and renamed to ``destination`` once verified.
    """
    written = partial or destination
    for suffix in ("", *SIDE_FILES):
        unlink_quietly(Path(f"{written}{suffix}"))
    conn = cipher.open_with_key(source, old, isolation_level=None)
    try:
        conn.set_progress_handler(lambda: meter.at(_size(written)), 20_000)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        key_sql = new.sql() if new is not None else "''"
        conn.execute(f"ATTACH DATABASE ? AS converted KEY {key_sql}", (str(written),))
        conn.execute("BEGIN")  # one snapshot: nothing can write to the source until the copy is whole
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {int(version)}")
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND rootpage > 0")]
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            counts = conn.execute(f"SELECT (SELECT count(*) FROM main.{quoted}), "
                                  f"(SELECT count(*) FROM converted.{quoted})").fetchone()
            if counts[0] != counts[1]:
                raise ConversionFailed(source, f"{table}: {counts[0]} → {counts[1]}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    with open(written, "rb+") as handle:
        os.fsync(handle.fileno())
    check = cipher.open_with_key(written, new)
    try:
        verdict = [row[0] for row in check.execute("PRAGMA quick_check")]
        copied_version = check.execute("PRAGMA user_version").fetchone()[0]
    finally:
        check.close()
    if verdict != ["ok"] or copied_version != version:
        raise ConversionFailed(source, f"quick_check: {verdict[:3]}, user_version {copied_version}")
    if partial is not None:
        os.replace(partial, destination)


def _leave_wal_mode(path: Path) -> None:
    """Fold the WAL into the file and stop using one: refused while any other connection is open."""
    conn = cipher.connect(path, timeout=1.0, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise _failed(path, error) from error
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise DatabaseLocked(str(path))


def _failed(path: Path, error: BaseException) -> KakeruError:
    if isinstance(error, KakeruError):
        return error
    if isinstance(error, sqlite3.Error):
        named = classify(error, str(path))
        if named is not None and not is_busy(error):
            return ConversionFailed(path, str(named))
        if named is not None:
            return named
    return ConversionFailed(path, str(error))


def _remove_leftovers(path: Path, folder: Path, stem: str) -> None:
    """What an interrupted conversion (or backup) of the database at ``path`` left beside it."""
    remove_partials(folder, stem)
    for leftover in (*folder.glob(f"{glob.escape(stem)}-*{STAGING_SUFFIX}*"),
                     *path.parent.glob(f"{glob.escape(path.name)}{STAGING_SUFFIX}*")):
        unlink_quietly(leftover)


def _stat(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Meter:
    """Bytes converted so far, reported to ``progress`` (the copy being written counts as it grows)."""

    def __init__(self, progress: Progress | None, total: int):
        self.progress = progress
        self.total = max(total, 1)
        self.done = 0

    def at(self, current: int) -> int:
        if self.progress is not None:
            self.progress(min(self.done + current, self.total), self.total)
        return 0  # SQLite's progress handler: 0 goes on

    def finish(self, size: int) -> None:
        self.done = min(self.done + size, self.total)
        if self.progress is not None:
            self.progress(self.done, self.total)
