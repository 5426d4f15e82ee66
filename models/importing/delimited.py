"""CSV and TSV: which delimiter a file uses, and its rows with the line each starts on.

Every line of the file ends up in a row, or the file is refused with the line where it went wrong: an
unmatched quote (") would otherwise quietly make one cell of all the lines up to the next quote, or to the
end of the file.
"""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

from models.importing import limits
from models.importing.encodings import LINE_BREAK_RE, SAMPLE_CHARS
from models.importing.limits import Progress, report
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


def parse_delimited(
    text: str, path: Path, progress: Progress | None = None
) -> tuple[list[list[str]], list[int]]:
    """The non-empty rows of ``text`` and the file line each starts on (a quoted cell may span lines).

    Raises:
        ImportFileError: more than ``MAX_ROWS`` rows, or a quote (") that leaves lines out of the rows.
        ImportCancelled: ``progress`` returned False.
    """
    delimiter = sniff_delimiter(text, path.suffix)
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    total = max(text.count("\n"), text.count("\r")) + 1  # about the lines, for the progress bar
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    spanning: list[tuple[int, int, list[str]]] = []  # records over several lines: first line, last, cells
    previous_end = 0
    try:
        for records, row in enumerate(reader, start=1):
            start = previous_end + 1
            previous_end = reader.line_num
            if records > limits.MAX_ROWS:
                raise limits.too_many_rows(path.name)
            if records % limits.REPORT_EVERY == 0:
                report(progress, previous_end, total)
            if previous_end > start:
                spanning.append((start, previous_end, row))
            if any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(start)
    except csv.Error as error:
        raise ImportFileError(
            f"「{path.name}」の{reader.line_num}行目を表として読めませんでした（{error}）。"
            "引用符（\"）の対応が崩れていないかご確認ください。"
        ) from error
    if spanning:
        _check_quotes(text, delimiter, spanning, path.name)
    report(progress, total, total)
    return rows, lines


def _check_quotes(text: str, delimiter: str, spanning: list[tuple[int, int, list[str]]], name: str) -> None:
    """Refuse the file when a record over several lines swallowed lines that were meant as rows.

    A cell may hold line breaks (a note of several lines), so a record over several lines is fine in
    itself. It is not when its quote runs to the end of the file, or when the quote that closes it is
    followed by more text (it was really the opening quote of a later cell): read strictly, such a
    record is an error. (A stray quote that happens to be closed by another stray one, such as the inch
    mark of 27", makes a cell over several lines no reader can tell from a note.)
    """
    physical = list(itertools.islice(io.StringIO(text, newline=""), max(end for _, end, _ in spanning)))
    for start, end, row in spanning:
        strict = csv.reader(io.StringIO("".join(physical[start - 1:end]), newline=""), delimiter=delimiter,
                            strict=True)
        try:
            for _record in strict:
                pass
        except csv.Error:
            raise _unmatched_quote(name, start + _opened(row, strict.line_num - 1), end) from None


def _cell_starts(row: list[str]) -> list[int]:
    """The line each cell of a record starts on, counted from the record's first line (0)."""
    starts, breaks = [], 0
    for cell in row:
        starts.append(breaks)
        breaks += len(LINE_BREAK_RE.findall(cell))
    return starts


def _opened(row: list[str], offset: int) -> int:
    """The line (from the record's first, 0) where the quoted cell that reaches line ``offset`` opened."""
    for cell_start, cell in zip(_cell_starts(row), row, strict=True):
        breaks = len(LINE_BREAK_RE.findall(cell))
        if breaks and cell_start <= offset <= cell_start + breaks:
            return cell_start
    return offset


def _unmatched_quote(name: str, opened: int, end: int) -> ImportFileError:
    return ImportFileError(
        f"「{name}」の{opened}行目にある引用符（\"）の対応が崩れているため、{opened}〜{end}行目が"
        "1つのセルとして読まれ、行が失われてしまいます。取り込みは行っていません。"
        f"{opened}行目の「\"」を確かめ、不要な「\"」を削除するか、閉じる「\"」を加えてから"
        "取り込んでください。"
    )
