"""Reading a list file (CSV, TSV or XLSX) into rows of text, whatever its encoding and delimiter.

Nothing here knows about companies: ``read_table`` gives the importer a ``SourceTable`` of strings,
with the line number of every row so rejects can point back into the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import charset_normalizer

from models.accounts import normalize
from models.importing.mapping import header_field
from models.store.errors import ImportFileError

# How encodings are named in results and offered to the caller.
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "cp932": "Shift_JIS（CP932）",
    "euc_jp": "EUC-JP",
    "iso2022_jp": "ISO-2022-JP",
    "utf-16": "UTF-16",
}
_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "utf_8": "utf-8", "utf-8-sig": "utf-8", "utf_8_sig": "utf-8",
    "cp932": "cp932", "ms932": "cp932", "windows-31j": "cp932", "shift_jis": "cp932", "shift-jis": "cp932",
    "sjis": "cp932", "s_jis": "cp932", "mskanji": "cp932", "euc-jp": "euc_jp", "eucjp": "euc_jp",
    "euc_jis_2004": "euc_jp", "iso-2022-jp": "iso2022_jp", "utf_16": "utf-16", "utf16": "utf-16",
}
_DELIMITERS = (",", "\t", ";")
_SAMPLE_CHARS = 64 * 1024
_XLSX_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or a password-protected workbook
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DIGIT_RE = re.compile(r"\d")
_NUMBER_RE = re.compile(r"^[+\-]?[\d,.\s]*\d[\d,.\s]*$")
# The csv module's default limit is 128 KiB per field; lists can carry long notes. 2**31-1 fits a C long.
_FIELD_SIZE_LIMIT = 2**31 - 1


class EncodingUnclear(ImportFileError):
    """Neither UTF-8 nor CP932 reads the file; ``candidates`` are encodings to offer, likeliest first."""

    def __init__(self, path: str, candidates: tuple[str, ...]):
        self.candidates = candidates
        offered = "、".join(ENCODING_LABELS.get(name, name) for name in candidates)
        super().__init__(
            f"「{Path(path).name}」の文字コードを判別できませんでした。"
            + (f"候補は {offered} です。" if offered else "")
            + "文字コードを選んでから、もう一度取り込んでください。"
        )


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
    path: str | Path, encoding: str = "auto", has_header: bool | None = None, sheet: str | int | None = None
) -> SourceTable:
    """Read a CSV, TSV or XLSX file into a ``SourceTable``.

    Args:
        path: the file. Its content decides the format, not its extension.
        encoding: "auto" (BOM → UTF-8 → CP932 → ask) or an encoding name such as "utf-8" or "cp932".
        has_header: True or False when the caller knows; None to detect from the first row.
        sheet: for XLSX, a sheet name or index; default the first sheet that has data.

    Raises:
        EncodingUnclear: the encoding could not be detected; offer ``candidates`` to the caller.
        ImportFileError: the file is missing, empty, binary, undecodable or has no data rows.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise ImportFileError(f"ファイル「{path}」が見つかりません。場所と名前をご確認ください。") from error
    except IsADirectoryError as error:
        raise ImportFileError(f"「{path}」はフォルダーです。取り込むファイルを選んでください。") from error
    except OSError as error:
        raise ImportFileError(
            f"ファイル「{path}」を開けませんでした（{error.strerror}）。ほかのアプリで開いていないかご確認ください。"
        ) from error
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportFileError(f"「{path.name}」は空のファイルです。データの入ったファイルを選んでください。")
    if data.startswith(_OLE2_MAGIC):
        raise ImportFileError(
            f"「{path.name}」は古い Excel 形式（.xls）か、パスワード付きのファイルです。"
            "Excel で開いて「.xlsx」または CSV 形式で保存し直してから取り込んでください。"
        )
    if data.startswith(_XLSX_MAGIC):
        cells, lines, sheets, chosen = _read_xlsx(path, sheet)
        used = None
    else:
        text, used = decode(data, encoding, str(path))
        cells, lines = _parse_delimited(text, path)
        sheets, chosen = [], None
    return _build_table(path, used, cells, lines, has_header, sheets, chosen)


# --- encodings -------------------------------------------------------------------------------------


def canonical_encoding(name: str) -> str:
    """The name Kakeru uses for an encoding ("Shift_JIS" → "cp932"); unknown names raise ImportFileError."""
    key = name.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError as error:
        raise ImportFileError(
            f"文字コード「{name}」は扱えません。「自動」「UTF-8」「Shift_JIS（CP932）」のいずれかを選んでください。"
        ) from error


def decode(data: bytes, encoding: str = "auto", path: str = "") -> tuple[str, str]:
    """Decode file bytes; return (text, encoding used). See ``read_table`` for the rules."""
    name = Path(path).name or "ファイル"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and encoding in ("auto", "utf-16"):
        return _strict(data, "utf-16", name), "utf-16"
    if b"\x00" in data and (encoding == "auto" or not canonical_encoding(encoding).startswith("utf-16")):
        raise _binary(name)
    if encoding != "auto":
        used = canonical_encoding(encoding)
        text = _strict(data, "utf-8-sig" if used == "utf-8" else used, name)
        return _check_text(text, name), used
    if data.startswith(codecs.BOM_UTF8):
        return _check_text(_strict(data, "utf-8-sig", name), name), "utf-8"
    for candidate in ("utf-8", "cp932"):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate == "utf-8" and b"\x1b$" in data:  # 7-bit ISO-2022-JP also passes as UTF-8
            try:
                return _check_text(data.decode("iso2022_jp"), name), "iso2022_jp"
            except UnicodeDecodeError:
                pass
        return _check_text(text, name), candidate
    candidates = rank_encodings(data)
    if not candidates:
        raise _binary(name)
    raise EncodingUnclear(path, candidates)


