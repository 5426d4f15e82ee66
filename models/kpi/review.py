"""The weekly review: its decisions (決定事項とネクストアクション) and everything the review sheet shows.

Decisions belong to a period (``review_decisions``, migration 3); each has an owner, a due date and
a done flag. ``gather_review`` collects the figures of a period beside the previous period's, the
trend, the loss reasons, the meetings that closed and those that did not, and the decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from sqlite_utils import Database

from models.accounts.entities import from_row
from models.kpi.figures import DrillRow, KpiReport, Period, Scope, compute_kpis, meetings_of_period
from models.store import clock
from models.store.changes import REVIEW_DECISIONS, Changes
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError


@dataclass(frozen=True)
class Decision:
    changes: ClassVar[Changes] = Changes.of(REVIEW_DECISIONS)  # what a write returning one changed

    id: int
    uid: str
    period_start: str
    period_end: str
    decision: str
    owner: str | None = None
    due: str | None = None
    done: int = 0


def _due(value: date | str | None) -> str | None:
    if value is None or isinstance(value, date):
        return value.isoformat() if value else None
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text.replace("/", "-")).isoformat()
    except ValueError as error:
        raise ValidationError(
            f"期限「{value}」を日付として読めません。2025-01-15 の形式で入力してください。") from error


def _text(decision: str | None) -> str:
    text = (decision or "").strip()
    if not text:
        raise ValidationError("決定事項を入力してください。")
    return text


def get_decision(db: Database, decision_id: int) -> Decision:
    rows = list(db.query("SELECT * FROM review_decisions WHERE id = ?", [decision_id]))
    if not rows:
        raise NotFound("この決定事項は見つかりません。削除された可能性があります。")
    return from_row(Decision, rows[0])


def decisions_for(db: Database, period: Period) -> list[Decision]:
    """The decisions of exactly this period, in the order they were added."""
    rows = db.query("SELECT * FROM review_decisions WHERE period_start = ? AND period_end = ? ORDER BY id",
                    [period.start.isoformat(), period.end.isoformat()])
    return [from_row(Decision, row) for row in rows]


def add_decision(db: Database, period: Period, decision: str, owner: str | None = None,
                 due: date | str | None = None) -> Decision:
    row = stamp({"period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
                 "decision": _text(decision), "owner": (owner or "").strip() or None, "due": _due(due),
                 "done": 0})
    with writing(db):
        decision_id = inserted_id(db.table("review_decisions").insert(row))
    return get_decision(db, decision_id)


def update_decision(db: Database, decision_id: int, *, decision: str | None = None, owner: str | None = None,
                    due: date | str | None = None, done: bool | None = None) -> Decision:
    """Change the given fields of a decision (``owner=""`` / ``due=""`` clear them)."""
    changes: dict = {}
    if decision is not None:
        changes["decision"] = _text(decision)
    if owner is not None:
        changes["owner"] = owner.strip() or None
    if due is not None:
        changes["due"] = _due(due)
    if done is not None:
        changes["done"] = int(bool(done))
    with writing(db):
        get_decision(db, decision_id)
        if changes:
            db.table("review_decisions").update(decision_id, {**changes, "updated_at": now_iso()})
    return get_decision(db, decision_id)


def delete_decision(db: Database, decision_id: int) -> Decision:
    """Delete a decision; returns it as it was, so that it can be put back (undo)."""
    with writing(db):
        gone = get_decision(db, decision_id)
        db.execute("DELETE FROM review_decisions WHERE id = ?", [decision_id])
    return gone


def restore_decision(db: Database, decision: Decision) -> Decision:
    """Put a deleted decision back with its id and uid."""
    with writing(db):
        db.table("review_decisions").insert(stamp({
            "id": decision.id, "uid": decision.uid, "period_start": decision.period_start,
            "period_end": decision.period_end, "decision": decision.decision, "owner": decision.owner,
            "due": decision.due, "done": decision.done}), replace=True)
    return get_decision(db, decision.id)


@dataclass(frozen=True)
class ReviewData:
    """Everything the weekly review sheet shows."""

    current: KpiReport
    previous: KpiReport
    closed: tuple[DrillRow, ...]
    not_closed: tuple[DrillRow, ...]
    decisions: tuple[Decision, ...]
    generated_at: datetime


def gather_review(db: Database, period: Period, scope: Scope | None = None, *, today: date | None = None,
                  generated_at: datetime | None = None) -> ReviewData:
    scope = scope or Scope()
    current = compute_kpis(db, period, scope, today=today)
    previous = compute_kpis(db, period.previous(), scope, today=today, with_trend=False)
    meetings = meetings_of_period(db, period, scope)
    closed = tuple(row for row in meetings if row.what.startswith("受注"))
    not_closed = tuple(row for row in meetings if not row.what.startswith("受注"))
    return ReviewData(current, previous, closed, not_closed, tuple(decisions_for(db, period)),
                      generated_at or clock.now())
