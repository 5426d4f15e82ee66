"""Run by test_crash_logging.py: log outcomes into a database file forever, reporting each saved one.

    python crash_logger.py DB_PATH SEED

With ``KAKERU_PASSPHRASE`` set, the database is an encrypted one (made by the test) opened with it.
Prints the touch id of every outcome after ``log_outcome`` has returned (it is committed then) and
flushes at once, so whatever the parent reads was saved before the process was killed.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from models.planning.touches import log_outcome
from models.store import cipher
from models.store.db import open_db, stamp, writing

JST = timezone(timedelta(hours=9))
COMPANIES = 40
OUTCOMES = (
    "not_available", "gatekeeper_block", "connected", "callback_requested", "info_sent", "appointment",
    "no_need", "bad_number", "disqualified",
)


def main(path: str, seed: int) -> None:
    passphrase = os.environ.get("KAKERU_PASSPHRASE")
    if passphrase:
        cipher.unlock(path, passphrase)
    db = open_db(path)
    with writing(db):  # the first run creates the accounts, all or none
        if db.execute("SELECT COUNT(*) FROM companies").fetchone()[0] == 0:
            for number in range(COMPANIES):
                row = {"name": f"株式会社クラッシュ{number}", "fiscal_year_end_month": 3}
                db.table("companies").insert(stamp(row))
    ids = [row[0] for row in db.execute("SELECT id FROM companies")]
    rng = random.Random(seed)
    at = datetime(2026, 11, 20, 9, 0, tzinfo=JST)
    while True:
        outcome = rng.choice(OUTCOMES)
        at += timedelta(seconds=rng.randint(30, 300))
        kwargs = {}
        if outcome == "callback_requested":
            kwargs["next_plan"] = {"due": at + timedelta(days=1)}
        elif outcome == "no_need":
            kwargs["next_plan"] = {"due": date(2027, 2, 1), "hypothesis": "来期予算の策定前に再提案"}
        elif outcome == "appointment":
            kwargs["meeting"] = {"starts_at": at + timedelta(days=7), "place": "先方本社"}
        note = "クラッシュ試験" * rng.randint(1, 50)
        logged = log_outcome(db, rng.choice(ids), outcome, at=at, duration_s=rng.randint(0, 600), note=note,
                             session_uid=f"crash-{seed}", **kwargs)
        print(logged.touch_id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
