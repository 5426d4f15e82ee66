"""Killing the app while it works a call session: no saved outcome lost, and the session's position
always agrees with what was logged (the Today page saves the outcome and the step together)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.planning import sessions
from models.store.db import open_db

LOGGER = Path(__file__).with_name("session_crash_logger.py")
ROUNDS = 10  # with the 10 of test_crash_logging.py: 20 kills while outcomes are being logged


def run_and_kill(path: Path, seed: int, rng: random.Random) -> list[int]:
    process = subprocess.Popen([sys.executable, str(LOGGER), str(path), str(seed)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        first = process.stdout.readline()
        assert first, process.stderr.read().decode(errors="replace")
        time.sleep(rng.uniform(0.0, 0.4))
        process.send_signal(signal.SIGKILL)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    lines = (first + output).split(b"\n")[:-1]  # a last line cut short was not reported
    return [int(line) for line in lines]


@pytest.mark.slow
def test_sigkill_during_a_session_keeps_position_and_touches_together(tmp_path):
    path = tmp_path / "session-crash.db"
    rng = random.Random(20261129)
    reported: list[int] = []
    for seed in range(ROUNDS):
        reported += run_and_kill(path, seed, rng)
        db = open_db(path)
        try:
            state = sessions.current_session(db)
            logged = db.execute("SELECT company_id FROM touches WHERE session_uid = ? ORDER BY id",
                                [state.uid]).fetchall()
            # Every account before the position was logged in this session, and none after it.
            assert [row[0] for row in logged] == list(state.company_ids[:state.position])
            assert sessions.resume_session(db) == state  # nothing to step past: no call twice
        finally:
            db.close()
    assert len(reported) > ROUNDS
    db = open_db(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = {row[0] for row in db.execute("SELECT id FROM touches")}
        assert sorted(set(reported) - saved) == []
    finally:
        db.close()
