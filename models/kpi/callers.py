"""Every caller side by side (担当者別): the figures of a period per caller, and the team's total.

A caller is the display name their rows carry (``touches.caller``, ``meetings.caller``; in a team's file
the name the server set). The table has one row per caller with a call or a meeting held in the period,
and one per member of the team (``team_members``, pulled from the server) even with nothing in it; rows
that carry no caller are a row of their own (「担当者の記録なし」), so the callers' rows add up to the team's
row, which is the figures of every account (``Scope()``), counted as the KPI page counts them.

Goals are set for the whole team, a list or one caller (``models.kpi.goals``): a caller's row shows the
caller's own goal of the month and the pace still needed, counted on the rows in their name, and nothing
when none is set (the team's goal is never divided among callers); the team's row has the team's goal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from models.accounts.vocab import connect_sql
from models.kpi.goals import GoalProgress, GoalReport, goal_report
from models.kpi.period import NO_CALLER, Period, Scope
from models.kpi.queries import meeting_counts, order_amounts, touch_counts
from models.kpi.review import (
    REVIEW_TITLES,
    Decision,
    ReviewData,
    gather_review,
    period_kind,
    review_decisions,
)
from models.store import clock

# The columns of the table, in order: each is a figure of models.kpi.figures (same definition).
CALLER_FIGURES = ("calls", "connects", "key_person", "appointments", "meetings_held", "won", "order_amount")
# The goal the target and pace columns show (the one every team sets).
TARGET_KEY = "appointments"
TARGET_NOTE = ("担当者の行の目標とペースは その担当者に設定した目標です（KPI 画面で担当者を選び「目標…」で"
               "設定します）。チーム全体の目標を担当者に割り振ることはしません。")
TARGET_NOTE_EN = ("A caller's target and pace are the goals set for that caller (choose the caller on the "
                  "KPI page, then Goals…); the team's goal is never divided among callers.")


@dataclass(frozen=True)
class CallerRow:
    """One caller's figures (``caller`` None: the team's total; "" the rows that carry no caller)."""

    caller: str | None
    figures: dict[str, int]
    member: bool = False
    active: bool = True
    goal: GoalProgress | None = None

    @property
    def is_team(self) -> bool:
        return self.caller is None

    def name(self) -> str:
        if self.caller is None:
            return "チーム合計"
        return self.caller or NO_CALLER

    def scope(self) -> Scope:
        """The scope whose figures this row shows (the rows behind a cell are those of this scope)."""
        return Scope() if self.caller is None else Scope.of_caller(self.caller)


@dataclass(frozen=True)
class CallerTable:
    """The callers' rows (by name), the team's row, and the team's goals of the month."""

    period: Period
    callers: tuple[CallerRow, ...]
    team: CallerRow
    goals: GoalReport

    @property
    def rows(self) -> tuple[CallerRow, ...]:
        return (*self.callers, self.team)


def team_members(db: Database) -> dict[str, bool]:
    """The team's members pulled from the server: display name → active (empty outside a team)."""
    return {name: bool(active) for name, active in db.execute(
        "SELECT display_name, active FROM team_members WHERE display_name <> '' ORDER BY display_name")}


def _touches_by_caller(db: Database, period: Period) -> dict[str, dict[str, int]]:
    low, high = period.bounds()
    rows = db.execute(
        f"SELECT coalesce(t.caller, ''), count(*), ifnull(sum({connect_sql('t')}), 0), "
        "ifnull(sum(t.reached_decision_maker <> 0), 0), ifnull(sum(t.outcome = 'appointment'), 0) "
        "FROM touches t WHERE t.kind = 'call' AND t.at >= ? AND t.at < ? GROUP BY 1", [low, high])
    return {caller: dict(zip(("calls", "connects", "key_person", "appointments"), counts, strict=True))
            for caller, *counts in rows}


