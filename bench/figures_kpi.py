"""Figures of the KPI issue: computing the whole KPI page (the period's figures, the previous
period's flows beside them, loss reasons, the 8-week trend) against one ``SELECT count(*)`` over the
touches of the same period, on the demo database (100,000 companies, about a million touches).
Medians of 9 runs (5 with --quick) after a warm-up; scope: every account."""

from __future__ import annotations

import statistics
from datetime import date

from bench.common import Figure, Workspace, timed
from models.kpi import figures as kpi
from models.store.db import open_db

GOAL = 20


def _figure(workspace: Workspace, kind: str) -> Figure:
    db = open_db(workspace.demo_db())
    try:
        today = date.today()
        period = kpi.period_for(kind, today)
        low, high = period.bounds()
        touches = db.execute("SELECT count(*) FROM touches").fetchone()[0]

        def page() -> None:
            kpi.compute_kpis(db, period, today=today)
            kpi.compute_kpis(db, period.previous(), today=today, with_trend=False, with_stock=False)

        def baseline() -> None:
            db.execute("SELECT count(*) FROM touches WHERE at >= ? AND at < ?", [low, high]).fetchone()

        runs = 5 if workspace.quick else 9
        page()
        baseline()
        values = [timed(page) for _ in range(runs)]
        baselines = [timed(baseline) for _ in range(runs)]
        in_period = db.execute("SELECT count(*) FROM touches WHERE at >= ? AND at < ?", [low, high])
        in_period = in_period.fetchone()[0]
    finally:
        db.close()
    return Figure(statistics.median(values), statistics.median(baselines), GOAL,
                  note=f"{period.text()}: {in_period:,} of {touches:,} touches")


def kpi_page_this_month(workspace: Workspace) -> Figure:
    return _figure(workspace, "this_month")


def kpi_page_last_week(workspace: Workspace) -> Figure:
    return _figure(workspace, "last_week")


FIGURES = {
    "kpi_page_this_month": kpi_page_this_month,
    "kpi_page_last_week": kpi_page_last_week,
}