def rank_encodings(data: bytes, limit: int = 5) -> tuple[str, ...]:
    """Encodings that decode ``data`` completely, likeliest first (by charset-normalizer)."""
    ranked: list[str] = []
    for match in charset_normalizer.from_bytes(data[:200_000]):
        names = [match.encoding, *match.could_be_from_charset]
        preferred = [n for n in names if n.lower() in _ALIASES] or names
        ranked.extend(_ALIASES.get(n.lower(), n) for n in preferred[:1])
    result: list[str] = []
    for name in dict.fromkeys(ranked):
        try:
            data.decode("utf-8-sig" if name == "utf-8" else name)
        except (UnicodeDecodeError, LookupError):
            continue
        result.append(name)
    return tuple(result[:limit])


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        label = ENCODING_LABELS.get(_ALIASES.get(codec, codec), codec)
        raise ImportFileError(
            f"「{name}」を文字コード {label} で読めませんでした（{line}行目に読めない文字があります）。"
            "文字コードを「自動」にするか、別の文字コードを選んでください。"
        ) from error


def _check_text(text: str, name: str) -> str:
    sample = text[:_SAMPLE_CHARS]
    if len(_CONTROL_RE.findall(sample)) > max(2, len(sample) // 100):
        raise _binary(name)
    return text


def _binary(name: str) -> ImportFileError:
    return ImportFileError(
        f"「{name}」はテキストの表（CSV・TSV）でも Excel ファイル（.xlsx）でもないようです。"
        "取り込めるのは CSV・TSV・Excel（.xlsx）のファイルです。ファイルをご確認ください。"
    )


# --- CSV and TSV -----------------------------------------------------------------------------------


def sniff_delimiter(text: str, suffix: str = "") -> str:
    """Comma, tab or semicolon: the one that splits the first lines into the most consistent columns."""
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = None, 0.0
    order = ("\t", ",", ";") if suffix.lower() in (".tsv", ".tab") else _DELIMITERS
    for delimiter in order:
        widths = [len(row) for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if row]
        widths = widths[:50]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = common * widths.count(common) / len(widths)
        if score > best_score:
            best, best_score = delimiter, score
    return best or order[0]


def _parse_delimited(text: str, path: Path) -> tuple[list[list[str]], list[int]]:
    delimiter = sniff_delimiter(text, path.suffix)
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    previous_end = 0
    try:
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(start)
    except csv.Error as error:
        raise ImportFileError(
            f"「{path.name}」の{reader.line_num}行目を表として読めませんでした（{error}）。"
            "引用符（\"）の対応が崩れていないかご確認ください。"
        ) from error
    return rows, lines


# --- XLSX ------------------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | int | None) -> tuple[list[list[str]], list[int], list[str], str]:
    import openpyxl  # imported here: only Excel files pay for it
    from openpyxl.utils.exceptions import InvalidFileException  # a zip that is not a workbook

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as error:
        raise ImportFileError(
            f"「{path.name}」を Excel ファイル（.xlsx）として読めませんでした。"
            "ファイルが壊れていないか、Excel で開けるかをご確認ください。"
        ) from error
    try:
        names = list(book.sheetnames)
        if sheet is not None:
            chosen = _pick_sheet(names, sheet, path)
            cells, lines = _sheet_rows(book[chosen])
        else:
            chosen, cells, lines = names[0], [], []
            for name in names:
                cells, lines = _sheet_rows(book[name])
                if cells:
                    chosen = name
                    break
    finally:
        book.close()
    return cells, lines, names, chosen


def _pick_sheet(names: list[str], sheet: str | int, path: Path) -> str:
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return names[sheet]
    if sheet in names:
        return str(sheet)
    raise ImportFileError(
        f"「{path.name}」にシート「{sheet}」はありません。シート（{'、'.join(names)}）から選んでください。"
    )


def _sheet_rows(worksheet) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    lines: list[int] = []
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        row = [cell_text(value) for value in values]
        while row and not row[-1].strip():
            row.pop()
        if row and any(cell.strip() for cell in row):
            rows.append(row)
            lines.append(number)
    return rows, lines


def cell_text(value: object) -> str:
    """An Excel cell as the text a person sees: 12 not 12.0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    return str(value)


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
    header = header + [f"列{n}" for n in range(len(header) + 1, width + 1)]
    header = [cell or f"列{n}" for n, cell in enumerate(header, start=1)]
    padded = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
    return SourceTable(
        path=str(path), encoding=encoding, has_header=has_header, header=header, rows=padded,
        first_line_number=lines[0], sheets=sheets, sheet=sheet, line_numbers=lines,
    )
