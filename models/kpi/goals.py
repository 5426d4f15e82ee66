"""Monthly goals (目標): targets for appointments (and calls, meetings held, won), overall or per list,
with the actual figures so far and the pace needed for the rest of the month.

A goal is set for a month and holds for the months after it until another is set (``kpi_goals``,
migration 10; a row whose targets are all empty ends the goals from its month). The pace is
(target − actual) ÷ the business days left in the month, today included (``models.planning.calendar``:
weekends, public holidays and the closure days of the settings are not business days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

from sqlite_utils import Database

from models.kpi.period import Period, Scope
from models.kpi.queries import meeting_counts, touch_counts
from models.planning.calendar import business_days_between, load_calendar
from models.store import clock
from models.store.changes import KPI_GOALS, Changes
from models.store.db import now_iso, stamp, writing
from models.store.errors import ValidationError

# The figures a goal can set, in the order they are shown (appointments first: the one every team sets).
GOAL_KEYS = ("appointments", "calls", "meetings_held", "won")
GOAL_LABELS = {"appointments": "アポ数", "calls": "架電数", "meetings_held": "商談化数", "won": "受注数"}
MAX_TARGET = 1_000_000


def month_of(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def month_period(month: date) -> Period:
    first = month_of(month)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(first, following - timedelta(days=1))


@dataclass(frozen=True)
class Goal:
    """The targets in force for a month: set for ``set_for`` (that month or an earlier one)."""

    changes: ClassVar[Changes] = Changes.of(KPI_GOALS)  # what a write returning one changed

    list_id: int | None
    set_for: date
    targets: dict[str, int | None]
    caller: str | None = None  # a caller's own goal (the display name their rows carry)

    @property
    def is_set(self) -> bool:
        return any(value is not None for value in self.targets.values())


def _check(key: str, value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    label = GOAL_LABELS[key]
    if isinstance(value, bool):
        raise ValidationError(f"{label}の目標は数字で入力してください。")
    try:
        number = int(str(value).strip().replace(",", "")) if isinstance(value, str) else int(value)
    except ValueError as error:
        raise ValidationError(
            f"{label}の目標「{value}」を数字として読めません。数字で入力してください。") from error
    if not 0 <= number <= MAX_TARGET:
        raise ValidationError(f"{label}の目標は 0〜{MAX_TARGET:,} の範囲で入力してください。")
    return number


def get_goal(db: Database, month: date, list_id: int | None = None, caller: str | None = None
             ) -> Goal | None:
    """The goal in force in ``month`` (overall, of one list or of one caller): the latest set for it or
    before it."""
    row = db.execute(
        "SELECT month, calls, appointments, meetings_held, won FROM kpi_goals "
        "WHERE ifnull(list_id, 0) = ? AND ifnull(caller, '') = ? AND month <= ? ORDER BY month DESC LIMIT 1",
        [list_id or 0, caller or "", f"{month:%Y-%m}"]).fetchone()
    if row is None:
        return None
    set_for = date.fromisoformat(f"{row[0]}-01")
    return Goal(list_id, set_for, dict(zip(("calls", "appointments", "meetings_held", "won"), row[1:],
                                           strict=True)), caller or None)


def set_goal(db: Database, month: date, list_id: int | None, targets: dict[str, Any],
             caller: str | None = None) -> Goal:
    """Set the targets of ``month`` (and of the months after it, until another goal is set), for every
    account, one list (``list_id``) or one caller (``caller``).

    ``targets`` maps keys of ``GOAL_KEYS`` to a number or None (no target for that figure).

    Raises:
        ValidationError: a target is not a whole number from 0 to 1,000,000.
    """
    unknown = set(targets) - set(GOAL_KEYS)
    if unknown:
        raise ValueError(f"unknown goal figures {sorted(unknown)}")
    clean = {key: _check(key, targets.get(key)) for key in GOAL_KEYS}
    text = f"{month:%Y-%m}"
    with writing(db):
        found = db.execute("SELECT id FROM kpi_goals WHERE ifnull(list_id, 0) = ? AND ifnull(caller, '') = ? "
                           "AND month = ?", [list_id or 0, caller or "", text]).fetchone()
        if found:
            db.table("kpi_goals").update(found[0], {**clean, "updated_at": now_iso()})
        else:
            db.table("kpi_goals").insert(stamp({"month": text, "list_id": list_id, "caller": caller or None,
                                                **clean}))
    goal = get_goal(db, month, list_id, caller)
    assert goal is not None
    return goal


@dataclass(frozen=True)
class GoalProgress:
    """One target beside the actual figure of the month so far and the pace needed from today."""

    key: str
    target: int
    actual: int
    pace: float | None  # per business day for the rest of the month; None once the month is over

    @property
    def label(self) -> str:
        return GOAL_LABELS[self.key]

    @property
    def remaining(self) -> int:
        return max(self.target - self.actual, 0)

    @property
    def achieved(self) -> bool:
        return self.actual >= self.target

    def pace_text(self) -> str:
        """「1日あたり 1.5 件」, 「達成」 or 「—」 (the month is over and the target was missed)."""
        if self.achieved:
            return "達成"
        if self.pace is None:
            return "—"
        return f"1日あたり {self.pace:.1f} 件"


@dataclass(frozen=True)
class GoalReport:
    """The goals of a month and scope: each target, its actual and pace, and the business days left."""

    month: date
    scope: Scope
    goal: Goal | None
    items: tuple[GoalProgress, ...]
    days_left: int
    days_total: int

    def month_text(self) -> str:
        return f"{self.month.year}年{self.month.month}月"


def goal_month(period: Period, today: date) -> date:
    """The month whose goals a period shows: today's while the period runs, else that of its last day
    (a past period) or of its first (one still to come)."""
    return month_of(min(period.end, max(today, period.start)))


def business_days_left(db: Database, month: date, today: date) -> tuple[int, int]:
    """The business days of ``month`` from ``today`` on (today included), and of the whole month."""
    whole = month_period(month)
    closures = load_calendar(db).closures
    total = business_days_between(whole.start - timedelta(days=1), whole.end, closures)
    if today > whole.end:
        return 0, total
    start = max(today, whole.start)
    return business_days_between(start - timedelta(days=1), whole.end, closures), total


def goal_report(db: Database, period: Period, scope: Scope | None = None, *,
                today: date | None = None) -> GoalReport:
    """The goals of the month ``goal_month`` picks for ``period``, with the month's figures so far.

    A saved view has no goals of its own (its accounts change with its filter): it shows none. A caller's
    goals are their own (set for that caller), counted on the rows in their name.
    """
    scope = scope or Scope()
    today = today or clock.today()
    month = goal_month(period, today)
    list_id = scope.id if scope.kind == "list" else None
    caller = scope.name if scope.kind == "caller" else None
    # A view has none; nor have the rows that carry no caller (a goal for "" would read the team's).
    unnamed = scope.kind == "caller" and not caller
    goal = None if scope.kind == "view" or unnamed else get_goal(db, month, list_id, caller)
    days_left, days_total = business_days_left(db, month, today)
    items: list[GoalProgress] = []
    if goal is not None and goal.is_set:
        whole = month_period(month)
        actual = touch_counts(db, whole, scope) | meeting_counts(db, whole, scope)
        for key in GOAL_KEYS:
            target = goal.targets.get(key)
            if target is None:
                continue
            done = int(actual[key])
            over = today > whole.end
            pace = None if over else (max(target - done, 0) / days_left if days_left else None)
            items.append(GoalProgress(key, target, done, pace))
    return GoalReport(month, scope, goal, tuple(items), days_left, days_total)
