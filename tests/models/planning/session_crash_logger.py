"""Run by test_session_crash.py: work call sessions forever as the session view saves — the outcome and
the step to the next account in one transaction — printing each saved touch id once committed.

    python session_crash_logger.py DB_PATH SEED
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from models.planning import sessions
from models.planning.touches import log_outcome
from models.store.db import open_db, stamp, writing

JST = timezone(timedelta(hours=9))
COMPANIES = 25
OUTCOMES = ("not_available", "gatekeeper_block", "connected", "info_sent")


def main(path: str, seed: int) -> None:
    db = open_db(path)
    with writing(db):
        if db.execute("SELECT COUNT(*) FROM companies").fetchone()[0] == 0:
            for number in range(COMPANIES):
                db.table("companies").insert(stamp({"name": f"株式会社セッション{number}"}))
    ids = [row[0] for row in db.execute("SELECT id FROM companies ORDER BY id")]
    rng = random.Random(seed)
    at = datetime(2026, 11, 20, 9, 0, tzinfo=JST)
    state = sessions.resume_session(db)
    while True:
        if state is None or state.finished:
            state = sessions.start_session(db, rng.sample(ids, 8))
        at += timedelta(seconds=rng.randint(30, 300))
        with writing(db):
            logged = log_outcome(db, state.current_company_id, rng.choice(OUTCOMES), at=at,
                                 session_uid=state.uid, note="セッション試験" * rng.randint(1, 40))
            state = sessions.advance(db)
        print(logged.touch_id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
