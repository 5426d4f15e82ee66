"""Reading a list file (CSV, TSV or XLSX) into rows of text, whatever its encoding and delimiter.

Nothing here knows about companies: ``read_table`` gives the importer a ``SourceTable`` of strings,
with the line number of every row so rejects can point back into the file. Each format has its own
module: ``encodings`` (which encoding, and decoding), ``delimited`` (CSV, TSV) and ``xlsx``; the names
callers use from them are importable from here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from models.accounts import normalize
from models.importing import limits
from models.importing.delimited import parse_delimited
from models.importing.delimited import sniff_delimiter as sniff_delimiter
from models.importing.encodings import ENCODING_LABELS as ENCODING_LABELS
from models.importing.encodings import EncodingUnclear as EncodingUnclear
from models.importing.encodings import canonical_encoding as canonical_encoding
from models.importing.encodings import decode
from models.importing.encodings import rank_encodings as rank_encodings
from models.importing.limits import Progress
from models.importing.mapping import header_field
from models.importing.xlsx import cell_text as cell_text
from models.importing.xlsx import read_xlsx
from models.store.errors import ImportFileError

_XLSX_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or a password-protected workbook
_BLANK = b" \t\r\n\xef\xbb\xbf"  # what an empty file may still hold
_DIGIT_RE = re.compile(r"\d")
_NUMBER_RE = re.compile(r"^[+\-]?[\d,.\s]*\d[\d,.\s]*$")


@dataclass(frozen=True)
class SourceTable:
    """The cells of a list file as text: a header (real or 列1, 列2 …) and the data rows.

    Rows are padded to the same width; completely empty rows are left out (they are not rows read).
    """

    path: str
    encoding: str | None
    has_header: bool
    header: list[str]
    rows: list[list[str]]
    first_line_number: int
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    line_numbers: list[int] = field(default_factory=list)  # the file line (or sheet row) of each row

    @property
    def width(self) -> int:
        return len(self.header)

    def line_of(self, index: int) -> int:
        """The line number in the file of ``rows[index]``, for reject reports."""
        if index < len(self.line_numbers):
            return self.line_numbers[index]
        return self.first_line_number + index


def read_table(
    path: str | Path,
    encoding: str = "auto",
    has_header: bool | None = None,
    sheet: str | int | None = None,
    progress: Progress | None = None,
) -> SourceTable:
    """Read a CSV, TSV or XLSX file into a ``SourceTable``.

    Args:
        path: the file. Its content decides the format, not its extension.
        encoding: "auto" (BOM → UTF-8 → CP932 → ask) or the name of any text encoding Python knows,
            such as "utf-8", "cp932" or "euc_jp".
        has_header: True or False when the caller knows; None to detect from the first row.
        sheet: for XLSX, a sheet name or index; default the first sheet that has data.
        progress: called as ``progress(done, total)`` now and then (total 0: not known); False cancels.

    Raises:
        EncodingUnclear: the encoding could not be detected; offer ``candidates`` to the caller.
        ImportFileError: the file is missing, empty, binary, undecodable, over a limit (``limits``), has
            lines no row accounts for, or has no data rows.
        ImportCancelled: ``progress`` returned False.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(len(_OLE2_MAGIC))
            if not data.startswith(_XLSX_MAGIC):
                data += handle.read(limits.MAX_BYTES + 1 - len(data))  # bounded: a device or pipe never ends
    except FileNotFoundError as error:
        raise ImportFileError(f"ファイル「{path}」が見つかりません。場所と名前をご確認ください。") from error
    except IsADirectoryError as error:
        raise ImportFileError(f"「{path}」はフォルダーです。取り込むファイルを選んでください。") from error
    except OSError as error:
        raise ImportFileError(
            f"ファイル「{path}」を開けませんでした（{error.strerror}）。ほかのアプリで開いていないかご確認ください。"
        ) from error
    if not data[:4096].strip(_BLANK) and not data.strip(_BLANK):
        raise ImportFileError(f"「{path.name}」は空のファイルです。データの入ったファイルを選んでください。")
    if data.startswith(_OLE2_MAGIC):
        raise ImportFileError(
            f"「{path.name}」は古い Excel 形式（.xls）か、パスワード付きのファイルです。"
            "Excel で開いて「.xlsx」または CSV 形式で保存し直してから取り込んでください。"
        )
    if len(data) > limits.MAX_BYTES:
        raise limits.too_large(path.name, _file_size(path, len(data)))
    try:
        if data.startswith(_XLSX_MAGIC):
            cells, lines, sheets, chosen = read_xlsx(path, sheet, progress)
            used = None
        else:
            text, used = decode(data, encoding, str(path))
            del data  # the text is enough; a large file need not be held twice
            cells, lines = parse_delimited(text, path, progress)
            sheets, chosen = [], None
        return _build_table(path, used, cells, lines, has_header, sheets, chosen)
    except MemoryError:
        raise ImportFileError(
            f"「{path.name}」を読み込む途中で、このパソコンのメモリが足りなくなりました。ほかのアプリを閉じるか、"
            "ファイルをいくつかに分けてから取り込んでください。"
        ) from None


