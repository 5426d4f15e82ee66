"""The Agenda page's plans: every open plan, grouped overdue / today / this week / next week / later.

Unlike the Today queue (models.planning.agenda), this shows every kind of touch and every open plan, so the
caller can see what is coming. Accounts that are do-not-call or disqualified are left out. "Later"
can be long on a big database: it is cut at ``later_limit`` rows, and its full count is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from models.accounts.vocab import CLOSED_STATUSES

GROUPS = ("overdue", "today", "this_week", "next_week", "later")
_CLOSED_SQL = ", ".join(f"'{status}'" for status in CLOSED_STATUSES)


@dataclass(frozen=True)
class AgendaPlan:
    plan_id: int
    company_id: int
    company_name: str
    phone: str | None
    due: str
    kind: str
    hypothesis: str | None
    hypothesis_template: str | None
    contact_name: str | None
    source: str
    cadence_name: str | None
    group: str


@dataclass(frozen=True)
class AgendaGroups:
    today: date
    rows: dict[str, tuple[AgendaPlan, ...]]
    counts: dict[str, int]  # the full count of each group ("later" may hold fewer rows)

    def company_ids(self) -> list[int]:
        """Every company shown, in agenda order, once each."""
        return list(dict.fromkeys(row.company_id for group in GROUPS for row in self.rows[group]))


def week_bounds(today: date) -> tuple[date, date]:
    """The first day after this week (next Monday) and the first day after next week."""
    next_monday = today + timedelta(days=7 - today.weekday())
    return next_monday, next_monday + timedelta(days=7)


def group_of(due_day: date, today: date) -> str:
    next_monday, after_next_week = week_bounds(today)
    if due_day < today:
        return "overdue"
    if due_day == today:
        return "today"
    if due_day < next_monday:
        return "this_week"
    if due_day < after_next_week:
        return "next_week"
    return "later"


def agenda_groups(
    db: Database, today: date, *, list_id: int | None = None, kind: str | None = None,
    later_limit: int = 1000,
) -> AgendaGroups:
    """The open plans by group, each group in due order (timed plans of a day by their time)."""
    _, after_next_week = week_bounds(today)
    where = f"p.status = 'open' AND c.status NOT IN ({_CLOSED_SQL})"
    params: list = []
    if list_id is not None:
        where += (" AND EXISTS (SELECT 1 FROM list_members m"
                  " WHERE m.company_id = p.company_id AND m.list_id = ?)")
        params.append(list_id)
    if kind is not None:
        where += " AND p.kind = ?"
        params.append(kind)
    select = f"""SELECT p.id AS plan_id, p.company_id, c.name AS company_name, c.phone, p.due, p.kind,
        p.hypothesis, p.hypothesis_template, k.name AS contact_name, p.source, cd.name AS cadence_name
        FROM plans p JOIN companies c ON c.id = p.company_id
        LEFT JOIN contacts k ON k.id = p.contact_id LEFT JOIN cadences cd ON cd.id = p.cadence_id
        WHERE {where}"""
    boundary = after_next_week.isoformat()
    near = db.query(f"{select} AND p.due < ? ORDER BY p.due, p.id", [*params, boundary])
    later = db.query(f"{select} AND p.due >= ? ORDER BY p.due, p.id LIMIT ?",
                     [*params, boundary, later_limit])
    later_count = db.execute(
        f"SELECT COUNT(*) FROM plans p JOIN companies c ON c.id = p.company_id WHERE {where} AND p.due >= ?",
        [*params, boundary],
    ).fetchone()[0]
    grouped: dict[str, list[AgendaPlan]] = {group: [] for group in GROUPS}
    for row in [*near, *later]:
        group = group_of(date.fromisoformat(row["due"][:10]), today)
        grouped[group].append(AgendaPlan(group=group, **row))
    counts = {group: len(rows) for group, rows in grouped.items()}
    counts["later"] = later_count
    return AgendaGroups(today=today, rows={g: tuple(rows) for g, rows in grouped.items()}, counts=counts)
