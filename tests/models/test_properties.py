"""Property-based tests (hypothesis): the importer on arbitrary files, and the date rules.

Importer: whatever the bytes, encoding, quoting, raggedness or cell size, ``import_file`` either
imports with every row accounted for (created + updated + duplicates + rejected = rows read) or
refuses with a Japanese ``KakeruError`` and writes nothing. Dates: ``add_business_days`` always lands
on a business day and is monotonic, ``add_months`` clamps to the month end and never overflows, and
``fit_to_call_window`` lands inside a call window of a business day, never earlier than asked.
"""

from __future__ import annotations

import csv
import io
import tempfile
import unicodedata
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from models.importing.importer import import_file
from models.planning import calendar as cal
from models.store.db import open_db
from models.store.errors import KakeruError

JST = timezone(timedelta(hours=9))
IMPORT_SETTINGS = settings(max_examples=60, deadline=None,
                           suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DATE_SETTINGS = settings(max_examples=100, deadline=None)
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