def _file_size(path: Path, at_least: int) -> int:
    try:
        return max(path.stat().st_size, at_least)
    except OSError:
        return at_least


# --- header and shape ------------------------------------------------------------------------------


def looks_like_header(first: list[str], following: list[list[str]]) -> bool:
    """Whether the first row names the columns rather than holding data.

    A header has a known column name (会社名, TEL, 住所 …) and no cell that looks like a value
    (a phone number, a postal code, a number). Failing known names, a row of short, distinct,
    digit-free labels over columns whose values have digits is taken as a header too.
    """
    cells = [normalize.nfkc(cell).strip() for cell in first]
    filled = [cell for cell in cells if cell]
    if not filled or any(_looks_like_value(cell) for cell in filled):
        return False
    if any(header_field(cell) for cell in filled):
        return True
    if len(set(filled)) != len(filled) or any(len(cell) > 20 or _DIGIT_RE.search(cell) for cell in filled):
        return False
    for column, cell in enumerate(cells):
        values = [row[column] for row in following[:50] if column < len(row) and row[column].strip()]
        if cell and values and sum(bool(_DIGIT_RE.search(v)) for v in values) >= 0.8 * len(values):
            return True
    return False


def _looks_like_value(cell: str) -> bool:
    """A number, a phone or postal code, a 法人番号, an e-mail address or a URL (cell already NFKC)."""
    if _NUMBER_RE.match(cell) or sum(ch.isdigit() for ch in cell) >= 7:
        return True
    return ("@" in cell and "." in cell) or cell.lower().startswith(("http://", "https://", "www."))


def _build_table(
    path: Path,
    encoding: str | None,
    cells: list[list[str]],
    lines: list[int],
    has_header: bool | None,
    sheets: list[str],
    sheet: str | None,
) -> SourceTable:
    where = f"「{path.name}」" + (f"のシート「{sheet}」" if sheet else "")
    if not cells:
        raise ImportFileError(f"{where}にはデータがありません。データの入ったファイルを選んでください。")
    if has_header is None:
        has_header = looks_like_header(cells[0], cells[1:])
    header = [cell.strip() for cell in cells[0]] if has_header else []
    rows, lines = (cells[1:], lines[1:]) if has_header else (cells, lines)
    if not rows:
        raise ImportFileError(
            f"{where}には見出し行しかなく、取り込むデータがありません。"
            "データの行を加えてから取り込んでください。"
        )
    width = max(len(header), *(len(row) for row in rows))
    if width * len(rows) > limits.MAX_CELLS:
        raise limits.too_many_cells(path.name)
    header = header + [f"列{n}" for n in range(len(header) + 1, width + 1)]
    header = [cell or f"列{n}" for n, cell in enumerate(header, start=1)]
    padded = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
    return SourceTable(
        path=str(path), encoding=encoding, has_header=has_header, header=header, rows=padded,
        first_line_number=lines[0], sheets=sheets, sheet=sheet, line_numbers=lines,
    )
