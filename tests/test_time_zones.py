"""The suite's date and time tests pass whatever the machine's time zone is.

Each zone runs the modules below in a fresh interpreter with TZ set, so that Python's and the C
library's idea of local time is that zone's from the start. The suite's databases work in Asia/Tokyo
(``KAKERU_TIME_ZONE`` in tests/conftest.py), so anything in Kakeru that still read the machine's zone —
``date.today()``, ``datetime.now()``, ``.astimezone()`` on a naive time — shows up as a failure under
UTC (nine hours behind Tokyo, a day behind after 15:00) or Los Angeles (a day behind for most of it).
tests/models/store/test_time_zone.py holds the known answers: stored offsets, days, the .ics export.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# The modules whose code makes, reads, compares or exports dates and times.
DATE_AND_TIME_TESTS = (
    "tests/models/store/test_time_zone.py",
    "tests/models/store/test_migrations.py",
    "tests/models/planning/test_touches.py",
    "tests/models/planning/test_plans.py",
    "tests/models/planning/test_agenda.py",
    "tests/models/planning/test_calendar.py",
    "tests/models/planning/test_timeline.py",
    "tests/models/planning/test_session_dates.py",
    "tests/models/planning/test_sessions.py",
    "tests/models/planning/test_cadences.py",
    "tests/models/planning/test_hypotheses.py",
    "tests/models/kpi/test_kpi.py",
    "tests/models/kpi/test_leadtime.py",
    "tests/models/kpi/test_review.py",
    "tests/models/meetings/test_meetings.py",
    "tests/models/meetings/test_ics.py",
    "tests/models/meetings/test_feedback.py",
    "tests/models/meetings/test_briefs.py",
    "tests/models/accounts/test_scoring.py",
    "tests/models/accounts/test_targets.py",
)


@pytest.mark.slow
@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_the_date_and_time_tests_pass_in_every_machine_zone(zone):
    env = {**os.environ, "TZ": zone, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", "-x",
               *DATE_AND_TIME_TESTS]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=300)
    assert done.returncode == 0, f"TZ={zone}:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}"
