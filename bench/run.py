"""Kakeru's benchmarks: every figure is measured with its baseline in the same run.

    python bench/run.py [--quick] [--json FILE] [--only NAME ...] [--companies N] [--keep FOLDER]
                        [--encrypted]

Prints one line per figure: value, baseline, ratio and the goal. With ``--json`` also writes
``{"figure": {"value", "baseline", "ratio", "goal", "unit", "passed"}}``. The goals come from the
issues; tests never assert on time, this script does the measuring.

``--encrypted`` also measures every figure on encrypted copies of the databases (SQLCipher) in the same
run: plain, encrypted, then plain again, and prints the encrypted value ÷ the second plain one (both
after the first run's one-time costs: imports, fonts, the page cache) against its goal, 1.3. The JSON
gains ``"encrypted": {"value", "baseline", "plain_again", "ratio_to_plain", "passed"}``.
"""

from __future__ import annotations

import argparse
import json
import os
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
import bench.figures_team as figures_team  # noqa: E402
from bench import figures_briefs, figures_kpi, figures_map, figures_targets, figures_timeline  # noqa: E402
from bench.common import Figure, Workspace  # noqa: E402
from models.store import keychain  # noqa: E402

# name → function(workspace) -> Figure. Later capabilities add their modules here.
FIGURES: dict[str, Callable[[Workspace], Figure]] = {
    **figures_targets.FIGURES,
    **figures_map.FIGURES,
    **figures_briefs.FIGURES,
    **figures_timeline.FIGURES,
    **figures_kpi.FIGURES,
    **figures_session.FIGURES,
    **figures_team.FIGURES,
}


ENCRYPTED_GOAL = 1.3  # each figure on an encrypted database ≤ 1.3 × the same figure on a plain one
BENCH_PASSPHRASE = "kakeru bench passphrase"


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
    encrypted: dict | None = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 companies instead of 100,000")
    parser.add_argument("--companies", type=int, help="override the size of the demo database")
    parser.add_argument("--keep", type=Path, metavar="FOLDER",
                        help="keep the demo database in FOLDER and reuse it in later runs of the same size "
                             "and day (a million companies take minutes to build)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--only", nargs="*", choices=sorted(FIGURES), help="run only these figures")
    parser.add_argument("--encrypted", action="store_true",
                        help=f"also on encrypted databases: each figure ≤ {ENCRYPTED_GOAL} × the plain one")
    args = parser.parse_args(argv)

    companies = args.companies or (10_000 if args.quick else 100_000)
    if args.keep:
        os.environ["KAKERU_BENCH_KEEP"] = str(args.keep.resolve())  # read by bench.common.Workspace
    work = Path(tempfile.mkdtemp(prefix="kakeru-bench-"))
    rows: list[Row] = []
    try:
        folder = work / "plain" if args.encrypted else work
        workspace = Workspace(folder, companies=companies, quick=args.quick)
        encrypted = Workspace(work / "encrypted", companies=companies, quick=args.quick,
                              passphrase=BENCH_PASSPHRASE, plain=workspace) if args.encrypted else None
        for name in args.only or list(FIGURES):
            row = _measure(name, workspace)
            rows.append(row)
            if encrypted is not None:
                row.encrypted = _measure_encrypted(name, encrypted, workspace)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(
            json.dumps({r.name: {k: v for k, v in asdict(r).items() if k != "name"} for r in rows},
                       ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    passed = all(r.passed and (r.encrypted is None or r.encrypted["passed"]) for r in rows)
    return 0 if passed else 1


def _measure(name: str, workspace: Workspace, label: str = "") -> Row:
    started = time.perf_counter()
    figure = FIGURES[name](workspace)
    print(
        f"{label}{name:<28} {figure.value:>12.4f} {figure.unit:<3} baseline {figure.baseline:>12.4f} "
        f"ratio {figure.ratio:>8.3f}  goal {figure.goal_text:<14} "
        f"{'ok' if figure.passed else 'MISSED'}  ({time.perf_counter() - started:.0f} s)"
        + (f"  {figure.note}" if figure.note else ""),
        flush=True,
    )
    return Row(name, figure.value, figure.baseline, figure.ratio, figure.goal_text, figure.unit,
               figure.passed, figure.note)


def _measure_encrypted(name: str, workspace: Workspace, plain_workspace: Workspace) -> dict:
    """The figure on the encrypted workspace, then on the plain one again; the encrypted value ÷ that
    plain one against ENCRYPTED_GOAL."""
    # For the processes a figure starts: the passphrase, and a keychain that holds it (the start-up probe
    # opens the database as a caller who saved it there does).
    os.environ["KAKERU_PASSPHRASE"] = BENCH_PASSPHRASE
    os.environ["PYTHON_KEYRING_BACKEND"] = "bench.keyring_backend.EnvironmentKeyring"
    os.environ["KAKERU_BENCH_KEYCHAIN"] = keychain.entry_text(workspace.key)  # what Kakeru keeps there
    try:
        row = _measure(name, workspace, label="encrypted ")
    finally:
        for variable in ("KAKERU_PASSPHRASE", "PYTHON_KEYRING_BACKEND", "KAKERU_BENCH_KEYCHAIN"):
            del os.environ[variable]
    for key in [key for key in plain_workspace.cache if key.startswith("gui")]:
        del plain_workspace.cache[key]  # the start-up probes' results: measured again, not reused
    plain = _measure(name, plain_workspace, label="plain     ")
    to_plain = row.value / plain.value if plain.value else float("inf")
    passed = to_plain <= ENCRYPTED_GOAL
    print(f"{'':<10}{name:<28} encrypted ÷ plain {to_plain:>6.3f}  goal ≤ {ENCRYPTED_GOAL}  "
          f"{'ok' if passed else 'MISSED'}", flush=True)
    return {"value": row.value, "baseline": row.baseline, "plain_again": plain.value,
            "ratio_to_plain": to_plain, "passed": passed}


if __name__ == "__main__":
    sys.exit(main())
