"""Expected failures, each a named exception carrying a plain Japanese sentence for the user.

Anything not derived from ``KakeruError`` is a bug and goes to the crash reporter instead.
``classify`` tells which SQLite errors are the environment's fault, by SQLite's error code.
"""

from __future__ import annotations

import errno
import sqlite3


class KakeruError(Exception):
    """An expected failure: the environment's or the input's fault, not the program's.

    ``str(error)`` is a complete sentence in Japanese (敬体) saying what happened and what to do.
    """


class DatabaseError(KakeruError):
    """The database file cannot be used as it is."""


class DatabaseTooNew(DatabaseError):
    def __init__(self, path: str, file_version: int, app_version: int):
        self.file_version = file_version
        self.app_version = app_version
        super().__init__(
            f"データベース「{path}」は新しいバージョンの Kakeru で作成されています"
            f"（ファイルの版 {file_version}、このアプリの対応版 {app_version}）。"
            "Kakeru を最新版に更新してから開いてください。ファイルは変更していません。"
        )


class DatabaseCorrupt(DatabaseError):
    def __init__(self, path: str, detail: str = ""):
        self.detail = detail
        super().__init__(
            f"データベース「{path}」が破損しているか、Kakeru のデータベースではありません。"
            "ファイルは変更していません。バックアップから復元してください。"
            + (f"（詳細: {detail}）" if detail else "")
        )


class DatabaseLocked(DatabaseError):
    def __init__(self, path: str):
        super().__init__(
            f"データベース「{path}」は別のプログラムが使用中です。"
            "ほかに開いている Kakeru を閉じてから、もう一度お試しください。"
        )


class DiskFull(DatabaseError):
    def __init__(self, path: str = ""):
        where = f"「{path}」の" if path else ""
        super().__init__(
            f"{where}ディスクの空き容量が不足しているため、保存できませんでした。"
            "データは保存前の状態のままです。空き容量を確保してから、もう一度お試しください。"
        )


class DatabaseReadOnly(DatabaseError):
    """The file (or its folder) cannot be written: met at open (``opening``) or by a write."""

    def __init__(self, path: str, *, opening: bool = False, folder: bool = False):
        self.opening = opening
        self.folder = folder
        what = "のあるフォルダー" if folder else ""
        if opening:
            super().__init__(
                f"データベース「{path}」{what}は読み取り専用のため、Kakeru で開けません"
                "（開いても、記録を保存できないためです）。ファイルは変更していません。"
                f"{'フォルダー' if folder else 'ファイル'}に書き込みの権限があるか、"
                "読み取り専用のドライブや USB メモリーに置かれていないかをご確認ください。"
            )
            return
        super().__init__(
            f"データベース「{path}」{what}は読み取り専用になっているため、書き込めませんでした。"
            "今回の変更は保存されていません。ファイルとフォルダーに書き込みの権限があるかを確認してから、"
            "もう一度お試しください。"
        )


class DatabaseEmpty(DatabaseError):
    """An existing file of 0 bytes was given as the database: it is not one, and is never replaced."""

    def __init__(self, path: str):
        super().__init__(
            f"データベース「{path}」は中身が空のファイル（0 バイト）で、Kakeru のデータベースではありません。"
            "ファイルは変更していません。パスが正しいかをご確認ください。"
            "正しい場合は、バックアップから復元してください。"
        )


class DiskError(DatabaseError):
    def __init__(self, path: str):
        super().__init__(
            f"データベース「{path}」の読み書き中に、ディスクのエラーが起きました。"
            "今回の変更は保存されていない可能性があります。ディスクやネットワークドライブの接続を確認し、"
            "Kakeru を起動し直してから、もう一度お試しください。"
        )


class DatabaseCannotOpen(DatabaseError):
    def __init__(self, path: str):
        super().__init__(
            f"データベース「{path}」を開けませんでした。"
            "ファイルのあるフォルダーが存在するか、読み書きの権限があるかを確認してください。"
        )


class DatabaseMissing(DatabaseError):
    """No file at the path given; raised where a mistyped path must not become a new, empty database."""

    def __init__(self, path: str):
        super().__init__(f"データベース「{path}」が見つかりません。パスをご確認ください。")


class PassphraseRequired(DatabaseCorrupt):
    """The file is not plain SQLite: encrypted (and no passphrase was given for it), damaged, or not a
    database at all, which cannot be told apart without the passphrase."""

    def __init__(self, path: str):
        # DatabaseCorrupt's own sentence would call an encrypted file damaged: say both, in one sentence.
        DatabaseError.__init__(
            self,
            f"データベース「{path}」は暗号化されているか、破損しているか、"
            "Kakeru のデータベースではありません。暗号化したデータベースでしたら、パスフレーズを入力して"
            "開いてください（コマンドでは、端末で入力するか、環境変数 KAKERU_PASSPHRASE で指定できます）。"
            "暗号化していない場合は、バックアップから復元してください。ファイルは変更していません。",
        )
        self.path = path
        self.detail = ""


class WrongPassphrase(DatabaseError):
    """The passphrase does not open the encrypted file; nothing was changed."""

    def __init__(self, path: str):
        super().__init__(
            f"パスフレーズが違うため、データベース「{path}」を開けませんでした"
            "（または、このファイルは暗号化した Kakeru のデータベースではありません）。"
            "ファイルは変更していません。パスフレーズを確かめて、もう一度入力してください。"
        )


class ImportFileError(KakeruError):
    """A file offered for import cannot be read; nothing was written."""


class ValidationError(KakeruError):
    """A value given by the user does not fit (e.g. a date in the past, an empty name)."""


class NotFound(KakeruError):
    """A record that was asked for does not exist (any more)."""


def classify_os_error(error: OSError, path: str, *, folder: bool = False) -> DatabaseError:
    """The named error for an ``OSError`` met while preparing the database's file or folder.

    Args:
        error: what the file system raised.
        path: the database file, named in the sentence.
        folder: the error concerns the folder the database lives in.
    """
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DatabaseReadOnly(path, opening=True, folder=folder)
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(path)
    return DatabaseCannotOpen(path)


def sqlite_code(error: BaseException) -> int | None:
    """SQLite's primary result code of ``error`` (extended codes folded), or None when it has none.

    Codes, not message text: the text changes between SQLite versions, and ``sqlite3`` raises
    ``DatabaseError`` for some of these and ``OperationalError`` for others.
    """
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(error: BaseException) -> bool:
    """Whether another connection (or a statement still running on this one) holds the lock."""
    return sqlite_code(error) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def classify(error: BaseException, path: str) -> DatabaseError | None:
    """The named error for an SQLite failure caused by the file or the machine, else None (a bug).

    Args:
        error: what ``sqlite3`` raised.
        path: the database file, named in the sentence the user reads.
    """
    code = sqlite_code(error)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseLocked(path)
    if code == sqlite3.SQLITE_FULL:
        return DiskFull(path)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DatabaseCorrupt(path, str(error))
    if code == sqlite3.SQLITE_READONLY:
        return DatabaseReadOnly(path)
    if code == sqlite3.SQLITE_IOERR:
        return DiskError(path)
    if code == sqlite3.SQLITE_CANTOPEN:
        return DatabaseCannotOpen(path)
    return None
