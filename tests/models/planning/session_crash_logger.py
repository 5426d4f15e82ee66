"""Run by test_session_crash.py: work call sessions forever as the session view does — the caller types
an outcome and a note (kept as the session's draft, a few times while typing), then the outcome and the
step to the next account are saved in one transaction — printing each kept draft and each saved touch
once committed.

    python session_crash_logger.py DB_PATH SEED

Prints ``draft COMPANY_ID NUMBER`` after a draft (its note ends with ``#NUMBER``, rising) and the touch
id after a saved outcome.
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
    typed = 0
    while True:
        if state is None or state.finished:
            state = sessions.start_session(db, rng.sample(ids, 8))
        at += timedelta(seconds=rng.randint(30, 300))
        outcome = rng.choice(OUTCOMES)
        for _keystrokes in range(rng.randint(1, 3)):  # the draft kept while the note is typed
            typed += 1
            note = "セッション試験" * rng.randint(1, 40) + f"#{typed}"
            state = sessions.keep_draft(db, sessions.Draft(state.current_company_id, outcome, note))
            print(f"draft {state.current_company_id} {typed}", flush=True)
        with writing(db):
            logged = log_outcome(db, state.current_company_id, outcome, at=at,
                                 session_uid=state.uid, note=note)
            state = sessions.advance(db)
        print(logged.touch_id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
