"""Excel workbooks (.xlsx): a sheet's rows as the text a person sees in the cells."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

from models.store.errors import ImportFileError


def read_xlsx(path: Path, sheet: str | int | None) -> tuple[list[list[str]], list[int], list[str], str]:
    """Read one sheet: its rows, their row numbers, every sheet's name and the name of the sheet read.

    ``sheet`` is a name or an index; without it, the first sheet that has data is read.
    """
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
