"""Export the Targets table's current view to a CSV file for Excel (UTF-8 with BOM, or CP932).

Two things are done to the text on the way out, and counted in the result:

- **Formula injection** (CSV injection): a cell that starts with ``=``, ``+``, ``-``, ``@`` (or their
  full-width forms), a tab or a carriage return would be run as a formula by a spreadsheet, so it
  gets a leading apostrophe. Two harmless shapes are left alone so the file stays readable: plain
  numbers (``-12``, ``+3.5``, ``-1,200``: a spreadsheet reads them as numbers, never as formulas) and
  cells made only of dashes (``-``, ``―``, the usual "none" placeholder).
- **CP932**: look-alike characters are written as their CP932 forms (em dash → ―, ¥ → ￥, …);
  characters CP932 has no code for (𠮷, emoji) become 〓, and the cells that lost text are counted.

The file is written beside the target and moved into place, so it is either whole or untouched.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from models.accounts.targets import TargetFilter, TargetRow, rows_for_ids, target_ids
from models.accounts.vocab import COMPANY_STATUS, label
from models.store.errors import DiskFull, KakeruError
from models.store.output_path import OutputPathRefused, check_output_path

ENCODINGS = ("utf-8-sig", "cp932")
# TargetRow field → header, in the default order of the columns.
COLUMNS = {
    "name": "会社名",
    "name_kana": "フリガナ",
    "phone": "電話番号",
    "prefecture": "都道府県",
    "address": "住所",
    "industry": "業種",
    "employees": "従業員数",
    "rank": "ランク",
    "score": "スコア",
    "status": "ステータス",
    "last_touch_at": "最終接触日",
    "next_plan_due": "次回予定",
    "notes": "備考",
    "list_priority": "リスト内順位",
    "id": "ID",
}
DEFAULT_COLUMNS = tuple(COLUMNS)[:13]
MISSING_CHARACTER = "〓"  # the geta mark, what Japanese print uses for a glyph it does not have

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_PLAIN_NUMBER_RE = re.compile(r"[+-]?\d{1,3}(,\d{3})*(\.\d+)?|[+-]?\d+(\.\d+)?")
_DASHES_ONLY_RE = re.compile(r"[-‐‑‒–—―−－ー]+")
# Characters with a CP932 twin that Python's codec does not map by itself.
_CP932_LOOKALIKES = str.maketrans({
    "\u2014": "\u2015",  # — EM DASH → ― HORIZONTAL BAR
    "\u00a5": "\uffe5",  # ¥ → ￥
    "\u203e": "\uffe3",  # ‾ → ￣
    "\u00a6": "\uffe4",  # ¦ → ￤
    "\u00a0": " ",  # no-break space
})
_ROWS_PER_BATCH = 1000


class ExportError(KakeruError):
    """The export file could not be written; nothing was changed."""


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote. ``replaced_cells``: cells where characters the encoding lacks became 〓."""

    path: Path
    rows: int
    encoding: str
    escaped_cells: int = 0
    replaced_cells: int = 0


