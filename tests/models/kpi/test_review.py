"""The weekly review's decisions, and what the review sheet gathers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from models.accounts.companies import create_company
from models.kpi import review
from models.kpi.figures import Period
from models.meetings.meetings import create_meeting, update_meeting
from models.store.errors import NotFound, ValidationError

WEEK = Period(date(2025, 1, 6), date(2025, 1, 12))


def test_decisions_crud_and_undoable_delete(fresh_db):
    db = fresh_db
    first = review.add_decision(db, WEEK, " 受付突破トークを見直す ", "佐藤", "2025/01/17")
    second = review.add_decision(db, WEEK, "決算月リストを作る")
    review.add_decision(db, Period(date(2025, 1, 13), date(2025, 1, 19)), "別の週")
    assert [d.decision for d in review.decisions_for(db, WEEK)] == [
        "受付突破トークを見直す", "決算月リストを作る"]
    assert (first.owner, first.due) == ("佐藤", "2025-01-17")
    changed = review.update_decision(db, second.id, owner="鈴木", due="2025-01-20", done=True)
    assert (changed.owner, changed.due, changed.done) == ("鈴木", "2025-01-20", 1)
    gone = review.delete_decision(db, first.id)
    assert [d.id for d in review.decisions_for(db, WEEK)] == [second.id]
    review.restore_decision(db, gone)
    assert [d.id for d in review.decisions_for(db, WEEK)] == [first.id, second.id]


def test_decisions_bad_input(fresh_db):
    with pytest.raises(ValidationError, match="決定事項を入力"):
        review.add_decision(fresh_db, WEEK, "   ")
    with pytest.raises(ValidationError, match="期限"):
        review.add_decision(fresh_db, WEEK, "x", due="来週")
    with pytest.raises(NotFound):
        review.update_decision(fresh_db, 42, done=True)


def test_gather_review_splits_closed_meetings(fresh_db):
    db = fresh_db
    a = create_company(db, {"name": "受注株式会社"})
    b = create_company(db, {"name": "継続株式会社"})
    won = create_meeting(db, a.id, {"starts_at": "2025-01-07 10:00"})
    update_meeting(db, won.id, {"status": "held", "outcome": "won"})
    other = create_meeting(db, b.id, {"starts_at": "2025-01-08 10:00"})
    update_meeting(db, other.id, {"status": "held", "outcome": "ongoing", "next_step": "見積り"})
    review.add_decision(db, WEEK, "決定")
    at = datetime(2025, 1, 13, 9, tzinfo=timezone(timedelta(hours=9)))
    data = review.gather_review(db, WEEK, today=date(2025, 1, 13), generated_at=at)
    assert [r.company_name for r in data.closed] == ["受注株式会社"]
    assert [(r.company_name, r.note) for r in data.not_closed] == [("継続株式会社", "見積り")]
    assert data.previous.period == Period(date(2024, 12, 30), date(2025, 1, 5))
    assert data.current.value("won") == 1 and data.previous.value("meetings_held") == 0
    assert [d.decision for d in data.decisions] == ["決定"]
