"""Excel workbooks (.xlsx): a sheet's rows as the text a person sees in the cells.

A workbook is a zip of XML, and a hostile one is read like any other without harm: the XML it would
unzip to is measured before anything is read (the zip module never gives more than a part declares, and
checks its CRC), rows and cells are counted as they stream (``limits``), the sheet's own <dimension> is not
trusted to say where the data ends, and the XML is parsed by defusedxml (openpyxl uses it when it is
installed), so an entity is never expanded nor fetched from a file or the network.
"""

from __future__ import annotations

import zipfile
import zlib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from models.importing import limits
from models.importing.limits import Progress, report
from models.store.errors import ImportFileError

# What a damaged workbook raises from inside openpyxl and the zip module, while opening or streaming.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, ParseError, KeyError, IndexError, ValueError, TypeError,
            OverflowError, OSError)


def read_xlsx(
    path: Path, sheet: str | int | None, progress: Progress | None = None
) -> tuple[list[list[str]], list[int], list[str], str]:
    """Read one sheet: its rows, their row numbers, every sheet's name and the name of the sheet read.

    ``sheet`` is a name or an index; without it, the first sheet that has data is read.

    Raises:
        ImportFileError: not a workbook, damaged, over a limit of ``limits``, or a sheet not there.
        ImportCancelled: ``progress`` returned False.
    """
    import openpyxl  # imported here: only Excel files pay for it
    from openpyxl.utils.exceptions import InvalidFileException  # a zip that is not a workbook

    try:
        _check_unzipped_size(path)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, *_DAMAGED) as error:
        raise _unreadable(path, error) from error
    try:
        names = list(book.sheetnames)
        if sheet is not None:
            chosen = _pick_sheet(names, sheet, path)
            cells, lines = _sheet_rows(book[chosen], path.name, progress)
        else:
            chosen, cells, lines = names[0], [], []
            for name in names:
                cells, lines = _sheet_rows(book[name], path.name, progress)
                if cells:
                    chosen = name
                    break
    except _DAMAGED as error:
        raise _unreadable(path, error) from error
    finally:
        book.close()
    return cells, lines, names, chosen


def _check_unzipped_size(path: Path) -> None:
    """Refuse a workbook whose XML would unzip to more than ``MAX_BYTES`` (pictures are not read)."""
    with zipfile.ZipFile(path) as archive:
        unzipped = sum(info.file_size for info in archive.infolist()
                       if info.filename.lower().endswith((".xml", ".rels")))
    if unzipped > limits.MAX_BYTES:
        raise limits.too_large(path.name, unzipped, unzipped=True)


def _unreadable(path: Path, error: BaseException) -> ImportFileError:
    from defusedxml import DefusedXmlException

    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__  # openpyxl raises its own ValueError from defusedxml's
    if cause is not None:
        return ImportFileError(
            f"「{path.name}」には、安全のため読み込まない XML の記述（エンティティの定義や外部ファイルへの"
            "参照）が含まれているため、取り込めません。Excel で開いて「名前を付けて保存」で .xlsx として"
            "保存し直してから取り込んでください。"
        )
    return ImportFileError(
        f"「{path.name}」を Excel ファイル（.xlsx）として読めませんでした。"
        "ファイルが壊れていないか、Excel で開けるかをご確認ください。"
    )


def _pick_sheet(names: list[str], sheet: str | int, path: Path) -> str:
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return names[sheet]
    if sheet in names:
        return str(sheet)
    raise ImportFileError(
        f"「{path.name}」にシート「{sheet}」はありません。シート（{'、'.join(names)}）から選んでください。"
    )


def _sheet_rows(worksheet: Any, name: str, progress: Progress | None) -> tuple[list[list[str]], list[int]]:
    # <dimension> is written by the program that saved the file and may be stale: a read-only sheet
    # trusting it stops early and cuts rows short. It only sizes the progress bar here.
    estimate = worksheet.max_row or 0
    worksheet.reset_dimensions()
    rows: list[list[str]] = []
    lines: list[int] = []
    cells = 0
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if number > limits.MAX_ROWS:
            raise limits.too_many_rows(name)
        if number % limits.REPORT_EVERY == 0:
            report(progress, number, max(estimate, number))
        cells += len(values)
        if cells > limits.MAX_CELLS:
            raise limits.too_many_cells(name)
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
