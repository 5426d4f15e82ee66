"""Figures of the call-session issue: Enter on an outcome → next account drawn, on the demo database."""

from __future__ import annotations

import subprocess
import sys

from bench.common import ROOT, Figure, Workspace

OUTCOMES = 50


def _probe(db_path, outcomes: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "probe_session.py"), str(db_path), str(outcomes)],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"session probe failed ({done.returncode}): {done.stderr[-2000:]}")
    figures = {}
    for line in done.stdout.splitlines():
        if "=" in line:
            key, _, value = line.partition("=")
            figures[key.strip()] = float(value)
    return figures


def enter_to_next_account(ws: Workspace) -> Figure:
    """Median Enter → saved, planned, next account loaded and painted ÷ median repaint of the same page
    with the account already in memory (both over the same 50 outcomes, in one process)."""
    figures = _probe(ws.copy_of_demo("session.db"), OUTCOMES)
    return Figure(figures["value"], figures["baseline"], goal=3.0, note=(
        f"{OUTCOMES} outcomes on {ws.companies:,} companies; p90 {figures['p90'] * 1000:.1f} ms, "
        f"median {figures['value'] * 1000:.1f} ms vs repaint {figures['baseline'] * 1000:.1f} ms"
    ))


FIGURES = {
    "session_enter_to_next_vs_repaint": enter_to_next_account,
}
