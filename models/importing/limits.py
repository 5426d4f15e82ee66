"""How far reading a list file may go: the limits a hostile file meets, and the caller's say in a long read.

A list a caller imports is at most a million or so rows; a file that claims more (a zip bomb that inflates
a 4 MB workbook into a gigabyte of XML, a sheet whose one cell sits in column XFD of every row) is refused
with a sentence naming the limit, long before memory runs out. A long read reports its progress through
the same ``Progress`` callback as the import, and stops when that returns False.
"""

from __future__ import annotations

from collections.abc import Callable

from models.store.errors import ImportFileError, KakeruError

# Excel's own sheet holds 1,048,576 rows: a little more leaves room for a CSV's blank lines.
MAX_ROWS = 1_100_000
# The text of a CSV, or the XML inside a workbook once unzipped.
MAX_BYTES = 512 * 1024 * 1024
# Rows × columns as the table holds them (short rows are padded to the widest).
MAX_CELLS = 30_000_000
REPORT_EVERY = 4096  # rows between two calls of the progress callback

Progress = Callable[[int, int], bool | None]


class ImportCancelled(KakeruError):
    """The caller stopped the import; nothing was written."""

    def __init__(self) -> None:
        super().__init__("取り込みを中止しました。データベースは変更していません。")


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell the caller how far a read is; raise ImportCancelled when the callback returns False."""
    if progress is not None and progress(done, total) is False:
        raise ImportCancelled()


def too_many_rows(name: str) -> ImportFileError:
    return ImportFileError(
        f"「{name}」は行数が多すぎるため、取り込めません（上限は {MAX_ROWS:,} 行です）。"
        "ファイルをいくつかに分けてから、1つずつ取り込んでください。"
    )


def too_many_cells(name: str) -> ImportFileError:
    return ImportFileError(
        f"「{name}」はセルの数（行数×列数）が多すぎるため、取り込めません（上限は {MAX_CELLS:,} セルです）。"
        "使わない列を削除するか、ファイルをいくつかに分けてから取り込んでください。"
    )


def too_large(name: str, size: int, unzipped: bool = False) -> ImportFileError:
    what = f"展開すると {_size(size)} になり" if unzipped else f" {_size(size)} あり"
    return ImportFileError(
        f"「{name}」は{what}、上限（{_size(MAX_BYTES)}）を超えるため、取り込めません。"
        "必要な行と列だけを別のファイルに保存するか、ファイルをいくつかに分けてから取り込んでください。"
    )


def _size(size: int) -> str:
    megabytes = size / 1024**2
    if megabytes >= 1024:
        return f"{megabytes / 1024:,.1f} GB"
    return f"{megabytes:,.0f} MB" if megabytes >= 10 else f"{megabytes:,.1f} MB"
