"""Killing the app while it works a call session: no saved outcome lost, the session's position
always agrees with what was logged (the Today page saves the outcome and the step together), and an
outcome typed but not saved yet is offered back on restart."""

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


def run_and_kill(path: Path, seed: int, rng: random.Random) -> list[str]:
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
    return [line.decode() for line in lines]


def draft_number(draft: sessions.Draft) -> int:
    return int(draft.note.rsplit("#", 1)[1])


@pytest.mark.slow
def test_sigkill_during_a_session_keeps_position_and_touches_together(tmp_path):
    path = tmp_path / "session-crash.db"
    rng = random.Random(20261129)
    reported: list[int] = []
    drafts_offered = 0
    for seed in range(ROUNDS):
        lines = run_and_kill(path, seed, rng)
        reported += [int(line) for line in lines if not line.startswith("draft")]
        db = open_db(path)
        try:
            state = sessions.current_session(db)
            logged = db.execute("SELECT company_id FROM touches WHERE session_uid = ? ORDER BY id",
                                [state.uid]).fetchall()
            # Every account before the position was logged in this session, and none after it.
            assert [row[0] for row in logged] == list(state.company_ids[:state.position])
            # Nothing to step past (no call twice); a session at its end is over, not resumed.
            resumed = sessions.resume_session(db)
            assert resumed == (None if state.finished else state)
            if lines and lines[-1].startswith("draft"):
                # Killed while an outcome was typed and not saved: it is offered back, as typed up to
                # the kill (or it was saved just before, and its touch is there).
                _, company_id, number = lines[-1].split()
                if resumed is not None and resumed.current_company_id == int(company_id):
                    assert resumed.draft is not None and draft_number(resumed.draft) >= int(number)
                    drafts_offered += 1
                else:
                    assert int(company_id) in [row[0] for row in logged]
        finally:
            db.close()
    assert len(reported) > ROUNDS
    assert drafts_offered > 0
    db = open_db(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = {row[0] for row in db.execute("SELECT id FROM touches")}
        assert sorted(set(reported) - saved) == []
    finally:
        db.close()
