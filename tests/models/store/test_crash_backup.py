"""Crash test: processes taking backups (and logging in between) are killed with SIGKILL at random.

Afterwards the database is intact with every committed row, every ``*.db`` in the backups folder is
a whole, valid backup, ``*.partial`` leftovers are never listed, and the next backup removes them.
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

from models.store import settings
from models.store.backup import backup_now, list_backups, validate_backup
from models.store.check import check_file
from models.store.db import backup_dir, open_db, stamp, writing

ROOT = Path(__file__).resolve().parents[3]
KILLS = 10
COMPANIES = 10_000  # about 45 MB: one backup takes 100 ms or more

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]

WORKER = """
import sys
from models.store.backup import backup_now
from models.store.db import open_db, stamp, writing
db = open_db(sys.argv[1])
run = sys.argv[2]
n = 0
while True:
    with writing(db):
        db.table("settings").insert(stamp({"key": f"crash-{run}-{n}", "value": str(n)}))
    print(n, flush=True)  # committed: it must survive the kill
    n += 1
    backup_now(db)
"""


def build_database(path: Path) -> None:
    db = open_db(path)
    rng = random.Random(1)
    with writing(db):
        db.table("companies").insert_all(
            (stamp({"name": f"株式会社クラッシュ{i:05d}", "search_key": f"くらっしゅ{i:05d}",
                    "notes": rng.randbytes(1000).hex()}) for i in range(COMPANIES)),
            batch_size=1000,
        )
        # Keep few manual backups so the folder stays small; rotation then runs (and is killed) too.
        db.table("settings").insert(stamp({"key": settings.BACKUP_KEEP_MANUAL, "value": "3"}))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def committed_rows(path: Path, run: int) -> int:
    conn = sqlite3.connect(path)
    try:
        sql = "SELECT count(*) FROM settings WHERE key LIKE ?"
        return conn.execute(sql, [f"crash-{run}-%"]).fetchone()[0]
    finally:
        conn.close()


def test_killing_backups_at_random_never_damages_the_database_or_leaves_a_broken_backup(tmp_path):
    path = tmp_path / "kakeru.db"
    build_database(path)
    folder = backup_dir(path)
    rng = random.Random(20261123)
    validated: set[tuple[str, int]] = set()
    killed_mid_backup = 0

    for run in range(KILLS):
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), str(run)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert worker.stdout.readline().strip() == "0", worker.stderr.read()
        time.sleep(rng.uniform(0.05, 0.6))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        printed = [int(line) for line in worker.stdout.read().split()]
        worker.stdout.close()
        worker.stderr.close()
        last_committed = printed[-1] if printed else 0

        assert committed_rows(path, run) >= last_committed + 1
        if list(folder.glob("*.partial")):
            killed_mid_backup += 1
        listed = list_backups(path)
        assert all(not b.path.name.endswith(".partial") for b in listed)
        for info in listed:
            key = (info.path.name, info.size)
            if key not in validated:
                verdict = validate_backup(info.path)
                assert verdict.ok, f"{info.path.name}: {verdict.message_ja}"
                validated.add(key)
        assert sorted(folder.glob("*.db")) == sorted(b.path for b in listed)

    assert killed_mid_backup >= 1, "no kill landed during a backup; the test proved nothing"
    report = check_file(path)
    assert report.ok, report.problems
    db = open_db(path)
    try:
        assert db.table("companies").count == COMPANIES
        backup_now(db)
    finally:
        db.close()
    assert not list(folder.glob("*.partial*"))
    assert all(validate_backup(b.path, quick=True).ok for b in list_backups(path))