def escape_cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (see the module docstring)."""
    if not text.startswith(_FORMULA_STARTS):
        return text
    if _PLAIN_NUMBER_RE.fullmatch(text) or _DASHES_ONLY_RE.fullmatch(text):
        return text
    return "'" + text


def encodable(text: str, encoding: str) -> tuple[str, bool]:
    """``text`` as the encoding can hold it, and whether anything had to be replaced by 〓."""
    if encoding == "cp932":
        text = text.translate(_CP932_LOOKALIKES)
    try:
        text.encode(encoding)
        return text, False
    except UnicodeEncodeError:
        pass
    kept = []
    for character in text:
        try:
            character.encode(encoding)
            kept.append(character)
        except UnicodeEncodeError:
            kept.append(MISSING_CHARACTER)
    return "".join(kept), True


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def cell_text(row: TargetRow, column: str) -> str:
    """A column of a row as the CSV shows it: Japanese status, dates without time zone noise."""
    value = getattr(row, column)
    if column == "status":
        return label(COMPANY_STATUS, value)
    if column == "last_touch_at":
        return (value or "")[:10]
    if column == "next_plan_due":
        return (value or "")[:16].replace("T", " ")
    if isinstance(value, int | float):
        return _number(value)
    return "" if value is None else str(value)


def _file_mode(path: Path) -> int:
    """Keep the permissions of the file being replaced; a new one is readable by others (like Excel's)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _write_error(error: OSError, path: Path) -> KakeruError:
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(str(path.parent))
    if isinstance(error, PermissionError):
        return ExportError(
            f"「{path}」に書き込めませんでした。書き込みが許可されたフォルダーを選ぶか、"
            "そのファイルを開いているアプリ（Excel など）を閉じてから、もう一度お試しください。")
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return ExportError(
            f"保存先のフォルダー「{path.parent}」が見つかりません。別の保存先を選んでください。")
    if isinstance(error, IsADirectoryError):
        return ExportError(f"「{path}」はフォルダーです。ファイル名を指定してください。")
    return ExportError(
        f"「{path}」に書き込めませんでした（{error.strerror or error}）。別の保存先をお試しください。")


class SafeCsv:
    """Rows for Excel: each cell neutralised if it looks like a formula and written with what the
    encoding has; ``escaped`` and ``replaced`` count the cells that were changed."""

    def __init__(self, writer: Any, encoding: str):
        self._writer = writer
        self.encoding = encoding
        self.escaped = self.replaced = 0

    def row(self, values: Iterable[str]) -> None:
        cells = []
        for raw in values:
            text = escape_cell(raw)
            self.escaped += text != raw
            text, lost = encodable(text, self.encoding)
            self.replaced += lost
            cells.append(text)
        self._writer.writerow(cells)

    def blank(self) -> None:
        self._writer.writerow([])


@contextmanager
def safe_csv(path: Path, encoding: str) -> Iterator[SafeCsv]:
    """A CSV file at ``path`` written whole or not at all: into a temporary file beside it, synced, then
    moved into its place (with the permissions the old file had).

    Raises:
        ValueError: an encoding other than ``ENCODINGS``.
        DiskFull, ExportError: the file could not be written, or ``path`` is refused as a place to write
            (an open database, a companion of one, a folder, a device: ``check_output_path``); nothing at
            ``path`` changed.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unsupported export encoding {encoding!r}")
    try:
        check_output_path(path)
    except OutputPathRefused as refused:
        raise ExportError(str(refused)) from refused  # what every CSV writer raises for its path
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        with os.fdopen(handle, "w", encoding=encoding, newline="") as out:
            yield SafeCsv(csv.writer(out, lineterminator="\r\n"), encoding)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _file_mode(path))
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise _write_error(error, path) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):  # the original error matters, not the clean-up
                os.unlink(temporary)


def export_targets_csv(db: Database, flt: TargetFilter, path: str | Path, encoding: str = "utf-8-sig",
                       sort: str = "priority", descending: bool = False,
                       columns: Sequence[str] | None = None, *, today: date | None = None) -> ExportResult:
    """Write the rows ``flt`` shows, in table order, to ``path`` with Japanese headers.

    Raises:
        DiskFull: the disk filled up while writing.
        ExportError: the file could not be written (permission, missing folder, open in Excel…).
        ValueError: an unknown column or encoding.
    """
    columns = tuple(columns or DEFAULT_COLUMNS)
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise ValueError(f"unknown export columns {unknown}")
    path = Path(path)
    ids = target_ids(db, flt, sort, descending, today=today)
    written = 0
    with safe_csv(path, encoding) as out:
        out.row([COLUMNS[c] for c in columns])
        for start in range(0, len(ids), _ROWS_PER_BATCH):
            for row in rows_for_ids(db, ids[start:start + _ROWS_PER_BATCH], flt.list_id):
                out.row([cell_text(row, column) for column in columns])
                written += 1
    return ExportResult(path, written, encoding, out.escaped, out.replaced)
