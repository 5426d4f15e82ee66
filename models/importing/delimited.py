"""CSV and TSV: which delimiter a file uses, and its rows with the line each starts on."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from models.importing.encodings import SAMPLE_CHARS
from models.store.errors import ImportFileError

_DELIMITERS = (",", "\t", ";")
# The csv module's default limit is 128 KiB per field; lists can carry long notes. 2**31-1 fits a C long.
_FIELD_SIZE_LIMIT = 2**31 - 1


def sniff_delimiter(text: str, suffix: str = "") -> str:
    """Comma, tab or semicolon: the one that splits the first lines into the most consistent columns."""
    sample = text[:SAMPLE_CHARS]
    if len(text) > SAMPLE_CHARS and "\n" in sample:
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


def parse_delimited(text: str, path: Path) -> tuple[list[list[str]], list[int]]:
    """The non-empty rows of ``text`` and the file line each starts on (a quoted cell may span lines)."""
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
