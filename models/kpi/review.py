"""The review (週次・月次): its decisions (決定事項とネクストアクション) and all the review sheet shows.

Decisions belong to the period of the review that made them (``review_decisions``, migration 3); each has
an owner, a due date and a done flag (with when, migration 10). A decision left open is carried into every
later review until it is marked done. ``gather_review`` collects the figures of a period beside the
previous period's, the goals of the month, the trend, the loss reasons, the meetings that closed and
those that did not, the meetings still waiting for the field's feedback, and the decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import ClassVar

from sqlite_utils import Database

from models.accounts.entities import from_row
from models.kpi.figures import DrillRow, KpiReport, Period, Scope, compute_kpis, meetings_of_period
from models.kpi.goals import GoalReport, goal_report
from models.kpi.period import scope_sql
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
    done_at: str | None = None

    def carried_into(self, period: Period) -> bool:
        """Whether this decision comes from another review than ``period``'s (an earlier one)."""
        return (self.period_start, self.period_end) != (period.start.isoformat(), period.end.isoformat())

    def is_overdue(self, today: date) -> bool:
        """Still open after its due day."""
        return not self.done and self.due is not None and self.due < today.isoformat()

    def period_text(self) -> str:
        """The review that made it, as 「11/02〜11/08」."""
        return f"{self.period_start[5:].replace('-', '/')}〜{self.period_end[5:].replace('-', '/')}"


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


def review_decisions(db: Database, period: Period) -> list[Decision]:
    """The decisions a review of ``period`` shows: its own, and those of earlier reviews still open when
    it began (or marked done since then), the carried ones first by due day.

    An earlier review is one whose period began by the end of this one, so a custom period shows the
    open decisions of the weekly reviews inside it too.
    """
    start, end = period.start.isoformat(), period.end.isoformat()
    rows = db.query(
        "SELECT * FROM review_decisions WHERE (period_start = ? AND period_end = ?) OR (period_start <= ? "
        "AND (done = 0 OR substr(ifnull(done_at, '9999'), 1, 10) >= ?)) "
        "ORDER BY (period_start = ? AND period_end = ?), due IS NULL, due, id",
        [start, end, end, start, start, end])
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
        changes["done_at"] = now_iso() if done else None
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
            "due": decision.due, "done": decision.done, "done_at": decision.done_at}), replace=True)
    return get_decision(db, decision.id)


@dataclass(frozen=True)
class StalledMeeting:
    """A meeting held, or past its day, without the field's feedback: who to chase, and for how long."""

    meeting_id: int
    company_id: int
    company_name: str
    starts_at: str
    field_rep: str | None
    caller: str | None
    held: bool
    days: int  # days since the meeting's day

    def when(self) -> str:
        return self.starts_at[:16].replace("T", " ")


def stalled_meetings(db: Database, period: Period, scope: Scope | None = None, *,
                     today: date | None = None) -> list[StalledMeeting]:
    """Meetings up to the end of ``period`` held, or scheduled on a day before today, whose feedback
    (the outcome) has not come back, oldest first. Cancelled meetings are left out."""
    scope = scope or Scope()
    today = today or clock.today()
    _, high = period.bounds()
    condition, params = scope_sql(db, scope, "m.company_id", "m.caller")
    rows = db.execute(
        "SELECT m.id, m.company_id, c.name, m.starts_at, m.field_rep, m.caller, m.status FROM meetings m "
        "JOIN companies c ON c.id = m.company_id WHERE m.starts_at < ? AND m.status <> 'cancelled' "
        "AND m.outcome IS NULL AND m.feedback_at IS NULL AND (m.status = 'held' OR m.starts_at < ?) "
        f"AND {condition} ORDER BY m.starts_at, m.id", [high, today.isoformat(), *params]).fetchall()
    return [StalledMeeting(mid, cid, name, starts_at, rep, caller, status == "held",
                           (today - date.fromisoformat(starts_at[:10])).days)
            for mid, cid, name, starts_at, rep, caller, status in rows]


def period_kind(period: Period) -> str:
    """'weekly' (Monday to Sunday), 'monthly' (a calendar month) or 'period' (any other range)."""
    if period.days == 7 and period.start.weekday() == 0:
        return "weekly"
    if period.start.day == 1 and (period.end + timedelta(days=1)).day == 1 and period.days <= 31:
        return "monthly"
    return "period"


REVIEW_TITLES = {"weekly": "週次レビューシート", "monthly": "月次レビューシート",
                 "period": "期間レビューシート"}


@dataclass(frozen=True)
class ReviewData:
    """Everything the review sheet shows."""

    current: KpiReport
    previous: KpiReport
    closed: tuple[DrillRow, ...]
    not_closed: tuple[DrillRow, ...]
    decisions: tuple[Decision, ...]
    generated_at: datetime
    goals: GoalReport | None = None
    stalled: tuple[StalledMeeting, ...] = field(default=())
    today: date | None = None

    @property
    def title(self) -> str:
        """週次 / 月次 / 期間レビューシート, as the period is a week, a month or another range."""
        return REVIEW_TITLES[period_kind(self.current.period)]


def gather_review(db: Database, period: Period, scope: Scope | None = None, *, today: date | None = None,
                  generated_at: datetime | None = None) -> ReviewData:
    scope = scope or Scope()
    today = today or clock.today()
    current = compute_kpis(db, period, scope, today=today)
    previous = compute_kpis(db, period.previous(), scope, today=today, with_trend=False)
    meetings = meetings_of_period(db, period, scope)
    closed = tuple(row for row in meetings if row.what.startswith("受注"))
    not_closed = tuple(row for row in meetings if not row.what.startswith("受注"))
    return ReviewData(current, previous, closed, not_closed, tuple(review_decisions(db, period)),
                      generated_at or clock.now(), goal_report(db, period, scope, today=today),
                      tuple(stalled_meetings(db, period, scope, today=today)), today)
