"""What every benchmark figure shares: the result type, timing helpers, and the demo database."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.store.db import open_db

ROOT = Path(__file__).resolve().parent.parent
DEMO_VERSION = 2  # the demo builder's output changed (uids counting up): kept files of 1 are not reused


@dataclass(frozen=True)
class Figure:
    """One measured figure: ``value`` compared with ``baseline`` measured in the same run.

    ``goal`` is the bound on ``ratio`` (value ÷ baseline) unless ``goal_on_difference`` is set,
    in which case it bounds ``value - baseline`` (e.g. memory: at most 150 MB above the baseline).
    """

    value: float
    baseline: float
    goal: float
    unit: str = "s"
    note: str = ""
    goal_on_difference: bool = False

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def passed(self) -> bool:
        if self.goal_on_difference:
            return self.value - self.baseline <= self.goal
        return self.ratio <= self.goal

    @property
    def goal_text(self) -> str:
        if self.goal_on_difference:
            return f"≤ base+{self.goal:g}{self.unit}"
        return f"ratio ≤ {self.goal:g}"


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


def timed(func: Callable[[], object]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


@dataclass
class Workspace:
    """A scratch folder with a demo database built once per run and copied for each figure.

    With ``passphrase`` every database in it is encrypted (``bench/run.py --encrypted``): the demo database
    is an encrypted copy of ``plain``'s, and a figure that makes a database of its own names it with
    ``new_db`` first. Processes a figure starts read the passphrase from ``KAKERU_PASSPHRASE``.
    """

    folder: Path
    companies: int
    quick: bool
    passphrase: str | None = None
    plain: Workspace | None = None
    _demo: Path | None = field(default=None, init=False)
    key: Any = field(default=None, init=False)  # an encrypted workspace's key (models.store.cipher.Key)
    cache: dict = field(default_factory=dict, init=False)  # results figures share within a run

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.passphrase is not None:
            from models.store import cipher

            self.key = cipher.derive_key(self.passphrase)
            cipher.remember(self.key)  # every database of this workspace shares its key and salt

    def new_db(self, path: Path) -> Path:
        """``path``, to be created by ``open_db``: encrypted in an encrypted workspace."""
        if self.key is not None:
            from models.store import cipher

            cipher.prepare_new(path, self.key)
        return path

    def demo_db(self) -> Path:
        """The path of a demo database with ``companies`` companies (built on first use)."""
        if self._demo is None and self.key is not None and self.plain is not None:
            from models.store.encryption import encrypted_copy

            path = self.folder / "demo.db"
            started = time.perf_counter()
            encrypted_copy(self.plain.demo_db(), path, self.key)
            open_db(path).close()  # in WAL mode, as the app keeps it
            print(f"  (encrypted copy in {time.perf_counter() - started:.0f} s)", flush=True)
            self._demo = path
        if self._demo is None:
            path = self.new_db(self.folder / "demo.db")
            kept = self._kept_demo()
            if kept is None:
                self._build_demo(path)
            else:
                if not kept.exists():
                    self._build_demo(kept)
                started = time.perf_counter()
                shutil.copyfile(kept, path)  # the figures may write to theirs; the kept one stays as built
                print(f"  (copied {kept} in {time.perf_counter() - started:.0f} s)", flush=True)
            self._demo = path
        return self._demo

    def _kept_demo(self) -> Path | None:
        """Where ``KAKERU_BENCH_KEEP`` (a folder) keeps demo databases between runs, or None.

        A million companies take minutes to build: a kept file is reused by every run of the same size,
        builder and day (the demo's touches and plans are placed around the day it is built).
        """
        folder = os.environ.get("KAKERU_BENCH_KEEP")
        if not folder or self.key is not None:
            return None
        from models.store import clock

        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder) / f"demo-{self.companies}-seed7-{clock.today():%Y%m%d}-v{DEMO_VERSION}.db"

    def _build_demo(self, path: Path) -> None:
        from models.demo.builder import generate_demo

        print(f"  (building a demo database of {self.companies:,} companies…)", flush=True)
        started = time.perf_counter()
        partial = path.with_name(path.name + ".part")  # a build cut short is never taken for a kept one
        db = open_db(partial)
        generate_demo(db, companies=self.companies, seed=7)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        partial.rename(path)
        print(f"  (built in {time.perf_counter() - started:.0f} s)", flush=True)

    def copy_of_demo(self, name: str) -> Path:
        """A copy of the demo database, on disk before it is returned.

        The copy leaves hundreds of megabytes for the kernel to write back; unflushed, that write-back
        would run during whatever is timed next and slow its own writes (most of all its commit's fsync).
        """
        target = self.folder / name
        shutil.copyfile(self.demo_db(), target)
        with target.open("rb+") as handle:
            os.fsync(handle.fileno())
        return target


def unlock_from_environment(db_path: str | Path) -> None:
    """In a probe process: hold the key of an encrypted ``db_path`` from ``KAKERU_PASSPHRASE`` (if set)."""
    passphrase = os.environ.get("KAKERU_PASSPHRASE")
    if passphrase:
        from models.store import cipher

        cipher.unlock(db_path, passphrase)


def probe_environment() -> dict[str, str]:
    """The probe's environment: byte-code caching on, as on a user's machine (and in the bundle).

    With ``PYTHONDONTWRITEBYTECODE`` set (as on some build machines) every start would compile each
    module from source, which a real start never does; the cache goes to a folder outside the tree.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "kakeru-bench-pycache")
    return env


def run_probe(args: list[str], timeout: float = 300) -> dict[str, float]:
    """Run ``bench/probe_gui.py`` in a fresh interpreter; return the ``key=value`` figures it prints."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "probe_gui.py"), *args],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=probe_environment(),
    )
    if done.returncode != 0:
        raise RuntimeError(f"probe failed ({done.returncode}): {done.stderr[-2000:]}")
    figures = {"wall": time.perf_counter() - started}
    for line in done.stdout.splitlines():
        if "=" in line:
            key, _, value = line.partition("=")
            figures[key.strip()] = float(value)
    return figures
