"""Figures of the KPI issue: computing the whole KPI page (the period's figures, the previous period's
flows beside them, loss reasons, the 8-week trend) over a fixed period of the demo's data, against one
pass over that period's touches returning the columns the page reads of them.

The periods are chosen from the data, not the calendar, so the figure reads the same from day to day:
the last full calendar month and the last full week (Monday to Sunday) before the day of the demo's last
touch, with that day as "today" (the demo's touches end on the day it was built). Medians of 9 runs
(5 with --quick) after a warm-up; scope: every account.
"""

from __future__ import annotations

import statistics
from datetime import date, timedelta

from bench.common import Figure, Workspace, timed
from models.kpi import figures as kpi
from models.kpi.period import Period
from models.store.db import open_db

GOAL = 5
# What the page reads of each touch: its kind and outcome (calls, connects, appointments, loss reasons),
# whether it reached a decision maker, and its company (the scope).
TOUCH_COLUMNS = "t.company_id, t.kind, t.outcome, t.reached_decision_maker"


def demo_periods(db) -> tuple[Period, Period, date]:
    """The last full month and the last full week before the demo's last touch's day, and that day."""
    first_at, last_at = db.execute("SELECT min(at), max(at) FROM touches").fetchone()
    if first_at is None:
        raise SystemExit("the demo database has no touches")
    first, last = date.fromisoformat(first_at[:10]), date.fromisoformat(last_at[:10])
    # Full periods end before the last touch's day, which the demo fills only up to the time it was built.
    month_end = last.replace(day=1) - timedelta(days=1)
    week_end = last - timedelta(days=last.weekday() + 1)  # the last Sunday before it
    month, week = Period(month_end.replace(day=1), month_end), Period(week_end - timedelta(days=6), week_end)
    for period in (month, week):
        if period.start < first:
            raise SystemExit(f"the demo's touches ({first} to {last}) do not cover {period.text()}")
    return month, week, last


def _figure(workspace: Workspace, kind: str) -> Figure:
    db = open_db(workspace.demo_db())
    try:
        month, week, today = demo_periods(db)
        period = month if kind == "month" else week
        low, high = period.bounds()
        touches = db.execute("SELECT count(*) FROM touches").fetchone()[0]
        in_period: list[int] = []

        def page() -> None:
            kpi.compute_kpis(db, period, today=today)
            kpi.compute_kpis(db, period.previous(), today=today, with_trend=False, with_stock=False)

        def baseline() -> None:
            rows = db.execute(f"SELECT {TOUCH_COLUMNS} FROM touches t WHERE t.at >= ? AND t.at < ?",
                              [low, high]).fetchall()
            in_period[:] = [len(rows)]

        runs = 5 if workspace.quick else 9
        page()
        baseline()
        values = [timed(page) for _ in range(runs)]
        baselines = [timed(baseline) for _ in range(runs)]
    finally:
        db.close()
    return Figure(statistics.median(values), statistics.median(baselines), GOAL,
                  note=f"{period.text()}: {in_period[0]:,} of {touches:,} touches read by the baseline")


def kpi_page_full_month(workspace: Workspace) -> Figure:
    return _figure(workspace, "month")


def kpi_page_full_week(workspace: Workspace) -> Figure:
    return _figure(workspace, "week")


FIGURES = {
    "kpi_page_full_month": kpi_page_full_month,
    "kpi_page_full_week": kpi_page_full_week,
}
