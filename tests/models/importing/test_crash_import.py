"""Crash test: processes importing target lists are killed with SIGKILL at random moments.

With test_crash_logging.py (10 kills while logging calls) and test_crash_backup.py (10 kills while
backing up), this makes 30 kills in all. Afterwards ``check`` is clean, every import the worker
reported finished is there in full, and no import is half-written: an import row exists exactly when
all of its companies and list memberships do.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.store.check import check_file
from models.store.db import open_db

ROOT = Path(__file__).resolve().parents[3]
KILLS = 10
ROWS = 2000  # one import takes a few hundred milliseconds: most kills land inside one
PIPELINED_ROWS = 6000  # every other run: planned in a worker thread while the rows are written

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]

WORKER = """
import sys
from pathlib import Path
from models.store.db import open_db
from models.importing.importer import import_file
db = open_db(sys.argv[1])
run, rows, folder = sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
n = 0
while True:
    source = folder / f"list-{run}-{n}.csv"
    lines = ["会社名,電話番号,住所"] + [
        f"株式会社クラッシュ{run}の{n}の{i:05d},03-{int(run):02d}{n % 100:02d}-{i:04d},東京都千代田区{i}-{n}"
        for i in range(rows)
    ]
    source.write_bytes(("\\r\\n".join(lines) + "\\r\\n").encode("cp932"))
    print(f"start {n}", flush=True)
    result = import_file(db, source, f"crash-{run}-{n}")
    print(f"done {n} {result.import_id} {result.created}", flush=True)  # committed
    n += 1
"""


def test_killing_imports_at_random_never_half_writes_one(tmp_path):
    path = tmp_path / "kakeru.db"
    open_db(path).close()
    rng = random.Random(20261129)
    finished: list[tuple[int, int]] = []  # (import id, companies created) reported committed
    killed_mid_import = 0
    for run in range(KILLS):
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), str(run), str(ROWS if run % 2 else PIPELINED_ROWS),
             str(tmp_path)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        )
        first = worker.stdout.readline()
        assert first.startswith("start"), worker.stderr.read()
        time.sleep(rng.uniform(0.0, 1.2))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        lines = [first.strip(), *worker.stdout.read().splitlines()]
        worker.stdout.close()
        worker.stderr.close()
        complete = [line for line in lines[:-1] or lines if line]  # a last line may be cut short
        for line in complete:
            if line.startswith("done"):
                _, _n, import_id, created = line.split()
                finished.append((int(import_id), int(created)))
        if lines[-1].startswith("start"):
            killed_mid_import += 1

    assert killed_mid_import >= 3, "too few kills landed inside an import; the test proved little"
    assert finished, "no import finished between the kills; nothing committed was checked"
    report = check_file(path)
    assert report.ok, report.problems
    conn = sqlite3.connect(path)
    try:
        imports = {row[0]: row[1:] for row in conn.execute(
            "SELECT id, rows, created, list_id FROM imports")}
        for import_id, created in finished:
            assert import_id in imports, f"import {import_id} was reported saved but is missing"
            assert imports[import_id][1] == created == imports[import_id][0]
        for import_id, (rows, created, list_id) in imports.items():
            companies = conn.execute("SELECT count(*) FROM companies WHERE import_id = ?",
                                     [import_id]).fetchone()[0]
            members = conn.execute("SELECT count(*) FROM list_members WHERE list_id = ?",
                                   [list_id]).fetchone()[0]
            assert rows in (ROWS, PIPELINED_ROWS), import_id
            assert (created, companies, members) == (rows, rows, rows), import_id
        orphans = conn.execute("SELECT count(*) FROM companies WHERE import_id IS NULL").fetchone()[0]
        assert orphans == 0
        lists_without_import = conn.execute(
            "SELECT count(*) FROM target_lists WHERE id NOT IN (SELECT list_id FROM imports)").fetchone()[0]
        assert lists_without_import == 0
    finally:
        conn.close()