def _meetings_by_caller(db: Database, period: Period) -> dict[str, dict[str, int]]:
    low, high = period.bounds()
    rows = db.execute(
        "SELECT coalesce(m.caller, ''), count(*), ifnull(sum(m.outcome = 'won'), 0), "
        "ifnull(sum(CASE WHEN m.outcome = 'won' THEN m.order_amount END), 0) FROM meetings m "
        "WHERE m.starts_at >= ? AND m.starts_at < ? AND m.status = 'held' GROUP BY 1", [low, high])
    return {caller: {"meetings_held": held, "won": won, "order_amount": amount}
            for caller, held, won, amount in rows}


def _team_figures(db: Database, period: Period) -> dict[str, int]:
    """The figures of every account, as the KPI page counts them."""
    counts = touch_counts(db, period, Scope()) | meeting_counts(db, period, Scope())
    counts["order_amount"] = order_amounts(db, period, Scope())[0]
    return {key: int(counts[key]) for key in CALLER_FIGURES}


def caller_table(db: Database, period: Period, *, today: date | None = None) -> CallerTable:
    """Every caller's figures of ``period`` side by side, and the team's (every account's) total."""
    today = today or clock.today()
    touches = _touches_by_caller(db, period)
    meetings = _meetings_by_caller(db, period)
    members = team_members(db)
    names = sorted(set(touches) | set(meetings) | set(members), key=lambda name: (name == "", name))
    empty = dict.fromkeys(CALLER_FIGURES, 0)
    callers = []
    for name in names:
        figures = {**empty, **touches.get(name, {}), **meetings.get(name, {})}
        own = goal_report(db, period, Scope.of_caller(name), today=today) if name else None
        callers.append(CallerRow(name, {key: int(figures[key]) for key in CALLER_FIGURES},
                                 member=name in members, active=members.get(name, True),
                                 goal=_target(own)))
    goals = goal_report(db, period, Scope(), today=today)
    team = CallerRow(None, _team_figures(db, period), goal=_target(goals))
    return CallerTable(period, tuple(callers), team, goals)


def _target(report: GoalReport | None) -> GoalProgress | None:
    return next((item for item in report.items if item.key == TARGET_KEY), None) if report else None


def in_team(db: Database) -> bool:
    """Whether the file is bound to a team's server (``models.team.join``)."""
    row = db.execute("SELECT server FROM sync_state WHERE id = 1").fetchone()
    return bool(row and row[0])


def callers_of(db: Database) -> list[str]:
    """Every caller named in the file (touches, meetings, plans, the team's members), for a scope list.

    Each table is read on its own with DISTINCT: a plain scan of the touches (no index has the caller)
    costs about a third of reading them into one UNION, which sorts every row.
    """
    names: set[str] = set()
    for sql in ("SELECT DISTINCT caller FROM touches", "SELECT DISTINCT caller FROM meetings",
                "SELECT DISTINCT caller FROM plans", "SELECT DISTINCT display_name FROM team_members"):
        names.update(name for (name,) in db.execute(sql) if name)
    return sorted(names)


@dataclass(frozen=True)
class TeamReview:
    """The team's review sheet: the callers side by side, then (optionally) each caller's review."""

    table: CallerTable
    generated_at: datetime
    pages: tuple[ReviewData, ...] = ()
    decisions: tuple[Decision, ...] = ()
    today: date | None = None

    @property
    def title(self) -> str:
        """チーム週次 / 月次 / 期間レビューシート, as the period is a week, a month or another range."""
        return "チーム" + REVIEW_TITLES[period_kind(self.table.period)]


def gather_team_review(db: Database, period: Period, *, per_caller: bool = False, today: date | None = None,
                       generated_at: datetime | None = None) -> TeamReview:
    """The side-by-side table of ``period``, the review's decisions and, with ``per_caller``, each caller's
    own review (every caller of the table but those with nothing in the period and no longer active)."""
    today = today or clock.today()
    generated_at = generated_at or clock.now()
    table = caller_table(db, period, today=today)
    pages = tuple(gather_review(db, period, row.scope(), today=today, generated_at=generated_at)
                  for row in table.callers if per_caller and (row.active or any(row.figures.values())))
    return TeamReview(table, generated_at, pages, tuple(review_decisions(db, period)), today)
