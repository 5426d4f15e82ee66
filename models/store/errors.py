"""Expected failures, each a named exception carrying a plain Japanese sentence for the user.

Anything not derived from ``KakeruError`` is a bug and goes to the crash reporter instead.
"""

from __future__ import annotations


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


class ImportFileError(KakeruError):
    """A file offered for import cannot be read; nothing was written."""


class ValidationError(KakeruError):
    """A value given by the user does not fit (e.g. a date in the past, an empty name)."""


class NotFound(KakeruError):
    """A record that was asked for does not exist (any more)."""
