"""Communication lead time (コミュニケーションのリードタイム): were the promised touches made on time?

For a period (days ``start``..``end``, both included) the plans counted are those due in it that were
done, or are still open although their day has passed (not yet due: not counted; skipped: not
counted). A plan is on time when it was done on its day or earlier. Delays count business days
(``planning.calendar``: weekends, public holidays and the closure days of the settings are not):
the delay of a done plan is the number of business days after its due day up to and including the
day it was done, and at least 1 when it was done after its day (0 when on time). So a plan due on a
Friday and done on Monday is 1 day late (not 3), one due the Friday before a Monday holiday and done
on Tuesday is 1 day late, and one due on Friday and done on Saturday is 1 day late. An open overdue
plan is late as if it were done ``today``. Every figure comes with the rows behind it.

Silent accounts (放置アカウント) are accounts being worked (in progress or nurturing) with no touch
for ``days`` days (or none ever) and no open plan: nobody will call them unless someone notices.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from models.planning.calendar import CalendarRules, Closure, business_days_between, load_calendar
from models.store import clock
from models.store.errors import ValidationError

SILENT_STATUSES = ("in_progress", "nurturing")
DEFAULT_SILENT_DAYS = 30


@dataclass(frozen=True)
class PlanDelay:
    """One plan of the period and how late it was."""

    plan_id: int
    company_id: int
    company_name: str
    due: str
    status: str  # 'done' or 'open'
    done_at: str | None
    delay_days: int  # business days (see the module docstring)
    hypothesis: str | None = None


@dataclass(frozen=True)
class LeadTime:
    start: date
    end: date
    plans: tuple[PlanDelay, ...]  # every plan counted, due order

    @property
    def on_time(self) -> tuple[PlanDelay, ...]:
        return tuple(p for p in self.plans if p.status == "done" and p.delay_days == 0)

    @property
    def late(self) -> tuple[PlanDelay, ...]:
        """Done late, or still open past their day; the latest first."""
        late = [p for p in self.plans if p.delay_days > 0]
        return tuple(sorted(late, key=lambda p: (-p.delay_days, p.due, p.plan_id)))

    @property
    def done(self) -> tuple[PlanDelay, ...]:
        return tuple(p for p in self.plans if p.status == "done")

    @property
    def on_time_share(self) -> float | None:
        """Share of the counted plans done on (or before) their day; None when none were counted."""
        return len(self.on_time) / len(self.plans) if self.plans else None

    @property
    def median_delay(self) -> float | None:
        delays = [p.delay_days for p in self.done]
        return float(statistics.median(delays)) if delays else None

    @property
    def p90_delay(self) -> int | None:
        """The 90th percentile of the done plans' delays (nearest rank: 9 in 10 were this late or less)."""
        delays = sorted(p.delay_days for p in self.done)
        if not delays:
            return None
        return delays[max(0, math.ceil(0.9 * len(delays)) - 1)]


def _day_of(text: str) -> date:
    return date.fromisoformat(text[:10])


def _done_day(text: str) -> date:
    """The day a plan was done, in the working zone (``done_at`` is stored with its offset)."""
    try:
        return clock.parse(text).date()
    except ValueError:
        return _day_of(text)


def _delay(due_day: date, done_day: date, closures: tuple[Closure, ...]) -> int:
    """Business days late: after ``due_day`` up to ``done_day``, at least 1 when done after the day."""
    if done_day <= due_day:
        return 0
    return max(1, business_days_between(due_day, done_day, closures))


def lead_time(db: Database, start: date, end: date, today: date | None = None,
              company_ids: list[int] | None = None, calendar: CalendarRules | None = None) -> LeadTime:
    """The lead-time figures for plans due from ``start`` to ``end`` (see the module docstring)."""
    if end < start:
        raise ValidationError("期間の終了日は開始日以降の日付を指定してください。")
    today = today or clock.today()
    params: list = [start.isoformat(), (end + timedelta(days=1)).isoformat()]
    where = ""
    if company_ids is not None:
        where = f" AND p.company_id IN ({','.join('?' * len(company_ids))})"
        params += list(company_ids)
    rows = db.query(
        f"""SELECT p.id AS plan_id, p.company_id, c.name AS company_name, p.due, p.status, p.done_at,
            p.hypothesis
        FROM plans p JOIN companies c ON c.id = p.company_id
        WHERE p.status IN ('done', 'open') AND p.due >= ? AND p.due < ? {where}
        ORDER BY p.due, p.id""",
        params,
    )
    closures = tuple((calendar or load_calendar(db)).closures)
    plans = []
    for row in rows:
        due_day = _day_of(row["due"])
        if row["status"] == "open":
            if due_day >= today:
                continue  # not due yet: neither on time nor late
            delay = _delay(due_day, today, closures)
        else:
            done_day = _done_day(row["done_at"]) if row["done_at"] else due_day
            delay = _delay(due_day, done_day, closures)
        plans.append(PlanDelay(delay_days=delay, **row))
    return LeadTime(start=start, end=end, plans=tuple(plans))


@dataclass(frozen=True)
class SilentAccount:
    company_id: int
    company_name: str
    status: str
    last_touch_at: str | None
    silent_days: int | None  # None: never touched
    phone: str | None = None


def silent_accounts(db: Database, today: date | None = None, days: int = DEFAULT_SILENT_DAYS,
                    limit: int | None = None) -> list[SilentAccount]:
    """Accounts in progress or nurturing, untouched for ``days`` days or more, with no open plan;
    the longest silent first (never touched ones first of all)."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValidationError("放置とみなす日数は 1 以上の整数で指定してください。")
    today = today or clock.today()
    cutoff = (today - timedelta(days=days - 1)).isoformat()
    statuses = ",".join(f"'{s}'" for s in SILENT_STATUSES)
    sql = f"""SELECT c.id AS company_id, c.name AS company_name, c.status, c.last_touch_at, c.phone
        FROM companies c
        WHERE c.status IN ({statuses}) AND (c.last_touch_at IS NULL OR c.last_touch_at < ?)
          AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.company_id = c.id AND p.status = 'open')
        ORDER BY c.last_touch_at IS NOT NULL, c.last_touch_at, c.id"""
    params: list = [cutoff]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    result = []
    for row in db.query(sql, params):
        last = row["last_touch_at"]
        silent = (today - _done_day(last)).days if last else None
        result.append(SilentAccount(silent_days=silent, **row))
    return result
