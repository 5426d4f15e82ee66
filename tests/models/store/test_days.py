"""Dates a person gives are kept to 1900-01-01 … 2999-12-31 where they come in, so the day after, the week
before or the period before for a comparison always exists: 9999-12-31 is a sentence, not an OverflowError."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from models.kpi.figures import Period, compute_kpis
from models.planning.agenda import build_agenda, parse_day
from models.store.days import FIRST_DAY, LAST_DAY, check_day
from models.store.errors import ValidationError

ROOT = Path(__file__).resolve().parents[3]
OUT_OF_RANGE = "は扱える範囲の外です。1900-01-01 から 2999-12-31 までの日付を指定してください。"


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"])
def test_a_day_outside_the_range_is_refused_where_it_comes_in(fresh_db, text):
    day = date.fromisoformat(text)
    with pytest.raises(ValidationError) as refused:
        parse_day(text)
    assert str(refused.value) == f"日付「{text}」{OUT_OF_RANGE}"
    with pytest.raises(ValidationError, match="扱える範囲の外"):
        build_agenda(fresh_db, day)
    with pytest.raises(ValidationError, match="扱える範囲の外"):
        compute_kpis(fresh_db, Period(min(day, date(2025, 1, 1)), max(day, date(2025, 1, 1))))


def test_the_first_and_last_days_work_through_to_the_period_before(fresh_db):
    assert check_day(FIRST_DAY) == FIRST_DAY and parse_day("2999-12-31") == LAST_DAY
    assert build_agenda(fresh_db, LAST_DAY).day == LAST_DAY
    assert build_agenda(fresh_db, FIRST_DAY).day == FIRST_DAY
    whole = Period(FIRST_DAY, LAST_DAY)
    compute_kpis(fresh_db, whole)
    last_month = Period(date(2999, 12, 1), LAST_DAY)
    assert last_month.previous() == Period(date(2999, 11, 1), date(2999, 11, 30))


@pytest.mark.parametrize("args", [
    ("agenda", "--date", "9999-12-31"),
    ("kpi", "--from", "2025-01-01", "--to", "9999-12-31"),
    ("kpi", "--from", "0001-01-01", "--to", "2025-01-01"),
    ("briefs", "--date", "9999-12-31", "--out", "briefs"),
])
def test_the_command_line_says_so_instead_of_a_traceback(file_db, tmp_path, args):
    _db, path = file_db
    result = subprocess.run([sys.executable, "main.py", *args, "--db", str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert OUT_OF_RANGE in result.stderr
