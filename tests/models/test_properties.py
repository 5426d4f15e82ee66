"""Property-based tests (hypothesis): the importer on arbitrary files, and the date rules.

Importer: whatever the bytes, encoding, quoting, raggedness or cell size, ``import_file`` either
imports with every row accounted for (created + updated + duplicates + rejected = rows read) or
refuses with a Japanese ``KakeruError`` and writes nothing. Random list files (quotes, encodings, line
ends, cell sizes, and the damage of the hostile-input campaign: a stray quote, a NUL, a cut-off last
character) are imported with as many rows as the file has, or refused leaving a database that already
holds data exactly as it was: ``KAKERU_PROPERTY_EXAMPLES`` examples in the default run (200), at least
2,000 in the ``slow`` one. Dates: ``add_business_days`` always lands
on a business day and is monotonic, ``add_months`` clamps to the month end and never overflows, and
``fit_to_call_window`` lands inside a call window of a business day, never earlier than asked.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import sqlite3
import tempfile
import unicodedata
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from models.accounts.companies import create_company
from models.importing.delimited import sniff_delimiter
from models.importing.importer import import_file
from models.planning import calendar as cal
from models.store.db import open_db, wrap
from models.store.errors import KakeruError

JST = timezone(timedelta(hours=9))
IMPORT_SETTINGS = settings(max_examples=60, deadline=None,
                           suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DATE_SETTINGS = settings(max_examples=100, deadline=None)
# Random list files: quick by default, more when asked (KAKERU_PROPERTY_EXAMPLES=5000), ≥ 2,000 when slow.
FILE_EXAMPLES = int(os.environ.get("KAKERU_PROPERTY_EXAMPLES", "200"))
FILE_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ZIP_MAGIC = b"PK\x03\x04"


def _japanese(text: str) -> bool:
    return any(unicodedata.east_asian_width(char) in ("W", "F") for char in text)


def _counts(db) -> tuple[int, int, int]:
    return tuple(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("companies", "imports", "list_members"))


def _import(data: bytes, suffix: str = ".csv", **kwargs):
    """Import ``data`` from a temporary file into a fresh database; return (db, result or error)."""
    db = open_db(":memory:")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"list{suffix}"
        path.write_bytes(data)
        try:
            return db, import_file(db, path, "テストリスト", **kwargs)
        except KakeruError as error:
            return db, error


def _check_accounted(db, result, expected_rows: int | None = None) -> None:
    assert result.created + result.updated + result.duplicates + result.rejected == result.rows
    if expected_rows is not None:
        assert result.rows == expected_rows
    companies, imports, members = _counts(db)
    assert companies == result.created  # a fresh database: every company comes from this import
    assert imports == 1
    # Every company of the file is on the list once, however often the file repeats it.
    assert result.created <= members <= result.created + result.updated + result.duplicates
    for reject in result.rejects:
        assert reject.line >= 1 and reject.reason


def _check_refused(db, error: KakeruError) -> None:
    assert _japanese(str(error)), str(error)
    assert _counts(db) == (0, 0, 0)  # nothing half-written


# -- the importer -------------------------------------------------------------------------------------

@IMPORT_SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".tsv", ".txt", ".xlsx"]))
def test_any_bytes_are_imported_in_full_or_refused_in_japanese(data, suffix):
    db, outcome = _import(data, suffix)
    event("refused" if isinstance(outcome, KakeruError) else "imported")
    try:
        if isinstance(outcome, KakeruError):
            _check_refused(db, outcome)
        else:
            _check_accounted(db, outcome)
    finally:
        db.close()


@pytest.mark.parametrize("data", [ZIP_MAGIC, ZIP_MAGIC + b"\x00" * 40])
def test_a_zip_that_is_not_an_excel_file_is_refused_in_japanese(data):
    db, outcome = _import(data, ".csv")
    try:
        assert isinstance(outcome, KakeruError)
        _check_refused(db, outcome)
    finally:
        db.close()


# Cell text: Japanese, ASCII, full- and half-width forms, and the characters that need quoting.
# (No ';' or tab, so the comma stays the delimiter the sniffer picks and the row count is exact.)
CELL_CHARS = st.sampled_from([
    *"株式会社東京大阪テスト商事ｶﾌﾞｼｷｶﾞｲｼｬアイウエオ０１２３ＡＢＣabcXYZ0123456789-()（）・ \u3000",
    ",", '"', "\n", "\r", "'", "=", "+",
])
CELL = st.one_of(
    st.text(CELL_CHARS, max_size=30),
    st.text(CELL_CHARS, min_size=1, max_size=3).map(lambda seed: seed * 50_000),  # huge: ≤ 150,000 chars
    st.just(""),
)
ROW = st.lists(CELL, min_size=0, max_size=6)  # ragged: fewer or more cells than the header


@IMPORT_SETTINGS
@given(rows=st.lists(ROW, min_size=1, max_size=25),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp932"]),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_generated_tables_account_for_every_row(rows, encoding, quoting):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=quoting, lineterminator="\r\n")
    writer.writerow(["会社名", "電話番号", "住所"])
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding, errors="replace")
    # What a reader sees again, after a lossy encoding: the rows with any non-blank cell count.
    text = data.decode(encoding)
    parsed = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))[1:]
    expected = sum(1 for row in parsed if any(cell.strip() for cell in row))
    db, outcome = _import(data, has_header=True, columns="name,phone,address")
    try:
        event("refused" if isinstance(outcome, KakeruError) else "imported")
        if isinstance(outcome, KakeruError):
            _check_refused(db, outcome)
            assert expected == 0 or "読めませんでした" in str(outcome), str(outcome)
        else:
            _check_accounted(db, outcome, expected)
    finally:
        db.close()


# Random list files: what a person saves from Excel, an old system or a text editor, damaged or not.
FILE_CELL = st.one_of(
    st.text(CELL_CHARS, max_size=12),
    st.text(CELL_CHARS, min_size=1, max_size=2).map(lambda seed: seed * 2_000),  # a long note
    st.just(""),
)
# (file encoding, what the person names: "auto" or the encoding itself)
ENCODINGS = [("utf-8", "auto"), ("utf-8-sig", "auto"), ("cp932", "auto"), ("cp932", "cp932"),
             ("euc_jp", "euc_jp"), ("utf-16", "auto"), ("utf-16-le", "auto"), ("utf-16-be", "utf-16")]
DAMAGE = [None, None, "stray quote", "nul", "cut off"]


@st.composite
def list_files(draw) -> tuple[bytes, str, str, str | None]:
    """(file bytes, its encoding, the encoding the person names, the damage done to it or None)."""
    rows = draw(st.lists(st.lists(FILE_CELL, max_size=4), max_size=8))
    encoding, given = draw(st.sampled_from(ENCODINGS))
    line_end = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    damage = draw(st.sampled_from(DAMAGE))
    lines = []
    for row in [["会社名", "電話番号", "住所"], *rows]:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, quoting=quoting, lineterminator=line_end).writerow(row)
        lines.append(buffer.getvalue())
    if damage == "stray quote":  # an opening quote before a row's first cell, never closed on purpose
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = '"' + lines[at]
    elif damage == "nul":
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = lines[at][:1] + "\x00" + lines[at][1:]
    elif damage == "cut off":  # the last character is cut in the middle of its bytes
        lines[-1] = lines[-1].removesuffix(line_end) + "株"
    data = "".join(lines).encode(encoding, errors="replace")
    return (data[:-1] if damage == "cut off" else data), encoding, given, damage


def _rows_in_the_file(data: bytes, encoding: str) -> int:
    """The data rows a CSV reader finds in ``data`` read as ``encoding``: non-blank records but the header."""
    text = data.decode("utf-8-sig" if encoding.startswith("utf-8") else encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text, ".csv"))
    return max(sum(1 for row in reader if any(cell.strip() for cell in row)) - 1, 0)


@functools.cache
def _seeded_database():
    db = open_db(":memory:")
    for name, phone in (("株式会社既存", "03-9999-0000"), ("東京商事株式会社", "03-1234-5678")):
        create_company(db, {"name": name, "phone": phone})
    return db


def _database_with_data():
    """A copy of a database that already holds two companies (copied: migrating one takes longer)."""
    conn = sqlite3.connect(":memory:")
    _seeded_database().conn.backup(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    return wrap(conn)


def _contents(db) -> dict[str, list]:
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: db.execute(f"SELECT * FROM [{table}]").fetchall() for table in tables}


def _reason(message: str) -> str:
    """A refusal in a word, for the statistics (pytest --hypothesis-show-statistics)."""
    for words, reason in (("見出し行しか", "header only"), ("データがありません", "no data"),
                          ("引用符", "quote"), ("NUL", "NUL"), ("途中で切れて", "cut off"),
                          ("文字コード", "encoding"), ("CSV・TSV", "not a table")):
        if words in message:
            return reason
    return message


def _check_list_file(file: tuple[bytes, str, str, str | None]) -> None:
    data, encoding, given, damage = file
    db = _database_with_data()
    before = _contents(db)
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "list.csv"
            path.write_bytes(data)
            try:
                result = import_file(db, path, "ランダムなリスト", encoding=given, has_header=True,
                                     columns="name,phone,address")
            except KakeruError as error:
                event(f"refused ({damage or 'intact'}: {_reason(str(error))})")
                assert _japanese(str(error)), str(error)
                assert _contents(db) == before  # a failed import changes nothing
                assert damage or _rows_in_the_file(data, encoding) == 0, str(error)  # intact: only if empty
                return
            event(f"imported ({damage or 'intact'})")
            assert damage != "nul", "a NUL byte must be refused"
            assert result.created + result.updated + result.duplicates + result.rejected == result.rows
            assert result.rows == _rows_in_the_file(data, result.encoding)  # every row of the file, no fewer
            assert db.execute("SELECT count(*) FROM companies").fetchone()[0] == 2 + result.created
            assert db.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
    finally:
        db.close()


@settings(max_examples=FILE_EXAMPLES, **FILE_SETTINGS)
@given(file=list_files())
def test_random_list_files_are_imported_row_for_row_or_refused_unchanged(file):
    _check_list_file(file)


@pytest.mark.slow
@settings(max_examples=max(FILE_EXAMPLES, 2_000), **FILE_SETTINGS)
@given(file=list_files())
def test_random_list_files_are_imported_row_for_row_or_refused_unchanged_at_length(file):
    _check_list_file(file)


# -- the date rules -------------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2080, 12, 31))
CLOSURES = st.sampled_from([(), cal.DEFAULT_CLOSURES, (("08-13", "08-16"), ("12-29", "01-03"))])


@DATE_SETTINGS
@given(day=DAYS, n=st.integers(-40, 40), closures=CLOSURES)
def test_add_business_days_lands_on_a_business_day(day, n, closures):
    landed = cal.add_business_days(day, n, closures)
    assert cal.is_business_day(landed, closures)
    if n > 0:
        assert landed > day
    elif n < 0:
        assert landed < day
    else:
        assert landed >= day


@DATE_SETTINGS
@given(day=DAYS, n=st.integers(-30, 30), more=st.integers(1, 10), later=st.integers(0, 60),
       closures=CLOSURES)
def test_add_business_days_is_monotonic(day, n, more, later, closures):
    sooner, further = cal.add_business_days(day, n, closures), cal.add_business_days(day, n + more, closures)
    # From a holiday, 0 business days (the next business day) and 1 (the first after it) coincide.
    if n == 0 and more == 1 and not cal.is_business_day(day, closures):
        assert sooner == further
    else:
        assert sooner < further
    assert cal.add_business_days(day, n, closures) <= cal.add_business_days(
        day + timedelta(days=later), n, closures)


@DATE_SETTINGS
@given(day=DAYS, n=st.integers(-1200, 1200))
def test_add_months_clamps_to_the_month_end_and_never_overflows(day, n):
    moved = cal.add_months(day, n)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == n
    assert moved.day == day.day or (moved.day < day.day and (moved + timedelta(days=1)).day == 1)


@st.composite
def windows(draw):
    """1–3 call windows in order, not overlapping, on whole quarter hours."""
    marks = sorted(draw(st.sets(st.integers(0, 95), min_size=2, max_size=6)))
    pairs = list(zip(marks[0::2], marks[1::2], strict=False))
    if not pairs:
        pairs = [(marks[0], marks[1])]
    return tuple((time(a // 4, a % 4 * 15), time(b // 4, b % 4 * 15)) for a, b in pairs)


@DATE_SETTINGS
@given(moment=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2080, 12, 1)),
       windows=st.one_of(st.just(cal.DEFAULT_WINDOWS), windows()), closures=CLOSURES)
def test_fit_to_call_window_lands_inside_a_window_of_a_business_day(moment, windows, closures):
    moment = moment.replace(tzinfo=JST)
    fitted = cal.fit_to_call_window(moment, windows, closures)
    assert fitted >= moment and fitted.tzinfo is moment.tzinfo
    assert cal.is_business_day(fitted.date(), closures)
    assert cal.in_call_window(fitted, windows)
    assert cal.fit_to_call_window(fitted, windows, closures) == fitted  # already fitted: unchanged


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)), (date(2026, 12, 15), 1, date(2027, 1, 15)),
])
def test_add_months_examples(day, months, expected):
    assert cal.add_months(day, months) == expected
