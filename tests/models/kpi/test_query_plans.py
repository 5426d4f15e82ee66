"""The KPI queries name no index, and SQLite still plans them to read indexes alone.

A query that names an index (``INDEXED BY``) fails at run time once a migration renames or drops it,
so the KPI SQL steers the planner with plain SQL instead (models/kpi/queries.py). The app runs no
ANALYZE, so SQLite plans from fixed guesses, the same on an empty database as on a full one: the plans
checked here are the plans of 100,000 companies.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from models.kpi.figures import Period, compute_kpis

MODELS = Path(__file__).resolve().parents[3] / "models"
TODAY = date(2025, 1, 15)
# A period that ends after today (the accounts as they are now) and two that ended before it.
THIS_WEEK = Period(date(2025, 1, 13), date(2025, 1, 19))
LAST_WEEK = Period(date(2025, 1, 6), date(2025, 1, 12))
LAST_MONTH = Period(date(2024, 12, 1), date(2024, 12, 31))
# The KPI counts read these tables by their aliases; target_lists (tl, a few rows) and touch_days (a row a
# day) are small enough to read as they come.
COUNTED = ("c", "p", "lm", "m", "t")
HINT = re.compile(r"INDEXED\s+BY\s+([^\s'\"(),]+)", re.IGNORECASE)


def _hints(folder: Path) -> list[tuple[str, str]]:
    """Every ``INDEXED BY`` in the Python files under ``folder``: (file, the word after it)."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for match in HINT.finditer(path.read_text(encoding="utf-8")):
            found.append((str(path.relative_to(MODELS.parent)), match.group(1)))
    return found


def test_the_kpi_sql_names_no_index():
    assert _hints(MODELS / "kpi") == []


def test_any_index_named_in_models_exists_in_the_schema(fresh_db):
    indexes = {name for (name,) in fresh_db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert [(path, name) for path, name in _hints(MODELS) if name not in indexes] == []


def _plans(db, period: Period) -> dict[str, list[str]]:
    """Each SELECT the KPI page runs for ``period`` (and the previous period) with its query plan."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        compute_kpis(db, period, today=TODAY)
        compute_kpis(db, period.previous(), today=TODAY, with_trend=False, with_stock=False)
    finally:
        db.conn.set_trace_callback(None)
    selects = dict.fromkeys(sql for sql in statements if sql.lstrip().upper().startswith("SELECT"))
    return {sql: [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)] for sql in selects}


def test_the_kpi_counts_read_covering_indexes_only(fresh_db):
    for period in (THIS_WEEK, LAST_MONTH):
        for sql, plan in _plans(fresh_db, period).items():
            reads = [line for line in plan if re.match(rf"(SCAN|SEARCH) ({'|'.join(COUNTED)})\b", line)]
            assert [line for line in reads if "COVERING INDEX" not in line] == [], sql


def test_untouched_merges_two_sorted_index_scans(fresh_db):
    for period in (THIS_WEEK, LAST_WEEK):
        (plan,) = [plan for sql, plan in _plans(fresh_db, period).items() if "INTERSECT" in sql]
        assert "MERGE (INTERSECT)" in plan
        assert not [line for line in plan if "TEMP B-TREE" in line]
