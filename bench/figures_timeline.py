"""Figures of the account timeline: opening and drawing an account with 2,000 touches and plans
against one with 20 (a view reads and draws what is visible, not everything)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

from bench.common import ROOT, Figure, Workspace
from models.planning.timeline_samples import sample_account
from models.store.db import open_db

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=timezone(timedelta(hours=9)))


def timeline_open_draw_2000_vs_20(ws: Workspace) -> Figure:
    """Open + draw the timeline of a 2,000-item account ÷ that of a 20-item one (medians, one process)."""
    path = ws.new_db(ws.folder / "timeline.db")
    db = open_db(path)
    # Two years of history and a year of plans each; the large one has 1,500 touches and 500 plans.
    large = sample_account(db, touches=1500, plans=500, now=NOW, name="大口商事株式会社")
    small = sample_account(db, touches=15, plans=5, now=NOW, name="小口商事株式会社")
    db.close()
    runs = 15 if ws.quick else 40
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "probe_timeline.py"), str(path), str(large), str(small),
         str(runs), NOW.isoformat()],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"timeline probe failed ({done.returncode}): {done.stderr[-2000:]}")
    values = {key.strip(): float(value) for key, _, value in
              (line.partition("=") for line in done.stdout.splitlines() if "=" in line)}
    value, baseline = values["large"], values["small"]
    return Figure(value, baseline, goal=10.0, note=(
        f"{int(values['items_large']):,} touches+plans: {value * 1000:.1f} ms, 20: {baseline * 1000:.1f} ms; "
        f"{int(values['drawn_large'])} items drawn at the default 3-month zoom; medians of {runs} runs"
    ))


FIGURES = {
    "timeline_open_draw_2000_vs_20": timeline_open_draw_2000_vs_20,
}
