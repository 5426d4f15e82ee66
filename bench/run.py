"""Kakeru's benchmarks: every figure is measured with its baseline in the same run.

    python bench/run.py [--quick] [--json FILE] [--only NAME ...] [--companies N]

Prints one line per figure: value, baseline, ratio and the goal. With ``--json`` also writes
``{"figure": {"value", "baseline", "ratio", "goal", "unit", "passed"}}``. The goals come from the
issues; tests never assert on time, this script does the measuring.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bench.figures_session as figures_session  # noqa: E402
from bench import figures_briefs, figures_kpi, figures_map, figures_targets, figures_timeline  # noqa: E402
from bench.common import Figure, Workspace  # noqa: E402

# name → function(workspace) -> Figure. Later capabilities add their modules here.
FIGURES: dict[str, Callable[[Workspace], Figure]] = {
    **figures_targets.FIGURES,
    **figures_map.FIGURES,
    **figures_briefs.FIGURES,
    **figures_timeline.FIGURES,
    **figures_kpi.FIGURES,
    **figures_session.FIGURES,
}


@dataclass
class Row:
    name: str
    value: float
    baseline: float
    ratio: float
    goal: str
    unit: str
    passed: bool
    note: str


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 companies instead of 100,000")
    parser.add_argument("--companies", type=int, help="override the size of the demo database")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--only", nargs="*", choices=sorted(FIGURES), help="run only these figures")
    args = parser.parse_args(argv)

    companies = args.companies or (10_000 if args.quick else 100_000)
    work = Path(tempfile.mkdtemp(prefix="kakeru-bench-"))
    rows: list[Row] = []
    try:
        workspace = Workspace(work, companies=companies, quick=args.quick)
        for name in args.only or list(FIGURES):
            started = time.perf_counter()
            figure = FIGURES[name](workspace)
            rows.append(Row(name, figure.value, figure.baseline, figure.ratio, figure.goal_text,
                            figure.unit, figure.passed, figure.note))
            print(
                f"{name:<28} {figure.value:>12.4f} {figure.unit:<3} baseline {figure.baseline:>12.4f} "
                f"ratio {figure.ratio:>8.3f}  goal {figure.goal_text:<14} "
                f"{'ok' if figure.passed else 'MISSED'}  ({time.perf_counter() - started:.0f} s)"
                + (f"  {figure.note}" if figure.note else ""),
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(
            json.dumps({r.name: {k: v for k, v in asdict(r).items() if k != "name"} for r in rows},
                       ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
