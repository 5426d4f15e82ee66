"""When a meeting can be: the rep's double bookings, the first free time in the call windows, the rep
remembered from the last meeting."""

from __future__ import annotations

from datetime import datetime, time

from models.accounts.companies import create_company
from models.meetings.meetings import create_meeting, update_meeting
from models.meetings.slots import collisions, last_field_rep, propose_start
from models.planning.calendar import CalendarRules
from tests.models.call_helpers import JST

RULES = CalendarRules()  # 9:00–12:00 and 13:00–18:00, weekends and holidays off
THURSDAY = datetime(2026, 12, 3, 10, 0, tzinfo=JST)
REP = "山本 大輔"


def at(hour: int, minute: int = 0, day: int = 3) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=JST)


def _book(db, company: int, starts: str, rep: str = "山本 大輔", minutes: int = 60, **extra) -> int:
    return create_meeting(db, company, {"starts_at": starts, "field_rep": rep, "duration_min": minutes,
                                        **extra}).id


def test_a_time_overlapping_the_reps_meeting_collides_and_one_beside_it_does_not(fresh_db):
    a = create_company(fresh_db, {"name": "株式会社あおば"}).id
    b = create_company(fresh_db, {"name": "株式会社みなと"}).id
    first = _book(fresh_db, a, "2026-12-03 10:00")
    [busy] = collisions(fresh_db, REP, at(10, 30), 60)
    assert (busy.meeting_id, busy.company_name, busy.starts_at.time(), busy.ends_at.time()) == (
        first, "株式会社あおば", time(10, 0), time(11, 0))
    assert collisions(fresh_db, REP, at(11), 60) == []  # right after
    assert collisions(fresh_db, REP, at(9), 60) == []  # right before
    assert collisions(fresh_db, f" {REP} ", at(9, 30), 60) != []
    assert collisions(fresh_db, "佐藤 健", at(10), 60) == []  # another rep
    assert collisions(fresh_db, None, at(10), 60) == []
    # The meeting being edited does not collide with itself; a cancelled one keeps nobody busy.
    assert collisions(fresh_db, "山本 大輔", THURSDAY, 60, ignore_id=first) == []
    update_meeting(fresh_db, first, {"status": "cancelled"})
    assert collisions(fresh_db, "山本 大輔", THURSDAY, 60) == []
    _book(fresh_db, b, "2026-12-03 10:00")
    _book(fresh_db, b, "2026-12-03 10:15", minutes=30)
    assert len(collisions(fresh_db, "山本 大輔", THURSDAY, 60)) == 2


def test_the_proposal_is_the_first_free_time_in_the_call_windows(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社あおば"}).id
    assert propose_start(fresh_db, "山本 大輔", 60, THURSDAY, RULES) == THURSDAY  # free: as asked
    _book(fresh_db, company, "2026-12-03 10:00")
    _book(fresh_db, company, "2026-12-03 11:00", minutes=30)
    # 11:30 would run into the lunch break; 13:00 is the next window.
    assert propose_start(fresh_db, REP, 60, THURSDAY, RULES) == at(13)
    assert propose_start(fresh_db, REP, 30, THURSDAY, RULES) == at(11, 30)
    assert propose_start(fresh_db, "佐藤 健", 60, THURSDAY, RULES) == THURSDAY  # another rep is free
    # After the last window, and over a weekend: Monday morning.
    assert propose_start(fresh_db, REP, 60, at(17, 40, day=4), RULES) == at(9, day=7)
    # Between the half hours, the next one.
    assert propose_start(fresh_db, None, 60, at(14, 5), RULES) == at(14, 30)


def test_a_full_calendar_proposes_nothing(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社あおば"}).id
    _book(fresh_db, company, "2026-12-03 09:00", minutes=10 * 60)
    assert propose_start(fresh_db, "山本 大輔", 60, THURSDAY, RULES, days=0) is None


def test_the_rep_of_the_last_meeting_is_remembered(fresh_db):
    a = create_company(fresh_db, {"name": "株式会社あおば"}).id
    b = create_company(fresh_db, {"name": "株式会社みなと"}).id
    assert last_field_rep(fresh_db, a) is None
    _book(fresh_db, a, "2026-12-03 10:00", rep="佐藤 健")
    _book(fresh_db, b, "2026-12-04 10:00", rep="山本 大輔")
    _book(fresh_db, b, "2026-12-05 10:00", rep="")
    assert last_field_rep(fresh_db, a) == "佐藤 健"  # the account's own rep first
    assert last_field_rep(fresh_db, b) == "山本 大輔"
    assert last_field_rep(fresh_db, create_company(fresh_db, {"name": "株式会社新規"}).id) == "山本 大輔"
